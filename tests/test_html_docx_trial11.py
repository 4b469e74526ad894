"""User trial 11: Word drafts and CMS/WordPress pages.

A "Sources" paragraph typed with Shift+Enter (<br> in HTML, w:br in Word) holds one entry
a line; moved-away Word text (w:moveFrom) is not read; a reference table with a number
column is a numbered list; Word paragraphs stay apart for a link's sentence and a claim;
footnote backlinks ("↩") are no part of an entry; notes written inline as tooltips are read.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

import pytest

from citecheck.extract import extract_bytes, html
from tests.conftest import make_zip

WARNER = ("Warner E, Goel V, Ondrusek N, Thiel EC, Lavina H. Pilot study of an information aid for women "
          "with a family history of breast cancer. Health Expect. 1999;2(2):118-128.")
PARK = ("Park JH, Engstrom L. Pre-emptive gabapentin and opioid use after total knee arthroplasty: a "
        "randomised placebo-controlled trial. J Arthroplasty. 2020;35:2401-2408.")
HADDAD = ("Haddad J. Oxygen sensing and oxidant/redox-related pathways. Biochem Biophys Res Commun. "
          "2004;316:969-977.")
WARNER_APA = ("Warner, E., Goel, V., Ondrusek, N., Thiel, E. C., & Lavina, H. (1999). Pilot study of an "
              "information aid for women with a family history of breast cancer. Health Expectations, 2(2), "
              "118-128. https://doi.org/10.1046/j.1369-6513.1999.00038.x")
HADDAD_APA = ("Haddad, J. (2004). Oxygen sensing and oxidant/redox-related pathways. Biochemical and "
              "Biophysical Research Communications, 316, 969-977. https://doi.org/10.1016/j.bbrc.2004.02.162")


@pytest.fixture(params=["libxml2", "html.parser"])
def reader(request, monkeypatch):
    """Run an HTML test with each reading of the page."""
    if request.param == "html.parser":
        monkeypatch.setattr(html, "_LIBXML2_MAX_LINE", 0)  # every page is "too long" for libxml2
    return request.param


def _page(body: str) -> bytes:
    return f"<html><body><article><h1>Screens and toddlers</h1>{body}</article></body></html>".encode()


def _references(extraction) -> list[str]:
    return [c.text for c in extraction.citations if c.kind == "reference"]


# --- F1: <br> ends a line ----------------------------------------------------------------


def test_br_parts_a_numbered_sources_paragraph_into_entries(reader):
    page = _page("<p>Screens matter [1]. Sleep matters [2]. Naps matter [3].</p>\n<h2>References</h2>\n"
                 f"<p>1. {escape(WARNER)}<br>2. {escape(PARK)}<br>3. {escape(HADDAD)}</p>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [WARNER, PARK, HADDAD]
    assert [c.number for c in ex.citations] == [1, 2, 3]
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2]", 1), ("[3]", 2)]


@pytest.mark.parametrize("newline", ["", "\n"])
def test_br_after_a_bold_sources_label_gutenberg(reader, newline):
    page = _page("<p>Screen time matters (Warner et al., 1999; Haddad, 2004).</p>\n"
                 f"<p><strong>Sources</strong><br>{newline}{escape(WARNER_APA)}<br>{newline}{escape(HADDAD_APA)}</p>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [WARNER_APA, HADDAD_APA]
    assert [c.doi for c in ex.citations] == ["10.1046/j.1369-6513.1999.00038.x", "10.1016/j.bbrc.2004.02.162"]
    assert [i.reference for i in ex.in_text] == [0, 1]
    # Each entry at the source line it begins on.
    assert [c.line for c in ex.citations] == ([2, 2] if not newline else [3, 4])


def test_a_link_alone_after_br_stays_with_its_entry(reader):
    page = _page("<p>Screens matter [1]. Sleep matters [2].</p><h2>Sources</h2>"
                 f"<p>1. {escape(WARNER)}<br><a href='https://doi.org/10.1046/j.1369-6513.1999.00038.x'>"
                 f"https://doi.org/10.1046/j.1369-6513.1999.00038.x</a><br>2. {escape(PARK)}<br>PMID: 32389410</p>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [f"{WARNER} https://doi.org/10.1046/j.1369-6513.1999.00038.x", f"{PARK} PMID: 32389410"]
    assert ex.citations[0].doi == "10.1046/j.1369-6513.1999.00038.x"
    assert all(c.kind == "reference" for c in ex.citations)


def test_br_inside_prose_keeps_its_claim_and_in_text_citation(reader):
    page = _page("<p>A 2019 randomised trial in JAMA Pediatrics found that toddlers with<br>\nmore than two hours "
                 "of screen time slept less (Warner et al., 1999).</p>"
                 f"<h2>References</h2><ol><li>{escape(WARNER)}</li></ol>")
    ex = extract_bytes(page, "post.html")
    assert [(i.text, i.reference) for i in ex.in_text] == [("(Warner et al., 1999)", 0)]
    assert [c.text for c in ex.claims] == [
        "A 2019 randomised trial in JAMA Pediatrics found that toddlers with more than two hours of screen "
        "time slept less (Warner et al., 1999)."]


def test_br_inside_a_list_item_is_a_wrap_of_its_entry(reader):
    title, rest = WARNER.split(" Health Expect.")
    page = _page(f"<p>Screens matter [1].</p><h2>References</h2><ol><li>{escape(title)}<br>"
                 f"Health Expect.{escape(rest)}</li><li>{escape(PARK)}</li></ol>")
    assert _references(extract_bytes(page, "post.html")) == [WARNER, PARK]


def test_html_paragraphs_stay_apart_for_a_links_sentence_and_a_claim(reader):
    page = _page("<p>Huynen et al. (1996) describe the programme in detail (<a href='https://doi.org/10.1073/"
                 "pnas.93.1.397'>full text</a>).</p>\n<p>A 2020 Cochrane review found that supervised training "
                 "reduced incontinence at 12 months.</p>")
    ex = extract_bytes(page, "post.html")
    [link] = ex.citations
    assert "Cochrane" not in link.text and link.line == 1
    assert [(c.text, c.line) for c in ex.claims] == [
        ("A 2020 Cochrane review found that supervised training reduced incontinence at 12 months.", 2)]


# --- F6: a reference table with a number column -------------------------------------------


def test_html_table_with_a_number_column_is_a_numbered_list(reader):
    page = _page("<p>Spacers help [1]. Inhalers help [2].</p><h2>References</h2><table>"
                 f"<tr><td>1</td><td>{escape(PARK)}</td></tr><tr><td>[2]</td><td>{escape(WARNER)}</td></tr></table>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [PARK, WARNER]
    assert [c.number for c in ex.citations] == [1, 2]
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_html_table_with_author_title_source_columns(reader):
    page = _page("<p>Spacers help [1]. Inhalers help [2].</p><h2>References</h2><table><thead><tr><th>#</th>"
                 "<th>Authors</th><th>Title</th><th>Source</th></tr></thead><tbody>"
                 "<tr><td>1</td><td>Park JH, Engstrom L</td><td>Pre-emptive gabapentin and opioid use after total "
                 "knee arthroplasty: a randomised placebo-controlled trial</td><td>J Arthroplasty. 2020;35:2401-2408"
                 "</td></tr><tr><td>2</td><td>Haddad J</td><td>Oxygen sensing and oxidant/redox-related pathways"
                 "</td><td>Biochem Biophys Res Commun. 2004;316:969-977</td></tr></tbody></table>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [PARK[:-1], HADDAD[:-1]]
    assert [(c.authors[0].surname, c.year, c.journal) for c in ex.citations] == [
        ("Park", 2020, "J Arthroplasty"), ("Haddad", 2004, "Biochem Biophys Res Commun")]


def test_a_table_whose_first_column_is_a_year_is_no_numbered_list(reader):
    page = _page("<p>Landmark trials:</p><h2>References</h2><table>"
                 f"<tr><td>2020</td><td>{escape(PARK)}</td></tr>"
                 f"<tr><td>2004</td><td>{escape(HADDAD)}</td></tr></table>")
    ex = extract_bytes(page, "post.html")
    # Not read as entries 2020 and 2004 with their years taken away.
    assert {PARK, HADDAD} <= set(_references(ex))
    assert {c.year for c in ex.citations if c.text in (PARK, HADDAD)} == {2020, 2004}


def test_a_data_table_with_a_number_column_stays_prose(reader):
    page = _page("<p>Doses used in the trial:</p><table><tr><td>1</td><td>10 mg</td></tr>"
                 "<tr><td>2</td><td>20 mg</td></tr></table>")
    ex = extract_bytes(page, "post.html")
    assert ex.citations == ()


# --- F15: backlinks and inline notes ------------------------------------------------------


@pytest.mark.parametrize("arrow", ["↩", "↩\ufe0e", "↑", "^"])
def test_a_footnote_backlink_is_no_part_of_its_entry(reader, arrow):
    def backlinked(n: int, text: str) -> str:
        return f"<li id='fn{n}'>{escape(text)} <a href='#ref{n}' class='footnote-backref'>{arrow}</a></li>"

    page = _page("<p>Screens matter<sup class='footnote'><a href='#fn1' id='ref1'>1</a></sup>. Sleep matters"
                 "<sup class='footnote'><a href='#fn2' id='ref2'>2</a></sup>.</p>"
                 f"<ol class='footnotes'>{backlinked(1, WARNER)}{backlinked(2, PARK)}</ol>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [WARNER, PARK]


def test_inline_tooltip_notes_are_read_as_notes(reader):
    def note(n: int, text: str) -> str:
        return (f"<sup class='modern-footnotes-footnote' data-mfn='{n}'><a href='javascript:void(0)'>{n}</a></sup>"
                f"<span class='modern-footnotes-footnote__note' data-mfn='{n}'>{escape(text)}</span>")

    page = _page(f"<p>Emollients help{note(1, PARK)}.</p>\n<p>Bathing is fine{note(2, HADDAD)}.</p>\n"
                 "<p>A 2018 meta-analysis found that daily emollients from birth did not prevent eczema.</p>")
    ex = extract_bytes(page, "post.html")
    assert _references(ex) == [PARK, HADDAD]
    assert [c.line for c in ex.citations] == [1, 2]
    assert [(i.text, i.reference, i.line) for i in ex.in_text] == [("[^1]", 0, 1), ("[^2]", 1, 2)]
    # The note's text is no part of the sentence it is attached to.
    assert [c.text for c in ex.claims] == [
        "A 2018 meta-analysis found that daily emollients from birth did not prevent eczema."]


# --- Word ---------------------------------------------------------------------------------

_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
       'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def _docx(body: str, links: dict[str, str] | None = None) -> bytes:
    """A Word document with ``body`` as the XML of its body; ``links``: relationship id -> URL."""
    rels = "".join(f'<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                   f'relationships/hyperlink" Target="{escape(url)}" TargetMode="External"/>'
                   for rid, url in (links or {}).items())
    package = "http://schemas.openxmlformats.org/package/2006"
    return make_zip({
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '</Types>').encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>').encode(),
        "word/_rels/document.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">{rels}'
            '</Relationships>').encode(),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}'
                              '</w:body></w:document>').encode(),
    })


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _p(*runs: str) -> str:
    return f"<w:p>{''.join(runs)}</w:p>"


def _cell(*runs: str) -> str:
    return f"<w:tc>{_p(*runs)}</w:tc>"


@pytest.mark.parametrize("soft_break", ["<w:br/>", "<w:cr/>", '<w:br w:type="textWrapping"/>',
                                        '<w:br w:type="page"/>'])
def test_docx_soft_breaks_part_a_paragraph_into_entries(soft_break):
    brk = f"<w:r>{soft_break}</w:r>"
    body = (_p(_run("Screen time matters (Warner et al., 1999; Park & Engstrom, 2020; Haddad, 2004)."))
            + _p(_run("References"))
            + _p(_run(WARNER_APA), brk, _run(PARK), brk, _run(HADDAD_APA)))
    ex = extract_bytes(_docx(body), "draft.docx")
    assert _references(ex) == [WARNER_APA, PARK, HADDAD_APA]
    assert [c.line for c in ex.citations] == [3, 3, 3]  # the paragraph's number
    assert [i.reference for i in ex.in_text] == [0, 1, 2]


def test_docx_a_doi_after_a_soft_break_stays_with_its_entry():
    body = (_p(_run("Screens matter [1]. Sleep matters [2]."))
            + _p(_run("References"))
            + _p(_run(f"1. {WARNER}"), "<w:r><w:br/></w:r>", _run("https://doi.org/10.1046/j.1369-6513.1999.00038.x"),
                 "<w:r><w:br/></w:r>", _run(f"2. {PARK}")))
    ex = extract_bytes(_docx(body), "draft.docx")
    assert _references(ex) == [f"{WARNER} https://doi.org/10.1046/j.1369-6513.1999.00038.x", PARK]


def test_docx_deleted_and_moved_away_text_is_not_read():
    move_from = ('<w:moveFrom w:id="900" w:author="Ed" w:date="2024-03-02T10:00:00Z">'
                 f"{_run(HADDAD)}</w:moveFrom>")
    move_to = f'<w:moveTo w:id="901" w:author="Ed" w:date="2024-03-02T10:00:00Z">{_run(f"2. {HADDAD}")}</w:moveTo>'
    deleted_break = ('<w:del w:id="902" w:author="Ed" w:date="2024-03-02T10:00:00Z"><w:r><w:br/>'
                     '<w:delText>old</w:delText></w:r></w:del>')
    body = (_p(_run("Naps help [1]. Light helps [2]."))
            + _p(_run("References"))
            + _p(move_from)
            + _p(_run("1. Warner E, Goel V, Ondrusek N, Thiel EC, Lavina H. Pilot study of an information aid "),
                 deleted_break, _run("for women with a family history of breast cancer. Health Expect. "
                                     "1999;2(2):118-128."))
            + _p(move_to))
    ex = extract_bytes(_docx(body), "draft.docx")
    assert _references(ex) == [WARNER, HADDAD]
    assert [c.number for c in ex.citations] == [1, 2]
    assert [c.line for c in ex.citations] == [4, 5]


def test_docx_table_with_a_number_column_and_a_link_column():
    link = ('<w:hyperlink r:id="rL1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
            '<w:t>Full text</w:t></w:r></w:hyperlink>')
    rows = [("No.", "Reference", "Link"), ("1", WARNER, None), ("2", PARK, "—")]
    table = "<w:tbl>" + "".join(
        "<w:tr>" + _cell(_run(number)) + _cell(_run(entry)) + (f"<w:tc>{_p(link)}</w:tc>" if cell is None
                                                                 else _cell(_run(cell))) + "</w:tr>"
        for number, entry, cell in rows) + "</w:tbl>"
    body = _p(_run("Counselling helps [1]. Apps may help [2].")) + _p(_run("References")) + table
    ex = extract_bytes(_docx(body, {"rL1": "https://doi.org/10.1046/j.1369-6513.1999.00038.x"}), "draft.docx")
    # The link cell gives its link, not its words; no link citation of its own.
    assert [(c.kind, c.text) for c in ex.citations] == [
        ("reference", f"{WARNER} https://doi.org/10.1046/j.1369-6513.1999.00038.x"), ("reference", PARK)]
    assert [c.number for c in ex.citations] == [1, 2]
    assert [c.line for c in ex.citations] == [6, 9]  # the paragraph of the row's number
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_docx_paragraphs_stay_apart_for_a_links_sentence_and_a_claim():
    field = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK '
             '"https://doi.org/10.1073/pnas.93.1.397" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
             '</w:r>' + _run("full text") + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    body = (_p(_run("Pelvic floor training"))
            + _p(_run("Huynen et al. (1996) describe the programme in detail ("), field, _run(")."))
            + _p(_run("A 2020 Cochrane review found that supervised training reduced incontinence at 12 months.")))
    ex = extract_bytes(_docx(body), "draft.docx")
    [link] = ex.citations
    assert "Cochrane" not in link.text and link.line == 2
    assert [(c.text, c.line) for c in ex.claims] == [
        ("A 2020 Cochrane review found that supervised training reduced incontinence at 12 months.", 3)]
