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

from citecheck.extract.parse import ORGANISATION_WORD_RE
from citecheck.models import Citation, InText

_NAME = r"(?:(?:van|von|de|der|den|del|da|di|du|la|le|ter|zur)\s)*[A-Z\u00C0-\u00DE][\w'’\-]+"
_YEAR = r"(?:1[89]\d\d|20\d\d)[a-z]?"
#: what an author-year citation writes for a work with no year yet or none at all
_UNDATED = ("n.d.", "in press")
# What follows the first author's name: "et al." (or "and colleagues"), a second author
# ("and Villela", "& Villela"), or a list of them closed by "and" or "&" (", Girelli and
# Casuccio", ", Ancoli-Israel, Britz, & Walsh").
# Spanish, French, German, Italian and Portuguese write "y cols.", "et coll.", "und Mitarbeiter"
# for "et al." and "y", "et", "und", "e" for "and" ("(Hoe, Harris y Rebeck, 2005)").
_AND = r"(?:and|&|y|et|und|e)"
# Arabic text writes "وآخرون" for "et al." and "و" (and) joined to the next name: "(Fagiolo وآخرون، 2008)",
# "(Schulman وKearon، 2005)", with the Arabic comma "،" before the year.
_OTHERS = (rf"(?:\s(?:et\sal\.?|and\s(?:colleagues|co-?workers|associates)|y\scols?\.?|y\scolaboradores"
           rf"|et\scoll?\.?|und\sMitarbeiter|e\scoll?\.?|{_AND}\s{_NAME}|وآخرون|و\s?{_NAME})"
           rf"|(?:,\s{_NAME}){{1,5}},?\s{_AND}\s{_NAME})")
# One author-year item: "Zheng et al., 2019", "Mion and Villela 2003", "Smith 2001a",
# "Mayo Clinic, n.d."; in parentheses a surname may have two words ("Fernandez Garcia et al., 2007").
_ITEM = (rf"(?P<name>{_NAME}(?:\s[A-Z\u00C0-\u00DE][\w'’\-]+)?){_OTHERS}?[,،]?\s"
         rf"(?P<year>{_YEAR}|n\.d\.|in\spress)")
_ITEM_RE = re.compile(_ITEM)
# A group author: "(National Institute of Mental Health, 2024)", "(World Health Organization 2019)"
_GROUP_RE = re.compile(rf"(?P<name>[A-Z][\w&'’.\- ]{{3,100}}?),?\s(?P<year>{_YEAR}|n\.d\.|in\spress)")
# An organisation's name: capitalised words, with "of", "for", "and", "the", "on", "in" or
# "&" between them ("Centers for Disease Control and Prevention", "U.S. Department of
# Health and Human Services") ...
_ORGANISATION_RE = re.compile(r"[A-Z][\w'’.\-]*+(?:\s(?:of|for|and|the|on|in|&|[A-Z][\w'’.\-]*+))*+")
# ... and one of the words organisations are named with (parse.ORGANISATION_WORD_RE).
_PAREN_RE = re.compile(r"\(([^()\n]{6,300}?)\)")
# "Duman & Aghajanian (2012)", "Zheng et al. (2019)", "Krystal, Abdallah and Sanacora (2019)"
_NARRATIVE_RE = re.compile(rf"(?P<name>{_NAME}){_OTHERS}?\s\((?P<year>{_YEAR})\)")
# What every narrative citation ends in: a pre-filter for _NARRATIVE_RE.  "\s\(YEAR\)",
# written to start with "(" (the regex engine then skips to one).
_NARRATIVE_YEAR_RE = re.compile(rf"\((?<=\s\(){_YEAR}\)")
# "[1]", "[2-4]", "[1, 3, 5-7]"; the ideographic comma "、" and the Arabic comma "،" part numbers
# too ("[2、3]", "[2، 3]"; full-width "［2，3］" and Arabic-Indic digits "[٤]" are folded to ASCII
# before: text.fold_wide).
_NUMERIC_RE = re.compile(r"\[(\d{1,3}(?:\s?[-–,、،]\s?\d{1,3}){0,20})\]")
# What follows a note marker that opens a line of wrapped prose ("medication\n[7]. Ketamine",
# "[7] and"): a stop or a comma, or a word in lower case that is no link's start; a list's
# marker is followed by its entry ("[1] Smith J", "[2] https://…").
_AFTER_WRAPPED_MARKER_RE = re.compile(r"[.,;:]|\s++[a-z]++(?![:.])")
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
    for key, i in _group_index(citations, index).items():
        index.setdefault(key, i)
    found: list[InText] = []
    author_year = False
    for number, line in enumerate(lines, start=1):
        if number in skip:
            continue
        if "(" in line:
            before = lines[number - 2] if number > 1 and number - 1 not in skip else ""
            after = lines[number] if _open(line) and number < len(lines) and number + 1 not in skip else ""
            cited = _author_year(line, number, index, before, after)
            if cited:
                author_year = True
                found.extend(cited)
        if "[" in line:
            after = lines[number] if _open_bracket(line) and number < len(lines) and number + 1 not in skip else ""
            found.extend(_numeric(line, number, len(references), by_number, after))
    if not author_year and references:
        # Numbers in round brackets, in a text that cites no author and year (drafts merged
        # from two sources mix them with "[3]" or superscripts).
        found.extend(_round_numeric(lines, skip, len(references), by_number))
    elif author_year and any(it.reference is None and _ACRONYM_ITEM_RE.search(it.text) for it in found):
        found = _by_abbreviation(found, lines, skip, index)
    return tuple(found)


