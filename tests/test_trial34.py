"""What a medical writer checking Word and PDF manuscript drafts found (trial 34): a PDF with its lines
numbered in the margin, as journals ask of a submission, had its reference list read as one entry
with the numbers in it; and a PDF whose "References" heading follows a full line of prose had its
list read as that paragraph's prose too (each entry's DOI a link citation of its own, its issue
number "(1)" an in-text citation)."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from tests.test_extract_documents import _pdf

PROSE = [
    "Work on in silico chromosomal clustering of genes displaying altered expression patterns in",
    "ovarian cancer is relevant here [1]. Patients had a mean body mass index of 31.2 kg/m2 and eGFR above",
    "60 mL/min per 1.73 m2 at baseline, which we consider representative of the clinic's own patients today.",
    "Work on depressive behaviors and decreased expression of serotonin reuptake transporter in rats that",
    "experienced neonatal maternal separation is relevant here [2]. Patients had a mean body mass index of",
    "31.2 kg/m2 and eGFR above 60 mL/min per 1.73 m2 at baseline, which we consider representative today.",
]
REFERENCES = [
    "References",
    "1. Israeli O, Goldring-Aviram A, Rienstein S, et al. In silico chromosomal clustering of genes",
    "displaying altered expression patterns in ovarian cancer. Cancer Genet Cytogenet. 2005;160(1):35-42.",
    "doi:10.1016/j.cancergencyto.2004.11.011",
    "2. Lee JH. Depressive behaviors and decreased expression of serotonin reuptake transporter in rats that",
    "experienced neonatal maternal separation. Neurosci Res. 2007;58(1):32-39.",
    "doi:10.1016/j.neures.2007.01.008",
]


def _titles(ex) -> list[str]:
    return [c.title for c in ex.citations]


@pytest.mark.parametrize("numbered", [False, True])
def test_a_manuscripts_list_is_read_entry_by_entry_with_no_links_or_notes_from_it(numbered):
    lines = PROSE + REFERENCES
    if numbered:  # line numbers in the margin, as a submission's
        lines = [f"{n} {line}" for n, line in enumerate(lines, start=1)]
    ex = extract_bytes(_pdf([lines]), "manuscript.pdf")
    assert _titles(ex) == [
        "In silico chromosomal clustering of genes displaying altered expression patterns in ovarian cancer",
        "Depressive behaviors and decreased expression of serotonin reuptake transporter in rats that experienced "
        "neonatal maternal separation"]
    assert [c.doi for c in ex.citations] == ["10.1016/j.cancergencyto.2004.11.011", "10.1016/j.neures.2007.01.008"]
    assert [(it.text, it.reference) for it in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_a_numbered_list_is_not_taken_for_line_numbers():
    # Entries numbered "1 Smith J …" one per line are an entry's numbers, not the margin's: they
    # do not number every line.
    lines = PROSE + ["References"] + [
        "1 Israeli O, Goldring-Aviram A, Rienstein S. In silico chromosomal clustering of genes. Cancer Genet",
        "Cytogenet. 2005;160(1):35-42.",
        "2 Lee JH. Depressive behaviors in rats that experienced neonatal maternal separation. Neurosci Res.",
        "2007;58(1):32-39."]
    ex = extract_bytes(_pdf([lines]), "manuscript.pdf")
    assert len(ex.citations) == 2 and ex.citations[1].journal == "Neurosci Res"


def test_footnotes_at_a_pages_foot_are_read_with_their_markers_glued_to_the_text():
    # "… virus.1 We return …" (a raised digit pypdf sets on the line): the notes went unread and
    # the run passed with "no references found".
    body = "We return to this point in the discussion, where the implications for care are set out for the reader."
    page = [
        "One study addressed memory T cells in nonlymphoid tissue during infection with herpes simplex virus.1 We",
        body, body,
        "One study addressed use of ACE inhibitors or angiotensin receptor blockers in patients on PD.2 We",
        body, body,
        "1 Gebhardt T. Memory T cells in nonlymphoid tissue that provide enhanced local immunity during infection",
        "with herpes simplex virus. Nat Immunol. 2009;10(5):524-530.",
        "2 Fang W, Oreopoulos DG, Bargman JM. Use of ACE inhibitors or angiotensin receptor blockers and survival",
        "in patients on PD. Nephrol Dial Transplant. 2008;23(11):3704-3710.",
        "1",
    ]
    ex = extract_bytes(_pdf([page]), "draft.pdf")
    assert [c.journal for c in ex.citations] == ["Nat Immunol", "Nephrol Dial Transplant"]
    assert [(it.text, it.reference) for it in ex.in_text] == [("[^1]", 0), ("[^2]", 1)]
