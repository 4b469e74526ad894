"""Extraction cost in CPU instructions per byte of article: a throughput figure that
does not drift with the machine.

The MB/s figures of benchmarks/parsing.py move by a third from hour to hour on a
shared machine, so two versions of the code can only be compared by timing them
in turn.  This counts the instructions one pass of extraction + parsing executes
(valgrind's callgrind, the same count on every run) over the generated articles
of benchmarks/parsing.py, per byte of article, for text, Markdown and HTML.
MB/s is then the machine's instruction rate divided by this figure.

    python -m benchmarks.cost                      # PMC density, three formats
    python -m benchmarks.cost --density dense      # entries half the bytes
    python -m benchmarks.cost --root /tmp/old      # another checkout of citecheck

It also times five passes without valgrind, to print the instruction rate the machine
runs at now: MB/s = that rate / instructions per byte.

Needs valgrind (apt install valgrind); skips with a message without it.  Each
format takes about a minute: the count is of the second pass less the first (the
first pass loads the journal list and fills caches), so one-off costs drop out.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("txt", "md", "html")
_COLLECTED_RE = re.compile(r"Collected : (\d+)")


def _worker(root: str, docs_file: str, fmt: str, passes: int, timed: bool = False) -> None:
    """Extract every document ``passes`` times (run under valgrind); ``timed``: print the
    fastest pass's seconds instead, after one pass to warm up."""
    import time

    sys.path.insert(0, root)
    from citecheck.extract import extract_bytes
    from citecheck.extract.intext import _key

    with open(docs_file, "rb") as fh:
        docs = pickle.load(fh)
    best = float("inf")
    for _ in range(passes + timed):
        _key.cache_clear()
        start = time.perf_counter()
        for doc in docs:
            extract_bytes(doc, f"a.{fmt}")
        best = min(best, time.perf_counter() - start)
    if timed:
        print(best)


def _instructions(root: str, docs_file: str, fmt: str, passes: int) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m",
           "benchmarks.cost", "--worker", root, docs_file, fmt, str(passes)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    m = _COLLECTED_RE.search(run.stderr)
    if run.returncode != 0 or not m:
        raise RuntimeError(f"valgrind failed on {fmt}: {run.stderr.strip()[-300:]}")
    return int(m.group(1))


def _seconds(root: str, docs_file: str, fmt: str, passes: int = 5) -> float:
    """The fastest of ``passes`` timed passes, without valgrind."""
    cmd = [sys.executable, "-m", "benchmarks.cost", "--time", root, docs_file, fmt, str(passes)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(run.stdout.split()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--density", choices=("pmc", "dense"), default="pmc",
                    help="pmc: 95 words of prose per entry (PubMed Central's density); dense: two sentences")
    ap.add_argument("--root", default=str(ROOT), help="the citecheck checkout to measure")
    ap.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    ap.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    ap.add_argument("--time", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker or args.time:
        root, docs_file, fmt, passes = args.worker or args.time
        _worker(root, docs_file, fmt, int(passes), timed=bool(args.time))
        return 0
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed (it counts the instructions)")
        return 0
    from benchmarks.parsing import DATA, PMC_WORDS_PER_REFERENCE, RENDERERS, make_articles

    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not checked out next to the project)")
        return 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    words = PMC_WORDS_PER_REFERENCE if args.density == "pmc" else 0
    articles = make_articles(rows, words_per_entry=words)
    print(f"instructions per byte of article, one extraction pass ({args.density} density, "
          f"{len(articles)} generated articles; code: {args.root})")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats:
            docs = [RENDERERS[fmt](a) for a in articles]
            docs_file = os.path.join(tmp, f"{fmt}.pkl")
            with open(docs_file, "wb") as fh:
                pickle.dump(docs, fh)
            size = sum(len(d) for d in docs)
            one = _instructions(args.root, docs_file, fmt, 1)
            two = _instructions(args.root, docs_file, fmt, 2)
            per_byte = (two - one) / size
            secs = _seconds(args.root, docs_file, fmt)
            print(f"  {fmt:5s} {size / 1e3:.0f} KB: {per_byte:,.0f} instructions per byte; "
                  f"5 MB/s needs {per_byte * 5e6 / 1e9:.1f} billion a second, this machine ran "
                  f"{(two - one) / secs / 1e9:.1f} billion a second just now ({size / 1e6 / secs:.2f} MB/s, "
                  f"best of 5 passes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
