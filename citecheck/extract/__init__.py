"""The extraction stage: a document's bytes in, an Extraction out.

``extract_bytes`` picks the extractor by the file's suffix, or by sniffing the
content for standard input and unknown suffixes.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from citecheck.extract.html import HtmlExtractor
from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.markdown import MarkdownExtractor
from citecheck.extract.text import TextExtractor
from citecheck.models import Extraction

__all__ = ["ExtractError", "Extractor", "extract_bytes", "extractor_for"]

_BY_SUFFIX: dict[str, type[Extractor]] = {
    ".txt": TextExtractor,
    ".text": TextExtractor,
    ".md": MarkdownExtractor,
    ".markdown": MarkdownExtractor,
    ".html": HtmlExtractor,
    ".htm": HtmlExtractor,
}
#: bytes looked at when sniffing content
SNIFF_BYTES = 4096
_HTML_SNIFF_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_MARKDOWN_SNIFF_RE = re.compile(r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^\s{0,3}\*\*[^*\n]+\*\*\s*:?\s*$",
                                re.MULTILINE)


def extractor_for(data: bytes, name: str) -> Extractor:
    """The extractor for a document called ``name`` ("-" for standard input)."""
    suffix = PurePath(name).suffix.lower() if name != "-" else ""
    cls = _BY_SUFFIX.get(suffix)
    if cls is None:
        cls = _sniff(data)
    return cls()


def _sniff(data: bytes) -> type[Extractor]:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if _HTML_SNIFF_RE.match(head) or re.search(rb"<html\b|<!doctype html", head, re.IGNORECASE):
        return HtmlExtractor
    if _MARKDOWN_SNIFF_RE.search(head.decode("utf-8", errors="replace")):
        return MarkdownExtractor
    return TextExtractor


def extract_bytes(data: bytes, name: str) -> Extraction:
    """Extract citations from a document's bytes; raises ExtractError when unreadable."""
    return extractor_for(data, name).extract(data)
