"""Scale benchmark for the local copy of Crossref (issue 8). Prints figures; asserts nothing about time.

Synthetic Crossref-shaped records and labelled reference strings come from
`benchmarks/synthetic.py` (fields drawn independently from distributions learnt from
``../shared/data/pmc-references-dev.jsonl.gz``; see its docstring).

    python -m benchmarks.scale engines --records 100000        # SQLite FTS5 vs tantivy
    python -m benchmarks.scale ingest  --records 1000000       # ingest rate, index size
    python -m benchmarks.scale check   --records 1000000 --citations 2000
    python -m benchmarks.scale batch   --records 2000000 --refs 200000 --workers 2 --memory 8GB
    python -m benchmarks.scale batch   --records 1000000 --refs 5000 --engine spark --cores 1

Indexes are built once under --work (default benchmarks/out/scale) and reused. The machine is
shared (2 cores): every figure is noisy; run twice before believing a difference.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import DEV_SET, Model, references  # noqa: E402

WORK = ROOT / "benchmarks" / "out" / "scale"


def _snapshot(work: Path, model: Model, n: int) -> Path:
    path = work / f"snapshot-{n}.jsonl.gz"
    if not path.exists():
        t = time.monotonic()
        tmp = path.with_suffix(".tmp")
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as handle:
            for msg in model.records(n):
                handle.write(json.dumps(msg, separators=(",", ":")) + "\n")
        os.replace(tmp, path)
        print(f"generated {n:,} synthetic records in {time.monotonic() - t:.0f} s -> {path}")
    return path


def _index(work: Path, model: Model, n: int) -> Path:
    from citecheck.index.build import build_index
    from citecheck.index.store import directory_bytes

    directory = work / f"index-{n}"
    if not (directory / "meta.json").exists() or json.loads((directory / "meta.json").read_text()).get("records") != n:
        snap = _snapshot(work, model, n)
        stats = build_index([str(snap)], directory)
        size = directory_bytes(directory)
        parts = {d: directory_bytes(directory / d) for d in ("search", "records", "keys")}
        print(f"ingest: {stats.added:,} records in {stats.seconds:.0f} s = {stats.added / stats.seconds:,.0f} records/s (one core)")
        print(f"index size: {size / 1e6:,.0f} MB = {size / 1e6 / (n / 1e6):,.0f} MB per million records "
              f"(tantivy {parts['search'] / 1e6:,.0f} MB, records.parquet {parts['records'] / 1e6:,.0f} MB, "
              f"keys.parquet {parts['keys'] / 1e6:,.0f} MB)")
    return directory


def _refs(work: Path, model: Model, n_refs: int, n_records: int) -> Path:
    path = work / f"refs-{n_refs}-of-{n_records}.jsonl"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as handle:
            for ref in references(model, n_refs, n_records):
                handle.write(json.dumps(ref) + "\n")
    return path


class PeakRss:
    """Peak resident memory of this process and its children (JVM, workers), sampled every 0.2 s."""

    def __init__(self):
        self.peak = 0
        self._stop = threading.Event()

    def _tree_rss(self) -> int:
        me, total = os.getpid(), 0
        parents = {}
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
                    parents[int(pid)] = (int(stat[1]), int(stat[21]))
                except (OSError, IndexError):
                    continue
        tree, frontier = {me}, [me]
        while frontier:
            p = frontier.pop()
            for pid, (ppid, _) in parents.items():
                if ppid == p and pid not in tree:
                    tree.add(pid)
                    frontier.append(pid)
        page = os.sysconf("SC_PAGE_SIZE")
        for pid in tree:
            total += parents.get(pid, (0, 0))[1] * page
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            self._stop.wait(0.2)

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *_):
        self._stop.set()
        self._thread.join()


def cmd_engines(args, model: Model) -> None:
    """SQLite FTS5 against tantivy: ingest rate, size, top-10 query latency on the same records."""
    import shutil
    import sqlite3

    import tantivy

    from citecheck.index.records import dumps, search_text, trim
    from citecheck.index.store import FIELD_WEIGHTS, schema
    from citecheck.services.index import query_terms

    n = args.records
    recs = [trim(r) for r in model.records(n)]
    texts = [search_text(r) for r in recs]
    queries = [r["reference"] for r in references(model, 400, n)]
    work = args.work / "engines"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    def report(name, seconds, size, lat):
        lat.sort()
        print(f"{name:8} {n:,} records: ingest {n / seconds:,.0f}/s, size {size / 1e6:.0f} MB, "
              f"query p50 {lat[len(lat) // 2] * 1e3:.1f} ms, p95 {lat[int(len(lat) * .95)] * 1e3:.1f} ms")

    db = work / "fts5.sqlite"
    t = time.monotonic()
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE works(id INTEGER PRIMARY KEY, doi TEXT UNIQUE, msg TEXT)")
    con.execute("CREATE VIRTUAL TABLE fts USING fts5(title, author, container, other, content='', detail=none)")
    for i, (r, tx) in enumerate(zip(recs, texts)):
        con.execute("INSERT INTO works VALUES (?, ?, ?)", (i, r["DOI"], dumps(r)))
        con.execute("INSERT INTO fts(rowid, title, author, container, other) VALUES (?, ?, ?, ?, ?)",
                    (i, tx["title"], tx["author"], tx["container"], tx["other"]))
    con.commit()
    con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
    con.commit()
    seconds = time.monotonic() - t
    lat = []
    for q in queries:
        t = time.monotonic()
        match = " OR ".join(f'"{w}"' for w in query_terms(q))
        con.execute("SELECT w.msg FROM fts JOIN works w ON w.id = fts.rowid WHERE fts MATCH ? "
                    "ORDER BY bm25(fts, 1.0, 0.8, 0.5, 0.6) LIMIT 10", (match,)).fetchall()
        lat.append(time.monotonic() - t)
    report("sqlite", seconds, db.stat().st_size, lat)

    path = work / "tantivy"
    path.mkdir()
    t = time.monotonic()
    index = tantivy.Index(schema(), path=str(path))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for r, tx in zip(recs, texts):
        writer.add_document(tantivy.Document(doi=r["DOI"].lower(), msg=dumps(r), **tx))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.monotonic() - t
    index.reload()
    searcher, sch, lat = index.searcher(), index.schema, []
    for q in queries:
        t = time.monotonic()
        clauses = [(tantivy.Occur.Should, tantivy.Query.boost_query(tantivy.Query.term_query(sch, f, w), wt))
                   for w in query_terms(q) for f, wt in FIELD_WEIGHTS.items()]
        hits = searcher.search(tantivy.Query.boolean_query(clauses), 10, count=False).hits
        [searcher.doc(a)["msg"][0] for _, a in hits]
        lat.append(time.monotonic() - t)
    report("tantivy", seconds, sum(f.stat().st_size for f in path.rglob("*") if f.is_file()), lat)


def cmd_ingest(args, model: Model) -> None:
    """Build (or reuse) the index of --records synthetic records."""
    _index(args.work, model, args.records)


def cmd_check(args, model: Model) -> None:
    """The `check` path (parse, resolve against IndexService, judge) on one core: rate, p95, accuracy."""
    from citecheck.checker import check_citation
    from citecheck.extract.parse import parse_reference
    from citecheck.services.index import IndexService

    directory = _index(args.work, model, args.records)
    refs = [json.loads(line) for line in open(_refs(args.work, model, args.citations, args.records))]
    svc = IndexService(directory)
    lat, outcome = [], Counter()
    start, cpu_start = time.monotonic(), time.process_time()
    for ref in refs:
        t = time.monotonic()
        result = check_citation(parse_reference(ref["reference"], 1), svc)
        lat.append(time.monotonic() - t)
        outcome[(ref["kind"], result.verdict.value)] += 1
    total, cpu = time.monotonic() - start, time.process_time() - cpu_start
    lat.sort()
    right = sum(n for (kind, v), n in outcome.items() if dict(right="verified", doi="verified", wrong_year="mismatch", invented="not_found")[kind] == v)
    print(f"check --source index: {len(refs):,} citations against {args.records:,} records in {total:.1f} s = "
          f"{len(refs) / total:,.0f} citations/s wall-clock on one thread ({len(refs) / cpu:,.0f} per CPU-second); latency p50 {lat[len(lat) // 2] * 1e3:.1f} ms, "
          f"p95 {lat[int(len(lat) * .95)] * 1e3:.1f} ms; expected verdict {right / len(refs):.1%}")
    print("  (kind, verdict): " + ", ".join(f"{k}/{v} {n}" for (k, v), n in sorted(outcome.items())))


def cmd_batch(args, model: Model) -> None:
    """`citecheck batch` on DuckDB or Spark: time, peak memory, and agreement with an earlier DuckDB run."""
    from citecheck.batch.job import read_verdicts

    directory = _index(args.work, model, args.records)
    refs_path = _refs(args.work, model, args.refs, args.records)
    tag = f"{args.engine}{args.cores if args.engine == 'spark' else args.workers}"
    out = args.work / f"verdicts-{args.refs}-of-{args.records}-{tag}" / ("" if args.engine == "spark" else "v.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    with PeakRss() as mem:
        t = time.monotonic()
        if args.engine == "duckdb":
            from citecheck.batch.duck import read_references, run_duckdb

            refs, _ = read_references([refs_path])
            counts = run_duckdb(refs, directory, out, workers=args.workers, memory_limit=args.memory)
        else:
            from citecheck.batch.spark import run_spark

            counts = run_spark([refs_path], directory, out, cores=args.cores, memory="4g")
        seconds = time.monotonic() - t
    print(f"batch {args.engine} ({'cores' if args.engine == 'spark' else 'workers'} {args.cores if args.engine == 'spark' else args.workers}): "
          f"{args.refs:,} references against {args.records:,} records in {seconds:.0f} s = {args.refs / seconds:,.0f} refs/s; "
          f"peak memory {mem.peak / 2**30:.2f} GiB; {dict(sorted(counts.items()))}")
    print("  load average (1/5/15 min) before %.1f/%.1f/%.1f, after %.1f/%.1f/%.1f" % (*load_before, *os.getloadavg()))
    expected = {json.loads(line)["id"]: json.loads(line)["expected"] for line in open(refs_path)}
    rows = read_verdicts(out)
    ok = sum(1 for r in rows if expected[r["id"]] == r["verdict"])
    print(f"  expected verdict {ok / len(rows):.1%}")
    # Any DuckDB run on the same data (the verdicts do not depend on the number of workers).
    duck_runs = sorted(args.work.glob(f"verdicts-{args.refs}-of-{args.records}-duckdb*/v.jsonl"))
    if args.engine == "spark" and duck_runs:
        duck = {r["id"]: r for r in read_verdicts(duck_runs[0])}
        same = sum(1 for r in rows if duck.get(r["id"]) == r)
        print(f"  identical to DuckDB's verdicts ({duck_runs[0].parent.name}): {same:,} of {len(duck):,} rows"
              + ("" if len(rows) == len(duck) else f" (spark gave {len(rows):,} rows)"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=("engines", "ingest", "check", "batch"))
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--citations", type=int, default=2000)
    parser.add_argument("--refs", type=int, default=20_000)
    parser.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--work", type=Path, default=WORK)
    parser.add_argument("--memory", default=None,
                        help="DuckDB memory_limit, e.g. 8GB (DuckDB's default is 80%% of RAM; it spills to .tmp/ in the current directory)")
    args = parser.parse_args(argv)
    if not DEV_SET.exists():
        print(f"skipped: {DEV_SET} is absent (the synthetic data is learnt from it)")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    model = Model()
    {"engines": cmd_engines, "ingest": cmd_ingest, "check": cmd_check, "batch": cmd_batch}[args.command](args, model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
