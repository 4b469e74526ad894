"""Links as citations, user trial 10: Markdown shortcut reference links were not read, so an
invented DOI went unchecked (F3); a percent-encoded doi.org link was looked up undecoded (F9);
a link's title was ignored and two links in one sentence were judged by each other's words
(F10); PMC's in-text links to an entry's id were not read as note citations (F12)."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.links import link_fits, link_problems
from citecheck.services.crossref import work_from_crossref
from tests.conftest import run_cli
from tests.fake_crossref import FakeCrossref


def _record(doi: str, title: str, journal: str, short: str, year: int, volume: str, page: str,
            authors: list[tuple[str, str]]) -> dict:
    """A work as Crossref's /works/{doi} message gives it (the records of the PMC development set)."""
    return {"DOI": doi, "type": "journal-article", "title": [title], "container-title": [journal],
            "short-container-title": [short], "volume": volume, "page": page,
            "author": [{"given": given, "family": family, "sequence": "first" if k == 0 else "additional"}
                       for k, (given, family) in enumerate(authors)],
            "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year]]},
            "URL": f"https://doi.org/{doi}", "publisher": "PMC development set"}


MATURITAS = _record("10.1016/j.maturitas.2004.06.005", "Loneliness and its correlates in older women",
                    "Maturitas", "Maturitas", 2004, "49", "223-231", [("A", "Rigo"), ("B", "Sanz")])
CERNUNNOS = _record("10.1016/j.cell.2005.12.030",
                    "Cernunnos, a novel nonhomologous end-joining factor, is mutated in human immunodeficiency "
                    "with microcephaly", "Cell", "Cell", 2006, "124", "287-299",
                    [("D", "Buck"), ("L", "Malivert"), ("A", "Barraud")])
CESERANI = _record("10.1111/j.1365-313X.2008.03742.x",
                   "VH1/BRL2 receptor-like kinase interacts with vascular-specific adaptor proteins VIT and VIK "
                   "to influence leaf venation", "The Plant Journal : for Cell and Molecular Biology", "Plant J",
                   2009, "57", "1000-1014", [("T", "Ceserani"), ("A", "Trofka"), ("N", "Gandotra")])
BUNIATIAN = _record("10.1046/j.1365-2184.2003.00287.x",
                    "Stages of activation of hepatic stellate cells: effects of ellagic acid, an inhibiter of liver "
                    "fibrosis, on their differentiation in culture", "Cell Proliferation", "Cell Prolif", 2003, "36",
                    "307-319", [("GH", "Buniatian")])
SHKOLNIKOV = _record("10.1016/S0277-9536(98)00096-3",
                     "Educational level and adult mortality in Russia: an analysis of routine data 1979 to 1994",
                     "Social Science and Medicine", "Social Science and Medicine", 1998, "47", "357-369",
                     [("V. M.", "Shkolnikov"), ("D. A.", "Leon"), ("S.", "Adamets"), ("A.", "Deev")])

# min/md_shortcut_ref.md of the trial: [5]'s DOI does not exist.
SHORTCUT = """# Loneliness and health

A 2004 paper in Maturitas looked at a related question [2]. A 2021 trial in
JAMA reported that weekly phone calls reduced loneliness scores by 40% [5].

[2]: https://doi.org/10.1016/j.maturitas.2004.06.005
[5]: https://doi.org/10.1001/jama.2021.90210
"""


def _links(text: str, name: str = "a.md"):
    extraction = extract_bytes(text.encode(), name)
    return extraction, [c for c in extraction.citations if c.kind == "link"]


# --- F3: shortcut and collapsed reference links ---------------------------------------------