# "(WHO, 2011)": an organisation cited by the abbreviation the text defined for it
_ACRONYM_ITEM_RE = re.compile(rf"\b(?P<name>[A-Z]{{2,10}}),?\s(?P<year>{_YEAR}|n\.d\.|in\spress)")


def _by_abbreviation(found: list[InText], lines: list[str], skip: set[int] | frozenset[int],
                     index: dict) -> list[InText]:
    """``found`` with each citation by an abbreviation ("(WHO, 2011)") that had no entry linked
    to the entry of the organisation the text names with it: "World Health Organization [WHO]",
    "National Institute of Mental Health (NIMH)" (APA's first citation of an organisation;
    trial 39)."""
    text = "\n".join(line for number, line in enumerate(lines, start=1) if number not in skip)
    out = []
    for it in found:
        m = _ACRONYM_ITEM_RE.search(it.text) if it.reference is None else None
        full = _defined(text, m["name"]) if m else None
        entry = _entry(index, full, m["year"]) if full else None
        out.append(it if entry is None else InText(it.text, it.line, entry, it.page))
    return out


def _defined(text: str, abbreviation: str) -> str | None:
    """The name the text defines ``abbreviation`` for ("World Health Organization" before
    "[WHO]" or "(WHO"), its initials those of the abbreviation; or None."""
    for opener in ("[", "("):
        at = text.find(opener + abbreviation)
        while at > 0:
            run = _CAPITALISED_RUN_RE.search(text, max(0, at - 120), at)
            words = run.group().split() if run else []
            while words and words[0][0] != abbreviation[0]:
                words.pop(0)  # "In World Health Organization [WHO]": from the word the initials begin
            initials = "".join(w[0] for w in words if w[0].isupper())
            if words and initials.startswith(abbreviation[:2]) and len(initials) >= len(abbreviation):
                return " ".join(words)
            at = text.find(opener + abbreviation, at + 1)
    return None


def _by_printed_number(printed: Sequence[int | None]) -> dict[int, int] | None:
    """Printed number -> entry index, or None when numbers cannot say which entry a note
    means: no entry is numbered, or two share a number (Markdown lists written "1." for
    every item, two lists each numbered from 1)."""
    by_number = {n: i for i, n in enumerate(printed) if n is not None}
    if not by_number or len(by_number) < sum(n is not None for n in printed):
        return None
    return by_number


