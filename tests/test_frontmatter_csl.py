"""CSL items as Pandoc and Quarto read them: a front matter's ``references`` written as CSL
YAML (title, author, issued …) and CSL-YAML bibliography files.  Before PyYAML read the
front matter, such items were run together into one garbled entry and the others were
never checked (session 9)."""

from __future__ import annotations

from citecheck.extract.markdown import MarkdownExtractor

QUARTO = """---
title: "Vitamin D and falls"
references:
- id: bischoff2009
  type: article-journal
  author:
  - family: Bischoff-Ferrari
    given: Heike A.
  - family: Dawson-Hughes
    given: Bess
  issued:
    date-parts:
    - - 2009
  title: 'Fall prevention with supplemental and active forms of vitamin D: a meta-analysis'
  container-title: BMJ
  volume: 339
  page: b3692
  DOI: 10.1136/bmj.b3692
- id: hartley2021
  type: article-journal
  source: PubMed
  author:
    - family: Hartley
      given: Ann
  issued: 2021-03-01
  title: "Vitamin D halves falls in care homes"
  container-title: "Journal of Geriatric Supplements"
  volume: "12"
  issue: "3"
  page: "201-209"
- id: never2000
  type: article-journal
  title: An item nobody cites
  issued: 2000
---

Vitamin D may reduce falls [@bischoff2009]. A trial said it halves them [@hartley2021].
"""


def _extract(text: str, name: str | None = None):
    extractor = MarkdownExtractor()
    extractor.source = name
    return extractor.extract(text.encode())


def test_front_matter_csl_items_are_read_field_by_field_and_cited_by_key():
    ex = _extract(QUARTO)
    assert [(c.authors[0].surname, c.year, c.journal, c.volume, c.pages) for c in ex.citations] == [
        ("Bischoff-Ferrari", 2009, "BMJ", "339", "b3692"),
        ("Hartley", 2021, "Journal of Geriatric Supplements", "12", "201-209")]  # a YAML date's year
    assert ex.citations[0].doi == "10.1136/bmj.b3692"
    assert ex.citations[1].title == "Vitamin D halves falls in care homes"  # "source: PubMed" is no entry
    assert [c.line for c in ex.citations] == [4, 19]  # where each item is written
    assert [(it.text, it.reference) for it in ex.in_text] == [("@bischoff2009", 0), ("@hartley2021", 1)]
    assert ex.problems == ()


def test_a_front_matter_csl_item_without_an_id_is_named():
    text = QUARTO.replace("- id: never2000\n  type", "- type")
    ex = _extract(text)
    assert len(ex.citations) == 2
    [problem] = ex.problems
    assert "1 CSL reference (line 31) has no \"id\"" in problem


def test_a_csl_yaml_bibliography_file_is_read(tmp_path):
    head, body = QUARTO.split("---\n\n")
    refs = head.split("references:\n", 1)[1]
    (tmp_path / "refs.yaml").write_text("references:\n" + refs)
    article = tmp_path / "post.qmd"
    text = '---\ntitle: "Vitamin D"\nbibliography: refs.yaml\n---\n\n' + body
    article.write_text(text)
    ex = _extract(text, str(article))
    assert [c.authors[0].surname for c in ex.citations] == ["Bischoff-Ferrari", "Hartley"]
    assert [it.reference for it in ex.in_text] == [0, 1]
    assert ex.problems == ()


def test_a_bibliography_file_that_is_not_csl_yaml_is_named(tmp_path):
    (tmp_path / "refs.yml").write_text("title: [unclosed\n")
    text = '---\nbibliography: refs.yml\n---\n\nFalls drop [@a].\n'
    ex = _extract(text, str(tmp_path / "post.md"))
    [problem] = ex.problems
    assert "refs.yml" in problem and "not valid YAML (line 2:" in problem


def test_front_matter_that_names_no_sources_is_not_parsed():
    # A title with a colon in it is invalid YAML; it cites nothing, so nothing is said.
    ex = _extract("---\ntitle: Sleep: a guide\n---\n\n# Sleep\n\nSleep helps.\n")
    assert ex.problems == () and ex.citations == ()


def test_a_date_that_is_no_date_leaves_the_references_read():
    # "date: 2024-00-52" raised ValueError out of PyYAML's date constructor (found by the fuzzer).
    from citecheck.extract.yamlread import read_yaml

    text = QUARTO.replace('title: "Vitamin D and falls"\n', 'title: "Vitamin D and falls"\ndate: 2024-00-52\n', 1)
    assert "date: 2024-00-52" in text
    ex = MarkdownExtractor().extract(text.encode())
    assert [c.doi for c in ex.citations][:1] == ["10.1136/bmj.b3692"]
    assert read_yaml("date: 2024-00-52\nupdated: 2024-01-05\n")[1] == {"date": "2024-00-52",
                                                                        "updated": __import__("datetime").date(2024, 1, 5)}
