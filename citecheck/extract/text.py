"""Plain-text articles: decode the bytes, find the reference list, parse it."""

from __future__ import annotations

import codecs

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import parse_reference
from citecheck.extract.references import find_entries
from citecheck.models import Citation, Extraction

#: share of control characters (other than tab/newline/CR/FF) above which a
#: file is binary, not an article; measured in the first block of text
MAX_CONTROL_SHARE = 0.01
SNIFF_CHARS = 8192


def decode(data: bytes) -> str:
    """Bytes to text: a BOM decides (UTF-8, UTF-16), else UTF-8, else cp1252/latin-1.

    Line endings become "\\n". Raises ExtractError for binary content.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        # A NUL without a UTF-16 BOM: an image, a PDF, a zip (DOCX) ...
        raise ExtractError("binary file, not an article")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Older Windows editors save cp1252; latin-1 maps every byte.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if "\x00" in text or _control_share(text[:SNIFF_CHARS]) > MAX_CONTROL_SHARE:
        raise ExtractError("binary file, not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _control_share(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return controls / len(sample)


def citations_from_lines(lines: list[str]) -> tuple[Citation, ...]:
    """Parse every reference-list entry found in the lines."""
    return tuple(parse_reference(text, line) for line, text in find_entries(lines))


def extraction_from_lines(lines: list[str], fmt: str) -> Extraction:
    """Citations plus the in-text citations and research claims of the prose."""
    # Imported here: intext/claims are optional stages layered on the citations.
    from citecheck.extract.claims import find_claims
    from citecheck.extract.intext import find_in_text

    citations = citations_from_lines(lines)
    in_text = find_in_text(lines, citations)
    claims = find_claims(lines, citations, in_text)
    return Extraction(citations=citations, in_text=in_text, claims=claims, format=fmt)


class TextExtractor(Extractor):
    """Plain text (.txt): one reference per line or per numbered/bulleted item."""

    name = "text"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a plain-text article."""
        return extraction_from_lines(decode(data).split("\n"), self.name)
