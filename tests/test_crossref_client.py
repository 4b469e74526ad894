"""The Crossref client against answers shaped exactly as Crossref sends them (responses, no network)."""

import json
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import responses

from citecheck.services.crossref import CrossrefService, work_from_crossref
from citecheck.services.http import HttpTransport, user_agent
from citecheck.services.interface import ServiceError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crossref"
BASE = "https://api.crossref.org"
LIMIT_HEADERS = {"x-api-pool": "polite", "x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}


def _service(**kw) -> CrossrefService:
    kw.setdefault("mailto", "editor@example.org")
    transport = HttpTransport(BASE, sleep=lambda s: None, **kw)
    return CrossrefService(transport)


def _load(name):
    return json.loads((FIXTURES / name).read_text())


@responses.activate
def test_doi_hit_becomes_a_work_with_all_fields():
    body = _load("work-10.1016_j.jcm.2018.11.005.json")
    responses.get(f"{BASE}/works/10.1016/j.jcm.2018.11.005", json=body, headers=LIMIT_HEADERS)
    work = _service().work("10.1016/j.jcm.2018.11.005")
    assert work.doi == "10.1016/j.jcm.2018.11.005"
    assert work.title.startswith("Active Visceral Manipulation")
    assert work.journal == "Journal of Chiropractic Medicine"
    assert (work.volume, work.pages, work.year) == ("18", "79-89", 2019)
    assert work.authors[0].surname == "Villalta Santos"


@responses.activate
def test_request_is_polite_mailto_and_user_agent():
    responses.get(f"{BASE}/works/10.1/x", body="Resource not found.", status=404, content_type="text/plain")
    _service().work("10.1/x")
    sent = responses.calls[0].request
    assert parse_qs(urlparse(sent.url).query)["mailto"] == ["editor@example.org"]
    assert sent.headers["User-Agent"].startswith("citecheck/")
    assert "mailto:editor@example.org" in sent.headers["User-Agent"]


@responses.activate
def test_doi_404_plain_text_is_none_not_an_error():
    responses.get(f"{BASE}/works/10.1371/notarealdoi", body="Resource not found.", status=404, content_type="text/plain")
    assert _service().work("10.1371/notarealdoi") is None


@responses.activate
def test_bibliographic_query_gives_ranked_works_with_scores_and_select():
    body = _load("query-bibliographic-cermine.json")
    responses.get(f"{BASE}/works", json=body, headers=LIMIT_HEADERS)
    works = _service().search("Tkaczyk D et al. CERMINE: automatic extraction ... IJDAR 2015", rows=5)
    assert [w.doi for w in works[:2]] == ["10.1007/s10032-015-0249-8", "10.1109/das.2014.63"]
    assert works[0].score > works[1].score
    params = parse_qs(urlparse(responses.calls[0].request.url).query)
    assert params["query.bibliographic"][0].startswith("Tkaczyk")
    assert params["rows"] == ["5"]
    assert "DOI" in params["select"][0].split(",") and "updated-by" in params["select"][0].split(",")


@responses.activate
def test_429_then_success_is_retried_and_slows_the_pace():
    responses.get(f"{BASE}/works/10.1/a", status=429, headers={"Retry-After": "0"})
    responses.get(f"{BASE}/works/10.1/a", json={"status": "ok", "message-type": "work", "message": {"DOI": "10.1/A", "title": ["T"]}})
    service = _service()
    work = service.work("10.1/a")
    assert work.doi == "10.1/a" and work.title == "T"
    assert len(responses.calls) == 2
    assert service.transport.stats["too_many"] == 1


@responses.activate
def test_5xx_exhausted_raises_service_error_never_none():
    responses.get(f"{BASE}/works/10.1/a", status=503, body="Service Unavailable")
    with pytest.raises(ServiceError, match="503"):
        _service(max_attempts=3).work("10.1/a")
    assert len(responses.calls) == 3


@responses.activate
def test_malformed_json_is_retried_then_error():
    responses.get(f"{BASE}/works", body='{"status":"ok","message":{"items":[', content_type="application/json")
    with pytest.raises(ServiceError, match="JSON"):
        _service(max_attempts=2).search("anything", rows=5)


@responses.activate
def test_validation_failure_400_is_an_error():
    body = {"status": "failed", "message-type": "validation-failure", "message": [{"type": "parameter-not-allowed"}]}
    responses.get(f"{BASE}/works", json=body, status=400)
    with pytest.raises(ServiceError, match="400"):
        _service().search("anything", rows=5)


@responses.activate
def test_headers_change_the_pace():
    responses.get(f"{BASE}/works/10.1/a", json={"status": "ok", "message": {"DOI": "10.1/a"}},
                  headers={"x-api-pool": "polite-single", "x-rate-limit-limit": "50", "x-rate-limit-interval": "1s", "x-concurrency-limit": "7"})
    service = _service()
    service.work("10.1/a")
    bucket = service.transport.limiter.bucket("single")
    assert bucket.rate == 50 and bucket.concurrency == 7
    assert service.transport.limiter.bucket("list").rate == 3.0  # the list pool is another budget


@responses.activate
def test_plus_token_sent_as_header():
    responses.get(f"{BASE}/works/10.1/a", body="Resource not found.", status=404, content_type="text/plain")
    _service(plus_token="sekrit").work("10.1/a")
    assert responses.calls[0].request.headers["Crossref-Plus-API-Token"] == "Bearer sekrit"


@responses.activate
def test_agency_of_datacite_doi_and_unknown_doi():
    responses.get(f"{BASE}/works/10.5061/dryad.1/agency",
                  json={"status": "ok", "message-type": "work-agency", "message": {"DOI": "10.5061/dryad.1", "agency": {"id": "datacite", "label": "DataCite"}}})
    responses.get(f"{BASE}/works/10.9999/none/agency", body="Resource not found.", status=404, content_type="text/plain")
    service = _service()
    assert service.agency("10.5061/dryad.1") == "datacite"
    assert service.agency("10.9999/none") is None


def test_correction_notice_is_read_and_is_not_a_retraction():
    work = work_from_crossref(_load("work-with-correction.json")["message"])
    assert [n.type for n in work.notices] == ["correction"]
    assert work.notices[0].doi == "10.1038/s41598-020-76436-0"
    assert not work.retracted


def test_retraction_notice_flags_the_work():
    msg = {"DOI": "10.1/r", "title": ["T"], "updated-by": [
        {"type": "retraction", "DOI": "10.1/notice", "source": "retraction-watch", "updated": {"date-parts": [[2021, 5, 2]]}}]}
    work = work_from_crossref(msg)
    assert work.retracted and work.notices[0].source == "retraction-watch" and work.notices[0].date == "2021-5-2"


def test_wrong_types_and_markup_do_not_crash():
    msg = {"DOI": "10.1/x", "title": 42, "author": "nobody", "container-title": ["<i>Nature</i> &amp; Science"],
           "issued": {"date-parts": [[None]]}, "volume": 7, "page": ["1-2"], "updated-by": [None, "x"]}
    work = work_from_crossref(msg)
    assert work.title is None and work.authors == () and work.year is None
    assert work.journal == "Nature & Science" and work.volume == "7" and work.pages == "1-2"


def test_user_agent_names_citecheck_version_and_home():
    ua = user_agent(None)
    assert ua.startswith("citecheck/") and "http" in ua and "mailto" not in ua


def test_doi_with_angle_brackets_is_kept_whole():
    doi = "10.1002/(SICI)1097-0185(19991101)256:3<252::AID-AR5>3.0.CO;2-6"
    work = work_from_crossref({"DOI": doi, "title": ["T"]})
    assert work.doi == doi.lower()


@responses.activate
def test_list_answer_with_wrong_types_is_an_error_or_used_where_usable():
    responses.get(f"{BASE}/works", json={"status": "ok", "message": {"items": 42}})
    with pytest.raises(ServiceError, match="no items"):
        _service().search("x", rows=5)
    responses.replace(responses.GET, f"{BASE}/works", json={"status": "ok", "message": {"items": [
        7, None, {"title": ["no DOI"]}, {"DOI": "10.1/ok", "title": "<b>Bold</b> &amp; plain", "author": [{"family": 3}, "x"]}]}})
    works = _service().search("x", rows=5)
    assert [(w.doi, w.title) for w in works] == [("10.1/ok", "Bold & plain")]


@responses.activate
def test_oversized_answer_is_refused(monkeypatch):
    monkeypatch.setattr("citecheck.services.http.MAX_BODY_BYTES", 1000)
    responses.get(f"{BASE}/works/10.1/big", body="x" * 5000, content_type="application/json")
    with pytest.raises(ServiceError, match="larger than"):
        _service(max_attempts=1).work("10.1/big")


@responses.activate
def test_work_answer_that_is_not_a_work_is_an_error():
    responses.get(f"{BASE}/works/10.1/odd", json=["not", "a", "work"])
    with pytest.raises(ServiceError):
        _service().work("10.1/odd")
