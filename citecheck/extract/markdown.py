"""Markdown articles: strip the syntax line by line, then read them as text."""

from __future__ import annotations

import re

from citecheck.extract.interface import Extractor
from citecheck.extract.text import decode, extraction_from_lines
from citecheck.models import Extraction

_IMAGE_RE = re.compile(r"!\[([^\]\n]*)\]\([^)\s]*(?:\s\"[^\"]*\")?\)")
# [text](url "title") -> "text url": the URL stays so a DOI link is found.
_LINK_RE = re.compile(r"\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK_RE = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"
                          r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])")
_CODE_RE = re.compile(r"`([^`\n]*)`")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_HTML_TAG_RE = re.compile(r"</?(?:sup|sub|em|strong|i|b|br|span)\b[^>]*>", re.IGNORECASE)


def strip_markdown(line: str) -> str:
    """One Markdown line as plain text; list markers stay (the list finder uses them)."""
    if _RULE_RE.match(line):
        return ""
    heading = _HEADING_RE.match(line)
    if heading:
        line = heading.group(1)
    line = _QUOTE_RE.sub("", line)
    line = _IMAGE_RE.sub(r"\1", line)
    line = _LINK_RE.sub(_link_text, line)
    line = _AUTOLINK_RE.sub(r"\1", line)
    line = _CODE_RE.sub(r"\1", line)
    line = _HTML_TAG_RE.sub("", line)
    # Emphasis can nest (***x***): two passes cover what articles use.
    for _ in range(2):
        line = _EMPHASIS_RE.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", line)
    return line


def _link_text(m: re.Match) -> str:
    text, url = m.group(1).strip(), m.group(2)
    if not text or text == url:
        return url
    if url.startswith(("http://", "https://", "www.")) and url not in text:
        return f"{text} {url}"
    return text


class MarkdownExtractor(Extractor):
    """Markdown (.md): headings, lists and links; line numbers as in the file."""

    name = "markdown"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a Markdown article."""
        lines = [strip_markdown(line) for line in decode(data).split("\n")]
        return extraction_from_lines(lines, self.name)
