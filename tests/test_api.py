"""The Python API returns the same result objects the reports are made from."""

import pytest

from citecheck.api import check_file, check_inputs_with, check_text
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


@pytest.mark.parametrize("options, message", [
    ({"max_rate": 0}, "max_rate must be more than 0, not 0"),
    ({"max_rate": -1.5}, "max_rate must be more than 0, not -1.5"),
    ({"concurrency": 0}, "concurrency must be at least 1, not 0"),
    ({"timeout_secs": 0}, "timeout_secs must be more than 0, not 0"),
    ({"max_file_mb": 0}, "max_file_mb must be at least 1, not 0"),
    ({"breaker_failures": 0}, "breaker_failures must be at least 1, not 0"),
    ({"max_rate": "fast"}, "max_rate must be a number, not 'fast'"),
])
def test_limits_no_run_can_work_with_are_value_errors(options, message, tmp_path, fake_crossref):
    # The same limits the command line refuses as usage errors (tests/test_service_options.py).
    options = {"crossref_url": fake_crossref.url, "use_cache": False, **options}
    for call in (lambda: check_text("x", **options), lambda: check_file(tmp_path / "a.md", **options),
                 lambda: check_inputs_with([], **options)):
        with pytest.raises(ValueError, match=f"^{message}$"):
            call()
    assert fake_crossref.requests == []
