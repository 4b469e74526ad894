"""HTML pages read with lxml, and with the standard library's html.parser where
libxml2 gives up (too deep a page, lines past 65,535): both readings keep what
the reference finder needs."""

import time

import pytest

from citecheck.extract import html
from citecheck.extract.html import HtmlExtractor, page_blocks
from citecheck.extract.interface import ExtractError

ENTRY = "Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-169."


@pytest.fixture(params=["libxml2", "html.parser"])
def reader(request, monkeypatch):
    """Run the test with each reading of the page."""
    if request.param == "html.parser":
        monkeypatch.setattr(html, "_LIBXML2_MAX_LINE", 0)  # every page is "too long" for libxml2
    return request.param


def test_innermost_blocks_with_source_lines(reader):
    page = ("<html><body>\n<div class='content'>\n<h2>References</h2>\n<ol>\n"
            f"<li>{ENTRY}</li>\n<li\n  id='r2'\n  class='ref'>Ikeda S. Ketamine. Pain. 2014;1:1-9.</li>\n"
            "</ol></div></body></html>")
    assert page_blocks(page) == [(3, "References"), (5, ENTRY), (6, "Ikeda S. Ketamine. Pain. 2014;1:1-9.")]


def test_furniture_is_dropped_and_the_text_after_it_kept(reader):
    page = ("<body class='sidebar-left'><nav>Home</nav><header><p>Clinic</p></header>"
            "<p>Relief <span class='share-icons'>Share</span>lasted <b>weeks</b>.</p>"
            "<div id='cookie-banner'><p>We use cookies</p></div><footer><p>2024</p></footer></body>")
    assert page_blocks(page) == [(1, "Relief lasted weeks.")]


def test_comments_and_scripts_are_never_text(reader):
    page = "<p>Ketamine<!-- draft: 2019 --> helps<script>var year = 2019;</script><style>p{}</style>.</p>"
    assert page_blocks(page) == [(1, "Ketamine helps.")]


def test_comments_over_lines_keep_the_lines_and_an_unclosed_one_runs_to_the_end(reader):
    # (Found by benchmarks/fuzz.py: html.parser searched for each unclosed comment's end again from
    # every later "<!--", 5.7 s on 17,000 of them; they are now blanked before it reads the page.)
    page = "<p>Relief<!-- a\nnote\n--> lasted.</p>\n<p>Weeks</p><!-- never closed <p>Hidden</p>\n<!-- <p>x</p>"
    assert page_blocks(page) == [(1, "Relief lasted."), (4, "Weeks")]


def test_marked_sections_html_parser_does_not_know_are_bogus_comments(reader):
    # Found by benchmarks/fuzz.py: Python 3.11's html.parser raised AssertionError on "<![C".
    page = "<p>Relief <![C odd marked section> lasted.</p><![if !IE]><p>Weeks</p><![endif]>"
    assert page_blocks(page) == [(1, "Relief lasted."), (1, "Weeks")]


def test_superscript_numbers_become_note_markers(reader):
    page = "<p>Relief<sup>1</sup> lasted<sup><a href='#r2'>2, 3</a></sup> in Ketalar<sup>TM</sup> trials.</p>"
    assert page_blocks(page) == [(1, "Relief[1] lasted[2,3] in KetalarTM trials.")]


def test_links_are_collected_and_identifier_hrefs_added(reader):
    page = ("<ol><li>Zheng L. Ketamine. Pain. 2019;1:1-9. <a href=' https://doi.org/10.1093/pm/pny123 '>Full "
            "<i>text</i></a> <a href='/about'>about</a></li>\n<li>Ikeda S. Ketamine. Pain. 2014;1:1-9. "
            "doi:10.1213/ANE.123 <a href='https://doi.org/10.1213/ane.123'>link</a></li></ol>")
    links: list = []
    assert page_blocks(page, links) == [
        (1, "Zheng L. Ketamine. Pain. 2019;1:1-9. Full text about https://doi.org/10.1093/pm/pny123"),
        (2, "Ikeda S. Ketamine. Pain. 2014;1:1-9. doi:10.1213/ANE.123 link"),  # the DOI is there already
    ]
    assert links == [(1, "Full text", "https://doi.org/10.1093/pm/pny123"),
                     (2, "link", "https://doi.org/10.1213/ane.123")]


