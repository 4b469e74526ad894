"""PDF articles, read with pypdf.

The text of each page is split into lines; lines repeated at the top or
bottom of most pages (running heads, journal names, "Page 3 of 9") and lone
page numbers are dropped, so a reference list runs on across a page break.
``line`` is the line of the extracted text (counted over the whole document,
dropped lines included) and ``page`` the 1-based page.  Reference entries are
re-joined across wrapped lines and hyphenation by the list finder; prose is
re-joined into paragraphs before in-text citations and claims are looked
for, and each is then reported on the line where it starts.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from dataclasses import replace

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.intext import GLUED_AFTER_STOP
from citecheck.extract.references import is_heading
from citecheck.extract.text import build_extraction, superscripts_as_markers
from citecheck.models import Extraction

#: lines at each end of a page that may be a running head or foot
FURNITURE_LINES = 3
#: a line at a page's end on at least this share of pages is furniture
FURNITURE_PAGE_SHARE = 0.5
#: a line shorter than this share of the page's usual line ends a paragraph
#: (when it ends a sentence, or is a heading)
SHORT_LINE_SHARE = 0.7
#: pages read at most (a PDF can declare millions of empty pages)
MAX_PDF_PAGES = 5000

_PAGE_NUMBER_RE = re.compile(r"^(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?$",
                             re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_SPACES_RE = re.compile(r"\s{2,}")
_SENTENCE_END = (".", "!", "?", ":", "\"", "”", ")")

# pypdf logs every damaged object it recovers from; the user sees one line from us instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def page_texts(data: bytes) -> list[str]:
    """The text of each page; raises ExtractError for an encrypted or broken PDF."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import FileNotDecryptedError
    except ImportError:  # pragma: no cover - a packaging fault, said plainly
        raise ExtractError("reading PDF needs pypdf (pip install pypdf)") from None
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password (printing
            # restrictions only): those open; a real password does not.
            try:
                if not reader.decrypt(""):
                    raise ExtractError("an encrypted PDF: it needs a password to open")
            except (FileNotDecryptedError, NotImplementedError, ValueError):
                raise ExtractError("an encrypted PDF: it needs a password to open") from None
        pages = reader.pages
        count = len(pages)
        texts = []
        page_error = None
        for i in range(min(count, MAX_PDF_PAGES)):
            try:
                texts.append(pages[i].extract_text() or "")
            except Exception as exc:  # noqa: BLE001 - pypdf's errors on a damaged page are many and unlisted
                texts.append("")  # one unreadable page: go on with the rest
                page_error = page_error or exc
    except ExtractError:
        raise
    except FileNotDecryptedError:
        raise ExtractError("an encrypted PDF: it needs a password to open") from None
    except Exception as exc:  # noqa: BLE001 - any failure of the PDF library on untrusted bytes
        # (PdfReadError, LimitReachedError on a self-referencing object, NotImplementedError
        # on an unknown filter, ...) means the same to the user: this PDF cannot be read.
        raise ExtractError(f"a broken PDF ({type(exc).__name__}: {str(exc)[:120]})") from None
    if count and not any(t.strip() for t in texts):
        if page_error is not None:
            raise ExtractError(f"a broken PDF ({type(page_error).__name__}: {str(page_error)[:120]})")
        raise ExtractError("a PDF with no text layer (a scanned image?): nothing to read without OCR")
    return texts


def furniture_keys(pages: list[list[str]]) -> set[tuple[str, str]]:
    """("top" or "bottom", normalised line) of the lines that repeat at that end of most pages:
    running heads and feet.  A line counts only at one end (a reference's last line at the foot of
    one page and another's at the head of the next are no running head), and only when its numbers
    are the same on every page but for one (a page number): "Am J Public Health. 2006;96(12):
    2173-2178." and "… 2005;91(3):243-248." read alike with their digits masked, yet are two
    references, not the page's furniture."""
    if len(pages) < 2:
        return set()
    seen: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for lines in pages:
        body = [ln.strip() for ln in lines if ln.strip()]
        for end, part in (("top", body[:FURNITURE_LINES]), ("bottom", body[-FURNITURE_LINES:])):
            for line in dict.fromkeys(part):  # a line once per end of a page
                seen.setdefault((end, _key(line)), []).append(tuple(_DIGITS_RE.findall(line)))
    needed = max(2, int(len(pages) * FURNITURE_PAGE_SHARE + 0.999))
    return {(end, key) for (end, key), numbers in seen.items()
            if key and len(numbers) >= needed and _one_number_varies(numbers)}


def _one_number_varies(numbers: list[tuple[str, ...]]) -> bool:
    """True when the lines' numbers (each line's, in order) differ in one place at most."""
    return sum(len(set(place)) > 1 for place in zip(*numbers)) <= 1


def _key(line: str) -> str:
    return _DIGITS_RE.sub("#", line.strip().lower())


# A page number at either end of a running head or foot: "146 Journal of …", "… counselling 147".
_FOLIO_RE = re.compile(r"^(\d{1,4})\s+\S|\S\s+(\d{1,4})$")
#: the longest running head read for a page number (a head is a short line)
_FOLIO_MAX_CHARS = 80


def folio_lines(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, index) of the lines at a page's ends that carry that page's printed number:
    running heads that change from page to page ("146 Journal of …" on even pages, "J Short
    Title · Topic 147" on odd ones), which furniture_keys cannot learn from one occurrence.

    A printed number is the page's when at least two pages carry a number at an end line that
    is their place in the file plus the same offset (page 2 prints 146, page 3 prints 147)."""
    if len(pages) < 2:
        return set()
    found: list[tuple[int, int, int]] = []  # (page, index, printed number - page)
    for page_no, lines in enumerate(pages, start=1):
        body = [i for i, ln in enumerate(lines) if ln.strip()]
        for i in set(body[:FURNITURE_LINES] + body[-FURNITURE_LINES:]):
            text = lines[i].strip()
            m = _FOLIO_RE.search(text) if len(text) <= _FOLIO_MAX_CHARS and not text.endswith(".") else None
            if m is None or m.group(1) and m.group(1) in (ln.strip() for ln in lines[:i]):
                continue  # no number at an end, or a footnote under its marker ("3" … "3 Giller C")
            found.append((page_no, i, int(m.group(1) or m.group(2)) - page_no))
    pages_at: dict[int, set[int]] = {}  # offset -> the pages that print it
    for page_no, _, offset in found:
        pages_at.setdefault(offset, set()).add(page_no)
    return {(page_no, i) for page_no, i, offset in found if len(pages_at[offset]) >= 2}


# A name followed by affiliation marks, in a paper's author line: "Marianne T. Oduya¹",
# "Henrik L. Brandvold²,³", "S. K. Patel*".
_AFFILIATION_MARK_RE = re.compile(r"[A-Za-z][⁰¹²³⁴⁵⁶⁷⁸⁹]")
_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹*†‡§"
_MARKED_NAME_RE = re.compile(rf"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{1,4}}[{_MARKS}](?:[{_MARKS},]*[{_MARKS}])?")
_NAME_SEPARATOR_RE = re.compile(r",\s+(?:and\s+|&\s+)?|\s+(?:and|&)\s+")


def _without_affiliation_marks(line: str) -> str:
    """The line without its superscripts when it is a list of authors each marked with an
    affiliation ("Oduya¹, Brandvold², Patel¹"): those are no note markers."""
    names = _NAME_SEPARATOR_RE.split(line.strip())
    if len(names) < 2 or not all(_MARKED_NAME_RE.fullmatch(name) for name in names):
        return line
    return "".join(c for c in line if c not in _MARKS)


def _page_lines(texts: list[str]) -> list[list[str]]:
    """Each page's text as its lines (the lines numbered through the document, page after page)."""
    return [t.replace("\r\n", "\n").replace("\r", "\n").split("\n") for t in texts]


def page_starts(texts: list[str]) -> tuple[int, ...]:
    """The document line each page starts on, page after page (for "page 2, line 5")."""
    return tuple(itertools.accumulate((len(lines) for lines in _page_lines(texts)[:-1]), initial=1))


def pdf_lines(texts: list[str]) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """(line, text) of the kept lines of every page, and line -> page."""
    # Margin line numbers go first: numbered on across pages ("73" last on page 3, "74" first on
    # page 4), they read as page numbers, and those lines were dropped as running heads (trial 35).
    pages = [[_LINE_NUMBER_RE.sub("", ln, count=1) for ln in lines] if _numbered_lines(lines) else lines
             for lines in _page_lines(texts)]
    furniture = furniture_keys(pages)
    folios = folio_lines(pages)
    kept: list[tuple[int, str]] = []
    page_of: dict[int, int] = {}
    number = 0
    for page_no, lines in enumerate(pages, start=1):
        body_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        top, bottom = set(body_idx[:FURNITURE_LINES]), set(body_idx[-FURNITURE_LINES:])
        ends = top | bottom
        for i, ln in enumerate(lines):
            number += 1
            text = ln.strip()
            if "  " in text:
                text = _SPACES_RE.sub(" ", text)  # justified text comes out with runs of spaces
            if not text or i in ends and (_PAGE_NUMBER_RE.match(text) and not _cut_link(kept, page_of, page_no)
                                          and not _marks_footnote(lines, i, text)
                                          or _is_furniture(ln, i in top, i in bottom, furniture)
                                          or (page_no, i) in folios):
                continue  # blank lines say nothing in a PDF's text (no paragraph gaps)
            if page_no == 1 and _AFFILIATION_MARK_RE.search(text):
                text = _without_affiliation_marks(text)
            kept.append((number, superscripts_as_markers(text)))
            page_of[number] = page_no
    return kept, page_of


# A line number in the margin, as journals ask of a manuscript ("24 1. Israeli O, …", "25 displaying …").
_LINE_NUMBER_RE = re.compile(r"^\s*(\d{1,4})\s+(?=\S)")
#: the fewest lines, and the share of them, that open with a number one more than the line above's,
#: for a page's lines to be numbered in the margin
NUMBERED_LINES_MIN = 8
NUMBERED_LINES_SHARE = 0.8


def _numbered_lines(lines: list[str]) -> bool:
    """True when the page's lines are numbered in the margin (trial 34: a manuscript's list was read
    as one entry with the numbers in it): most lines open with a number, each one more than the last."""
    numbers = []
    for ln in lines:
        if ln.strip():
            m = _LINE_NUMBER_RE.match(ln)
            numbers.append(int(m.group(1)) if m else None)
    if len(numbers) < NUMBERED_LINES_MIN:
        return False
    steps = sum(1 for a, b in zip(numbers, numbers[1:]) if a is not None and b == a + 1)
    return steps >= NUMBERED_LINES_SHARE * (len(numbers) - 1)


def _is_furniture(line: str, at_top: bool, at_bottom: bool, furniture: set[tuple[str, str]]) -> bool:
    """True when the line, at the top or bottom of its page, is a running head or foot there."""
    key = _key(line)
    return at_top and ("top", key) in furniture or at_bottom and ("bottom", key) in furniture


def _marks_footnote(lines: list[str], i: int, text: str) -> bool:
    """True when the number on line ``i`` marks a footnote below it on the page ("3" above
    "3 Giller C, …"): a note marker, not the page's number."""
    opening = text + " "
    return text.isdigit() and any(line.lstrip().startswith(opening) for line in lines[i + 1:])


def _cut_link(kept: list[tuple[int, str]], page_of: dict[int, int], page_no: int) -> bool:
    """True when the page's last kept line ends in a link or DOI broken at "-" or "/"
    (the number after it is the link's tail: "doi:10.1210/jc.2004-" + "0627")."""
    if not kept or page_of[kept[-1][0]] != page_no or not kept[-1][1].endswith(("-", "/")):
        return False
    last = kept[-1][1].rsplit(" ", 1)[-1]
    return "://" in last or "10." in last


# A footnote at a page's foot as typeset: its number, a space, its text ("1 Niemietz C, …").
_FOOTNOTE_START_RE = re.compile(r"(\d{1,3})\s+(?=\S)")
# A note marker pypdf gave a line of its own (a raised digit set apart from the text).
_LONE_MARKER_RE = re.compile(r"\d{1,3}")
# A note marker in the text, as superscripts_as_markers writes superscript digits: "[3]".
_INLINE_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
# A raised digit pypdf set on the text's line, glued after a word's stop or comma ("virus.1 We"),
# where the in-text reader takes a glued note number: trial 34's footnotes went unread, and the run
# passed, with the markers so.
def _glued_marker(number: str) -> str:
    return rf"{GLUED_AFTER_STOP}({number})(?=\s|$)"


_GLUED_MARKER_RE = re.compile(_glued_marker(r"\d{1,3}"))


def page_footnotes(lines: list[tuple[int, str]], page_of: dict[int, int]
                   ) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str, int]]]:
    """Footnotes typeset at the foot of each page, taken out of the text: (the lines left, the
    notes as (line, text), the markers as (line, marker, note index)), the shapes
    build_extraction takes a Word document's footnotes in.

    A page's footnotes are its last lines from a line "N text" on, numbered on by one, each
    number marked above them on the page: by a line of its own holding only the number (a
    raised digit, as pypdf gives it) or by a superscript ("[N]" here). The markers become
    "[^N]" on the line they follow, as the Word reader writes a footnote's marker."""
    by_page: dict[int, list[int]] = {}
    for k, (number, _) in enumerate(lines):
        by_page.setdefault(page_of.get(number, 0), []).append(k)
    drop: set[int] = set()
    marked: dict[int, list[tuple[int, int]]] = {}  # line index -> [(footnote number, note index)]
    notes: list[tuple[int, str]] = []
    for page in sorted(by_page):
        found = _foot_of_page(lines, by_page[page])
        if found is None:
            continue
        start, block, markers = found
        for n, (first, text) in block:
            index = len(notes)
            notes.append((lines[first][0], text))
            at = markers[n]
            if _LONE_MARKER_RE.fullmatch(lines[at][1]):
                drop.add(at)
                at = max((k for k in by_page[page] if k < at and k not in drop), default=at)
            marked.setdefault(at, []).append((n, index))
        drop.update(range(start, by_page[page][-1] + 1))
    if not notes:
        return lines, [], []
    kept: list[tuple[int, str]] = []
    note_markers: list[tuple[int, str, int]] = []
    for k, (number, text) in enumerate(lines):
        if k in marked:
            for n, index in marked[k]:
                shown = f"[^{n}]"
                inline = f"[{n}]"
                if inline in text:
                    text = text.replace(inline, shown, 1)
                else:  # a glued marker becomes the note's; else the note is marked at the line's end
                    glued = re.subn(_glued_marker(str(n)), shown, text, count=1)
                    text = glued[0] if glued[1] else text + shown
                note_markers.append((number, shown, index))
        if k not in drop:
            kept.append((number, text))
    return kept, notes, note_markers


