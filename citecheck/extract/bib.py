"""Reference lists without an article: BibTeX (bibtexparser), RIS (rispy) and CSL-JSON.

Each record is a Citation whose fields are taken straight from the record
(no parsing of free text), and whose ``text`` is the record rendered as one
reference string, for the search query and the report.  ``line`` is where the
record starts in the file.

The record's type decides what the fields mean.  An article's container is its
journal.  A chapter's or a conference paper's container is a book (or a
proceedings volume), not a journal, and a book, thesis, report or web page has
none: without a DOI such a record keeps no journal, volume or pages, so that it
is looked up by its title and, when Crossref has no match, ``skipped`` as a book
or report (see ``citecheck.matching.verdict.looks_like_book``), as the same
entry written out in an article's reference list is.  With a DOI it is looked
up by the DOI like any other record.
"""

from __future__ import annotations

import json
import logging
import re
import warnings

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import ORGANISATION_WORD_RE, find_doi, normalise_doi
from citecheck.extract.text import decode
from citecheck.models import Author, Citation, Extraction, Notice

_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_SPACES_RE = re.compile(r"\s+")
_URL_RE = re.compile(r"https?://[^\s<>{}\"]+")

#: what a record is, for what its container, numbers and link mean: an article in a periodical; a
#: chapter or conference paper in a book; a book, thesis or report; anything else (a web page, data)
ARTICLE, CHAPTER, BOOK, OTHER = "article", "chapter", "book", "other"


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


def _initials(given: str) -> str:
    """ "John A." -> "JA"; "HH" (initials run together, as Vancouver writes them) -> "HH"."""
    out = ""
    for word in re.findall(r"[^\W\d_]+", given):
        if word[0].isupper():
            out += word if len(word) <= 3 and word.isupper() else word[0]
    return out


def _author(name: str, group: bool = False) -> Author | None:
    """"Smith, John A." / "John A. Smith" / "Smith JA" -> Author.

    An organisation (``group``, or a name with no comma that holds a word such as
    "Organization" or "Institute") is one author: the whole name as the surname and
    no initials, as the reference-list parser keeps a group author.
    """
    name = _SPACES_RE.sub(" ", name).strip().strip("{}").strip()
    if not name:
        return None
    if group or ("," not in name and ORGANISATION_WORD_RE.search(name)):
        return Author(name, "")
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
    return Author(surname.strip("{} "), _initials(given))


def render_entry(authors: tuple[Author, ...], year, title, container, volume, issue, pages, doi,
                 kind: str = ARTICLE, publisher: str | None = None) -> str:
    """A record as one reference string (Vancouver-like), for search and display.

    An article reads "<journal>. <year>;<volume>(<issue>):<pages>." (its container is its
    journal), a chapter "In: <book>. <publisher>; <year>. p. <pages>.", a book or report
    "<publisher>; <year>.".
    """
    parts = []
    if authors:
        parts.append(", ".join(f"{a.surname} {a.initials}".strip() for a in authors[:6])
                     + (" et al" if len(authors) > 6 else "") + ".")
    if title:
        parts.append(title.rstrip(".") + ".")
    if kind == ARTICLE:
        tail = ""
        if container:
            tail += container.rstrip(".") + ". "
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
    else:
        if kind == CHAPTER and container:
            parts.append(f"In: {container.rstrip('.')}.")
        published = "; ".join(str(p) for p in (publisher, year) if p)
        if published:
            parts.append(published + ".")
        if pages:
            parts.append(f"p. {pages}.")
    if doi:
        parts.append(f"doi:{doi}")
    return " ".join(parts)


