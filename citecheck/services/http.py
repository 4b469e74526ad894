"""HTTP to a bibliographic API: pacing, retries, backoff and the circuit breaker.

One policy in one module (DESIGN.md rule 7). Transports return parsed answers as
`Answer` values; anything that is not an answer after the retries raises ServiceError.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import quote, urlencode

import requests

from citecheck import HOMEPAGE, __version__
from citecheck.services.interface import ServiceError

log = logging.getLogger(__name__)

#: Seconds to wait for a connection and for each read. Crossref's query.bibliographic
#: takes 1-5 s and at times 10 s (shared/README.md), so 30 s leaves room for the slow tail.
DEFAULT_TIMEOUT_SECS = 30.0
#: Attempts per request, the first included, on 429, 5xx, resets, timeouts and bad bodies.
DEFAULT_MAX_ATTEMPTS = 4
#: First backoff delay; doubled each retry, with full jitter, capped at MAX_BACKOFF_SECS.
BACKOFF_BASE_SECS = 1.0
MAX_BACKOFF_SECS = 30.0
#: A Retry-After longer than this is treated as "the service is unavailable now": the
#: request fails at once instead of holding the run for minutes.
MAX_RETRY_AFTER_SECS = 120.0
#: Seconds one request may take, its retries and back-off included (issue 5: "a per-request
#: deadline"). Two slow answers at the default timeout; a retry that cannot finish in time
#: is not started. With the breaker this bounds a run against a dead service to about
#: ceil(DEFAULT_BREAKER_FAILURES / concurrency) x this.
DEFAULT_DEADLINE_SECS = 60.0
#: After this many requests in a row have failed every attempt, stop asking: the
#: service is down, and the rest of the run should end in `error` within minutes, not hours.
#: Counted per request, not per attempt: at a 30% fault rate a request fails all
#: DEFAULT_MAX_ATTEMPTS attempts with p = 0.3**4 < 1%, five in a row practically never.
DEFAULT_BREAKER_FAILURES = 5
#: Threads the checker runs (each waits its turn at a Bucket). The checker's pool is sized
#: once, at the start, so it is sized for the most concurrency headers may later allow,
#: not for the announced start: idle workers wait on the Bucket and cost nothing.
MAX_WORKERS = 16
#: Each window is taken this much longer than the limit's interval: the server counts a
#: window by the time a request *arrives*, and a request delayed in transit must not make
#: the next window hold limit + 1. 3% still gave the fake Crossref's sliding window a few
#: 429s on a loaded 2-core machine (tens of ms of scheduling jitter); 5% gave none.
PACING_MARGIN = 0.05
#: The most starts one window is kept for (a mirror allowing more per second still gets
#: them, in windows of this many).
MAX_WINDOW_STARTS = 1000
#: After a 429 the pool's pace is multiplied by this for SLOWDOWN_SECS, more for each
#: further 429 (down to MIN_SLOWDOWN_FACTOR), whatever the next headers say.
SLOWDOWN_FACTOR = 0.5
MIN_SLOWDOWN_FACTOR = 1 / 16
SLOWDOWN_SECS = 30.0
#: Bodies larger than this are refused (a work record is a few hundred KB at most).
MAX_BODY_BYTES = 20 * 1024 * 1024

#: Limits Crossref announced for December 2025 (shared/README.md), used until the
#: first answer's headers say otherwise: (requests per second, requests in flight).
ANNOUNCED_LIMITS = {
    ("public", "list"): (1.0, 1),
    ("public", "single"): (5.0, 1),
    ("polite", "list"): (3.0, 3),
    ("polite", "single"): (10.0, 3),
    ("plus", "list"): (10.0, 10),
    ("plus", "single"): (20.0, 10),
}

RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Answer:
    """A service's answer: HTTP status, JSON body (or None) and text (for plain-text bodies)."""

    status: int
    body: object
    text: str = ""


