"""The corrected reference, written in the citation's own style where it can be.

The cited text is kept and each wrong value is replaced by the published one where it
occurs once, a wrong author list by the published one written the same way (Vancouver or
APA); when a value cannot be placed, a plain APA-like reference is written instead.
"""

from __future__ import annotations

import re

from citecheck.extract.parse import author_list_end
from citecheck.models import Author, CheckResult, FieldStatus, Work

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"


def _loose(value: str) -> str:
    """A regex for a value as it may be written: any dash for '-', flexible spaces."""
    out = []
    for ch in value:
        if ch in _DASHES:
            out.append(f"[{_DASHES}]")
        elif ch.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _replace_once(text: str, cited: str, found: str, word: bool = True) -> str | None:
    pattern = _loose(cited)
    if word:
        pattern = rf"(?<![\w]){pattern}(?![\w])"
    matches = list(re.finditer(pattern, text, flags=re.I))
    if len(matches) != 1:
        return None
    m = matches[0]
    written = m.group(0)
    dash = next((c for c in written if c in _DASHES), None)
    if dash and dash != "-":
        found = found.replace("-", dash)
    return text[: m.start()] + found + text[m.end():]


def plain_reference(work: Work) -> str:
    """An APA-like reference for a work."""
    names = [f"{a.surname}, {_initials(a.initials)}".strip(", ") for a in work.authors[:6]]
    if len(work.authors) > 6:
        authors = ", ".join(names) + ", et al."
    elif len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = "".join(names)
    numbers = (work.volume or "") + (f"({work.issue})" if work.issue else "")
    pages = work.pages or work.article_number
    parts = [f"{authors} ({work.year})." if authors else f"({work.year}).", f"{work.title}." if work.title else ""]
    venue = ", ".join(p for p in (work.journal, numbers, pages) if p)
    if venue:
        parts.append(venue + ".")
    parts.append(f"https://doi.org/{work.doi}")
    return " ".join(p for p in parts if p)


def _initials(given: str) -> str:
    """"Lisa V." -> "L. V."; initials run together as Vancouver writes them ("LV") are
    each an initial."""
    letters = []
    for word in re.split(r"[\s.\-]+", given or ""):
        if word.isupper() and word.isalpha() and len(word) <= 4:
            letters += list(word)
        elif word:
            letters.append(word[0])
    return " ".join(f"{c}." for c in letters)


#: the most authors written out before "et al." (AMA and Vancouver: 6, then the first 3 and et al.)
_VANCOUVER_MAX = 6
#: the most authors APA 7 writes out (then the first 19, an ellipsis and the last)
_APA_MAX = 20


def _authors_as(style: str, authors: tuple[Author, ...]) -> str:
    """The authors written as the citation writes its own: "vancouver" or "apa"."""
    if style == "vancouver":
        shown = authors if len(authors) <= _VANCOUVER_MAX else authors[:3]
        names = [f"{a.surname} {_initials(a.initials).replace('.', '').replace(' ', '')}".strip() for a in shown]
        return ", ".join(names) + (", et al" if len(shown) < len(authors) else "")
    names = [f"{a.surname}, {_initials(a.initials)}".strip(", ") for a in authors]
    if len(names) > _APA_MAX:
        return ", ".join(names[:_APA_MAX - 1]) + ", … " + names[-1]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _with_published_authors(text: str, work: Work) -> str | None:
    """``text`` with its author list replaced by the work's, in the same style; None when
    the list is in a form not rewritten here."""
    found = author_list_end(text)
    if found is None or not work.authors:
        return None
    end, style = found
    authors = _authors_as(style, work.authors)
    if text[end - 1] == "." and not authors.endswith("."):  # the cited list's "et al." held the stop
        authors += "."
    return authors + text[end:]


def corrected_reference(result: CheckResult) -> str | None:
    """The citation rewritten with the published values, or None when nothing is wrong."""
    work = result.match
    wrong = [f for f in result.fields if f.status is FieldStatus.MISMATCH]
    if work is None or not wrong or result.citation.kind == "link":
        return None  # (a link's text is a sentence of the article, not a reference to rewrite)
    # A year within the tolerance is not wrong, but the corrected reference gives the published one.
    off_by_one = [f for f in result.fields if f.name == "year" and f.status is FieldStatus.MATCH and f.cited != f.found]
    text = result.citation.text
    for f in wrong + off_by_one:
        if f.name == "authors":
            new = _with_published_authors(text, work)
            if new is None:
                return plain_reference(work)
            text = new
            continue
        cited, found = f.cited, f.found
        if f.name == "title" and work.subtitle:
            found = f"{work.title}: {work.subtitle}"
        if cited in (None, "") or found in (None, ""):
            return plain_reference(work)
        if f.name == "journal":
            found = work.short_journal[0] if work.short_journal and len(str(cited)) < len(work.journal or "") * 0.6 else work.journal
        new = _replace_once(text, str(cited), str(found))
        if new is None:
            return plain_reference(work)
        text = new
    if work.doi.lower() not in text.lower():
        text = text.rstrip() + f" https://doi.org/{work.doi}"
    return text
