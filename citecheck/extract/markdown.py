"""Markdown articles: strip the syntax line by line, then read them as text."""

from __future__ import annotations

import re

from citecheck.extract.interface import Extractor
from citecheck.extract.links import LinkAnchor
from citecheck.extract.mdcite import cited_sources, inline_notes
from citecheck.extract.text import decode, extraction_from_lines, superscripts_as_markers
from citecheck.models import Extraction

_IMAGE_RE = re.compile(r"!\[([^\[\]\n]*)\]\([^)\s]*(?:\s\"[^\"]*\")?\)")
# [text](url "title") -> "text url": the URL stays so a DOI link is found.  Link
# text holds no "[": with it, 20,000 "[" then "]" took seconds a line (quadratic;
# benchmarks/fuzz.py), and "[a [b](u)" now links "b", as CommonMark does.
# The destination may hold balanced parentheses, as DOIs do ("10.1016/S0006-3223(99)00230-9").
_LINK_RE = re.compile(r"\[([^\[\]\n]*)\]\(\s*<?((?:[^()\s<>]|\([^()\s<>]*\))+)>?(?:\s+\"([^\"]*)\")?\s*\)")
_AUTOLINK_RE = re.compile(r"<((?:https?://|www\.)[^>\s]+)>")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\w)"
                          r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])")
_CODE_RE = re.compile(r"`([^`\n]*)`")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE_RE = re.compile(r"^\s{0,3}>\s?")
_RULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_RULE_FIRST = ("-", "*", "_")  # what a rule's first character is
_SUP_RE = re.compile(r"<sup>\s*\[?(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)\]?\s*</sup>|\^(\d{1,3}(?:[,–-]\d{1,3})*)\^", re.IGNORECASE)
# Footnotes: "[^3]" (or "[^smith]") in the text, "[^3]: Smith J. ..." as the note, read as
# notes (as Word's are): a note is the citation its markers cite, whatever lists the page has.
_FOOTNOTE_DEF_RE = re.compile(r"^\s{0,3}\[\^([\w-]{1,30})\]:\s*")
_FOOTNOTE_REF_RE = re.compile(r"\[\^([\w-]{1,30})\](?!:)")
# Reference-style links: "[text][id]" with "[id]: url" elsewhere, the definition's
# title (group 3) after the URL in quotes or parentheses.
_LINK_DEF_RE = re.compile(r"^\s{0,3}\[([^\]^\n]+)\]:\s*<?(\S+?)>?(?:\s+([\"'(].*))?$")
_REF_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\[([^\[\]\n]*)\]")
# A shortcut reference link: "[5]" or "[Smith 2019]" alone, with a "[5]: url" definition
# (CommonMark): not an image's "![", no footnote's "[^", no full or inline link's part
# ("][", "](" and "]:" are those of other forms).
_SHORTCUT_RE = re.compile(r"(?<![\]\\!])\[([^\[\]\n^][^\[\]\n]*)\](?![\[(:])")
# A label that is a note number ("5", "2,3", "4-6"): the link is the note's marker, and
# "[5]" stays in the text as the in-text citation of the link.
_NOTE_LABEL_RE = re.compile(r"\d{1,3}(?:\s?[,–-]\s?\d{1,3})*")
_HTML_TAG_RE = re.compile(r"</?(?:sup|sub|em|strong|i|b|br|span)\b[^>]*>", re.IGNORECASE)


def strip_markdown(line: str, defs: dict[str, str] | None = None) -> str:
    """One Markdown line as plain text; list markers and thematic breaks ("---") stay (the
    list finder uses them).

    ``defs``: the document's link reference definitions (id -> URL).
    """
    if not line:
        return line
    if line.lstrip()[:1] in _RULE_FIRST and _RULE_RE.match(line):
        return line.strip()
    if "[" in line:
        if defs is not None and not line.lstrip().startswith("[^") and _LINK_DEF_RE.match(line):
            return ""
        if defs:
            line = _REF_LINK_RE.sub(lambda m: _ref_link(m, defs), line)
    if "<" in line or "^" in line:
        line = _SUP_RE.sub(lambda m: f"[{m.group(1) or m.group(2)}]", line)
    # Each pattern is tried only when the line holds a character it cannot match
    # without (issue 4 target: 5 MB/s).
    if "#" in line:
        heading = _HEADING_RE.match(line)
        if heading:
            line = heading.group(1)
    if ">" in line:
        line = _QUOTE_RE.sub("", line)
    if "]" in line and "](" in line:  # "]" first: one character is found several times faster
        if "![" in line:
            line = _IMAGE_RE.sub(r"\1", line)
        line = _LINK_RE.sub(_link_text, line)
    if "<" in line:
        line = _AUTOLINK_RE.sub(r"\1", line)
    if "`" in line:
        line = _CODE_RE.sub(r"\1", line)
    if "<" in line:
        line = _HTML_TAG_RE.sub("", line)
    # Emphasis can nest (***x***): two passes cover what articles use.
    if "*" in line or "_" in line:
        for _ in range(2):
            line, n = _EMPHASIS_RE.subn(_emphasis_text, line)
            if not n:
                break  # nothing replaced: a second pass would find nothing either
    return line


