"""Tests of the fake Crossref server itself: if it drifts from Crossref's answers, every
end-to-end test built on it tests the wrong thing.  Shapes checked here come from the real
answers in ``../shared/crossref/`` (see ``tests/fake_crossref.py``)."""

from __future__ import annotations

import json
import random
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

from tests.fake_crossref import MAX_ROWS, FakeCrossref, _SearchIndex, load_corpus

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
SEED_001 = ROOT.parent / "shared" / "seeds" / "001_9bcee23dc18f0278.txt"

LIMIT_HEADERS = ("x-api-pool", "x-rate-limit-limit", "x-rate-limit-interval", "x-concurrency-limit")


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load_corpus(CORPUS)


@pytest.fixture(scope="module")
def fake(corpus):
    with FakeCrossref(corpus, agencies={"10.5281/zenodo.1234": "datacite"}) as server:
        yield server


def get(fake: FakeCrossref, path: str, **params) -> requests.Response:
    return requests.get(fake.url + path, params=params or None, timeout=5)


# -- single works ---------------------------------------------------------------------------


def test_binds_loopback_on_ephemeral_port(fake):
    parts = urlsplit(fake.url)
    assert parts.hostname == "127.0.0.1"
    assert parts.port and parts.port > 0


def test_work_by_doi_is_shaped_like_crossref(fake):
    r = get(fake, "/works/10.1038/nm.4050")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == "ok"
    assert body["message-type"] == "work"
    assert body["message-version"] == "1.0.0"
    assert body["message"]["DOI"] == "10.1038/nm.4050"
    assert body["message"]["volume"] == "22"


def test_work_lookup_ignores_case_and_percent_encoding(fake):
    r = get(fake, "/works/10.1111%2FCNS.12099")
    assert r.status_code == 200
    assert r.json()["message"]["DOI"] == "10.1111/cns.12099"
    # DOIs with brackets and more slashes survive the trip too.
    assert get(fake, "/works/10.1016/S1474-4422(14)70251-0").status_code == 200


def test_unknown_doi_gets_crossrefs_plain_text_404(fake):
    r = get(fake, "/works/10.1371/notarealdoi")
    assert r.status_code == 404
    assert r.headers["content-type"] == "text/plain"
    assert r.text == "Resource not found."


def test_field_query_on_single_work_route_is_a_validation_failure(fake):
    r = get(fake, "/works/10.1038/nm.4050", **{"query.author": "duman"})
    assert r.status_code == 400
    body = r.json()
    assert body["status"] == "failed"
    assert body["message-type"] == "validation-failure"
    assert body["message"][0]["type"] == "parameter-not-allowed"


def test_agency_of_crossref_work_other_agency_and_unknown(fake):
    body = get(fake, "/works/10.1038/NM.4050/agency").json()
    assert body["message-type"] == "work-agency"
    assert body["message"] == {"DOI": "10.1038/nm.4050",
                               "agency": {"id": "crossref", "label": "Crossref"}}
    other = get(fake, "/works/10.5281/zenodo.1234/agency").json()["message"]["agency"]
    assert other == {"id": "datacite", "label": "DataCite"}
    # Crossref itself does not hold the DataCite DOI.
    assert get(fake, "/works/10.5281/zenodo.1234").status_code == 404
    missing = get(fake, "/works/10.9999/nobody-registered-this/agency")
    assert missing.status_code == 404 and missing.text == "Resource not found."


def test_every_answer_carries_pool_and_limit_headers(fake):
    for r in (get(fake, "/works/10.1038/nm.4050"), get(fake, "/works/10.1/none"),
              get(fake, "/works", rows="1"), get(fake, "/works", bogus="1")):
        for name in LIMIT_HEADERS:
            assert name in r.headers, (r.status_code, name)
    r = get(fake, "/works", rows="1")
    assert r.headers["x-api-pool"] == "polite"
    assert r.headers["x-rate-limit-limit"] == "50"
    assert r.headers["x-rate-limit-interval"] == "1s"
    assert r.headers["x-concurrency-limit"] == "10"


# -- searching ------------------------------------------------------------------------------


