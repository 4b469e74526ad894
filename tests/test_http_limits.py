"""Crossref's limits (issue 5, point 1): at the pool's rate and concurrency, never over; 429s
slow the pace and are retried; Retry-After honoured; the Plus token never shown; the
missing contact address warned about once.

The end-to-end tests run the CLI in-process against tests/fake_crossref.py enforcing its
limits (a request over them gets a 429), so "never over" is what the fake counts, not a timing.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from pathlib import Path

import pytest
import requests
import responses

from citecheck.services import http
from citecheck.services.crossref import CrossrefService
from citecheck.services.http import Bucket, HttpTransport, Limiter
from citecheck.services.interface import ServiceError
from tests.conftest import FIXTURES, run_cli, verdicts
from tests.fake_crossref import FakeCrossref

SAMPLE = FIXTURES / "sample-article.md"
BASE = "https://api.crossref.org"


def reference(work: dict) -> str:
    """A Vancouver-style reference string for a Crossref work message (no DOI: a list query)."""
    names = ", ".join(f"{a.get('family', '')} {''.join(p[0] for p in a.get('given', 'X').replace('-', ' ').split())}"
                      for a in work.get("author", [])[:3])
    year = work.get("issued", {}).get("date-parts", [[""]])[0][0]
    journal = (work.get("container-title") or [""])[0]
    return f"{names}. {work['title'][0]}. {journal}. {year};{work.get('volume', '')}:{work.get('page', '')}."


def write_article(path: Path, works: list[dict], n: int) -> Path:
    """An article whose reference list cites n of the works (cycling), one per line."""
    refs = [f"{i + 1}. {reference(works[i % len(works)])}" for i in range(n)]
    path.write_text("# Ketamine\n\nSome text.\n\n## References\n\n" + "\n".join(refs) + "\n", encoding="utf-8")
    return path


def _journal_works(corpus):
    return [w for w in corpus if w.get("title") and w.get("author") and w.get("container-title")]


def _json_run(url, article, *extra, env=None):
    return run_cli("check", str(article), "--crossref-url", url, "--mailto", "t@example.org", "--no-cache",
                   "--quiet", "--format", "json", *extra, env=env)


class SendLog:
    """Wraps requests.Session.get to record when each request is sent and how many are in flight."""

    def __init__(self, monkeypatch):
        self.starts: list[float] = []
        #: (start time, requests in flight with it) of each request
        self.flights: list[tuple[float, int]] = []
        self.first_answer: float | None = None
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        real = requests.Session.get

        def get(session, *args, **kw):
            with self._lock:
                self.starts.append(time.monotonic())
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                self.flights.append((self.starts[-1], self.in_flight))
            try:
                resp = real(session, *args, **kw)
                resp.content  # the body is read inside the slot, as _read_capped does
                return resp
            finally:
                with self._lock:
                    self.in_flight -= 1
                    if self.first_answer is None:
                        self.first_answer = time.monotonic()

        monkeypatch.setattr(requests.Session, "get", get)

    def most_in_any_window(self, secs: float) -> int:
        """The most requests sent within any `secs`-long window."""
        starts = sorted(self.starts)
        return max((sum(1 for t in starts[i:] if t - s < secs) for i, s in enumerate(starts)), default=0)


# Server-side 429 counts are asserted where the timing leaves room; the client-side logs
# are what citecheck controls exactly, so they are asserted strictly everywhere (on a loaded
# 2-core machine the fake's own threads can be scheduled tens of ms late).
def test_runs_at_the_pools_concurrency_and_never_over(corpus, tmp_path, monkeypatch):
    sends = SendLog(monkeypatch)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 18)
    with FakeCrossref(corpus, rate_limit=20, concurrency=3, latency_secs=0.3, enforce_limits=True) as fake:
        run = _json_run(fake.url, article)
    assert run.exit_code in (0, 1), run.stderr
    assert sends.max_in_flight == 3  # at the limit, never over
    assert fake.max_in_flight == 3
    assert "error" not in verdicts(run.json())


def test_concurrency_raised_by_headers_is_used(corpus, tmp_path, monkeypatch):
    # The polite pool starts at 3 in flight (announced); the headers then say 6. The checker's
    # worker count is fixed at start, so it must already have enough workers to follow.
    sends = SendLog(monkeypatch)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 30)
    with FakeCrossref(corpus, rate_limit=50, concurrency=6, latency_secs=0.3, enforce_limits=True) as fake:
        run = _json_run(fake.url, article)
    assert run.exit_code in (0, 1), run.stderr
    assert sends.max_in_flight == 6
    assert fake.max_in_flight > 3


def test_lowered_by_headers_public_pool_one_at_a_time(corpus, tmp_path, monkeypatch):
    # A contact address makes citecheck start at the polite pool's announced 3 in flight; the
    # service answers that this is the public pool, 1 in flight. What went out before that
    # first answer may draw 429s (retried, never lost); from the answer on, one at a time.
    sends = SendLog(monkeypatch)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 6)
    with FakeCrossref(corpus, pool="public", rate_limit=20, concurrency=1, latency_secs=0.1, enforce_limits=True) as fake:
        run = _json_run(fake.url, article)
    assert run.exit_code in (0, 1)
    assert sends.max_in_flight <= 3
    after = [n for t, n in sends.flights if t > sends.first_answer + 0.05]
    assert len(after) >= 4 and max(after) == 1
    assert fake.too_many <= 2  # only the opening requests, before the headers were known
    assert "error" not in verdicts(run.json())


def test_public_pool_without_contact_starts_one_at_a_time(corpus, tmp_path, monkeypatch):
    sends = SendLog(monkeypatch)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 4)
    with FakeCrossref(corpus, pool="public", rate_limit=20, concurrency=1, latency_secs=0.1, enforce_limits=True) as fake:
        run = run_cli("check", str(article), "--crossref-url", fake.url, "--no-cache", "--quiet", "--format", "json")
    assert run.exit_code in (0, 1), run.stderr
    assert sends.max_in_flight == 1 and fake.too_many == 0


def test_rate_never_exceeds_the_limit_in_any_window(corpus, tmp_path, monkeypatch):
    # 4 per second, no latency, 12 requests: a fifth start within a second would be answered 429.
    sends = SendLog(monkeypatch)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 12)
    with FakeCrossref(corpus, rate_limit=4, concurrency=10, enforce_limits=True) as fake:
        run = _json_run(fake.url, article)
    assert run.exit_code in (0, 1)
    assert len(sends.starts) >= 12
    # the first window allows the announced 3; from the first answer on, 4 in any 1.05 s
    assert sends.most_in_any_window(1.0) <= 4
    assert "error" not in verdicts(run.json())


def test_429_from_the_server_is_retried_and_never_lost(corpus, tmp_path, monkeypatch):
    # --max-rate above what the fake enforces: citecheck is told wrong, the fake says 429,
    # and every citation still gets its verdict (retried after Retry-After, pace cut).
    monkeypatch.setattr(http, "MAX_RETRY_AFTER_SECS", 5.0)
    article = write_article(tmp_path / "a.md", _journal_works(corpus), 8)
    with FakeCrossref(corpus, rate_limit=4, concurrency=10, enforce_limits=True) as fake:
        run = _json_run(fake.url, article, "--max-rate", "40")
    assert fake.too_many > 0
    assert "error" not in verdicts(run.json())


def test_limiter_merges_kinds_that_share_a_pool_without_losing_slots():
    limiter = Limiter("polite")
    held = [limiter.bucket("list").acquire() for _ in range(3)]
    headers = {"x-api-pool": "polite", "x-rate-limit-limit": "10", "x-rate-limit-interval": "1s", "x-concurrency-limit": "3"}
    limiter.follow("list", headers)
    limiter.follow("single", headers)
    shared = limiter.bucket("list")
    assert limiter.bucket("single") is shared
    assert shared._in_flight == 3  # the three list requests still count: a single one must wait
    for b in held:
        b.release()
    assert shared._in_flight == 0


def test_bucket_pace_is_cut_by_429_and_not_restored_by_the_next_headers():
    bucket = Bucket(10, 3)
    bucket.slow_down(retry_after=None)
    bucket.set_limits(10, 3)  # the next answer's headers repeat the limit
    assert bucket._pace(http.time.monotonic()) == pytest.approx(5.0)


@responses.activate
def test_retry_after_is_honoured_and_too_long_a_wait_is_an_error():
    waits = []
    transport = HttpTransport(BASE, mailto="t@example.org", sleep=waits.append)
    responses.get(f"{BASE}/works/10.1/a", status=429, headers={"Retry-After": "1"})
    responses.get(f"{BASE}/works/10.1/a", json={"status": "ok", "message": {"DOI": "10.1/a"}})
    assert CrossrefService(transport).work("10.1/a").doi == "10.1/a"
    assert waits == [1.0]
    assert transport.limiter.bucket("single")._next_start > http.time.monotonic() - 1  # the pool paused too

    responses.replace(responses.GET, f"{BASE}/works/10.1/a", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(ServiceError, match="3600"):
        CrossrefService(HttpTransport(BASE, sleep=waits.append)).work("10.1/a")


@responses.activate
def test_per_request_deadline_stops_the_retries():
    now = [0.0]
    transport = HttpTransport(BASE, max_attempts=10, deadline_secs=5.0, clock=lambda: now[0],
                              sleep=lambda s: now.__setitem__(0, now[0] + s))
    responses.get(f"{BASE}/works/10.1/a", status=503)
    with pytest.raises(ServiceError, match="no time left"):
        CrossrefService(transport).work("10.1/a")
    assert len(responses.calls) < 10
    assert now[0] < 5.0


def test_plus_token_never_in_logs_messages_reports_or_cache(corpus, tmp_path, caplog):
    secret = "PLUS-TOKEN-a1b2c3d4e5"
    env = {"CITECHECK_CROSSREF_PLUS_TOKEN": secret}
    caplog.set_level(logging.DEBUG)  # every logger, urllib3's included, as -vv and more
    with FakeCrossref(corpus, rate_limit=200, concurrency=10, fault_rate=0.3, seed=3) as fake:
        run = run_cli("check", str(SAMPLE), "--crossref-url", fake.url, "--cache-dir", str(tmp_path / "c"),
                      "-vv", "--format", "json", env=env)
    # and with no server: the exception messages of failed requests
    down = run_cli("check", str(SAMPLE), "--crossref-url", "http://127.0.0.1:9", "--no-cache", "-vv",
                   "--breaker-failures", "1", env=env)
    assert run.exit_code in (1, 3) and down.exit_code == 3
    for text in (run.stdout, run.stderr, down.stdout, down.stderr, caplog.text):
        assert secret not in text
    cache_bytes = b"".join(p.read_bytes() for p in (tmp_path / "c").iterdir())
    assert cache_bytes and secret.encode() not in cache_bytes
    transport = HttpTransport(BASE, plus_token=secret)
    assert secret not in repr(transport)
    assert transport.session.headers["Crossref-Plus-API-Token"] == f"Bearer {secret}"


def test_no_contact_address_is_warned_once_with_the_fix(tmp_path):
    from rich.console import Console

    from citecheck.config import Settings
    from citecheck.run import build_service

    def warnings(**settings) -> str:
        out = io.StringIO()
        build_service(Settings(paths=(), use_cache=False, **settings), Console(file=out, width=200))
        return out.getvalue()

    said = warnings(crossref_url="https://api.crossref.org")  # builds a client; asks nothing
    assert said.count("no contact address") == 1
    assert "--mailto" in said and "CITECHECK_MAILTO" in said
    assert "no contact address" not in warnings(crossref_url="https://api.crossref.org", mailto="t@example.org")
    assert "no contact address" not in warnings(crossref_url="https://api.crossref.org", quiet=True)


def test_a_mirror_or_a_local_stand_in_gets_no_public_pool_warning(fake_crossref, tmp_path):
    from citecheck.run import is_public_crossref

    assert is_public_crossref("https://api.crossref.org") and is_public_crossref("https://API.crossref.org/")
    assert not is_public_crossref(fake_crossref.url) and not is_public_crossref("https://crossref-mirror.example.org")
    article = write_article(tmp_path / "a.md", [w for w in fake_crossref._messages if w.get("title")], 5)
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--format", "json")
    assert "no contact address" not in run.stderr


def _progress_output(*, terminal: bool, quiet: bool = False, verbose: int = 0) -> str:
    import io

    from rich.console import Console

    from citecheck.progress import RunProgress
    from citecheck.services.cached import Cache, CachedService

    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=120)
    transport = HttpTransport(BASE, mailto="t@example.org")
    service = CachedService(CrossrefService(transport), Cache.__new__(Cache))
    service.hits = 4
    transport.limiter.bucket("list").waiting = 2
    with RunProgress(console, service, quiet=quiet, verbose=verbose, show_after_secs=0.0) as progress:
        for _ in range(3):
            progress.advance(None)
        time.sleep(0.6)
    return out.getvalue()


def test_progress_shows_checked_cache_and_rate_limit_on_a_terminal():
    shown = _progress_output(terminal=True, verbose=1)
    assert "3 checked" in shown and "4 answers from cache" in shown and "2 waiting on the rate limit" in shown
    assert "0 requests" in shown  # -v: requests, retries, 429s
    assert "requests" not in _progress_output(terminal=True)


def test_progress_silent_when_not_a_terminal_or_quiet(fake_crossref):
    assert _progress_output(terminal=False) == ""
    assert _progress_output(terminal=True, quiet=True) == ""
    run = run_cli("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "--mailto", "t@example.org")
    assert "checked" not in run.stderr
