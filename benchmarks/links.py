"""Links as citations (issue 4, point 3): does a link's text fit the work it links to?

    python benchmarks/links.py            # 300 works, both directions, every form
    python benchmarks/links.py --show     # print each miss

For real works of ../shared/data/pmc-references-dev.jsonl.gz, writes a Markdown article
whose sentences link to a DOI with the words clinic pages use around a link, in six forms:

    author-year anchor    It helped, as [Ikeda et al. (1988)](https://doi.org/…) showed.
    journal, full name    It helped in [a 1988 study in Endoscopy](…).
    journal, abbreviated  It helped in [a 2004 study published in Am J Gastroenterol](…).
    journal before study  It helped in [a 2004 Am J Gastroenterol study](…).
    bare link             Ikeda et al. reported it in 1988 https://doi.org/… .
    topic words           It helped in [endoscopic sphincterotomy results](…).

Each sentence links once to the work it describes (right: expected verified) and once to
another work of the set (misattributed: expected mismatch). The other work has another first
author, another journal, a year within one of the described work's and no title word in
common, so each form is caught, if at all, by the one thing it says: the authors, the
journal, or the topic (the sentences hold too few topic words for the topic check but in
the last form). The article goes through the extractor, and each link citation through the
checker's link check against the linked work's record, as a run does once Crossref has
answered; no server is needed. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.checker import check_link_text  # noqa: E402
from citecheck.extract import extract_bytes  # noqa: E402
from citecheck.matching.score import same_surname  # noqa: E402
from citecheck.models import CheckResult, Verdict  # noqa: E402
from citecheck.services.crossref import work_from_crossref  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "pmc-references-dev.jsonl.gz"
#: works drawn (by a hash of the DOI, so the same each run)
SAMPLE = 300
FORMS = ("author-year anchor", "journal, full name", "journal, abbreviated", "journal before study", "bare link",
         "topic words")
_WORD_RE = re.compile(r"[a-z]{4,}")
_GENERIC = frozenset("""with from into their that this these those study studies trial trials analysis review
effect effects patients during after before between among using based via versus""".split())


def _usable(record: dict) -> bool:
    authors = record.get("author") or []
    return bool(authors and authors[0].get("family") and record.get("container-title") and record.get("title")
                and record.get("short-container-title") and (record.get("issued") or {}).get("date-parts")
                and not any(c.isspace() for c in record["DOI"]) and len(_topic(record)) >= 3)


def _topic(record: dict) -> list[str]:
    """The first content words of the work's title."""
    words = [w for w in _WORD_RE.findall(record["title"][0].lower()) if w not in _GENERIC]
    return list(dict.fromkeys(words))[:3]


def _year(record: dict) -> int:
    return record["issued"]["date-parts"][0][0]


def _authors_named(record: dict) -> str:
    names = [a.get("family") for a in record["author"] if a.get("family")]
    if len(names) >= 3:
        return f"{names[0]} et al."
    return " and ".join(names[:2])


def sentence(form: str, record: dict, doi: str) -> str:
    """A sentence of an article that links ``doi`` with words describing ``record``."""
    year, link = _year(record), f"https://doi.org/{doi}"
    full, short = record["container-title"][0], record["short-container-title"][0]
    if form == "author-year anchor":
        return f"It helped, as [{_authors_named(record)} ({year})]({link}) showed."
    if form == "journal, full name":
        return f"It helped in [a {year} study in {full}]({link})."
    if form == "journal, abbreviated":
        return f"It helped in [a {year} study published in {short}]({link})."
    if form == "journal before study":
        return f"It helped in [a {year} {short} study]({link})."
    if form == "bare link":
        return f"{_authors_named(record)} reported it in {year} {link} ."
    return f"It helped in [{' '.join(_topic(record))} results]({link})."


def _differs(a: dict, b: dict) -> bool:
    """True when ``b`` has another first author and journal, a year within one of ``a``'s,
    and no title word in common with ``a``'s topic words."""
    title_b = set(_WORD_RE.findall(b["title"][0].lower()))
    return (not same_surname(a["author"][0]["family"], b["author"][0]["family"])
            and a["container-title"][0].lower() != b["container-title"][0].lower()
            and abs(_year(a) - _year(b)) <= 1 and not any(w[:6] in {t[:6] for t in title_b} for w in _topic(a)))


def build(records: list[dict]) -> list[tuple[str, str, str, dict]]:
    """(form, expected verdict, sentence, linked record) for each case."""
    cases = []
    for k, record in enumerate(records):
        other = next((r for r in records[k + 1:] + records[:k] if _differs(record, r)), None)
        if other is None:
            continue
        for form in FORMS:
            cases.append((form, "verified", sentence(form, record, record["DOI"]), record))
            cases.append((form, "mismatch", sentence(form, record, other["DOI"]), other))
    return cases


def verdict_of(text: str, linked: dict) -> tuple[str, str]:
    """The link's verdict once its DOI has resolved to ``linked``, and the reason."""
    extraction = extract_bytes(f"# Pain\n\n{text}\n".encode(), "article.md")
    links = [c for c in extraction.citations if c.kind == "link"]
    if len(links) != 1:
        return f"{len(links)} links found", ""
    work = work_from_crossref(linked)
    result = check_link_text(CheckResult(links[0], Verdict.VERIFIED, "A published work, cited right.", work, ()))
    return result.verdict.value, result.reason


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each miss")
    parser.add_argument("--sample", type=int, default=SAMPLE)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not checked out next to the project)")
        return 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        records = [json.loads(line)["record"] for line in fh]
    seen, usable = set(), []
    for r in records:
        if _usable(r) and r["DOI"].lower() not in seen:
            seen.add(r["DOI"].lower())
            usable.append(r)
    usable.sort(key=lambda r: hashlib.sha1(r["DOI"].lower().encode()).hexdigest())
    cases = build(usable[:args.sample])
    tally: Counter = Counter()
    for form, expected, text, linked in cases:
        got, reason = verdict_of(text, linked)
        tally[(form, expected, got == expected)] += 1
        if args.show and got != expected:
            print(f"[{form}] expected {expected}, got {got}: {text}\n    linked: {linked['DOI']} "
                  f"{linked['container-title'][0]} {_year(linked)}\n    {reason}")
    print(f"link checks on {args.sample} real works, each linked rightly and to another work, in {len(FORMS)} forms\n")
    print(f"{'form':22s} {'right → verified':>18s} {'misattributed → mismatch':>26s}")
    totals = Counter()
    for form in FORMS:
        cells = []
        for expected in ("verified", "mismatch"):
            ok, n = tally[(form, expected, True)], tally[(form, expected, True)] + tally[(form, expected, False)]
            totals[(expected, True)] += ok
            totals[expected] += n
            cells.append(f"{ok / n:.3f} ({ok}/{n})")
        print(f"{form:22s} {cells[0]:>18s} {cells[1]:>26s}")
    cells = [f"{totals[(e, True)] / totals[e]:.3f} ({totals[(e, True)]}/{totals[e]})" for e in ("verified", "mismatch")]
    print(f"{'all':22s} {cells[0]:>18s} {cells[1]:>26s}")
    print("\nfalse alarms are right links reported as mismatch; misattributed links passed as verified are misses")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
