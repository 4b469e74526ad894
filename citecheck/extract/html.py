"""HTML articles: the page's block elements become "lines" for the list finder.

A <br> ends a line, as a line break does in text (outside a list item, whose <br>
is a wrap of its entry); a table row numbered in its first cell is one line "1. …";
a footnote's backlink ("↩") is dropped, and a note written inline as a tooltip is
read as a note.

lxml (libxml2's HTML parser, in C) builds the tree and records each element's
source line; one walk with lxml's iterwalk, which is iterative, collects the
text of the innermost blocks, so deeply nested pages cannot raise
RecursionError.  libxml2 cannot read every page in full: it stops at 2,048 open
elements and drops the rest of the page, and counts lines only up to 65,535.
Such pages are read by the standard library's html.parser instead, into a tree
of plain Python objects walked the same way.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lxml import etree

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.links import LinkAnchor
from citecheck.extract.parse import find_doi
from citecheck.extract.references import has_url
from citecheck.extract.text import (build_extraction, decode, ends_in_unit, holds_superscript_digits,
                                   is_link_line, joined_cells, row_number, superscripts_as_markers)
from citecheck.models import Extraction

# Never article content: dropped with everything inside.
_IGNORED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
                 "iframe", "svg", "button", "select")
_IGNORED_SET = frozenset(_IGNORED_TAGS)
# class/id words that mark page furniture ("site-footer", "nav-menu", "sharedaddy", an
# author's box or bio: "author-box", "about-the-author", "bio").
_FURNITURE_ATTR_RE = re.compile(r"(?:^|[-_\s])(?:cookie|banner|nav|footer|related|share|sharing|social|"
                                r"sidebar|menu|breadcrumb|comment|popup|modal|newsletter|widget|pagination|pager|"
                                r"author[-_]?(?:box|bio|info|card|profile|details)|about[-_](?:the[-_])?author|"
                                r"bio(?:graphy)?(?:$|[-_\s]))",
                                re.IGNORECASE)
# Elements whose class says furniture but that hold the whole page.
_NEVER_DROPPED = {"html", "body", "main", "article"}
# Elements that make a "line" of their own.
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "div",
               "td", "th", "caption", "figcaption", "pre", "section", "tr"]
# The page itself: its <body>, or "document", the root html.parser's tree is built under.
_PAGE_TAGS = frozenset(("body", "document"))
_BLOCK_SET = frozenset(_BLOCK_TAGS) | _PAGE_TAGS
_LINK_ID_RE = re.compile(r"doi\.org/10\.|^doi:|pubmed\.ncbi\.nlm\.nih\.gov/\d|ncbi\.nlm\.nih\.gov/pubmed/\d",
                         re.IGNORECASE)

# A note marker ("12", "[1-3]", "(4, 7)") is short: longer <sup> text is no marker.
_MARKER_MAX_CHARS = 40
_MARKER_MAX_NODES = 20
# A link's anchor text is a phrase or one reference: a few nodes, under 1,000 characters.
_ANCHOR_MAX_CHARS = 2000
_ANCHOR_MAX_NODES = 200
_SUP_NOTE_RE = re.compile(r"^\s*\[?\(?(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)\)?\]?\s*$")

# A start tag written over several lines.  Possessive (never backtracking): "<b" and
# 20,000 lines without "<" or ">" took 6 s with plain "*".
_MULTILINE_TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*+)[^<>\n]*+\n[^<>]*+>")
# libxml2 keeps an element's line in 16 bits: lines past this one all read as this one.
_LIBXML2_MAX_LINE = 65535


# What an element the walk entered is: left out (furniture, a note marker), a block, or neither.
_SKIPPED, _BLOCK, _INLINE = range(3)


@dataclass(slots=True)
class _Block:
    """A block element being read: its line, its text so far, its links."""

    line: int
    parts: list[str] = field(default_factory=list)
    anchors: list = field(default_factory=list)  # its <a href> elements
    anchor_ends: dict = field(default_factory=dict)  # index in anchors -> len(parts) where that <a> ended
    nested: bool = False  # holds a block of its own: not a line
    item: bool = False  # a list item (<li>)
    in_item: bool = False  # a list item, or inside one
    page: bool = False  # the page's body: a line only for the text it holds in no other block
    note_at: int = -1  # where in ``parts`` the last note marker read from a link ("[4]") is
    # (len(parts), len(anchors), source line) where each <br> in it breaks the line
    breaks: tuple = ()
    row: bool = False  # a table row (<tr>)
    # (len(parts), [line, text]) of each inline note ("<span class=…footnote__note>") in it:
    # the line is set when the block's line is read
    notes: tuple = ()
    out_at: int = 0  # how many lines were read before it began


def page_blocks(text: str, links: list[tuple[int, str, str]] | None = None,
                items: set[int] | None = None, notes: list[tuple[int, str]] | None = None,
                continued: set[int] | None = None) -> list[tuple[int, str]]:
    """(source line, text) of each innermost block element, furniture removed.

    ``links``, when given, receives (block number, anchor text, href) of every link
    in the kept blocks (block number: 1-based position in the returned list);
    ``items`` the block numbers of the list items (an <li>, or a block inside one);
    ``notes`` (block number, text) of each note written inline after its marker, as a
    tooltip ("<sup>1</sup><span class="modern-footnotes-footnote__note">Smith J, …</span>"),
    the k-th shown in its line as "[^k]"; ``continued`` the block numbers of the lines that
    go on an element's line above them, after a <br> (the others each begin an element).
    """
    root = _parse(text)
    if root is None:
        return []
    starts = {} if isinstance(root, _Node) else _start_lines(root, text)
    out: list[tuple[int, str]] = []
    markers: dict = {}  # <sup> element -> the note marker ("[1]") it stands for
    blocks: list[_Block] = []  # the open block elements, innermost last
    # What each open element is, innermost last: its "end" needs no second look at it.
    opened: list[int] = []
    block = None  # the innermost open block
    entry_ids: list = []  # the ids of the page's entries, read at the first link to an id ([set])
    inline_notes: list[list] = []  # [block number, text] of each inline note
    walk = _walk(root)
    for event, el in walk:
        if event == "start":
            tag = el.tag  # lxml builds a new str on each read: read once
            if _is_furniture(el, tag):
                opened.append(_SKIPPED)
                walk.skip_subtree()
                continue
            if tag == "sup":
                marker = _note_marker(el, markers)
                if marker and not _is_exponent(el.tail, block.parts[-1] if block is not None and block.parts else ""):
                    markers[el] = marker
                    opened.append(_SKIPPED)
                    walk.skip_subtree()
                    if block is not None:
                        block.parts.append(marker)
                    continue
            if tag == "a" and block is not None:
                href = el.get("href")
                if href is not None:
                    # "<a href="#R1">1</a>": a note marker when R1 is an entry's id; "<a
                    # href="#ref1">↩</a>": a note's link back to its marker, no part of it
                    if href[:1] == "#" and len(href) > 1 \
                            and (_is_backlink(el) or _link_note(el, href[1:], block, root, markers, entry_ids)):
                        opened.append(_SKIPPED)
                        walk.skip_subtree()
                        continue
                    block.anchors.append(el)
                opened.append(_INLINE)
            elif tag == "br" and block is not None:
                _break_line(block, el)
                opened.append(_INLINE)
            elif tag == "span" and block is not None and _is_inline_note(el):
                _read_inline_note(el, block, markers, inline_notes)
                opened.append(_SKIPPED)
                walk.skip_subtree()
                continue
            elif tag in _BLOCK_SET:
                if block is not None:
                    if block.parts:
                        # Its text so far is a line of its own ("<div>Text <a>link</a><p>…"):
                        # a block that holds blocks was read only through them, its own text lost.
                        _add_loose(block, markers, out, links, items, continued)
                    block.nested = True
                in_item = tag == "li" or (block is not None and block.in_item)
                block = _Block(starts.get(el) or el.sourceline or 1, item=tag == "li", in_item=in_item,
                               page=tag in _PAGE_TAGS, row=tag == "tr", out_at=len(out))
                blocks.append(block)
                opened.append(_BLOCK)
            else:
                opened.append(_INLINE)
            if block is not None:
                el_text = el.text
                if el_text:
                    block.parts.append(el_text)
            continue
        # The end of an element: the text after it (its tail) belongs to the block around it.
        if block is not None and block.anchors and block.anchors[-1] is el:
            block.anchor_ends[len(block.anchors) - 1] = len(block.parts)
        if opened.pop() == _BLOCK:
            blocks.pop()
            if not block.nested and not block.page:
                _add_block(block, markers, out, links, continued)
                if block.in_item and items is not None:
                    items.add(len(out))
            elif block.parts:
                _add_loose(block, markers, out, links, items, continued)
            if block.row:
                _join_numbered_row(out, block.out_at, links, items, continued)
            ended, block = block, (blocks[-1] if blocks else None)
            if block is not None and block.nested:
                block.line = ended.line  # the text after it is read from there on
        if block is not None:
            el_tail = el.tail
            if el_tail:
                block.parts.append(el_tail)
    # Superscript digits as note markers: looked for in all the blocks at once, as most
    # pages have none.
    if holds_superscript_digits("".join(block_text for _, block_text in out)):
        out = [(line, superscripts_as_markers(block_text)) for line, block_text in out]
    if notes is not None:
        notes.extend((line, note_text) for line, note_text in inline_notes if line)
    return out


def _start_lines(root, text: str) -> dict:
    """Block element -> the line its start tag begins on, for start tags written over
    several lines (an attribute a line, as Prettier writes them): libxml2 gives an
    element the line its start tag ends on."""
    begins: dict[tuple[str, int], int] = {}  # (tag, line the start tag ends on) -> line it begins on
    line = 1
    pos = 0
    for m in _MULTILINE_TAG_RE.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        tag = m.group(1).lower()
        if tag in _BLOCK_SET:
            begins.setdefault((tag, line + m.group().count("\n")), line)
    out = {}
    if begins:
        # Other tags that end on that line also begin there, after it: the first
        # element with that tag and line is the one.
        for el in root.iter(*_BLOCK_TAGS):
            begin = begins.pop((el.tag, el.sourceline), None)
            if begin is not None:
                out[el] = begin
    return out


def _break_line(block: _Block, br) -> None:
    """A <br>: the block's line ends there ("<p><strong>Sources</strong><br>1. …<br>2. …</p>",
    as WordPress writes Shift+Enter), as a line break ends a line of text; in a list item, a
    space (the item is one entry, its <br> a wrap)."""
    if block.in_item:
        block.parts.append(" ")
        return
    tail = br.tail or ""
    # The next line begins on the line its text begins on: "<br>\n2. Park …" on the next.
    line = (br.sourceline or block.line) + tail.count("\n", 0, len(tail) - len(tail.lstrip()))
    block.breaks += ((len(block.parts), len(block.anchors), line),)


def _broken_lines(block: _Block) -> list[_Block]:
    """The lines the block's <br>s break it into, each a block of its own; a line that is
    a link alone is kept with the line above it."""
    lines: list[_Block] = []
    part_at = anchor_at = 0
    line = block.line
    for part_end, anchor_end, next_line in [*block.breaks, (len(block.parts), len(block.anchors), 0)]:
        parts, anchors = block.parts[part_at:part_end], block.anchors[anchor_at:anchor_end]
        ends = {k - anchor_at: end - part_at for k, end in block.anchor_ends.items() if anchor_at <= k < anchor_end}
        if lines and is_link_line("".join(parts)):
            above = lines[-1]
            above.anchor_ends.update({len(above.anchors) + k: len(above.parts) + 1 + end for k, end in ends.items()})
            above.parts += [" ", *parts]
            above.anchors += anchors
        else:
            lines.append(_Block(line, parts, anchors, ends, item=block.item))
        lines[-1].notes += tuple(note for note in block.notes if part_at <= note[0] < part_end)
        part_at, anchor_at, line = part_end, anchor_end, next_line
    return lines


def _add_block(block: _Block, markers: dict, out: list[tuple[int, str]],
               links: list[tuple[int, str, str]] | None, continued: set[int] | None = None) -> None:
    """Append an innermost block's line to ``out`` (superscript digits not yet read as
    note markers) and its links to ``links``; a block broken by <br>s, its lines, each after
    the first to ``continued``."""
    if block.breaks:
        for k, line in enumerate(_broken_lines(block)):
            _add_block(line, markers, out, links)
            if k and continued is not None:
                continued.add(len(out))
        return
    block_text = _single_spaced("".join(block.parts))
    hrefs = [a.get("href").strip() for a in block.anchors]
    added = _identifier_links(hrefs, block_text, block.item) if hrefs else []
    if added:
        block_text = " ".join([block_text, *added]) if block.item else _links_after_anchors(block, hrefs, added)
    out.append((block.line, block_text))
    for _, note in block.notes:
        note[0] = len(out)
    if links is None:
        return
    for a, href in zip(block.anchors, hrefs):
        if href.startswith(("http://", "https://", "//")) or href.lower().startswith("doi:"):
            anchor = " ".join(_bounded_text(a, markers, _ANCHOR_MAX_NODES, _ANCHOR_MAX_CHARS, whole=False).split())
            title = a.get("title")
            if title and title.strip():  # title="Cernunnos, a novel …": may name the work
                anchor = LinkAnchor(anchor, " ".join(title.split())[:_ANCHOR_MAX_CHARS])
            links.append((len(out), anchor, href))


def _add_loose(block: _Block, markers: dict, out: list[tuple[int, str]],
               links: list[tuple[int, str, str]] | None, items: set[int] | None,
               continued: set[int] | None = None) -> None:
    """Append the text a block holds beside its blocks, when there is any, and start anew."""
    if "".join(block.parts).strip():
        _add_block(block, markers, out, links, continued)
        if block.in_item and items is not None:
            items.add(len(out))
    block.parts, block.anchors, block.anchor_ends, block.breaks, block.notes = [], [], {}, (), ()




def _join_numbered_row(out: list[tuple[int, str]], start: int, links: list[tuple[int, str, str]] | None,
                       items: set[int] | None, continued: set[int] | None) -> None:
    """A table row read as the lines ``out[start:]``, one a cell, as one line "1. entry" when its
    first cell is a number and the others hold words: a reference list set as a table with a
    number column (a one-column table is read a cell a line already)."""
    cells = [text for _, text in out[start:] if text]
    if len(cells) < 2:
        return
    label = row_number(cells[0])
    if label is None or not any(c.isalpha() for cell in cells[1:] for c in cell):
        return
    count = len(out) - start
    out[start:] = [(out[start][0], f"{label}. {joined_cells(cells[1:])}")]
    number = start + 1  # the row's line, as a block number
    for k in range(len(links or ()) - 1, -1, -1):
        if links[k][0] <= start:
            break
        links[k] = (number, *links[k][1:])
    if items:
        items.difference_update(range(number + 1, start + count + 1))
    if continued:
        continued.difference_update(range(number, start + count + 1))


def _single_spaced(text: str) -> str:
    """``" ".join(text.split())``: each white space run as one space, none at either end."""
    # A printable text holds no white space but " " (every other kind is unprintable):
    # without "  " or a space at an end it is single-spaced already, as most blocks are,
    # and splitting it into words would cost several times more.
    if text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" "):
        return text
    return " ".join(text.split())


def _is_furniture(el, tag: str) -> bool:
    """Never article content: an ignored tag, or a class/id word such as "share" or "sidebar".
    ``tag``: the element's tag."""
    if tag in _IGNORED_SET:
        return True
    if tag in _NEVER_DROPPED or not el.attrib:
        return False
    cls = el.get("class")
    ident = el.get("id")
    if cls is None and ident is None:
        return False
    return _FURNITURE_ATTR_RE.search(f"{cls or ''} {ident or ''}") is not None