def _foot_of_page(lines: list[tuple[int, str]], page: list[int]):
    """(index of the first footnote line, [(number, (index of its line, its text))], number ->
    index of its marker's line) of the footnotes at the foot of one page, or None."""
    markers: dict[int, int] = {}
    last_marker = -1
    for k in page:
        text = lines[k][1]
        if _LONE_MARKER_RE.fullmatch(text):
            markers.setdefault(int(text), k)
            last_marker = k
        else:
            if "[" in text:
                for m in _INLINE_MARKER_RE.finditer(text):
                    markers.setdefault(int(m.group(1)), k)
            for m in _GLUED_MARKER_RE.finditer(text):
                markers.setdefault(int(m.group(1)), k)
    for start in page:
        if start <= last_marker:
            continue
        m = _FOOTNOTE_START_RE.match(lines[start][1])
        if not m or int(m.group(1)) not in markers or markers[int(m.group(1))] >= start:
            continue
        block: list[tuple[int, tuple[int, str]]] = []
        expected = int(m.group(1))
        for k in page[page.index(start):]:
            text = lines[k][1]
            m = _FOOTNOTE_START_RE.match(text)
            if m and int(m.group(1)) == expected and expected in markers and markers[expected] < start:
                block.append((expected, (k, text[m.end():])))
                expected += 1
            else:
                n, (first, note) = block[-1]
                joined = note[:-1] + text if note.endswith("-") and note[-2:-1].isalpha() and text[:1].islower() \
                    else f"{note} {text}"
                block[-1] = (n, (first, joined))
        return start, block, markers
    return None


