"""A SQLite cache in front of any Service: the same question asked twice is asked once.

Answers are stored as the Works they became (not raw HTTP), so a cache entry is
independent of the transport. Failures are never stored (DESIGN.md rule 2).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from citecheck.matching.normalize import norm_text
from citecheck.models import Author, Notice, Work
from citecheck.services.crossref import DEFAULT_CROSSREF_URL
from citecheck.services.interface import Service, ServiceError

log = logging.getLogger(__name__)

CACHE_FILE_NAME = "crossref-cache.sqlite3"
#: Found works rarely change; retraction notices do, so a month, not forever
#: (--cache-ttl-days / CITECHECK_CACHE_TTL_DAYS).
FOUND_TTL_SECS = 30 * 24 * 3600
#: "Crossref does not know this DOI", and a search none of whose candidates has a title the
#: reference contains (the answers `not_found` rests on), may change as soon as the work gets
#: registered: a day (--not-found-ttl-hours / CITECHECK_NOT_FOUND_TTL_HOURS).
NOT_FOUND_TTL_SECS = 24 * 3600
#: Bumped when the stored form changes, so old entries are not misread.
CACHE_FORMAT = 1
#: The port a base URL without one means, so that ":443" written or not is the same service.
DEFAULT_PORTS = {"http": 80, "https": 443}
#: Seconds a writer waits for another citecheck process holding the database.
BUSY_TIMEOUT_SECS = 30


def normalise_query(query: str) -> str:
    """The cache key form of a reference string: NFKC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", query).lower().split())


def service_key(base_url: str) -> str:
    """The cache's name for a service: scheme, host, port and path of its base URL, without
    a trailing slash, so that `https://API.crossref.org/` and `https://api.crossref.org:443`
    share answers and a mirror or a stand-in never shares Crossref's."""
    parts = urlsplit(base_url.strip())
    scheme = parts.scheme.lower()
    try:
        host = f"{(parts.hostname or '').lower()}:{parts.port or DEFAULT_PORTS.get(scheme)}"
    except ValueError:  # a port that is not a number: the address as written
        host = parts.netloc.lower()
    return f"{scheme}://{host}{parts.path.rstrip('/')}"


def work_to_dict(work: Work) -> dict:
    """A Work as plain JSON data."""
    return asdict(work)


def work_from_dict(data: dict) -> Work:
    """The inverse of work_to_dict."""
    data = dict(data)
    data["authors"] = tuple(Author(**a) for a in data.get("authors", ()))
    data["notices"] = tuple(Notice(**n) for n in data.get("notices", ()))
    data["short_journal"] = tuple(data.get("short_journal", ()))
    data["journal_versions"] = tuple(data.get("journal_versions", ()))
    data["other_titles"] = tuple(data.get("other_titles", ()))
    return Work(**data)


def search_found(query: str, works: list[Work]) -> bool:
    """Whether a search answer found the work: a candidate's title is in the reference string.

    The cache cannot see verdicts; this stands for "some candidate has the cited title", the
    test between `not_found` and the rest. A miss only means a shorter TTL (asked again sooner).
    """
    text = f" {norm_text(query)} "
    return any(w.title and len(norm_text(w.title)) >= 8 and f" {norm_text(w.title)} " in text for w in works)


class CacheUnavailable(Exception):
    """The cache file cannot be opened or written."""