def _entry(index: dict, name: str, year: str, initials: str = "") -> int | None:
    """The entry an author-year citation means: the one with that first author and year, or
    else the only one of that author a year either side (the year tolerance the matcher
    allows: "(Himmelseher & Durieux, 2005)" for an entry dated 2004, as online and print
    dates differ), or else that author's undated entry (a web page: "(Mayo Clinic, n.d.)",
    "(National Sleep Foundation, 2023)" for "National Sleep Foundation. How much sleep do
    we really need? https://… Accessed March 3, 2024."). ``initials``, as "(J. Wang et al., 2020)"
    writes them, tell apart two first authors of one surname and year."""
    undated = year in _UNDATED
    key = _key(name, "" if undated else year)
    if year[-1:].isalpha() and not undated:
        # "(Mustillo et al., 2003b)": the second of that author's entries of 2003 (trial 32)
        lettered = index.get((key[0], key[1] + year[-1]))
        if lettered is not None:
            return lettered
        if (key[0], key[1] + "a") in index:
            return None  # "2020c" where the list has 2020a and 2020b only (trial 39)
        year = year[:4]
    if initials and (by_initials := index.get((key[0], f"{key[1]}/{initials}"))) is not None:
        return by_initials
    found = index.get(key)
    if found is not None or undated or not year.isdigit():
        return found
    near = {index.get(_key(name, str(int(year) + step))) for step in (-1, 1)} - {None}
    if near:
        return near.pop() if len(near) == 1 else None
    return index.get(_key(name, ""))


@functools.lru_cache(maxsize=8192)
def _key(surname: str, year: int | str | None) -> tuple[str, str]:
    if surname.isascii():
        folded = surname.lower()  # NFKD leaves ASCII alone, and casefold is lower there
    else:
        folded = unicodedata.normalize("NFKD", surname)
        folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return folded, str(year)[:4] if year else ""


def _author_year_index(citations: tuple[Citation, ...]) -> dict[tuple[str, str], int]:
    """Entries keyed by first author and year (year "" for an undated entry); where a first author
    has two entries or more of one year, also by the year with a letter in the list's order
    ("2003a", "2003b"), as APA tells them apart in the text."""
    index: dict[tuple[str, str], int] = {}
    for i, c in enumerate(citations):
        if c.authors:
            index.setdefault(_key(c.authors[0].surname, c.year), i)
    for entries in set(alike_entries(citations).values()):
        first = citations[entries[0]]
        name, year = _key(first.authors[0].surname, first.year)
        for letter, i in zip("abcdefghijklmnopqrstuvwxyz", entries):
            index[(name, year + letter)] = i
            index.setdefault((name, f"{year}/{_letters(citations[i].authors[0].initials)}"), i)
    return index


def _letters(initials: str) -> str:
    """"J.H." -> "JH": initials as the index keys them."""
    return "".join(c for c in initials if c.isupper())


def _initials(m: re.Match) -> str:
    """The initials an author-year item writes before its surname ("J.H. Kim 2019"), keyed."""
    return _letters(m.string[:m.start()]) if m.start() else ""


def alike_entries(citations: tuple[Citation, ...]) -> dict[int, tuple[int, ...]]:
    """Entries that share their first author and year with another ("Mustillo, 2003" twice), each
    mapped to all of them in the list's order: "(Mustillo et al., 2003)" fits any of them, where
    APA writes 2003a and 2003b."""
    same: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(citations):
        if c.kind == "reference" and c.authors and c.year:
            same.setdefault(_key(c.authors[0].surname, c.year), []).append(i)
    return {i: tuple(group) for group in same.values() if len(group) > 1 for i in group}


_LETTERED_YEAR_RE = re.compile(r"\d{4}[a-z]\b")