def _record(line: int, kind: str, *, authors: tuple[Author, ...], et_al: bool = False, year: int | None,
            title: str | None, container: str | None, volume: str | None, issue: str | None, pages: str | None,
            doi: str | None, pmid: str | None, url: str | None, publisher: str | None = None,
            notices: tuple[Notice, ...] = ()) -> Citation:
    """The Citation of one record of type ``kind`` (ARTICLE, CHAPTER, BOOK or OTHER).

    A chapter's, book's or report's link is the publisher's page for it, not what is cited:
    it is dropped (once its DOI, if any, is taken), so that the record is looked up by its
    title and reported as a book when Crossref has no match, not excused as "a web page".
    ``notices``: those the record itself gives of the work (MEDLINE's "Retraction in" field).
    """
    text = render_entry(authors, year, title, container, volume, issue, pages, doi, kind=kind, publisher=publisher)
    journal = container if kind == ARTICLE else None
    if kind in (CHAPTER, BOOK):
        # Nor does a PubMed ID make it an article here: PubMed lists Bookshelf chapters
        # (StatPearls, GeneReviews) too, which Crossref does not hold.
        url = pmid = None
    if kind != ARTICLE:
        issue = None  # a report's number ("NG136") or a book's edition, not a journal issue
        if not doi:
            # Looked up by title; no match is `skipped` as a book or report, not `not_found`.
            volume = pages = None
    return Citation(text=text, line=line, authors=authors, et_al=et_al, year=year, title=title, journal=journal,
                    volume=volume, issue=issue, pages=pages, doi=doi, pmid=pmid, url=url, notices=notices)


# --- BibTeX ----------------------------------------------------------------

#: entry types whose container (booktitle) is a book or a proceedings volume
_BIBTEX_CHAPTERS = frozenset({"incollection", "inbook", "inproceedings", "conference", "inreference",
                              "bookinbook", "suppbook", "suppcollection"})
#: entry types that are journal articles (any entry with a journal field is one too)
_BIBTEX_ARTICLES = frozenset({"article", "suppperiodical"})
#: books, theses and reports (@misc, @online, @unpublished ... are OTHER: often a web page)
_BIBTEX_BOOKS = frozenset({"book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings",
                           "reference", "mvreference", "phdthesis", "mastersthesis", "thesis", "techreport",
                           "report", "booklet", "manual", "periodical"})
#: entry types a web page is exported as
_BIBTEX_WEB = frozenset({"misc", "online", "electronic", "www", "webpage"})
_NAME_SPLIT_RE = re.compile(r"\{|\}|\s+and\s+")


def _latex_to_text(value: str) -> str:
    if "\\" not in value and "{" not in value:
        return value
    try:
        from pylatexenc.latex2text import LatexNodes2Text

        return LatexNodes2Text(math_mode="verbatim").latex_to_text(value)
    except Exception:  # a LaTeX oddity: keep the raw value, braces removed
        return value.replace("{", "").replace("}", "")


def _bibtex_names(raw: str) -> list[tuple[str, bool]]:
    """A BibTeX name list as (name, is_group) pairs.

    Names are split on "and" outside braces only, and a name wholly in braces
    ("{World Health Organization}", "{National Institute for Health and Care
    Excellence}") is one group author, as BibTeX itself reads it.
    """
    names, depth, start = [], 0, 0
    for m in _NAME_SPLIT_RE.finditer(raw):
        token = m.group()
        if token == "{":
            depth += 1
        elif token == "}":
            depth = max(0, depth - 1)
        elif depth == 0:
            names.append(raw[start:m.start()])
            start = m.end()
    names.append(raw[start:])
    return [(name.strip(), _wholly_braced(name.strip())) for name in names if name.strip()]


def _wholly_braced(name: str) -> bool:
    if not name.startswith("{"):
        return False
    depth = 0
    for i, ch in enumerate(name):
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return i == len(name) - 1
    return False