@pytest.mark.parametrize("page", ["", "   \n\t", "<!-- nothing -->", "<html></html>", "</p></div>",
                                  "<?xml version='1.0'?>"])
def test_empty_pages_have_no_blocks(reader, page):
    assert page_blocks(page) == []


@pytest.mark.parametrize("data", [b"<<<>>>&&&</</<//>", b"<p>\xff\xfe<" * 1000, b"<" * 10_000 + b">" * 10_000,
                                  b"<a href='" * 1000, b"<![CDATA[" + b"</p>" * 100])
def test_garbage_pages_have_no_citations(reader, data):
    # No citation, and at most the one-line refusal of a page with no text to read (trial 33).
    try:
        assert HtmlExtractor().extract(data).citations == ()
    except ExtractError as exc:
        assert str(exc) == "no article text in the page: no text in it"


def test_xml_declaration_and_meta_charset_do_not_change_the_text():
    page = ("<?xml version='1.0' encoding='ISO-8859-1'?>\n<html><head><meta charset='windows-1252'></head>"
            "<body><p>M\u00fcller \u2013 2019</p></body></html>")
    assert page_blocks(page) == [(2, "M\u00fcller \u2013 2019")]
    ex = HtmlExtractor().extract(page.replace("</p>", f"</p><h2>References</h2><ol><li>{ENTRY}</li></ol>").encode())
    assert [c.journal for c in ex.citations] == ["Pain Med"]


def test_text_after_the_closing_html_tag_is_read(reader):
    page = f"<html><body><p>Ketamine helps.</p></body></html>\n<h2>References</h2><ol><li>{ENTRY}</li></ol>"
    ex = HtmlExtractor().extract(page.encode())
    assert [(c.line, c.journal) for c in ex.citations] == [(2, "Pain Med")]


def test_list_items_left_open_are_entries_of_their_own():
    """A <li> ends where the next begins (as browsers read it); html.parser nested them."""
    page = (f"<h2>References</h2>\n<ol>\n<li>{ENTRY}\n"
            "<li>Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8.\n</ol>")
    ex = HtmlExtractor().extract(page.encode())
    assert [(c.line, c.journal) for c in ex.citations] == [(3, "Pain Med"), (4, "Anesth Analg")]


def test_lines_past_65535_are_counted():
    page = "<html><body>" + "\n" * 70_000 + f"<h2>References</h2>\n<ol><li>{ENTRY}</li></ol></body></html>"
    assert page_blocks(page) == [(70_001, "References"), (70_002, ENTRY)]


@pytest.mark.parametrize(("opener", "closer"), [("<div>", "</div>"), ("<div>", ""), ("<sup>", "</sup>"),
                                                 ("<a href='https://doi.org/10.1/x'>", "</a>")])
def test_pages_deeper_than_libxml2_reads_are_read_to_the_end(opener, closer):
    """libxml2 stops at 2,048 open elements and drops the rest of the page."""
    page = (opener * 5000 + "deep" + closer * 5000
            + f"\n<h2>References</h2>\n<ol><li>{ENTRY}</li></ol>")
    started = time.perf_counter()
    blocks = page_blocks(page, [])
    assert time.perf_counter() - started < 5
    assert blocks[-2:] == [(2, "References"), (3, ENTRY)]