def _emphasis_text(m: re.Match) -> str:
    return m.group(2) or m.group(3) or m.group(4) or ""


def _ref_link(m: re.Match, defs: dict[str, str], titles: dict[str, str] | None = None) -> str:
    label = _label(m.group(2) or m.group(1))
    url = defs.get(label)
    if url is None:
        return m.group()
    title = titles.get(label) if titles else None
    return f"[{m.group(1)}]({url} \"{title}\")" if title else f"[{m.group(1)}]({url})"


def _label(text: str) -> str:
    """A link label as CommonMark matches it: case folded, white space runs as one space."""
    return " ".join(text.split()).lower()


def _shortcut_links(number: int, line: str, defs: dict[str, str], titles: dict[str, str],
                    links: list[tuple[int, str, str]]) -> str:
    """The line with its shortcut reference links ("[5]", "[Smith 2019]" whose label a
    definition names) read: a note number's stays as written and goes to ``links`` with
    "[5]" as its anchor (so the marker is that link's in-text citation,
    not a note with no entry); any other label becomes an inline link."""
    def one(m: re.Match) -> str:
        label = _label(m.group(1))
        url = defs.get(label)
        if url is None:
            return m.group()
        title = titles.get(label)
        if _NOTE_LABEL_RE.fullmatch(m.group(1).strip()):
            links.append((number, LinkAnchor(m.group(), title), url))
            return m.group()  # no URL written after it: a wrapped line would grow too long to be read on
        return f"[{m.group(1)}]({url} \"{title}\")" if title else f"[{m.group(1)}]({url})"

    return _SHORTCUT_RE.sub(one, line)


def footnotes(lines: list[str]) -> tuple[list[tuple[str, int, str]], set[int]]:
    """The footnotes of a Markdown document, (label, line, text) in order, and the lines
    they take: "[^3]: Smith J. ..." and the indented lines that go on with it."""
    notes: list[tuple[str, int, str]] = []
    taken: set[int] = set()
    current: list | None = None
    for number, line in enumerate(lines, start=1):
        m = _FOOTNOTE_DEF_RE.match(line) if line.lstrip().startswith("[^") else None
        if m:
            current = [m.group(1), number, [line[m.end():].strip()]]
            notes.append(current)
        elif current is not None and line.startswith(("  ", "\t")) and line.strip():
            current[2].append(line.strip())  # the note goes on, indented
        else:
            current = None
            continue
        taken.add(number)
    return [(label, number, " ".join(parts)) for label, number, parts in notes], taken


def link_definitions(lines: list[str], titles: dict[str, str] | None = None) -> dict[str, str]:
    """The "[id]: url" definitions of a Markdown document, ids lower-cased; ``titles``,
    when given, receives each definition's title ('[3]: url "Cernunnos, a novel …"')."""
    defs = {}
    for line in lines:
        if line[:4].lstrip().startswith("[") and "]:" in line:
            m = _LINK_DEF_RE.match(line)
            if m and not m.group(1).startswith("^"):
                label = _label(m.group(1))
                defs[label] = m.group(2)
                if titles is not None and m.group(3):
                    title = _def_title(m.group(3))
                    if title:
                        titles[label] = title
    return defs


def _def_title(text: str) -> str | None:
    """A definition's title without its quotes or parentheses; None when it is not closed
    as it opens, or holds a double quote (it is written back into an inline link)."""
    text = text.strip()
    close = {'"': '"', "'": "'", "(": ")"}[text[0]]
    if len(text) < 2 or text[-1] != close:
        return None
    title = " ".join(text[1:-1].split())
    return title if title and '"' not in title else None


