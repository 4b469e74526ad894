"""A small local stand-in for the Crossref REST API, for end-to-end tests and benchmarks.

The project's rule is that tests never touch the network (DESIGN.md, house rule 10).  This
module serves the handful of Crossref routes citecheck uses, from an in-memory list of work
messages, on ``127.0.0.1`` and an ephemeral port.  It never opens an outgoing connection.

What it reproduces, and where each shape comes from (all in ``../shared/crossref/``):

* ``GET /works/{doi}``: ``{"status": "ok", "message-type": "work", ...}``; an unknown DOI
  gets the plain-text 404 body ``Resource not found.`` (``recorded-2026/test_works_bad_id_warn.yaml``).
* ``GET /works/{doi}/agency``: the ``work-agency`` answer naming the registration agency.
* ``GET /works?query.bibliographic=...``: a ``work-list`` ranked by a BM25 score scaled to the
  range real answers show (``queries/unstructured-ref-response-*.json``: ~50 to ~170).
* ``select=``: only the named fields are kept.  Real Crossref drops ``score`` unless ``score``
  itself is selected (``recorded-2026/test_works_with_select_param.yaml``), and so does this fake.
* Bad parameters: 400 ``validation-failure`` bodies
  (``recorded-2026/test_works_query_filters_not_allowed_with_dois.yaml``).
* The pool and limit headers every answer carries (``x-api-pool``, ``x-rate-limit-limit``,
  ``x-rate-limit-interval``, ``x-concurrency-limit``).

It also misbehaves on request, so the client's retry, back-off and error paths can be tested:
rate and concurrency limits answered with 429 and ``Retry-After``, added latency, seeded
random faults (500, 503, connection reset, truncated body) and a whole-service outage.

Usage::

    with FakeCrossref(load_corpus("fixtures/corpus")) as fake:
        requests.get(f"{fake.url}/works/10.1038/nm.4050")
"""

from __future__ import annotations

import collections
import json
import math
import random
import re
import socket
import struct
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterable, Mapping
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = ["FakeCrossref", "load_corpus", "MAX_ROWS", "DEFAULT_ROWS"]

#: Crossref's default page size for list routes.
DEFAULT_ROWS = 20
#: Crossref refuses ``rows`` above 1000 with a validation failure.
MAX_ROWS = 1000

#: The plain-text body Crossref sends with a 404 (seen in the June 2026 recordings).
NOT_FOUND_BODY = b"Resource not found."

#: Agency ids the ``/agency`` route knows, with the labels it shows.
AGENCY_LABELS = {
    "crossref": "Crossref",
    "datacite": "DataCite",
    "medra": "mEDRA",
    "jalc": "JaLC",
    "kisti": "KISTI",
    "cnki": "CNKI",
    "airiti": "Airiti",
    "op": "OP",
    "public": "Public",
}

#: Field queries this fake answers, and which indexed field groups each one searches.
#: ``query`` and ``query.bibliographic`` search everything.
FIELD_QUERIES: dict[str, tuple[str, ...]] = {
    "query": ("title", "author", "container", "other"),
    "query.bibliographic": ("title", "author", "container", "other"),
    "query.title": ("title",),
    "query.author": ("author",),
    "query.container-title": ("container",),
}

#: Parameters Crossref accepts on ``/works`` but this fake does not implement.  They get a
#: 400 naming the fake, so a test never silently relies on a filter that was ignored.
UNSUPPORTED_LIST_PARAMETERS = frozenset(
    {"filter", "sort", "order", "facet", "cursor", "sample"}
)

#: Fields Crossref lets ``select=`` name (from the API's own list of work elements).
SELECTABLE_FIELDS = frozenset(
    """abstract URL member posted score created degree update-policy short-title license
    ISSN container-title issued update-to issue prefix approved indexed article-number
    clinical-trial-number accepted author group-title DOI is-referenced-by-count updated-by
    event chair standards-body original-title funder translator archive published-print
    alternative-id subject subtitle published-online publisher-location content-domain
    reference title link type publisher volume references-count ISBN issn-type assertion
    deposited page content-created short-container-title relation editor language
    published reference-count resource source journal-issue institution subtype
    """.split()
)