def paragraphs(lines: list[tuple[int, str]]) -> list[tuple[int, str, list[tuple[int, int]]]]:
    """Prose re-joined: (first line, text, [(offset in text, line)]) per paragraph."""
    lengths = sorted(len(t) for _, t in lines if t)
    usual = lengths[len(lengths) * 3 // 4] if lengths else 0
    out: list[tuple[int, str, list[tuple[int, int]]]] = []
    text, spans, first = "", [], 0
    prev = ""
    for number, line in lines:
        if not line:
            if text:
                out.append((first, text, spans))
            text, spans, prev = "", [], ""
            continue
        # (A reference-list heading is a paragraph of its own: run on, the list after it was read
        # as the prose of the paragraph before, its DOIs as links and its issues as notes: trial 34.)
        if text and (_ends_paragraph(prev, line, usual) or is_heading(line) or is_heading(prev)):
            out.append((first, text, spans))
            text, spans = "", []
        if not text:
            first = number
            spans = [(0, number)]
            text = line
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
            spans.append((len(text) - 1, number))
            text = text[:-1] + line
        else:
            spans.append((len(text) + 1, number))
            text = f"{text} {line}"
        prev = line
    if text:
        out.append((first, text, spans))
    return out


def _ends_paragraph(prev: str, line: str, usual: int) -> bool:
    short = len(prev) < usual * SHORT_LINE_SHARE
    return short and (prev.endswith(_SENTENCE_END) or not prev.endswith((",", "-", ";")) and line[:1].isupper())


def _line_at(spans: list[tuple[int, int]], offset: int) -> int:
    line = spans[0][1]
    for start, number in spans:
        if start > offset:
            break
        line = number
    return line


class PdfExtractor(Extractor):
    """PDF: the text layer, page furniture dropped, wrapped lines re-joined."""

    name = "pdf"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a PDF; ``line`` is the line of the extracted text, ``page`` its page.

        A page drawn line by line across two columns (as some HTML-to-PDF converters draw
        them) reads with each line of one column run on into the other's, and its reference
        list goes unread. When the text so read leaves in-text citations pointing at nothing or
        entries unread, the pages are read again with their layout kept and each split at its
        gutters, and that reading is kept when more in-text citations point at entries."""
        texts = page_texts(data)
        extraction = self._extract(texts)
        if _looks_unread(extraction) and (columns := column_texts(data, texts)) is not None:
            again = self._extract(columns)
            if _linked(again) > _linked(extraction):
                return again  # (with what it could not read in its problems, as any reading)
        return extraction

    def _extract(self, texts: list[str]) -> Extraction:
        lines, page_of = pdf_lines(texts)
        lines, notes, note_markers = page_footnotes(lines, page_of)
        paras = paragraphs(lines)
        # The reference lists are found on the lines (the list finder joins wrapped
        # entries itself); the prose is read as paragraphs, each on its first line.
        extraction = build_extraction(lines, self.name, join_wraps=True, pages=page_of,
                                      prose_blocks=[(first, text) for first, text, _ in paras],
                                      notes=notes, note_markers=note_markers)
        by_first = {first: (text, spans) for first, text, spans in paras}

        def relocate(item, needle: str):
            para = by_first.get(item.line)
            if para is None:
                return item
            text, spans = para
            pos = text.find(needle[:60]) if needle else -1
            line = _line_at(spans, pos) if pos >= 0 else item.line
            return replace(item, line=line, page=page_of.get(line))

        in_text = tuple(relocate(i, i.text) for i in extraction.in_text)
        claims = tuple(relocate(c, c.text) for c in extraction.claims)
        citations = tuple(relocate(c, c.url or c.doi or "") if c.kind == "link" else c
                          for c in extraction.citations)
        return replace(extraction, citations=citations, in_text=in_text, claims=claims, page_starts=page_starts(texts))


def _linked(extraction: Extraction) -> int:
    """The in-text citations that point at an entry."""
    return sum(it.reference is not None for it in extraction.in_text)


def _looks_unread(extraction: Extraction) -> bool:
    """True when a PDF's text may have been read across its columns: entries it names went
    unread, or three in-text citations or more, and a third of them at least, point at no entry."""
    unlinked = len(extraction.in_text) - _linked(extraction)
    return bool(extraction.problems) or unlinked >= UNLINKED_MIN and 3 * unlinked >= len(extraction.in_text)


#: in-text citations pointing at no entry that make a PDF worth reading again column by column
UNLINKED_MIN = 3
#: the fewest lines with text on both sides of a gutter for a page to be read as two columns
GUTTER_LINES_MIN = 5
#: the narrowest gutter, in characters of pypdf's layout text
GUTTER_WIDTH_MIN = 3
#: the narrowest text split into columns, in characters (two columns of 20 at least)
GUTTER_PAGE_MIN = 40


def column_texts(data: bytes, texts: list[str]) -> list[str] | None:
    """Each page's text read with its layout kept (pypdf's layout mode), a page in columns read
    column by column (split_columns), a page in none as ``texts``, the first reading, has it; None
    when no page has columns (or the PDF cannot be read so)."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        first, texts, split = texts, [], False
        for page, text in zip(reader.pages[:MAX_PDF_PAGES], first):
            columns = split_columns((page.extract_text(extraction_mode="layout") or "").split("\n"))
            split = split or columns is not None
            texts.append("\n".join(columns) if columns is not None else text)
    except Exception:  # noqa: BLE001 - the first reading stands: this is a second try only
        return None
    return texts if split else None