def _note_marker(sup, markers: dict) -> str | None:
    """<sup>1</sup>, <sup><a href="#ref1">1,2</a></sup> -> "[1]", "[1,2]": numbered-note markers."""
    m = _SUP_NOTE_RE.match(_bounded_text(sup, markers, _MARKER_MAX_NODES, _MARKER_MAX_CHARS))
    return f"[{m.group(1).replace(' ', '')}]" if m else None


# A note's link back to its marker: "↩" (WordPress, Pandoc), "↑", "^" (Wikipedia), "⤴".
_BACKLINK_RE = re.compile(r"\s*[↩↑⇧⤴↵⬆^][\ufe0e\ufe0f]?\s*")


def _is_backlink(a) -> bool:
    """True when a link to an id reads as a backlink arrow alone ("<a href="#ref1">↩</a>")."""
    text = a.text
    return text is not None and len(text) <= 8 and _BACKLINK_RE.fullmatch(text) is not None


# The class of a note written inline after its marker, shown as a tooltip: Modern Footnotes'
# "modern-footnotes-footnote__note", and the like ("footnote-tooltip", "mfn-note").
_INLINE_NOTE_RE = re.compile(r"footnotes?__note|footnote[-_]tooltip|\bmfn[-_]note\b", re.IGNORECASE)
_MARKER_PART_RE = re.compile(r"\[\d{1,3}\]")


