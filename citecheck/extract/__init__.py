"""The extraction stage: a document's bytes in, an Extraction out.

``extract_bytes`` picks the extractor from the content first (a zip holding
``word/document.xml`` is a Word document, ``%PDF-`` a PDF, an image or a
program is refused) and from the suffix second; standard input and unknown
suffixes are sniffed (HTML, CSL-JSON, BibTeX, RIS, Markdown, else plain text).
A ``.json`` file, or text that is JSON, is read as CSL-JSON (a reference
manager's export) or refused: never read as an article with no references.
"""

from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import PurePath

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.models import Extraction

__all__ = ["ExtractError", "Extractor", "extract_bytes", "extract_document", "extractor_for", "ARTICLE_SUFFIXES"]

# Extractors by "module.Class", imported on first use: a run on Markdown never pays for
# the HTML, Word and PDF libraries (a quarter of a second of start-up on every run).
_TEXT, _MARKDOWN, _HTML = "text.TextExtractor", "markdown.MarkdownExtractor", "html.HtmlExtractor"
_DOCX, _PDF, _BIBTEX, _RIS = "docx.DocxExtractor", "pdf.PdfExtractor", "bib.BibtexExtractor", "bib.RisExtractor"
_CSL_JSON = "bib.CslJsonExtractor"  # refuses JSON that is not CSL-JSON
_CSL_YAML = "bib.CslYamlExtractor"  # refuses YAML that is not CSL-YAML
_MEDLINE = "medline.MedlineExtractor"
_ENDNOTE = "endnote.EndnoteXmlExtractor"  # refuses XML that is not EndNote's
_BY_SUFFIX: dict[str, str] = {
    ".txt": _TEXT,
    ".text": _TEXT,
    ".md": _MARKDOWN,
    ".markdown": _MARKDOWN,
    ".mdown": _MARKDOWN,
    ".mkd": _MARKDOWN,
    ".mkdn": _MARKDOWN,
    ".mdx": _MARKDOWN,  # MDX (Next.js, Docusaurus)
    ".qmd": _MARKDOWN,  # Quarto
    ".rmd": _MARKDOWN,  # R Markdown (suffixes are compared lower-cased)
    ".html": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".docx": _DOCX,
    ".pdf": _PDF,
    ".bib": _BIBTEX,
    ".bibtex": _BIBTEX,
    ".ris": _RIS,
    ".json": _CSL_JSON,  # also ".csl.json"
    ".yaml": _CSL_YAML,
    ".yml": _CSL_YAML,
    ".nbib": _MEDLINE,  # PubMed's "Send to: Citation manager"
    ".medline": _MEDLINE,
    ".xml": _ENDNOTE,  # EndNote's "Export → XML"
}
#: text suffixes whose files are sniffed for a reference manager's export first: PubMed saves
#: MEDLINE records as .txt, EndNote and others RIS as .txt
_SNIFFED_SUFFIXES = frozenset({".txt", ".text"})


def _extractor_class(name: str) -> type[Extractor]:
    """The extractor class called ``name`` ("module.Class" under citecheck.extract)."""
    module, cls = name.rsplit(".", 1)
    return getattr(importlib.import_module(f"citecheck.extract.{module}"), cls)


#: the suffixes a directory is searched for: the formats read, Markdown's dialects among them (a CI
#: job over a Quarto or MDX site once checked none of its articles and passed: trial 11, F3); not
#: .json or .yaml, as a folder's JSON and YAML files are seldom reference lists
ARTICLE_SUFFIXES = frozenset(_BY_SUFFIX) - {".json", ".yaml", ".yml", ".xml"}
#: bytes looked at when sniffing content
SNIFF_BYTES = 4096
#: a PDF's "%PDF-" may follow some junk; readers accept it within the first KiB
PDF_HEADER_WINDOW_BYTES = 1024

_HTML_SNIFF_RE = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)
_MARKDOWN_SNIFF_RE = re.compile(r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|^\s{0,3}\*\*[^*\n]+\*\*\s*:?\s*$",
                                re.MULTILINE)
