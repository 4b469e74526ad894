"""Word documents (.docx), read with python-docx.

Every paragraph of the body (headings, table cells and text boxes included, in document
order) is a block whose ``line`` is its 1-based paragraph number, counted so; a
paragraph that Word numbers or bullets is a list item, as "1." makes one in
text.  A soft line break (Shift+Enter) parts a paragraph into lines, as
a line break parts text, and paragraphs are kept apart as blank lines keep
them in text; deleted and moved-away text (``w:del``, ``w:moveFrom``) is not
read; a table row numbered in its first cell is one entry, "1. …".  Footnotes
and endnotes are read from their own XML parts: a note that cites something
becomes a citation whose ``line`` is the paragraph that calls it, and its
marker there an in-text citation.  Hyperlinks are kept with
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

from lxml import etree

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.text import build_extraction, ends_in_unit, is_link_line, joined_cells, row_number
from citecheck.models import Extraction

#: the most a .docx may unpack to (all members, as declared); real articles are a few MB
MAX_DOCX_UNPACKED_BYTES = 256 * 1024 * 1024
#: the most members a .docx may hold
MAX_DOCX_MEMBERS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
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
    """One paragraph's lines (its soft line breaks part them), its links, its note calls."""

    __slots__ = ("lines", "links", "notes")

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.links: list[tuple[str, str, int]] = []  # (anchor, URL, the line it is on)
        self.notes: list[tuple[str, str]] = []  # (kind, id)

    @property
    def text(self) -> str:
        """Its lines as one text."""
        return " ".join(line for line in self.lines if line)


# Never read: deleted text and the old place of moved text, as Word shows them struck
# through ("w:delText" is no "w:t", but a deleted break or note call would be read); the
# copy of a text box or shape Word writes for older readers (``mc:Fallback``, beside the
# ``mc:Choice`` it repeats); and, in the paragraph that anchors it, a text box's text,
# which is read as paragraphs of its own (trial 34: a text box's text was read twice).
_UNREAD = frozenset((f"{_W}del", f"{_W}moveFrom", f"{_MC}Fallback", f"{_W}txbxContent"))
# A line break: Shift+Enter ("w:br", "w:cr"), and page and column breaks ("w:br w:type=page").
_BREAKS = frozenset((f"{_W}br", f"{_W}cr"))


def _read_paragraph(p, rels: dict[str, str]) -> _Para:
    """Walk one <w:p> iteratively: text, tabs/breaks, hyperlinks, note calls, superscripts;
    deleted and moved-away text left out."""
    out = _Para()
    lines: list[list[str]] = [[]]
    parts = lines[0]
    walk = etree.iterwalk(p, events=("start",))
    for _, el in walk:
        tag = el.tag
        if tag == f"{_W}t":
            parts.append(_run_text(el))
        elif tag in _BREAKS:
            parts = []
            lines.append(parts)
        elif tag == f"{_W}tab":
            parts.append(" ")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag in _UNREAD:
            walk.skip_subtree()
        elif tag == f"{_W}hyperlink":
            url = rels.get(el.get(_R_ID) or "", "")
            anchor = "".join(t.text or "" for t in el.iter(f"{_W}t"))
            if url:
                out.links.append((anchor, url, len(lines) - 1))
        elif tag in (f"{_W}footnoteReference", f"{_W}endnoteReference"):
            kind = "footnote" if tag == f"{_W}footnoteReference" else "endnote"
            out.notes.append((kind, el.get(f"{_W}id") or ""))
            parts.append(f"\x00{kind}:{el.get(f'{_W}id')}\x00")
        elif tag == f"{_W}instrText" and el.text and "HYPERLINK" in el.text:
            # A field-code hyperlink: HYPERLINK "https://doi.org/..."
            m = re.search(r'HYPERLINK\s+"([^"]+)"', el.text)
            if m:
                out.links.append(("", m.group(1), len(lines) - 1))
    out.lines, at = _link_lines_joined([_SPACES_RE.sub(" ", "".join(line)).strip() for line in lines])
    if len(out.lines) < len(lines):
        out.links = [(anchor, url, at[k]) for anchor, url, k in out.links]
    return out