def _bibtex_authors(raw: str) -> tuple[tuple[Author, ...], bool]:
    """The authors of a raw BibTeX author field, and whether it ends "and others"."""
    names = _bibtex_names(raw)
    et_al = any(n.lower() == "others" for n, _ in names)
    names = [(n, g) for n, g in names if n.lower() != "others"]
    plain = _latex_to_text(raw)
    if len(names) > 1 and not any(g for _, g in names) and "," not in plain and ORGANISATION_WORD_RE.search(plain):
        # One organisation written without its braces, "and" included
        # ("Centers for Disease Control and Prevention"), as the reference-list parser reads it.
        author = _author(plain, group=True)
        return ((author,) if author else ()), et_al
    authors = []
    for name, group in names:
        author = _author(_latex_to_text(name[1:-1] if group else name), group=group)
        if author:
            authors.append(author)
    return tuple(authors), et_al


def _unenclosed(value: str, strings: dict[str, str]) -> str:
    """A raw field value as the parser's middleware leaves it: no enclosing braces or
    quotes, and a @string macro resolved (for the records bibtexparser set aside)."""
    value = value.strip()
    if len(value) >= 2 and ((value[0] == "{" and value[-1] == "}") or (value[0] == '"' and value[-1] == '"')):
        return value[1:-1]
    return strings.get(value.lower(), value)


def _quiet_bibtexparser() -> None:
    """bibtexparser logs each block it cannot parse to stderr; citecheck says it once, in its own words."""
    log = logging.getLogger("bibtexparser")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
    log.propagate = False


def unread_records(lines: list[int], one: str, many: str, why: str, *, kept: bool) -> str:
    """The one sentence naming the records of a reference file that could not be read, by line:
    "2 BibTeX entries could not be read (lines 14, 40: a brace or quote is not closed) ...".

    ``kept``: the file's other records were read and are checked, so this is a problem of a
    partial read (Extraction.problems, the run incomplete); else the whole file is unread
    (the ExtractError's message)."""
    lines = sorted(lines)
    shown = ", ".join(str(n) for n in lines[:5]) + (", ..." if len(lines) > 5 else "")
    plural = len(lines) > 1
    head = (f"{len(lines)} {many if plural else one} could not be read "
            f"(line{'s' if plural else ''} {shown}: {why})")
    if kept:
        return (f"{head} and {'were' if plural else 'was'} not checked; "
                f"fix {'them' if plural else 'it'} and check the file again")
    return f"{head}; fix {'them' if plural else 'it'} to check this file"


def _abort_hint(blocks) -> str:
    reasons = [str(getattr(getattr(b, "error", None), "abort_reason", "") or "") for b in blocks]
    if reasons and all("closing" in r or "Was still looking" in r or not r for r in reasons):
        return "a brace or quote is not closed"
    return "a syntax error"


