"""The corrected reference, written in the citation's own style where it can be.

The cited text is kept and each wrong value is replaced by the published one where it
occurs once, a wrong author list by the published one written the same way (Vancouver,
APA or Harvard, ABNT: its connective, its "et al." and, when it cut the list short, its
number of names); a page range abbreviated as cited ("1123-33"), a journal written in
full by Crossref's name without its qualifier ("The Plant Journal", not "… : for Cell and
Molecular Biology"). When a value cannot be placed, a plain APA-like reference is
written instead.
"""

from __future__ import annotations

import os
import re

from citecheck.extract.parse import PORTAL_LABELS, author_list_end
from citecheck.matching.journals import strip_qualifiers
from citecheck.matching.verdict import details_of_another_said, title_only, year_off_by_one
from citecheck.models import Author, CheckResult, Citation, FieldStatus, Work

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
#: the fewest names written before "et al." when the cited list gives no longer count to keep
_ETAL_MIN_SHOWN = 3
#: the most authors APA 7 writes out (then the first 19, an ellipsis and the last)
_APA_MAX = 20

# The "et al." that closes a cited author list, as written (", et al.", " et al", " and others").
_ETAL_TAIL_RE = re.compile(r",?\s?(?:et\.?\s?al\b\.?|and others)\s*$", re.IGNORECASE)
# ABNT (NBR 6023): "MOREAU, T.; BLEICHRODT, R. P. Title …" — capitalised surnames, "; " between names.
_ABNT_UP = "A-ZÀ-ÖØ-Þ"
_ABNT_NAME = (rf"[{_ABNT_UP}][{_ABNT_UP}'’\-]+(?:\s[{_ABNT_UP}][{_ABNT_UP}'’\-]+)*,\s"
              rf"[{_ABNT_UP}]\.(?:\s?-?[{_ABNT_UP}]\.)*")  # initials only: a written-out name is not told from the title
_ABNT_RE = re.compile(rf"{_ABNT_NAME}(?:;\s{_ABNT_NAME})*(?:\set\.?\sal\b\.?)?(?=\.?\s)")


def _shown(count: int, et_al: bool, total: int, style: str) -> int:
    """How many of ``total`` published authors to write for a cited list of ``count``
    names (``et_al``: closed by "et al."): as many as the citation wrote when it cut its
    list short, else the whole list (Vancouver: the first names and et al. past 6)."""
    if et_al:  # (a Vancouver list cut after fewer than 3 names gets AMA's 3; Harvard and ABNT cut after the first)
        return min(total, max(count, _ETAL_MIN_SHOWN if style == "vancouver" else 1))
    if style == "vancouver" and total > _VANCOUVER_MAX and count <= _VANCOUVER_MAX:
        return min(total, max(count, _ETAL_MIN_SHOWN))
    return total


def _authors_as(style: str, authors: tuple[Author, ...], cited: str = "", count: int = 0) -> str:
    """The authors written as the citation writes its own list ``cited`` of ``count``
    names: "vancouver", "apa" (also Harvard's "Surname, I. and Surname, I.") or "abnt".

    The cited list's own connective before the last name (", & ", " and ", ", "), its
    "et al." (", et al." or " et al.") and, with a cut list, its number of names are kept."""
    tail = _ETAL_TAIL_RE.search(cited)
    names_part = cited[: tail.start()] if tail else cited
    count = _names_written(style, names_part) or count
    shown = authors[: _shown(count, tail is not None, len(authors), style)]
    more = len(shown) < len(authors)
    if style == "vancouver":
        names = [f"{a.surname} {_initials(a.initials).replace('.', '').replace(' ', '')}".strip() for a in shown]
        etal = tail.group(0).rstrip() if tail else ", et al"
    elif style == "abnt":
        names = [f"{a.surname.upper()}, {_initials(a.initials)}".strip(", ") for a in shown]
        return "; ".join(names) + ((tail.group(0).rstrip() if tail else " et al.") if more else "")
    else:
        squeeze = bool(re.search(r"[A-Z]\.[A-Z]\.", names_part))  # "J.K." rather than "J. K."
        names = [f"{a.surname}, {_initials(a.initials).replace('. ', '.') if squeeze else _initials(a.initials)}".strip(", ")
                 for a in shown]
        etal = tail.group(0).rstrip() if tail else ", et al."
        if not more and len(names) > _APA_MAX:
            return ", ".join(names[:_APA_MAX - 1]) + ", … " + names[-1]
    if more:
        return ", ".join(names) + etal
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + _last_joint(names_part, style) + names[-1]


