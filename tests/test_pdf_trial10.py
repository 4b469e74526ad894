"""PDFs as journals and clinics typeset them (user trial 10): running heads that carry the
page number and differ from page to page, authors marked with affiliations, and footnotes
at the foot of each page."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.extract.pdf import folio_lines
from tests.test_extract_documents import _pdf


FOOT = "J Community Health Pract 2024;12(3):145-147"


def test_a_running_head_seen_once_is_dropped_when_it_carries_the_page_number():
    # Even pages print "146 Journal …", odd pages "J Community … 147": each head occurs once
    # in a three-page paper, so only the page number it carries tells it apart.
    data = _pdf([
        ["ORIGINAL RESEARCH", "Counselling was recorded in one in four consultations [1].", "References",
         "1. Ajani JA, Rodriguez W, Bodoky G. Multicenter phase III comparison of cisplatin/S-1 in",
         "gastric adenocarcinoma: the FLAGS trial. J Clin Oncol. 2010;28:1547-1553. doi:10.1200/",
         f"{FOOT} 145"],
        ["146 Journal of Community Health Practice", "JCO.2009.25.4706",
         "2. Tiera FM, Winnik MJ. Interaction of amphiphilic derivatives of dextran with liposomes.",
         "Biomacromolecules. 2006;7:1420-1428.", f"{FOOT} 146"],
        ["J Community Health Pract - Physical activity counselling 147",
         "3. Wittich CM, Burkle CM. Ten common questions about the physical examination.",
         "Mayo Clin Proc. 2002;77:1223-1230.", f"{FOOT} 147"],
    ])
    ex = extract_bytes(data, "paper.pdf")
    refs = [c for c in ex.citations if c.kind == "reference"]
    assert [c.doi for c in refs][0] == "10.1200/JCO.2009.25.4706"
    assert len(refs) == 3
    assert not any("Journal of Community" in c.text or "counselling 147" in c.text for c in refs)


def test_folio_lines_need_two_pages_that_agree():
    pages = [["Title", "text", "Clinic leaflet 12"], ["2019 was a hard year", "more text", "end"]]
    assert folio_lines(pages) == set()  # 12 on page 1 and 2019 on page 2: no common offset
    pages = [["Title", "text", "Page foot 7"], ["8 Running head", "more text", "Page foot 8"]]
    assert folio_lines(pages) == {(1, 2), (2, 0), (2, 2)}


def test_affiliation_marks_on_the_author_line_are_no_note_markers():
    data = _pdf([[
        "Physical activity counselling in primary care",
        "Marianne T. Oduya\u00b9, Henrik L. Brandvold\u00b2, Samira K. Patel\u00b9",
        "Abstract: We surveyed clinicians in 48 practices.",
        "Brief counselling has been promoted as a scalable intervention.\u00b9",
        "Its effect on sustained behaviour change is debated.\u00b2",
        "References",
        "1. Wittich CM, Burkle CM. Ten common questions about the physical examination. Mayo Clin Proc. 2002;77:1223-1230.",
        "2. Tiera FM, Winnik MJ. Interaction of amphiphilic derivatives of dextran with liposomes. Biomacromolecules. 2006;7:1420-1428.",
    ]])
    ex = extract_bytes(data, "paper.pdf")
    author_line = 2
    assert [i.line for i in ex.in_text if i.line == author_line] == []
    assert sorted(i.reference for i in ex.in_text) == [0, 1]
    assert all(i.line > author_line for i in ex.in_text)


def test_footnotes_at_the_foot_of_each_page_are_read_as_notes():
    # As pypdf reads a Word leaflet: each raised marker on a line of its own, the footnotes
    # "N text" at the foot of the page, one of them a comment rather than a reference.
    data = _pdf([
        ["Riverside Health Centre - Patient information", "High blood pressure: what you need to know",
         "Over years it damages the heart, kidneys and brain.", "1",
         "Most people need more than one medicine to reach their target.", "2",
         "1 Niemietz C, Tyerman S. New potent inhibitors of aquaporins: silver and gold compounds inhibit",
         "aquaporins of plant and human origin. FEBS Lett. 2002;531:443-447.",
         "2 Ask your pharmacist before you change the dose of any medicine.",
         "Leaflet RHC-BP-03 - Page 1 of 2"],
        ["Riverside Health Centre - Patient information", "Cutting down on salt helps within weeks.", "3",
         "3 Giller C, Berger B, Pistenmaa D. Robotically guided radiosurgery for children. Pediatr Blood",
         "Cancer. 2005;45:304-310.", "Leaflet RHC-BP-03 - Page 2 of 2"],
    ])
    ex = extract_bytes(data, "leaflet.pdf")
    titles = [c.title for c in ex.citations]
    assert titles == ["New potent inhibitors of aquaporins: silver and gold compounds inhibit aquaporins of plant "
                      "and human origin", "Robotically guided radiosurgery for children"]
    assert [c.journal for c in ex.citations] == ["FEBS Lett", "Pediatr Blood Cancer"]
    assert [c.page for c in ex.citations] == [1, 2]
    # Each reference note is cited where its marker stands: after the sentence above it.
    assert [(i.reference, i.page) for i in ex.in_text] == [(0, 1), (1, 2)]
    assert all(i.text.startswith("[^") for i in ex.in_text)


def test_numbered_lines_without_markers_are_no_footnotes():
    data = _pdf([["How to take your tablets", "Take them with water every day.",
                  "1 tablet in the morning with breakfast", "2 tablets at night before bed", "Page 1"]])
    ex = extract_bytes(data, "leaflet.pdf")
    assert ex.citations == ()


def test_entries_lost_in_lines_read_across_columns_are_named():
    from citecheck.extract.text import lost_entries
    from citecheck.models import Citation, Extraction

    cites = tuple(Citation(f"Author{k} A. Title {k}. J Med. 2001;1:1-2.", 10 + k, number=k) for k in (1, 2, 3))
    ex = Extraction(citations=cites)
    lines = [(1, "Prose of the other column 5. Iatridis J, Mente P, Stokes I. Spine. 2006;31:1-9."),
             (2, "4. Koopmanschap M. PRODISQ: a modular questionnaire on pro-"),
             (3, "In 2019. Doctors agreed, as Table 2. Smith showed.")]
    problems = lost_entries(lines, ex.citations, "pdf")
    assert len(problems) == 1
    assert "4 (line 2), 5 (line 1)" in problems[0] and "by hand" in problems[0]
    # Every number read, or nothing shaped like an entry: no problem.
    assert lost_entries(lines[2:], ex.citations, "pdf") == ()


def test_a_pdf_whose_list_was_read_whole_has_no_problem():
    data = _pdf([["Ketamine eased pain [1] and [2] and [3].", "References",
                  "1. Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.",
                  "2. Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.",
                  "3. Wittich CM, Burkle CM. Ten common questions. Mayo Clin Proc. 2002;77:1223-1230."]])
    assert extract_bytes(data, "x.pdf").problems == ()