def test_a_shortcut_reference_link_is_checked_and_its_invented_doi_fails_the_run(tmp_path):
    article = tmp_path / "a.md"
    article.write_text(SHORTCUT, encoding="utf-8")
    with FakeCrossref([MATURITAS], rate_limit=200, concurrency=10) as server:
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--quiet", "-f", "json")
    assert run.exit_code == 1  # was 0: "no references found", nothing checked
    doc = run.json()["documents"][0]
    assert [(c["kind"], c["verdict"]) for c in doc["citations"]] == [("link", "verified"), ("link", "not_found")]
    assert "registered with no agency" in doc["citations"][1]["reason"]
    # "[5]" is the link's marker: tied to it, not "cited in the text but not in the reference list".
    assert [(i["text"], i["reference"]) for i in doc["in_text"]] == [("[2]", 0), ("[5]", 1)]
    assert not doc.get("unmatched_in_text")


def test_each_use_of_a_shortcut_link_is_one_link_and_the_definitions_are_no_reference_list():
    extraction, links = _links(SHORTCUT)
    assert [c.doi for c in extraction.citations] == ["10.1016/j.maturitas.2004.06.005", "10.1001/jama.2021.90210"]
    assert all(c.kind == "link" for c in extraction.citations)  # not read again as entries
    assert links[1].text.startswith("A 2021 trial in JAMA") and links[1].text.endswith("by 40% [5].")


def test_shortcut_labels_match_whatever_their_case_and_collapsed_links_are_read():
    _, links = _links("# Pain\n\nAs [Smith  2019] and [the Rigo study][] showed, it helps.\n\n"
                      "[smith 2019]: https://doi.org/10.1016/j.maturitas.2004.06.005\n"
                      "[The Rigo Study]: https://doi.org/10.1016/j.cell.2005.12.030\n")
    assert [c.doi for c in links] == ["10.1016/j.maturitas.2004.06.005", "10.1016/j.cell.2005.12.030"]
    # Undefined labels, task boxes and footnotes stay text.
    _, none = _links("# Pain\n\n- [x] done [7] and [^1].\n\n[^1]: A note.\n[8]: https://doi.org/10.1/x\n")
    assert none == []


# --- F9: percent-encoded doi.org links ------------------------------------------------------

def test_a_percent_encoded_doi_link_is_looked_up_decoded(tmp_path):
    _, [md] = _links("# Education\n\nThey analysed routine data ([Shkolnikov et al. (1998)][1]).\n\n"
                     "[1]: https://doi.org/10.1016/S0277-9536%2898%2900096-3\n")
    html = ('<html><body><p>They analysed routine data (<a href="https://doi.org/10.1016/S0277-9536%2898%2900096-3">'
            'Shkolnikov et al., 1998</a>).</p></body></html>')
    _, [page] = _links(html, "a.html")
    assert md.doi == page.doi == "10.1016/S0277-9536(98)00096-3"
    article = tmp_path / "a.html"
    article.write_text(html, encoding="utf-8")
    with FakeCrossref([SHKOLNIKOV], rate_limit=200, concurrency=10) as server:
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--quiet", "-f", "json")
    assert run.exit_code == 0  # was 1: "a mistyped or invented DOI"
    assert [c["verdict"] for c in run.json()["documents"][0]["citations"]] == ["verified"]


# --- F10: a link's title; boilerplate words; two links in a sentence --------------------------

CELL = work_from_crossref(CERNUNNOS)
TITLE = "Cernunnos, a novel nonhomologous end-joining factor, is mutated in human immunodeficiency with microcephaly"


def test_boilerplate_words_around_a_link_are_no_topic_words():
    text = "The work summarised in this paper https://doi.org/10.1016/j.cell.2005.12.030 is often cited as well."
    assert link_problems(text, CELL) == ([], None)  # was: topic words summarised, often, cited