def split_columns(lines: list[str]) -> list[str] | None:
    """A page's layout lines in reading order, column by column, split at the gutters: a
    gutter is the widest run of columns, in the middle half of what is split, that no line has
    text in and that GUTTER_LINES_MIN lines have text on both sides of (a column that is itself
    two is split again: three columns); None when the page has none. A line across the gutter (a
    title over both columns, a figure's caption) stays whole and parts the page into bands, each
    read column by column; so do a running head and foot set apart from the text."""
    columns = _split(lines, furniture=True)
    return None if columns is None else [" ".join(line.split()) for line in columns]


def _split(lines: list[str], furniture: bool) -> list[str] | None:
    gutter = _gutter(lines)
    if gutter is None:
        return None
    start, end = gutter
    apart: set[int] = set()
    if furniture:  # the page's first and last lines set apart by a gap: "Clin Health Rev. 2024;6:113 ... 3"
        filled = [k for k, line in enumerate(lines) if line.strip()]
        apart = {k for k, near in ((filled[0], filled[0] + 1), (filled[-1], filled[-1] - 1))
                 if 0 <= near < len(lines) and not lines[near].strip()}
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for k, line in enumerate(lines + [None]):
        if line is None or k in apart or line[start:end].strip():
            # the band of columns above is read before the line across them, the band below after it
            for column in (left, right):
                out += _split(column, furniture=False) or column
            left, right = [], []
            if line is not None:
                out.append(line)
            continue
        left.append(line[:start])
        right.append(line[end:])
    return out