def test_bibliographic_query_answers_a_ranked_work_list(fake):
    ref = ("Duman, R. S., & Aghajanian, G. K. (2012). Synaptic plasticity and depression: New "
           "insights from stress and rapid-acting antidepressants. Nature Medicine, 18(9), 1386-1398.")
    body = get(fake, "/works", **{"query.bibliographic": ref, "rows": "5",
                                  "mailto": "ci@example.org"}).json()
    assert body["status"] == "ok" and body["message-type"] == "work-list"
    message = body["message"]
    assert set(message) == {"facets", "total-results", "items", "items-per-page", "query"}
    assert message["facets"] == {}
    assert message["items-per-page"] == 5
    assert message["query"] == {"start-index": 0, "search-terms": None}
    items = message["items"]
    assert len(items) == 5 and message["total-results"] >= 5
    assert items[0]["DOI"] == "10.1038/nm.4050"
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True)
    # Real answers: the right work scores ~100-170, the runners-up far less.
    assert 90 < scores[0] < 200
    assert scores[1] < scores[0] / 1.5


@pytest.mark.skipif(not SEED_001.exists(), reason="../shared (seed articles) is not present")
def test_seed_001_references_find_realistic_candidates(fake):
    text = SEED_001.read_text(encoding="utf-8")
    refs = [line for line in text.split("References:")[1].splitlines() if line.strip()]
    assert len(refs) == 5
    expected_top = {"Duman": "10.1038/nm.4050", "Mion": "10.1111/cns.12099"}
    for ref in refs:
        items = get(fake, "/works", **{"query.bibliographic": ref, "rows": "5"}).json()["message"]["items"]
        assert len(items) == 5, ref
        assert all(10 < item["score"] < 200 for item in items), ref
        for surname, doi in expected_top.items():
            if ref.startswith(surname):
                assert doi in [item["DOI"] for item in items], ref


def test_rows_default_and_limits(fake):
    assert get(fake, "/works", query="pain").json()["message"]["items-per-page"] == 20
    assert len(get(fake, "/works", query="pain", rows="3").json()["message"]["items"]) == 3
    assert get(fake, "/works", query="pain", rows=str(MAX_ROWS)).status_code == 200
    for bad in (str(MAX_ROWS + 1), "-1", "ten"):
        r = get(fake, "/works", query="pain", rows=bad)
        assert r.status_code == 400, bad
        assert r.json()["message"][0]["type"] == "integer-not-valid"


def test_offset_pages_through_the_ranking(fake):
    first = get(fake, "/works", query="ketamine pain", rows="4").json()["message"]["items"]
    second = get(fake, "/works", query="ketamine pain", rows="2", offset="2").json()["message"]
    assert [i["DOI"] for i in second["items"]] == [i["DOI"] for i in first[2:4]]
    assert second["query"]["start-index"] == 2


def test_select_keeps_only_named_fields_and_score_only_when_selected(fake):
    items = get(fake, "/works", query="ketamine", select="DOI,title", rows="3").json()["message"]["items"]
    # As in recorded-2026/test_works_with_select_param.yaml: no score unless selected.
    assert all(set(item) == {"DOI", "title"} for item in items)
    items = get(fake, "/works", query="ketamine", select="DOI,score", rows="3").json()["message"]["items"]
    assert all(set(item) == {"DOI", "score"} for item in items)


def test_unknown_select_field_or_parameter_is_a_validation_failure(fake):
    r = get(fake, "/works", query="ketamine", select="DOI,colour")
    assert r.status_code == 400
    assert r.json()["message"][0]["value"] == "colour"
    r = get(fake, "/works", query="ketamine", frobnicate="1")
    assert r.status_code == 400
    assert r.json()["message"][0] == {
        "type": "unknown-parameter", "value": "frobnicate",
        "message": "Parameter frobnicate specified but there is no such parameter available on this route"}


def test_plain_query_reports_search_terms(fake):
    message = get(fake, "/works", query="fibromyalgia").json()["message"]
    assert message["query"]["search-terms"] == "fibromyalgia"
    assert message["items"][0]["DOI"] == "10.1001/jama.2014.3266"