class BibtexExtractor(Extractor):
    """BibTeX (.bib): every entry of the file is a citation."""

    name = "bibtex"

    def extract(self, data: bytes) -> Extraction:
        """One Citation per BibTeX entry; ``line`` is the line of its "@type{".

        An entry the parser had to abandon (an unclosed brace, a missing comma) is named
        by its line in the Extraction's ``problems``, and the entries that could be read
        are checked: a reference silently left out would let a run pass without checking
        it, and a whole file left unread would let an invented reference among the rest
        pass unseen until the file is mended.  When no entry can be read the file is an
        ExtractError.  Entries set aside only for a duplicate key or field are read and
        checked.
        """
        try:
            import bibtexparser
            from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry
        except ImportError:  # pragma: no cover - a packaging fault, said plainly
            raise ExtractError("reading BibTeX needs bibtexparser (pip install bibtexparser)") from None
        text = decode(data)
        _quiet_bibtexparser()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                library = bibtexparser.parse_string(text)
        except Exception as exc:
            raise ExtractError(f"unreadable BibTeX ({type(exc).__name__}: {str(exc)[:120]})") from None
        broken, records = [], []
        strings = {k.lower(): str(v.value) for k, v in getattr(library, "strings_dict", {}).items()}
        for entry in library.entries:
            records.append((entry, False))
        for block in library.failed_blocks:
            kept = getattr(block, "ignore_error_block", None)
            if isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)) and isinstance(kept, Entry):
                records.append((kept, True))
            else:
                broken.append(block)
        problems = ()
        if broken:
            said = unread_records([b.start_line + 1 for b in broken], "BibTeX entry", "BibTeX entries",
                                  _abort_hint(broken), kept=bool(records))
            if not records:
                raise ExtractError(said)
            problems = (said,)
        citations = []
        for entry, raw in sorted(records, key=lambda r: r[0].start_line):
            values = {k.lower(): (_unenclosed(str(f.value), strings) if raw else str(f.value))
                      for k, f in entry.fields_dict.items()}
            citations.append(self._citation(entry.start_line + 1, entry.entry_type.lower(), values))
        return Extraction(citations=tuple(citations), format=self.name, problems=problems)

    @staticmethod
    def _citation(line: int, kind: str, raw: dict[str, str]) -> Citation:
        f = {k: _latex_to_text(v) for k, v in raw.items()}
        journal = _clean(f.get("journal") or f.get("journaltitle"))
        if journal and kind in _BIBTEX_WEB and f.get("url") and not any(
                f.get(k) for k in ("volume", "number", "issue", "pages", "doi")):
            journal = None  # a web page's site, which Zotero writes as its "journal" ("World Health Organization")
        category = (ARTICLE if journal or kind in _BIBTEX_ARTICLES
                    else CHAPTER if kind in _BIBTEX_CHAPTERS else BOOK if kind in _BIBTEX_BOOKS else OTHER)
        names = raw.get("author") or ("" if category == CHAPTER else raw.get("editor")) or ""
        authors, et_al = _bibtex_authors(names)
        title = _clean(f.get("title"))
        container = journal if category == ARTICLE else _clean(f.get("booktitle") or f.get("maintitle"))
        year = _year(f.get("year") or f.get("date"))
        volume, issue = _clean(f.get("volume")), _clean(f.get("number") or f.get("issue"))
        pages = _pages(f.get("pages"))
        url = _clean(f.get("url"))
        if not url:
            m = _URL_RE.search(raw.get("howpublished") or "")
            url = m.group().rstrip(".,;") if m else None
        doi = f.get("doi")
        doi = normalise_doi(doi) if doi else find_doi(url or "")
        pmid = _clean(f.get("pmid"))
        publisher = _clean(f.get("publisher") or f.get("institution") or f.get("school")
                           or f.get("organization"))
        return _record(line, category, authors=authors, et_al=et_al, year=year, title=title, container=container,
                       volume=volume, issue=issue, pages=pages, doi=doi, pmid=pmid, url=url, publisher=publisher)


# --- RIS -------------------------------------------------------------------

_RIS_START_RE = re.compile(r"^TY  - ", re.MULTILINE)
#: a record's end tag, as rispy reads one ("ER  -", with or without the space after it)
_RIS_END_RE = re.compile(r"^ER  -", re.MULTILINE)
#: RIS types whose secondary title (T2) is a book or a proceedings volume
_RIS_CHAPTERS = frozenset({"CHAP", "ECHAP", "CONF", "CPAPER", "ENCYC", "DICT"})
#: RIS books, theses and reports
_RIS_BOOKS = frozenset({"BOOK", "EBOOK", "EDBOOK", "RPRT", "THES", "GOVDOC", "STAND", "PAMP", "SER"})
#: other RIS types with no journal: web pages, data, documents ... (the remaining types are articles)
_RIS_OTHERS = frozenset({"ELEC", "WEB", "BLOG", "GEN", "PAT", "DATA", "DBASE", "COMP", "MANSCPT", "UNPB",
                         "SLIDE", "VIDEO", "MPCT", "SOUND", "ADVS", "ART", "MAP", "CHART", "MUSIC", "HEAR",
                         "BILL", "STAT", "CASE", "LEGAL", "ICOMM", "PCOMM", "CTLG", "AGGR", "MULTI"})


