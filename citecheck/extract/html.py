"""HTML articles: the page's block elements become "lines" for the list finder.

beautifulsoup4 with the standard library's "html.parser" (no compiled
dependency; it records each element's ``sourceline``).  Nothing here recurses
over the tree: bs4's find_all/descendants/get_text are iterative, and our own
loops walk flat lists, so deeply nested pages cannot raise RecursionError.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

from citecheck.extract.interface import Extractor
from citecheck.extract.parse import find_doi
from citecheck.extract.text import build_extraction, decode, superscripts_as_markers
from citecheck.models import Extraction

# Never article content: dropped with everything inside.
_IGNORED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
                 "iframe", "svg", "button", "select")
_IGNORED_SET = frozenset(_IGNORED_TAGS)
# class/id words that mark page furniture ("site-footer", "nav-menu", "sharedaddy").
_FURNITURE_ATTR_RE = re.compile(r"(?:^|[-_\s])(?:cookie|banner|nav|footer|related|share|sharing|social|"
                                r"sidebar|menu|breadcrumb|comment|popup|modal|newsletter|widget)",
                                re.IGNORECASE)
# Elements whose class says furniture but that hold the whole page.
_NEVER_DROPPED = {"html", "body", "main", "article"}
# Elements that make a "line" of their own.
_BLOCK_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "blockquote", "div",
               "td", "th", "caption", "figcaption", "pre", "section", "tr"]
_BLOCK_SET = frozenset(_BLOCK_TAGS)
_SUP_SET = frozenset(("sup",))
_SPACES_RE = re.compile(r"\s+")
_LINK_ID_RE = re.compile(r"doi\.org/10\.|^doi:|pubmed\.ncbi\.nlm\.nih\.gov/\d|ncbi\.nlm\.nih\.gov/pubmed/\d",
                         re.IGNORECASE)


# A note marker ("12", "[1-3]", "(4, 7)") is short: longer <sup> text is no marker.
_MARKER_MAX_CHARS = 40
_MARKER_MAX_NODES = 20
# A link's anchor text is a phrase or one reference: a few nodes, under 1,000 characters.
_ANCHOR_MAX_CHARS = 2000
_ANCHOR_MAX_NODES = 200
_SUP_NOTE_RE = re.compile(r"^\s*\[?\(?(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)\)?\]?\s*$")


def page_blocks(text: str, links: list[tuple[int, str, str]] | None = None) -> list[tuple[int, str]]:
    """(source line, text) of each innermost block element, furniture removed.

    ``links``, when given, receives (block number, anchor text, href) of every link
    in the kept blocks (block number: 1-based position in the returned list).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(text, "html.parser")
    _drop_furniture(soup)
    _mark_note_numbers(soup)
    blocks = _tags(soup, _BLOCK_SET)
    has_block_child: set[int] = set()
    for el in blocks:
        for parent in el.parents:
            if parent.name in _BLOCK_SET:
                has_block_child.add(id(parent))
                break
    anchors = _links_by_block(soup)
    out = []
    for el in blocks:
        if id(el) in has_block_child:
            continue
        # " ".join(t.split()) is _SPACES_RE.sub(" ", t).strip(): str.split() and \s
        # know the same white space; several times faster.
        block_text = " ".join(el.get_text().split())
        el_links = anchors.get(id(el), ())
        if el_links:
            block_text = _with_identifier_links(el_links, block_text)
        line = el.sourceline or 1
        out.append((line, superscripts_as_markers(block_text)))
        if links is not None:
            for a in el_links:
                href = a["href"].strip()
                if href.startswith(("http://", "https://", "//")) or href.lower().startswith("doi:"):
                    anchor = _bounded_text(a, _ANCHOR_MAX_NODES, _ANCHOR_MAX_CHARS, whole=False)
                    links.append((len(out), " ".join(anchor.split()), href))
    return out