def _gutter(lines: list[str]) -> tuple[int, int] | None:
    """Where the lines' gutter starts and ends (see split_columns), or None."""
    width = max((len(line.rstrip()) for line in lines), default=0)
    if width < GUTTER_PAGE_MIN:
        return None
    used = [0] * width
    for line in lines:
        for x, c in enumerate(line[:width]):
            if c != " ":
                used[x] += 1
    crossing = max(2, len([ln for ln in lines if ln.strip()]) // 20)  # lines that may cross it
    best: tuple[int, int] | None = None
    x = width // 4
    while x < 3 * width // 4:
        if used[x] > crossing:
            x += 1
            continue
        end = start = x
        while end < 3 * width // 4 and used[end] <= crossing:
            end += 1
        x = end + 1
        least = min(used[start:end])  # the lines across it (a title) use every column of it
        while start < end and used[start] > least:
            start += 1  # the run's edges are the columns' own longest lines: no gutter there
        while end > start and used[end - 1] > least:
            end -= 1
        if end - start >= GUTTER_WIDTH_MIN and (best is None or end - start > best[1] - best[0]) \
                and sum(1 for ln in lines if ln[:start].strip() and ln[end:].strip()
                        and not ln[start:end].strip()) >= GUTTER_LINES_MIN:
            best = (start, end)  # (a gutter has text on both sides: not the margin right of a short page)
    return best