def _is_inline_note(span) -> bool:
    """True when a <span> holds a note's text written inline after its marker."""
    cls = span.get("class")
    return cls is not None and "note" in cls and _INLINE_NOTE_RE.search(cls) is not None


def _read_inline_note(span, block: _Block, markers: dict, inline_notes: list[list]) -> None:
    """Read an inline note: its text to ``inline_notes`` and its marker, the "[1]" its <sup>
    gave, as "[^k]" (the k-th note; not a numbered list's "[1]")."""
    text = _single_spaced(_bounded_text(span, markers, _ANCHOR_MAX_NODES, _ANCHOR_MAX_CHARS, whole=False))
    if not text:
        return
    note = [0, text]
    inline_notes.append(note)
    shown = f"[^{len(inline_notes)}]"
    if block.parts and _MARKER_PART_RE.fullmatch(block.parts[-1]):
        block.parts[-1] = shown
    else:
        block.parts.append(shown)
    block.notes += ((len(block.parts) - 1, note),)


# A link to an id whose text is a note number ("<a href="#R1">1</a>", PMC's in-text
# citations): a note marker when the id is an entry's (a list item, or a block named
# as a reference), and the link is not already in brackets ("[<a href="#R4">4</a>]").
_LINK_NOTE_RE = re.compile(r"^\s*(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)\s*$")
# An element that holds an entry: a list item, or a block whose id or class names a reference.
_ENTRY_TAGS = frozenset(("li", "dd", "dt"))
_ENTRY_ATTR_RE = re.compile(r"ref|bib|cit|note|fn", re.IGNORECASE)
# ... or whose id is a reference's in JATS-made pages ("R1", "B12", "CR5"); not a figure's ("F1", "T2").
_ENTRY_ID_RE = re.compile(r"(?:R|B|CR|C)\d{1,4}", re.IGNORECASE)
_ENTRY_BLOCK_TAGS = frozenset(("p", "div", "td", "tr", "section", "cite", "span"))
# Two markers of links joined by these are one ("<a>4</a>–<a>6</a>" is [4–6]).
_NOTE_JOIN_RE = re.compile(r"^\s*[,–-]\s*$")


