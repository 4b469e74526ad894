"""What a clinic's content editor checking model-written articles for unsourced research found
(trial 36): research placed by who did it or on whom, with no year or journal ("Researchers at
Johns Hopkins followed 639 adults …", "One UK study of 150,000 women …") went unreported; so did
"clinically proven" and "Science says"; the clinic's own surveys were reported as studies; and on
an HTML page, a link's address written at the paragraph's end tied its last sentence, a claim of
another study, to that link's source."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes


def _claims(text: str, name: str = "page.md"):
    return extract_bytes(text.encode(), name).claims


@pytest.mark.parametrize("sentence", [
    "Researchers at the Karolinska Institute followed 2,300 adults for a decade and found that walking halved the risk.",
    "According to a study from the University of Leeds, most knee pain settles within a year.",
    "Scientists at Mayo Clinic showed that the drug lowered pressure within a week.",
    "A Korean cohort of 12,000 women showed no link between coffee and migraine.",
    "Harvard researchers concluded that the diet cut heart attacks by a fifth.",
    "A trial of 640 patients found that the new drops eased dry eye within days.",
    "One Dutch study showed that children who swam weekly had fewer ear infections.",
])
def test_research_placed_by_who_or_on_whom_is_a_specific_claim(sentence):
    [claim] = _claims(f"# Care\n\nSome background first.\n\n{sentence} Book a visit today.\n")
    assert (claim.text, claim.specific, claim.reference) == (sentence, True, None)


@pytest.mark.parametrize("sentence", [
    "This cream is clinically proven to reduce redness.",
    "Massage is proven to ease back pain.",
    "Science says that a short walk after meals lowers blood sugar.",
    "There is some evidence that ginger helps nausea in pregnancy.",
])
def test_research_vouched_for_with_nothing_named_is_a_general_claim(sentence):
    [claim] = _claims(f"# Care\n\n{sentence}\n")
    assert (claim.text, claim.specific) == (sentence, False)


@pytest.mark.parametrize("sentence", [
    "Our 2023 patient survey found that nine in ten patients would recommend us.",
    "Our clinic data show that most patients need fewer than six visits.",
    "We surveyed 300 patients and found that most preferred morning appointments.",
    "An internal review in 2022 found that reminders halved missed appointments.",
    "Some researchers believe the evidence is mixed, and Recent studies remain small.",
])
def test_the_clinics_own_figures_and_unnamed_researchers_are_no_specific_claim(sentence):
    assert all(not claim.specific for claim in _claims(f"# Care\n\n{sentence}\n"))


def test_a_link_in_a_paragraph_ties_its_own_sentence_not_the_last():
    page = ("<html><body><h1>ACL</h1><p>Returning to sport early was linked with re-injury in a Norwegian cohort "
            "(<a href=\"https://doi.org/10.1136/bjsports-2016-096031\">Grindem et al., 2016</a>). A 2018 paper in the "
            "American Journal of Sports Medicine found that only 55% of athletes returned to competitive sport.</p>"
            "</body></html>")
    ex = extract_bytes(page.encode(), "page.html")
    [link] = [k for k, c in enumerate(ex.citations) if c.kind == "link"]
    assert ex.citations[link].doi == "10.1136/bjsports-2016-096031"
    first, second = ex.claims
    assert first.text.startswith("Returning to sport") and first.reference == link
    assert second.text.startswith("A 2018 paper") and second.reference is None
    assert "doi.org" not in second.text
    assert [it.text for it in ex.in_text] == ["(Grindem et al., 2016)"]


@pytest.mark.parametrize("sentence, year, journal", [
    ("The Lancet reported in 2021 that the malaria vaccine protected three in four children.", 2021, "Lancet"),
    ("In 2015 the New England Journal of Medicine reported that supplements sent thousands to hospital.", 2015,
     "New England Journal of Medicine"),
    ("A team at Monash University found that a low-FODMAP diet eased bloating.", None, None),
    ("An Australian registry of more than 600 patients found that the injection halved attacks.", None, None),
])
def test_a_journal_or_a_team_as_the_subject_of_a_finding_is_a_specific_claim(sentence, year, journal):
    # Trial 37, a held-out set written after trial 36's fixes: these forms went unreported.
    [claim] = _claims(f"# Care\n\n{sentence}\n")
    assert (claim.specific, claim.year, claim.journal, claim.reference) == (True, year, journal, None)


@pytest.mark.parametrize("sentence", [
    "Experts broadly agree that the benefits outweigh the risks for most women.",
    "There is a growing body of evidence that shockwave therapy helps before surgery.",
])
def test_experts_agreeing_and_a_body_of_evidence_are_general_claims(sentence):
    [claim] = _claims(f"# Care\n\n{sentence}\n")
    assert claim.specific is False


@pytest.mark.parametrize("sentence", [
    "The New York Times reported that the drug was popular with patients.",
    "Doctors at our clinic found that most patients improve within weeks.",
    "The clinic reported record numbers of visits in 2021.",
])
def test_the_press_and_the_clinic_itself_are_no_journal_or_team(sentence):
    assert all(not claim.specific for claim in _claims(f"# Care\n\n{sentence}\n"))


@pytest.mark.parametrize("cited", ["(Landorf et al., 2006, Arch Intern Med)", "(Landorf et al., 2006, p. 1307)"])
def test_an_author_year_with_its_journal_or_page_after_the_year_is_a_citation(cited):
    # Trial 37: "(Landorf et al., 2006, Arch Intern Med)" was no citation, so its cited claim was called unsourced.
    text = (f"# Heel pain\n\nA 2006 randomised trial found that taping eased heel pain within a week {cited}.\n\n"
            "## References\n\nLandorf KB, Keenan AM, Herbert RD. Effectiveness of foot orthoses to treat plantar "
            "fasciitis: a randomized trial. Arch Intern Med. 2006;166(12):1305-1310.\n")
    ex = extract_bytes(text.encode(), "heel.md")
    assert [(it.text, it.reference) for it in ex.in_text] == [(cited, 0)]
    [claim] = ex.claims
    assert claim.reference == 0


def test_words_after_the_year_that_name_nothing_make_no_citation():
    ex = extract_bytes(b"# T\n\nTaping eased heel pain (Landorf et al., 2006, which we use).\n", "t.md")
    assert ex.in_text == ()


def test_the_clinics_own_team_is_no_team_at_an_institution():
    assert _claims("# Care\n\nOur team at Riverside Clinic found that most patients improve within weeks.\n") == ()
