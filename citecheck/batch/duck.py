"""The batch job on DuckDB (embedded, the default engine).

DuckDB runs the blocking SQL over the index's Parquet tables on all cores; the parsing and the
judging are Python (the project's own functions), run on `workers` processes through
`concurrent.futures` — a standard pool, no scheduler of our own.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Iterable

from citecheck.batch.job import (
    CANDIDATES_SQL, VERDICT_COLUMNS, InputTally, csv_cells, output_format, read_input, reference_keys, verdict_row,
)
from citecheck.index.store import KEYS_DIR, RECORDS_DIR

#: References judged per task handed to a worker process.
CHUNK_REFERENCES = 2000


def _keys_chunk(refs: list[tuple[int, str, str]]) -> list[tuple[int, str]]:
    return [(seq, key) for seq, _id, text in refs for key in reference_keys(text)]


def _judge_chunk(items: list[tuple[str, str, list]]) -> list[dict]:
    return [verdict_row(ref_id, text, cands) for ref_id, text, cands in items]


def _chunks(iterable: Iterable, size: int):
    it = iter(iterable)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def read_references(paths: list[Path]) -> tuple[list[tuple[int, str, str]], list[InputTally]]:
    """(seq, id, reference) for every good JSONL line of the inputs, and what each input gave."""
    refs, tallies = [], []
    for path in paths:
        tally = InputTally(path)
        tallies.append(tally)
        for ref_id, text in read_input(path, tally):
            refs.append((len(refs), ref_id, text))
    return refs, tallies


_MEMORY_RE = re.compile(r"^\d+(\.\d+)?\s*[KMGT]i?B$", re.I)
#: Share of physical memory DuckDB may use when --memory is not given.
DEFAULT_MEMORY_SHARE = 0.5


def memory_limit_setting(asked: str | None) -> str:
    """A DuckDB memory_limit: the one asked for (checked, since it goes into SQL), else half the RAM."""
    if asked:
        if not _MEMORY_RE.match(asked.strip()):
            raise ValueError(f"--memory takes a size such as 4GB or 512MB, not {asked!r}")
        return asked.strip()
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "4GB"
    return f"{max(1, int(total * DEFAULT_MEMORY_SHARE / 2**30))}GB"


def run_duckdb(refs: list[tuple[int, str, str]], index_dir: Path, output: Path, *, workers: int = 1,
               threads: int | None = None, memory_limit: str | None = None,
               on_progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Verify `refs` against the index at `index_dir`; write verdicts to `output` (.jsonl, .csv or .parquet).

    Returns the count of each verdict.
    """
    import duckdb
    import pyarrow as pa

    def progress(stage, done, total):
        if on_progress:
            on_progress(stage, done, total)

    pool = ProcessPoolExecutor(workers) if workers > 1 else None
    mapper = pool.map if pool else map
    try:
        seq_keys: list[tuple[int, str]] = []
        done = 0
        for part in mapper(_keys_chunk, _chunks(refs, CHUNK_REFERENCES)):
            seq_keys += part
            done += CHUNK_REFERENCES
            progress("parse", min(done, len(refs)), len(refs))
        con = duckdb.connect()
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        # DuckDB takes 80% of RAM unless told: 200k refs against 2M records passed 18 GiB on a
        # 24 GB machine (issue 8 benchmark). Half the RAM by default, spilling to the temp dir
        # rather than ./.tmp in whatever directory the user is in.
        con.execute(f"SET memory_limit = '{memory_limit_setting(memory_limit)}'")
        con.execute(f"SET temp_directory = '{Path(tempfile.gettempdir()) / 'citecheck-duckdb'}'")
        con.execute("SET preserve_insertion_order = false")
        ref_keys = pa.table({"ref_id": [s for s, _ in seq_keys], "key": [k for _, k in seq_keys]})
        con.register("ref_keys", ref_keys)
        con.execute(f"CREATE VIEW work_keys AS SELECT key, doi FROM read_parquet('{_glob(index_dir / KEYS_DIR)}')")
        con.execute(f"CREATE VIEW records AS SELECT doi, message FROM read_parquet('{_glob(index_dir / RECORDS_DIR)}')")
        progress("block", 0, 1)
        con.execute(f"CREATE TEMP TABLE cand AS {CANDIDATES_SQL}")
        reader = con.sql(
            "SELECT c.ref_id, c.rk, c.by_doi, r.message FROM cand c JOIN records r ON c.doi = r.doi ORDER BY c.ref_id, c.rk"
        ).to_arrow_reader(50_000)
        progress("block", 1, 1)
        items = _merge(refs, _candidate_rows(reader))
        counts: dict[str, int] = {}
        written = 0
        with _Sink(output) as sink:
            for chunk in mapper(_judge_chunk, _chunks(items, CHUNK_REFERENCES)):
                for row in chunk:
                    counts[row["verdict"]] = counts.get(row["verdict"], 0) + 1
                sink.write(chunk)
                written += len(chunk)
                progress("judge", written, len(refs))
        con.close()
        return counts
    finally:
        if pool:
            pool.shutdown()


def _candidate_rows(reader):
    for batch in reader:
        cols = batch.to_pydict()
        yield from zip(cols["ref_id"], cols["rk"], cols["by_doi"], cols["message"])


def _merge(refs, rows):
    """(id, reference, candidates) per reference, from candidate rows sorted by reference number."""
    rows = iter(rows)
    pending = next(rows, None)
    for seq, ref_id, text in refs:
        cands = []
        while pending is not None and pending[0] == seq:
            cands.append(pending[1:])
            pending = next(rows, None)
        yield ref_id, text, cands


def _glob(path: Path) -> str:
    if not path.is_dir():
        raise FileNotFoundError(f"{path.parent} has no {path.name}/ table: rebuild it with `citecheck index build`")
    return str(path / "*.parquet").replace("'", "''")


class _Sink:
    """Verdict rows to a JSONL, CSV or Parquet file, as the name's suffix says (job.output_format)."""

    def __init__(self, path: Path):
        self.path = path
        self.format = output_format(path)
        self.parquet = self.format == "parquet"

    def __enter__(self):
        self.tmp = self.path.with_name(self.path.name + ".part")
        if self.parquet:
            import pyarrow.parquet as pq

            self.writer = pq.ParquetWriter(str(self.tmp), verdict_schema(), compression="zstd")
        else:
            self.handle = open(self.tmp, "w", encoding="utf-8", newline="" if self.format == "csv" else None)
            if self.format == "csv":
                self.csv = csv.writer(self.handle)
                self.csv.writerow(VERDICT_COLUMNS)
        return self

    def write(self, rows: list[dict]) -> None:
        if self.parquet:
            import pyarrow as pa

            self.writer.write_table(pa.Table.from_pylist(rows, schema=verdict_schema()))
        elif self.format == "csv":
            self.csv.writerows(csv_cells(r) for r in rows)
        else:
            self.handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    def __exit__(self, exc_type, *_):
        (self.writer if self.parquet else self.handle).close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            self.tmp.unlink(missing_ok=True)


def verdict_schema():
    """The Arrow schema of verdict rows."""
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("reference", pa.string()), ("verdict", pa.string()), ("reason", pa.string()),
        ("doi", pa.string()), ("title", pa.string()), ("wrong_fields", pa.list_(pa.string())),
        ("retracted", pa.bool_()), ("nearest_doi", pa.string()),
    ])