@pytest.mark.parametrize("article, name", [
    (f'# B\n\nThe work described in [this paper][3] matters for the clinic today.\n\n'
     f'[3]: https://doi.org/10.1016/j.cell.2005.12.030 "{TITLE}"\n', "a.md"),
    (f'# B\n\nThe work described in [this paper](https://doi.org/10.1016/j.cell.2005.12.030 "{TITLE}") '
     f'matters for the clinic today.\n', "a.md"),
    (f'<html><body><p>The work described in <a href="https://doi.org/10.1016/j.cell.2005.12.030" title="{TITLE}">'
     f'this paper</a> matters for the clinic today.</p></body></html>', "a.html"),
])
def test_a_links_title_names_the_work(article, name):
    _, [link] = _links(article, name)
    assert TITLE in link.text
    assert link_fits(link.text, CELL) is None  # was: topic words described, matters, clinic
    # The title is judged too: a title of another work is caught.
    _, [other] = _links(article.replace(TITLE, "Ellagic acid and the activation of hepatic stellate cells"), name)
    assert "none of the text's topic words" in link_fits(other.text, CELL)
    # A page's words for the link itself are no title of a work.
    _, [noise] = _links(article.replace(TITLE, "Opens in a new window"), name)
    assert "window" not in noise.text


TWO = ("# Background\n\nFor background, see the overview by [Ceserani et al.][7] and the later work of "
       "[Buniatian][8].\n\n[7]: https://doi.org/10.1111/j.1365-313X.2008.03742.x\n"
       "[8]: https://doi.org/10.1046/j.1365-2184.2003.00287.x\n")


def test_two_links_in_one_sentence_are_each_judged_by_their_own_words():
    _, [seven, eight] = _links(TWO)
    assert "Buniatian" not in seven.text and "Ceserani" not in eight.text
    assert link_problems(seven.text, work_from_crossref(CESERANI)) == ([], None)  # was: topic word "buniatian"
    assert link_problems(eight.text, work_from_crossref(BUNIATIAN)) == ([], None)  # was: "names Ceserani"
    # Each link's own words still catch a link to the wrong work.
    assert "the text names Ceserani" in link_fits(seven.text, work_from_crossref(BUNIATIAN))


def test_words_after_a_link_up_to_a_clause_break_stay_with_it():
    _, [first, second] = _links("# B\n\n[Smith's team](https://doi.org/10.1000/a) found lower pain scores, "
                                "while [Jones](https://doi.org/10.1000/b) found none.\n")
    assert first.text == "Smith's team https://doi.org/10.1000/a found lower pain scores"
    assert second.text == "Jones https://doi.org/10.1000/b found none."


# --- F12: PMC's in-text links to an entry's id ---------------------------------------------

PMC = """<html><body><article><h1>Falls</h1>
<p>Finding one was reported <a href="#R1" class="usa-link">1</a>. Another supports it [<a href="#R2">2</a>].
Two more agree <a href="#R3">3</a>&#8211;<a href="#R4">4</a>, as Figure <a href="#F1">1</a> shows.</p>
<div class="fig" id="F1"><p>Figure 1. Falls by ward.</p></div>
<h2>References</h2><ul class="ref-list">
<li id="R1"><span class="label">1.</span> Feinstein J. The relationship between socioeconomic status and health: a review of the literature. Milbank Q. 1993;71(2):279-322.</li>
<li id="R2"><span class="label">2.</span> Shibata K, Hosoda H. Regulation of ghrelin secretion during pregnancy and lactation in the rat. Peptides. 2004;25(2):311-319.</li>
<li id="R3"><span class="label">3.</span> Chen N. After-hyperpolarization improves spike programming through lowering threshold potentials. Biochem Biophys Res Commun. 2006;346:938-945.</li>
<li id="R4"><span class="label">4.</span> Sasaki T, Maier B, Bartke A, Scrable H. Progressive loss of SIRT1 with cell cycle withdrawal. Aging Cell. 2006;5:413-422.</li>
</ul></article></body></html>
"""


def test_a_link_to_an_entrys_id_is_a_note_citation_of_that_entry():
    extraction = extract_bytes(PMC.encode(), "a.html")
    assert len([c for c in extraction.citations if c.kind == "reference"]) == 4
    # "[2]" once (not "[[2]]"); "3–4" one range; "Figure 1" no note.
    assert [(i.text, i.reference) for i in extraction.in_text] == [("[1]", 0), ("[2]", 1), ("[3–4]", 2),
                                                                   ("[3–4]", 3)]
