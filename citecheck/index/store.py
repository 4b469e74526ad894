"""The on-disk index: a tantivy search index plus Parquet tables for the batch job.

Layout of an index directory::

    DIR/meta.json           what was ingested: sources, snapshot date, counts, filter (see build.py)
    DIR/progress.json       which snapshot files (and how far into each) are in the index
    DIR/search/             tantivy index: DOI term, four BM25 text fields, the stored record
    DIR/records/part-*.parquet   (doi, message): the trimmed record as JSON, for the batch job
    DIR/keys/part-*.parquet      (key, doi): the record's blocking keys, for the batch job

Engine: tantivy, chosen by measurement (``python -m benchmarks.scale engines``). On 100,000
synthetic records, one core: a top-10 BM25 OR-query for a whole reference string takes 0.7 ms
(p50; p95 1.0 ms) in tantivy against 84 ms (p95 134 ms) in SQLite FTS5, because FTS5 ranks
every document matching any query word while tantivy's block-max WAND skips those that cannot
reach the top 10. FTS5 ingested twice as fast (22k vs 11k records/s) and was ~20% smaller, but
the check target (200 citations/s on one core at 1M records) rules it out: at 1M records its
query time grows ~10x. SQLite's one advantage, committing data and progress in one
transaction, is matched here by making the resume idempotent (see build.py).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

#: Field groups searched, with their weight: a title word counts most, as in Crossref's ranking
#: (the same weights as tests/fake_crossref.py's BM25, so both rank alike).
FIELD_WEIGHTS = {"title": 1.0, "author": 0.8, "container": 0.5, "other": 0.6}
SEARCH_DIR = "search"
RECORDS_DIR = "records"
KEYS_DIR = "keys"
META_FILE = "meta.json"
PROGRESS_FILE = "progress.json"
#: Memory for tantivy's indexing buffer (bytes): 200 MB keeps segments few on a 1M-record build.
WRITER_HEAP_BYTES = 200_000_000


class IndexMissing(Exception):
    """The directory holds no citecheck index."""


def schema():
    """The tantivy schema of the search index."""
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("doi", tokenizer_name="raw", index_option="basic")
    for name in FIELD_WEIGHTS:
        # Text is normalised before indexing (records.search_text), so the default tokenizer
        # (split on non-alphanumerics, lower-case) sees what a query sees. Term frequencies are
        # kept for BM25; positions are not (no phrase queries), which keeps the index small.
        builder.add_text_field(name, tokenizer_name="default", index_option="freq")
    builder.add_text_field("msg", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def open_search(directory: Path, create: bool = False):
    """The tantivy index under DIR/search (created when asked)."""
    import tantivy

    path = directory / SEARCH_DIR
    if create:
        path.mkdir(parents=True, exist_ok=True)
    elif not path.is_dir():
        raise IndexMissing(f"{directory} holds no citecheck index (no {SEARCH_DIR}/); build one with `citecheck index build`")
    return tantivy.Index(schema(), path=str(path))


def read_json(path: Path, default):
    """A JSON file's content, or `default` when it does not exist."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def write_json_atomic(path: Path, data) -> None:
    """Write JSON so that a reader (or a crash) never sees half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def directory_bytes(path: Path) -> int:
    """Total size of the files below a directory."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
