"""`citecheck index build`: stream snapshot files into a local index, resumably.

Resume: records are added in batches. Each batch is written as one Parquet part (records and
blocking keys, named by the batch's number), added to tantivy and committed; only then is
``progress.json`` replaced (atomically) with how far into each snapshot file the index goes and
the next part number. An interrupted build run again with the same sources starts after the last
committed batch: a Parquet part written but not recorded is written again under the same name,
and the records of the first batch after a restart are deleted by DOI from tantivy before they
are added, so a crash between tantivy's commit and the progress file leaves no duplicates.
"""

from __future__ import annotations

import datetime as _dt
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from citecheck.index import records as rec
from citecheck.index.snapshot import Malformed, SnapshotError, expand_sources, read_file
from citecheck.index.store import (
    KEYS_DIR, META_FILE, PROGRESS_FILE, RECORDS_DIR, WRITER_HEAP_BYTES, open_search, read_json, write_json_atomic,
)
from citecheck.matching.journals import journal_key

#: Records per committed batch: the most an interruption can cost, and the size of a Parquet part.
DEFAULT_BATCH_RECORDS = 50_000
#: Malformed records described in meta.json (the rest are only counted).
MAX_MALFORMED_EXAMPLES = 20
INDEX_FORMAT = 1


@dataclass(frozen=True)
class Filter:
    """Which records to keep (`--filter`); None means no condition on that field."""

    types: frozenset[str] | None = None
    from_year: int | None = None
    issns: frozenset[str] | None = None
    journals: frozenset[str] | None = None  # journal_key() of the names

    def keep(self, message: dict) -> bool:
        """True when the record passes every condition given."""
        if self.types is not None and str(message.get("type", "")).lower() not in self.types:
            return False
        if self.from_year is not None:
            year = rec.year_of(message)
            if year is None or year < self.from_year:
                return False
        if self.issns is not None:
            issns = message.get("ISSN") or []
            if not any(isinstance(i, str) and i.strip().upper() in self.issns for i in issns):
                return False
        if self.journals is not None:
            names = (message.get("container-title") or []) + (message.get("short-container-title") or [])
            if not any(isinstance(n, str) and journal_key(n) in self.journals for n in names):
                return False
        return True

    def describe(self) -> dict:
        """The filter as JSON-friendly values (for meta.json)."""
        return {k: (sorted(v) if isinstance(v, frozenset) else v) for k, v in asdict(self).items() if v is not None}


def _values(value: str) -> list[str]:
    """Comma-separated values; ``@FILE`` reads one value per line from FILE."""
    out = []
    for part in value.split(","):
        part = part.strip()
        if part.startswith("@"):
            out += [line.strip() for line in Path(part[1:]).read_text(encoding="utf-8").splitlines() if line.strip()]
        elif part:
            out.append(part)
    return out


def parse_filters(specs: list[str]) -> Filter:
    """`--filter` values: ``type=journal-article,proceedings-article``, ``from-year=2000``,
    ``issn=0028-0836,@issns.txt``, ``journal=@biomedical-journals.txt``. Raises ValueError."""
    kwargs: dict = {}
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip().lower()
        if not sep or not value.strip():
            raise ValueError(f"--filter {spec!r}: expected NAME=VALUE")
        if name == "type":
            kwargs["types"] = frozenset(v.lower() for v in _values(value))
        elif name == "from-year":
            try:
                kwargs["from_year"] = int(value)
            except ValueError:
                raise ValueError(f"--filter {spec!r}: from-year must be a year") from None
        elif name == "issn":
            kwargs["issns"] = frozenset(v.upper() for v in _values(value))
        elif name == "journal":
            kwargs["journals"] = frozenset(journal_key(v) for v in _values(value))
        else:
            raise ValueError(f"--filter {spec!r}: unknown filter {name!r} (type, from-year, issn, journal)")
    return Filter(**kwargs)


