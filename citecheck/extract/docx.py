"""Word documents (.docx), read with python-docx.

Every paragraph of the body (tables included, in document order) is a block
whose ``line`` is its 1-based paragraph number, as Word's "Go To" counts
them; a paragraph that Word numbers or bullets is a list item, as "1." makes
one in text.  Footnotes and endnotes are read from their own XML parts: a note
that cites something becomes a citation whose ``line`` is the paragraph that
calls it, and its marker there an in-text citation.  Hyperlinks are kept with
their anchor text (a doi.org or PubMed link is a citation of its own);
superscript numbers become "[n]" markers.

A .docx is a zip archive: before python-docx opens one, the declared sizes of
its members are bounded (``MAX_DOCX_UNPACKED_BYTES``), and zipfile never
inflates a member past its declared size, so a zip bomb is refused cheaply.
"""

from __future__ import annotations

import io
import re
import zipfile

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.text import build_extraction
from citecheck.models import Extraction

#: the most a .docx may unpack to (all members, as declared); real articles are a few MB
MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024
#: the most members a .docx may hold
MAX_DOCX_MEMBERS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SPACES_RE = re.compile(r"\s+")
_SUP_NUMBERS_RE = re.compile(r"^\s*\[?(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)\]?\s*$")
_NOTE_KINDS = (("footnotes", "footnote"), ("endnotes", "endnote"))


def check_zip(data: bytes) -> None:
    """Refuse a .docx that is not a zip, is broken, or would unpack too large."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractError(f"not a readable Word document: not a valid zip archive ({exc})") from None
    if len(infos) > MAX_DOCX_MEMBERS:
        raise ExtractError(f"refused: a Word document with {len(infos)} parts (more than {MAX_DOCX_MEMBERS})")
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_UNPACKED_BYTES:
        raise ExtractError(f"refused: the Word document would unpack to {total // 2**20} MB "
                           f"(more than {MAX_DOCX_UNPACKED_BYTES // 2**20} MB; a zip bomb?)")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ExtractError("not a Word document: the zip archive has no word/document.xml")


class _Para:
    """One paragraph's text, its links, its note calls."""

    __slots__ = ("text", "links", "notes")

    def __init__(self) -> None:
        self.text = ""
        self.links: list[tuple[str, str]] = []
        self.notes: list[tuple[str, str]] = []  # (kind, id)


def _read_paragraph(p, rels: dict[str, str]) -> _Para:
    """Walk one <w:p> iteratively: text, tabs/breaks, hyperlinks, note calls, superscripts."""
    out = _Para()
    parts: list[str] = []
    link_stack: list[tuple[object, str, int]] = []  # (element, url, text start)
    for el in p.iter():
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(_run_text(el))
        elif tag in (f"{_W}tab", f"{_W}br", f"{_W}cr"):
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}hyperlink":
            url = rels.get(el.get(_R_ID) or "", "")
            anchor = "".join(t.text or "" for t in el.iter(f"{_W}t"))
            if url:
                out.links.append((anchor, url))
        elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
            kind = "footnote" if tag == f"{_W}footnoteReference" else "endnote"
            out.notes.append((kind, el.get(f"{_W}id") or ""))
            parts.append(f"\x00{kind}:{el.get(f'{_W}id')}\x00")
        elif tag == f"{_W}instrText" and el.text and "HYPERLINK" in el.text:
            # A field-code hyperlink: HYPERLINK "https://doi.org/..."
            m = re.search(r'HYPERLINK\s+"([^"]+)"', el.text)
            if m:
                out.links.append(("", m.group(1)))
    del link_stack
    out.text = _SPACES_RE.sub(" ", "".join(parts)).strip()
    return out


def _run_text(t) -> str:
    text = t.text or ""
    run = t.getparent()
    if run is None or run.tag != f"{_W}r":
        return text
    rpr = run.find(f"{_W}rPr")
    if rpr is not None:
        va = rpr.find(f"{_W}vertAlign")
        if va is not None and va.get(f"{_W}val") == "superscript":
            m = _SUP_NUMBERS_RE.match(text)
            if m:
                return f"[{m.group(1).replace(' ', '')}]"
    return text


def _rels(part) -> dict[str, str]:
    out = {}
    for rid, rel in part.rels.items():
        if rel.is_external:
            out[rid] = rel.target_ref
    return out


