"""User trial 13 (real works cited correctly in legitimate variant ways): the journal names
that were false alarms."""

from __future__ import annotations

import pytest

from citecheck.matching.journals import journal_key, same_journal


@pytest.mark.parametrize("cited, names", [
    # F5: NLM's abbreviation of the journal's old name, for a record under its new one
    ("Br Med J", ("BMJ (Clinical Research Ed.)", "BMJ")),
    # F6: records that write "USA" for NLM's "U S A"; the name without its qualifier
    ("PNAS", ("Proc Natl Acad Sci USA",)),
    ("Proceedings of the National Academy of Sciences", ("Proc Natl Acad Sci USA",)),
    ("Proc. Natl. Acad. Sci. U.S.A.", ("Proc Natl Acad Sci USA",)),
])
def test_a_journal_under_another_of_its_names_is_the_same_journal(cited, names):
    assert same_journal(cited, names)


@pytest.mark.parametrize("cited, names", [
    ("BMJ Open", ("BMJ",)), ("J Pain", ("Pain",)), ("Lancet Oncol", ("The Lancet",)),
    ("Breast Cancer Res", ("Breast Cancer Research and Treatment",)),
])
def test_another_journal_is_still_another(cited, names):
    assert not same_journal(cited, names)


def test_three_single_letters_are_one_word_and_two_stay_initials():
    assert journal_key("Proc Natl Acad Sci U S A") == journal_key("Proc Natl Acad Sci USA")
    assert journal_key("J R Soc Med") == "j r soc med"  # initials that abbreviate words