class Bucket:
    """Paces one pool: at most `concurrency` requests in flight, and never more starts in
    any window than the limit allows.

    A limit of `rate` per second is kept as "k starts in any k / rate seconds" (k the whole
    requests per second, at least 1), each window stretched by PACING_MARGIN: what a
    server counting over a sliding window, a fixed window or a token bucket of that size
    accepts. Up to k requests may start together, so a run's first k are not held back.
    """

    def __init__(self, rate: float, concurrency: int):
        self.rate = max(rate, 0.01)
        self.concurrency = max(1, concurrency)
        self._lock = threading.Condition()
        self._in_flight = 0
        #: Start times of the latest requests, oldest first (as many as a window may hold).
        self._starts: deque[float] = deque(maxlen=MAX_WINDOW_STARTS)
        #: Nothing starts before this (Retry-After, or a merged bucket's own pace).
        self._next_start = 0.0
        self._slow_factor = 1.0
        self._slow_until = 0.0
        self._merged_into: Bucket | None = None
        #: Threads waiting for a slot or a start time now (the progress display shows it).
        self.waiting = 0
        self.waited_secs = 0.0

    def set_limits(self, rate: float, concurrency: int) -> None:
        """Follow new limits, up or down."""
        with self._lock:
            self.rate = max(rate, 0.01)
            self.concurrency = max(1, concurrency)
            self._lock.notify_all()

    def _pace(self, now: float) -> float:
        if now >= self._slow_until:
            self._slow_factor = 1.0
        return self.rate * self._slow_factor

    def _window(self, now: float) -> tuple[int, float]:
        """(starts allowed, in how many seconds) at the current pace."""
        pace = self._pace(now)
        k = min(max(1, int(pace + 1e-9)), MAX_WINDOW_STARTS)
        return k, k / pace * (1.0 + PACING_MARGIN)

    def _earliest_start(self, now: float) -> float:
        """When the next request may start, by the window and by _next_start."""
        k, secs = self._window(now)
        earliest = self._next_start
        if len(self._starts) >= k:
            earliest = max(earliest, self._starts[-k] + secs)
        return earliest

    def slow_down(self, retry_after: float | None = None) -> None:
        """After a 429: cut the pace for SLOWDOWN_SECS, and start nothing before Retry-After."""
        with self._lock:
            now = time.monotonic()
            self._pace(now)
            self._slow_factor = max(self._slow_factor * SLOWDOWN_FACTOR, MIN_SLOWDOWN_FACTOR)
            self._slow_until = now + SLOWDOWN_SECS
            if retry_after:
                self._next_start = max(self._next_start, now + min(retry_after, MAX_RETRY_AFTER_SECS))

    def acquire(self) -> "Bucket":
        """Wait for a free slot and for the window to allow a start; returns the bucket to release.

        A start is recorded at the moment the request actually starts, not when it was
        scheduled: a thread woken late pushes the following starts back, so the windows
        the server sees never hold more than the limit.
        """
        start_wait = time.monotonic()
        target = None
        with self._lock:
            self.waiting += 1
            try:
                while True:
                    if self._merged_into is not None:
                        target = self._merged_into
                        break
                    now = time.monotonic()
                    free = self._in_flight < self.concurrency
                    earliest = self._earliest_start(now)
                    if free and now >= earliest:
                        self._in_flight += 1
                        self._starts.append(now)
                        break
                    self._lock.wait(earliest - now if free else None)
            finally:
                self.waiting -= 1
                self.waited_secs += time.monotonic() - start_wait
        if target is not None:
            return target.acquire()
        return self

    def release(self) -> None:
        """Free the slot taken by acquire()."""
        with self._lock:
            target = self._merged_into
            if target is None:
                self._in_flight -= 1
                self._lock.notify_all()
        if target is not None:
            target.release()

    def merge_into(self, other: "Bucket") -> None:
        """Hand this bucket's requests over to `other` (the headers say both are one pool).

        Requests in flight here count against `other`, their release is forwarded, and
        threads waiting here queue at `other` instead, so the merge never lets more
        than `other.concurrency` requests be in flight.
        """
        with self._lock:
            moved, next_start, starts = self._in_flight, self._next_start, list(self._starts)
            self._in_flight = 0
            self._merged_into = other
            self._lock.notify_all()
        with other._lock:
            other._in_flight += moved
            other._next_start = max(other._next_start, next_start)
            # Both pools' recent starts count against the one window now.
            other._starts = deque(sorted([*other._starts, *starts])[-MAX_WINDOW_STARTS:], maxlen=MAX_WINDOW_STARTS)


