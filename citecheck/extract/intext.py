"""In-text citations: "(Zheng et al., 2019)", "Duman & Aghajanian (2012)",
"(Mion and Villela 2003; Hernandez et al. 2018)", "[1]", "[2-4]".

Each becomes an InText linked to the reference entry it names: by first-author
surname and year for author-year styles, by number for numeric styles.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from citecheck.models import Citation, InText

_NAME = r"(?:(?:van|von|de|der|den|del|da|di|du|la|le|ter|zur)\s)*[A-Z\u00C0-\u00DE][\w'’\-]+"
_YEAR = r"(?:1[89]\d\d|20\d\d)[a-z]?"
# One author-year item: "Zheng et al., 2019", "Mion and Villela 2003", "Smith 2001a"; in
# parentheses a surname may have two words ("Fernandez Garcia et al., 2007").
_ITEM = (rf"(?P<name>{_NAME}(?:\s[A-Z\u00C0-\u00DE][\w'’\-]+)?)(?:\s(?:et\sal\.?|and\s{_NAME}|&\s{_NAME}))?,?\s"
         rf"(?P<year>{_YEAR})")
_ITEM_RE = re.compile(_ITEM)
# A group author: "(National Institute of Mental Health, 2024)", "(World Health Organization 2019)"
_GROUP_RE = re.compile(rf"(?P<name>[A-Z][\w&'’.\- ]{{3,100}}?),?\s(?P<year>{_YEAR})")
_PAREN_RE = re.compile(r"\(([^()\n]{6,300}?)\)")
# "Duman & Aghajanian (2012)", "Zheng et al. (2019)"
_NARRATIVE_RE = re.compile(
    rf"(?P<name>{_NAME})(?:\s(?:et\sal\.?|and\s{_NAME}|&\s{_NAME})"
    rf"|(?:,\s{_NAME}){{1,5}},?\s(?:and|&)\s{_NAME})?\s\((?P<year>{_YEAR})\)")
# What every narrative citation ends in: a pre-filter for _NARRATIVE_RE.  "\s\(YEAR\)",
# written to start with "(" (the regex engine then skips to one).
_NARRATIVE_YEAR_RE = re.compile(rf"\((?<=\s\(){_YEAR}\)")
# "[1]", "[2-4]", "[1, 3, 5-7]"
_NUMERIC_RE = re.compile(r"\[(\d{1,3}(?:\s?[-–,]\s?\d{1,3}){0,20})\]")
#: the widest numeric range expanded ("[1-400]" is not a citation)
MAX_RANGE = 50


def find_in_text(lines: list[str], citations: tuple[Citation, ...],
                 skip: set[int] | frozenset[int] = frozenset(),
                 printed: Sequence[int | None] = ()) -> tuple[InText, ...]:
    """Every in-text citation in the prose lines, linked to ``citations`` where possible.

    ``skip``: line numbers of the reference lists themselves (never prose); a footnote's
    citation carries the line of the paragraph that cites it, which is prose.
    ``printed``: the number each entry is printed with, in order (None: none).
    A number ("[3]") is the entry printed with it, when the entries are numbered each
    with a number of its own; otherwise it counts the reference entries in order.
    """
    references = [c for c in citations if c.kind == "reference"]
    by_number = _by_printed_number(printed)
    index = _author_year_index(citations)
    index.update(_group_index(citations, index))
    found: list[InText] = []
    for number, line in enumerate(lines, start=1):
        if number in skip:
            continue
        if "(" in line:
            found.extend(_author_year(line, number, index))
        if "[" in line:
            found.extend(_numeric(line, number, len(references), by_number))
    return tuple(found)


def _by_printed_number(printed: Sequence[int | None]) -> dict[int, int] | None:
    """Printed number -> entry index, or None when numbers cannot say which entry a note
    means: no entry is numbered, or two share a number (Markdown lists written "1." for
    every item, two lists each numbered from 1)."""
    by_number = {n: i for i, n in enumerate(printed) if n is not None}
    if not by_number or len(by_number) < sum(n is not None for n in printed):
        return None
    return by_number


def _entry(index: dict, name: str, year: str) -> int | None:
    """The entry an author-year citation means: the one with that first author and year, or
    else the only one of that author a year either side (the year tolerance the matcher
    allows: "(Himmelseher & Durieux, 2005)" for an entry dated 2004, as online and print
    dates differ)."""
    found = index.get(_key(name, year))
    if found is not None or not year.isdigit():
        return found
    near = {index.get(_key(name, str(int(year) + step))) for step in (-1, 1)} - {None}
    return near.pop() if len(near) == 1 else None


@functools.lru_cache(maxsize=8192)
def _key(surname: str, year: int | str | None) -> tuple[str, str]:
    if surname.isascii():
        folded = surname.lower()  # NFKD leaves ASCII alone, and casefold is lower there
    else:
        folded = unicodedata.normalize("NFKD", surname)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return folded, str(year)[:4] if year else ""


def _author_year_index(citations: tuple[Citation, ...]) -> dict[tuple[str, str], int]:
    index: dict[tuple[str, str], int] = {}
    for i, c in enumerate(citations):
        if c.authors and c.year:
            index.setdefault(_key(c.authors[0].surname, c.year), i)
    return index


_GROUP_NAME_END_RE = re.compile(r"\.\s|\s\(|,\s(?=\d)")


def _group_index(citations: tuple[Citation, ...], index: dict) -> dict[tuple[str, str], int]:
    """Entries whose author is an organisation, keyed by the name the entry opens with."""
    groups: dict[tuple[str, str], int] = {}
    taken = set(index.values())
    for i, c in enumerate(citations):
        if i in taken or not c.year or c.kind != "reference":
            continue
        name = _GROUP_NAME_END_RE.split(c.text, maxsplit=1)[0].strip(" .")
        if 3 < len(name) <= 100 and " " in name:
            groups.setdefault(_key(name, c.year), i)
    return groups


def _author_year(line: str, number: int, index: dict) -> list[InText]:
    out: list[InText] = []
    taken: list[tuple[int, int]] = []
    for paren in _PAREN_RE.finditer(line):
        inner = paren.group(1)
        if "19" not in inner and "20" not in inner and "18" not in inner:
            continue  # no year, so no item (a quick test: most parentheses in prose are no citation)
        if ";" not in inner:  # one item, the common case
            m = _item(inner.strip(), index)
            if m:
                taken.append(paren.span())
                out.append(InText(paren.group(), number, _entry(index, m["name"], m["year"])))
            continue
        items = [(p, m) for p in (p.strip() for p in inner.split(";")) if (m := _item(p, index))]
        if not items:
            continue
        taken.append(paren.span())
        for text, m in items:  # several items: each is a citation of its own
            out.append(InText(text, number, _entry(index, m["name"], m["year"])))
    if not _NARRATIVE_YEAR_RE.search(line):
        return out  # no " (2012)" for a narrative citation to end in
    for m in _NARRATIVE_RE.finditer(line):
        if any(a <= m.start() < b for a, b in taken):
            continue
        out.append(InText(m.group(), number, _entry(index, m["name"], m["year"])))
    return out


def _item(part: str, index: dict):
    stripped = _strip_prefix(part)
    return _ITEM_RE.fullmatch(stripped) or _group_item(stripped, index)


def _group_item(part: str, index: dict):
    """A group-author citation, only when an entry opens with that name (else prose like "(Since 2019)")."""
    m = _GROUP_RE.fullmatch(part)
    return m if m and _key(m["name"], m["year"]) in index else None


_PREFIX_RE = re.compile(r"^(?:see also|see|e\.g\.,?|i\.e\.,?|cf\.)\s+", re.IGNORECASE)
# What _PREFIX_RE can open with: s, e, i, c either case, and what IGNORECASE takes for them.
_PREFIX_FIRST = frozenset("sSeEiIcC\u017f\u0130\u0131")


def _strip_prefix(part: str) -> str:
    """"see Smith 2001", "e.g., Smith, 2001" -> the citation itself."""
    if part[:1] not in _PREFIX_FIRST:
        return part
    m = _PREFIX_RE.match(part)  # anchored: the one place sub() could replace
    return part[m.end():] if m else part


def _numeric(line: str, number: int, count: int, by_number: dict[int, int] | None) -> list[InText]:
    """The numeric citations on a line: each number the entry printed with it
    (``by_number``), or else the entry in that position of ``count``."""
    out: list[InText] = []
    indent = len(line) - len(line.lstrip())
    for m in _NUMERIC_RE.finditer(line):
        if m.start() == indent:
            continue  # "[1] Smith J ..." is a list marker, not a citation
        for n in _expand(m.group(1)):
            if by_number is not None:
                out.append(InText(m.group(), number, by_number.get(n)))
            else:
                out.append(InText(m.group(), number, n - 1 if 1 <= n <= count else None))
    return out


_COMMA_RE = re.compile(r"\s?,\s?")
_RANGE_RE = re.compile(r"\s?[-–]\s?")


def _expand(spec: str) -> list[int]:
    if spec.isdecimal():
        return [int(spec)]  # one number, the common case: no comma or range to split on
    numbers: list[int] = []
    for part in _COMMA_RE.split(spec):
        bounds = _RANGE_RE.split(part)
        if len(bounds) == 2:
            lo, hi = int(bounds[0]), int(bounds[1])
            if lo <= hi and hi - lo <= MAX_RANGE:
                numbers.extend(range(lo, hi + 1))
        elif part:
            numbers.append(int(part))
    return numbers
