"""DOCX, PDF, BibTeX and RIS inputs, on the clinic articles of fixtures/articles/,
and the one-line errors for files that are not articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import encrypted_pdf
from tests.conftest import make_zip as _zip

from citecheck.extract import ExtractError, extract_bytes

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
SURNAMES = ["Berman", "Zarate", "Murrough", "Krystal", "Li"]


# The readers' libraries (dependencies of the package): a checkout installed before
# they were listed skips, with the reason, rather than failing.
_LIBS = {".docx": "docx", ".pdf": "pypdf", ".bib": "bibtexparser", ".ris": "rispy"}


def _read(name: str):
    lib = _LIBS.get(Path(name).suffix)
    if lib:
        pytest.importorskip(lib, reason=f"{lib} is not installed")
    return extract_bytes((ARTICLES / name).read_bytes(), name)


@pytest.mark.parametrize("name", ["clinic.txt", "clinic.md", "clinic.html", "clinic.docx", "clinic.pdf"])
def test_every_format_finds_the_same_list_in_text_and_claims(name):
    ex = _read(name)
    refs = [c for c in ex.citations if c.kind == "reference"]
    assert [c.authors[0].surname for c in refs][:5] == SURNAMES
    assert refs[0].doi == "10.1016/S0006-3223(99)00230-9"
    assert refs[2].journal == "American Journal of Psychiatry" and refs[2].pages == "1134-1142"
    # Furniture (copyright, "Book a consultation", related posts) never becomes a citation.
    assert not any("Lakeside" in c.text or "Smith" in c.text for c in ex.citations)
    links = [c for c in ex.citations if c.kind == "link"]
    assert [(c.doi, c.title) for c in links] == [("10.1001/jamapsychiatry.2017.3739", None)]
    assert "JAMA Psychiatry" in links[0].text
    cited = {i.text: i.reference for i in ex.in_text}
    assert cited["(Berman et al., 2000)"] == 0 and cited["(Murrough et al., 2013)"] == 2
    claims = {c.year: c for c in ex.claims}
    assert claims[2019].reference is None  # "A 2019 meta-analysis confirmed ..." cites nothing
    lancet = next(c for c in ex.claims if c.journal == "The Lancet")
    assert lancet.reference == 2 and lancet.year == 2013


def test_docx_lines_are_paragraph_numbers_and_footnotes_are_citations():
    ex = _read("clinic.docx")
    assert ex.format == "docx"
    refs = [c for c in ex.citations if c.kind == "reference"]
    assert [c.line for c in refs[:5]] == [9, 10, 11, 12, 13]  # the numbered list's paragraphs
    note = refs[5]  # the footnote after "paradigm shift."
    assert note.doi == "10.1016/j.neuron.2019.02.005" and note.line == 6
    marker = next(i for i in ex.in_text if i.text == "[^1]")
    assert marker.line == 6 and marker.reference == 5
    # The paragraph that cites the footnote is still prose: its other citations are read too.
    assert ("(Kessler et al., 2021)", 6) in {(i.text, i.line) for i in ex.in_text}


def test_pdf_pages_lines_and_running_heads_dropped():
    ex = _read("clinic.pdf")
    assert ex.format == "pdf"
    refs = [c for c in ex.citations if c.kind == "reference"]
    assert len(refs) == 5  # the DOI wrapped onto its own line stays with its entry
    assert all(c.page for c in ex.citations)
    assert not any("Patient Education" in c.text or "Page 1" in c.text for c in ex.citations)
    # A wrapped entry is re-joined, and reported where it starts.
    assert refs[1].title.startswith("A randomized trial of an N-methyl-D-aspartate antagonist")
    assert refs[0].line < refs[1].line < refs[2].line


def _pdf(pages: list[list[str]]) -> bytes:
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_list_runs_across_a_page_break_and_hyphenation_is_joined():
    head = "Journal of Clinic Medicine 2024"
    data = _pdf([
        [head, "Ketamine eased pain in a trial (Zheng et al., 2019).", "", "References",
         "1. Zheng L, Patel K. Low-dose ketamine in fibro-", "myalgia. Pain Med. 2019;20(1):161-9.", "3"],
        [head, "2. Ikeda S. Ketamine in neuropathy. Anesth Analg.", "2014;119(4):813-8.", "4"],
    ])
    ex = extract_bytes(data, "x.pdf")
    assert [c.title for c in ex.citations] == ["Low-dose ketamine in fibromyalgia", "Ketamine in neuropathy"]
    assert [c.page for c in ex.citations] == [1, 2]
    assert ex.in_text[0].reference == 0 and ex.in_text[0].page == 1


def test_pdf_reference_tails_at_page_ends_are_not_running_furniture():
    # Two entries' last lines, "2006;96(12):2173-2178." at the foot of page 1 and
    # "2005;91(3):243-248." at the head of page 2, read alike with their digits masked and were
    # dropped as a running head: the entries lost year, volume and pages, and a wrong year
    # passed as verified (trial 16, F1).  A real running foot with the page's number still goes.
    data = _pdf([
        ["Riverbend Clinic Patient Guide", "Work after cancer treatment is possible (Landry, 2006).", "References",
         "Landry PM, Mujahid M, Schwartz K. The influence of race on breast cancer stage. Am J Public Health.",
         "2006;96(12):2173-2178.", "Riverbend Clinic - page 1 of 2"],
        ["Riverbend Clinic Patient Guide", "Du XL, Lin CC. Racial disparities in breast cancer. Br J Cancer.",
         "2005;91(3):243-248.", "Smith J. Returning to work. Occup Med. 2010;60(2):110-5.",
         "Riverbend Clinic - page 2 of 2"],
    ])
    ex = extract_bytes(data, "x.pdf")
    assert [(c.year, c.volume, c.pages) for c in ex.citations] == \
        [(2006, "96", "2173-2178"), (2005, "91", "243-248"), (2010, "60", "110-5")]
    assert not any("Riverbend" in c.text for c in ex.citations)


def test_pdf_encrypted_and_broken_give_one_line_errors():
    with pytest.raises(ExtractError, match="encrypted PDF"):
        extract_bytes(encrypted_pdf(), "locked.pdf")
    with pytest.raises(ExtractError, match="broken PDF|no text layer"):
        extract_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "broken.pdf")
    with pytest.raises(ExtractError, match="not a PDF"):
        extract_bytes(b"just text", "fake.pdf")




def test_docx_that_is_not_a_zip_or_a_bomb_is_refused():
    pytest.importorskip("docx", reason="python-docx is not installed")
    with pytest.raises(ExtractError, match="not a Word document"):
        extract_bytes(b"Hello, this is text", "draft.docx")
    # Text under a binary suffix: the message says what it holds and how to check it.
    with pytest.raises(ExtractError, match="it holds Markdown: rename it .md to check it"):
        extract_bytes(b"# Ketamine\n\nSee [the trial](https://doi.org/10.1/x).\n", "draft.docx")
    with pytest.raises(ExtractError, match="it holds an HTML page: rename it .html"):
        extract_bytes(b"<!doctype html><html><body><p>Hi</p></body></html>", "page.pdf")
    with pytest.raises(ExtractError, match=r"is not$"):
        extract_bytes(b"\x00\x01binary\xff\xfe" * 20, "draft.docx")  # no text: nothing to suggest
    bomb = _zip({"word/document.xml": b"<w/>", "word/media/x.bin": b"\0" * (300 * 2**20)})
    assert len(bomb) < 2 * 2**20  # small on disk ...
    with pytest.raises(ExtractError, match="zip bomb"):
        extract_bytes(bomb, "bomb.docx")  # ... refused before anything is inflated
    with pytest.raises(ExtractError, match="broken Word document"):
        extract_bytes(_zip({"word/document.xml": b"<not xml"}), "broken.docx")


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG image"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00", "program"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
    (_zip({"xl/workbook.xml": b"<x/>"}), "Excel"),
    (_zip({"a.txt": b"x"}), "zip archive"),
])
def test_non_articles_are_named(data, kind):
    with pytest.raises(ExtractError, match=f"not an article: .*{kind}"):
        extract_bytes(data, "upload.txt")


def test_content_beats_suffix():
    for lib in _LIBS.values():
        pytest.importorskip(lib, reason=f"{lib} is not installed")
    assert extract_bytes((ARTICLES / "clinic.docx").read_bytes(), "article.txt").format == "docx"
    assert extract_bytes((ARTICLES / "clinic.pdf").read_bytes(), "-").format == "pdf"
    assert extract_bytes((ARTICLES / "references.bib").read_bytes(), "-").format == "bibtex"
    assert extract_bytes((ARTICLES / "references.ris").read_bytes(), "-").format == "ris"


def test_bibtex_fields_come_from_the_record():
    ex = _read("references.bib")
    berman, zanos, book = ex.citations
    assert berman.line == 2 and zanos.line == 13
    assert [a.surname for a in berman.authors] == ["Berman", "Cappiello", "Anand"] and berman.et_al
    assert (berman.year, berman.volume, berman.issue, berman.pages) == (2000, "47", "4", "351-354")
    assert berman.doi == "10.1016/S0006-3223(99)00230-9"
    assert zanos.title == "NMDAR inhibition-independent antidepressant actions of ketamine metabolites"
    assert zanos.authors[3].surname == "Götz"  # LaTeX accents decoded
    assert book.journal is None and book.title == "Comprehensive Textbook of Psychiatry"
    assert "Antidepressant effects of ketamine" in berman.text  # a readable entry for search and report


def test_ris_fields_and_pmid():
    murrough, li = _read("references.ris").citations
    assert murrough.line == 1 and li.line == 14
    assert (murrough.journal, murrough.pages, murrough.doi) == (
        "American Journal of Psychiatry", "1134-1142", "10.1176/appi.ajp.2013.13030392")
    assert li.pmid == "20724638" and li.journal == "Science" and li.authors[0].initials == "N"


def test_unreadable_bibtex_is_an_error():
    pytest.importorskip("bibtexparser", reason="bibtexparser is not installed")
    with pytest.raises(ExtractError, match="BibTeX"):
        extract_bytes(b"@article{x, title = {unclosed", "bad.bib")


def _docx(paragraphs: list[tuple[str, str | None]]) -> bytes:
    """A Word document of (text, style) paragraphs."""
    docx = pytest.importorskip("docx")
    import io

    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("closing", [
    "Bloom Fertility Centre, 3 Park Lane, Bristol. This leaflet does not replace advice from your doctor.",
    "Bloom Fertility Centre has helped families in the south-west of England for over twenty years.",
])
def test_docx_plain_paragraph_after_a_numbered_list_is_an_entry_only_when_it_reads_as_one(closing):
    entry = ("Dunaif A. Insulin resistance and the polycystic ovary syndrome: mechanism and implications "
             "for pathogenesis. Endocr Rev. 1997;18(6):774-800.")
    data = _docx([("PCOS is common [1].", None), ("References", "Heading 1"), (entry, "List Number"),
                  ("Legro RS. Diagnosis and treatment of polycystic ovary syndrome. BMJ. 2013;347:f6401.", None),
                  (closing, None)])
    ex = extract_bytes(data, "leaflet.docx")
    assert [(c.line, c.text[:6]) for c in ex.citations] == [(3, "Dunaif"), (4, "Legro ")]
