"""What a journal's copy editor checking in-text citations found (trial 39, twelve manuscripts):
"(March 2020)" read as an author and year, which also turned off the reading of "(3)" notes;
round-bracket notes past the list's end dropped; APA's "(World Health Organization [WHO], 2011)"
and "(WHO, 2011)", "(J.H. Kim 2019)", "(Müller, 2018, 2020)", "(Lindqvist, in press)" and
"(Cancer Research UK, 2021)" unread, their entries then called never cited; "2020c" of a list
with 2020a and 2020b linked to 2020a; and a year one off linked with nothing said."""

from __future__ import annotations

import json

from citecheck.extract import extract_bytes
from citecheck.extract.claims import uncited_entries
from citecheck.models import CheckResult, DocumentResult, Report, Verdict
from citecheck.report.interface import text_findings
from citecheck.report.json import report_json

APA = """# Salt and the heart

Diet matters (World Health Organization [WHO], 2011). Salt matters too (WHO, 2011). Clinics shut
in spring (March 2020). Two teams (J.H. Kim 2019; S.Y. Kim 2019) agree. One author's two studies
(Müller, 2018, 2020) and a new one (Lindqvist, in press) say so. Letters (Dubois et al., 2020c) and
(Dubois et al., 2020b). A charity's figures (Cancer Research UK, 2021). A year off (Fischer & Walsh, 2018).

## References

World Health Organization. (2011). WHO recommendations for prevention of pre-eclampsia. WHO.

Kim, J. H., & Park, S. (2019). Salt and blood pressure. Hypertension, 73(2), 100-110.

Kim, S. Y., & Lee, D. (2019). Salt and stroke. Stroke, 50(2), 200-210.

Müller, K. (2018). Sleep and salt. Sleep, 41(1), 1-9.

Müller, K. (2020). Sleep and salt again. Sleep, 43(1), 1-9.

Lindqvist, A. (in press). Sleep and memory in older adults. Journal of Sleep Research.

Dubois, F., Martin, G., & Petit, H. (2020a). Heart one. Circulation, 141(1), 1-9.

Dubois, F., Martin, G., & Petit, H. (2020b). Heart two. Circulation, 141(2), 10-19.

Cancer Research UK. (2021). Cancer incidence statistics. https://www.cancerresearchuk.org/stats

Fischer, M., & Walsh, P. (2017). Salt intake in older adults. Age and Ageing, 46(3), 400-406.
"""


def _links(ex):
    return [(it.text, it.reference) for it in ex.in_text]


def _document(ex, name="salt.md") -> DocumentResult:
    return DocumentResult(name, tuple(CheckResult(c, Verdict.SKIPPED, "") for c in ex.citations),
                          in_text=ex.in_text, uncited=uncited_entries(ex.citations, ex.in_text, ex.lists))


def test_apa_forms_link_to_their_entries_and_a_date_is_no_citation():
    ex = extract_bytes(APA.encode(), "salt.md")
    assert _links(ex) == [
        ("(World Health Organization [WHO], 2011)", 0), ("(WHO, 2011)", 0),
        ("J.H. Kim 2019", 1), ("S.Y. Kim 2019", 2),
        ("(Müller, 2018, 2020)", 3), ("(Müller, 2018, 2020)", 4), ("(Lindqvist, in press)", 5),
        ("(Dubois et al., 2020c)", None), ("(Dubois et al., 2020b)", 7),
        ("(Cancer Research UK, 2021)", 8), ("(Fischer & Walsh, 2018)", 9),
    ]
    doc = _document(ex)
    assert doc.uncited == (6,)  # Dubois 2020a: "2020c" names no entry
    findings = text_findings(doc)
    assert not [f for f in findings if f.kind == "ambiguous_in_text"]  # the Kims told apart by initials
    assert [(f.line, f.message) for f in findings if f.kind == "in_text_year"] == [
        (6, "(Fischer & Walsh, 2018): the entry is Fischer, 2017 (line 28)")]
    data = report_json(Report((doc,)), ())["documents"][0]
    assert data["in_text_year_differs"] == [
        {"text": "(Fischer & Walsh, 2018)", "line": 6, "page": None, "reference": 9, "entry_year": 2017}]
    json.dumps(data)


