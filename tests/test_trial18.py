"""Red-team trial 18 (session 11): a second round of fabrications, and a hunt for false alarms
on trial 17's title rules.  Each test names the finding it guards."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citecheck.matching.journals import same_journal
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Citation, FieldStatus, Verdict, Work


def _work(title: str, **kw) -> Work:
    fields = dict(doi="10.1136/gut.47.1.79", title=title, journal="Gut", short_journal=("Gut",), year_issued=2000,
                  volume="47", issue="1", pages="79-87", authors=(Author("Haller", "Dirk"), Author("Bode", "Christiane")),
                  type="journal-article")
    return Work(**{**fields, **kw})


def _cited(title: str, **kw) -> Citation:
    fields = dict(text=f"Haller D, Bode C. {title}. Gut. 2000;47(1):79-87.", line=1,
                  authors=(Author("Haller", "D"), Author("Bode", "C")), title=title, journal="Gut", year=2000,
                  volume="47", issue="1", pages="79-87")
    return Citation(**{**fields, **kw})


def _judged(cited: str, published: str):
    result = judge(_cited(cited), Evidence(candidates=(_work(published),)))
    return result, next(f for f in result.fields if f.name == "title")


@pytest.mark.parametrize("cited, published, said", [
    # F1: a prefix the record writes with a hyphen, left out ("non" was a word left out: a remark)
    ("Pathogenic bacteria elicit a differential cytokine response by intestinal epithelial cell co-cultures",
     "Non-pathogenic bacteria elicit a differential cytokine response by intestinal epithelial cell co-cultures",
     '"Pathogenic" cited, "Non-pathogenic" published'),
    ("Steroidal anti-inflammatory drugs and the risk of bleeding in malignant and malignant ulcers",
     "Steroidal anti-inflammatory drugs and the risk of bleeding in malignant and non-malignant ulcers",
     '"malignant" cited, "non-malignant" published'),
    # F2: one added at the start, with a hyphen
    ("Non-genetic pathways to primary and secondary glioblastoma in adults",
     "Genetic pathways to primary and secondary glioblastoma in adults", '"Non-genetic" cited, "Genetic" published'),
    # F3: an opposite prefix written with a hyphen
    ("Sentinel node biopsy in pre-operative breast cancer patients after chemotherapy",
     "Sentinel node biopsy in postoperative breast cancer patients after chemotherapy", '"pre-operative" cited'),
    ("Intra-rater reliability of the modified Ashworth scale in stroke patients",
     "Interrater reliability of the modified Ashworth scale in stroke patients", '"Intra-rater" cited'),
])
def test_a_prefix_written_apart_that_changes_the_word_is_a_title_mismatch(cited, published, said):
    result, title = _judged(cited, published)
    assert result.verdict is Verdict.MISMATCH and title.status is FieldStatus.MISMATCH, result.reason
    assert said in title.note


@pytest.mark.parametrize("cited, published", [
    ("Non-invasive ventilation in acute exacerbations of chronic obstructive pulmonary disease",
     "Noninvasive ventilation in acute exacerbations of chronic obstructive pulmonary disease"),
    ("Pre-operative anaemia and outcome after elective hip replacement in older adults",
     "Preoperative anemia and outcome after elective hip replacement in older adults"),
    # F7: spellings that are one word
    ("Sulphur amino acids and the intervertebral disc in a rat tail model of compression",
     "Sulfur amino acids and the intervertebral disk in a rat tail model of compression"),
    # F8: a record cut where its title's markup began (GABA<sub>A</sub>, K<sup>+</sup>)
    ("Diversity of inhibitory neurotransmission through GABAA receptors in the hippocampus",
     "Diversity of inhibitory neurotransmission through GABA"),
    ("Epileptiform activity induced by elevated K + and lowered Ca 2+ concentration in rat hippocampal slices",
     "Epileptiform activity induced by elevated K"),
])
def test_spellings_and_records_cut_at_markup_are_no_false_alarm(cited, published):
    result, title = _judged(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, result.reason


def test_a_journal_s_section_or_edition_is_part_of_its_name():
    # F6: "J Chromatogr B" for "J Chromatogr A" and "J Hand Surg Br" for "J Hand Surg Am" were verified.
    assert not same_journal("J Chromatogr B", ("Journal of Chromatography A", "J Chromatogr A"))
    assert not same_journal("J Hand Surg Br", ("The Journal of Hand Surgery", "J Hand Surg Am"))
    assert same_journal("J Chromatogr A", ("Journal of Chromatography A", "J Chromatogr A"))
    assert same_journal("J Chromatogr", ("Journal of Chromatography A",))  # the section left out: no contradiction


def test_a_pmid_and_a_book_form_are_said_of_a_verified_work():
    # F4, F5: another paper's PMID, and a journal article cited as a book, were verified without a word.
    title = "Determinants of mortality in status epilepticus in adults"
    with_pmid = _cited(title, pmid="17189521")
    assert "its PMID 17189521 was not checked" in judge(with_pmid, Evidence(candidates=(_work(title),))).reason
    book = replace(_cited(title, journal=None, volume=None, issue=None, pages=None),
                   text=f"Haller D, Bode C. {title}. New York: Springer; 2000.")
    result = judge(book, Evidence(candidates=(_work(title),)))
    assert result.verdict is Verdict.VERIFIED and "cited as a book or report, published as an article in Gut" in result.reason


def test_a_journal_name_with_a_place_and_year_in_parentheses_is_read_whole():
    # F9: "Cerebral Cortex (New York, N.Y. : 1991)" was read as the journal "1991)", a false
    # alarm on a right citation; a parenthesis never closed still holds nothing.
    from citecheck.extract.parse import parse_reference

    c = parse_reference("Young, C., & McNaughton, N. (2009). Coupling of theta oscillations in freely behaving rats. "
                        "Cerebral Cortex (New York, N.Y. : 1991), 19(1), 24-40.", 1)
    assert (c.title, c.journal) == ("Coupling of theta oscillations in freely behaving rats",
                                    "Cerebral Cortex (New York, N.Y. : 1991)")
    c = parse_reference("Sarwer DB: Comment on: brief CBT reduces binge eating among surgery candidates (Ashton K, "
                        "et al. 2009;5:257-62. Surg Obes Relat Dis 2009, 5:407-408.", 1)
    assert c.journal == "Surg Obes Relat Dis"