def _link_note(el, target: str, block: _Block, root, markers: dict, entry_ids: list) -> str | None:
    """The note marker ("[1]", "[2,3]") a link to ``target`` (an id) stands for, appended
    to the block's text; None (nothing done) when its text is no note number, the id is no
    entry's, or brackets around it make its text a note already."""
    text = el.text
    if text and not text.lstrip()[:1].isdigit() and text.strip():
        return None  # a quick test: most links to an id are a table of contents' ("Methods")
    m = _LINK_NOTE_RE.match(_bounded_text(el, markers, _MARKER_MAX_NODES, _MARKER_MAX_CHARS))
    if m is None or _in_brackets(block.parts):
        return None  # no note number; or "[<a href="#R4">4</a>]", "[<a>2</a>, <a>3</a>]": a note as written
    before = block.parts[-1] if block.parts else ""
    if not entry_ids:
        entry_ids.append(_entry_ids(root))
    if target not in entry_ids[0]:
        return None
    number = m.group(1).replace(" ", "")
    if block.note_at >= 0 and block.note_at == len(block.parts) - 2 and _NOTE_JOIN_RE.match(before):
        # "<a>4</a>–<a>6</a>": one marker, the range, as a <sup>4–6</sup> is read
        number = f"{block.parts[block.note_at][1:-1]}{before.strip()}{number}"
        del block.parts[-2:]
    marker = f"[{number}]"
    markers[el] = marker
    block.parts.append(marker)
    block.note_at = len(block.parts) - 1
    return marker