class Limiter:
    """Buckets by pool name, learnt from `x-api-pool`: kinds that report the same pool share one."""

    def __init__(self, tier: str, max_rate: float | None = None, concurrency: int | None = None):
        self._max_rate = max_rate
        self._max_concurrency = concurrency
        self._lock = threading.Lock()
        self._pool_of_kind = {"list": f"{tier}-list", "single": f"{tier}-single"}
        self._buckets = {}
        for kind in ("list", "single"):
            rate, conc = ANNOUNCED_LIMITS[(tier, kind)]
            self._buckets[self._pool_of_kind[kind]] = Bucket(*self._capped(rate, conc))

    def _capped(self, rate: float, conc: int) -> tuple[float, int]:
        # --max-rate and --concurrency override what the service says (mirrors, stand-ins).
        if self._max_rate is not None:
            rate = self._max_rate
        if self._max_concurrency is not None:
            conc = self._max_concurrency
        return rate, conc

    def bucket(self, kind: str) -> Bucket:
        """The bucket requests of `kind` ("list" or "single") take their turn from."""
        with self._lock:
            return self._buckets[self._pool_of_kind[kind]]

    @property
    def max_concurrency(self) -> int:
        """The most requests any bucket allows at once now (the checker sizes its pool by MAX_WORKERS)."""
        with self._lock:
            return max(b.concurrency for b in self._buckets.values())

    def waiting(self) -> int:
        """Requests waiting on the pace or a free slot now, over every pool."""
        with self._lock:
            buckets = list(self._buckets.values())
        return sum(b.waiting for b in buckets)

    def follow(self, kind: str, headers) -> None:
        """Read the rate-limit headers of an answer to a request of `kind` and follow them.

        A pool name not seen before takes over the kind's current bucket (its requests in
        flight and its pace), and a kind that turns out to share a known pool is merged
        into it: the limits are never exceeded while the buckets are being learnt.
        """
        limits = parse_limit_headers(headers)
        if limits is None:
            return
        pool, rate, conc = limits
        rate, conc = self._capped(rate, conc)
        with self._lock:
            old_name = self._pool_of_kind[kind]
            name = pool or old_name
            bucket = self._buckets.get(name)
            if name != old_name:
                old = self._buckets[old_name]
                still_used = any(n == old_name for k, n in self._pool_of_kind.items() if k != kind)
                if bucket is None:
                    bucket = self._buckets[name] = old if not still_used else Bucket(rate, conc)
                elif not still_used:
                    old.merge_into(bucket)
                if not still_used:
                    del self._buckets[old_name]
                self._pool_of_kind[kind] = name
        bucket.set_limits(rate, conc)


def parse_limit_headers(headers) -> tuple[str | None, float, int] | None:
    """(pool, requests per second, concurrency) from Crossref's headers, or None when absent."""
    try:
        limit = float(headers.get("x-rate-limit-limit"))
    except (TypeError, ValueError):
        return None
    interval = _parse_interval(headers.get("x-rate-limit-interval", "1s"))
    try:
        conc = int(headers.get("x-concurrency-limit", 1))
    except (TypeError, ValueError):
        conc = 1
    if limit <= 0 or interval <= 0:
        return None
    return headers.get("x-api-pool"), limit / interval, conc