def _link_lines_joined(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with each that is a link alone ("https://doi.org/…" after a soft break) put
    back at the end of the line above it, and where each line went."""
    out: list[str] = []
    at: list[int] = []
    for line in lines:
        if out and out[-1] and is_link_line(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        at.append(len(out) - 1)
    return out, at


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
            if m and not ends_in_unit(_text_before(run)):
                return f"[{m.group(1).replace(' ', '')}]"
    return text


def _text_before(run) -> str:
    """The end of the text of the run before ``run`` in its paragraph: a superscript number after
    "kg/m" or "×10" is a power, no note (trial 34: "kg/m²" was read as note [2])."""
    prev = run.getprevious()
    while prev is not None and prev.tag != f"{_W}r":
        prev = prev.getprevious()
    if prev is None:
        return ""
    return "".join(t.text or "" for t in prev.iter(f"{_W}t"))[-8:]


def _paragraphs(root) -> list:
    """The paragraphs under ``root`` in document order, a text box's among them, but none of
    the copies Word writes for older readers (``mc:Fallback``)."""
    copies = {p for fallback in root.iter(f"{_MC}Fallback") for p in fallback.iter(f"{_W}p")}
    paragraphs = root.iter(f"{_W}p")
    return [p for p in paragraphs if p not in copies] if copies else list(paragraphs)


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
                    paras = [_read_paragraph(p, rels) for p in _paragraphs(note)]
                    text = " ".join(p.text for p in paras if p.text)
                    text = re.sub(r"\x00[^\x00]*\x00", "", text).strip()
                    links = [(anchor, url) for p in paras for anchor, url, _ in p.links]
                    notes[(kind, note.get(f"{_W}id") or "")] = (text, links)
    return notes


def _numbered_row(row, rels: dict[str, str]) -> _Para | None:
    """A table row whose first cell is a number ("1", "1.", "[1]") and whose other cells hold
    its entry, as one paragraph "1. entry": a reference list set as a table with a number
    column. None for any other row. A cell that is a link alone ("Full text") gives its
    link, not its words."""
    tcs = list(row.iterfind(f"{_W}tc"))
    if len(tcs) < 2:
        return None
    first = [_read_paragraph(p, rels) for p in tcs[0].iterfind(f"{_W}p")]
    label = row_number(" ".join(para.text for para in first))
    if label is None:
        return None  # (its other cells are read once, as paragraphs)
    cells = [first] + [[_read_paragraph(p, rels) for p in tc.iterfind(f"{_W}p")] for tc in tcs[1:]]
    out = _Para()
    texts = []
    for para in (para for cell in cells for para in cell):
        out.links += [(anchor, url, 0) for anchor, url, _ in para.links]
        out.notes += para.notes
        anchors = _SPACES_RE.sub(" ", "".join(anchor for anchor, _, _ in para.links)).strip()
        if para not in cells[0] and any(c.isalpha() for c in para.text) and para.text != anchors:
            texts.append(para.text)
    if not texts:
        return None
    out.lines = [f"{label}. {joined_cells(texts)}"]
    return out


def _paragraph(p, rels: dict[str, str], rows: dict) -> _Para | None:
    """A body paragraph as read; for the first paragraph of a numbered table row, the row as
    one entry, and None for the row's other paragraphs (read with it). ``rows``: each
    table row seen, with its entry or None."""
    cell = p.getparent()
    if cell is not None and cell.tag == f"{_W}tc":
        row = cell.getparent()
        if row not in rows:
            rows[row] = _numbered_row(row, rels)
            if rows[row] is not None:
                return rows[row]
        elif rows[row] is not None:
            return None
    return _read_paragraph(p, rels)


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

        blocks: list[tuple[int, str]] = []  # (block number, text) of each line of a paragraph
        line_map: dict[int, int] = {}  # block number -> paragraph number
        links: list[tuple[int, str, str]] = []
        note_entries: list[tuple[int, str]] = []
        markers: list[tuple[int, str, int]] = []
        note_numbers: dict[tuple[str, str], int] = {}
        shown_as: list[int] = []  # the number Word shows each note with
        per_kind: dict[str, int] = {}  # notes of each kind called so far
        list_items: set[int] = set()
        rows: dict = {}
        for number, p in enumerate(_paragraphs(body), start=1):
            para = _paragraph(p, rels, rows)
            if para is None:
                continue
            # A block number left out between paragraphs is a blank line between them, as in
            # text: a sentence never runs on into the next paragraph (a link's words, a claim).
            first = blocks[-1][0] + 2 if blocks else 1
            lines = para.lines
            if _is_list_item(p, list_styles):
                list_items.update(range(first, first + len(lines)))
            for key in para.notes:
                if key not in notes:
                    continue
                call = f"\x00{key[0]}:{key[1]}\x00"
                at = first + next((k for k, line in enumerate(lines) if call in line), 0)
                if key not in note_numbers:
                    note_numbers[key] = len(note_entries)
                    note_text, note_links = notes[key]
                    for anchor, url in note_links:
                        if url not in note_text and ("doi.org/" in url or "pubmed" in url):
                            note_text = f"{note_text} {url}"
                    note_entries.append((at, note_text))
                    per_kind[key[0]] = per_kind.get(key[0], 0) + 1  # Word numbers each kind apart
                    shown_as.append(per_kind[key[0]])
                # "[^1]": visible, and not read again as a numeric "[1]" citation.
                shown = f"[^{note_numbers[key] + 1}]"
                lines = [line.replace(call, shown) for line in lines]
                markers.append((at, shown, note_numbers[key]))
            lines = [re.sub(r"\x00[^\x00]*\x00", "", line) if "\x00" in line else line for line in lines]
            # A link's URL that the text does not show is added, as the HTML reader does.
            for anchor, url, k in para.links:
                links.append((first + k, anchor, url))
                if ("doi.org/" in url or "pubmed" in url) and url not in lines[k]:
                    lines[k] = f"{lines[k]} {url}"
            for k, line in enumerate(lines):
                blocks.append((first + k, line))
                line_map[first + k] = number
        # Each note's entry has the number Word shows it with: its place among the notes of its
        # kind (footnotes 1, 2, 3 …, endnotes i, ii, iii …) in the order they are called.
        return build_extraction(blocks, self.name, join_wraps=False, links=links, notes=note_entries,
                                note_markers=markers, list_items=list_items, line_map=line_map,
                                note_numbers=shown_as)