def _in_brackets(parts: list[str]) -> bool:
    """True when the text so far leaves a "[" open."""
    for part in reversed(parts):
        at = max(part.rfind("["), part.rfind("]"))
        if at >= 0:
            return part[at] == "["
    return False


def _entry_ids(root) -> frozenset[str]:
    """The ids of the page's elements that hold an entry: a list item (<li>, <dd>, <dt>),
    or a block whose id or class names a reference ("R1", "B12", "ref-3", "CR5")."""
    ids = set()
    stack = [root]
    while stack:
        el = stack.pop()
        children = el.children if isinstance(el, _Node) else el
        for child in children:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # a comment or processing instruction
            ident = child.get("id")
            if ident and (tag in _ENTRY_TAGS or tag in _ENTRY_BLOCK_TAGS
                          and (_ENTRY_ID_RE.fullmatch(ident)
                               or _ENTRY_ATTR_RE.search(f"{ident} {child.get('class') or ''}"))):
                ids.add(ident)
            stack.append(child)
    return frozenset(ids)


# A superscript number after a space with an element's symbol right after it is a mass
# number, no note marker ("<sup>11</sup>C-PiB", "<sup>18</sup>F").
_ELEMENT_START_RE = re.compile(r"[A-Z][a-z]?(?![a-z])")