def _parse_interval(value: str) -> float:
    value = (value or "1s").strip().lower()
    units = {"ms": 0.001, "s": 1.0, "m": 60.0}
    for unit in ("ms", "s", "m"):
        if value.endswith(unit):
            try:
                return float(value[: -len(unit)]) * units[unit]
            except ValueError:
                return 1.0
    try:
        return float(value)
    except ValueError:
        return 1.0


def backoff_delay(attempt: int, retry_after: float | None = None) -> float:
    """Seconds to wait before retry number `attempt` (1-based): Retry-After, else jittered exponential."""
    if retry_after is not None:
        return min(retry_after, MAX_RETRY_AFTER_SECS)
    return random.uniform(0, min(MAX_BACKOFF_SECS, BACKOFF_BASE_SECS * 2 ** (attempt - 1)))


class CircuitBreaker:
    """Opens after `threshold` consecutive failed requests; then every request fails at once."""

    def __init__(self, threshold: int = DEFAULT_BREAKER_FAILURES):
        self.threshold = threshold
        self._failures = 0
        self._lock = threading.Lock()
        self.reason: str | None = None

    @property
    def open(self) -> bool:
        """True once the service has been given up on for this run."""
        return self.reason is not None

    def success(self) -> None:
        """Record an answered request."""
        with self._lock:
            self._failures = 0

    def failure(self, reason: str) -> None:
        """Record a request that failed every attempt."""
        with self._lock:
            self._failures += 1
            if self._failures >= self.threshold and self.reason is None:
                self.reason = reason


def user_agent(mailto: str | None) -> str:
    """citecheck's User-Agent: name, version, home page, and the contact address when given."""
    contact = f"; mailto:{mailto}" if mailto else ""
    return f"citecheck/{__version__} (+{HOMEPAGE}{contact})"


class Transport:
    """Sends GET requests to an API and returns Answers."""

    recorded = False

    def get(self, path: str, params: dict | None = None, kind: str = "single") -> Answer:
        """GET `path` (quoted already) with query `params`. Raises ServiceError."""
        raise NotImplementedError

    def close(self) -> None:
        """Release resources."""


def request_key(path: str, params: dict | None) -> str:
    """A stable key for a request: path and sorted parameters, without the contact address."""
    items = sorted((k, str(v)) for k, v in (params or {}).items() if k != "mailto")
    return path + ("?" + urlencode(items) if items else "")


def quote_doi(doi: str) -> str:
    """A DOI as a URL path segment sequence (slashes kept, everything else quoted)."""
    return quote(doi, safe="/")