VANCOUVER = """Stroke care

Clinics shut in spring (March 2020). Thrombolysis helps (1). Early mobilisation is debated (2, 3).
Statins after stroke (7, 9). New agents are coming (14). The aims: (1) rest, (2) walk.

References
1. Emberson J, Lees KR. Effect of treatment delay. Lancet. 2014;384:1929-35.
2. AVERT Trial Collaboration. Efficacy of very early mobilisation. Lancet. 2015;386:46-55.
3. Bernhardt J, Langhorne P. Very early versus delayed mobilisation. Lancet. 2015;386:56-66.
4. Powers WJ, Rabinstein AA. Guidelines for the early management of stroke. Stroke. 2019;50:e344-418.
5. Saver JL. Time is brain quantified. Stroke. 2006;37:263-6.
6. Wardlaw JM, Murray V. Thrombolysis for acute ischaemic stroke. Cochrane Database Syst Rev. 2014;7:CD000213.
7. Amarenco P, Bogousslavsky J. High-dose atorvastatin after stroke. N Engl J Med. 2006;355:549-59.
8. Hankey GJ. Stroke. Lancet. 2017;389:641-54.
"""


def test_round_bracket_notes_are_read_beside_a_date_and_past_the_lists_end():
    ex = extract_bytes(VANCOUVER.encode(), "stroke.txt")
    assert _links(ex) == [("(1)", 0), ("(2, 3)", 1), ("(2, 3)", 2), ("(7, 9)", 6), ("(7, 9)", None), ("(14)", None)]


def test_round_bracket_numbers_mostly_past_the_end_are_no_way_of_citing():
    text = VANCOUVER.replace("(7, 9)", "(17, 19)").replace("(14)", "(24)").replace(
        "The aims", "Doses (30) and (40) vary. The aims")
    ex = extract_bytes(text.encode(), "stroke.txt")
    assert _links(ex) == [("(1)", 0), ("(2, 3)", 1), ("(2, 3)", 2)]


def test_a_footnote_of_prose_is_read_for_its_citations():
    text = ("Carers need support.[^1] More prose (Smith, 2019).\n\n## References\n\n"
            "Smith, J. (2019). Carers and dementia. Age and Ageing, 48(2), 1-9.\n\n"
            "Haddad, S., & Lim, J. (2017). Caregiver burden in frontotemporal dementia. International "
            "Psychogeriatrics, 29(7), 1103-1112.\n\n"
            "[^1]: Outcomes for family carers are reviewed by Haddad and Lim (2017), who found that burden was highest.\n")
    ex = extract_bytes(text.encode(), "carers.md")
    assert [c.kind for c in ex.citations] == ["reference", "reference"]  # the note is no entry
    assert _links(ex) == [("(Smith, 2019)", 0), ("Haddad and Lim (2017)", 1)]
    assert uncited_entries(ex.citations, ex.in_text, ex.lists) == ()


def test_a_group_of_notes_names_the_numbers_of_it_with_no_entry():
    text = ("Asthma is common [1]. Inhalers help [2-4]. New drugs [4, 7].\n\n## References\n\n"
            "1. Emberson J, Lees KR. Effect of treatment delay. Lancet. 2014;384:1929-35.\n"
            "2. Saver JL. Time is brain quantified. Stroke. 2006;37:263-6.\n"
            "4. Hankey GJ. Stroke. Lancet. 2017;389:641-54.\n")
    findings = text_findings(_document(extract_bytes(text.encode(), "asthma.md"), "asthma.md"))
    assert [f.message for f in findings if f.kind == "unmatched_in_text"] == ["[2-4] (3)", "[4, 7] (7)"]


def test_a_surname_that_is_a_month_is_an_author():
    # Trial 41: "(May, 2008)" was dropped as a date, its entry then called never cited.
    text = ("Pain eases (May, 2008). Sleep helps (May et al., 2009). Diet (March, 2019). Walking (June & Park, "
            "2020). Harvard style (May 2010). Clinics shut (March 2020).\n\n## References\n\n"
            "May, A. (2008). Pain. Pain, 1(1), 1-9.\n\nMay, B., Lee, C., & Wu, D. (2009). Sleep. Sleep, 2(1), 1-9.\n\n"
            "March, C. (2019). Diet. Nutrients, 3(1), 1-9.\n\nJune, D., & Park, E. (2020). Walking. Gait, 4(1), 1-9.\n\n"
            "May, F. (2010). Harvard. BMJ, 5, 1-9.\n")
    ex = extract_bytes(text.encode(), "months.md")
    assert _links(ex) == [("(May, 2008)", 0), ("(May et al., 2009)", 1), ("(March, 2019)", 2),
                          ("(June & Park, 2020)", 3), ("(May 2010)", 4)]