class RisExtractor(Extractor):
    """RIS (.ris), as reference managers and PubMed export it."""

    name = "ris"

    def extract(self, data: bytes) -> Extraction:
        """One Citation per RIS record; ``line`` is the line of its "TY  -".

        Each record, from its "TY  -" line to the next, is read on its own.  rispy reads a
        record with no "ER  -" line into the next one (its authors added to the other's)
        and drops one at the end of the file, silently; such a record is named by its line
        in the Extraction's ``problems`` instead, and the other records are checked (as a
        BibTeX entry that cannot be parsed is).  When no record can be read the file is an
        ExtractError.
        """
        try:
            import rispy
        except ImportError:  # pragma: no cover - a packaging fault, said plainly
            raise ExtractError("reading RIS needs rispy (pip install rispy)") from None
        text = decode(data)
        starts = [m.start() for m in _RIS_START_RE.finditer(text)]
        if not starts:
            # No record as RIS writes one; whatever rispy makes of it (usually nothing).
            try:
                records = rispy.loads(text, skip_unknown_tags=True)
            except Exception as exc:
                raise ExtractError(f"unreadable RIS ({type(exc).__name__}: {str(exc)[:120]})") from None
            return Extraction(citations=tuple(self._citation(1, r) for r in records), format=self.name)
        citations, unended, failed = [], [], []
        line, at = 1, 0
        for start, end in zip(starts, starts[1:] + [len(text)]):
            line += text.count("\n", at, start)
            at = start
            chunk = text[start:end]
            if not _RIS_END_RE.search(chunk):
                unended.append(line)
                continue
            try:
                records = rispy.loads(chunk, skip_unknown_tags=True)
            except Exception:  # noqa: BLE001 - one record's fault, named by its line below
                failed.append(line)
                continue
            citations.extend(self._citation(line, r) for r in records)
        problems = ()
        if unended or failed:
            why = "a syntax error" if failed else 'no closing "ER  -" line'
            said = unread_records(unended + failed, "RIS record", "RIS records", why, kept=bool(citations))
            if not citations:
                raise ExtractError(said)
            problems = (said,)
        return Extraction(citations=tuple(citations), format=self.name, problems=problems)

    @staticmethod
    def _citation(line: int, r: dict) -> Citation:
        kind = (r.get("type_of_reference") or "").upper()
        category = (CHAPTER if kind in _RIS_CHAPTERS else BOOK if kind in _RIS_BOOKS
                    else OTHER if kind in _RIS_OTHERS else ARTICLE)
        names = list(r.get("authors") or []) + list(r.get("first_authors") or [])
        if not names and category == BOOK:
            names = list(r.get("secondary_authors") or [])  # an edited book's editors
        authors = tuple(a for a in (_author(n) for n in names) if a)
        title = _clean(r.get("title") or r.get("primary_title"))
        container = _clean(r.get("secondary_title") or r.get("journal_name") or r.get("alternate_title3")
                           or r.get("alternate_title2") or r.get("alternate_title1"))
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
        return _record(line, category, authors=authors, year=year, title=title, container=container,
                       volume=volume, issue=issue, pages=pages, doi=doi, pmid=pmid,
                       url=urls[0] if urls else None, publisher=_clean(r.get("publisher")))


# --- CSL-JSON --------------------------------------------------------------

#: CSL types that are articles in a periodical
_CSL_ARTICLES = frozenset({"article-journal", "article", "article-magazine", "article-newspaper", "review",
                           "review-book"})
#: CSL types whose container-title is a book or a proceedings volume
_CSL_CHAPTERS = frozenset({"chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"})
#: CSL books, theses and reports
_CSL_BOOKS = frozenset({"book", "thesis", "report", "standard", "pamphlet", "classic", "periodical"})
#: keys of which a CSL item has at least one (besides "type")
#: keys of which a CSL item has at least one (besides "type"): what makes a mapping a CSL item
CSL_KEYS = ("title", "container-title", "author", "editor", "DOI", "issued")
_TAG_RE = re.compile(r"</?(?:i|b|em|strong|sup|sub|sc|span)\b[^>]*>", re.IGNORECASE)
NOT_CSL_JSON = "not an article: JSON that is not CSL-JSON"