def _is_exponent(after: str | None, before: str) -> bool:
    """True when a superscript number between ``before`` and ``after`` is an exponent or a
    mass number, not a note marker."""
    if ends_in_unit(before):
        return True
    return (not before or before[-1:].isspace() or before.endswith(("(", "-", "/"))) \
        and after is not None and _ELEMENT_START_RE.match(after) is not None


def _bounded_text(el, markers: dict, max_nodes: int, max_chars: int, whole: bool = True) -> str:
    """The element's text, read from at most ``max_nodes`` nodes and ``max_chars``
    characters: "" past them when ``whole``, else what was read so far.

    Reading the whole text of every <sup> or <a> is quadratic when they nest
    (benchmarks/fuzz.py: 20,000 nested <sup> took minutes, 7,600 nested links 20 s)."""
    parts: list[str] = []
    size = 0
    for count, node in enumerate(_nodes(el, markers), start=1):
        if count > max_nodes:
            return "" if whole else "".join(parts)
        if node is not None:
            parts.append(node)
            size += len(node)
            if size > max_chars:
                return "" if whole else "".join(parts)[:max_chars]
    return "".join(parts)


def _nodes(el, markers: dict):
    """What lies inside ``el``, lazily and in order: None for an element, the text
    for a piece of text; furniture left out, a note marker's <sup> as its marker."""
    walk = _walk(el)
    for event, node in walk:
        if node is el:
            if event == "start" and el.text:
                yield el.text
            continue
        if event == "start":
            if _is_furniture(node, node.tag):
                walk.skip_subtree()  # its tail still comes, at its "end"
                continue
            marker = markers.get(node)
            if marker:
                walk.skip_subtree()
            yield marker
            if node.text and not marker:
                yield node.text
        elif node.tail:
            yield node.tail


def _links_after_anchors(block: _Block, hrefs: list[str], added: list[str]) -> str:
    """The block's text with each address of ``added`` written at the end of the sentence that
    holds its link, so that it stays that sentence's (trial 36: written at the paragraph's end, a
    link tied the paragraph's last sentence, a claim of another study, to its source). At the
    sentence's end, it splits no citation the link's words are part of ("<a>Strauss et al.</a>
    (2007) showed …")."""
    from citecheck.extract.claims import sentence_ends

    text = "".join(block.parts)
    starts = list(itertools.accumulate((len(part) for part in block.parts), initial=0))
    ends = sentence_ends(text)
    places = []
    for href in added:
        at = starts[block.anchor_ends.get(hrefs.index(href), len(block.parts))]
        end = next((end for end in ends if end >= at), len(text))
        stop = _SENTENCE_STOP_RE.search(text, at, end)  # before the sentence's stop: ". https://…" opens the next
        places.append((stop.start() if stop else end, href))
    for at, href in sorted(places, key=lambda place: place[0], reverse=True):
        text = f"{text[:at]} {href}{text[at:]}"
    return _single_spaced(text)


# The stop that ends a sentence, with the quotes, brackets and note markers after it.
_SENTENCE_STOP_RE = re.compile(r"[.!?][\"”’')\]]*+(?:\[[^\]\[]{0,40}\])*+\s*+$")


def _identifier_links(hrefs: list[str], text: str, item: bool = False) -> list[str]:
    """The ``hrefs`` (of the block's links) that identify a work (doi.org, PubMed, a
    publisher's page with the DOI in its address) and that the visible text does not
    already carry, to be written into it. In a list item (``item``), a link to anything
    else is written too when the text names no address: "Mayo Clinic: Ketamine" is an
    entry of its list, a web page, as it is where a text article writes the address."""
    added: list[str] = []
    lowered = None
    for href in hrefs:
        doi = find_doi(href) if "10." in href else None
        if not (doi or _LINK_ID_RE.search(href)):
            if not (item and not added and href.startswith(("http://", "https://")) and not has_url(text)):
                continue
        if href in added:
            continue  # the same link many times over (a fuzzed page): once is enough
        lowered = lowered if lowered is not None else text.lower()
        if doi and doi.lower() in lowered:
            continue
        if not doi and href in text:
            continue
        added.append(href)
        lowered += " " + href.lower()
    return added