_BIBTEX_SNIFF_RE = re.compile(rb"^\s*@(?:article|book|inbook|incollection|inproceedings|conference|misc|"
                              rb"online|phdthesis|mastersthesis|techreport|report|unpublished|manual|"
                              rb"booklet|proceedings|string|preamble|comment)\s*[{(]", re.IGNORECASE | re.MULTILINE)
_RIS_SNIFF_RE = re.compile(rb"\A\s*TY  - ")
_MEDLINE_SNIFF_RE = re.compile(rb"\A\s*PMID- ?\d")
_ENDNOTE_SNIFF_RE = re.compile(rb"\A\s*(?:<\?xml[^>]{0,200}\?>\s*)?<xml>\s*<records>")
# JSON: an array of objects (or an empty one), or an object with a quoted key. Not "[1] Smith ...".
_JSON_SNIFF_RE = re.compile(rb"\A\s*(?:\[\s*(?:\{|\]\s*\Z)|\{\s*\")")

# Signatures of files that are not articles: (prefix, what to call it).
_NOT_ARTICLES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"\xca\xfe\xba\xbe", "a program (Mach-O or Java class)"),
    (b"\xcf\xfa\xed\xfe", "a program (Mach-O)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office file (.doc/.xls): save it as .docx"),
    (b"{\\rtf", "an RTF document: save it as .docx or .txt"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"fLaC", "an audio file"),
    (b"%!PS", "a PostScript file"),
    (b"wOFF", "a web font"),
)
_NOT_ARTICLE_PREFIXES = tuple(prefix for prefix, _ in _NOT_ARTICLES)


def extractor_for(data: bytes, name: str) -> Extractor:
    """The extractor for a document called ``name`` ("-" for standard input).

    Raises ExtractError when the content is no article at all (an image, a
    program, an archive) or contradicts a binary suffix (a ``.docx`` that is
    not a zip).
    """
    suffix = PurePath(name).suffix.lower() if name not in ("-", "") and "://" not in name else ""
    by_content = _by_signature(data)
    if by_content is not None:
        return _extractor_class(by_content)()
    if suffix in (".docx", ".pdf") and not data.strip():
        raise ExtractError("an empty file (0 bytes)" if not data else "an empty file (white space only)")
    if suffix == ".docx":
        raise ExtractError("not a Word document: a .docx file is a zip archive and this one is not"
                           + _holds_text(data))
    if suffix == ".pdf":
        raise ExtractError("not a PDF: the file does not start with %PDF-" + _holds_text(data))
    if "://" in name[:12]:
        return _extractor_class(_HTML)()  # an article URL: only HTML pages are downloaded
    if suffix in _SNIFFED_SUFFIXES:
        export = _reference_export(data)
        if export is not None:
            return _extractor_class(export)()
    return _extractor_class(_BY_SUFFIX.get(suffix) or _sniff_text(data))()


#: suffixes of files a directory walk reads only when they hold a reference export (a
#: folder's other JSON, YAML and XML files are data and settings)
EXPORT_SUFFIXES = frozenset({".json", ".yaml", ".yml", ".xml"})
_CSL_YAML_SNIFF_RE = re.compile(rb"^(?:references:\s*$|- id:\s)", re.MULTILINE)


def is_reference_export(head: bytes, suffix: str) -> bool:
    """True when a file's first bytes (``head``) are those of a reference export its suffix
    allows: CSL-JSON, CSL-YAML or EndNote XML."""
    head = head.lstrip(b"\xef\xbb\xbf")
    if suffix == ".json":
        return _JSON_SNIFF_RE.match(head) is not None and b'"type"' in head
    if suffix in (".yaml", ".yml"):
        return _CSL_YAML_SNIFF_RE.search(head) is not None
    return suffix == ".xml" and _ENDNOTE_SNIFF_RE.match(head) is not None


def _reference_export(data: bytes) -> str | None:
    """RIS, MEDLINE, EndNote XML or BibTeX records, which a text file opens with when it is a
    reference manager's or PubMed's export saved as .txt; None for any other text."""
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if _RIS_SNIFF_RE.match(head):
        return _RIS
    if _MEDLINE_SNIFF_RE.match(head):
        return _MEDLINE
    if _ENDNOTE_SNIFF_RE.match(head):
        return _ENDNOTE
    if head.lstrip()[:1] in (b"@", b"%") and _BIBTEX_SNIFF_RE.search(head):
        return _BIBTEX  # (as .txt: Google Scholar's "Import into BibTeX", pasted)
    return None


