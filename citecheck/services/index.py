"""A local Crossref snapshot as a Service: `citecheck check --source index:DIR`.

It answers the questions the Crossref API answers — a DOI's record, ranked candidates for a
whole reference string, a DOI's agency — from an index built by ``citecheck index build``, with
the records read by the same `work_from_crossref` as the API path, so the matching and the
verdicts are the same.

Caveat on `agency`: a snapshot of Crossref holds Crossref's DOIs only. A DOI it holds is
"crossref"; for any other DOI it cannot tell a DataCite, mEDRA or JaLC DOI from one no agency
knows, and answers None — which the matching reads as "registered nowhere". A citation whose
DOI belongs to another agency (and whose title Crossref does not hold) is therefore `not_found`
with a local source where the API would say `skipped`. `agency_fallback` lets a caller put a
service that can ask (the API, or a cache of its answers) behind the index for that one question.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

from citecheck.index.records import STOP_WORDS
from citecheck.index.store import FIELD_WEIGHTS, META_FILE, IndexMissing, open_search, read_json
from citecheck.matching.normalize import norm_text
from citecheck.models import Work
from citecheck.services.crossref import work_from_crossref
from citecheck.services.interface import Service, ServiceError

#: Query words used at most: a reference string rarely needs more to find its work, and every
#: extra word is another posting list to walk.
MAX_QUERY_TERMS = 40
#: Name of this source in reports (SourceInfo.name).
SOURCE_NAME = "crossref-snapshot"
INDEX_SCHEME = "index:"
#: Fields a bibliographic query searches. Title and author words identify a work; journal words
#: ("journal", "medicine") and numbers ("2019", "12") match a large share of all records, and
#: walking their posting lists doubled the query time on 1M records (10.9 ms -> 4.8 ms per
#: query without them; benchmarks/scale.py, noisy shared machine). The judge compares the
#: journal, year and numbers of the candidates anyway.
SEARCH_FIELDS = ("title", "author")


def query_terms(query: str) -> list[str]:
    """The distinct, normalised words of a query, stop words left out, in order."""
    words = [w for w in norm_text(query).split() if w not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_QUERY_TERMS]


class IndexService(Service):
    """Looks works up in a local index of a Crossref snapshot (tantivy, BM25)."""

    def __init__(self, directory: str | Path, agency_fallback: Service | None = None):
        self.directory = Path(directory)
        try:
            self._index = open_search(self.directory)
        except IndexMissing as exc:
            raise ServiceError(str(exc)) from None
        except ValueError as exc:  # tantivy: not an index, or another schema
            raise ServiceError(f"{self.directory}: not a citecheck index ({exc})") from None
        self.meta = read_json(self.directory / META_FILE, {})
        self._index.reload()
        self._local = threading.local()
        self.agency_fallback = agency_fallback

    # -- what answered ----------------------------------------------------------------------

    @property
    def snapshot_date(self) -> str | None:
        """The snapshot's date (given at build, or the latest `indexed` date among its records)."""
        return self.meta.get("snapshot_date")

    @property
    def source_name(self) -> str:
        """The source's name for reports."""
        return SOURCE_NAME

    @property
    def url(self) -> str:
        """Where the source is, as a user names it."""
        return f"{INDEX_SCHEME}{self.directory}"

    def source_info(self) -> dict:
        """Keyword arguments for `SourceInfo`: name, url and snapshot date."""
        return {"name": self.source_name, "url": self.url, "recorded": False, "snapshot": self.snapshot_date}

    # -- the Service questions ---------------------------------------------------------------

    def _searcher(self):
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self._index.searcher()
        return searcher

    def _work(self, stored: str, score: float | None = None) -> Work:
        try:
            work = work_from_crossref(json.loads(stored))
        except ValueError as exc:
            raise ServiceError(f"index record is not JSON: {exc}") from None
        if work is None:
            raise ServiceError("index record has no DOI")
        return replace(work, score=score) if score is not None else work

    def work(self, doi: str) -> Work | None:
        """The record under a DOI, None when the snapshot does not hold it."""
        import tantivy

        searcher = self._searcher()
        query = tantivy.Query.term_query(self._index.schema, "doi", doi.strip().lower())
        hits = searcher.search(query, 1, count=False).hits
        if not hits:
            return None
        return self._work(searcher.doc(hits[0][1])["msg"][0])

    def search(self, query: str, rows: int) -> list[Work]:
        """Records ranked by BM25 over title and author words (`SEARCH_FIELDS`); `score` is tantivy's."""
        import tantivy

        terms = query_terms(query)
        if not terms:
            return []
        schema = self._index.schema
        clauses = [
            (tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(schema, field, term), weight))
            for term in terms for field, weight in FIELD_WEIGHTS.items() if field in SEARCH_FIELDS
        ]
        searcher = self._searcher()
        hits = searcher.search(tantivy.Query.boolean_query(clauses), rows, count=False).hits
        return [self._work(searcher.doc(addr)["msg"][0], float(score)) for score, addr in hits]

    def agency(self, doi: str) -> str | None:
        """"crossref" for a DOI the snapshot holds; otherwise the fallback's answer, or None (see the module's caveat)."""
        if self.work(doi) is not None:
            return "crossref"
        if self.agency_fallback is not None:
            return self.agency_fallback.agency(doi)
        return None

    def close(self) -> None:
        """Nothing to release (tantivy's files are memory-mapped and closed with the object)."""
        if self.agency_fallback is not None:
            self.agency_fallback.close()


def is_index_spec(spec: str | None) -> bool:
    """True for a source spec naming a local index (``index:DIR``)."""
    return bool(spec) and spec.startswith(INDEX_SCHEME)


def build_source(spec: str, agency_fallback: Service | None = None) -> Service:
    """The Service a `--source` value names: ``index:DIR`` is a local index of a Crossref snapshot.

    Raises ServiceError when the index cannot be opened, ValueError for a spec it does not know
    (``crossref`` / the API is built by `citecheck.run.build_service`).
    """
    if is_index_spec(spec):
        path = spec[len(INDEX_SCHEME):]
        if not path:
            raise ValueError("--source index: needs a directory (index:DIR)")
        return IndexService(Path(path).expanduser(), agency_fallback=agency_fallback)
    raise ValueError(f"unknown source {spec!r}: expected index:DIR (or leave --source unset for the Crossref API)")