def _parse(text: str):
    """The page's root element: lxml's, else (a page libxml2 cannot read in full)
    a _Node; None for an empty page."""
    if text.count("\n") < _LIBXML2_MAX_LINE:
        # Bytes with the encoding named: libxml2 refuses a str that declares an
        # encoding (<?xml ... encoding=...?>), and must not believe a <meta charset>.
        # huge_tree: text nodes over 10 MB, and 2,048 open elements rather than 256.
        parser = etree.HTMLParser(encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True)
        try:
            root = etree.fromstring(text.encode("utf-8", "replace"), parser)
        except etree.LxmlError:  # older lxml releases raise on an empty page
            root = None
        else:
            if not parser.error_log.filter_from_fatals():  # a fatal error stops libxml2 mid-page
                if root is not None:
                    # What follows </html> becomes a second <html> beside the first.
                    for extra in list(root.itersiblings()):
                        root.append(extra)
                return root
    tree = _StdlibTree()
    tree.feed(_without_comments(text))
    tree.close()
    return tree.root


def _without_comments(text: str) -> str:
    """The page with its comments blanked (their line breaks kept, for the lines), an unclosed
    one running to the end as browsers read it: html.parser looks for each unclosed comment's
    end again from every later "<!--", in time quadratic in their number."""
    if "<!--" not in text:
        return text
    parts, at = [], 0
    while (start := text.find("<!--", at)) >= 0:
        end = text.find("-->", start + 4)
        stop = len(text) if end < 0 else end + 3
        parts += [text[at:start], "\n" * text.count("\n", start, stop)]
        at = stop
    parts.append(text[at:])
    return "".join(parts)


def _walk(el):
    """("start" | "end", element) for ``el`` and every element inside it, in
    document order; ``skip_subtree()`` on the walk skips what is inside the element
    just started."""
    return _NodeWalk(el) if isinstance(el, _Node) else etree.iterwalk(el, events=("start", "end"))


class _Node:
    """An element of the tree built from html.parser, with the parts of lxml's
    element the walk reads."""

    __slots__ = ("tag", "attrib", "sourceline", "text", "tail", "children")

    def __init__(self, tag: str, attrib: dict[str, str], sourceline: int) -> None:
        self.tag = tag
        self.attrib = attrib
        self.sourceline = sourceline
        self.text: str | None = None  # text before the first child
        self.tail: str | None = None  # text after the element, before its next sibling
        self.children: list[_Node] = []

    def get(self, key: str, default: str | None = None) -> str | None:
        """The attribute's value, else ``default``."""
        return self.attrib.get(key, default)


class _NodeWalk:
    """lxml's ``iterwalk(root, events=("start", "end"))`` for a tree of _Node."""

    def __init__(self, root: _Node) -> None:
        self._root = root
        self._skip = False

    def skip_subtree(self) -> None:
        """Do not enter the element just started."""
        self._skip = True

    def __iter__(self):
        self._skip = False
        yield "start", self._root
        stack = [(self._root, iter(() if self._skip else self._root.children))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                yield "end", node
                continue
            self._skip = False
            yield "start", child
            stack.append((child, iter(() if self._skip else child.children)))


# Elements without content or end tag (BeautifulSoup's list, which this reading follows).
_VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
                        "menuitem", "meta", "param", "source", "track", "wbr", "basefont", "bgsound",
                        "command", "frame", "image", "isindex", "nextid", "spacer"))


