"""PubMed's MEDLINE format (.nbib, or .txt from "Save → Format: PubMed"): a reference list
without an article, as PubMed's "Send to → Citation manager" exports it.

Each record opens with a ``PMID- `` line; a field is a tag of up to four letters padded to
four, ``- `` and its value, which runs on over lines indented by six spaces::

    PMID- 31978945
    TI  - A Novel Coronavirus from Patients with Pneumonia in China, 2019.
    AU  - Zhu N
    DP  - 2020 Feb 20
    TA  - N Engl J Med
    VI  - 382
    IP  - 8
    PG  - 727-733
    LID - 10.1056/NEJMoa2001017 [doi]
"""

from __future__ import annotations

import re

from citecheck.extract.bib import ARTICLE, BOOK, CHAPTER, _author, _clean, _pages, _record, _year, unread_records
from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import normalise_doi
from citecheck.extract.text import decode
from citecheck.models import Author, Citation, Extraction, Notice

_FIELD_RE = re.compile(r"^([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*)$")
_CONTINUED = "      "  # a value's next line
#: tags whose value is an identifier with its kind after it: "10.1056/NEJMoa2001017 [doi]"
_ID_TAGS = ("LID", "AID")
_ID_RE = re.compile(r"^(\S+)\s*\[(\w+)\]")
# A translated title: "[Vitamin D in the elderly]." (the title in its own language is in TT).
_BRACKETED_TITLE_RE = re.compile(r"^\[(.+)\]\.?$")
#: the year of the retraction notice a RIN field names ("Lancet. 2010 Feb 6;375(9713):445.")
_RIN_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


class MedlineExtractor(Extractor):
    """PubMed's MEDLINE records: every record is a citation, located at its ``PMID-`` line."""

    name = "medline"

    def extract(self, data: bytes) -> Extraction:
        text = decode(data)
        records: list[tuple[int, dict[str, list[list[str]]]]] = []  # each value as its lines
        unread: list[int] = []
        current: dict[str, list[list[str]]] | None = None
        last_tag = None
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                current, last_tag = None, None  # a blank line ends a record
                continue
            if line.startswith(_CONTINUED) and current is not None and last_tag:
                current[last_tag][-1].append(line.strip())  # joined below: no string rebuilt per line
                continue
            m = _FIELD_RE.match(line)
            if m is None:
                if current is not None:
                    unread.append(number)
                continue
            tag, value = m.group(1), m.group(2).strip()
            if tag == "PMID" or current is None:
                current = {}
                records.append((number, current))
            current.setdefault(tag, []).append([value])
            last_tag = tag
        if not records:
            raise ExtractError('no MEDLINE record in it (each opens with a "PMID- " line)')
        citations = tuple(_citation(line, {tag: [" ".join(value) for value in values]
                                           for tag, values in fields.items()}) for line, fields in records)
        problems = ()
        if unread:
            problems = (unread_records(unread, "line", "lines", 'not a "TAG - value" field', kept=True),)
        return Extraction(citations=citations, format=self.name, problems=problems)


def _citation(line: int, fields: dict[str, list[str]]) -> Citation:
    """The Citation of one record, its fields by tag (each value whole)."""
    def one(tag: str) -> str | None:
        values = fields.get(tag)
        return _clean(values[0]) if values else None

    title = one("TI")
    book_title = one("BTI")
    if title and (m := _BRACKETED_TITLE_RE.match(title)):
        title = m.group(1)
    title = title.rstrip(".") if title else None
    journal = one("TA") or one("JT")  # NLM's abbreviation, as Vancouver lists cite it
    kind = ARTICLE if journal else (CHAPTER if title and book_title else BOOK)
    if kind == BOOK:
        title = title or (book_title.rstrip(".") if book_title else None)
    authors = tuple(a for a in (_author(n) for n in fields.get("AU", [])) if a)  # "Zhu N": surname, initials
    authors += tuple(Author(name, "") for name in fields.get("CN", []) if name)  # a group author
    doi = None
    for tag in _ID_TAGS:
        for value in fields.get(tag, []):
            m = _ID_RE.match(value)
            if m and m.group(2).lower() == "doi" and doi is None:
                doi = normalise_doi(m.group(1))
    pmid = one("PMID")
    notices = ()
    if "RIN" in fields or "Retracted Publication" in fields.get("PT", ()):
        # "RIN - Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807": PubMed's "Retraction in" note.
        where = one("RIN") or ""
        year = _RIN_YEAR_RE.search(where)
        notices = (Notice("retraction", None, year.group(0) if year else None, "entry"),)
    return _record(line, kind, authors=authors, year=_year(one("DP")), title=title,
                   container=journal if kind == ARTICLE else book_title, volume=one("VI"), issue=one("IP"),
                   pages=_pages(one("PG")), doi=doi, pmid=pmid if pmid and pmid.isdigit() else None,
                   url=None, publisher=one("PB"), notices=notices)