def test_field_queries_search_only_their_field(fake):
    # "Pain" is a journal title and a title word; query.author must not match either.
    by_author = get(fake, "/works", **{"query.author": "Woolf"}).json()["message"]
    assert [i["DOI"] for i in by_author["items"]] == ["10.1016/j.pain.2010.09.030"]
    assert get(fake, "/works", **{"query.author": "ketamine"}).json()["message"]["total-results"] == 0
    by_journal = get(fake, "/works", **{"query.container-title": "Anesthesiology"}).json()["message"]
    assert {i["container-title"][0] for i in by_journal["items"]} == {"Anesthesiology"}
    by_title = get(fake, "/works", **{"query.title": "Anesthesiology"}).json()["message"]
    assert by_title["total-results"] == 0
    # Field queries combine: both must match.
    both = get(fake, "/works", **{"query.author": "Duman",
                                  "query.container-title": "Science"}).json()["message"]
    assert {i["DOI"] for i in both["items"]} == {"10.1126/science.1222939", "10.1126/science.1190287"}


def test_search_stays_fast_on_a_large_corpus():
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)]
    works = [{"DOI": f"10.5555/x{i}", "title": [" ".join(rng.choice(vocab) for _ in range(9))],
              "author": [{"family": rng.choice(vocab)}], "container-title": [f"Journal {i % 300}"],
              "volume": str(i % 90), "page": f"{i % 900}-{i % 900 + 9}",
              "issued": {"date-parts": [[1950 + i % 75]]}} for i in range(10_000)]
    index = _SearchIndex(works)
    query = {"query.bibliographic": works[4321]["title"][0] + " Journal 1 2003 12 100-109"}
    start = time.perf_counter()
    for _ in range(10):
        ranked = index.search(query)
    per_query = (time.perf_counter() - start) / 10
    assert ranked[0][0] == 4321
    assert per_query < 0.05


# -- limits, latency, faults ----------------------------------------------------------------


def test_rate_limit_answers_429_with_retry_after(corpus):
    with FakeCrossref(corpus, rate_limit=3, enforce_limits=True, pool="public") as server:
        statuses = [get(server, "/works/10.1038/nm.4050") for _ in range(5)]
        assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
        limited = statuses[-1]
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.headers["x-api-pool"] == "public"
        assert limited.json()["status"] == "failed"
        assert server.too_many == 2
        assert [entry[3] for entry in server.requests] == [200, 200, 200, 429, 429]


def test_concurrency_limit_answers_429(corpus):
    with FakeCrossref(corpus, concurrency=1, latency_secs=0.3, enforce_limits=True) as server:
        results: list[int] = []

        def one() -> None:
            results.append(get(server, "/works/10.1038/nm.4050").status_code)

        threads = [threading.Thread(target=one) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) == [200, 429, 429]
        assert server.too_many == 2
        assert server.max_in_flight == 1


def test_limits_are_only_advertised_when_not_enforced(corpus):
    with FakeCrossref(corpus, rate_limit=1, concurrency=1) as server:
        assert all(get(server, "/works/10.1038/nm.4050").status_code == 200 for _ in range(4))
        assert server.too_many == 0


def test_latency_delays_each_answer(corpus):
    with FakeCrossref(corpus, latency_secs=0.2) as server:
        start = time.perf_counter()
        assert get(server, "/works/10.1038/nm.4050").status_code == 200
        assert time.perf_counter() - start >= 0.2


@pytest.mark.parametrize("fault,status", [("500", 500), ("503", 503)])
def test_server_error_faults(corpus, fault, status):
    with FakeCrossref(corpus, fault_rate=1.0, faults=(fault,)) as server:
        r = get(server, "/works/10.1038/nm.4050")
        assert r.status_code == status
        assert r.text and not r.text.startswith("{")


def test_reset_fault_closes_without_answering(corpus):
    with FakeCrossref(corpus, fault_rate=1.0, faults=("reset",)) as server:
        with pytest.raises(requests.ConnectionError):
            get(server, "/works/10.1038/nm.4050")
        assert server.requests[-1][3] is None


