"""Reference lists without an article: BibTeX (bibtexparser) and RIS (rispy).

Each record is a Citation whose fields are taken straight from the record
(no parsing of free text), and whose ``text`` is the record rendered as one
reference string, for the search query and the report.  ``line`` is where the
record starts in the file.
"""

from __future__ import annotations

import re
import warnings

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import find_doi, normalise_doi
from citecheck.extract.text import decode
from citecheck.models import Author, Citation, Extraction

_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_PMID_RE = re.compile(r"\b(\d{1,9})\b")
_SPACES_RE = re.compile(r"\s+")


def _clean(value) -> str | None:
    if value is None:
        return None
    text = _SPACES_RE.sub(" ", str(value)).strip().strip("{}").strip()
    return text or None


def _year(value) -> int | None:
    m = _YEAR_RE.search(str(value or ""))
    return int(m.group(1)) if m else None


def _pages(first, last=None) -> str | None:
    first, last = _clean(first), _clean(last)
    if first and not last:
        return re.sub(r"\s*[-–—]+\s*", "-", first)
    if first and last:
        return f"{first}-{last}"
    return None


def _author(name: str) -> Author | None:
    """"Smith, John A." / "John A. Smith" / "Smith JA" -> Author."""
    name = _SPACES_RE.sub(" ", name).strip().strip("{}").strip()
    if not name:
        return None
    if "," in name:
        surname, given = name.split(",", 1)
        if re.fullmatch(r"\s*(?:Jr|Sr|II|III|IV)\.?\s*", given) and "," in given:
            given = given.split(",", 1)[1]
    elif re.fullmatch(r".+\s[A-Z]{1,4}", name):  # "Smith JA"
        surname, given = name.rsplit(" ", 1)
        return Author(surname.strip("{} "), given)
    elif " " in name:
        # "John A. Smith"; particles stay with the surname ("Ludwig van Beethoven").
        words = name.split()
        cut = len(words) - 1
        while cut > 1 and words[cut - 1][:1].islower():
            cut -= 1
        surname, given = " ".join(words[cut:]), " ".join(words[:cut])
    else:
        surname, given = name, ""
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", given) if w[0].isupper())
    return Author(surname.strip("{} "), initials)


def render_entry(authors: tuple[Author, ...], year, title, journal, volume, issue, pages, doi) -> str:
    """A record as one reference string (Vancouver-like), for search and display."""
    parts = []
    if authors:
        parts.append(", ".join(f"{a.surname} {a.initials}".strip() for a in authors[:6])
                     + (" et al" if len(authors) > 6 else "") + ".")
    if title:
        parts.append(title.rstrip(".") + ".")
    tail = ""
    if journal:
        tail += journal.rstrip(".") + ". "
    if year:
        tail += str(year)
    if volume:
        tail += f";{volume}"
        if issue:
            tail += f"({issue})"
    if pages:
        tail += f":{pages}"
    if tail.strip():
        parts.append(tail.strip() + ".")
    if doi:
        parts.append(f"doi:{doi}")
    return " ".join(parts)


# --- BibTeX ----------------------------------------------------------------

def _latex_to_text(value: str) -> str:
    if "\\" not in value and "{" not in value:
        return value
    try:
        from pylatexenc.latex2text import LatexNodes2Text

        return LatexNodes2Text(math_mode="verbatim").latex_to_text(value)
    except Exception:  # a LaTeX oddity: keep the raw value, braces removed
        return value.replace("{", "").replace("}", "")


