"""In-text citations and research claims, linked to the reference list."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.claims import find_claims, split_sentences
from citecheck.models import Citation, InText

ARTICLE = """Ketamine for Chronic Pain
Low-dose infusions eased fibromyalgia pain (Zheng et al., 2019).
Duman & Aghajanian (2012) described synaptic effects.
Two trials agree (Mion and Villela 2003; Hernandez et al. 2018).
A numbered style also appears [2] and [1-2].
A 2019 meta-analysis confirmed lasting pain relief after infusions.
Research in 2021 indicated fewer opioid prescriptions after treatment.
A study published in The Lancet found rapid relief (Mion & Villela, 2003).
Ketamine is an anesthetic that research supports.

References
Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.
Duman, R. S., & Aghajanian, G. K. (2012). Synaptic plasticity. Nature Medicine, 18(9), 1386-1398.
Mion, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.
"""


@pytest.fixture(scope="module")
def extraction():
    return extract_bytes(ARTICLE.encode(), "article.txt")


def test_author_year_citations_link_to_entries(extraction):
    found = {(i.text, i.line): i.reference for i in extraction.in_text}
    assert found[("(Zheng et al., 2019)", 2)] == 0
    assert found[("Duman & Aghajanian (2012)", 3)] == 1
    assert found[("Mion and Villela 2003", 4)] == 2
    assert found[("Hernandez et al. 2018", 4)] is None  # not in the list: an editor should see it


def test_numeric_citations_expand_ranges(extraction):
    numeric = [i.reference for i in extraction.in_text if i.line == 5]
    assert numeric == [1, 0, 1]


def test_claims_with_year_or_journal(extraction):
    claims = {c.line: c for c in extraction.claims}
    assert claims[6].year == 2019 and claims[6].reference is None
    assert claims[7].year == 2021
    assert claims[8].journal == "The Lancet" and claims[8].reference == 2
    # "research supports": a general appeal, reported as one, with nothing to look up (trial 38)
    assert not claims[9].specific and claims[9].year is None and claims[9].journal is None


def test_sentence_split_keeps_et_al():
    assert split_sentences("A trial found relief (Zheng et al. 2019). It was small.") == [
        "A trial found relief (Zheng et al. 2019).", "It was small."]


def test_sentences_end_after_the_note_markers_that_follow_their_stop():
    line = ("A 2006 trial published in Archives of General Psychiatry found rapid relief.[5] According to a 2017 "
            "review, dosing matters.[6,7] It was small.")
    assert split_sentences(line) == [
        "A 2006 trial published in Archives of General Psychiatry found rapid relief.[5]",
        "According to a 2017 review, dosing matters.[6,7]", "It was small."]
    cited = (InText("[5]", 1, 4), InText("[6,7]", 1, 5))
    claims = find_claims([line], cited)
    assert [(c.year, c.journal, c.reference) for c in claims] == [
        (2006, "Archives of General Psychiatry", 4), (2017, None, 5)]


SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
def test_seed_article_with_reference_list():
    ex = extract_bytes((SEEDS / "001_9bcee23dc18f0278.txt").read_bytes(), "001.txt")
    assert [c.line for c in ex.citations] == [38, 39, 40, 41, 42]
    assert [c.authors[0].surname for c in ex.citations] == ["Zheng", "Ciccolini", "Hernandez", "Duman", "Mion"]
    assert [c.year for c in ex.citations] == [2019, 2014, 2018, 2012, 2003]
    assert ex.citations[3].journal == "Nature Medicine" and ex.citations[3].pages == "1386-1398"
    assert ex.citations[4].issue == "9392"
    assert [i.reference for i in ex.in_text] == [0, 1, 2, 3, 4]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
@pytest.mark.parametrize("name", ["000_d0049d0c0da88a0a.txt", "002_3ce2cd98bbce725a.txt",
                                  "003_9edfcedc1e237e56.txt", "004_dc01302f98b94b82.txt"])
def test_seed_articles_without_list_give_no_citations(name):
    assert extract_bytes((SEEDS / name).read_bytes(), name).citations == ()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
def test_seed_claims_without_citations():
    ex = extract_bytes((SEEDS / "003_9edfcedc1e237e56.txt").read_bytes(), "003.txt")
    assert {c.year for c in ex.claims} >= {2019, 2021}
    assert all(c.reference is None for c in ex.claims)


# --- issue 4: what clinic pages publish ----------------------------------------

from citecheck.extract.claims import claim_conflicts, uncited_entries, unmatched_in_text  # noqa: E402
from citecheck.extract.links import link_fits  # noqa: E402
from citecheck.models import Work  # noqa: E402

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"


def test_wild_page_superscripts_bare_links_pubmed_and_two_lists():
    ex = extract_bytes((ARTICLES / "wild.html").read_bytes(), "wild.html")
    refs = [c for c in ex.citations if c.kind == "reference"]
    # "Notes" (numbered, one a bare DOI) and "Sources:" (bare links): two lists in one page.
    assert [(c.doi, c.pmid, bool(c.title)) for c in refs] == [
        (None, None, True),
        (None, "20724638", True),  # PMID with details: checked on its details, keeps its PMID
        ("10.1038/nature17998", None, False),  # only a DOI
        (None, "16894061", False),  # a bare PubMed link: skipped by the checker, with its PMID
        ("10.1016/j.neuron.2019.02.005", None, False),
    ]
    # Superscript note markers link to the numbered notes.
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2,3]", 1), ("[2,3]", 2)]
    # An inline PubMed link in the prose is a citation of its own; the booking link is not.
    links = [c for c in ex.citations if c.kind == "link"]
    assert [(c.pmid, c.doi) for c in links] == [("10686270", None)]
    # The furniture ("Share this article") is not read.
    assert not any("Share" in c.text for c in ex.citations)


def test_unicode_superscripts_and_markdown_footnotes():
    md = ("# Ketamine\n\nInfusions eased pain.[^1] Relief was rapid.¹⁻²\n\n"
          "[^1]: Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
          "[^2]: Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.\n")
    ex = extract_bytes(md.encode(), "a.md")
    assert [c.authors[0].surname for c in ex.citations] == ["Zheng", "Ikeda"]
    # A footnote marker keeps its own form; a line's citations are in the order written.
    assert [(i.text, i.reference) for i in ex.in_text] == [("[^1]", 0), ("[1-2]", 0), ("[1-2]", 1)]


def test_a_two_word_surname_in_parentheses_links_to_its_entry():
    text = ("Ketamine\n\nRelief lasted a week (Fernandez Garcia et al., 2007).\n\nReferences\n"
            "Fernandez Garcia, M., Lopez, A., & Ruiz, P. (2007). Ketamine in chronic pain. Pain Medicine, 8(2), 1-9.\n")
    ex = extract_bytes(text.encode(), "a.txt")
    assert [(i.text, i.reference) for i in ex.in_text] == [("(Fernandez Garcia et al., 2007)", 0)]


def test_footnotes_after_a_list_of_links_are_cited_by_their_own_numbers():
    md = ("# Ketamine\n\nInfusions eased pain.[^1] A 2018 trial agreed.[^2]\n\nSources:\n\n"
          "- https://pubmed.ncbi.nlm.nih.gov/29621100/\n"
          "- [Mayo Clinic: ketamine](https://www.mayoclinic.org/ketamine)\n\n"
          "[^1]: Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
          "[^2]: Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.\n")
    ex = extract_bytes(md.encode(), "a.md")
    assert [c.authors[0].surname if c.authors else c.url for c in ex.citations[:4]] == [
        "https://pubmed.ncbi.nlm.nih.gov/29621100/", "Mayo Clinic", "Zheng", "Ikeda"]
    # [^1] is the note labelled 1, not the first entry of the page (the PubMed link).
    assert [(i.text, i.reference) for i in ex.in_text] == [("[^1]", 2), ("[^2]", 3)]


def test_markdown_footnotes_beside_a_numbered_list_and_named_footnotes():
    md = ("# Ketamine\n\nInfusions eased pain.[^1] Mood lifted within hours [2].[^duman]\n\n## References\n\n"
          "1. Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
          "2. Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.\n\n"
          "[^1]: Breivik H, Collett B. Survey of chronic pain in Europe. Eur J Pain. 2006;10(4):287-333.\n"
          "[^duman]: Duman RS, Aghajanian GK. Synaptic plasticity and depression. Nat Med.\n"
          "    2016;22(3):238-49.\n")
    ex = extract_bytes(md.encode(), "a.md")
    assert [c.authors[0].surname for c in ex.citations] == ["Zheng", "Ikeda", "Breivik", "Duman"]
    assert ex.citations[3].year == 2016  # the note's indented second line is part of it
    # "[^1]" is the footnote, "[2]" the list's entry 2: numbers of the two kinds do not mix.
    assert [(i.text, i.reference) for i in ex.in_text] == [("[^1]", 2), ("[2]", 1), ("[^duman]", 3)]


@pytest.mark.parametrize("entries, cited", [
    # A list numbered from 3 (its first two notes were cut): [3] is the entry printed 3.
    ("3. Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
     "4. Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.\n", [("[3]", 0), ("[4]", 1), ("[1]", None)]),
    # Markdown numbers every item "1.": numbers say nothing, positions do.
    ("1. Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
     "1. Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.\n", [("[3]", None), ("[4]", None), ("[1]", 0)]),
])
def test_numeric_citations_follow_the_printed_numbers_when_each_entry_has_its_own(entries, cited):
    text = f"Ketamine\n\nInfusions eased pain [3]. Relief was rapid [4]. Older work agrees [1].\n\nReferences\n{entries}"
    ex = extract_bytes(text.encode(), "a.md")
    assert [(i.text, i.reference) for i in ex.in_text] == cited


def test_list_without_heading_at_the_end_and_bare_doi_entries():
    text = ("Ketamine for pain\nInfusions help many patients with chronic pain.\n\n"
            "Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-9.\n"
            "doi:10.1213/ANE.0000000000000398\n"
            "https://pubmed.ncbi.nlm.nih.gov/12345678/\n")
    ex = extract_bytes(text.encode(), "a.txt")
    assert [(c.line, c.doi, c.pmid) for c in ex.citations] == [
        (4, None, None), (5, "10.1213/ANE.0000000000000398", None), (6, None, "12345678")]


def test_markdown_reference_style_links_are_link_citations():
    md = ("# Ketamine\n\nA [2019 randomized trial of ketamine for fibromyalgia][z] found relief.\n\n"
          "[z]: https://doi.org/10.1093/pm/pny123\n")
    ex = extract_bytes(md.encode(), "a.md")
    [link] = ex.citations
    assert (link.kind, link.doi, link.line, link.title) == ("link", "10.1093/pm/pny123", 3, None)
    assert link.text == "2019 randomized trial of ketamine for fibromyalgia"


def test_claim_with_link_is_tied_to_it():
    html = ('<html><body><p>A 2019 meta-analysis in Pain confirmed relief '
            '(<a href="https://doi.org/10.1097/j.pain.0000000000001234">source</a>).</p></body></html>')
    ex = extract_bytes(html.encode(), "a.html")
    assert ex.claims[0].reference == 0 and ex.citations[0].kind == "link"


NEURON = Work(doi="10.1016/j.neuron.2019.02.005", title="Ketamine: A Paradigm Shift for Depression Research and Treatment",
              journal="Neuron", year_issued=2019)


def test_link_fits_checks_year_journal_and_topic():
    assert link_fits("a 2019 review of ketamine for depression in Neuron", NEURON) is None
    assert link_fits("A study published in The Lancet in 2019", NEURON) == (
        "the text names The Lancet but the linked work is in Neuron")
    assert link_fits("a 2012 review of ketamine", NEURON) == "the text says 2012 but the linked work is from 2019"
    reason = link_fits("massage therapy reduces lower back stiffness", NEURON)
    assert reason.startswith("none of the text's topic words (massage, therapy, lower, back)")
    assert link_fits("this study", NEURON) is None  # too few words to judge


def test_link_topic_is_judged_on_words_about_the_study_not_names_or_connectives():
    # A sentence around a bare link: its author names and connective words say nothing of
    # the linked work's topic (this sentence was a mismatch: "topic words berman, first, later, agreed").
    assert link_fits(f"Berman et al. showed it first; a later review https://doi.org/{NEURON.doi} agreed",
                     NEURON) is None
    assert link_fits("As we explained above, this is well known https://doi.org/10.1/x", NEURON) is None
    reason = link_fits("Berman et al. found massage therapy reduces lower back stiffness", NEURON)
    assert reason.startswith("none of the text's topic words (massage, therapy, lower, back)")


def test_a_link_whose_text_does_not_fit_its_work_names_the_wrong_fields():
    from citecheck.checker import check_link_text
    from citecheck.models import CheckResult, FieldStatus, Verdict

    link = Citation(text="A 2012 paper in The Lancet showed it", line=3, kind="link", doi=NEURON.doi)
    result = check_link_text(CheckResult(link, Verdict.VERIFIED, "A published work, cited right.", NEURON, ()))
    assert result.verdict is Verdict.MISMATCH
    assert [(f.name, f.cited, f.found) for f in result.fields if f.status is FieldStatus.MISMATCH] == [
        ("year", 2012, 2019), ("journal", "The Lancet", "Neuron")]


def test_seed001_claim_conflicts_with_entry_and_work():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent (shared test material not checked out)")
    ex = extract_bytes((SEEDS / "001_9bcee23dc18f0278.txt").read_bytes(), "001.txt")
    specific = [c for c in ex.claims if c.specific]
    assert [c.reference for c in specific] == [0, 1, 2, 3, 4]  # the five "Science Says" sentences
    # ... and one sentence leaning on research it neither names nor cites
    [vague] = [c for c in ex.claims if not c.specific]
    assert vague.text.startswith("Studies also suggest that ketamine can reduce the need for opioids")
    assert (vague.line, vague.year, vague.journal, vague.reference) == (14, None, None, None)
    duman = next(c for c in ex.claims if c.reference == 3)
    assert (duman.journal, duman.year) == ("The Journal of Neuroscience", 2012)
    work = Work(doi="10.1038/nm.4050", title="Synaptic plasticity and depression: new insights from stress and "
                "rapid-acting antidepressants", journal="Nature Medicine", year_issued=2016)
    assert claim_conflicts(duman, ex.citations[3], work) == [
        "the sentence names The Journal of Neuroscience, but the entry it cites is in Nature Medicine",
        "the sentence dates the study 2012, but the published work is from 2016",
    ]
    zheng = next(c for c in ex.claims if c.reference == 0)
    assert claim_conflicts(zheng, ex.citations[0], None) == []


def test_a_year_the_entry_and_the_work_share_is_named_once():
    from citecheck.models import Claim
    claim = Claim("A 2015 study found lasting relief (Zanos et al., 2015).", 3, 2015, None, 0)
    entry = Citation(text="Zanos P, et al. NMDAR inhibition. Nature. 2016;533:481-6.", line=9, year=2019)
    work = Work(doi="10.1038/nature17998", title="NMDAR inhibition", year_issued=2019)
    assert claim_conflicts(claim, entry, work) == ["the sentence dates the study 2015, but the entry it cites says 2019"]
    # The work's own year is named when the entry's is not the work's.
    assert claim_conflicts(claim, replace(entry, year=2012), work) == [
        "the sentence dates the study 2015, but the entry it cites says 2012",
        "the sentence dates the study 2015, but the published work is from 2019"]


def test_claim_kind_conflict():
    from citecheck.models import Claim
    claim = Claim("A 2019 meta-analysis confirmed relief.", 3, 2019, None, 0)
    trial = Work(doi="10.1/x", title="Ketamine for fibromyalgia: a randomized controlled trial", year_issued=2019)
    assert claim_conflicts(claim, None, trial) == [
        "the sentence calls it a meta-analysis, but the published work's title says randomized trial: "
        "\"Ketamine for fibromyalgia: a randomized controlled trial\""]


def test_uncited_entries_and_in_text_without_entry(extraction):
    assert uncited_entries(extraction.citations, extraction.in_text) == ()
    assert [i.text for i in unmatched_in_text(extraction.in_text)] == ["Hernandez et al. 2018"]
    ex = extract_bytes((ARTICLES / "clinic.txt").read_bytes(), "clinic.txt")
    assert [ex.citations[i].authors[0].surname for i in uncited_entries(ex.citations, ex.in_text)] == ["Li"]
    assert [i.text for i in unmatched_in_text(ex.in_text)] == ["(Kessler et al., 2021)"]
    # Narrative citations with three names link to their entry.
    assert any(i.text == "Krystal, Abdallah and Sanacora (2019)" and i.reference == 3 for i in ex.in_text)
    assert uncited_entries(ex.citations, ()) == ()  # no in-text citations at all: nothing to compare


def test_an_author_year_citation_written_as_a_link_cites_the_linked_work_and_a_sources_list_is_not_uncited():
    page = ("<html><body><article><h1>Ketamine</h1>"
            "<p>Ketamine lifted depression within hours in a small trial "
            "(<a href='https://doi.org/10.1016/S0006-3223(99)00230-9'>Berman et al., 2000</a>).</p>"
            "<h2>Sources</h2><ul>"
            "<li>Li N, et al. mTOR-dependent synapse formation underlies the rapid antidepressant effects of NMDA "
            "antagonists. Science. 2010;329:959-964.</li>"
            "<li>Zanos P, et al. NMDAR inhibition-independent antidepressant actions of ketamine metabolites. "
            "Nature. 2016;533:481-486.</li></ul></article></body></html>")
    ex = extract_bytes(page.encode(), "a.html")
    [berman] = ex.in_text
    assert ex.citations[berman.reference].doi == "10.1016/S0006-3223(99)00230-9"  # the link, not "no entry"
    assert unmatched_in_text(ex.in_text) == ()
    # The list's entries are cited by no in-text citation at all: a list of sources, not "uncited".
    assert uncited_entries(ex.citations, ex.in_text) == ()


@pytest.mark.parametrize("sentence", [
    "Research has shown that ketamine infusion therapy can provide significant relief.",
    "The efficacy of ketamine for chronic pain has been well-documented in numerous clinical studies and trials.",
    "Studies consistently show that most patients respond within a week.",
    "Evidence suggests the benefit lasts for weeks.",
    # shown by whom, if not by research? (trial 38: the weasel words of "It has been shown that")
    "Ketamine has been shown to be effective for neuropathic pain.",
])
def test_research_named_by_nothing_and_cited_by_nothing_is_a_vague_claim(sentence):
    [claim] = find_claims(["Ketamine", "", sentence], ())
    assert not claim.specific and (claim.line, claim.year, claim.journal) == (3, None, None)


@pytest.mark.parametrize("line", [
    "What the Clinical Research Shows",  # a heading
    "Patient reviews show how much our staff care.",
    "Research shows relief within hours (Zheng et al., 2019).",  # cited
])
def test_not_a_vague_claim(line):
    cited = (InText("(Zheng et al., 2019)", 1, 0),) if "Zheng" in line else ()
    assert find_claims([line], cited) == ()


@pytest.mark.parametrize("sentence, year, journal", [
    ("A 2019 study published in Journal of the American Medical Association found that x helps.", 2019,
     "Journal of the American Medical Association"),
    ("Research published in Journal of Women's Health in 2019 demonstrated that x helps.", 2019, "Journal of Women's Health"),
    ("A 2011 review in Lab on a Chip reported cheaper assays.", 2011, "Lab on a Chip"),
    ("A 2015 study published in Diabetes, Obesity and Metabolism found that y.", 2015, "Diabetes, Obesity and Metabolism"),
    ("A 2019 study published in The Lancet, Smith and colleagues found that y.", 2019, "The Lancet"),
    ("A 2019 JAMA study found that ketamine works.", 2019, "JAMA"),
    ("A 2020 Journal of Pain Research study found that ketamine works.", 2020, "Journal of Pain Research"),
    ("A 2019 Harvard study found that ketamine works.", 2019, None),  # an institution, not a journal
    ("A 2019 Pain Medicine study found that ketamine works.", 2019, "Pain Medicine"),  # NLM knows it
    ("A 2018 Canadian study found that ketamine works.", 2018, None),  # one word: too often no journal
    ("A 2019 Mayo Clinic study found that ketamine works.", 2019, None),
    ("According to a 2019 paper in Pain Medicine, ketamine works.", 2019, "Pain Medicine"),
    ("A 2006 study in the Archives of General Psychiatry confirmed rapid relief.", 2006, "Archives of General Psychiatry"),
    ("A study published in the Journal of Pain in 2018 found relief.", 2018, "Journal of Pain"),
    ("A 2020 trial in the New England Journal of Medicine showed benefit.", 2020, "New England Journal of Medicine"),
    ("A 2019 study in Denmark found fewer relapses.", 2019, None),  # a place
    ("A 2019 study in the United States found fewer relapses.", 2019, None),
    ("A 2021 trial in Sweden found benefit.", 2021, None),
    ("A 2019 study in the U.S. found fewer relapses.", 2019, None),
    ("A 2016 study in Nature Medicine described synaptic plasticity in depression.", 2016, "Nature Medicine"),
    ("A 2019 paper in Neuron argued that ketamine is a paradigm shift.", 2019, "Neuron"),
    ("A review in Pain found relief, see https://doi.org/10.1016/j.ejpain.2005.06.009 for more.", None, "Pain"),
])
def test_claim_names_the_journal_as_prose_writes_it(sentence, year, journal):
    [claim] = find_claims([sentence], ())
    assert (claim.year, claim.journal) == (year, journal)


class _Search:
    """A service whose searches all answer ``works``."""

    def __init__(self, works):
        self.works = works

    def search(self, query, rows):
        return list(self.works)


def test_claim_leads_are_works_of_that_journal_and_year_on_its_topic():
    from citecheck.checker import annotate_claim

    [claim] = find_claims(["A 2019 study published in Pain Medicine found that ketamine infusions eased fibromyalgia."],
                          ())
    on_topic = Work(doi="10.1/a", title="Low-dose ketamine infusion in fibromyalgia", journal="Pain Medicine",
                    year_issued=2019)
    off_topic = Work(doi="10.1/b", title="Opioid tapering in primary care", journal="Pain Medicine", year_issued=2019)
    other_journal = Work(doi="10.1/c", title="Ketamine for fibromyalgia", journal="Pain Research", year_issued=2019)
    other_year = Work(doi="10.1/d", title="Ketamine for fibromyalgia", journal="Pain Medicine", year_issued=2012)
    leads = annotate_claim(claim, (), _Search([off_topic, other_journal, other_year, on_topic])).candidates
    assert [w.doi for w in leads] == ["10.1/a"]


def test_a_markdown_link_to_a_doi_with_parentheses_is_one_citation_of_that_doi():
    md = b"# Ketamine\n\nMood lifted within hours ([Berman et al.](https://doi.org/10.1016/S0006-3223(99)00230-9)).\n"
    ex = extract_bytes(md, "a.md")
    assert [(c.kind, c.doi) for c in ex.citations] == [("link", "10.1016/S0006-3223(99)00230-9")]


def test_prose_that_ends_an_article_with_doi_links_is_no_reference_list():
    md = (b"# Depression\n\nA 2019 study showed that ketamine helps ([source](https://doi.org/10.1038/nm.4050)).\n\n"
          b"According to a 2010 paper in Science, ketamine builds synapses (see doi:10.1126/science.1190287).\n")
    ex = extract_bytes(md, "a.md")
    assert [(c.kind, c.doi) for c in ex.citations] == [("link", "10.1038/nm.4050"), ("link", "10.1126/science.1190287")]


def test_an_author_year_citation_a_year_off_links_to_the_only_entry_it_can_mean():
    text = ("Ketamine\n\nIt blocks NMDA receptors (Himmelseher & Durieux, 2005). Smith found the same (Smith, 2019).\n\n"
            "References\n"
            "Himmelseher S, Durieux ME. Revising a dogma: ketamine for patients with neurological injury? "
            "Anesth Analg. 2004;101(2):524-34.\n"
            "Smith J. Ketamine in pain. Pain. 2018;1:1-9.\n"
            "Smith J. Ketamine in mood. Pain. 2020;2:1-9.\n")
    ex = extract_bytes(text.encode(), "a.txt")
    linked = {i.text: i.reference for i in ex.in_text}
    assert linked["(Himmelseher & Durieux, 2005)"] == 0  # within the year either side the matcher accepts
    assert linked["(Smith, 2019)"] is None  # 2018 or 2020: the year cannot say which


def test_a_link_whose_own_words_name_another_author_is_a_mismatch_and_is_not_rewritten():
    from citecheck.checker import check_link_text
    from citecheck.models import Author, CheckResult, FieldStatus, Verdict
    from citecheck.report.correct import corrected_reference

    neuron = replace(NEURON, authors=(Author("Krystal", "JH"), Author("Abdallah", "CG")))
    text = "Ketamine lifted depression in a 2019 trial (Berman et al. https://doi.org/10.1016/j.neuron.2019.02.005)."
    link = Citation(text=text, line=3, kind="link", doi=NEURON.doi)
    result = check_link_text(CheckResult(link, Verdict.VERIFIED, "A published work, cited right.", neuron, ()))
    assert [(f.name, f.cited) for f in result.fields if f.status is FieldStatus.MISMATCH] == [("authors", ["Berman"])]
    assert "names Berman but the linked work is by Krystal" in result.reason
    assert corrected_reference(result) is None  # the sentence is the article's, not a reference to rewrite
    # A name elsewhere in the sentence is not the link's: no author is judged.
    other = replace(link, text="Berman et al. showed it; a 2019 review of ketamine for depression "
                               "(https://doi.org/10.1016/j.neuron.2019.02.005) agreed.")
    assert check_link_text(CheckResult(other, Verdict.VERIFIED, "ok", neuron, ())).verdict is Verdict.VERIFIED
    # Words in lower case before the link name nobody.
    plain = replace(link, text="A 2019 review eased pain and depression https://doi.org/10.1016/j.neuron.2019.02.005")
    assert check_link_text(CheckResult(plain, Verdict.VERIFIED, "ok", neuron, ())).fields == ()
    # The DOI's digits are no year ("…/j.neuron.2019.02.005" beside "a 2000 trial").
    dated = replace(link, text="In a 2000 trial (https://doi.org/10.1016/j.neuron.2019.02.005) ketamine lifted depression.")
    assert check_link_text(CheckResult(dated, Verdict.VERIFIED, "ok", neuron, ())).verdict is Verdict.MISMATCH


HARVARD_ENTRIES = [
    "Foley, D., Ancoli-Israel, S., Britz, P. and Walsh, J. (2004) 'Sleep disturbances and chronic disease in older "
    "adults', Journal of Psychosomatic Research, 56(5), pp. 497-502.",
    "Mercadante, S., Girelli, D. and Casuccio, A. (2004) 'Sleep disorders in advanced cancer patients: prevalence "
    "and factors associated', Supportive Care in Cancer, 12(5), pp. 355-359.",
    "National Sleep Foundation (2023) How much sleep do we really need? Available at: "
    "https://www.thensf.org/how-many-hours-of-sleep-do-you-need/ (Accessed: 3 March 2024).",
    "U.S. Department of Health and Human Services. (2018). Physical activity guidelines for Americans (2nd ed.). "
    "https://health.gov/paguidelines",
    "World Health Organization (2023) Sleep and health. Geneva: WHO.",
]


@pytest.mark.parametrize("separator, numbered", [("\n\n", False), ("\n", True)])
@pytest.mark.parametrize("cited, entry", [
    ("(Mercadante, Girelli and Casuccio, 2004)", 1),
    ("(Mercadante, Girelli & Casuccio, 2004)", 1),
    ("(Mercadante, Girelli, and Casuccio 2004)", 1),
    ("(Foley, Ancoli-Israel, Britz, & Walsh, 2004)", 0),
    ("(World Health Organization, 2023)", 4),
    ("(National Sleep Foundation, 2023)", 2),
    ("(U.S. Department of Health and Human Services, 2018)", 3),  # an entry whose author is read as "U.S"
])
def test_three_or_more_authors_and_organisations_in_parentheses_link_to_their_entry(separator, numbered, cited, entry):
    entries = separator.join(f"{i}. {e}" if numbered else e for i, e in enumerate(HARVARD_ENTRIES, start=1))
    text = f"Sleep\n\nSleep problems are common in advanced illness {cited}.\n\nSources\n\n{entries}\n"
    ex = extract_bytes(text.encode(), "a.txt")
    assert len(ex.citations) == len(HARVARD_ENTRIES)
    assert [(i.text, i.reference) for i in ex.in_text] == [(cited, entry)]


def test_an_organisation_cited_with_no_year_or_another_year_links_to_its_undated_entry():
    text = ("Sleep\n\nMost adults need 7 to 9 hours of sleep (National Sleep Foundation, 2023). Insomnia is common "
            "(Mayo Clinic, n.d.).\n\nReferences\n"
            "1. Foley D, Ancoli-Israel S, Britz P, Walsh J. Sleep disturbances and chronic disease in older adults. "
            "J Psychosom Res. 2004;56(5):497-502.\n"
            "2. National Sleep Foundation. How much sleep do we really need? "
            "https://www.thensf.org/how-many-hours-of-sleep-do-you-need/. Accessed March 3, 2024.\n"
            "3. Mayo Clinic. Insomnia. https://www.mayoclinic.org/diseases-conditions/insomnia.\n")
    ex = extract_bytes(text.encode(), "a.txt")
    assert [(i.text, i.reference) for i in ex.in_text] == [
        ("(National Sleep Foundation, 2023)", 1), ("(Mayo Clinic, n.d.)", 2)]
    assert uncited_entries(ex.citations, ex.in_text) == (0,)


def test_an_organisation_with_no_entry_is_still_a_citation_so_its_sentence_is_sourced():
    line = "Studies show that most adults need 7 to 9 hours of sleep per night (National Sleep Foundation, 2023)."
    ex = extract_bytes(f"Sleep\n\n{line}\n".encode(), "a.txt")
    assert [(i.text, i.reference) for i in ex.in_text] == [("(National Sleep Foundation, 2023)", None)]
    assert ex.claims == ()  # not "claimed with no source"


@pytest.mark.parametrize("paren", [
    "(see Table 2, 2019 data)", "(Stage 2, n.d.)", "(Updated March 2023 by the Clinic)", "(open since 2019)",
    "(Nurses' Health Study, 2019)", "(National Health and Nutrition Examination Survey, 2019)",
    "(the Mayo Clinic, 2019)", "(Visit our Sleep Clinic in 2019)", "(World Health Organization data for 2019)",
])
def test_a_parenthesis_that_is_no_citation_does_not_become_one(paren):
    ex = extract_bytes(f"Sleep\n\nMost adults need more sleep {paren}.\n".encode(), "a.txt")
    assert ex.in_text == ()


def test_a_sentence_citing_two_entries_ties_the_study_it_names_to_the_citation_after_it():
    text = (b"Exercise\n\nRegular exercise cut deaths by a third [1], and a 2015 study in CMAJ found that walking "
            b"lowered blood pressure [2].\n\nReferences\n1. Smith J. Exercise and death. BMJ. 2001;1:1-9.\n"
            b"2. Jones K. Walking and pressure. CMAJ. 2012;2:1-9.\n")
    [claim] = extract_bytes(text, "a.txt").claims
    assert (claim.year, claim.journal, claim.reference) == (2015, "CMAJ", 1)  # was [1]'s, a false conflict


def test_entries_are_uncited_only_in_a_list_the_text_cites():
    # A "Further reading" list beside the references: its entries are not meant to be cited
    # (a trial found every one of them listed as "never cited").
    text = (b"Sleep\n\nMost adults need seven hours (Smith, 2019).\n\nReferences\n"
            b"Smith J. Sleep and health. Sleep. 2019;1:1-9.\nJones K. Sleep and mood. Sleep. 2018;2:1-9.\n\n"
            b"Further reading\nBrown A. Why we sleep. Sleep Med. 2017;3:1-9.\n")
    ex = extract_bytes(text, "a.txt")
    uncited = uncited_entries(ex.citations, ex.in_text, ex.lists)
    assert [ex.citations[i].authors[0].surname for i in uncited] == ["Jones"]


def test_and_colleagues_cites_like_et_al():
    text = (b"Hernia\n\nBisgaard and colleagues (2009) found less pain, as did others (Franneby and co-workers, 2006)."
            b"\n\nReferences\nBisgaard T, Klarskov B. Hernia repair. Br J Surg. 2009;96:1-9.\n"
            b"Franneby U, Sandblom G. Pain after hernia. Ann Surg. 2006;244:212-9.\n")
    ex = extract_bytes(text, "a.txt")
    assert [(i.text, i.reference) for i in ex.in_text] == [("Bisgaard and colleagues (2009)", 0),
                                                             ("(Franneby and co-workers, 2006)", 1)]


ROUND_NOTES = """Knee pain

