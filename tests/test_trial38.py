"""What a held-out set of clinic articles (trial 38, written by a helper that saw neither the
claim detector nor the earlier sets) found: appeals to research in words the detector did not
know ("It has been shown time and again that", "Evidence supports", "Most dermatologists
agree"); findings told through a study of so many people with no verb for finding; a journal
a finding was "reported in" with no study named; a clinician's biography and a disease's history
read as research; "^3" note markers unread; a sentence carrying a citation with no entry called
unsourced; and a plain-text leaflet whose one long line made none of its wrapped lines read on."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes


def _claims(text: str, name: str = "page.md"):
    return extract_bytes(f"Intro.\n\n{text}\n".encode(), name).claims


@pytest.mark.parametrize("sentence", [
    "It has been shown time and again that leaving symptomatic veins untreated allows skin damage to progress.",
    "Combination gels have been shown to work faster than either ingredient alone.",
    "It is well documented that pregnancy and childbirth are the biggest risk factors for women.",
    "It is widely accepted in the medical literature that hip fractures carry a serious risk.",
    "Evidence supports glue closure as a safe alternative for selected patients.",
    "The evidence is clear that modern small-incision surgery is safer than older techniques.",
    "Untreated sleep apnoea is far more than a nuisance, and the research on this is unambiguous.",
    "Research consistently points to genes and hormones as the main drivers.",
    "The single most important step, backed by decades of research, is drinking enough fluid.",
    "Most dermatologists agree that phototherapy is a good option when creams are not enough.",
    "Experts in continence care agree that three months of exercise are needed.",
    "Nutrition scientists broadly agree that too much salt increases calcium in the urine.",
])
def test_appeals_to_research_in_other_words_are_general_claims(sentence):
    claims = _claims(sentence)
    assert [(c.text, c.specific) for c in claims] == [(sentence, False)]


@pytest.mark.parametrize("sentence, year, journal", [
    ("In a 2017 study of 3,063 children seen in Canadian emergency departments, about one-third still had "
     "symptoms a month later.", 2017, None),
    ("Light aerobic exercise started within a week of injury shortened recovery in a randomised trial of "
     "118 adolescents.", None, None),
    ("One in two women over 50 will break a bone because of it, researchers in Sheffield calculated.", None, None),
    ("That they do little was the conclusion of a 2021 Cochrane review covering 13 randomised trials.", 2021,
     "Cochrane Database of Systematic Reviews"),
    ("It was reported in the BMJ in 2015 that calcium from food or supplements gave only small gains.", 2015, "BMJ"),
])
def test_findings_told_without_the_usual_verbs_are_specific_claims(sentence, year, journal):
    claims = _claims(sentence)
    assert [(c.specific, c.year, c.journal) for c in claims] == [(True, year, journal)]


@pytest.mark.parametrize("sentence", [
    "Mr Okafor trained at St Mary's Hospital, London, and published his first paper on venous ultrasound in 2008.",
    "Dr Raman completed her fellowship at the University of Michigan in 1999 and has published research on stents.",
    "Obstructive sleep apnoea was first described in detail by French and German researchers in 1965.",
    "Our physiotherapists agree that a home programme works best.",
    "Here is what each one does, and what the evidence really supports.",
    "Join our 2025 study of 200 patients if you would like to help.",
])
def test_biographies_history_and_the_clinics_own_words_are_no_claims(sentence):
    assert _claims(sentence) == ()


@pytest.mark.parametrize("name", ["page.md", "page.txt"])
def test_a_caret_before_a_number_is_a_note_marker(name):
    text = ("Colas have been associated with a higher risk of stones.^3 Studies also suggest that vitamin C "
            "may raise oxalate levels.\n\nA BMI of 30 kg/m^2 or 10^6 cells, and x^2, are no notes.\n\n"
            "## References\n\n1. A B. One. J Med. 2001;1:1-2.\n2. C D. Two. J Med. 2002;1:1-2.\n"
            "3. E F. Three. J Med. 2003;1:1-2.\n")
    ex = extract_bytes(text.encode(), name)
    assert [(it.text, it.reference) for it in ex.in_text] == [("[3]", 2)]
    assert [c.text for c in ex.claims] == ["Studies also suggest that vitamin C may raise oxalate levels."]


def test_a_claim_carrying_a_citation_with_no_entry_is_not_called_unsourced():
    text = ("In a UK randomised trial of 798 patients, laser ablation gave better scores than foam "
            "(Brittenden et al., 2019).\n\n## References\n\n1. Brittenden J, Cotton SC. A randomized trial of "
            "treatments for varicose veins. N Engl J Med. 2014;371:1218-1227.\n")
    ex = extract_bytes(text.encode(), "page.md")
    assert [it.reference for it in ex.in_text] == [None]
    assert ex.claims == ()


def test_a_long_line_alone_does_not_set_the_fill_column_of_wrapped_prose():
    prose = ("Leaflet PF-03 of the Meadowbank Physiotherapy and Continence Service, revised January 2024 "
             "for patients\n\n"
             "Pessaries improved prolapse symptoms as much as pelvic\n"
             "floor training in a Scottish multicentre trial of 340 women, reported in The\n"
             "Lancet in 2019. Bladder training helps many people.\n")
    claims = extract_bytes(prose.encode(), "leaflet.txt").claims
    assert [(c.line, c.year, c.journal) for c in claims] == [(3, 2019, "The Lancet")]
