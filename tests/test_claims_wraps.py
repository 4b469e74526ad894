"""Research claims in hard-wrapped prose: a sentence is read across the lines of its
paragraph, reported on the line it starts on, and cites what those lines cite."""

from __future__ import annotations

import textwrap

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.claims import claim_conflicts, find_claims
from citecheck.models import InText

NOTE = ("[^1]: Stampfer MJ, Hu FB, Manson JE, Rimm EB, Willett WC. Primary prevention of coronary heart disease in "
        "women through diet and lifestyle. N Engl J Med. 2000;343(1):16-22.\n")
ENTRY = ("References\nStampfer, M. J., Hu, F. B., Manson, J. E., Rimm, E. B., & Willett, W. C. (2000). Primary "
         "prevention of coronary heart disease in women through diet and lifestyle. New England Journal of "
         "Medicine, 343(1), 16-22.\n")
NURSES = "A study published in The New England Journal of Medicine followed 84,000 nurses and"


@pytest.mark.parametrize("name, text, cited", [
    ("wrap.md", f"{NURSES}\nfound that healthy habits cut heart attacks by 80%.[^1]\n\n{NOTE}", ".[^1]"),
    ("wrap.txt", f"{NURSES}\nfound that healthy habits cut heart attacks by 80% (Stampfer et al., 2000).\n\n{ENTRY}",
     " (Stampfer et al., 2000)."),
])
def test_a_sentence_wrapped_over_two_lines_is_one_claim_citing_what_its_second_line_cites(name, text, cited):
    ex = extract_bytes(text.encode(), name)
    [claim] = ex.claims
    assert claim.text == f"{NURSES} found that healthy habits cut heart attacks by 80%{cited}"
    assert (claim.line, claim.journal, claim.reference) == (1, "The New England Journal of Medicine", 0)
    assert [(it.line, it.reference) for it in ex.in_text] == [(2, 0)]


def test_a_wrapped_claim_that_contradicts_its_citation_is_caught():
    text = ("Diet matters. A 2012 review in The Lancet found that women with five\n"
            f"healthy habits had 80% fewer heart attacks (Stampfer et al., 2000).\n\n{ENTRY}")
    ex = extract_bytes(text.encode(), "wrapconf.md")
    [claim] = ex.claims
    assert (claim.line, claim.year, claim.journal, claim.reference) == (1, 2012, "The Lancet", 0)
    assert claim_conflicts(claim, ex.citations[0], None) == [
        "the sentence names The Lancet, but the entry it cites is in New England Journal of Medicine",
        "the sentence dates the study 2012, but the entry it cites says 2000"]


def test_a_sentence_that_starts_after_a_wrap_mid_line_is_found_on_the_line_it_starts_on():
    lines = ["A 2019 meta-analysis found that roughly half of patients with TRD respond to a course of six",
             "infusions. Research has shown that the benefits are greatest when infusions are combined with",
             "psychotherapy."]
    first, second = find_claims(lines, ())
    assert (first.text, first.line, first.year) == (
        "A 2019 meta-analysis found that roughly half of patients with TRD respond to a course of six infusions.",
        1, 2019)
    assert (second.text, second.line, second.specific) == (
        "Research has shown that the benefits are greatest when infusions are combined with psychotherapy.", 2, False)


def test_a_citation_on_any_line_a_sentence_spans_counts_as_its_citation():
    lines = ["Research has shown that the benefits are greatest",
             "when infusions are combined",
             "with psychotherapy (Zheng et al., 2019)."]
    assert find_claims(lines, (InText("(Zheng et al., 2019)", 3, 0),)) == ()  # cited: no vague claim
    [claim] = find_claims(["A 2019 trial found that the", "benefits last (Zheng et al., 2019)."],
                          (InText("(Zheng et al., 2019)", 2, 0),))
    assert (claim.line, claim.reference) == (1, 0)


def test_a_wrap_before_a_capitalised_word_is_read_on_when_the_word_would_not_have_fitted():
    paragraph = ("Ketamine has been used in anaesthesia for decades. A study published in 2019 in The New England "
                 "Journal of Medicine followed 84,000 nurses in Boston and found that healthy habits cut heart attacks "
                 "by 80%. Diet matters.")
    lines = textwrap.wrap(paragraph, 50)
    assert [line.split()[0] for line in lines[2:4]] == ["Journal", "Boston"]
    [claim] = find_claims(lines, ())
    assert (claim.text, claim.line) == (paragraph[paragraph.index("A study"):paragraph.index(" Diet")], 2)