def _by_signature(data: bytes) -> str | None:
    """The extractor of a binary format recognised by its first bytes, or None for text."""
    head = data[:SNIFF_BYTES]
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if b"%PDF-" in head[:PDF_HEADER_WINDOW_BYTES]:
        return _PDF
    if head.startswith(_NOT_ARTICLE_PREFIXES):  # one test first: most documents have none
        for prefix, kind in _NOT_ARTICLES:
            if head.startswith(prefix):
                # "MZ"/"BZh"/"ID3" could open a text file: only binary content counts.
                if len(prefix) <= 3 and b"\x00" not in head and not head.startswith(b"\xff\xd8"):
                    continue
                raise ExtractError(f"not an article: {kind}")
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        raise ExtractError("not an article: a WebP image")
    if head[4:8] == b"ftyp":
        raise ExtractError("not an article: a video or HEIC image")
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ExtractError(f"not an article: a broken zip archive ({exc})") from None
    if "word/document.xml" in names:
        return _DOCX
    if "xl/workbook.xml" in names:
        raise ExtractError("not an article: an Excel spreadsheet")
    if "ppt/presentation.xml" in names:
        raise ExtractError("not an article: a PowerPoint presentation")
    if "content.xml" in names and "mimetype" in names:
        raise ExtractError("not an article: an OpenDocument file (save it as .docx)")
    raise ExtractError("not an article: a zip archive")


#: what a text file named as a binary format holds, and the suffix to check it under
_TEXT_KINDS = {_HTML: ("an HTML page", ".html"), _RIS: ("RIS references", ".ris"), _BIBTEX: ("BibTeX", ".bib"),
               _MEDLINE: ("MEDLINE records", ".nbib"), _ENDNOTE: ("EndNote XML", ".xml"),
               _CSL_JSON: ("JSON", ".json"), _MARKDOWN: ("Markdown", ".md"), _TEXT: ("plain text", ".txt")}


def _holds_text(data: bytes) -> str:
    """For a file whose binary suffix its content contradicts: what it holds, when that is
    text, and the suffix to check it under ("; it holds Markdown: rename it .md to check it")."""
    head = data[:SNIFF_BYTES]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3 or len(data) <= len(head):  # not merely a character cut by the sniff
            return ""
    if not head.strip() or b"\x00" in head:
        return ""
    what, suffix = _TEXT_KINDS[_sniff_text(data)]
    return f"; it holds {what}: rename it {suffix} to check it"


def _sniff_text(data: bytes) -> str:
    head = data[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if _JSON_SNIFF_RE.match(head):
        return _CSL_JSON
    if _HTML_SNIFF_RE.match(head) or re.search(rb"<html\b|<!doctype html", head, re.IGNORECASE):
        return _HTML
    export = _reference_export(head)
    if export is not None:
        return export
    if _MARKDOWN_SNIFF_RE.search(head.decode("utf-8", errors="replace")):
        return _MARKDOWN
    return _TEXT


def extract_bytes(data: bytes, name: str) -> Extraction:
    """Extract citations from a document's bytes; raises ExtractError when unreadable."""
    extractor = extractor_for(data, name)
    extractor.source = name  # a Markdown article's bibliography files are found beside it
    return extractor.extract(data)


def extract_document(data: bytes, name: str) -> Extraction:
    """extract_bytes for a run over many documents: a failure nobody foresaw (a bug, or a
    library's unlisted error on hostile bytes) is this document's one-line ExtractError, and
    the other documents are still checked. (benchmarks/fuzz.py calls extract_bytes, where
    such a failure stays a finding.)"""
    try:
        return extract_bytes(data, name)
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - the last net under one document
        raise ExtractError(f"citecheck failed on this file ({type(exc).__name__}: {str(exc)[:120]}); "
                           f"please report it with the file") from None
