"""Static-site Markdown, user trial 11 (F2, F3, F10): references written where the reader
did not look (a front matter's list, a bibliography file named by Pandoc citation keys, MDX
components, inline notes) went unchecked with "no references found", exit 0; and directory
walks left out .mdx, .qmd and .Rmd files without a word."""

from __future__ import annotations

import logging
import os

from citecheck.extract.markdown import MarkdownExtractor
from citecheck.inputs import read_inputs

PARK = ("Park JH, Engstrom L. Pre-emptive gabapentin and opioid use after total knee arthroplasty: "
        "a randomised placebo-controlled trial. J Arthroplasty. 2020;35:2401-2408.")
WARNER = ("Warner E, Goel V, Ondrusek N, Thiel EC, Lavina H. Pilot study of an information aid for women "
          "with a family history of breast cancer. Health Expect. 1999;2(2):118-128.")

BIB = """@article{park2020,
  author = {Park, JH and Engstrom, L},
  title = {Pre-emptive gabapentin and opioid use after total knee arthroplasty: a randomised placebo-controlled trial},
  journal = {J Arthroplasty},
  year = {2020},
  volume = {35},
  pages = {2401--2408}
}

@article{warner1999,
  author = {Warner, E. and Goel, V.},
  title = {Pilot study of an information aid for women with a family history of breast cancer},
  journal = {Health Expect},
  year = {1999},
  volume = {2},
  number = {2},
  pages = {118--128}
}

@article{unused2001,
  author = {Nobody, A},
  title = {A study the article never cites},
  journal = {J Nowhere},
  year = {2001},
  volume = {1},
  pages = {1--2}
}
"""

CITEKEYS = """---
title: "Insomnia without pills"
bibliography: refs.bib
---

# Insomnia

CBT-I works better than pills [@park2020]. Sleep restriction helps [see @warner1999, p. 3; @lee2020].

# References

::: {#refs}
:::
"""


def _extract(text: str, source: str | None = None):
    extractor = MarkdownExtractor(source) if source is not None else MarkdownExtractor()
    return extractor.extract(text.encode())


def _linked(ex) -> list[tuple[str, int | None]]:
    return [(it.text, it.reference) for it in ex.in_text]


# --- F3: directory walks ------------------------------------------------------------

def test_a_directory_walk_reads_every_markdown_dialect(tmp_path):
    for name in ("a.md", "b.markdown", "c.mdx", "d.qmd", "e.Rmd", "f.rmd", "g.mkd", "h.txt"):
        (tmp_path / name).write_text("# Title\n")
    found = sorted(os.path.basename(i.path) for i in read_inputs([str(tmp_path)]))
    assert found == ["a.md", "b.markdown", "c.mdx", "d.qmd", "e.Rmd", "f.rmd", "g.mkd", "h.txt"]


def test_a_file_a_walk_leaves_out_is_named_with_verbose(tmp_path, caplog):
    (tmp_path / "a.md").write_text("# Title\n")
    (tmp_path / "notes.org").write_text("* Notes\n")
    with caplog.at_level(logging.INFO, logger="citecheck"):
        read_inputs([str(tmp_path)])
    assert any("notes.org" in r.getMessage() and "skipped" in r.getMessage() for r in caplog.records)
    assert not any("a.md" in r.getMessage() for r in caplog.records)


# --- F2a: Pandoc citation keys and the bibliography file -----------------------------

def test_citation_keys_cite_the_entries_of_the_bibliography_the_front_matter_names(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB)
    article = tmp_path / "post.md"
    article.write_text(CITEKEYS)
    ex = _extract(CITEKEYS, str(article))
    # the entries cited, as the file gives them; an entry nobody cites is not in the article
    assert [(c.authors[0].surname, c.year, c.volume, c.pages) for c in ex.citations] == [
        ("Park", 2020, "35", "2401-2408"), ("Warner", 1999, "2", "118-128")]
    assert [c.line for c in ex.citations] == [8, 8]  # where each is first cited
    assert _linked(ex) == [("@park2020", 0), ("@warner1999", 1), ("@lee2020", None)]
    assert ex.problems == ()


def test_a_bibliography_list_in_the_front_matter_is_read_whole(tmp_path):
    (tmp_path / "a.bib").write_text(BIB.split("@article{warner1999")[0])
    (tmp_path / "b.bib").write_text("@article{warner1999" + BIB.split("@article{warner1999")[1])
    text = CITEKEYS.replace("bibliography: refs.bib", "bibliography:\n  - a.bib\n  - b.bib")
    ex = _extract(text, str(tmp_path / "post.md"))
    assert [c.authors[0].surname for c in ex.citations] == ["Park", "Warner"]