def fits_alike(it: InText, alike: dict[int, tuple[int, ...]]) -> tuple[int, ...]:
    """The entries an author-year citation fits when its entry has alike ones and it writes no
    letter after the year; else ()."""
    if it.reference is None or it.reference not in alike or it.text.startswith("[") \
            or _LETTERED_YEAR_RE.search(it.text) or _INITIALS_RE.match(_strip_prefix(it.text.lstrip("("))):
        return ()
    return alike[it.reference]


# Where the name an entry opens with ends: a stop (not an initial's: "U.S. Department of
# Health and Human Services. (2018)."), a parenthesis, a comma before a number.
_GROUP_NAME_END_RE = re.compile(r"\.(?<!\b[A-Z]\.)\s|\s\(|,\s(?=\d)")


def _group_index(citations: tuple[Citation, ...], index: dict) -> dict[tuple[str, str], int]:
    """Entries whose author is an organisation, keyed by the name they open with and their
    year: those not in ``index``, and those whose author's name was cut at a stop ("U.S" of
    "U.S. Department of Health and Human Services. (2018). …")."""
    groups: dict[tuple[str, str], int] = {}
    taken = set(index.values())
    for i, c in enumerate(citations):
        if i in taken and "." not in c.authors[0].surname and " " not in c.authors[0].surname \
                or c.kind != "reference":
            continue  # ("Cancer Research" of "Cancer Research UK. (2021). …" is keyed by its whole name too)
        name = _GROUP_NAME_END_RE.split(c.text, maxsplit=1)[0].strip(" .")
        if 3 < len(name) <= 100 and " " in name:
            groups.setdefault(_key(name, c.year), i)
    return groups


def _open(line: str) -> bool:
    """True when the line ends inside a parenthesis: "(Duman et al.," wrapped before "2016)"."""
    return line.rfind("(") > line.rfind(")")


def _author_year(line: str, number: int, index: dict, before: str = "", after: str = "") -> list[InText]:
    """The author-year citations on a line.  Hard-wrapped prose breaks them at line ends:
    ``before``, the previous line, where a narrative citation's names may open ("Krystal,
    Abdallah and\nSanacora (2019)"); ``after``, the next line, when a parenthesis opened on
    this one closes there.  A citation is on the line it opens on."""
    out: list[InText] = []
    taken: list[tuple[int, int]] = []
    joined = line
    if after.strip():
        line = line.rstrip()
        joined = f"{line} {after.lstrip()}"
    for paren in _PAREN_RE.finditer(joined):
        if paren.start() >= len(line):
            break  # the next line's own parentheses are read with it
        inner = paren.group(1)
        if "19" not in inner and "20" not in inner and "18" not in inner and "n.d." not in inner \
                and "press" not in inner:
            continue  # no year, so no item (a quick test: most parentheses in prose are no citation)
        if ";" not in inner:  # one item, the common case
            m = _item(inner.strip(), index)
            if m:
                taken.append(paren.span())
                out.append(InText(paren.group(), number, _entry(index, m["name"], m["year"], _initials(m))))
            elif (years := _YEARS_RE.fullmatch(inner.strip())) and (m := _item(years["first"], index)):
                taken.append(paren.span())  # "(Müller, 2018, 2020)": one author's two works
                for year in (m["year"], *years["more"].replace(",", " ").split()):
                    out.append(InText(paren.group(), number, _entry(index, m["name"], year, _initials(m))))
            continue
        items = [(p, m) for p in (p.strip() for p in inner.split(";")) if (m := _item(p, index))]
        if not items:
            continue
        taken.append(paren.span())
        for text, m in items:  # several items: each is a citation of its own
            out.append(InText(text, number, _entry(index, m["name"], m["year"], _initials(m))))
    if not _NARRATIVE_YEAR_RE.search(line) and not (before and line.lstrip()[:1] == "("):
        return out  # no " (2012)" for a narrative citation to end in
    indent = len(line) - len(line.lstrip())
    before = before.rstrip()
    start = len(before) + 1 if before else indent  # where the line's own text starts
    for m in _NARRATIVE_RE.finditer(f"{before} {line[indent:]}" if before else line):
        if m.end() <= start:
            continue  # all on the previous line: read with it
        if any(a <= m.start() - start + indent < b for a, b in taken):
            continue
        entry = _entry(index, m["name"], m["year"])
        if entry is None and _ends_a_journal_name(m.string, m.start(), m["name"]):
            continue  # "published in Journal of Rural Health (2006)": no author's name
        out.append(InText(m.group(), number if m.start() >= start else number - 1, entry))
    return out