def _first(value):
    """A CSL value, or the first of a list of them (Crossref's CSL gives lists)."""
    if isinstance(value, list):
        value = next((v for v in value if v not in (None, "")), None)
    if isinstance(value, (dict, list)):
        return None
    return value


def _csl_text(value) -> str | None:
    value = _first(value)
    return _clean(_TAG_RE.sub("", str(value))) if value is not None else None


def _csl_name(name) -> Author | None:
    if not isinstance(name, dict):
        return _author(str(name)) if isinstance(name, str) else None
    if name.get("literal"):
        return _author(str(name["literal"]), group=True)  # CSL's name for an organisation
    family = " ".join(str(name[k]).strip() for k in ("non-dropping-particle", "family") if name.get(k))
    if not family:
        return _author(str(name.get("given") or ""))
    return Author(_clean(family) or family, _initials(str(name.get("given") or "")))


def _csl_year(issued) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return _year(parts[0][0])
        return _year(issued.get("raw") or issued.get("literal") or issued.get("season"))
    return _year(_first(issued))


def is_csl_json(value) -> bool:
    """A JSON value that is a CSL-JSON list of items (or one item): objects with a "type"
    and a title, container title, author, DOI or date."""
    items = [value] if isinstance(value, dict) else value
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return False
    return all(isinstance(i.get("type"), str) for i in items) and (
        not items or any(any(k in i for k in CSL_KEYS) for i in items))


#: The share of an array's items that must be CSL items (an object with a "type" and a title, container
#: title, author, DOI or date) for its other items to be taken for damaged ones of a CSL-JSON library.
#: Other JSON (data, an API's answer) rarely holds even one; a library with an item or two mangled by hand
#: holds mostly good ones. Half, so that a library of two items with one damaged is still read.
CSL_ITEMS_MIN_SHARE = 0.5


def _typed(item) -> bool:
    return isinstance(item, dict) and isinstance(item.get("type"), str)


def _damaged_csl_json(value) -> bool:
    """A JSON array that is a CSL-JSON library with some items damaged: not objects, or with
    no "type" (is_csl_json refuses it whole)."""
    if not isinstance(value, list) or not value:
        return False
    good = sum(1 for i in value if _typed(i) and any(k in i for k in CSL_KEYS))
    return good > 0 and good >= CSL_ITEMS_MIN_SHARE * len(value)


def _item_lines(text: str, count: int) -> list[int]:
    """The line each item of a top-level JSON array starts on (the text is valid JSON)."""
    decoder, lines = json.JSONDecoder(), []
    i = text.find("[")
    line, at = 1, 0
    ws = re.compile(r"[\s,]*")
    i = ws.match(text, i + 1).end()
    while len(lines) < count and i < len(text) and text[i] != "]":
        line += text.count("\n", at, i)
        at = i
        lines.append(line)
        _, i = decoder.raw_decode(text, i)
        i = ws.match(text, i).end()
    return lines + [1] * (count - len(lines))