def test_a_missing_bibliography_makes_the_article_read_in_part(tmp_path):
    ex = _extract(CITEKEYS, str(tmp_path / "post.md"))
    assert ex.citations == ()
    [problem] = ex.problems
    assert "refs.bib" in problem and "not checked" in problem
    assert _linked(ex) == [("@park2020", None), ("@warner1999", None), ("@lee2020", None)]


def test_from_standard_input_the_citation_keys_are_unresolved_and_the_run_incomplete():
    ex = _extract(CITEKEYS, "-")
    assert [it.reference for it in ex.in_text] == [None, None, None]
    assert "standard input" in ex.problems[0]


def test_an_e_mail_address_or_a_handle_is_no_citation_key():
    ex = _extract("# Contact\n\nWrite to nurse@clinic.example or follow @WHO for updates.\n")
    assert ex.in_text == ()


# --- F2b, F10: front matter reference lists, Hugo shortcodes --------------------------

def test_toml_front_matter_references_are_cited_by_hugo_shortcodes():
    text = (f'+++\ntitle = "Ear infections"\nreferences = [\n  """{PARK}""",\n  """{WARNER}""",\n]\n+++\n\n'
            "Delayed prescribing is safe {{< cite 1 >}}. Pain relief comes first {{< cite 2 >}}.\n"
            "Watchful waiting works {{< cite 3 >}}.\n\n{{< references >}}\n")
    ex = _extract(text)
    assert [(c.line, c.text) for c in ex.citations] == [(4, PARK), (5, WARNER)]
    assert _linked(ex) == [("{{< cite 1 >}}", 0), ("{{< cite 2 >}}", 1), ("{{< cite 3 >}}", None)]


def test_a_shortcode_cites_a_front_matter_entry_by_its_key():
    text = (f'+++\n[[references]]\nid = "park"\ntext = "{PARK}"\n\n[[references]]\nid = "warner"\n'
            f'text = "{WARNER}"\n+++\n\nSafe {{{{% cite "warner" %}}}}.\n')
    ex = _extract(text)
    assert [c.authors[0].surname for c in ex.citations] == ["Park", "Warner"]
    assert _linked(ex) == [('{{% cite "warner" %}}', 1)]


def test_yaml_front_matter_entries_lose_their_quotes_and_author_year_citations_find_them():
    text = ('---\ntitle: "Probiotics"\nreferences:\n'
            '  - "Warner, E., Goel, V., Ondrusek, N., Thiel, E. C., & Lavina, H. (1999). Pilot study of an '
            'information aid for women with a family history of breast cancer. Health Expectations, 2(2), 118-128."\n'
            '  - "Park, J. H., & Engstrom, L. (2020). Pre-emptive gabapentin and opioid use after total knee\n'
            '    arthroplasty: a randomised placebo-controlled trial. J Arthroplasty, 35, 2401-2408."\n'
            '---\n\n# Probiotics\n\nProbiotics may help (Warner et al., 1999). The strain matters (Park & Engstrom, 2020).\n')
    ex = _extract(text)
    assert [c.line for c in ex.citations] == [4, 5]
    assert [c.text[:6] for c in ex.citations] == ["Warner", "Park, "]
    assert ex.citations[1].text.endswith("2401-2408.")  # the item's second line read with it
    assert _linked(ex) == [("(Warner et al., 1999)", 0), ("(Park & Engstrom, 2020)", 1)]


def test_front_matter_without_references_is_read_as_before():
    text = "---\ntitle: Sleep\n---\n\n# Sleep\n\nSleep helps [1].\n\n## References\n\n1. " + PARK + "\n"
    ex = _extract(text)
    assert [(c.line, c.number) for c in ex.citations] == [(11, 1)]
    assert _linked(ex) == [("[1]", 0)]


# --- F2c: MDX components ------------------------------------------------------------

def test_mdx_reference_components_are_entries_and_cite_components_cite_them():
    text = ("import { Cite, Reference } from '@/components/mdx'\n\n# Weight-loss injections\n\n"
            'Weight returns after stopping <Cite id="1" />. Nausea is common <Cite id="2" />.\n\n'
            f'## References\n\n<ReferenceList>\n  <Reference id="1">\n    {PARK}\n  </Reference>\n'
            f'  <Reference id="2" doi="10.1046/j.1369-6513.1999.00038.x">{WARNER}</Reference>\n</ReferenceList>\n')
    ex = _extract(text)
    assert [c.line for c in ex.citations] == [10, 13]
    assert ex.citations[0].text == PARK
    assert ex.citations[1].doi == "10.1046/j.1369-6513.1999.00038.x"  # from the component's doi attribute
    assert _linked(ex) == [('<Cite id="1" />', 0), ('<Cite id="2" />', 1)]


# --- F2d: Pandoc inline notes ---------------------------------------------------------