# The capitalised words (with "of", "and" ... between them) right before a name.
_CAPITALISED_RUN_RE = re.compile(r"(?:[A-Z][\w'’.-]*+\s(?:(?:of|and|&|the|for|in|on)\s)*+)++$")
#: how far back a journal's name is looked for
_JOURNAL_NAME_CHARS = 80


def _ends_a_journal_name(text: str, start: int, name: str) -> bool:
    """True when ``name`` at ``start`` is the last word of a journal's name ("Journal of
    Rural" before "Health (2006)")."""
    from citecheck.extract.claims import reads_as_journal

    run = _CAPITALISED_RUN_RE.search(text, max(0, start - _JOURNAL_NAME_CHARS), start)
    return run is not None and reads_as_journal(run.group() + name)


def _item(part: str, index: dict):
    """One author-year item ("Zheng et al., 2019"), as a match with groups "name" and "year",
    or None. Initials before the surname are left before the match ("J.H. Kim 2019": its
    ``m.start()``), and an organisation's abbreviation in brackets is dropped ("World Health
    Organization [WHO], 2011")."""
    stripped = _strip_prefix(part)
    if "[" in stripped:
        stripped = _ABBREVIATION_RE.sub("", stripped)
    start = m.end() if (m := _INITIALS_RE.match(stripped)) else 0
    m = _ITEM_RE.fullmatch(stripped, start) or _group_item(stripped, index)
    if m is None and (m := _ITEM_RE.match(stripped, start)) is not None \
            and _AFTER_YEAR_RE.fullmatch(stripped, m.end()) is None:
        m = None
    if m is not None and m["name"] in _NO_AUTHOR and m.end("name") + 1 == m.start("year") \
            and _key(m["name"], m["year"]) not in index:
        return None  # "(March 2020)", "(Spring 2021)": a date, where no entry is March's of 2020
    return m


# Initials before a surname, as APA writes them for two first authors of one surname: "J.H. Kim"
_INITIALS_RE = re.compile(r"(?:[A-Z]\.\s?(?:-?[A-Z]\.\s?)*)\s?(?=[A-Z])")
# "World Health Organization [WHO], 2011": the abbreviation APA defines at an organisation's first citation
_ABBREVIATION_RE = re.compile(r"\s\[[A-Z][A-Za-z]{1,9}\]")
# "(Müller, 2018, 2020)": one author's works of two years or more
_YEARS_RE = re.compile(rf"(?P<first>.+?[,،]?\s{_YEAR})(?P<more>(?:,\s?{_YEAR})+)")
#: capitalised words before a year that name no author: months and seasons
#: months, as a date or "published in March 2021" writes them
MONTH_NAMES = frozenset("January February March April May June July August September October November December "
                        "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_NO_AUTHOR = MONTH_NAMES | frozenset("Spring Summer Autumn Fall Winter "
                                     "Since Until Before After From Early Late Mid Circa Updated Published Revised".split())


# What may follow an author-year's year in its parentheses: a page ("Smith, 2019, p. 12") or the
# journal ("(Landorf et al., 2006, Arch Intern Med)": trial 37's cited claim was called unsourced).
_AFTER_YEAR_RE = re.compile(r",\s(?:pp?\.\s?\d[\d–-]*|[A-Z][\w.&'’ -]{1,60})")


