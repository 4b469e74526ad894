"""A title cited with one word that changes what it says (trial 13, F1): "adults" for
"children", "rats" for "mice", "dalteparin" for "enoxaparin".  Before session 9 such a
title passed the 90% similarity a match needs and the citation was verified, no remark."""

from __future__ import annotations

import pytest

from citecheck.matching.score import changed_words, compare_fields
from citecheck.models import Author, Citation, FieldStatus, Work

PUBLISHED = "Pharmacotherapy for hyperactivity in children with autism and other pervasive developmental disorders"
WORK = Work(doi="10.1023/a:1005559725475", title=PUBLISHED, journal="J Autism Dev Disord", year_issued=2000,
            volume="30", pages="451-459", authors=(Author("Aman", "MG"), Author("Langworthy", "K")))


@pytest.mark.parametrize("cited, changed", [
    (PUBLISHED.replace("children", "adults"), [("adults", "children")]),
    ("Duration of prophylaxis with dalteparin after surgery for cancer of the colon and rectum",
     [("dalteparin", "enoxaparin")]),
    ("Knockout rats show a lithium-like phenotype in a forced swim test and in open field tests",
     [("rats", "mice")]),
    ("A 24 week trial of exercise for knee pain in older adults living in the community",
     [("24", "12")]),
])
def test_a_word_that_changes_the_title_is_named(cited, changed):
    published = {
        "dalteparin": "Duration of prophylaxis with enoxaparin after surgery for cancer of the colon and rectum",
        "rats": "Knockout mice show a lithium-like phenotype in a forced swim test and in open field tests",
        "24": "A 12 week trial of exercise for knee pain in older adults living in the community",
    }.get(changed[0][0], PUBLISHED)
    assert changed_words(cited, Work(doi="10.1/x", title=published), 90.0) == changed


@pytest.mark.parametrize("cited", [
    PUBLISHED.replace("hyperactivity", "hyperactivty"),  # a typo
    "Pharmacotherapy for hyperactivity among children with autism and other pervasive developmental disorders",
    "Behaviour therapy for hyperactivity in children with autism and other pervasive developmental disorders",
    "Pharmacotherapy for hyperactivity in child with autism and other pervasive developmental disorder",
    "Pharmacotherapy for hyperactivity in children with autism and pervasive developmental disorders",  # a word left out
    "Pharmacotherapy for hyperactivity in children with autism and other pervasive developmental disorders: a review",
])
def test_spelling_plurals_function_words_and_words_left_out_change_nothing(cited):
    published = PUBLISHED.replace("Pharmacotherapy", "Behavior therapy") if cited.startswith("Behaviour") else PUBLISHED
    assert changed_words(cited, Work(doi="10.1/x", title=published), 90.0) == []


def test_the_changed_word_makes_the_title_a_mismatch_with_both_words_named():
    cited = Citation(text="…", line=1, title=PUBLISHED.replace("children", "adults"), year=2000)
    title = compare_fields(cited, WORK, 95.0, 90.0)[0]
    assert title.status == FieldStatus.MISMATCH
    assert title.note == '"adults" cited, "children" published'


@pytest.mark.parametrize("cited, published, changed", [
    # trial 13, sets C and D: words put inside a title, and one word for two
    ("Synthesis of a sulfur-containing amino in older adults acid under simulated prebiotic conditions",
     "Synthesis of a sulfur-containing amino acid under simulated prebiotic conditions", [("in older adults", "")]),
    ("Residual tumor after radiosurgery for intraparenchymal spinal cord metastases in adults",
     "Residual tumor after radiosurgery for intraparenchymal brain metastases in adults", [("spinal cord", "brain")]),
    # an initialism, words run together, words left out: the same title
    ("A randomised controlled trial of health care for older people living alone at home",
     "A RCT of healthcare for older people living alone at home", []),
    ("Residual tumor after radiosurgery for metastases in adults",
     "Residual tumor after stereotactic radiosurgery for metastases in adults", []),
])
def test_words_added_inside_a_title_or_swapped_two_for_one_are_named(cited, published, changed):
    assert changed_words(cited, Work(doi="10.1/x", title=published), 70.0) == changed


def test_a_greek_letter_spelled_out_is_no_word_added():
    # (trial 13's re-run: "alpha-TEA" cited for "α-TEA", a false alarm of the rule above)
    published = "In vivo and in vitro studies of anticancer actions of α-TEA for human prostate cancer cells"
    assert changed_words(published.replace("α", "alpha"), Work(doi="10.1/x", title=published), 90.0) == []