class _StdlibTree(HTMLParser):
    """A page as the standard library's html.parser reads it, as a tree of _Node
    (what BeautifulSoup built from it before): no limit on depth or lines.

    An end tag closes the latest open element of its name and those opened after
    it; one that matches no open element is ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("document", {}, 1)
        self._open = [self.root]
        self._open_names: dict[str, int] = {}  # how many open elements have each tag
        self._text: list[str] = []  # text read since the last element began or ended

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A new element inside the innermost open one."""
        self._flush()
        el = _Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self._open[-1].children.append(el)
        if tag not in _VOID_TAGS:
            self._open.append(el)
            self._open_names[tag] = self._open_names.get(tag, 0) + 1

    def parse_html_declaration(self, i: int) -> int:
        """As html.parser's, but a marked section it does not know ("<![C", "<![foo[")
        is a bogus comment, as browsers read it: Python 3.11 raises AssertionError."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """<br/>, <p/>: an element closed at once."""
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close the latest open element with this tag, and those inside it."""
        if not self._open_names.get(tag):
            return
        self._flush()
        while True:
            name = self._open.pop().tag
            self._open_names[name] -= 1
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        """Text, kept until the next element begins or ends."""
        self._text.append(data)

    def close(self) -> None:
        """Read what is left of the page."""
        super().close()
        self._flush()

    def _flush(self) -> None:
        """The text read so far goes to the innermost open element: its own text,
        or the tail of its last child."""
        if self._text:
            top = self._open[-1]
            data = "".join(self._text)
            self._text = []
            if top.children:
                last = top.children[-1]
                last.tail = (last.tail or "") + data
            else:
                top.text = (top.text or "") + data


def _numbers(count: int, continued: set[int]) -> list[int]:
    """The line number of each of ``count`` blocks: one left out before each block but those
    in ``continued`` (1-based block numbers), as a blank line."""
    if not continued:
        return list(range(1, 2 * count, 2))
    out, at = [], -1
    for i in range(1, count + 1):
        at += 1 if i in continued else 2
        out.append(at)
    return out


#: Fewer words than this in a page, and it may be no article at all (a page built by scripts, a bot check)
NO_ARTICLE_WORDS = 40
_SCRIPT_RE = re.compile(r"<script\b", re.IGNORECASE)
_REFRESH_RE = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh", re.IGNORECASE)
_BOT_CHECK_RE = re.compile(r"just a moment\.\.\.|checking (?:if the site connection is secure|your browser)|"
                           r"attention required|enable javascript and cookies|verify(?:ing)? you are (?:a )?human",
                           re.IGNORECASE)


def _refuse_a_page_without_text(page: str, blocks: list[tuple[int, str]]) -> None:
    """Raise ExtractError for a page that cites nothing and holds no article to read: no text at all,
    or a few words and a bot check, a redirect or scripts that would build the page in a browser
    (trial 33: such pages, fetched by URL, passed as "no references found", exit 0)."""
    words = " ".join(text for _, text in blocks)
    if _BOT_CHECK_RE.search(words) or _BOT_CHECK_RE.search(page[:5000]):
        why = "a bot check answered instead of the article"
    elif _REFRESH_RE.search(page):
        why = "a page that sends the browser elsewhere (meta refresh)"
    elif _SCRIPT_RE.search(page):
        why = "its text is built by scripts in a browser"
    elif not words.strip():
        why = "no text in it"
    else:
        return  # a short page: read as it is
    advice = "" if why == "no text in it" else "; open it in a browser, save the page, and check that file"
    raise ExtractError(f"no article text in the page: {why}{advice}")


class HtmlExtractor(Extractor):
    """HTML pages: a reference heading and the list or paragraphs after it."""

    name = "html"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in an HTML page; ``line`` is the element's source line."""
        links: list[tuple[int, str, str]] = []
        items: set[int] = set()
        notes: list[tuple[int, str]] = []
        continued: set[int] = set()
        page = decode(data)
        blocks = page_blocks(page, links, items, notes, continued)
        # Work on block numbers (a minified page has every block on source line 1),
        # then report each element's source line.  A number left out before each element
        # is a blank line above it, as in text: a sentence never runs on into the next
        # paragraph (a link's words, a claim); a line after a <br> goes on from the one above.
        number = _numbers(len(blocks), continued)
        numbered = [(n, text) for n, (_, text) in zip(number, blocks)]
        line_map = {n: line for n, (line, _) in zip(number, blocks)}
        links = [(number[i - 1], anchor, href) for i, anchor, href in links]
        items = {number[i - 1] for i in items}
        notes = [(number[i - 1], note) for i, note in notes]
        markers = [(line, f"[^{k}]", k - 1) for k, (line, _) in enumerate(notes, start=1)]
        extraction = build_extraction(numbered, self.name, join_wraps=False, links=links, list_items=items,
                                      line_map=line_map, notes=notes, note_markers=markers)
        if not extraction.citations and not extraction.in_text \
                and sum(len(text.split()) for _, text in blocks[:NO_ARTICLE_WORDS]) < NO_ARTICLE_WORDS:
            _refuse_a_page_without_text(page, blocks)
        return extraction