def _group_item(part: str, index: dict):
    """A group-author citation: one naming an entry's author, or else an organisation, a comma
    before its year ("(National Sleep Foundation, 2023)"); not prose like "(Since 2019)"."""
    m = _GROUP_RE.fullmatch(part)
    if m is None:
        return None
    if _entry(index, m["name"], m["year"]) is not None:
        return m
    return m if part[m.end("name")] == "," and _is_organisation(m["name"]) else None


def _is_organisation(name: str) -> bool:
    """True when the name reads as an organisation's: capitalised words, one of them a word
    organisations are named with ("World Health Organization", not "Updated March")."""
    return _ORGANISATION_RE.fullmatch(name) is not None and name.rsplit(" ", 1)[-1][:1].isupper() \
        and ORGANISATION_WORD_RE.search(name) is not None


_PREFIX_RE = re.compile(r"^(?:see also|see|e\.g\.,?|i\.e\.,?|cf\.)\s+", re.IGNORECASE)
# What _PREFIX_RE can open with: s, e, i, c either case, and what IGNORECASE takes for them.
_PREFIX_FIRST = frozenset("sSeEiIcC\u017f\u0130\u0131")


def _strip_prefix(part: str) -> str:
    """"see Smith 2001", "e.g., Smith, 2001" -> the citation itself."""
    if part[:1] not in _PREFIX_FIRST:
        return part
    m = _PREFIX_RE.match(part)  # anchored: the one place sub() could replace
    return part[m.end():] if m else part


def _open_bracket(line: str) -> bool:
    """True when the line ends inside a bracket: "[1," wrapped before "2]"."""
    return line.rfind("[") > line.rfind("]")


def _numeric(line: str, number: int, count: int, by_number: dict[int, int] | None, after: str = "") -> list[InText]:
    """The numeric citations on a line: each number the entry printed with it
    (``by_number``), or else the entry in that position of ``count``.  ``after``: the next
    line, when a bracket opened on this one closes there ("[1,\n2]")."""
    out: list[InText] = []
    indent = len(line) - len(line.lstrip())
    joined = line
    if after.strip():
        line = line.rstrip()
        joined = line + ("" if line.endswith(("[", "-", "–")) else " ") + after.lstrip()
    for m in _NUMERIC_RE.finditer(joined):
        if m.start() >= len(line):
            break  # the next line's own citations are read with it
        if m.start() == indent and not _AFTER_WRAPPED_MARKER_RE.match(joined, m.end()):
            continue  # "[1] Smith J ..." is a list marker, not a citation
        out.extend(InText(m.group(), number, _note_entry(n, count, by_number)) for n in _expand(m.group(1)))
    return out


def _note_entry(n: int, count: int, by_number: dict[int, int] | None) -> int | None:
    """The entry note number ``n`` cites: the one printed with it (``by_number``), or else
    the one in that position of ``count``; None for none."""
    if by_number is not None:
        return by_number.get(n)
    return n - 1 if 1 <= n <= count else None


# "(1)", "(2, 3)", "(4–6)": note numbers in round brackets, as many journals print them.
_ROUND_NUMERIC_RE = re.compile(r"\((\d{1,3}(?:\s?[-–,]\s?\d{1,3}){0,20})\)")
# What an enumeration's "(1)" follows ("aims: (1) to …", "rest, (2) ice, and (3) …"),
# besides a line's start (a list item's marker).
_ENUMERATION_ENDS = (":", ";", ",", "•", "·", "▪", "*", "–", "-", " and", " or", " then")
_STOPS = frozenset(".,;:")
#: the fewest round-bracket groups that make them the document's way of citing
MIN_ROUND_GROUPS = 2