def links_of(number: int, line: str) -> list[tuple[int, str, str]]:
    """(line, anchor text, URL) of the inline links on one (reference-resolved) line."""
    if "]" not in line or "](" not in line:
        return []
    out = []
    for m in _LINK_RE.finditer(line):
        if m.start() > 0 and line[m.start() - 1] == "!":
            continue  # an image
        anchor = _EMPHASIS_RE.sub(lambda e: e.group(2) or e.group(3) or e.group(4) or "", m.group(1))
        if m.group(3):
            anchor = LinkAnchor(anchor, " ".join(m.group(3).split()) or None)
        out.append((number, anchor, m.group(2)))
    return out


# A link's anchor text broken at a line end: "[Strauss et" then "al. (2009)](https://…)".
_OPEN_ANCHOR_RE = re.compile(r"\[[^\[\]\n]*+$")
_ANCHOR_CLOSE_RE = re.compile(r"[^\[\]\n]*+\]\(\s*<?(?:[^()\s<>]|\([^()\s<>]*\))++>?(?:\s+\"[^\"]*\")?\s*\)")


def _links_on_one_line(lines: list[str]) -> list[str]:
    """The lines with each inline link whose anchor text a line end breaks moved whole onto
    the line it opens on (hard-wrapped Markdown), so that it is read as a link."""
    for i in range(len(lines) - 1):
        line = lines[i]
        if "[" in line and _OPEN_ANCHOR_RE.search(line):
            after = lines[i + 1].lstrip()
            m = _ANCHOR_CLOSE_RE.match(after)
            if m:
                lines[i] = f"{line.rstrip()} {m.group()}"
                lines[i + 1] = after[m.end():].lstrip()
    return lines


def _link_text(m: re.Match) -> str:
    text, url = m.group(1).strip(), m.group(2)
    if not text or text == url:
        return url
    if url.startswith(("http://", "https://", "www.")) and url not in text:
        return f"{text} {url}"
    return text


class MarkdownExtractor(Extractor):
    """Markdown (.md, and the dialects: .mdx, .qmd, .Rmd): headings, lists, links and notes;
    line numbers as in the file."""

    name = "markdown"

    def __init__(self, source: str | None = None) -> None:
        #: the article's path as given ("-" for standard input, a URL), None when unknown:
        #: the bibliography files its front matter names are found beside it
        self.source = source

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a Markdown article."""
        text = superscripts_as_markers(decode(data))
        raw = _links_on_one_line(text.split("\n"))
        titles: dict[str, str] = {}
        defs = link_definitions(raw, titles)
        notes, note_of_line = footnotes(raw)
        if "^" in text and "^[" in text:  # one character first: found many times faster
            notes = sorted(notes + inline_notes(raw, {label for label, _, _ in notes}), key=lambda n: n[1])
        cited = cited_sources(raw, text, self.source)
        notes += cited.notes
        labels = {label: k for k, (label, _, _) in enumerate(notes)}
        lines, links, markers = [], [], []
        for number, line in enumerate(raw, start=1):
            if number in note_of_line:
                lines.append("")  # a note's own lines are no prose and no list
                continue
            shortcuts: list[tuple[int, str, str]] = []
            if defs and "[" in line:
                if "][" in line:
                    line = _REF_LINK_RE.sub(lambda m: _ref_link(m, defs, titles), line)
                line = _shortcut_links(number, line, defs, titles, shortcuts)
            if "[^" in line:
                markers += [(number, m.group(), labels[m.group(1)]) for m in _FOOTNOTE_REF_RE.finditer(line)
                            if m.group(1) in labels]
            if shortcuts:  # with the line's inline links, in the order they are written
                links.extend(sorted(links_of(number, line) + shortcuts,
                                    key=lambda link: line.find(f"({link[2]}") if link[1][:1] != "[" else line.find(link[1])))
            else:
                links.extend(links_of(number, line))
            lines.append(strip_markdown(line, defs))
        markers += [(n, marker, labels.get(label, -1)) for n, marker, label, _ in cited.markers]
        note_texts = [(line, note if label in cited.citations else strip_markdown(note, defs))
                      for label, line, note in notes]
        extraction = extraction_from_lines(lines, self.name, links, note_texts,
                                           [m for m in markers if m[2] >= 0])
        if not cited.notes and not cited.problems and not cited.markers:
            return extraction
        return cited.completed(extraction, notes, note_texts, markers, lines)
