"""Faults (issue 5, point 2): a failure to ask is never an answer.

The fake Crossref fails a share of requests with 500, 503, connection resets and truncated
bodies; every citation must still get its true verdict or, after the retries, `error` —
never `not_found` or `mismatch` from a missing answer. With no service at all, the circuit
breaker (its bound set small here with --breaker-failures) ends the run with exit 3.
"""

from __future__ import annotations

import pytest

from citecheck.checker import check_citation
from citecheck.models import Verdict
from citecheck.services import http
from citecheck.services.crossref import CrossrefService
from citecheck.services.http import HttpTransport
from citecheck.services.interface import Service, ServiceError
from citecheck.extract.parse import parse_reference
from tests.conftest import FIXTURES, run_cli, verdicts
from tests.fake_crossref import FakeCrossref
from tests.test_e2e import SAMPLE_VERDICTS

SAMPLE = FIXTURES / "sample-article.md"


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    """The backoff policy as it is, scaled down so that the tests take seconds."""
    monkeypatch.setattr(http, "BACKOFF_BASE_SECS", 0.02)


def _check(url: str, *extra: str):
    return run_cli("check", str(SAMPLE), "--crossref-url", url, "--mailto", "t@example.org", "--no-cache",
                   "--quiet", "--format", "json", *extra)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_thirty_percent_faults_never_become_verdicts(corpus, seed):
    with FakeCrossref(corpus, rate_limit=200, concurrency=10, fault_rate=0.3, seed=seed) as fake:
        run = _check(fake.url, "--breaker-failures", "50")
    got = verdicts(run.json())
    assert len(got) == len(SAMPLE_VERDICTS)
    for i, (want, have) in enumerate(zip(SAMPLE_VERDICTS, got)):
        assert have in (want, "error"), f"citation {i}: expected {want} (or error), got {have}"
    statuses = [s for *_, s in fake.requests]
    assert {500, 503, None} & set(statuses)  # the faults did happen, and were retried past
    assert run.exit_code in (1, 3)  # problems found (1) outrank citations not checked (3)


class _HalfAnswering(Service):
    """The first search answers (with candidates that do not have the cited title); the second fails."""

    def __init__(self, first):
        self.calls = 0
        self.first = first

    def work(self, doi):
        raise AssertionError("no DOI in this citation")

    def agency(self, doi):
        raise AssertionError("no DOI in this citation")

    def search(self, query, rows):
        self.calls += 1
        if self.calls == 1:
            return self.first
        raise ServiceError("Crossref did not answer after 4 attempts: HTTP 503")


def test_second_search_failing_is_error_not_a_verdict_from_partial_evidence(corpus):
    from citecheck.services.crossref import work_from_crossref

    citation = parse_reference("Hallworth JR, Nguyen PT. Ketamine infusion therapy for comorbid chronic pain and "
                               "major depression: a randomized crossover trial. Pain Med. 2017;18(11):2150-8.", 1)
    unrelated = [work_from_crossref(w) for w in corpus[:3]]
    service = _HalfAnswering([w for w in unrelated if w is not None])
    result = check_citation(citation, service)
    assert service.calls == 2  # the first answer alone would have been `not_found`
    assert result.verdict is Verdict.ERROR
    assert "503" in result.reason


def test_timeouts_are_retried_then_an_error(corpus):
    with FakeCrossref(corpus, latency_secs=1.0) as fake:
        transport = HttpTransport(fake.url, timeout_secs=0.2, max_attempts=2, sleep=lambda s: None)
        with pytest.raises(ServiceError, match="timed out"):
            CrossrefService(transport).search("ketamine", rows=5)
        assert len(fake.requests) <= 2


def test_no_server_every_citation_error_exit_3_no_traceback(refused_url):
    run = _check(refused_url, "--breaker-failures", "2")
    assert run.exit_code == 3
    assert "Traceback" not in run.stderr
    cits = run.json()["documents"][0]["citations"]
    assert [c["verdict"] for c in cits] == ["skipped" if v == "skipped" else "error" for v in SAMPLE_VERDICTS]
    reasons = [c["reason"] for c in cits if c["verdict"] == "error"]
    assert any("stopped asking" in r for r in reasons)  # the breaker opened and said why
    assert all("connection failed" in r or "stopped asking" in r for r in reasons)


def test_breaker_bounds_the_requests_to_a_dead_service(corpus):
    # Down (503 to everything): after 2 requests have failed every attempt, nothing more is
    # asked; at most the requests already in flight finish their attempts.
    with FakeCrossref(corpus) as fake:
        fake.set_down(True)
        run = _check(fake.url, "--breaker-failures", "2", "--concurrency", "3")
    assert run.exit_code == 3
    assert set(verdicts(run.json())) == {"error", "skipped"}
    assert len(fake.requests) <= (2 + 3) * http.DEFAULT_MAX_ATTEMPTS