class Cache:
    """Key -> JSON value with expiry, in one SQLite file in WAL mode (several processes may share it)."""

    def __init__(self, directory: Path):
        self.path = Path(directory) / CACHE_FILE_NAME
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._create()
        except (OSError, sqlite3.Error) as exc:
            raise CacheUnavailable(f"cache {self.path} unusable: {exc}") from None

    def _create(self) -> None:
        # Two processes opening a new cache at once: switching to WAL can answer "locked" at once,
        # without waiting for the busy timeout, so the first steps are retried for a while.
        deadline = time.monotonic() + BUSY_TIMEOUT_SECS
        while True:
            try:
                conn = self._conn()
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL NOT NULL)"
                )
                conn.commit()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECS)
            self._local.conn = conn
        return conn

    def get(self, key: str):
        """The stored value, or None when absent or expired."""
        row = self._conn().execute("SELECT value, expires FROM answers WHERE key = ?", (key,)).fetchone()
        if row is None or row[1] < time.time():
            return None
        return json.loads(row[0])

    def put(self, key: str, value, ttl_secs: float) -> None:
        """Store a value for ttl_secs."""
        conn = self._conn()
        conn.execute(
            "INSERT OR REPLACE INTO answers (key, value, expires) VALUES (?, ?, ?)",
            (key, json.dumps(value), time.time() + ttl_secs),
        )
        conn.commit()

    def info(self) -> dict:
        """Where the cache is, and how many live and expired entries it holds."""
        now = time.time()
        conn = self._conn()
        live = conn.execute("SELECT COUNT(*) FROM answers WHERE expires >= ?", (now,)).fetchone()[0]
        expired = conn.execute("SELECT COUNT(*) FROM answers WHERE expires < ?", (now,)).fetchone()[0]
        size = sum(p.stat().st_size for p in self.path.parent.glob(self.path.name + "*"))
        return {"path": str(self.path), "entries": live, "expired": expired, "bytes": size}

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        conn = self._conn()
        count = conn.execute("SELECT COUNT(*) FROM answers").fetchone()[0]
        conn.execute("DELETE FROM answers")
        conn.commit()
        conn.execute("VACUUM")
        return count


class CachedService(Service):
    """Wraps a Service: answers from the cache when it can, asks and stores when it cannot.

    Keys begin with the service's base URL (`service_key`): answers from different services
    never mix. With `offline=True` it never asks: a question the cache cannot answer is a
    ServiceError (so the citation is `error`, never `not_found`). With `read=False` it always
    asks and only stores (`--record`: every answer must come from the service). A cache that
    fails mid-run gives one warning and the run goes on without it.
    """

    def __init__(self, inner: Service | None, cache: Cache, offline: bool = False,
                 found_ttl_secs: float = FOUND_TTL_SECS, not_found_ttl_secs: float = NOT_FOUND_TTL_SECS,
                 base_url: str = DEFAULT_CROSSREF_URL, read: bool = True):
        self.inner = inner
        self.cache = cache
        self.offline = offline
        self.read = read
        self.namespace = service_key(base_url)
        self.found_ttl_secs = found_ttl_secs
        self.not_found_ttl_secs = not_found_ttl_secs
        self.hits = 0
        self._broken = False
        self._lock = threading.Lock()

    def _lookup(self, key: str, ask, encode, decode, found=lambda value: value not in (None, [])):
        key = f"{self.namespace} {key}"
        if self.cache is None:
            self._broken = True
        if not self._broken and self.read:
            try:
                stored = self.cache.get(key)
            except (sqlite3.Error, ValueError) as exc:
                self._give_up(exc)
                stored = None
            if stored is not None and stored.get("format") == CACHE_FORMAT:
                with self._lock:
                    self.hits += 1
                return decode(stored["value"])
        if self.offline or self.inner is None:
            raise ServiceError("not in the cache, and --offline forbids asking")
        value = ask()
        if not self._broken:
            try:
                ttl = self.found_ttl_secs if found(value) else self.not_found_ttl_secs
                self.cache.put(key, {"format": CACHE_FORMAT, "value": encode(value)}, ttl)
            except sqlite3.Error as exc:
                self._give_up(exc)
        return value

    def _give_up(self, exc: Exception) -> None:
        with self._lock:
            if not self._broken:
                self._broken = True
                log.warning("cache %s is not usable (%s); going on without it", self.cache.path, exc)

    def work(self, doi: str) -> Work | None:
        """Cached Service.work."""
        return self._lookup(
            f"work:{doi.lower()}", lambda: self.inner.work(doi),
            lambda w: work_to_dict(w) if w else None, lambda d: work_from_dict(d) if d else None,
        )

    def search(self, query: str, rows: int) -> list[Work]:
        """Cached Service.search."""
        return self._lookup(
            f"search:{rows}:{normalise_query(query)}", lambda: self.inner.search(query, rows),
            lambda ws: [work_to_dict(w) for w in ws], lambda ds: [work_from_dict(d) for d in ds],
            lambda ws: search_found(query, ws),
        )

    def agency(self, doi: str) -> str | None:
        """Cached Service.agency."""
        return self._lookup(f"agency:{doi.lower()}", lambda: self.inner.agency(doi), lambda a: a, lambda a: a)

    def close(self) -> None:
        """Close the inner service."""
        if self.inner is not None:
            self.inner.close()
