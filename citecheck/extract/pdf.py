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
import logging
import re
from collections import Counter
from dataclasses import replace

from citecheck.extract.interface import ExtractError, Extractor
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


def furniture_keys(pages: list[list[str]]) -> set[str]:
    """Normalised lines that repeat at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        body = [ln.strip() for ln in lines if ln.strip()]
        ends = body[:FURNITURE_LINES] + body[-FURNITURE_LINES:]
        counts.update({_key(ln) for ln in ends})
    needed = max(2, int(len(pages) * FURNITURE_PAGE_SHARE + 0.999))
    return {k for k, n in counts.items() if n >= needed and k}


def _key(line: str) -> str:
    return _DIGITS_RE.sub("#", line.strip().lower())


def pdf_lines(texts: list[str]) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """(line, text) of the kept lines of every page, and line -> page."""
    pages = [t.replace("\r\n", "\n").replace("\r", "\n").split("\n") for t in texts]
    furniture = furniture_keys(pages)
    kept: list[tuple[int, str]] = []
    page_of: dict[int, int] = {}
    number = 0
    for page_no, lines in enumerate(pages, start=1):
        body_idx = [i for i, ln in enumerate(lines) if ln.strip()]
        ends = set(body_idx[:FURNITURE_LINES] + body_idx[-FURNITURE_LINES:])
        for i, ln in enumerate(lines):
            number += 1
            text = ln.strip()
            if "  " in text:
                text = _SPACES_RE.sub(" ", text)  # justified text comes out with runs of spaces
            if not text or i in ends and (_PAGE_NUMBER_RE.match(text) and not _cut_link(kept, page_of, page_no)
                                          or _key(text) in furniture):
                continue  # blank lines say nothing in a PDF's text (no paragraph gaps)
            kept.append((number, superscripts_as_markers(text)))
            page_of[number] = page_no
    return kept, page_of


def _cut_link(kept: list[tuple[int, str]], page_of: dict[int, int], page_no: int) -> bool:
    """True when the page's last kept line ends in a link or DOI broken at "-" or "/"
    (the number after it is the link's tail: "doi:10.1210/jc.2004-" + "0627")."""
    if not kept or page_of[kept[-1][0]] != page_no or not kept[-1][1].endswith(("-", "/")):
        return False
    last = kept[-1][1].rsplit(" ", 1)[-1]
    return "://" in last or "10." in last


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
        if text and _ends_paragraph(prev, line, usual):
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
        """Find the citations in a PDF; ``line`` is the line of the extracted text, ``page`` its page."""
        lines, page_of = pdf_lines(page_texts(data))
        paras = paragraphs(lines)
        # The reference lists are found on the lines (the list finder joins wrapped
        # entries itself); the prose is read as paragraphs, each on its first line.
        extraction = build_extraction(lines, self.name, join_wraps=True, pages=page_of,
                                      prose_blocks=[(first, text) for first, text, _ in paras])
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
        return replace(extraction, citations=citations, in_text=in_text, claims=claims)