@pytest.mark.parametrize("lines, text, line", [
    # a heading: a short line, the next word would have fitted on it
    (["What the research shows", "A 2019 study found relief in most patients who had infusions every week or so."],
     "A 2019 study found relief in most patients who had infusions every week or so.", 2),
    # a blank line ends a paragraph
    (["A 2019 study found that", "", "patients improved."], "A 2019 study found that", 1),
    # list items are paragraphs of their own
    (["- A 2019 study found that", "- patients improved."], "A 2019 study found that", 1),
    (["1. A 2019 study found that", "2. patients improved."], "A 2019 study found that", 1),
    # a line longer than any hard wrap is a paragraph of its own (HTML, Word, unwrapped Markdown)
    (["x " * 80 + "A 2019 study found that", "patients improved."], "x " * 80 + "A 2019 study found that", 1),
])
def test_sentences_are_not_read_across_paragraphs(lines, text, line):
    [claim] = find_claims(lines, ())
    assert (claim.text, claim.line) == (text.strip(), line)


def test_a_wrapped_list_item_is_read_on_and_reference_lines_are_not():
    [claim] = find_claims(["- A 2019 study published in", "  The Lancet found relief."], ())
    assert (claim.text, claim.journal) == ("A 2019 study published in The Lancet found relief.", "The Lancet")
    [claim] = find_claims(["A 2019 study found that", "zheng l. low-dose ketamine. pain med. 2019."], (), skip={2})
    assert claim.text == "A 2019 study found that"


def test_a_line_that_ends_its_sentence_is_not_joined_to_the_next():
    lines = ["A 2019 study found relief.[3]", "in 2020 a trial found the same."]
    assert [(c.text, c.line) for c in find_claims(lines, ())] == [("A 2019 study found relief.[3]", 1),
                                                                 ("in 2020 a trial found the same.", 2)]


def test_in_text_citations_broken_at_a_line_end_are_found_on_the_line_they_open_on():
    from citecheck.extract.intext import find_in_text

    entries = tuple(extract_bytes(("References\n" + ENTRY.split("\n", 1)[1]
                                   + "Krystal, J. H., Abdallah, C. G., & Sanacora, G. (2019). Ketamine: a paradigm "
                                     "shift. Neuron, 101(5), 774-778.\n").encode(), "refs.txt").citations)
    lines = ["Healthy habits cut heart attacks by 80% (Stampfer et",
             "al., 2000), and Krystal, Abdallah and",
             "Sanacora (2019) called ketamine a paradigm shift; Krystal, Abdallah and Sanacora",
             "(2019) agreed. Pain eased in a small trial",
             "[2]. A later trial agreed [1]."]
    assert [(it.text, it.line, it.reference) for it in find_in_text(lines, entries)] == [
        ("(Stampfer et al., 2000)", 1, 0), ("Krystal, Abdallah and Sanacora (2019)", 2, 1),
        ("Krystal, Abdallah and Sanacora (2019)", 3, 1), ("[2]", 5, 1), ("[1]", 5, 0)]
    # A list's marker opening a line is still no citation.
    assert find_in_text(["[1] Smith J. Ketamine in pain. Pain. 2019;1:1-9."], entries) == ()


def test_a_wrapped_claim_is_tied_to_a_citation_broken_over_its_lines():
    text = ("A 2012 review in The Lancet found that women with five healthy habits had fewer attacks (Stampfer\n"
            f"et al., 2000).\n\n{ENTRY}")
    ex = extract_bytes(text.encode(), "a.md")
    assert [(it.text, it.line, it.reference) for it in ex.in_text] == [("(Stampfer et al., 2000)", 1, 0)]
    [claim] = ex.claims
    assert (claim.line, claim.reference) == (1, 0)


def test_a_link_on_the_next_line_of_a_wrapped_sentence_sources_it_and_is_read_with_it():
    md = (b"# Ketamine\n\nA 2016 review in Nature Medicine found that ketamine rebuilds synapses within\n"
          b"hours ([review](https://doi.org/10.1038/nm.4050)).\n\n"
          b"A 2010 study in Science found that ketamine builds synapses in rats within a day,\n"
          b"see https://doi.org/10.1126/science.1190287 for the details.\n")
    ex = extract_bytes(md, "a.md")
    assert [(c.line, c.reference) for c in ex.claims] == [(3, 0), (6, 1)]  # were unsourced
    # The link's words are its whole sentence, so the journal and year it names are checked.
    assert ex.citations[0].text.startswith("A 2016 review in Nature Medicine found")
    assert ex.citations[1].text.startswith("A 2010 study in Science found")



@pytest.mark.parametrize("verb", ["projected", "estimated", "examined", "followed"])
def test_more_verbs_say_what_a_named_study_did(verb):
    ex = extract_bytes(f"Ageing\n\nA 2007 study in Age and Ageing {verb} falls in 2,000 adults.\n".encode(), "a.txt")
    assert [(c.year, c.journal) for c in ex.claims] == [(2007, "Age and Ageing")]
