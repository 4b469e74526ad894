"""The journal a claim names, as the editor's lead and the check against its citation read it:
a name with commas is read whole when the NLM list knows it ("Knee Surgery, Sports Traumatology,
Arthroscopy" was cut at its first comma), "a report in Pediatrics" names a journal, and neither a
month ("published in March 2021") nor a disease ("a trial in Parkinson's disease patients") does."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes


def _claim(sentence: str):
    claims = extract_bytes(f"Intro.\n\n{sentence}\n".encode(), "page.md").claims
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize("sentence, journal", [
    ("A 2019 study published in Knee Surgery, Sports Traumatology, Arthroscopy found that bracing cut reinjury.",
     "Knee Surgery, Sports Traumatology, Arthroscopy"),
    ("A 2017 study in Journal of Bone and Joint Surgery, American Volume found 30% fewer falls.",
     "Journal of Bone and Joint Surgery, American Volume"),
    ("A 2018 paper in Diabetes, Obesity and Metabolism showed weight loss.", "Diabetes, Obesity and Metabolism"),
    ("A 2019 study in Pediatrics, the journal of the AAP, found that naps helped.", "Pediatrics"),
    ("In a 2020 report in Pediatrics, researchers found that children slept less.", "Pediatrics"),
    ("A 2019 study in Alzheimer's Disease found gains in memory.", "Alzheimer's Disease"),
])
def test_the_journal_a_claim_names_is_read_whole(sentence, journal):
    claim = _claim(sentence)
    assert claim.journal == journal
    assert claim.year == next(int(w) for w in sentence.split() if w.isdigit() and len(w) == 4)


@pytest.mark.parametrize("sentence, year", [
    ("A study published in March 2021 found that sleep helps recovery.", 2021),
    ("A trial in Parkinson's disease patients showed benefit in 2019.", 2019),
])
def test_a_month_or_a_disease_after_in_is_no_journal(sentence, year):
    claim = _claim(sentence)
    assert (claim.journal, claim.year) == (None, year)
