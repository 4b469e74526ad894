"""Peak memory on a 100 MB text article (issue 7, point 3: under 1 GB): prints figures.

    python benchmarks/bigfile.py             # 100 MB
    python benchmarks/bigfile.py --mb 20     # a quicker look

Writes an article of the given size (prose, in-text citations, and a reference
list of a few thousand entries at the end, with a NUL, a Latin-1 byte and mixed
line endings here and there), runs ``python -m citecheck extract`` on it (the text report) in a
subprocess, as a user would, and reads the child's peak resident memory from
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: issue 7's bound on peak memory
TARGET_PEAK_MB = 1024

PROSE = ("Ketamine infusions reduced pain scores in patients with fibromyalgia (Zheng et al., 2019), "
         "and a 2019 meta-analysis in Pain found similar relief at lower doses [3].\n")
ENTRY = ("{n}. Zheng L, Patel K, Ortega M. Low-dose ketamine in fibromyalgia: trial {n}. "
         "Pain Med. 2019;20(1):161-169. doi:10.1093/pm/pny{n}\n")


def write_article(path: Path, size_bytes: int, entries: int) -> None:
    """Prose up to ``size_bytes`` less the list, then a References list of ``entries`` entries."""
    refs = "References\n" + "".join(ENTRY.format(n=n) for n in range(1, entries + 1))
    block = PROSE * 200
    odd = [PROSE.replace("\n", "\r\n"), PROSE.replace("\n", "\r"), "Caf\xe9 au lait.\n", "stray\x00NUL.\n"]
    with path.open("wb") as fh:
        written = 0
        i = 0
        target = size_bytes - len(refs.encode())
        while written < target:
            chunk = (block + odd[i % len(odd)]).encode("utf-8" if i % 4 != 2 else "latin-1")
            chunk = chunk[: target - written]
            fh.write(chunk)
            written += len(chunk)
            i += 1
        fh.write(b"\n" + refs.encode())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=int, default=100, help="article size in MB (default 100)")
    parser.add_argument("--entries", type=int, default=2000, help="reference entries at the end (default 2000)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="citecheck-bigfile-") as tmp:
        path = Path(tmp) / "BIG.txt"
        write_article(path, args.mb * 2**20, args.entries)
        size = path.stat().st_size
        start = time.perf_counter()
        # The text report, as a user reads it (the JSON one adds the whole report as one string).
        with (Path(tmp) / "out.txt").open("w+b") as out:
            proc = subprocess.run([sys.executable, "-m", "citecheck", "extract", str(path)], cwd=ROOT,
                                  stdout=out, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
            elapsed = time.perf_counter() - start
            out.seek(0)
            head = out.readline().decode(errors="replace").strip()
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 1024
    print(f"article: {size / 2**20:.0f} MB, {args.entries} entries at the end")
    print(f"exit code: {proc.returncode}; {head}")
    if proc.returncode != 0:
        print(proc.stderr.decode(errors="replace")[-2000:])
    print(f"seconds: {elapsed:.1f}")
    print(f"peak memory (RSS of the extract process): {peak_mb:.0f} MB "
          f"({'within' if peak_mb < TARGET_PEAK_MB else 'OVER'} the {TARGET_PEAK_MB} MB bound)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