@dataclass
class HttpTransport(Transport):
    """The real thing: requests, paced by the Limiter, retried with backoff, guarded by the breaker."""

    base_url: str
    mailto: str | None = None
    plus_token: str | None = field(default=None, repr=False)  # a secret: never in a repr or a log
    timeout_secs: float = DEFAULT_TIMEOUT_SECS
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    max_rate: float | None = None
    concurrency: int | None = None
    breaker_failures: int = DEFAULT_BREAKER_FAILURES
    deadline_secs: float = DEFAULT_DEADLINE_SECS
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    stats: dict = field(default_factory=lambda: {"requests": 0, "retries": 0, "too_many": 0})

    def __post_init__(self):
        self.base_url = self.base_url.rstrip("/")
        tier = "plus" if self.plus_token else ("polite" if self.mailto else "public")
        self.limiter = Limiter(tier, self.max_rate, self.concurrency)
        self.breaker = CircuitBreaker(self.breaker_failures)
        self.session = requests.Session()
        # One kept-alive connection per worker (requests keeps 10: more workers meant
        # "Connection pool is full, discarding connection" warnings and new connections).
        adapter = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=MAX_WORKERS)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.session.headers["User-Agent"] = user_agent(self.mailto)
        self.session.headers["Accept"] = "application/json"
        if self.plus_token:
            self.session.headers["Crossref-Plus-API-Token"] = f"Bearer {self.plus_token}"
        self._stats_lock = threading.Lock()

    def _count(self, key: str) -> None:
        with self._stats_lock:
            self.stats[key] += 1

    def get(self, path: str, params: dict | None = None, kind: str = "single") -> Answer:
        """GET with pacing and retries; 404 and 4xx are answers, the rest raise ServiceError.

        Retries stop at max_attempts, or when the next one could not end within the
        request's deadline_secs (a Retry-After beyond it included).
        """
        params = dict(params or {})
        if self.mailto:
            params["mailto"] = self.mailto
        last_problem = "no attempt made"
        started = None
        for attempt in range(1, self.max_attempts + 1):
            if self.breaker.open:
                raise ServiceError(self.breaker.reason)
            bucket = self.limiter.bucket(kind).acquire()
            if started is None:
                started = self.clock()  # waiting our turn is not the service's fault
            remaining = self.deadline_secs - (self.clock() - started)
            try:
                self._count("requests")
                answer, last_problem, retry_after = self._attempt(
                    path, params, kind, bucket, min(self.timeout_secs, max(remaining, 1.0)))
            finally:
                bucket.release()
            if answer is not None:
                self.breaker.success()
                return answer
            if attempt == self.max_attempts:
                break
            delay = backoff_delay(attempt, retry_after)
            if retry_after is not None and retry_after > MAX_RETRY_AFTER_SECS:
                last_problem += f" (asked to wait {retry_after:.0f} s)"
                break
            if self.clock() - started + delay >= self.deadline_secs:
                last_problem += f" (no time left for a retry within {self.deadline_secs:.0f} s)"
                break
            self._count("retries")
            log.info("retrying %s after: %s", path, last_problem)
            self.sleep(delay)
        reason = f"{self.base_url} did not answer after {attempt} attempt{'s' if attempt > 1 else ''}: {last_problem}"
        self.breaker.failure(f"stopped asking {self.base_url}: it failed {self.breaker.threshold} requests in a row (last: {last_problem})")
        raise ServiceError(reason)

    def _attempt(self, path, params, kind, bucket, timeout) -> tuple[Answer | None, str, float | None]:
        """One try: (answer, "", None) on success, else (None, problem, retry_after)."""
        try:
            resp = self.session.get(self.base_url + path, params=params, timeout=timeout, stream=True)
            content = _read_capped(resp)
        except requests.Timeout:
            return None, "timed out", None
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            return None, f"connection failed ({type(exc).__name__})", None
        except requests.RequestException as exc:
            return None, f"request failed ({type(exc).__name__})", None
        except ServiceError as exc:
            return None, str(exc), None
        self.limiter.follow(kind, resp.headers)
        if resp.status_code in RETRY_STATUSES:
            retry_after = _retry_after(resp.headers.get("Retry-After"))
            if resp.status_code == 429:
                self._count("too_many")
                bucket.slow_down(retry_after)
            return None, f"HTTP {resp.status_code}", retry_after
        text = content.decode("utf-8", errors="replace")
        ctype = resp.headers.get("content-type", "")
        if "json" in ctype:
            try:
                return Answer(resp.status_code, json.loads(text), text), "", None
            except ValueError:
                return None, "malformed or truncated JSON", None
        return Answer(resp.status_code, None, text), "", None

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()


def _read_capped(resp) -> bytes:
    expected = resp.headers.get("content-length")
    chunks, size = [], 0
    for chunk in resp.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            resp.close()
            raise ServiceError(f"answer larger than {MAX_BODY_BYTES // (1024 * 1024)} MB")
        chunks.append(chunk)
    body = b"".join(chunks)
    if expected and expected.isdigit() and int(expected) != len(body) and not resp.headers.get("content-encoding"):
        raise ServiceError("truncated answer")
    return body


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None