# BM25 parameters: the usual defaults (Robertson & Zaragoza), which Elasticsearch, the
# engine behind Crossref's search, also uses.
BM25_K1 = 1.2
BM25_B = 0.75

#: Per-group weights: a title word is worth more than a page number, as in Crossref's ranking
#: where a matching title dominates the score.
GROUP_WEIGHTS = {"title": 1.0, "author": 0.8, "container": 0.5, "other": 0.6}

#: Multiplier turning raw BM25 sums into figures in the range real Crossref scores show
#: (a right whole-reference match in ``queries/unstructured-ref-response-*.json`` scores
#: ~120-170, the runners-up 40-60).  Tuned on ``fixtures/corpus``.
SCORE_SCALE = 2.7

#: Floor for the document count used in IDF.  With a 30-work corpus every word is "rare" and
#: scores would be flat; pretending the index holds at least this many documents keeps the
#: spread between a full match and a one-word match close to what Crossref shows.
IDF_MIN_DOCS = 200

#: Above this figure scores grow logarithmically (a monotone squeeze, so ranks are kept):
#: a long reference listing a dozen authors would otherwise score 300+, where Crossref's
#: best matches in the recorded answers stay under ~170.
SCORE_KNEE = 120.0
SCORE_KNEE_WIDTH = 40.0

#: Once this many works have matched a query's rarer tokens, its commoner tokens only
#: re-score those works (see ``_SearchIndex``).
CANDIDATE_LIMIT = 1000

_TOKEN_RE = re.compile(r"[0-9a-z]+")


