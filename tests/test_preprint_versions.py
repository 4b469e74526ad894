"""A preprint that a journal has published since names that article in Crossref's `relation`
("is-preprint-of"): a preprint cited as one is verified with the journal version named; one matched
for an entry that cites the journal is looked past, to the article itself.  The records here are
written by hand in Crossref's shape (the shared works hold the inverse, `has-preprint`, on journal
articles: works/IMM-MIC_64.json)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from citecheck.checker import resolve
from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Verdict, Work
from citecheck.services.cached import work_from_dict, work_to_dict
from citecheck.services.crossref import SELECT_FIELDS, work_from_crossref
from citecheck.services.http import request_key
from citecheck.services.interface import Service, ServiceError
from citecheck.services.recorded import ReplayTransport
from tests.conftest import run_cli
from tests.fake_crossref import FakeCrossref

TITLE = "COVID-19 antibody seroprevalence in Santa Clara County, California"
PREPRINT = {
    "DOI": "10.1101/2020.04.14.20062463", "type": "posted-content", "subtype": "preprint",
    "title": [TITLE], "institution": [{"name": "medRxiv"}], "publisher": "Cold Spring Harbor Laboratory",
    "posted": {"date-parts": [[2020, 4, 17]]}, "issued": {"date-parts": [[2020, 4, 17]]},
    "author": [{"given": "Eran", "family": "Bendavid", "sequence": "first"},
               {"given": "Bianca", "family": "Mulaney", "sequence": "additional"},
               {"given": "Neeraj", "family": "Sood", "sequence": "additional"}],
    "relation": {"is-preprint-of": [{"id-type": "doi", "id": "10.1093/ije/dyab010", "asserted-by": "subject"}]},
}
ARTICLE = {
    "DOI": "10.1093/ije/dyab010", "type": "journal-article", "title": [TITLE],
    "container-title": ["International Journal of Epidemiology"], "short-container-title": ["Int J Epidemiol"],
    "issued": {"date-parts": [[2021, 4, 17]]}, "volume": "50", "issue": "2", "page": "410-419",
    "author": PREPRINT["author"],
    "relation": {"has-preprint": [{"id-type": "doi", "id": "10.1101/2020.04.14.20062463", "asserted-by": "object"}]},
}
AS_PREPRINT = (f"Bendavid E, Mulaney B, Sood N. {TITLE}. medRxiv. Preprint posted online April 17, 2020. "
               "doi:10.1101/2020.04.14.20062463")
AS_ARTICLE = f"Bendavid E, Mulaney B, Sood N. {TITLE}. Int J Epidemiol. 2021;50(2):410-419."


def test_a_preprints_relation_names_its_journal_versions():
    assert work_from_crossref(PREPRINT).journal_versions == ("10.1093/ije/dyab010",)
    assert work_from_crossref(ARTICLE).journal_versions == ()  # an article's own preprint is no version of it
    twice = dict(PREPRINT, relation={"is-preprint-of": [
        {"id-type": "doi", "id": "10.1093/IJE/dyab010", "asserted-by": "subject"},
        {"id-type": "doi", "id": "10.1093/ije/dyab010", "asserted-by": "object"},
        {"id-type": "uri", "id": "https://example.org/x", "asserted-by": "subject"}, "junk"]})
    assert work_from_crossref(twice).journal_versions == ("10.1093/ije/dyab010",)
    for odd in ({}, {"is-preprint-of": "10.1/x"}, [], None):
        assert work_from_crossref(dict(PREPRINT, relation=odd)).journal_versions == ()
    work = work_from_crossref(PREPRINT)
    assert work_from_dict(work_to_dict(work)) == work  # the cache keeps them


def test_a_preprint_cited_as_one_is_verified_with_its_journal_version_named():
    preprint = work_from_crossref(PREPRINT)
    result = judge(parse_reference(AS_PREPRINT, 1), Evidence(doi_work=preprint, doi_known=True))
    assert result.verdict is Verdict.VERIFIED
    assert "a preprint, published since as a journal article: https://doi.org/10.1093/ije/dyab010" in result.reason
    plain = dataclasses.replace(preprint, journal_versions=())
    assert "published since" not in judge(parse_reference(AS_PREPRINT, 1), Evidence(doi_work=plain, doi_known=True)).reason


def test_the_preprints_doi_on_a_journals_details_is_a_mismatch_naming_the_version():
    preprint = work_from_crossref(PREPRINT)
    cited = parse_reference(AS_ARTICLE + " doi:10.1101/2020.04.14.20062463", 1)
    result = judge(cited, Evidence(doi_work=preprint, doi_known=True))
    assert result.verdict is Verdict.MISMATCH
    assert "the preprint was published since as a journal article: https://doi.org/10.1093/ije/dyab010" in result.reason


class _Service(Service):
    """Answers a search with the preprint alone; looks works up by DOI in ``works``."""

    def __init__(self, works: dict[str, Work]):
        self.works = works
        self.asked: list[str] = []

    def work(self, doi):
        self.asked.append(doi)
        return self.works.get(doi)

    def search(self, query, rows):
        return [work_from_crossref(PREPRINT)]

    def agency(self, doi):
        return "crossref"


def test_a_search_that_finds_only_the_preprint_asks_for_its_journal_version():
    article = work_from_crossref(ARTICLE)
    service = _Service({article.doi: article})
    _, result = resolve(parse_reference(AS_ARTICLE, 1), service)
    assert service.asked == ["10.1093/ije/dyab010"]
    assert result.verdict is Verdict.VERIFIED and result.match.doi == article.doi
    # the version not found: the mismatch with the preprint stands, and names the version
    _, result = resolve(parse_reference(AS_ARTICLE, 1), _Service({}))
    assert result.verdict is Verdict.MISMATCH and "https://doi.org/10.1093/ije/dyab010" in result.reason
    # a preprint cited as one asks for nothing more
    service = _Service({article.doi: article})
    _, result = resolve(parse_reference(AS_PREPRINT.replace(" doi:10.1101/2020.04.14.20062463", ""), 1), service)
    assert result.verdict is Verdict.VERIFIED and service.asked == []


def test_the_cli_asks_for_the_relation_and_names_the_journal_version(tmp_path):
    article = tmp_path / "article.md"
    article.write_text("# Antibodies\n\nA county survey [1].\n\n## References\n\n1. "
                       + AS_PREPRINT.replace(" doi:10.1101/2020.04.14.20062463", "") + "\n")
    with FakeCrossref([PREPRINT], rate_limit=200) as server:  # the fake keeps only the fields `select` names
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--format", "json")
    result, = run.json()["documents"][0]["citations"]
    assert result["verdict"] == "verified"
    assert "published since as a journal article: https://doi.org/10.1093/ije/dyab010" in result["reason"]
    assert result["match"]["journal_versions"] == ["10.1093/ije/dyab010"]


def test_a_recording_made_when_other_fields_were_selected_still_answers(tmp_path):
    # Asking for `relation` changed every search's `select`: a recording made before (the README's
    # first command replays one) must still answer the same searches.
    old = ",".join(f for f in SELECT_FIELDS if f != "relation")
    asked = {"query.bibliographic": AS_ARTICLE, "rows": 10}
    body = {"status": "ok", "message-type": "work-list", "message": {"items": [PREPRINT]}}
    path = tmp_path / "old.crossref.json"
    path.write_text(json.dumps({"recorded": "before", "exchanges": [
        {"request": request_key("/works", {**asked, "select": old}), "status": 200, "body": body}]}))
    replay = ReplayTransport(path)
    answer = replay.get("/works", {**asked, "select": ",".join(SELECT_FIELDS)}, kind="list")
    assert answer.status == 200 and answer.body == body
    with pytest.raises(ServiceError, match="holds no answer"):
        replay.get("/works", {**asked, "rows": 5, "select": ",".join(SELECT_FIELDS)}, kind="list")
