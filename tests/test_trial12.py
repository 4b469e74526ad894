"""User trial 12 (reference-manager exports, pasted lists, URLs): what it found."""

from __future__ import annotations

import os

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


# --- F2: EndNote's XML export ---------------------------------------------------------------

ENDNOTE = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records><record><database name="Clinic.enl">Clinic.enl'
           '</database><source-app name="EndNote" version="20.6">EndNote</source-app><rec-number>7</rec-number>'
           '<ref-type name="Journal Article">17</ref-type><contributors><authors><author><style face="normal" '
           'font="default" size="100%">Kuznetsova, I.</style></author><author><style face="normal" font="default" '
           'size="100%">Abbott, J.</style></author></authors></contributors><titles><title><style face="normal" '
           'font="default" size="100%">Music therapy during haemodialysis: a cluster randomised trial</style></title>'
           '<secondary-title><style face="normal" font="default" size="100%">Nephrol Dial Transplant</style>'
           '</secondary-title></titles><pages><style face="normal">1902-1910</style></pages><volume>35</volume>'
           '<number>11</number><dates><year><style face="normal">2020</style></year></dates>'
           '<accession-num>31234567</accession-num><electronic-resource-num>10.1093/ndt/gfz123'
           '</electronic-resource-num></record>\n<record><rec-number>8</rec-number><ref-type name="Web Page">12'
           '</ref-type><titles><title>Kidney disease: fact sheet</title></titles><urls><related-urls><url>'
           'https://www.who.int/kidney</url></related-urls></urls></record></records></xml>')


@pytest.mark.parametrize("name", ["library.xml", "-", "endnote-export.txt"])
def test_an_endnote_xml_export_is_read_record_by_record(name):
    ex = extract_bytes(ENDNOTE.encode(), name)
    assert ex.format == "endnote-xml"
    article, page = ex.citations
    assert [(a.surname, a.initials) for a in article.authors] == [("Kuznetsova", "I"), ("Abbott", "J")]
    assert (article.title, article.journal, article.year, article.volume, article.issue, article.pages) == (
        "Music therapy during haemodialysis: a cluster randomised trial", "Nephrol Dial Transplant", 2020, "35",
        "11", "1902-1910")
    assert (article.doi, article.pmid, article.number, page.number) == ("10.1093/ndt/gfz123", "31234567", 7, 8)
    assert (page.journal, page.url, page.line) == (None, "https://www.who.int/kidney", 2)  # a web page


def test_endnote_xml_entities_are_never_resolved_and_other_xml_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    xml = (f'<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY s SYSTEM "file://{secret}">]><xml><records><record>'
           "<titles><title>A&s;B about ketamine</title></titles><dates><year>2020</year></dates></record></records></xml>")
    [c] = extract_bytes(xml.encode(), "lib.xml").citations
    assert "do not read me" not in (c.title or "")
    from citecheck.extract import ExtractError
    with pytest.raises(ExtractError, match="not an EndNote export"):
        extract_bytes(b'<?xml version="1.0"?><svg><g/></svg>', "drawing.xml")


# --- F3: BibTeX saved as .txt ----------------------------------------------------------------

def test_bibtex_saved_as_text_is_read_as_bibtex():
    scholar = ("@article{tremblay2021mobile,\n  title={Mobile stroke units and door-to-needle time},\n"
               "  author={Tremblay, S and Nnadi, O},\n  journal={Stroke},\n  volume={52},\n  pages={3120--3128},\n"
               "  year={2021}\n}\n")
    ex = extract_bytes(scholar.encode(), "refs.txt")
    assert ex.format == "bibtex" and ex.citations[0].journal == "Stroke"


# --- F5: a directory's reference exports ----------------------------------------------------------

def test_a_directory_walk_reads_the_reference_exports_and_leaves_other_data_alone(tmp_path):
    from citecheck.inputs import read_inputs

    (tmp_path / "refs.json").write_text('[{"type": "article-journal", "title": "A study", "issued": 2020}]')
    (tmp_path / "package.json").write_text('{"name": "site", "version": "1.0.0"}')
    (tmp_path / "refs.yaml").write_text("references:\n- id: a\n  title: A study\n")
    (tmp_path / "config.yml").write_text("theme: clinic\n")
    (tmp_path / "library.xml").write_text(ENDNOTE)
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset></urlset>')
    found = sorted(os.path.basename(item.path) for item in read_inputs([str(tmp_path)]))
    assert found == ["library.xml", "refs.json", "refs.yaml"]


# --- F8: a glob's * stays within one folder --------------------------------------------------------

def test_a_star_in_an_include_glob_does_not_reach_into_subfolders(tmp_path):
    from citecheck.inputs import walk

    for rel in ("refs/a.bib", "refs/old/b.bib", "notes/c.bib"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("@article{a, title={T}, year={2020}}\n")

    def found(*include):
        return [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path, include=include)]

    assert found("refs/*.bib") == ["refs/a.bib"]
    assert found("refs/**/*.bib") == ["refs/a.bib", "refs/old/b.bib"]
    assert found("**/*.bib") == found("*.bib") == ["notes/c.bib", "refs/a.bib", "refs/old/b.bib"]
