"""User trial 9, reference-manager exports (B1, B2, B4, B6): book chapters and conference
papers, CSL-JSON, corporate authors and web pages in BibTeX/RIS, and a BibTeX entry with a
syntax error.  No network: verdicts come from the pure ``judge``/``skip_reason``, and the
command-line cases run against the fake Crossref."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import run_cli

from citecheck.extract import ExtractError, extract_bytes
from citecheck.matching.verdict import Evidence, judge, skip_reason
from citecheck.models import Author, Verdict

bibtexparser = pytest.importorskip("bibtexparser", reason="bibtexparser is not installed")
rispy = pytest.importorskip("rispy", reason="rispy is not installed")

CHAPTER_BIB = b"""@incollection{smith2019chapter,
  author = {Smith, Jane A.},
  title = {Management of chronic low back pain in primary care},
  booktitle = {Oxford Textbook of Primary Medical Care},
  editor = {Jones, Roger},
  publisher = {Oxford University Press},
  year = {2019},
  pages = {412--430}
}
"""
CHAPTER_RIS = b"""TY  - CHAP
AU  - Smith, Jane A.
TI  - Management of chronic low back pain in primary care
T2  - Oxford Textbook of Primary Medical Care
A2  - Jones, Roger
PB  - Oxford University Press
PY  - 2019
SP  - 412
EP  - 430
ER  - 
"""
CORPORATE_BIB = rb"""@misc{who2023,
  author = {{World Health Organization}},
  title = {Physical activity fact sheet},
  year = {2023},
  howpublished = {\url{https://www.who.int/news-room/fact-sheets/detail/physical-activity}},
  note = {Accessed 12 March 2024}
}
@techreport{nice2022,
  author = {{National Institute for Health and Care Excellence}},
  title = {Hypertension in adults: diagnosis and management},
  institution = {NICE},
  number = {NG136},
  year = {2022}
}
"""
BROKEN_FAB_BIB = b"""@article{thornton2002_1,
  author = {Thornton, A.},
  title = {Perceiving benefits in the cancer experience},
  journal = {Journal of Clinical Psychology in Medical Settings},
  year = {2002},
  volume = {9},
  pages = {153--165},
  doi = {10.1023/A:1014996127535}
}

@article{abernathy2014_25,
  author = {Abernathy, Li C and Nakashima, Tomas T and Gallagher, Peter S},
  title = {Intermittent low-dose melatonin for sleep latency in shift-working nurses},
  journal = {Journal of the American Chemical Society},
  year = {2014},
  volume = {151
  number = {10},
  pages = {612--622},
  doi = {10.1002/fab.931116}
}

@article{tonnesen1987_2,
  author = {Tonnesen, HH and Karlsen, J},
  title = {Studies on curcumin and curcuminoids IX},
  journal = {Journal of Pharmaceutical Sciences},
  year = {1987},
  volume = {76},
  pages = {371--373}
}
"""

#: A Zotero "Export -> CSL JSON": an article, a book, a chapter, a conference paper, a web
#: page and an organisation as author; indented as Zotero writes it.
CSL_ITEMS = [
    {"id": "thornton2002", "type": "article-journal", "title": "Perceiving benefits in the cancer experience",
     "container-title": "Journal of Clinical Psychology in Medical Settings",
     "author": [{"family": "Thornton", "given": "A."}], "issued": {"date-parts": [[2002, 3]]},
     "volume": "9", "issue": "2", "page": "153-165", "DOI": "10.1023/A:1014996127535", "PMID": "12345"},
    {"id": "tonnesen1987", "type": "article-journal", "title": "Studies on curcumin and curcuminoids IX",
     "container-title": "Journal of Pharmaceutical Sciences",
     "author": [{"family": "Tonnesen", "given": "HH"}, {"family": "Karlsen", "given": "J"}],
     "issued": {"date-parts": [[1987]]}, "volume": 76, "page": "371-373"},
    {"id": "guyatt2015", "type": "book", "title": "Users' Guides to the Medical Literature",
     "publisher": "McGraw-Hill Education", "author": [{"family": "Guyatt", "given": "Gordon"}],
     "issued": {"date-parts": [[2015]]}},
    {"id": "smith2019", "type": "chapter", "title": "Management of chronic low back pain in primary care",
     "container-title": "Oxford Textbook of Primary Medical Care", "publisher": "Oxford University Press",
     "author": [{"family": "Smith", "given": "Jane A."}], "editor": [{"family": "Jones", "given": "Roger"}],
     "issued": {"date-parts": [[2019]]}, "page": "412-430"},
    {"id": "lee2020", "type": "paper-conference", "title": "A conference paper with a DOI",
     "container-title": "Proceedings of Something", "author": [{"family": "Lee", "given": "Kim"}],
     "issued": {"date-parts": [[2020]]}, "page": "1-10", "DOI": "10.1145/1234567.1234568"},
    {"id": "who2023", "type": "webpage", "title": "Physical activity fact sheet",
     "author": [{"literal": "World Health Organization"}], "issued": {"date-parts": [[2023]]},
     "URL": "https://www.who.int/news-room/fact-sheets/detail/physical-activity"},
    {"id": "vanbeek", "type": "article-journal", "title": "<i>Escherichia coli</i> in hospital sinks",
     "container-title": ["Journal of Hospital Infection"], "author": [
         {"family": "Beek", "given": "Jan", "non-dropping-particle": "van"}],
     "issued": {"raw": "2018-05"}, "page": "10–15"},
]
CSL_JSON = json.dumps(CSL_ITEMS, indent=2).encode()


def _one(data: bytes, name: str):
    (citation,) = extract_bytes(data, name).citations
    return citation


# --- B1: book chapters and conference papers --------------------------------


@pytest.mark.parametrize("data,name", [(CHAPTER_BIB, "chapter.bib"), (CHAPTER_RIS, "chapter.ris")])
def test_a_chapter_is_a_book_not_an_article(data, name):
    chapter = _one(data, name)
    # The book's title is no journal, and without a DOI the chapter keeps no volume or pages:
    # it is looked up by its title and, when Crossref has no match, skipped as a book.
    assert chapter.journal is None and chapter.pages is None and chapter.volume is None
    assert chapter.title == "Management of chronic low back pain in primary care"
    assert [(a.surname, a.initials) for a in chapter.authors] == [("Smith", "JA")]  # not the editor
    assert "In: Oxford Textbook of Primary Medical Care." in chapter.text and "p. 412-430" in chapter.text
    assert skip_reason(chapter) is None  # searched first: Crossref holds many chapters
    result = judge(chapter, Evidence())
    assert result.verdict is Verdict.SKIPPED and "book" in result.reason


@pytest.mark.parametrize("data,name", [
    (CHAPTER_BIB.replace(b"  year", b"  doi = {10.1093/med/9780199601677.003.0042},\n  year"), "chapter.bib"),
    (CHAPTER_RIS.replace(b"PY  -", b"DO  - 10.1093/med/9780199601677.003.0042\nPY  -"), "chapter.ris"),
])
def test_a_chapter_with_a_doi_is_looked_up_by_its_doi(data, name):
    chapter = _one(data, name)
    assert chapter.doi == "10.1093/med/9780199601677.003.0042" and chapter.pages == "412-430"
    assert skip_reason(chapter) is None
    # Its DOI unknown and its title found nowhere: not found, not excused as a book.
    assert judge(chapter, Evidence()).verdict is Verdict.NOT_FOUND


def test_a_chapter_with_a_publisher_link_is_a_book_not_a_web_page():
    # Zotero exports a chapter with its publisher's page as url: the chapter, not a web page, is cited.
    chapter = _one(CHAPTER_BIB.replace(b"  year", b"  url = {https://global.oup.com/academic/product/123},\n  year"),
                   "chapter.bib")
    assert chapter.url is None and skip_reason(chapter) is None
    assert judge(chapter, Evidence()).verdict is Verdict.SKIPPED
    book = _one(b"@book{b, title={A book}, year=2015, url={https://doi.org/10.1201/9781315152042}}", "b.bib")
    assert book.doi == "10.1201/9781315152042"  # a DOI in the link is still taken
    statpearls = _one(b"TY  - CHAP\nAU  - Doe, J\nTI  - Hyponatremia\nT2  - StatPearls\nPY  - 2023\nAN  - 29262104\n"
                      b"ER  - \n", "s.ris")
    assert statpearls.pmid is None  # a Bookshelf chapter's PubMed ID does not make it an article
    assert judge(statpearls, Evidence()).verdict is Verdict.SKIPPED


@pytest.mark.parametrize("kind", [b"CONF", b"CPAPER", b"EDBOOK", b"GEN", b"ECHAP"])
def test_ris_types_that_are_not_articles_have_no_journal(kind):
    record = _one(CHAPTER_RIS.replace(b"CHAP", kind, 1), "x.ris")
    assert record.journal is None and record.pages is None
    assert judge(record, Evidence()).verdict is Verdict.SKIPPED


def test_a_conference_paper_without_a_doi_is_skipped_when_crossref_has_no_match():
    paper = _one(CHAPTER_BIB.replace(b"@incollection", b"@inproceedings"), "paper.bib")
    assert paper.journal is None and paper.volume is None
    assert judge(paper, Evidence()).verdict is Verdict.SKIPPED


def test_an_article_is_still_an_article():
    ris = b"TY  - JOUR\nAU  - Smith, Jane A.\nTI  - A title\nT2  - BMJ\nPY  - 2019\nVL  - 3\nSP  - 4\nER  - \n"
    article = _one(ris, "a.ris")
    assert (article.journal, article.volume, article.pages) == ("BMJ", "3", "4")
    assert judge(article, Evidence()).verdict is Verdict.NOT_FOUND
    misc = _one(b"@misc{x, title={A title}, journal={BMJ}, year=2019, volume={3}, pages={4--5}}", "x.bib")
    assert misc.journal == "BMJ" and misc.pages == "4-5"  # a journal field makes any entry an article


# --- B4: corporate authors, web pages ---------------------------------------


def test_braced_bibtex_names_are_group_authors():
    who, nice = extract_bytes(CORPORATE_BIB, "corporate.bib").citations
    assert who.authors == (Author("World Health Organization", ""),)
    assert nice.authors == (Author("National Institute for Health and Care Excellence", ""),)
    assert who.text.startswith("World Health Organization. Physical activity fact sheet.")
    assert nice.issue is None  # a report number (NG136), not a journal issue


def test_howpublished_url_makes_a_web_page():
    who, _ = extract_bytes(CORPORATE_BIB, "corporate.bib").citations
    assert who.url == "https://www.who.int/news-room/fact-sheets/detail/physical-activity"
    assert skip_reason(who).startswith("a web page")


def test_and_splits_names_only_outside_braces():
    bib = (rb"@article{x, author = {{World Health Organization} and Smith, John and G{\"o}tz, Maria and "
           rb"Centers for Disease Control and Prevention}, title={T}, journal={J}, year=2001}")
    authors = _one(bib, "x.bib").authors
    assert [(a.surname, a.initials) for a in authors] == [
        ("World Health Organization", ""), ("Smith", "J"), ("Götz", "M"), ("Centers for Disease Control", ""),
        ("Prevention", "")]
    unbraced = _one(b"@misc{x, author = {Centers for Disease Control and Prevention}, title={T}, year=2001}",
                    "x.bib").authors
    assert unbraced == (Author("Centers for Disease Control and Prevention", ""),)


def test_ris_organisation_author_stays_whole():
    ris = (b"TY  - RPRT\nAU  - World Health Organization\nAU  - Smith, Jane A.\nAU  - Jones RK\n"
           b"TI  - Global report\nPY  - 2021\nER  - \n")
    assert _one(ris, "r.ris").authors == (Author("World Health Organization", ""), Author("Smith", "JA"),
                                          Author("Jones", "RK"))


# --- B2: CSL-JSON -----------------------------------------------------------


@pytest.mark.parametrize("name", ["library.json", "library.csl.json", "-", "export"])
def test_csl_json_is_a_reference_list(name):
    ex = extract_bytes(CSL_JSON, name)
    assert ex.format == "csl-json"
    assert len(ex.citations) == len(CSL_ITEMS)
    text = CSL_JSON.decode()
    starts = [text.count("\n", 0, text.index(f'"id": "{item["id"]}"')) for item in CSL_ITEMS]  # line of "{"
    assert [c.line for c in ex.citations] == starts


def test_csl_json_fields():
    article, curcumin, book, chapter, paper, web, vanbeek = extract_bytes(CSL_JSON, "library.json").citations
    assert (article.journal, article.year, article.volume, article.issue, article.pages, article.doi, article.pmid) == (
        "Journal of Clinical Psychology in Medical Settings", 2002, "9", "2", "153-165", "10.1023/A:1014996127535",
        "12345")
    assert [(a.surname, a.initials) for a in curcumin.authors] == [("Tonnesen", "HH"), ("Karlsen", "J")]
    assert curcumin.volume == "76"
    assert book.journal is None and judge(book, Evidence()).verdict is Verdict.SKIPPED
    assert chapter.journal is None and chapter.authors == (Author("Smith", "JA"),)
    assert judge(chapter, Evidence()).verdict is Verdict.SKIPPED
    assert paper.doi == "10.1145/1234567.1234568" and skip_reason(paper) is None
    assert web.authors == (Author("World Health Organization", ""),) and skip_reason(web).startswith("a web page")
    assert vanbeek.title == "Escherichia coli in hospital sinks"
    assert (vanbeek.journal, vanbeek.year, vanbeek.pages) == ("Journal of Hospital Infection", 2018, "10-15")
    assert vanbeek.authors == (Author("van Beek", "J"),)


@pytest.mark.parametrize("data,name", [
    (b'{"name": "citecheck", "version": "1.0"}', "package.json"),
    (b'[{"a": 1}, {"b": 2}]', "data.json"),
    (b'{"name": "citecheck", "version": "1.0"}', "-"),
    (b'[{"itemType": "journalArticle", "title": "Zotero API JSON, not CSL"}]', "-"),
])
def test_other_json_is_refused_not_passed(data, name):
    with pytest.raises(ExtractError, match="^not an article: JSON that is not CSL-JSON$"):
        extract_bytes(data, name)


def test_broken_json_is_refused():
    with pytest.raises(ExtractError, match=r"unreadable JSON \(line 2"):
        extract_bytes(b'[{"type": "book",\n "title": }]', "library.json")


def test_text_that_opens_with_a_bracket_is_still_text():
    ex = extract_bytes(b"[1] Smith J. A title. BMJ. 2001;1:1-2.\n", "-")
    assert ex.format != "csl-json"


# --- B6: a BibTeX entry with a syntax error ---------------------------------


def test_a_bibtex_entry_that_cannot_be_read_is_named_and_the_others_read():
    """The broken entry is named by its line; the entries around it are read (and checked):
    tests/test_partial_read.py follows them through the reports and the exit code."""
    ex = extract_bytes(BROKEN_FAB_BIB, "broken_fab.bib")
    assert [c.line for c in ex.citations] == [1, 22]
    assert ex.problems == ("1 BibTeX entry could not be read (line 11: a brace or quote is not closed) and was not "
                           "checked; fix it and check the file again",)
    ex = extract_bytes(b"@article{a, title = {x\n@article{b, title = {y\n@article{c, title={z}}\n", "three.bib")
    assert [c.title for c in ex.citations] == ["z"]
    assert ex.problems[0].startswith("2 BibTeX entries could not be read (lines 1, 2: ")


def test_a_bibtex_file_with_no_entry_that_can_be_read_fails_the_file():
    with pytest.raises(ExtractError, match=r"^2 BibTeX entries could not be read \(lines 1, 2: .*\); "
                                           r"fix them to check this file$"):
        extract_bytes(b"@article{a, title = {x\n@article{b, title = {y\n", "two.bib")


def test_bibtexparser_says_nothing_of_its_own_in_a_real_process(tmp_path):
    """citecheck names the entry once; bibtexparser's own log lines ("Parsing of `@article`
    block (line 10) aborted ...") do not reach the user's terminal."""
    path = tmp_path / "broken_fab.bib"
    path.write_bytes(BROKEN_FAB_BIB)
    done = subprocess.run([sys.executable, "-m", "citecheck", "extract", str(path)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "CITECHECK_MAILTO": "editor@example.org"})
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"citecheck: {path}: 1 BibTeX entry could not be read (line 11: a brace or "
                                        "quote is not closed) and was not checked; fix it and check the file again"]
    assert "line 1: " in done.stdout and "line 22: " in done.stdout  # the entries that could be read


def test_bibtex_duplicate_keys_are_read_not_dropped():
    bib = (b"@article{a, title={One}, journal={J}, year=2001}\n"
           b"@article{a, title={Two}, journal={K}, year=2002, volume={3}}\n")
    one, two = extract_bytes(bib, "dup.bib").citations
    assert (one.title, two.title, two.journal, two.volume, two.line) == ("One", "Two", "K", "3", 2)


# --- through the command line ------------------------------------------------


def _check(fake, path):
    return run_cli("check", str(path), "--crossref-url", fake.url, "--no-cache", "--quiet", "--format", "json")


def test_cli_chapter_is_skipped_and_the_run_passes(fake_crossref, tmp_path):
    path = tmp_path / "chapter.bib"
    path.write_bytes(CHAPTER_BIB)
    run = _check(fake_crossref, path)
    assert run.exit_code == 0, run.stderr
    assert [c["verdict"] for c in run.json()["documents"][0]["citations"]] == ["skipped"]


@pytest.mark.parametrize("name,data,message", [
    ("broken.bib", b"@article{a, title = {x\n\n@article{b, title = {y\n", "2 BibTeX entries could not be read (lines 1, 3"),
    ("package.json", b'{"name": "x"}', "not an article: JSON that is not CSL-JSON"),
])
def test_cli_unreadable_reference_file_is_an_input_error(fake_crossref, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    run = _check(fake_crossref, path)
    assert run.exit_code == 2, run.stderr
    assert run.stderr.splitlines() == [f"citecheck: {path}: {run.json()['documents'][0]['error']}"]
    assert message in run.stderr


def test_cli_reads_csl_json(fake_crossref, tmp_path):
    path = tmp_path / "library.csl.json"
    path.write_bytes(CSL_JSON)
    run = _check(fake_crossref, path)
    assert run.exit_code != 2, run.stderr
    assert len(run.json()["documents"][0]["citations"]) == len(CSL_ITEMS)