def _tokens(text: str) -> list[str]:
    """Lowercase, strip accents, split on anything not a letter or digit."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return _TOKEN_RE.findall(text)


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _year(message: Mapping[str, Any]) -> str | None:
    for key in ("issued", "published-print", "published-online", "published", "created"):
        parts = (message.get(key) or {}).get("date-parts") or [[None]]
        if parts and parts[0] and parts[0][0]:
            return str(parts[0][0])
    return None


def _field_texts(message: Mapping[str, Any]) -> dict[str, list[str]]:
    """The text of each searchable field group of one work message."""
    authors: list[str] = []
    for person in message.get("author") or []:
        authors += _strings(person.get("family"))
        authors += _strings(person.get("name"))
    other = _strings(_year(message)) + _strings(message.get("volume"))
    other += _strings(message.get("issue")) + _strings(message.get("page"))
    other += _strings(message.get("article-number")) + _strings(message.get("DOI"))
    return {
        "title": _strings(message.get("title")) + _strings(message.get("subtitle")),
        "author": authors,
        "container": _strings(message.get("container-title"))
        + _strings(message.get("short-container-title")),
        "other": other,
    }


class _SearchIndex:
    """A BM25 inverted index over a list of work messages, one posting table per field group.

    Built once from the whole corpus (and again after ``add_works``).  A query walks its
    tokens rarest first; once ``CANDIDATE_LIMIT`` works have been gathered, commoner tokens
    only add to the scores of works already found instead of dragging in every work that
    contains "of" or "2019".  That keeps a query in the millisecond range on 50,000+ works,
    at the cost of leaving out works that match nothing but common words (which would rank
    at the bottom anyway).
    """

    def __init__(self, messages: list[Mapping[str, Any]]):
        self.size = len(messages)
        # group -> token -> {doc id: BM25 term weight without IDF}
        self.postings: dict[str, dict[str, dict[int, float]]] = {g: {} for g in GROUP_WEIGHTS}
        self.doc_freq: collections.Counter[str] = collections.Counter()
        lengths: dict[str, list[int]] = {g: [] for g in GROUP_WEIGHTS}
        counts: dict[str, list[collections.Counter[str]]] = {g: [] for g in GROUP_WEIGHTS}
        for message in messages:
            seen: set[str] = set()
            for group, texts in _field_texts(message).items():
                toks = [t for s in texts for t in _tokens(s)]
                lengths[group].append(len(toks))
                counts[group].append(collections.Counter(toks))
                seen.update(toks)
            self.doc_freq.update(seen)
        for group in GROUP_WEIGHTS:
            total_len = sum(lengths[group])
            avg = total_len / len(lengths[group]) if total_len else 1.0
            table = self.postings[group]
            for doc, (length, counter) in enumerate(zip(lengths[group], counts[group])):
                norm = BM25_K1 * (1 - BM25_B + BM25_B * length / avg)
                for tok, tf in counter.items():
                    posting = table.get(tok)
                    if posting is None:
                        posting = table[tok] = {}
                    posting[doc] = tf * (BM25_K1 + 1) / (tf + norm)
        n = max(self.size, IDF_MIN_DOCS)
        self.idf = {
            tok: math.log(1 + (n - df + 0.5) / (df + 0.5)) for tok, df in self.doc_freq.items()
        }

    def _score_one(self, text: str, groups: tuple[str, ...]) -> dict[int, float]:
        scores: dict[int, float] = {}
        terms = sorted(
            (self.doc_freq[tok], tok, qtf)
            for tok, qtf in collections.Counter(_tokens(text)).items()
            if tok in self.idf
        )
        for _df, tok, qtf in terms:
            idf = self.idf[tok] * SCORE_SCALE * (1 + 0.1 * (qtf - 1))
            gather = len(scores) < CANDIDATE_LIMIT
            for group in groups:
                posting = self.postings[group].get(tok)
                if not posting:
                    continue
                factor = GROUP_WEIGHTS[group] * idf
                if gather:
                    for doc, w in posting.items():
                        scores[doc] = scores.get(doc, 0.0) + factor * w
                elif len(posting) < len(scores):
                    for doc, w in posting.items():
                        if doc in scores:
                            scores[doc] += factor * w
                else:
                    for doc in scores:
                        w = posting.get(doc)
                        if w is not None:
                            scores[doc] += factor * w
        return scores

    def search(self, queries: Mapping[str, str]) -> list[tuple[int, float]]:
        """Rank documents for one or more field queries; returns (doc id, score), best first.

        Several field queries are combined as Crossref does: the scores add up, and a work
        must match every field query given.
        """
        total: dict[int, float] | None = None
        for name, text in queries.items():
            scores = self._score_one(text, FIELD_QUERIES[name])
            if total is None:
                total = scores
            else:
                total = {d: s + scores[d] for d, s in total.items() if d in scores}
        ranked = sorted((total or {}).items(), key=lambda item: (-item[1], item[0]))
        return [(doc, _squeeze(score)) for doc, score in ranked]


def _squeeze(score: float) -> float:
    if score <= SCORE_KNEE:
        return score
    return SCORE_KNEE + SCORE_KNEE_WIDTH * math.log1p((score - SCORE_KNEE) / SCORE_KNEE_WIDTH)


def _validation_failure(kind: str, value: str, message: str) -> dict[str, Any]:
    return {
        "status": "failed",
        "message-type": "validation-failure",
        "message": [{"type": kind, "value": value, "message": message}],
    }


class FakeCrossref:
    """A local HTTP server answering like the Crossref REST API, for tests.

    ``works`` are Crossref work messages (the dict under ``"message"`` of a ``/works/{doi}``
    answer).  ``agencies`` maps DOIs that Crossref does not hold to the agency the
    ``/agency`` route should name (``"datacite"``, ``"medra"``, ``"jalc"``, ...).

    The limit arguments are what the headers advertise; with ``enforce_limits=True`` they are
    also enforced (429 with ``Retry-After``).  ``latency_secs`` delays every answer;
    ``fault_rate`` fails that share of requests (drawn from a ``random.Random(seed)``) with
    one of ``faults``: ``"500"``, ``"503"``, ``"reset"`` (connection closed without an
    answer) or ``"truncated"`` (a 200 whose body stops half-way).
    """

    def __init__(
        self,
        works: Iterable[Mapping[str, Any]] = (),
        *,
        agencies: Mapping[str, str] | None = None,
        rate_limit: int = 50,
        interval_secs: float = 1,
        concurrency: int = 10,
        pool: str = "polite",
        latency_secs: float = 0.0,
        fault_rate: float = 0.0,
        faults: Iterable[str] = ("500", "503", "reset", "truncated"),
        enforce_limits: bool = False,
        seed: int = 0,
    ):
        self.rate_limit = int(rate_limit)
        self.interval_secs = interval_secs
        self.concurrency = int(concurrency)
        self.pool = pool
        self.latency_secs = latency_secs
        self.fault_rate = fault_rate
        self.faults = tuple(faults)
        for fault in self.faults:
            if fault not in ("500", "503", "reset", "truncated"):
                raise ValueError(f"unknown fault {fault!r}")
        self.enforce_limits = enforce_limits
        self.agencies = {k.lower(): v.lower() for k, v in (agencies or {}).items()}
        self.url = ""
        #: One entry per request received: (method, path, query dict, status sent).
        #: ``path`` is percent-decoded; status is ``None`` for a reset connection.
        self.requests: list[tuple[str, str, dict[str, str], int | None]] = []
        #: How many 429 answers were sent.
        self.too_many = 0
        #: The highest number of requests in flight at once (handy for concurrency tests).
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._messages: list[dict[str, Any]] = []
        self._by_doi: dict[str, int] = {}
        self._index: _SearchIndex | None = None
        self._down = False
        self._in_flight = 0
        self._recent: collections.deque[float] = collections.deque()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self.add_works(works)

    # -- corpus -------------------------------------------------------------------------

    def add_works(self, works: Iterable[Mapping[str, Any]]) -> None:
        """Add (or replace, by DOI) work messages; the search index is rebuilt on next use."""
        with self._lock:
            for work in works:
                message = dict(work)
                doi = str(message["DOI"]).lower()
                if doi in self._by_doi:
                    self._messages[self._by_doi[doi]] = message
                else:
                    self._by_doi[doi] = len(self._messages)
                    self._messages.append(message)
            self._index = None

    def set_down(self, down: bool) -> None:
        """While down, every request is answered 503."""
        with self._lock:
            self._down = bool(down)

    def _search_index(self) -> _SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = _SearchIndex(self._messages)
            return self._index

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> "FakeCrossref":
        """Bind 127.0.0.1 on a free port and serve in a background thread."""
        if self._server is not None:
            return self
        self._search_index()  # build before the first request, not during it
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        host, port = server.server_address[:2]
        self.url = f"http://{host}:{port}"
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop any kept-alive connections."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        with self._lock:
            conns = list(self._connections)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeCrossref":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- request accounting -------------------------------------------------------------

    def _log(self, method: str, path: str, query: dict[str, str], status: int | None) -> None:
        with self._lock:
            self.requests.append((method, path, query, status))

    def _admit(self) -> float | None:
        """Take a slot for one request; returns a Retry-After figure when over a limit."""
        with self._lock:
            now = time.monotonic()
            if self.enforce_limits:
                while self._recent and now - self._recent[0] >= self.interval_secs:
                    self._recent.popleft()
                over_rate = len(self._recent) >= self.rate_limit
                over_concurrency = self._in_flight >= self.concurrency
                if over_rate or over_concurrency:
                    self.too_many += 1
                    if over_rate:
                        wait = self.interval_secs - (now - self._recent[0])
                    else:
                        wait = self.interval_secs
                    return max(1.0, math.ceil(wait))
            self._recent.append(now)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            return None

    def _release(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _draw_fault(self) -> str | None:
        if self.fault_rate <= 0 or not self.faults:
            return None
        with self._lock:
            if self._rng.random() < self.fault_rate:
                return self._rng.choice(self.faults)
        return None

    def _headers(self) -> dict[str, str]:
        interval = self.interval_secs
        shown = f"{int(interval)}s" if float(interval).is_integer() else f"{interval}s"
        return {
            "access-control-allow-origin": "*",
            "x-api-pool": self.pool,
            "x-rate-limit-limit": str(self.rate_limit),
            "x-rate-limit-interval": shown,
            "x-concurrency-limit": str(self.concurrency),
        }

    # -- routes -------------------------------------------------------------------------

    def _route(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        """Answer one GET: (status, content type, body)."""
        if path in ("/works", "/works/"):
            return self._works_list(query)
        if path.startswith("/works/"):
            doi = path[len("/works/"):]
            agency = doi.endswith("/agency")
            if agency:
                doi = doi[: -len("/agency")]
            for name in query:
                if name == "mailto":
                    continue
                if name.startswith("query"):
                    return self._json(400, _validation_failure(
                        "parameter-not-allowed", "query.*",
                        "This route does not support field query parameters"))
                return self._json(400, _validation_failure(
                    "unknown-parameter", name,
                    f"Parameter {name} specified but there is no such parameter available on this route"))
            return self._agency(doi) if agency else self._work(doi)
        return 404, "text/plain", NOT_FOUND_BODY

    def _json(self, status: int, payload: Any) -> tuple[int, str, bytes]:
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return status, "application/json", body

    def _lookup(self, doi: str) -> dict[str, Any] | None:
        with self._lock:
            pos = self._by_doi.get(doi.strip().lower())
            return None if pos is None else self._messages[pos]

    def _work(self, doi: str) -> tuple[int, str, bytes]:
        message = self._lookup(doi)
        if message is None:
            return 404, "text/plain", NOT_FOUND_BODY
        return self._json(200, {"status": "ok", "message-type": "work",
                                "message-version": "1.0.0", "message": message})

    def _agency(self, doi: str) -> tuple[int, str, bytes]:
        key = doi.strip().lower()
        agency = self.agencies.get(key)
        if agency is None:
            if self._lookup(key) is None:
                return 404, "text/plain", NOT_FOUND_BODY
            agency = "crossref"
        label = AGENCY_LABELS.get(agency, agency)
        return self._json(200, {
            "status": "ok", "message-type": "work-agency", "message-version": "1.0.0",
            "message": {"DOI": key, "agency": {"id": agency, "label": label}},
        })

    def _works_list(self, query: dict[str, str]) -> tuple[int, str, bytes]:
        field_queries: dict[str, str] = {}
        rows, offset, select = DEFAULT_ROWS, 0, None
        for name, value in query.items():
            if name in FIELD_QUERIES:
                field_queries[name] = value
            elif name == "mailto":
                pass
            elif name in ("rows", "offset"):
                limit = MAX_ROWS if name == "rows" else 10000
                if not value.isdigit() or int(value) > limit:
                    return self._json(400, _validation_failure(
                        "integer-not-valid", value,
                        f"Integer specified as {value} but must be a positive integer less than or equal to {limit}."))
                if name == "rows":
                    rows = int(value)
                else:
                    offset = int(value)
            elif name == "select":
                select = [f.strip() for f in value.split(",") if f.strip()]
                for field in select:
                    if field not in SELECTABLE_FIELDS:
                        return self._json(400, _validation_failure(
                            "parameter-not-allowed", field,
                            f"Select field {field} is not a valid select field for works"))
            elif name in UNSUPPORTED_LIST_PARAMETERS:
                return self._json(400, _validation_failure(
                    "parameter-not-supported", name,
                    f"Parameter {name} is valid on Crossref but not implemented by this fake"))
            else:
                return self._json(400, _validation_failure(
                    "unknown-parameter", name,
                    f"Parameter {name} specified but there is no such parameter available on this route"))

        index = self._search_index()
        with self._lock:
            messages = list(self._messages)
        if field_queries:
            ranked = index.search(field_queries)
        else:  # no query: everything, in corpus order, with a flat score as Crossref gives
            ranked = [(doc, 1.0) for doc in range(index.size)]
        items = []
        for doc, score in ranked[offset: offset + rows]:
            item = dict(messages[doc])
            item["score"] = round(score, 5)
            if select is not None:
                item = {k: v for k, v in item.items() if k in select}
            items.append(item)
        search_terms = query.get("query")
        return self._json(200, {
            "status": "ok",
            "message-type": "work-list",
            "message-version": "1.0.0",
            "message": {
                "facets": {},
                "total-results": len(ranked),
                "items": items,
                "items-per-page": rows,
                "query": {"start-index": offset, "search-terms": search_terms},
            },
        })


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeCrossref

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet: a client hanging up mid-answer is part of the tests, not a failure."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as Crossref's Jetty does
    server_version = "Jetty(9.4.40.v20210413)"
    sys_version = ""
    timeout = 30  # an idle kept-alive connection is dropped after this many seconds
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.fake._lock:
            self.server.fake._connections.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.fake._lock:
                self.server.fake._connections.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """No request log on stderr."""

    def _send(self, status: int, content_type: str, body: bytes,
              extra: Mapping[str, str] | None = None, truncate: bool = False) -> None:
        fake = self.server.fake
        self.send_response(status)
        headers = fake._headers()
        headers.update(extra or {})
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        if truncate:
            self.send_header("connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if truncate else body)

    def _reset(self) -> None:
        """Drop the connection with a TCP reset and send nothing."""
        self.close_connection = True
        try:
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
        except OSError:
            pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        fake = self.server.fake
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))

        with fake._lock:
            down = fake._down
        if down:
            fake._log("GET", path, query, 503)
            self._send(503, "text/plain", b"Service Unavailable")
            return

        retry_after = fake._admit()
        if retry_after is not None:
            fake._log("GET", path, query, 429)
            body = json.dumps({
                "status": "failed", "message-type": "rate-limit-exceeded",
                "message": "Too many requests: you have exceeded the rate or concurrency limit.",
            }).encode()
            self._send(429, "application/json", body, {"retry-after": str(int(retry_after))})
            return
        try:
            if fake.latency_secs > 0:
                time.sleep(fake.latency_secs)
            fault = fake._draw_fault()
            if fault == "reset":
                fake._log("GET", path, query, None)
                self._reset()
                return
            if fault in ("500", "503"):
                status = int(fault)
                fake._log("GET", path, query, status)
                text = b"Internal Server Error" if status == 500 else b"Service Unavailable"
                self._send(status, "text/plain", text)
                return
            status, content_type, body = fake._route(path, query)
            truncate = fault == "truncated" and status == 200
            fake._log("GET", path, query, status)
            self._send(status, content_type, body, truncate=truncate)
        finally:
            fake._release()

    def _not_allowed(self) -> None:
        fake = self.server.fake
        parts = urlsplit(self.path)
        fake._log(self.command, unquote(parts.path),
                  dict(parse_qsl(parts.query, keep_blank_values=True)), 405)
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        self._send(405, "text/plain", b"Method Not Allowed", {"allow": "GET"})

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815


def load_corpus(directory: str | Path) -> list[dict[str, Any]]:
    """Read every ``*.json`` in ``directory`` (sorted by name) into a list of work messages.

    A file may hold a JSON list of work messages, one ``/works/{doi}`` answer
    (``{"status": "ok", "message": {...}}``), one bare message, or a ``work-list`` answer.
    """
    works: list[dict[str, Any]] = []
    for path in sorted(Path(directory).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("message"), dict):
            data = data["message"]
        if isinstance(data, dict) and isinstance(data.get("items"), list):
            data = data["items"]
        if isinstance(data, dict):
            data = [data]
        for work in data:
            if not isinstance(work, dict) or "DOI" not in work:
                raise ValueError(f"{path}: not a Crossref work message: {str(work)[:80]}")
            works.append(work)
    return works


def main(argv: list[str] | None = None) -> int:
    """``python -m tests.fake_crossref [DIR]``: serve DIR's works (default fixtures/corpus) on
    127.0.0.1 until interrupted, for trying ``citecheck check --crossref-url URL`` by hand."""
    import sys
    import time

    args = sys.argv[1:] if argv is None else argv
    works = load_corpus(args[0] if args else Path(__file__).resolve().parents[1] / "fixtures" / "corpus")
    fake = FakeCrossref(works).start()
    print(f"fake Crossref at {fake.url} ({len(works)} works); Ctrl-C stops it", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        fake.stop()


if __name__ == "__main__":
    raise SystemExit(main())
