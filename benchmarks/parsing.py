"""Reference-parsing accuracy and extraction throughput.

Reads ../shared/data/pmc-references-dev.jsonl.gz (7,765 real reference strings
from PubMed Central with their true fields), parses every raw string with
citecheck.extract.parse.parse_reference and prints per-field accuracy on two
fixed slices split by a hash of the DOI: "dev" (80 %, tuned on) and "held-out"
(20 %, never looked at while tuning).  Then times extraction + parsing of a
synthetic ~5 MB article.  Prints figures; asserts nothing.

    python benchmarks/parsing.py               # both slices + throughput
    python benchmarks/parsing.py --show title  # dev failures for one field
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.extract.parse import parse_reference  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "pmc-references-dev.jsonl.gz"
FIELDS = ("authors", "year", "title", "journal", "volume", "issue", "pages", "doi")
#: the issue's target, per field, on raw strings
TARGET = 0.95
#: share of the data (by DOI hash) that is held out
HELDOUT_PERCENT = 20
TITLE_MIN_RATIO = 90
SYNTHETIC_MB = 5


def _norm(text: str | None) -> str:
    """Lower-case letters and digits only, accents folded."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _journal_norm(text: str | None) -> str:
    return re.sub(r"^the ", "", _norm(text)).replace(" ", "")


def _first_page(pages: str | None) -> str:
    return re.split(r"[-–]", pages or "")[0].strip().lower()


def slice_of(row: dict) -> str:
    """'heldout' for a fixed 20 % of the rows (by DOI hash), else 'dev'."""
    digest = hashlib.sha1(row["doi"].lower().encode()).digest()
    return "heldout" if digest[0] * 100 // 256 < HELDOUT_PERCENT else "dev"


def judge(row: dict) -> dict[str, bool | None]:
    """Per field: True (right), False (wrong) or None (the record lacks it)."""
    rec = row["record"]
    c = parse_reference(row["reference"], 1)
    out: dict[str, bool | None] = {}
    authors = rec.get("author") or []
    truth = authors[0].get("family") if authors else None
    # Crossref puts particles ("van", "De") in the given name at times: a cited
    # "De Valk" is right for a record's "Valk".
    out["authors"] = None if not truth else bool(c.authors) and (
        _norm(c.authors[0].surname) == _norm(truth)
        or _norm(c.authors[0].surname).endswith(" " + _norm(truth)))
    parts = (rec.get("issued") or {}).get("date-parts") or [[None]]
    year = parts[0][0]
    out["year"] = None if not year else c.year == year
    title = (rec.get("title") or [None])[0]
    out["title"] = None if not title else fuzz.ratio(_norm(c.title), _norm(title)) >= TITLE_MIN_RATIO
    names = (rec.get("container-title") or []) + (rec.get("short-container-title") or [])
    out["journal"] = None if not names else _journal_norm(c.journal) in {_journal_norm(n) for n in names}
    for key in ("volume", "issue"):
        val = rec.get(key)
        out[key] = None if not val else _norm(getattr(c, key)) == _norm(val)
    page = rec.get("page")
    out["pages"] = None if not page else _first_page(c.pages) == _first_page(page)
    # Only judged where the string writes a DOI at all.
    has_doi = "10." in row["reference"] and re.search(r"10\.\d{4,9}/", row["reference"])
    out["doi"] = None if not has_doi else (c.doi or "").lower() == row["doi"].lower()
    return out, c


def accuracy(rows: list[dict], show: str | None = None) -> dict[str, tuple[int, int]]:
    """field -> (right, judged)."""
    tally = {f: [0, 0] for f in FIELDS}
    for row in rows:
        verdicts, c = judge(row)
        for f, ok in verdicts.items():
            if ok is None:
                continue
            tally[f][1] += 1
            tally[f][0] += bool(ok)
            if show == f and not ok:
                print(f"- {row['reference']}\n  got: {_got(c, f)!r}\n  want: {_want(row, f)!r}")
    return {f: (r, n) for f, (r, n) in tally.items()}


def _got(c, f):
    return [a.surname for a in c.authors][:2] if f == "authors" else getattr(c, f)


def _want(row, f):
    rec = row["record"]
    return {
        "authors": [a.get("family") for a in rec.get("author", [])][:2],
        "year": (rec.get("issued") or {}).get("date-parts"),
        "title": rec.get("title"),
        "journal": (rec.get("container-title"), rec.get("short-container-title")),
        "volume": rec.get("volume"), "issue": rec.get("issue"), "pages": rec.get("page"),
        "doi": row["doi"],
    }[f]


def print_table(name: str, result: dict[str, tuple[int, int]]) -> None:
    print(f"\n{name}")
    for f, (right, n) in result.items():
        share = right / n if n else float("nan")
        flag = "" if share >= TARGET else "  (below target)"
        print(f"  {f:8s} {share:6.3f}  ({right}/{n}){flag}")


SYNTHETIC_PARAGRAPH = (
    "Ketamine infusions reduced pain scores in patients with complex regional pain "
    "syndrome (Zheng et al., 2019), and a 2018 trial found fewer opioid prescriptions "
    "after treatment [3]. Clinicians should weigh dissociative effects against relief.\n"
)
SYNTHETIC_REFERENCES = (
    "Zheng, L., et al. (2019). The efficacy of low-dose ketamine infusion in patients with "
    "fibromyalgia: A randomized controlled trial. Pain Medicine, 20(1), 161-169.\n"
    "Ikeda S, Tanaka M, Matsumoto S. Endoscopic sphincterotomy: long-term results in 408 "
    "patients. Endoscopy. 1988;20:13-7. doi:10.1055/s-2007-1018117\n"
)


def throughput() -> None:
    """MB/s of extraction + parsing over a synthetic article of about 5 MB."""
    from citecheck.extract import extract_bytes

    body = SYNTHETIC_PARAGRAPH * (SYNTHETIC_MB * 1_000_000 // 2 // len(SYNTHETIC_PARAGRAPH))
    refs = SYNTHETIC_REFERENCES * (SYNTHETIC_MB * 1_000_000 // 2 // len(SYNTHETIC_REFERENCES))
    data = (body + "References\n" + refs).encode()
    start = time.perf_counter()
    extraction = extract_bytes(data, "synthetic.txt")
    secs = time.perf_counter() - start
    mb = len(data) / 1_000_000
    print(f"\nthroughput: {mb:.1f} MB in {secs:.2f} s = {mb / secs:.2f} MB/s "
          f"({len(extraction.citations)} citations, {len(extraction.in_text)} in-text)")


def main() -> int:
    """Print the figures; exit 0 (or 0 with a message when ../shared is absent)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", choices=FIELDS, help="print dev failures for one field")
    ap.add_argument("--no-throughput", action="store_true")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not checked out next to the project)")
        return 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    dev = [r for r in rows if slice_of(r) == "dev"]
    held = [r for r in rows if slice_of(r) == "heldout"]
    print(f"{len(rows)} reference strings: dev {len(dev)}, held-out {len(held)}")
    print_table("dev", accuracy(dev, args.show))
    if not args.show:
        print_table("held-out", accuracy(held))
        if not args.no_throughput:
            throughput()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