Exercise therapy reduced pain in older adults (1). A 2019 meta-analysis found that weight
loss eased symptoms (2, 3). Injections help for weeks only (4–5).

References
1. Fransen M, McConnell S. Exercise for osteoarthritis of the knee. Cochrane Database Syst Rev. 2008;(4):CD004376.
2. Messier SP, Mihalko SL. Effects of intensive diet and exercise on knee joint loads. JAMA. 2013;310(12):1263-73.
3. Bliddal H, Leeds AR. Weight loss as treatment for knee osteoarthritis symptoms. Obes Rev. 2014;15(7):578-86.
4. Juni P, Hari R. Intra-articular corticosteroid for knee osteoarthritis. Cochrane Database Syst Rev. 2015;(10):CD005328.
5. Bannuru RR, Schmid CH. Comparative effectiveness of pharmacologic interventions. Ann Intern Med. 2015;162(1):46-54.
"""


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_numbers_in_round_brackets_cite_entries_when_the_text_cites_no_other_way(suffix):
    got = extract_bytes(ROUND_NOTES.encode(), "knee" + suffix)
    assert [(i.text, i.reference) for i in got.in_text] == [
        ("(1)", 0), ("(2, 3)", 1), ("(2, 3)", 2), ("(4–5)", 3), ("(4–5)", 4)]
    claim = next(c for c in got.claims if c.year == 2019)
    assert claim.reference == 1  # tied to its citation: not a claim citing nothing


def test_numbers_in_round_brackets_in_an_html_ordered_list():
    body = ROUND_NOTES.split("References")[0].replace("\n\n", "</p><p>")
    items = "".join(f"<li>{line[3:]}</li>" for line in ROUND_NOTES.split("References\n")[1].splitlines())
    page = f"<html><body><p>{body}</p><h2>References</h2><ol>{items}</ol></body></html>"
    got = extract_bytes(page.encode(), "knee.html")
    assert [i.reference for i in got.in_text] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize("prose", [
    # enumerations, not citations
    "Patients should: (1) rest, (2) ice the knee, and (3) see a doctor.",
    "(1) Rest the knee.\n(2) Ice it.",
    # one group only: not the document's way of citing
    "Exercise therapy reduced pain (1).",
    # a number no entry has
    "Pain fell in (7) cases and (9) controls.",
])
def test_round_brackets_that_cite_nothing(prose):
    article = prose + "\n\n" + "References\n" + ROUND_NOTES.split("References\n")[1]
    assert extract_bytes(article.encode(), "a.txt").in_text == ()


def test_round_brackets_are_no_citation_beside_author_year_citations():
    article = ("Exercise helps (Fransen & McConnell, 2008). It works in two ways (1) and (2).\n\n"
               "References\nFransen, M., & McConnell, S. (2008). Exercise for osteoarthritis of the knee. "
               "Cochrane Database of Systematic Reviews, (4), CD004376.\n"
               "Messier, S. P. (2013). Effects of diet on knee joint loads. JAMA, 310(12), 1263-1273.\n")
    assert [i.text for i in extract_bytes(article.encode(), "a.txt").in_text] == ["(Fransen & McConnell, 2008)"]


def test_a_round_bracket_citation_wrapped_to_the_start_of_a_line():
    article = ROUND_NOTES.replace("weight\nloss eased symptoms (2, 3).", "weight loss eased symptoms\n(2, 3).")
    assert [i.reference for i in extract_bytes(article.encode(), "a.md").in_text] == [0, 1, 2, 3, 4]


GLUED_NOTES = ROUND_NOTES.replace("adults (1).", "adults.1").replace("symptoms (2, 3).", "symptoms.2,3") \
    .replace("only (4–5).", "only.4-5")


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_note_numbers_pasted_as_plain_digits_cite_entries(suffix):
    got = extract_bytes(GLUED_NOTES.encode(), "knee" + suffix)
    assert [(i.text, i.reference) for i in got.in_text] == [
        ("[1]", 0), ("[2,3]", 1), ("[2,3]", 2), ("[4-5]", 3), ("[4-5]", 4)]
    claim = next(c for c in got.claims if c.year == 2019)
    assert claim.reference == 1 and claim.text.startswith("A 2019 meta-analysis")  # its own sentence


@pytest.mark.parametrize("prose", [
    "Pain fell by 1.5 points in 2019.",  # a decimal, a year
    "Exercise therapy reduced pain in older adults.1",  # one group only
    "Pain fell in adults.7 Children did better.9",  # no entry has these numbers
])
def test_digits_after_a_stop_that_are_no_notes(prose):
    article = prose + "\n\n" + "References\n" + ROUND_NOTES.split("References\n")[1]
    assert extract_bytes(article.encode(), "a.txt").in_text == ()


def test_round_brackets_beside_superscripts_in_a_merged_draft():
    article = ROUND_NOTES.replace("only (4–5).", "only.⁴⁻⁵")
    got = extract_bytes(article.encode(), "a.txt")
    assert sorted({i.reference for i in got.in_text}) == [0, 1, 2, 3, 4]


def test_spanish_french_and_german_author_year_citations():
    article = ("La sal sube la presión (Hoe y cols., 2005). Otros lo confirman (Hoe, Harris y Rebeck, 2005). "
               "Como mostraron Hoe y cols. (2005). Selon Hoe et coll. (2005). Laut Hoe und Mitarbeiter (2005).\n\n"
               "References\n"
               "Hoe, H., Harris, D., y Rebeck, G. (2005). Multiple pathways of apolipoprotein E signaling in "
               "primary neurons. Journal of Neurochemistry, 93, 145-155.\n")
    got = extract_bytes(article.encode(), "a.txt").in_text
    assert [(i.text, i.reference) for i in got] == [
        ("(Hoe y cols., 2005)", 0), ("(Hoe, Harris y Rebeck, 2005)", 0), ("Hoe y cols. (2005)", 0),
        ("Hoe et coll. (2005)", 0), ("Hoe und Mitarbeiter (2005)", 0)]


def test_a_journal_name_before_a_year_is_no_narrative_citation():
    article = ("A study was published in Journal of Rural Health (2006). The New England Journal of "
               "Medicine (2019) agreed, as Professor Jones (2010) did.\n\n"
               "References\nSmith, J. (2005). A title of some length here. Pain, 1, 1-2.\n")
    assert [i.text for i in extract_bytes(article.encode(), "a.txt").in_text] == ["Jones (2010)"]


def test_claims_that_support_name_cochrane_or_date_the_journal():
    text = ("Intro. A 2020 meta-analysis in Hepatology supports the approach.\n"
            "A recent Cochrane review found exercise reduces knee pain.\n"
            "SPRINGFIELD, 2 April 2024 — A study by our researchers was published in Journal of Rural "
            "Health (2006).\n")
    claims = extract_bytes(text.encode(), "a.txt").claims
    assert [(c.year, c.journal) for c in claims] == [
        (2020, "Hepatology"), (None, "Cochrane Database of Systematic Reviews"), (2006, "Journal of Rural Health")]


def test_a_claim_followed_on_its_line_by_a_bare_doi_cites_it():
    text = ("A study by our researchers was published in Journal of Rural Health (2006). "
            "DOI: 10.1111/j.1748-0361.2006.00060.x\n")
    got = extract_bytes(text.encode(), "a.txt")
    link = next(i for i, c in enumerate(got.citations) if c.kind == "link")
    assert [c.reference for c in got.claims] == [link]


def test_a_note_number_pasted_after_an_acronym():
    article = GLUED_NOTES.replace("older adults.1", "older adults with PTSD.1")
    assert [i.reference for i in extract_bytes(article.encode(), "a.txt").in_text] == [0, 1, 2, 3, 4]