def _round_numeric(lines: list[str], skip: set[int] | frozenset[int], count: int,
                   by_number: dict[int, int] | None) -> list[InText]:
    """Numeric citations in round brackets, for a document that cites no author and year.

    Round brackets hold much else ("(1) rest, (2) ice"), so a group counts only when it
    follows a word (not an enumeration's colon, comma or "and", nor a line's start) and the
    document has two groups at least whose every number is an entry's.  Groups with a number
    past the list's end ("(7, 9)" of a list of 8: trial 39) are then citations too, with no
    entry for that number, while they are no more than those.
    """
    groups: list[list[InText]] = []
    for number, line in enumerate(lines, start=1):
        if number in skip or "(" not in line:
            continue
        for m in _ROUND_NUMERIC_RE.finditer(line):
            before = " " + line[max(0, m.start() - 8):m.start()].rstrip()
            if before.endswith(_ENUMERATION_ENDS):
                continue
            if not line[:m.start()].strip() and line[m.end():m.end() + 1] not in _STOPS:
                continue  # a list item's marker; a wrapped citation's line goes on with a stop
            numbers = _expand(m.group(1))
            if numbers:
                groups.append([InText(m.group(), number, _note_entry(n, count, by_number)) for n in numbers])
    whole = sum(all(it.reference is not None for it in group) for group in groups)
    if whole < MIN_ROUND_GROUPS:
        return []
    if len(groups) - whole > whole:  # more groups past the list's end than in it: no way of citing
        groups = [group for group in groups if all(it.reference is not None for it in group)]
    return [it for group in groups for it in group]


# Note numbers glued to the stop or comma after a word, as superscripts read as plain text
# (copied from a web page, or a PDF's text): "in adults.1 A 2019 …", "symptoms.2,3", "pain,4-6 and",
# "veterans with PTSD.5", "in the U.S.5" (an acronym: two capitals at least, or dotted ones; not an
# initial's "J.2", a table's "A.2"); or to the word itself, before its stop or comma, as journals set
# them: "primary care1.", "months5–7." (a word of three lower-case letters at least: not "H1N1",
# "IL-6", "B12").  GLUED_AFTER_STOP is the first case's context, which the PDF reader's footnote
# markers share.
GLUED_AFTER_STOP = r"(?:(?<=[a-z)\]][.,;:])|(?<=[A-Z]{2}[.,;:])|(?<=\.[A-Z][.,;:]))"
_GLUED_NOTE_RE = re.compile(rf"{GLUED_AFTER_STOP}(\d{{1,3}}(?:[,–-]\d{{1,3}}){{0,20}})(?=\s|$)"
                            r"|(?<=[a-z]{3})(\d{1,3}(?:[,–-]\d{1,3}){0,20})(?=[.,;:](?:\s|$))")


def mark_glued_notes(lines: list[str], skip: set[int] | frozenset[int], citations: tuple[Citation, ...],
                     printed: Sequence[int | None] = ()) -> list[str] | None:
    """The lines with note numbers glued to the words they follow written as markers
    ("adults.1 A" -> "adults.[1] A"), for a text that cites in no other way; None when
    it has none.  As with round brackets, a group counts only when every number in it is
    an entry's, and the text has two such groups at least."""
    count = sum(c.kind == "reference" for c in citations)
    if not count:
        return None
    by_number = _by_printed_number(printed)

    def is_note(numbers: list[int]) -> bool:
        return bool(numbers) and all(_note_entry(n, count, by_number) is not None for n in numbers)

    out = list(lines)
    groups = 0
    for i, line in enumerate(lines):
        if i + 1 in skip or not any(c.isdigit() for c in line):
            continue
        marked = _GLUED_NOTE_RE.sub(lambda m: f"[{m.group(m.lastindex)}]" if is_note(_expand(m.group(m.lastindex)))
                                    else m.group(), line)
        if marked != line:
            groups += marked.count("[") - line.count("[")
            out[i] = marked
    return out if groups >= MIN_ROUND_GROUPS else None


_COMMA_RE = re.compile(r"\s?[,、،]\s?")
_RANGE_RE = re.compile(r"\s?[-–]\s?")


def expand_numbers(spec: str) -> list[int]:
    """The note numbers a marker's digits give: "2-4, 7" -> [2, 3, 4, 7]."""
    return _expand(spec)


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