def test_pandoc_inline_notes_are_notes_cited_where_they_stand():
    text = (f"# Knee surgery\n\nGabapentin before surgery cuts opioid use.^[{PARK}] Neutral mutations\n"
            "matter.^[Huynen M, Stadler P, Fontana W. Smoothness within ruggedness: The role of neutrality\n"
            "in adaptation [Internet]. Proc Natl Acad Sci USA. 1996;93:397-401.] A note that cites nothing.^[Our view.]\n")
    ex = _extract(text)
    assert [(c.line, c.authors[0].surname, c.year) for c in ex.citations] == [(3, "Park", 2020), (4, "Huynen", 1996)]
    assert ex.citations[1].title.startswith("Smoothness within ruggedness")
    assert _linked(ex) == [("[^1]", 0), ("[^2]", 1)]


def test_inline_notes_take_numbers_no_footnote_uses():
    text = f"# A\n\nFirst.[^1] Second.^[{WARNER}]\n\n[^1]: {PARK}\n"
    ex = _extract(text)
    assert sorted(c.authors[0].surname for c in ex.citations) == ["Park", "Warner"]
    assert sorted(_linked(ex)) == [("[^1]", [c.authors[0].surname for c in ex.citations].index("Park")),
                                   ("[^2]", [c.authors[0].surname for c in ex.citations].index("Warner"))]


def test_shortcodes_cite_the_numbered_list_of_the_body_when_the_front_matter_has_none():
    text = f"# Ears\n\nWait and see {{{{< cite 2 >}}}}. Pain relief {{{{< cite 1 >}}}}.\n\n## References\n\n1. {PARK}\n2. {WARNER}\n"
    ex = _extract(text)
    assert _linked(ex) == [("{{< cite 2 >}}", 1), ("{{< cite 1 >}}", 0)]
    assert ex.problems == ()


def test_markup_citing_a_list_that_is_nowhere_makes_the_article_read_in_part():
    # Hugo keeps the references in a data file, Quarto names the bibliography in _quarto.yml:
    # the article alone cites entries none of which can be read.
    for text in ("# Ears\n\nWait and see {{< cite 1 >}}.\n", "# Sleep\n\nCBT-I works [@park2020].\n",
                 '# Weight\n\nIt returns <Cite id="1" />.\n'):
        ex = _extract(text)
        assert [it.reference for it in ex.in_text] == [None]
        [problem] = ex.problems
        assert "not read" in problem


def test_a_yaml_entry_opening_with_a_colon_is_an_entry_not_a_mapping():
    text = ('---\nreferences:\n- "' + PARK + '"\n- WHO: Fact sheet on otitis media. Geneva: World Health Organization; 2019.\n'
            '---\n\nText.\n')
    ex = _extract(text)
    assert [c.text[:10] for c in ex.citations] == ["Park JH, E", "WHO: Fact "]
    # Not valid YAML ("mapping values are not allowed here"): read line by line, and said
    [problem] = ex.problems
    assert "not valid YAML (line 4" in problem and "2 reference list items were read line by line" in problem


def test_nocite_brings_in_entries_the_text_does_not_cite(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB)
    text = CITEKEYS.replace("bibliography: refs.bib", "bibliography: refs.bib\nnocite: |\n  @unused2001")
    ex = _extract(text, str(tmp_path / "post.md"))
    assert [(c.authors[0].surname, c.line) for c in ex.citations] == [("Park", 10), ("Warner", 10), ("Nobody", 3)]


def test_a_csl_json_bibliography_is_read_by_its_items_ids(tmp_path):
    (tmp_path / "refs.json").write_text(
        '[{"id": "park2020", "type": "article-journal", "title": "Pre-emptive gabapentin and opioid use after total '
        'knee arthroplasty: a randomised placebo-controlled trial", "container-title": "J Arthroplasty", '
        '"author": [{"family": "Park", "given": "JH"}], "issued": {"date-parts": [[2020]]}, "volume": "35", '
        '"page": "2401-2408"}]')
    ex = _extract(CITEKEYS.replace("refs.bib", "refs.json"), str(tmp_path / "post.md"))
    assert [(c.authors[0].surname, c.volume) for c in ex.citations] == [("Park", "35")]
    assert _linked(ex) == [("@park2020", 0), ("@warner1999", None), ("@lee2020", None)]


def test_citation_markup_shown_as_code_is_no_citation():
    text = ("# How to cite\n\nWrite `{{< cite 1 >}}`, `[@key]`, `<Cite id=\"1\" />` or `^[a note]`.\n\n"
            "```\nSee [@smith2019] and ^[Park JH. Title. J. 2020;1:1-2.]\n```\n")
    ex = _extract(text)
    assert (ex.citations, ex.in_text, ex.problems) == ((), (), ())
