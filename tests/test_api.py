"""The Python API returns the same result objects the reports are made from."""

from citecheck.api import check_file, check_text
from citecheck.models import Verdict
from tests.conftest import FIXTURES


def test_check_file_and_check_text_agree(fake_crossref):
    options = {"crossref_url": fake_crossref.url, "use_cache": False}
    from_file = check_file(FIXTURES / "sample-article.md", **options)
    from_text = check_text((FIXTURES / "sample-article.md").read_text(), name="draft.md", **options)
    assert [r.verdict for r in from_file.results] == [r.verdict for r in from_text.results]
    assert from_file.results[8].verdict is Verdict.MISMATCH
    assert from_file.results[8].match.doi == "10.1038/nature17998"
    assert from_text.path == "draft.md"


def test_check_file_missing_is_an_error_value(tmp_path):
    doc = check_file(tmp_path / "nope.md", use_cache=False)
    assert doc.error == "no such file" and doc.results == ()
