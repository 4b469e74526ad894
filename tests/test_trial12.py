"""User trial 12 (reference-manager exports, pasted lists, URLs): what it found."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes

HEAD = "Recovery after exercise varies [1-4].\n\nREFERENCES\n\n"
FIRST = ("1. Aubin J, Lemieux M, Tremblay M. Transcriptional interferences at the Hoxa4/Hoxa5 locus: importance of\n"
         "correct Hoxa5 expression. Dev Dyn. 1998;212:141-156.\n"
         "2. Habazettl D, Wagner J, et al. Near-infrared spectroscopy and indocyanine green derived blood flow\n"
         "index. J. Appl. Physiol. 2010;108(4):962-967.\n")
LAST = ("3. Oduya G, Petersen L. Cold-water immersion after marathon running and delayed-onset muscle soreness\n"
        "in masters athletes. Br J Sports Med. 2018;52:1441-1448.\n"
        "4. Ishaq B, Hartmann J, Lim WL. Pharmacist-led anticoagulation clinics and major bleeding on apixaban.\n"
        "Thromb Haemost. 2022;122:1560-1568.\n")


# --- F1: a list pasted from a PDF, with the page's margin text between its entries ------------

@pytest.mark.parametrize("margin", [
    "\nJ Clin Med Pract 2024;12:1-9                                   7\n\n",  # a running foot and its page
    "\n7\n\n",  # a page number alone
    "J Clin Med Pract 2024;12:1-9                                   7\n",  # no blank lines: not a wrap of entry 2
    "\nPage 7 of 12\n\n",
    "\nDownloaded from https://journals.example.org/ by guest on 3 May 2024\n\n",
])
def test_a_pasted_pages_margin_text_between_entries_does_not_end_the_list(margin):
    ex = extract_bytes((HEAD + FIRST + margin + LAST).encode(), "pasted.txt")
    assert [(c.number, c.authors[0].surname) for c in ex.citations] == [
        (1, "Aubin"), (2, "Habazettl"), (3, "Oduya"), (4, "Ishaq")]
    assert ex.citations[1].pages == "962-967" and ex.citations[1].volume == "108"  # the foot's numbers not its
    assert ex.problems == ()


def test_the_next_entrys_number_alone_on_its_line_is_no_page_number():
    from citecheck.extract.references import _is_page_furniture

    assert _is_page_furniture("7", 2) and not _is_page_furniture("3", 2)
    assert not _is_page_furniture("Smith J. Pain. 2019;12:1-9.", 2)


def test_entries_left_unread_after_a_line_that_ended_the_list_are_named():
    # A line the list reader cannot tell from the page going on: the entries after it are said
    # to be unread (exit 2), never silently dropped (they were: exit 0 with two fabrications unread).
    ex = extract_bytes((HEAD + FIRST + "\nVolume 12 · Issue 3 · March 2024\n\n" + LAST).encode(), "pasted.txt")
    assert [c.number for c in ex.citations] == [1, 2]
    [problem] = ex.problems
    assert "entries numbered 3 (line 12), 4 (line 14)" in problem and "by hand" in problem


# --- F4: a web page exported by Zotero as BibTeX names its site as the "journal" ---------------

def test_a_zotero_web_page_is_a_web_page_not_an_article_in_a_journal_named_after_the_site():
    bib = ("@misc{who_2022,\n\ttitle = {Physical activity fact sheet},\n"
           "\turl = {https://www.who.int/news-room/fact-sheets/detail/physical-activity},\n"
           "\tjournal = {World Health Organization},\n\tauthor = {{World Health Organization}},\n\tyear = {2022},\n}\n"
           "@misc{preprint,\n\ttitle = {A preprint filed as misc},\n\turl = {https://example.org/p},\n"
           "\tjournal = {Pain Medicine},\n\tvolume = {20},\n\tpages = {1--9},\n\tyear = {2019},\n}\n")
    page, article = extract_bytes(bib.encode(), "refs.bib").citations
    assert page.journal is None and page.url.startswith("https://www.who.int/")
    assert article.journal == "Pain Medicine"  # a volume and pages: an article all the same
