"""User trial 16 (session 11): an editor checks Word and PDF drafts.  Each test names the
finding it guards; the PDF furniture finding (F1) is in test_extract_documents.py."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes

_LIST = ("\n\nReferences\n\nMeguid, N.A. et al. (2008) 'Role of polyunsaturated fatty acids in the management of "
         "Egyptian children with autism', Clinical Biochemistry, 41(13), pp. 1044-1048.\n")


@pytest.mark.parametrize("sentence", [
    "A study in Egyptian children reported improvements in behaviour (Meguid et al., 2008).",
    "A study in Japanese children reported better sleep (Meguid et al., 2008).",
    "A trial in Swedish adults found the same (Meguid et al., 2008).",
    "A trial in African American adults found the same (Meguid et al., 2008).",
])
def test_a_people_a_study_was_in_is_no_journal(sentence):
    # F3: "the sentence names Egyptian, but the entry it cites is in Clinical Biochemistry".
    ex = extract_bytes(f"Diet\n\n{sentence}{_LIST}".encode(), "a.txt")
    assert [c.journal for c in ex.claims if c.journal] == []


@pytest.mark.parametrize("sentence, journal", [
    ("A study in Pediatrics found better sleep (Meguid et al., 2008).", "Pediatrics"),
    ("A study published in Diabetic Medicine found better sleep (Meguid et al., 2008).", "Diabetic Medicine"),
    ("A trial in The Lancet found the same (Meguid et al., 2008).", "The Lancet"),
])
def test_a_journal_a_study_was_in_is_still_named(sentence, journal):
    ex = extract_bytes(f"Diet\n\n{sentence}{_LIST}".encode(), "a.txt")
    assert [c.journal for c in ex.claims] == [journal]