def _links_by_block(soup: BeautifulSoup) -> dict[int, list]:
    """id(block element) -> its <a href> descendants in document order, each link
    under its nearest block ancestor (what ``block.find_all("a", href=True)`` gives
    for an innermost block), from one find_all over the page instead of one per block.

    The walk up from each link stops at an ancestor already walked through, so
    30,000 nested links cost 30,000 steps, not 30,000² / 2."""
    owner: dict[int, int | None] = {}  # id(inline element) -> id(its nearest block ancestor)
    out: dict[int, list] = {}
    for a in soup.find_all("a", href=True):
        path = []
        block = None
        node = a.parent
        while node is not None:
            key = id(node)
            if key in owner:
                block = owner[key]
                break
            if node.name in _BLOCK_SET:
                block = key
                break
            path.append(key)
            node = node.parent
        for key in path:
            owner[key] = block
        if block is not None:
            out.setdefault(block, []).append(a)
    return out


def _mark_note_numbers(soup: BeautifulSoup) -> None:
    """<sup>1</sup>, <sup><a href="#ref1">1,2</a></sup> -> "[1]", "[1,2]": numbered-note markers."""
    for sup in _tags(soup, _SUP_SET):
        m = _SUP_NOTE_RE.match(_bounded_text(sup, _MARKER_MAX_NODES, _MARKER_MAX_CHARS))
        if m:
            sup.replace_with(f"[{m.group(1).replace(' ', '')}]")


def _bounded_text(el, max_nodes: int, max_chars: int, whole: bool = True) -> str:
    """The element's text, read from at most ``max_nodes`` nodes and ``max_chars``
    characters: "" past them when ``whole``, else what was read so far.

    get_text() on every <sup> or <a> is quadratic when they nest (benchmarks/fuzz.py:
    20,000 nested <sup> took minutes, 7,600 nested links 20 s)."""
    # A bounded walk of our own: bs4's .descendants first finds the subtree's
    # last node, itself a walk of the whole subtree.
    parts: list[str] = []
    size = visited = 0
    stack = list(reversed(el.contents))
    while stack:
        node = stack.pop()
        visited += 1
        if visited > max_nodes:
            return "" if whole else "".join(parts)
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment):
                parts.append(str(node))
                size += len(node)
                if size > max_chars:
                    return "" if whole else "".join(parts)[:max_chars]
        else:
            stack.extend(reversed(node.contents))
    return "".join(parts)


def _tags(soup: BeautifulSoup, names: frozenset[str]) -> list[Tag]:
    """``soup.find_all(names)`` (the elements with one of these names, in document
    order) from a plain walk over .descendants, without find_all's per-element filter
    machinery: several times faster."""
    return [el for el in soup.descendants if isinstance(el, Tag) and el.name in names]


def _drop_furniture(soup: BeautifulSoup) -> None:
    for el in _tags(soup, _IGNORED_SET):
        if not el.decomposed:
            el.decompose()
    doomed = []
    for el in [el for el in soup.descendants if isinstance(el, Tag)]:
        if el.name in _NEVER_DROPPED or el.attrs is None:
            continue
        marks = " ".join(el.get("class") or []) + " " + (el.get("id") or "")
        if marks.strip() and _FURNITURE_ATTR_RE.search(marks):
            doomed.append(el)
    for el in doomed:
        if not el.decomposed:
            el.decompose()


def _with_identifier_links(anchors, text: str) -> str:
    """Append doi.org / PubMed hrefs (of the block's <a href> elements ``anchors``)
    the visible text does not already carry."""
    added: list[str] = []
    lowered = None
    for a in anchors:
        href = a["href"].strip()
        if not _LINK_ID_RE.search(href):
            continue
        if href in added:
            continue  # the same link many times over (a fuzzed page): once is enough
        doi = find_doi(href)
        lowered = lowered if lowered is not None else text.lower()
        if doi and doi.lower() in lowered:
            continue
        if not doi and href in text:
            continue
        added.append(href)
        lowered += " " + href.lower()
    return " ".join([text, *added]) if added else text


class HtmlExtractor(Extractor):
    """HTML pages: a reference heading and the list or paragraphs after it."""

    name = "html"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in an HTML page; ``line`` is the element's source line."""
        links: list[tuple[int, str, str]] = []
        blocks = page_blocks(decode(data), links)
        # Work on block numbers (a minified page has every block on source line 1),
        # then report each element's source line.
        numbered = [(i, text) for i, (_, text) in enumerate(blocks, start=1)]
        line_map = {i: line for i, (line, _) in enumerate(blocks, start=1)}
        return build_extraction(numbered, self.name, join_wraps=False, links=links, line_map=line_map)