_V_SPLIT_RE = re.compile(r",\s?(?:and\s|&\s)?|\s(?:and|&)\s")
_V_INITIALS_RE = re.compile(r"(?:^|\s)[A-Z]{1,6}(?:-[A-Z]{1,2})?(?:\s(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\.?)?$")
_D_INITIALS_END_RE = re.compile(r"(?<![A-Za-z])(?!Jr\.|Sr\.)[A-Z][a-z]?\.(?=\s*(?:,|&|and\s|…|\.\.\.|$))")


def _names_written(style: str, names: str) -> int:
    """How many names a cited author list (its "et al." cut off) writes: the parsed
    citation may hold more than its text shows (a BibTeX entry's 11 authors written as
    6 and "et al")."""
    if style == "abnt":
        return names.count(";") + 1
    if style == "vancouver":  # each name ends in its initials ("Kerchner GA, Hess, CP": 2)
        return sum(1 for piece in _V_SPLIT_RE.split(names.strip()) if _V_INITIALS_RE.search(piece.strip()))
    return len(_D_INITIALS_END_RE.findall(names.strip()))


def _last_joint(cited: str, style: str) -> str:
    """What the cited list writes before its last name: ", & ", " & ", ", and ", " and "
    or a bare ", " ("Zanos, P., Moaddel, R."); the style's own (APA ", & ", Vancouver
    ", ") when the cited list names one author."""
    m = re.search(r"(,?)\s(&|and)\s", cited)
    if m:
        return f"{m.group(1)} {m.group(2)} "
    if style == "vancouver" or re.search(r"\.,\s", cited):
        return ", "
    return ", & "


def _with_published_authors(text: str, citation: Citation, work: Work) -> str | None:
    """``text`` with its author list replaced by the work's, in the same style; None when
    the list is in a form not rewritten here."""
    if not work.authors:
        return None
    abnt = _ABNT_RE.match(text)
    if abnt:
        end, style = abnt.end(), "abnt"
    else:
        found = author_list_end(text)
        if found is None:
            return None
        end, style = found
    cited = text[:end]
    count = len(citation.authors)
    authors = _authors_as(style, work.authors, cited, count)
    if text[end - 1] == "." and not authors.endswith("."):  # the cited list's "et al." held the stop
        authors += "."
    return authors + text[end:]


def _journal_as_written(name: str) -> str:
    """A journal's name as an editor writes it: without the " : subtitle" ("The Plant Journal :
    for Cell and Molecular Biology") or the place ("Pain Medicine (Malden, Mass.)") Crossref appends."""
    return " ".join(strip_qualifiers(name).split()) or name


_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def _cased_as(cited: str, found: str) -> str:
    """The published title in the case of the cited one: a title cited in sentence case ("Association
    of parkland proximity with …") gets Crossref's title case ("… of Parkland Proximity with …") as
    the cited title writes those words.  A word the cited title lacks keeps its capital: it may be
    a name."""
    cited_words = _WORD_RE.findall(cited)
    if len(cited_words) < 4 or not _sentence_cased(cited_words) or _sentence_cased(_WORD_RE.findall(found)):
        return found
    lower = {w for w in cited_words if w.islower()}
    return _WORD_RE.sub(lambda m: m.group().lower() if m.start() > 0 and m.group().lower() in lower
                        and m.group()[1:].islower() else m.group(), found)


def _sentence_cased(words: list[str]) -> bool:
    """True when no more than a quarter of the words after the first open with a capital (a name,
    an initialism, a subtitle's first word)."""
    rest = words[1:]
    return bool(rest) and sum(w[0].isupper() for w in rest) <= len(rest) / 4