def test_truncated_fault_sends_half_a_body(corpus):
    with FakeCrossref(corpus, fault_rate=1.0, faults=("truncated",)) as server:
        with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
            get(server, "/works/10.1038/nm.4050")
        # Read raw, the headers promise more than arrives.
        host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
        with socket.create_connection((host, port), timeout=5) as sock:
            sock.sendall(b"GET /works/10.1038/nm.4050 HTTP/1.1\r\nHost: x\r\n\r\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        length = int([line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length")][0])
        assert 0 < len(body) < length
        with pytest.raises(json.JSONDecodeError):
            json.loads(body)


def test_fault_rate_is_a_seeded_share(corpus):
    def run(seed: int) -> list[int | None]:
        with FakeCrossref(corpus, fault_rate=0.3, faults=("500", "503"), seed=seed) as server:
            for _ in range(40):
                get(server, "/works/10.1038/nm.4050")
            return [entry[3] for entry in server.requests]

    first, again = run(1), run(1)
    assert first == again  # same seed, same failures
    failures = sum(status != 200 for status in first)
    assert 4 <= failures <= 20


def test_set_down_makes_every_request_503(corpus):
    with FakeCrossref(corpus) as server:
        server.set_down(True)
        assert get(server, "/works/10.1038/nm.4050").status_code == 503
        assert get(server, "/works", query="pain").status_code == 503
        server.set_down(False)
        assert get(server, "/works/10.1038/nm.4050").status_code == 200


# -- bookkeeping ----------------------------------------------------------------------------


def test_request_log_records_method_path_query_and_status(corpus):
    with FakeCrossref(corpus) as server:
        get(server, "/works/10.1111%2Fcns.12099")
        get(server, "/works", **{"query.bibliographic": "ketamine", "rows": "2"})
        requests.post(server.url + "/works", timeout=5)
        assert server.requests == [
            ("GET", "/works/10.1111/cns.12099", {}, 200),
            ("GET", "/works", {"query.bibliographic": "ketamine", "rows": "2"}, 200),
            ("POST", "/works", {}, 405),
        ]


def test_add_works_makes_new_works_findable(corpus):
    new = {"DOI": "10.5555/Example.1", "title": ["Zyzzyva hibernation in cold climates"],
           "author": [{"family": "Quux", "given": "A."}], "container-title": ["Example Journal"]}
    with FakeCrossref(corpus) as server:
        assert get(server, "/works/10.5555/example.1").status_code == 404
        server.add_works([new])
        assert get(server, "/works/10.5555/example.1").status_code == 200
        items = get(server, "/works", query="zyzzyva hibernation").json()["message"]["items"]
        assert items[0]["DOI"] == "10.5555/Example.1"


def test_server_is_quiet(corpus, capfd):
    with FakeCrossref(corpus, fault_rate=1.0, faults=("reset",)) as server:
        with pytest.raises(requests.ConnectionError):
            get(server, "/works/10.1038/nm.4050")
    with FakeCrossref(corpus) as server:
        get(server, "/works/10.1038/nm.4050")
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_load_corpus_reads_lists_and_single_answers(tmp_path):
    work = {"DOI": "10.5555/a", "title": ["A"]}
    (tmp_path / "a.json").write_text(json.dumps([work]))
    (tmp_path / "b.json").write_text(json.dumps(
        {"status": "ok", "message-type": "work", "message": {"DOI": "10.5555/b", "title": ["B"]}}))
    assert [w["DOI"] for w in load_corpus(tmp_path)] == ["10.5555/a", "10.5555/b"]
    (tmp_path / "c.json").write_text(json.dumps([{"title": ["no DOI"]}]))
    with pytest.raises(ValueError):
        load_corpus(tmp_path)


def test_fixture_corpus_messages_are_complete(corpus):
    # "author" is not required: real messages lack it at times (one of the unrelated
    # works taken from ../shared/crossref/works has none).
    required = {"DOI", "URL", "type", "title", "container-title", "publisher", "issued",
                "member", "prefix", "created", "indexed", "reference-count",
                "is-referenced-by-count", "source"}
    for work in corpus:
        assert required <= set(work), (work["DOI"], required - set(work))
        assert all("family" in a and "sequence" in a for a in work.get("author", [])), work["DOI"]
    dois = [w["DOI"].lower() for w in corpus]
    assert len(dois) == len(set(dois))