@dataclass
class BuildStats:
    """What a build run did (this run only; meta.json holds the index's totals)."""

    files: int = 0
    read: int = 0
    added: int = 0
    filtered_out: int = 0
    malformed: int = 0
    resumed: bool = False
    seconds: float = 0.0
    malformed_examples: list[str] = field(default_factory=list)
    #: Sources read from their start that held no record at all (legitimately empty, not an error).
    empty_files: list[str] = field(default_factory=list)


@dataclass
class _FileTally:
    """What one snapshot file gave: tells a file that is no snapshot at all from an empty one."""

    records: int = 0
    malformed: int = 0
    first_problem: str = ""
    resumed: bool = False

    def problem(self, path: Path) -> str | None:
        """Why the file is not a snapshot: read from its start, it gave malformed records and no work."""
        if self.resumed or self.records or not self.malformed:
            return None
        return (f"{path}: not a Crossref snapshot or records file (no work with a DOI in it; "
                f"{self.malformed:,} malformed, first: {self.first_problem})")


class _Writer:
    """Adds batches to tantivy and the Parquet tables, and records progress after each commit."""

    def __init__(self, directory: Path, progress: dict):
        import pyarrow  # noqa: F401  (fail early, before any work, when the `index` extra is missing)

        self.directory = directory
        self.progress = progress
        self.index = open_search(directory, create=True)
        self.writer = self.index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        self.dedupe_next = bool(progress.get("parts"))  # a restart: the first batch may be in tantivy already
        (directory / RECORDS_DIR).mkdir(exist_ok=True)
        (directory / KEYS_DIR).mkdir(exist_ok=True)

    def flush(self, batch: list[dict], units: dict[str, int], counts: dict) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq
        import tantivy

        part = int(self.progress.get("parts", 0))
        dois, messages, key_rows, key_dois = [], [], [], []
        for message in batch:
            doi = message["DOI"].strip().lower()
            text = rec.search_text(message)
            body = rec.dumps(message)
            if self.dedupe_next:
                self.writer.delete_documents_by_term("doi", doi)
            self.writer.add_document(tantivy.Document(doi=doi, msg=body, **text))
            dois.append(doi)
            messages.append(body)
            for key in dict.fromkeys(rec.record_keys(message)):
                key_rows.append(key)
                key_dois.append(doi)
        name = f"part-{part:06d}.parquet"
        pq.write_table(pa.table({"doi": dois, "message": messages}), self.directory / RECORDS_DIR / name, compression="zstd")
        pq.write_table(pa.table({"key": key_rows, "doi": key_dois}), self.directory / KEYS_DIR / name, compression="zstd")
        self.writer.commit()
        self.dedupe_next = False
        done = self.progress.setdefault("units", {})
        done.update(units)
        self.progress["parts"] = part + 1
        totals = self.progress.setdefault("counts", {})
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
        write_json_atomic(self.directory / PROGRESS_FILE, self.progress)

    def close(self) -> None:
        self.writer.wait_merging_threads()