def test_a_list_item_that_only_links_a_web_page_keeps_its_place_in_the_list():
    # Without its address, "Mayo Clinic: Ketamine" read as a line that ends the list: the
    # entry after it was lost, and "[3]" pointed at no entry.
    page = ("<p>Relief came fast.<sup>1</sup> The clinic explains it.<sup>2</sup> A trial agreed.<sup>3</sup></p>"
            "<h2>References</h2><ol><li>Smith J, Patel R. Ketamine for depression. Pain Med. 2019;20:1-9.</li>"
            "<li><a href='https://www.mayoclinic.org/ketamine'>Mayo Clinic: Ketamine</a></li>"
            f"<li>{ENTRY}</li></ol>")
    ex = HtmlExtractor().extract(page.encode())
    assert [c.url for c in ex.citations] == [None, "https://www.mayoclinic.org/ketamine", None]
    assert [i.reference for i in ex.in_text] == [0, 1, 2]


def test_a_publishers_link_with_the_doi_in_its_address_gives_the_entry_its_doi():
    page = ("<h2>Sources</h2><ul><li><a href='https://www.nejm.org/doi/full/10.1056/NEJMoa1234567'>"
            "Smith J, et al. Ketamine for depression. NEJM. 2019.</a></li></ul>")
    [entry] = HtmlExtractor().extract(page.encode()).citations
    assert entry.doi == "10.1056/NEJMoa1234567" and entry.journal == "NEJM"


@pytest.mark.parametrize("box", ["author-box", "about-the-author", "post-author-bio", "bio"])
def test_an_author_box_after_the_list_is_furniture(reader, box):
    page = ("<html><body><article><h1>Eczema</h1><p>Eczema is common.</p>\n<h3>Sources:</h3>\n"
            '<ul><li><a href="https://doi.org/10.1136/adc.2003.034033">https://doi.org/10.1136/adc.2003.034033</a>'
            f'</li></ul>\n<div class="{box}"><p>Dr. Priya Raman is a board-certified dermatologist with 15 years '
            "of experience.</p></div>\n</article></body></html>")
    assert [c.doi for c in HtmlExtractor().extract(page.encode()).citations] == ["10.1136/adc.2003.034033"]


def test_a_paragraph_after_a_list_of_items_is_an_entry_only_when_it_reads_as_one(reader):
    page = ("<html><body><article><p>Text [1].</p>\n<h2>References</h2>\n"
            f"<ol><li>{ENTRY}</li>\n<li><p>Brown A. Ketamine and depression. Nat Med. 2016;22:238-49.</p></li>\n"
            "<li><p>Mayo Clinic. Ketamine infusion therapy explained for patients and their families.</p></li></ol>\n"
            "<p>Green P, White Q. Unnumbered but a real entry. BMJ. 2018;360:k1.</p>\n"
            "<p>Riverside Clinic has cared for patients with chronic pain in Galway for over twenty years.</p>\n"
            "</article></body></html>")
    texts = [c.text[:5] for c in HtmlExtractor().extract(page.encode()).citations]
    assert texts == ["Zheng", "Brown", "Mayo ", "Green"]


def test_text_beside_blocks_is_read_not_only_the_blocks_inside(reader):
    # A fragment whose first sentence is in no block of its own (a CMS export), and a container
    # with text around its paragraph: that text, and its link, were lost.
    fragment = ('As <a href="https://doi.org/10.1001/archneur.64.12.1767">Strauss et al.</a> showed, tibial '
                "position matters.\n<h2>References</h2>\n<ol><li>" + ENTRY + "</li></ol>")
    line, text = page_blocks(fragment)[0]
    # (The link's address is written at the end of its sentence, which stays that sentence's.)
    assert line == 1 and text.startswith("As Strauss et al. showed, tibial position matters "
                                         "https://doi.org/10.1001/archneur.64.12.1767.")
    assert "10.1001/archneur.64.12.1767" in [c.doi for c in HtmlExtractor().extract(fragment.encode()).citations]
    page = "<div class='content'>Intro text.\n<p>A paragraph.</p>\nText after it.<ul><li>Item <ul><li>sub</li></ul></li></ul></div>"
    assert [t for _, t in page_blocks(page)] == ["Intro text.", "A paragraph.", "Text after it.", "Item", "sub"]
