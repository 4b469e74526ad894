"""Reference lists exported by PubMed (MEDLINE records, .nbib or .txt) and by Pandoc and
Quarto (CSL-YAML): before session 9 both were read as plain text, the MEDLINE file as no
citation at all and the CSL-YAML file as garbled entries ("id: bischoff2009")."""

from __future__ import annotations

import pytest

from citecheck.extract import ExtractError, extract_bytes
from citecheck.inputs import read_inputs

MEDLINE = """PMID- 17322995
OWN - NLM
VI  - 42
IP  - 1
DP  - 2007 Jan
TI  - Comparison between endoscopic papillary balloon dilation and endoscopic
      sphincterotomy for the treatment of common bile duct stones.
PG  - 56-62
FAU - Watanabe, Hiroshi
AU  - Watanabe H
AU  - Yoneda M
LA  - eng
PT  - Journal Article
TA  - J Gastroenterol
JT  - Journal of gastroenterology
AID - 10.1007/s00535-006-1969-9 [doi]
SO  - J Gastroenterol. 2007 Jan;42(1):56-62. doi: 10.1007/s00535-006-1969-9.

PMID- 31000001
TI  - [Vitamin D in the elderly].
AU  - Müller-Lüdenscheidt K
CN  - Study Group on Falls
DP  - 2019 Mar 12
TA  - Dtsch Med Wochenschr
VI  - 144
PG  - 321-7
LID - 10.1055/a-0000-0000 [doi]
LID - e12 [pii]

PMID- 26158189
BTI - StatPearls
PB  - StatPearls Publishing
DP  - 2024 Jan
TI  - Ketamine
AU  - Rosenbaum SB
"""


def test_medline_records_are_read_field_by_field():
    ex = extract_bytes(MEDLINE.replace("\n", "\r\n").encode(), "pubmed.nbib")  # PubMed writes CRLF
    assert ex.format == "medline" and ex.problems == ()
    first, second, book = ex.citations
    assert (first.line, first.title, first.journal, first.year, first.volume, first.issue, first.pages) == (
        1, "Comparison between endoscopic papillary balloon dilation and endoscopic sphincterotomy for the "
           "treatment of common bile duct stones", "J Gastroenterol", 2007, "42", "1", "56-62")
    assert [(a.surname, a.initials) for a in first.authors] == [("Watanabe", "H"), ("Yoneda", "M")]
    assert (first.doi, first.pmid) == ("10.1007/s00535-006-1969-9", "17322995")
    # a translated title loses its brackets; a group author is one author; the DOI, not the pii
    assert second.title == "Vitamin D in the elderly"
    assert [a.surname for a in second.authors] == ["Müller-Lüdenscheidt", "Study Group on Falls"]
    assert (second.line, second.year, second.pages, second.doi) == (19, 2019, "321-7", "10.1055/a-0000-0000")
    # a Bookshelf chapter: no journal, so Crossref's absence of it is no verdict
    assert (book.line, book.title, book.journal, book.pmid) == (30, "Ketamine", None, None)


@pytest.mark.parametrize("name", ["pubmed-ketamine-set.txt", "-"])
def test_medline_saved_as_text_or_piped_is_read_as_medline(name):
    assert extract_bytes(MEDLINE.encode(), name).format == "medline"


def test_ris_saved_as_text_is_read_as_ris():
    ris = "TY  - JOUR\nTI  - A title of a study\nAU  - Smith, John\nPY  - 2019\nJO  - J Test\nER  - \n"
    assert extract_bytes(ris.encode(), "endnote-export.txt").format == "ris"


def test_a_text_article_is_still_text():
    assert extract_bytes(b"PMID numbers are listed below.\n\n1. Smith J. A study. J Test. 2019;1:1-2.\n",
                         "a.txt").format == "text"


def test_a_line_in_a_medline_record_that_is_no_field_is_named():
    ex = extract_bytes(MEDLINE.replace("PT  - Journal Article", "Journal Article").encode(), "a.nbib")
    assert len(ex.citations) == 3
    [problem] = ex.problems
    assert "line 13" in problem


CSL_YAML = """---
references:
- id: watanabe2007
  type: article-journal
  author:
  - family: Watanabe
    given: H
  issued:
    date-parts:
    - - 2007
  title: Comparison between endoscopic papillary balloon dilation and endoscopic sphincterotomy
  container-title: Journal of Gastroenterology
  volume: 42
  page: 56-62
  DOI: 10.1007/s00535-006-1969-9
- id: invented2022
  type: article-journal
  author:
  - family: Moreau
    given: Louise
  issued: 2022-03-01
  title: Intravenous vitamin C cures long COVID fatigue
  container-title: Journal of Gastroenterology
...
"""


def test_a_csl_yaml_file_is_read_item_by_item():
    ex = extract_bytes(CSL_YAML.encode(), "refs.yaml")
    assert ex.format == "csl-yaml"
    assert [(c.line, c.authors[0].surname, c.year, c.volume) for c in ex.citations] == [
        (3, "Watanabe", 2007, "42"), (16, "Moreau", 2022, None)]
    assert ex.citations[0].doi == "10.1007/s00535-006-1969-9"


@pytest.mark.parametrize("text, said", [
    ("name: CI\non: push\n", "YAML that is not CSL-YAML"),  # a workflow file
    ("references: [unclosed\n", "not valid YAML (line 2:"),
    # (benchmarks/fuzz.py: the pure-Python reader, for a line too long for the C loader's
    # bound, refuses the character as it is made, outside the errors caught)
    ("references:\n- title: " + "a" * 3000 + "\x7fb\n", "not valid YAML (unacceptable character #x007f"),
    ("references:\n- title: a\x7fb\n", "not valid YAML (unacceptable character #x007f"),
])
def test_other_yaml_is_refused_with_its_reason(text, said):
    with pytest.raises(ExtractError, match=said.replace("(", r"\(").replace(")", r"\)")):
        extract_bytes(text.encode(), "x.yml")


def test_a_directory_walk_takes_nbib_files_and_leaves_yaml_alone(tmp_path):
    (tmp_path / "pubmed.nbib").write_text(MEDLINE)
    (tmp_path / "config.yml").write_text("name: CI\n")
    names = [item.path for item in read_inputs([str(tmp_path)])]
    assert [n.rsplit("/", 1)[-1] for n in names] == ["pubmed.nbib"]


@pytest.mark.parametrize("text", [
    "references: " + "[" * 40000 + "]" * 40000,  # libyaml's composer overflowed the C stack on this
    "---\nreferences: " + "[" * 40000 + "\n---\n\nText.\n",
])
def test_yaml_nested_past_the_c_loaders_reach_is_refused_not_a_crash(text):
    import subprocess
    import sys

    # In a child process: a crash there is a failed assertion here, not a dead test run.
    code = ("import sys; from citecheck.extract import extract_document, ExtractError\n"
            "try:\n    ex = extract_document(sys.stdin.buffer.read(), sys.argv[1]); print(ex.problems)\n"
            "except ExtractError as e:\n    print(e)\n")
    name = "refs.yaml" if text.startswith("references") else "post.md"
    run = subprocess.run([sys.executable, "-c", code, name], input=text.encode(), capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    assert "nested too deep" in run.stdout.decode()


def test_the_nesting_bound_is_never_below_the_nesting():
    from citecheck.extract.yamlread import nesting_bound

    assert nesting_bound("a: [[[1]]]") >= 3
    assert nesting_bound("- - - - x") >= 4  # compact block sequences on one line
    assert nesting_bound("a:\n  b:\n    c:\n      - d") >= 4