def build_index(sources: list[str], directory: Path, filt: Filter = Filter(), *, snapshot_date: str | None = None,
                fresh: bool = False, batch_records: int = DEFAULT_BATCH_RECORDS,
                on_progress: Callable[[int, int, BuildStats], None] | None = None) -> BuildStats:
    """Ingest snapshot files into the index at `directory`; resumes where an earlier run stopped.

    ``on_progress(bytes_done, bytes_total, stats)`` is called as reading advances.
    Raises SnapshotError when a source does not exist, or when a file read from its start gives
    no work but malformed records (not a snapshot: the batches before it stay committed). A file
    with no record at all is empty, not an error: it is named in `BuildStats.empty_files`.
    """
    started = time.monotonic()
    files = expand_sources(sources)
    directory.mkdir(parents=True, exist_ok=True)
    if fresh:
        _clear(directory)
    progress = read_json(directory / PROGRESS_FILE, {})
    meta = read_json(directory / META_FILE, {})
    if meta.get("filter", filt.describe()) != filt.describe():
        raise ValueError(f"{directory} was built with --filter {meta['filter']}; use the same filter or --fresh")
    stats = BuildStats(files=len(files), resumed=bool(progress.get("units")))
    if not files:  # only empty directories were named
        stats.empty_files = [str(s) for s in sources]
    writer = _Writer(directory, progress)
    done_units: dict[str, int] = progress.get("units", {})
    sizes = [f.stat().st_size for f in files]
    total_bytes, before = sum(sizes), 0
    batch: list[dict] = []
    pending: dict[str, int] = {}
    counts = {"read": 0, "added": 0, "filtered_out": 0, "malformed": 0}
    latest = meta.get("latest_indexed")

    def flush():
        nonlocal batch, pending, counts
        if batch or pending:
            writer.flush(batch, pending, counts)
        batch, pending = [], {}
        counts = {k: 0 for k in counts}

    try:
        for path, size in zip(files, sizes):
            def report(pos, _before=before):
                if on_progress:
                    on_progress(_before + pos, total_bytes, stats)

            tally = _FileTally()

            def done(unit, _tally=tally):
                skip = done_units.get(unit, 0)
                _tally.resumed |= skip != 0
                return skip

            last_unit = None
            for unit, pos, item in read_file(path, done, report):
                if unit != last_unit:
                    if last_unit is not None:
                        pending[last_unit] = -1
                    last_unit = unit
                counts["read"] += 1
                stats.read += 1
                if isinstance(item, Malformed):
                    counts["malformed"] += 1
                    stats.malformed += 1
                    tally.malformed += 1
                    tally.first_problem = tally.first_problem or item.why
                    if len(stats.malformed_examples) < MAX_MALFORMED_EXAMPLES:
                        stats.malformed_examples.append(f"{unit}#{pos}: {item.why}")
                    pending[unit] = -1 if pos < 0 else pos + 1
                    continue
                tally.records += 1
                pending[unit] = pos + 1
                indexed = (item.get("indexed") or {}).get("date-time") if isinstance(item.get("indexed"), dict) else None
                if isinstance(indexed, str) and (latest is None or indexed > latest):
                    latest = indexed
                if not filt.keep(item):
                    counts["filtered_out"] += 1
                    stats.filtered_out += 1
                    continue
                batch.append(rec.trim(item))
                counts["added"] += 1
                stats.added += 1
                if len(batch) >= batch_records:
                    flush()
            problem = tally.problem(path)
            if problem:
                # The batch in hand is not committed: a run without this file resumes from the last commit.
                raise SnapshotError(problem)
            if not tally.resumed and not tally.records and not tally.malformed:
                stats.empty_files.append(str(path))
            if last_unit is not None:
                pending[last_unit] = -1
            pending.setdefault(str(path), -1)
            before += size
            if on_progress:
                on_progress(before, total_bytes, stats)
        flush()
    finally:
        writer.close()
        stats.seconds = time.monotonic() - started
        totals = progress.get("counts", {})
        meta.update({
            "format": INDEX_FORMAT, "engine": "tantivy", "source": "crossref-snapshot",
            "snapshot_date": snapshot_date or meta.get("snapshot_date") or (latest[:10] if latest else None),
            "latest_indexed": latest, "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "sources": sorted(set(meta.get("sources", [])) | {str(f) for f in files}),
            "filter": filt.describe(), "records": totals.get("added", 0), "read": totals.get("read", 0),
            "malformed": totals.get("malformed", 0), "filtered_out": totals.get("filtered_out", 0),
            "malformed_examples": (meta.get("malformed_examples", []) + stats.malformed_examples)[:MAX_MALFORMED_EXAMPLES],
        })
        write_json_atomic(directory / META_FILE, meta)
    return stats


def _clear(directory: Path) -> None:
    import shutil

    for name in ("search", RECORDS_DIR, KEYS_DIR):
        shutil.rmtree(directory / name, ignore_errors=True)
    for name in (META_FILE, PROGRESS_FILE):
        (directory / name).unlink(missing_ok=True)