def _notes(document_part) -> dict[tuple[str, str], tuple[str, list[tuple[str, str]]]]:
    """(kind, id) -> (note text, links) for the footnotes and endnotes parts."""
    from docx.oxml import parse_xml

    notes: dict[tuple[str, str], tuple[str, list[tuple[str, str]]]] = {}
    for rel in document_part.rels.values():
        for part_name, kind in _NOTE_KINDS:
            if rel.reltype.endswith("/" + part_name) and not rel.is_external:
                part = rel.target_part
                root = parse_xml(part.blob)
                rels = _rels(part)
                for note in root.iter(f"{_W}{kind}"):
                    if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                        continue
                    paras = [_read_paragraph(p, rels) for p in note.iter(f"{_W}p")]
                    text = " ".join(p.text for p in paras if p.text)
                    text = re.sub(r"\x00[^\x00]*\x00", "", text).strip()
                    links = [link for p in paras for link in p.links]
                    notes[(kind, note.get(f"{_W}id") or "")] = (text, links)
    return notes


class _ListStyles:
    """Which paragraph styles number or bullet their paragraphs ("List Number", "List
    Bullet", and the styles based on them), looked up for the styles a document uses only:
    a template defines a hundred and more."""

    def __init__(self, document) -> None:
        self.document = document  # its styles part is read on the first look-up
        self.known: dict[str, bool] = {}

    def __contains__(self, style_id: str) -> bool:
        if style_id not in self.known:
            self.known[style_id] = self._numbers(style_id)
        return self.known[style_id]

    def _numbers(self, style_id: str) -> bool:
        root = self.document.styles.element
        seen: set[str] = set()
        at = style_id
        while at and at not in seen:  # a loop of basedOn ends too
            seen.add(at)
            style = next((el for el in root.iterfind(f"{_W}style") if el.get(f"{_W}styleId") == at), None)
            if style is None:
                return False
            num_id = style.find(f"{_W}pPr/{_W}numPr/{_W}numId")
            if num_id is not None:
                return num_id.get(f"{_W}val") != "0"
            parent = style.find(f"{_W}basedOn")
            at = parent.get(f"{_W}val") if parent is not None else None
        return False


def _is_list_item(p, list_styles: _ListStyles) -> bool:
    """A paragraph of a numbered or bulleted list: numbered by itself or by its style."""
    ppr = p.find(f"{_W}pPr")
    if ppr is None:
        return False
    num_id = ppr.find(f"{_W}numPr/{_W}numId")
    if num_id is not None:
        return num_id.get(f"{_W}val") != "0"  # "0": numbering taken off
    style = ppr.find(f"{_W}pStyle")
    return style is not None and style.get(f"{_W}val") in list_styles


class DocxExtractor(Extractor):
    """Word documents: paragraphs, numbered lists, tables, footnotes, endnotes, links."""

    name = "docx"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a .docx; ``line`` is the paragraph number."""
        check_zip(data)
        try:
            import docx
        except ImportError:  # pragma: no cover - a packaging fault, said plainly
            raise ExtractError("reading .docx needs python-docx (pip install python-docx)") from None
        try:
            document = docx.Document(io.BytesIO(data))
            body = document.element.body
            rels = _rels(document.part)
            notes = _notes(document.part)
            list_styles = _ListStyles(document)
        except ExtractError:
            raise
        except Exception as exc:  # python-docx raises many types on a damaged package
            raise ExtractError(f"a broken Word document ({type(exc).__name__}: {str(exc)[:120]})") from None

        blocks: list[tuple[int, str]] = []
        links: list[tuple[int, str, str]] = []
        note_entries: list[tuple[int, str]] = []
        markers: list[tuple[int, str, int]] = []
        note_numbers: dict[tuple[str, str], int] = {}
        list_items: set[int] = set()
        for number, p in enumerate(body.iter(f"{_W}p"), start=1):
            para = _read_paragraph(p, rels)
            if _is_list_item(p, list_styles):
                list_items.add(number)
            text = para.text
            for key in para.notes:
                if key not in notes:
                    continue
                if key not in note_numbers:
                    note_numbers[key] = len(note_entries)
                    note_text, note_links = notes[key]
                    for anchor, url in note_links:
                        if url not in note_text and ("doi.org/" in url or "pubmed" in url):
                            note_text = f"{note_text} {url}"
                    note_entries.append((number, note_text))
                # "[^1]": visible, and not read again as a numeric "[1]" citation.
                shown = f"[^{note_numbers[key] + 1}]"
                text = text.replace(f"\x00{key[0]}:{key[1]}\x00", shown)
                markers.append((number, shown, note_numbers[key]))
            text = re.sub(r"\x00[^\x00]*\x00", "", text)
            # A link's URL that the text does not show is added, as the HTML reader does.
            for anchor, url in para.links:
                links.append((number, anchor, url))
                if ("doi.org/" in url or "pubmed" in url) and url not in text:
                    text = f"{text} {url}"
            blocks.append((number, text))
        return build_extraction(blocks, self.name, join_wraps=False, links=links,
                                notes=note_entries, note_markers=markers, list_items=list_items)