class CslJsonExtractor(Extractor):
    """CSL-JSON (.json), as Zotero, Mendeley and citation.js export it: every item is a citation.

    Any other JSON is refused ("not an article"), never read as an article with no references.
    """

    name = "csl-json"

    def extract(self, data: bytes) -> Extraction:
        """One Citation per item; ``line`` is the line its "{" is on."""
        text = decode(data)
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"unreadable JSON (line {exc.lineno}: {exc.msg})") from None
        except (ValueError, RecursionError):
            raise ExtractError("unreadable JSON") from None
        if is_csl_json(value):
            items = [value] if isinstance(value, dict) else value
            lines = [1] if isinstance(value, dict) else _item_lines(text, len(items))
            return Extraction(citations=tuple(self.citation(line, item) for line, item in zip(lines, items)),
                              format=self.name)
        if not _damaged_csl_json(value):
            raise ExtractError(NOT_CSL_JSON)
        # A library with some items damaged (hand-edited: an item with no "type", a stray null):
        # the others are checked and the damaged ones named, as a BibTeX entry that cannot be parsed is.
        lines = _item_lines(text, len(value))
        kept = [(line, item) for line, item in zip(lines, value) if _typed(item)]
        said = unread_records([line for line, item in zip(lines, value) if not _typed(item)], "CSL-JSON item",
                              "CSL-JSON items", 'not an object with a "type"', kept=True)
        return Extraction(citations=tuple(self.citation(line, item) for line, item in kept), format=self.name,
                          problems=(said,))

    @staticmethod
    def citation(line: int, item: dict) -> Citation:
        """The Citation of one CSL item (a dict, from JSON or YAML) written on ``line``."""
        kind = str(item.get("type") or "").lower()
        category = (ARTICLE if kind in _CSL_ARTICLES else CHAPTER if kind in _CSL_CHAPTERS
                    else BOOK if kind in _CSL_BOOKS else OTHER)
        names = item.get("author") or ([] if category == CHAPTER else item.get("editor")) or []
        authors = tuple(a for a in (_csl_name(n) for n in (names if isinstance(names, list) else [names])) if a)
        container = _csl_text(item.get("container-title")) or _csl_text(item.get("container-title-short")) \
            or _csl_text(item.get("journalAbbreviation"))
        page = _csl_text(item.get("page")) or _csl_text(item.get("page-first"))
        doi = _csl_text(item.get("DOI") or item.get("doi"))
        url = _csl_text(item.get("URL") or item.get("url"))
        doi = normalise_doi(doi) if doi else find_doi(url or "")
        pmid = _csl_text(item.get("PMID") or item.get("pmid"))
        if pmid and not re.fullmatch(r"\d{1,9}", pmid):
            pmid = None
        return _record(line, category, authors=authors, year=_csl_year(item.get("issued")),
                       title=_csl_text(item.get("title")), container=container,
                       volume=_csl_text(item.get("volume")), issue=_csl_text(item.get("issue")),
                       pages=_pages(page), doi=doi, pmid=pmid, url=url,
                       publisher=_csl_text(item.get("publisher")))


# --- CSL-YAML --------------------------------------------------------------

NOT_CSL_YAML = 'not an article: YAML that is not CSL-YAML (a "references" list of items with a title, authors …)'


def csl_yaml_items(data: bytes) -> list[tuple[int, dict]]:
    """(line, item) of each mapping in a CSL-YAML file's "references" list, as Pandoc and
    Quarto write it (or a bare list of items); ExtractError for YAML that holds none."""
    import yaml

    from citecheck.extract.yamlread import YamlUnreadable, read_yaml

    try:
        node, value = read_yaml(decode(data))
    except YamlUnreadable as exc:
        raise ExtractError(f"not valid YAML ({exc})") from None
    if isinstance(value, dict) and isinstance(node, yaml.MappingNode):
        value = value.get("references")
        node = next((v for k, v in node.value if getattr(k, "value", None) == "references"), None)
    if not isinstance(value, list) or not isinstance(node, yaml.SequenceNode):
        raise ExtractError(NOT_CSL_YAML)
    return [(n.start_mark.line + 1, item) for n, item in zip(node.value, value) if isinstance(item, dict)]


class CslYamlExtractor(CslJsonExtractor):
    """CSL-YAML (.yaml, .yml), Pandoc's and Quarto's bibliography format: every item is a
    citation, located at its line.  Other YAML is refused ("not an article")."""

    name = "csl-yaml"

    def extract(self, data: bytes) -> Extraction:
        items = [(line, item) for line, item in csl_yaml_items(data) if any(k in item for k in CSL_KEYS)]
        if not items:
            raise ExtractError(NOT_CSL_YAML)
        return Extraction(citations=tuple(self.citation(line, item) for line, item in items), format=self.name)
