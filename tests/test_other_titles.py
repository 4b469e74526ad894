"""A record's titles in other languages: Crossref's `title` holds one per language for multilingual
journals (SciELO deposits Portuguese or Spanish with English), and a translation's record may give
its original's (`original-title`).  A citation of the work by any of them is the work's title; only
the first had been compared, so an article cited by its English title was not found.  The record
here is written by hand in Crossref's shape, modelled on SciELO's."""

from __future__ import annotations

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Verdict
from citecheck.services.cached import work_from_dict, work_to_dict
from citecheck.services.crossref import work_from_crossref
from tests.conftest import run_cli
from tests.fake_crossref import FakeCrossref

PT = "Prevalência de hipertensão arterial e fatores associados em adultos de uma capital brasileira"
EN = "Prevalence of arterial hypertension and associated factors in adults of a Brazilian state capital"
RECORD = {
    "DOI": "10.1590/s0034-89102019000100009", "type": "journal-article", "title": [PT, EN],
    "container-title": ["Revista de Saúde Pública"], "short-container-title": ["Rev. saúde pública"],
    "issued": {"date-parts": [[2019]]}, "volume": "53", "page": "9", "language": "pt",
    "author": [{"given": "Maria", "family": "Silva", "sequence": "first"},
               {"given": "João", "family": "Souza", "sequence": "additional"}],
}


def test_the_records_other_titles_are_kept():
    work = work_from_crossref(RECORD)
    assert (work.title, work.other_titles) == (PT, (EN,))
    translated = dict(RECORD, title=[EN], **{"original-title": [PT, EN]})
    assert work_from_crossref(translated).other_titles == (PT,)
    assert work_from_dict(work_to_dict(work)) == work


def test_a_work_cited_by_its_title_in_another_language_is_verified():
    work = work_from_crossref(RECORD)
    for title in (EN, PT):
        cited = parse_reference(f"Silva M, Souza J. {title}. Rev Saude Publica. 2019;53:9.", 1)
        result = judge(cited, Evidence(candidates=(work,)))
        assert result.verdict is Verdict.VERIFIED, result.reason
    # a word changed in the English title is still named, against that title
    cited = parse_reference(f"Silva M, Souza J. {EN.replace('adults', 'children')}. Rev Saude Publica. 2019;53:9.", 1)
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.MISMATCH and '"children"' in result.reason


def test_the_cli_finds_the_work_by_its_english_title(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(f"# Blood pressure\n\nA survey [1].\n\n## References\n\n1. Silva M, Souza J. {EN}. "
                       "Rev Saude Publica. 2019;53:9.\n")
    with FakeCrossref([RECORD], rate_limit=200) as server:
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--format", "json")
    result, = run.json()["documents"][0]["citations"]
    assert result["verdict"] == "verified", result["reason"]