def _pages_like(cited: str, found: str) -> str:
    """The published range written as the cited one was: abbreviated ("1123-33", NLM's
    "1023-33") when it was, in full when it was."""
    c = re.fullmatch(rf"(\d+)\s*[{_DASHES}]\s*(\d+)", cited.strip())
    f = re.fullmatch(rf"(\d+)([{_DASHES}])(\d+)", found.strip())
    if c is None or f is None:
        return found
    first, dash, last = f.groups()
    if len(last) < len(first):  # the record's own range is abbreviated: write it out first
        last = first[: len(first) - len(last)] + last
    c_first, c_last = c.groups()
    if len(c_last) >= len(c_first) or len(last) != len(first) or int(last) <= int(first):
        return f"{first}{dash}{last}"
    keep = _digits_needed(first, last)
    # A citation that kept more digits than it had to ("1087-89", not NLM's "1087-9") keeps as many.
    c_full = c_first[: len(c_first) - len(c_last)] + c_last
    if len(c_last) > _digits_needed(c_first, c_full):
        keep = max(keep, len(c_last))
    return f"{first}{dash}{last[-keep:]}"


def _digits_needed(first: str, last: str) -> int:
    """The fewest last digits of ``last`` that tell it from ``first`` (NLM: 1023-1033 -> 1023-33)."""
    return max(1, len(last) - len(os.path.commonprefix([first, last])))


# The links PubMed Central prints after each entry ("[DOI] [PubMed] [Google Scholar]"), copied with it
# onto a clinic's page, and the addresses behind them: no part of a reference to paste back (trial 33).
_PORTAL_LABEL_RE = re.compile(rf"\s*\[(?:DOI|{PORTAL_LABELS})\]")
_PORTAL_URL_RE = re.compile(r"\s*https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/(?:pubmed|pmc)|"
                            r"pmc\.ncbi\.nlm\.nih\.gov|scholar\.google\.[a-z.]+)/\S*", re.IGNORECASE)


def _without_portal_links(text: str) -> str:
    """An entry without the portal links PubMed Central prints after it, when it carries them."""
    if not _PORTAL_LABEL_RE.search(text):
        return text
    return _PORTAL_URL_RE.sub("", _PORTAL_LABEL_RE.sub("", text)).strip()


def corrected_reference(result: CheckResult) -> str | None:
    """The citation rewritten with the published values, or None when nothing is wrong."""
    work = result.match
    wrong = [f for f in result.fields if f.status is FieldStatus.MISMATCH]
    if work is None or not wrong or result.citation.kind == "link" or title_only(result.fields) \
            or details_of_another_said(result.reason):
        # (A link's text is a sentence of the article, not a reference to rewrite; a real title on
        # details none of which are its work's, or on another work's, is no typo: which work is
        # meant is the editor's call.)
        return None
    # A year within the tolerance is not wrong, but the corrected reference gives the published one.
    off_by_one = [f for f in result.fields if year_off_by_one(f)]
    text = _without_portal_links(result.citation.text)
    for f in wrong + off_by_one:
        if f.name == "authors":
            new = _with_published_authors(text, result.citation, work)
            if new is None:
                return plain_reference(work)
            text = new
            continue
        cited, found = f.cited, f.found
        if f.name == "title" and work.subtitle:
            found = f"{work.title}: {work.subtitle}"
        if f.name == "title" and cited and found:
            found = _cased_as(str(cited), str(found))
        if cited in (None, "") or found in (None, ""):
            return plain_reference(work)
        if f.name == "journal":
            # The abbreviation for a cited name much shorter than the name as written (not as Crossref
            # gives it: "The Journal of Asthma : Official Journal of the Association for …").
            written = _journal_as_written(work.journal) if work.journal else ""
            found = work.short_journal[0] if work.short_journal and len(str(cited)) < len(written) * 0.6 \
                else written or found
        if f.name == "pages":
            found = _pages_like(str(cited), str(found))
        new = _replace_once(text, str(cited), str(found))
        if new is None:
            return plain_reference(work)
        text = new
    if work.doi.lower() not in text.lower():
        text = text.rstrip() + f" https://doi.org/{work.doi}"
    return text
