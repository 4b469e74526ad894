"""Throughput at Crossref's limits (issue 5, point 5): prints figures, asserts nothing.

    python benchmarks/throughput.py                # the full run (about 3-5 minutes)
    python benchmarks/throughput.py --cached 2000  # a smaller cache test

Against tests/fake_crossref.py serving the 7,765 records of
../shared/data/pmc-references-dev.jsonl.gz, enforcing the polite pool's list limits
(3 requests a second, 3 in flight: a request beyond them gets a 429) with 1 s latency:

1. citecheck (a subprocess, as a user runs it) on N references without DOIs, cold cache,
   against the ideal max(n / rate, n x latency / concurrency), and the number of 429s;
2. a plain sequential loop with habanero (Crossref's Python client) asking the same
   `query.bibliographic` questions;
3. citecheck again on the warm cache: the requests it made (target 0);
4. 10,000 references answered from the cache (filled first from an unthrottled fake):
   seconds (target <= 1/100 of the polite pool's n / 3 s) and peak memory (target <= 200 MB).

Needs habanero (`pip install habanero`, in the `bench` extra). The machine may be shared and
small: the figures are noisy, and the script says how loaded the machine was.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "pmc-references-dev.jsonl.gz"
sys.path.insert(0, str(ROOT))

from citecheck.services.crossref import SELECT_FIELDS  # noqa: E402
from tests.fake_crossref import FakeCrossref  # noqa: E402

MAILTO = "benchmark@example.org"
#: Crossref's announced polite-pool limits for list queries (shared/README.md).
POLITE_RATE = 3
POLITE_CONCURRENCY = 3
LATENCY_SECS = 1.0
#: Targets from issue 5.
TARGET_OF_IDEAL = 0.9
TARGET_VS_SEQUENTIAL = 2.7
TARGET_CACHED_FRACTION = 1 / 100
TARGET_PEAK_MB = 200
_DOI_IN_TEXT = re.compile(r"doi|10\.\d{4,}/", re.I)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def load_rows() -> list[dict]:
    """The development set's references and records."""
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def write_articles(folder: Path, refs: list[str], per_file: int = 1000) -> list[str]:
    """Articles with numbered reference lists, `per_file` entries each; their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(refs), per_file):
        path = folder / f"article-{start // per_file:03d}.md"
        entries = "\n".join(f"{i + 1}. {ref}" for i, ref in enumerate(refs[start:start + per_file]))
        path.write_text(f"# Article {start // per_file}\n\nSome text.\n\n## References\n\n{entries}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


#: Runs a command and prints its peak RSS in KB last on stderr. The measuring is done from this
#: small process because a child's ru_maxrss keeps the high-water mark of the process it was
#: forked from: forked straight from this benchmark (which holds the corpus and the fake
#: server), citecheck's peak read as the benchmark's own (253 MB where /usr/bin/time saw 174).
_PEAK_METER = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
               "sys.stderr.write('\\npeak-kb %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
               "sys.exit(code)")


def run_citecheck(paths: list[str], url: str, cache_dir: Path, out: Path, *extra: str) -> dict:
    """citecheck in a subprocess: seconds, exit code, peak RSS (MB) and the verdict counts."""
    cmd = [sys.executable, "-c", _PEAK_METER, sys.executable, "-m", "citecheck", "check", *paths,
           "--crossref-url", url, "--mailto", MAILTO,
           "--cache-dir", str(cache_dir), "--format", "json", "--output", str(out), "--quiet", *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=cache_dir.parent)
        _, status, _usage = os.wait4(proc.pid, 0)
        secs = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    peak_kb = int(re.findall(r"peak-kb (\d+)", stderr)[-1])
    if proc.returncode not in (0, 1, 3):
        raise SystemExit(f"citecheck failed ({proc.returncode}):\n{stderr}")
    summary: dict = {}
    for doc in json.loads(out.read_text())["documents"]:
        for cit in doc["citations"]:
            summary[cit["verdict"]] = summary.get(cit["verdict"], 0) + 1
    return {"secs": secs, "code": proc.returncode, "peak_mb": peak_kb / 1024, "verdicts": summary}


def habanero_loop(url: str, refs: list[str]) -> tuple[float, int]:
    """The plain client loop: one query.bibliographic after another. (seconds, failures)."""
    from habanero import Crossref

    client = Crossref(base_url=url, mailto=MAILTO, timeout=30)
    failures = 0
    start = time.perf_counter()
    for ref in refs:
        try:
            client.works(query_bibliographic=ref, limit=10, select=list(SELECT_FIELDS))
        except Exception:  # a plain loop has no retries; count what it lost
            failures += 1
    return time.perf_counter() - start, failures


def verdicts_line(summary: dict) -> str:
    """`12 verified, 3 mismatch, ...`."""
    return ", ".join(f"{n} {k}" for k, n in sorted(summary.items()))


def main() -> int:
    """Run the four measurements and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=60, help="references without DOIs for the live runs")
    parser.add_argument("--cached", type=int, default=10_000, help="references for the cached run")
    parser.add_argument("--skip-habanero", action="store_true", help="leave the sequential loop out")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} is absent (../shared beside the project holds the references)")
        return 0
    load_before = os.getloadavg()
    rows = load_rows()
    works = [r["record"] for r in rows]
    no_doi = [r["reference"] for r in rows if not _DOI_IN_TEXT.search(r["reference"])]
    refs = random.Random(0).sample(no_doi, args.n)
    n = len(refs)
    ideal = max(n / POLITE_RATE, n * LATENCY_SECS / POLITE_CONCURRENCY)

    with tempfile.TemporaryDirectory(prefix="citecheck-bench-") as tmp_name:
        tmp = Path(tmp_name)
        live_paths = write_articles(tmp / "live", refs)
        print(f"fake Crossref: {len(works):,} records; polite list limits enforced ({POLITE_RATE}/s, "
              f"{POLITE_CONCURRENCY} in flight, 429 beyond), {LATENCY_SECS:.1f} s latency")
        with FakeCrossref(works, rate_limit=POLITE_RATE, concurrency=POLITE_CONCURRENCY, pool="polite",
                          latency_secs=LATENCY_SECS, enforce_limits=True) as fake:
            cold = run_citecheck(live_paths, fake.url, tmp / "cache", tmp / "cold.json")
            cold_requests, cold_429 = len(fake.requests), fake.too_many
            warm = run_citecheck(live_paths, fake.url, tmp / "cache", tmp / "warm.json")
            warm_requests = len(fake.requests) - cold_requests
            if args.skip_habanero:
                seq_secs, seq_failures, seq_429 = float("nan"), 0, 0
            else:
                before_429 = fake.too_many
                seq_secs, seq_failures = habanero_loop(fake.url, refs)
                seq_429 = fake.too_many - before_429

        print()
        print(f"{n} references without DOIs                  seconds  requests  429s   of ideal  vs sequential")
        print(f"  ideal max(n/rate, n*latency/concurrency)  {ideal:7.1f}  {n:8d}")
        print(f"  citecheck, cold cache                     {cold['secs']:7.1f}  {cold_requests:8d}  {cold_429:4d}"
              f"   {ideal / cold['secs']:8.2f}  {seq_secs / cold['secs']:12.2f}x")
        print(f"  habanero, plain sequential loop           {seq_secs:7.1f}  {n:8d}  {seq_429:4d}"
              f"   {ideal / seq_secs:8.2f}  {1.0:12.2f}x" + (f"  ({seq_failures} failed)" if seq_failures else ""))
        print(f"  citecheck, warm cache (same run again)    {warm['secs']:7.1f}  {warm_requests:8d}")
        print(f"  verdicts (cold): {verdicts_line(cold['verdicts'])}; warm identical: {cold['verdicts'] == warm['verdicts']}")
        per_ideal = max(cold_requests / POLITE_RATE, cold_requests * LATENCY_SECS / POLITE_CONCURRENCY)
        print(f"  ({cold_requests - n} second queries for references whose first answer lacked the title: "
              f"against the ideal for {cold_requests} requests, {per_ideal:.1f} s, citecheck is at {per_ideal / cold['secs']:.2f})")

        # 10,000 references from the cache: the development set's references, and altered
        # copies (another year) to make up the number; the cache is filled from an
        # unthrottled fake first, then the timed run must make no request at all.
        count = args.cached
        base = [r["reference"] for r in rows]
        extra = []
        for ref in no_doi:
            if len(base) + len(extra) >= count:
                break
            changed = _YEAR.sub(lambda m: str(int(m.group(0)) + 2), ref, count=1)
            if changed != ref:
                extra.append(changed)
        many = (base + extra)[:count]
        many_paths = write_articles(tmp / "many", many)
        with FakeCrossref(works, rate_limit=10_000, concurrency=16) as fill:
            start = time.perf_counter()
            filled = run_citecheck(many_paths, fill.url, tmp / "cache-many", tmp / "fill.json",
                                   "--max-rate", "5000", "--concurrency", "8")
            fill_secs, fill_requests = time.perf_counter() - start, len(fill.requests)
            cached = run_citecheck(many_paths, fill.url, tmp / "cache-many", tmp / "cached.json")
            cached_requests = len(fill.requests) - fill_requests
        target_secs = TARGET_CACHED_FRACTION * len(many) / POLITE_RATE
        print()
        print(f"{len(many):,} references from the cache (filled in {fill_secs:.0f} s with {fill_requests:,} requests "
              f"to an unthrottled fake)")
        print(f"  seconds {cached['secs']:.1f} (target <= {target_secs:.1f}), peak memory {cached['peak_mb']:.0f} MB "
              f"(target <= {TARGET_PEAK_MB}), requests {cached_requests} (target 0)")
        print(f"  verdicts: {verdicts_line(cached['verdicts'])}; same as the filling run: "
              f"{cached['verdicts'] == filled['verdicts']}")

    checks = [
        ("cold run >= 0.9 of the ideal", ideal / cold["secs"] >= TARGET_OF_IDEAL),
        ("no 429", cold_429 == 0),
        (f">= {TARGET_VS_SEQUENTIAL}x the sequential loop", args.skip_habanero or seq_secs / cold["secs"] >= TARGET_VS_SEQUENTIAL),
        ("warm re-run makes no request", warm_requests == 0),
        (f"{len(many):,} cached in <= {target_secs:.1f} s", cached["secs"] <= target_secs),
        (f"peak memory <= {TARGET_PEAK_MB} MB", cached["peak_mb"] <= TARGET_PEAK_MB),
        ("cached run makes no request", cached_requests == 0),
    ]
    print()
    for name, ok in checks:
        print(f"  {'meets' if ok else 'MISSES'}  {name}")
    print(f"\nload average before/after: {load_before[0]:.1f} / {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(a loaded machine makes every figure above noisier)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