class BibtexExtractor(Extractor):
    """BibTeX (.bib): every entry of the file is a citation."""

    name = "bibtex"

    def extract(self, data: bytes) -> Extraction:
        """One Citation per BibTeX entry; ``line`` is the line of its "@type{"."""
        try:
            import bibtexparser
        except ImportError:  # pragma: no cover - a packaging fault, said plainly
            raise ExtractError("reading BibTeX needs bibtexparser (pip install bibtexparser)") from None
        text = decode(data)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                library = bibtexparser.parse_string(text)
        except Exception as exc:
            raise ExtractError(f"unreadable BibTeX ({type(exc).__name__}: {str(exc)[:120]})") from None
        citations = []
        for entry in library.entries:
            fields = {k.lower(): _latex_to_text(str(f.value)) for k, f in entry.fields_dict.items()}
            citations.append(self._citation(entry.start_line + 1, entry.entry_type.lower(), fields))
        if not citations and library.failed_blocks:
            raise ExtractError(f"unreadable BibTeX: {len(library.failed_blocks)} entries could not be parsed")
        return Extraction(citations=tuple(citations), format=self.name)

    @staticmethod
    def _citation(line: int, kind: str, f: dict[str, str]) -> Citation:
        names = re.split(r"\s+and\s+", f.get("author") or f.get("editor") or "")
        authors = tuple(a for a in (_author(n) for n in names if n.strip().lower() != "others") if a)
        et_al = bool(re.search(r"\band\s+others\b", f.get("author") or ""))
        title = _clean(f.get("title"))
        journal = _clean(f.get("journal") or f.get("journaltitle")
                         or (f.get("booktitle") if kind in ("inproceedings", "incollection", "conference") else None))
        year = _year(f.get("year") or f.get("date"))
        volume, issue = _clean(f.get("volume")), _clean(f.get("number") or f.get("issue"))
        pages = _pages(f.get("pages"))
        doi = f.get("doi")
        doi = normalise_doi(doi) if doi else find_doi(f.get("url") or "")
        pmid = _clean(f.get("pmid"))
        url = _clean(f.get("url"))
        text = render_entry(authors, year, title, journal, volume, issue, pages, doi)
        return Citation(text=text, line=line, authors=authors, et_al=et_al, year=year, title=title,
                        journal=journal, volume=volume, issue=issue, pages=pages, doi=doi, pmid=pmid, url=url)


# --- RIS -------------------------------------------------------------------

_RIS_START_RE = re.compile(r"^TY  - ", re.MULTILINE)


class RisExtractor(Extractor):
    """RIS (.ris), as reference managers and PubMed export it."""

    name = "ris"

    def extract(self, data: bytes) -> Extraction:
        """One Citation per RIS record; ``line`` is the line of its "TY  -"."""
        try:
            import rispy
        except ImportError:  # pragma: no cover - a packaging fault, said plainly
            raise ExtractError("reading RIS needs rispy (pip install rispy)") from None
        text = decode(data)
        starts = [text.count("\n", 0, m.start()) + 1 for m in _RIS_START_RE.finditer(text)]
        try:
            records = rispy.loads(text, skip_unknown_tags=True)
        except Exception as exc:
            raise ExtractError(f"unreadable RIS ({type(exc).__name__}: {str(exc)[:120]})") from None
        citations = []
        for i, r in enumerate(records):
            line = starts[i] if i < len(starts) else 1
            citations.append(self._citation(line, r))
        return Extraction(citations=tuple(citations), format=self.name)

    @staticmethod
    def _citation(line: int, r: dict) -> Citation:
        names = list(r.get("authors") or []) + list(r.get("first_authors") or [])
        authors = tuple(a for a in (_author(n) for n in names) if a)
        title = _clean(r.get("title") or r.get("primary_title"))
        journal = _clean(r.get("secondary_title") or r.get("journal_name") or r.get("alternate_title3")
                         or r.get("alternate_title2") or r.get("alternate_title1"))
        if (r.get("type_of_reference") or "").upper() in ("BOOK", "ELEC", "WEB", "RPRT", "THES"):
            journal = None
        year = _year(r.get("year") or r.get("publication_year") or r.get("date"))
        volume, issue = _clean(r.get("volume")), _clean(r.get("number") or r.get("issue"))
        pages = _pages(r.get("start_page"), r.get("end_page"))
        doi = r.get("doi")
        doi = normalise_doi(str(doi)) if doi else None
        urls = r.get("urls") or []
        if not doi:
            doi = next((d for d in (find_doi(u) for u in urls) if d), None)
        pmid = None
        for key in ("accession_number", "pubmed_id", "id"):
            value = r.get(key)
            if value and re.fullmatch(r"\s*\d{1,9}\s*", str(value)):
                pmid = str(value).strip()
                break
        text = render_entry(authors, year, title, journal, volume, issue, pages, doi)
        return Citation(text=text, line=line, authors=authors, year=year, title=title, journal=journal,
                        volume=volume, issue=issue, pages=pages, doi=doi, pmid=pmid,
                        url=urls[0] if urls else None)
