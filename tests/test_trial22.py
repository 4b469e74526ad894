"""Session 14: trial 21's last false alarm, and trial 22 (a fifth red team: fabrications in the
shapes language models write them, and right citations as clinic pages write them). Each test
names the finding it guards."""

from __future__ import annotations

import pytest

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.matching.score import check_number, check_pages, same_surname
from citecheck.models import Author, FieldStatus, Verdict
from tests.test_trial18 import _cited, _work

_BROWN = "{} Ryan N, Hertel D. No evidence of spatial root system segregation. Trees. 2009;23:941-950."


@pytest.mark.parametrize("name, surname, initials", [
    # trial 21, A_author_suffix-05: "Brown III C" was read as the author "C", initials "BI"
    ("Brown III C,", "Brown", "C"), ("Gates IV WH,", "Gates", "WH"), ("Van Dyke II J,", "Van Dyke", "J"),
    # written after the initials, the generation was kept in them ("CIII"); before them, in the surname
    ("Brown C III,", "Brown", "C"), ("Smith D Jr,", "Smith", "D"), ("Smith Jr D,", "Smith", "D"),
])
def test_a_generation_is_left_out_of_the_author_wherever_it_is_written(name, surname, initials):
    c = parse_reference(_BROWN.format(name), 1)
    assert (c.authors[0].surname, c.authors[0].initials) == (surname, initials), c.authors
    assert [a.surname for a in c.authors[1:]] == ["Ryan", "Hertel"]
    assert c.title == "No evidence of spatial root system segregation" and c.journal == "Trees"


def test_a_cited_generation_the_record_leaves_out_is_verified():
    c = parse_reference(_BROWN.format("Brown III C,"), 1)
    work = _work("No evidence of spatial root system segregation", journal="Trees", short_journal=("Trees",),
                 year_issued=2009, volume="23", issue=None, pages="941-950",
                 authors=(Author("Brown", "Cynthia"), Author("Ryan", "Nora"), Author("Hertel", "Dietrich")))
    assert judge(c, Evidence(candidates=(work,))).verdict is Verdict.VERIFIED


def test_an_in_text_citation_finds_an_entry_whose_author_has_a_generation(tmp_path):
    # The sample article's "Zarate, C. A., Jr., …" is cited "(Zarate et al., 2006)": a generation
    # kept in the surname lost that link in a first draft of this session's change.
    from citecheck.extract import extract_bytes

    article = ("A trial confirmed a strong response within a day (Zarate et al., 2006). Another agreed "
               "(Kaelin et al., 2001).\n\nReferences\n\n"
               "- Zarate, C. A., Jr., Singh, J. B., & Manji, H. K. (2006). A randomized trial of an "
               "N-methyl-D-aspartate antagonist. *Archives of General Psychiatry, 63*(8), 856–864.\n"
               "- Kaelin WG Jr, Smith J. A title of the study. Cell. 2001;105(2):1-9.\n")
    doc = extract_bytes(article.encode(), "a.md")
    assert [a.surname for c in doc.citations for a in c.authors[:1]] == ["Zarate", "Kaelin"]
    assert [it.reference for it in doc.in_text] == [0, 1]


@pytest.mark.parametrize("note", [
    # R13: PubMed's note of a correction gave the entry the correction's journal, volume and pages
    "[published correction appears in Am J Public Health. 2004;94:100]",
    "[published erratum appears in Am J Public Health 2004 Jan;94(1):100]",
    "[corrected and republished in Am J Public Health. 2005;95:2]",
])
def test_a_pubmed_note_of_a_correction_is_not_where_the_work_is(note):
    c = parse_reference("Giles-Corti B, Donovan R. Relative influences of individual, social environmental, and "
                        "physical environmental correlates of walking. Am J Public Health. 2003;93(9):1583-9. "
                        f"{note} PMID: 12948984", 1)
    assert (c.journal, c.year, c.volume, c.issue, c.pages, c.pmid) == \
        ("Am J Public Health", 2003, "93", "9", "1583-9", "12948984"), c


_ANGINA = "Acupuncture as Adjunctive Therapy for Chronic Stable Angina"


def _title_against(cited: str, published: str, subtitle: str | None = None):
    result = judge(_cited(cited), Evidence(candidates=(_work(published, subtitle=subtitle),)))
    return result, next(f for f in result.fields if f.name == "title")


@pytest.mark.parametrize("cited", [
    # F9: an invented subtitle, where the record holds its own apart from the title
    f"{_ANGINA}: a retrospective analysis of 412 cases",
    f"{_ANGINA}: a cohort study",
])
def test_another_subtitle_than_the_records_is_a_title_mismatch(cited):
    result, title = _title_against(cited, _ANGINA, "A Randomized Clinical Trial")
    assert result.verdict is Verdict.MISMATCH and title.note.startswith("subtitle "), title
    assert '"A Randomized Clinical Trial" published' in title.note


@pytest.mark.parametrize("cited, remark", [
    (f"{_ANGINA}: a randomized clinical trial", None),  # its own subtitle
    (f"{_ANGINA}: a randomised clinical trial", None),  # spelt the British way
    (_ANGINA, None),  # left out
    (f"{_ANGINA} [Article in German]", None),  # left out, and PubMed's note of the language: no subtitle
    (f"{_ANGINA}: a randomized trial", 'title cited with words left out: "clinical"'),  # in part
])
def test_the_records_own_subtitle_cited_whole_or_in_part_is_verified(cited, remark):
    result, title = _title_against(cited, _ANGINA, "A Randomized Clinical Trial")
    assert result.verdict is Verdict.VERIFIED and title.note == remark, title


def test_a_subtitle_a_record_without_one_lacks_is_still_a_remark():
    # Records lose subtitles: with no subtitle in the record, one cited stays a remark (trial 17's design)
    result, title = _title_against(f"{_ANGINA}: a retrospective analysis of 412 cases", _ANGINA)
    assert result.verdict is Verdict.VERIFIED
    assert title.note == 'title cited with words the record lacks: "a retrospective analysis of 412 cases"'


@pytest.mark.parametrize("cited, published", [
    # F17b: words run on after a title's short last word were taken for a record cut at markup
    ("Mutational analysis of the two-peptide bacteriocin lactococcin G in older adults",
     "Mutational analysis of the two-peptide bacteriocin lactococcin G"),
    ("Functional analysis of the alpha-defensin disulfide array in mouse cryptdin-4 in patients with type 2 diabetes",
     "Functional analysis of the alpha-defensin disulfide array in mouse cryptdin-4"),
    ("Regulation of the axial skeleton by growth/differentiation factor 11 in patients with type 2 diabetes",
     "Regulation of the axial skeleton by growth/differentiation factor 11"),
    ("A locus for abdominal aortic aneurysms maps to chromosome 19q13.3 after cardiac surgery",
     "A locus for abdominal aortic aneurysms maps to chromosome 19q13.3"),
])
def test_words_run_on_after_a_short_last_word_are_added(cited, published):
    result, title = _title_against(cited, published)
    assert result.verdict is Verdict.MISMATCH and "not in the published title" in title.note, title


def test_a_record_cut_where_a_charge_is_set_above_still_lacks_the_rest():
    # The development string "… induced by elevated K + and lowered Ca 2+ …" against a record cut at "K"
    result, title = _title_against(
        "Pharmacological and electrographic properties of epileptiform activity induced by elevated K + and "
        "lowered Ca 2+ and Mg 2+ concentration in rat hippocampal slices",
        "Pharmacological and electrographic properties of epileptiform activity induced by elevated K")
    assert result.verdict is Verdict.VERIFIED and "words the record lacks" in title.note, title


@pytest.mark.parametrize("text, year, title", [
    # A guideline's title opens with its year, cited in Vancouver style, whose year is in the tail:
    # "2017" was read as the year, and the title lost it ("within a year: accepted", or a false alarm
    # when the guideline is published two years after the year it names)
    ("Whelton PK, Carey RM, Aronow WS, et al. 2017 ACC/AHA/AAPA Guideline for the Prevention of High Blood "
     "Pressure in Adults. Hypertension. 2018;71(6):e13-e115.", 2018,
     "2017 ACC/AHA/AAPA Guideline for the Prevention of High Blood Pressure in Adults"),
    ("Yancy CW, Jessup M, Bozkurt B, et al. 2013 ACCF/AHA guideline for the management of heart failure. "
     "J Am Coll Cardiol. 2013;62(16):e147-e239.", 2013, "2013 ACCF/AHA guideline for the management of heart failure"),
    # trial 21, B: "2002 SSE Award Competition …" (a development string) lost its year to the year field
    ("Weiler C, Nerlich AG, Zipperer J, Bachmeier BE, Boos N: 2002 SSE Award Competition in Basic Science: "
     "expression of major matrix metalloproteinases. Eur Spine J 2002, 11:308-320.", 2002,
     "2002 SSE Award Competition in Basic Science: expression of major matrix metalloproteinases"),
    # controls: a year after the authors with no year in the tail is the year (Harvard, IOP)
    ("Smith, J. 2017. Title of an article. Journal of Things, 12, 34-56.", 2017, "Title of an article"),
    ("Smith J (2007) Title of an article. Journal of Things 274(1628):1-9.", 2007, "Title of an article"),
])
def test_a_title_that_opens_with_a_year_keeps_it(text, year, title):
    c = parse_reference(text, 1)
    assert (c.year, c.title) == (year, title), c


def test_a_guideline_published_two_years_after_the_year_it_names_is_verified():
    c = parse_reference("Rosendorff C, Lackland DT, Allison M, et al. 2015 AHA/ACC/ASH Scientific Statement on the "
                        "treatment of hypertension in patients with coronary artery disease. Gut. 2017;47(1):79-87.", 1)
    work = _work("2015 AHA/ACC/ASH Scientific Statement on the Treatment of Hypertension in Patients With Coronary "
                 "Artery Disease", year_issued=2017,
                 authors=(Author("Rosendorff", "Clive"), Author("Lackland", "Daniel"), Author("Allison", "Matthew")))
    assert judge(c, Evidence(candidates=(work,))).verdict is Verdict.VERIFIED


def test_a_group_author_named_with_a_colon_is_one_author():
    # KDIGO's guidelines, much cited by kidney clinics: the author was read as "Disease" and the rest
    # of the group's name as the title's opening words
    c = parse_reference("Kidney Disease: Improving Global Outcomes (KDIGO) Diabetes Work Group. KDIGO 2020 Clinical "
                        "Practice Guideline for Diabetes Management in Chronic Kidney Disease. Kidney Int. "
                        "2020;98(4S):S1-S115.", 1)
    assert [a.surname for a in c.authors] == ["Kidney Disease: Improving Global Outcomes (KDIGO) Diabetes Work Group"]
    assert c.title == "KDIGO 2020 Clinical Practice Guideline for Diabetes Management in Chronic Kidney Disease"
    # a title with a subtitle is no group, whatever words it holds
    c = parse_reference("Age differences in personality: Evidence from a nationally representative Australian "
                        "sample. Dev Psychol. 2009;45:1353-63.", 1)
    assert c.authors == () and c.title.startswith("Age differences in personality: Evidence")


@pytest.mark.parametrize("cited, published", [("4S", "4"), ("4", "4S"), ("4 Suppl", "4")])
def test_an_issue_written_with_its_supplement_on_one_side_only_is_the_issue(cited, published):
    # "Kidney Int. 2020;98(4S):S1-S115." as PubMed writes it, issue "4" in Crossref's record
    assert check_number("issue", cited, published).status is FieldStatus.MATCH
    assert check_number("issue", "5S", "4").status is FieldStatus.MISMATCH


@pytest.mark.parametrize("cited, published", [
    # Trial 23 (guidelines and group authors as clinic pages cite them): an organisation named by its
    # initials was "first author cited as ADA, published as American Diabetes Association"
    ("ADA", "American Diabetes Association"),
    ("USPSTF", "US Preventive Services Task Force"),
    ("The DCCT Research Group", "The Diabetes Control and Complications Trial Research Group"),
    ("WHO", "World Health Organization"),
])
def test_an_organisation_named_by_its_initials_is_the_organisation(cited, published):
    assert same_surname(cited, published) and same_surname(published, cited)


@pytest.mark.parametrize("cited, published", [
    ("AHA", "American Diabetes Association"),  # other initials
    ("The DCCT Research Group", "The Diabetes Prevention Program Research Group"),
    ("AB", "Anna Bell"),  # two capitals: a person's initials as often
])
def test_other_initials_are_another_name(cited, published):
    assert not same_surname(cited, published)


def test_a_cochrane_reviews_number_is_checked_against_its_doi():
    # Trial 23: a wrong review number (CD001880 for CD001800) was verified: the record has no pages
    work = _work("Exercise-based cardiac rehabilitation for coronary heart disease", pages=None,
                 doi="10.1002/14651858.CD001800.pub3")
    assert check_pages("CD001800", work).status is FieldStatus.MATCH
    assert check_pages("CD001880", work).status is FieldStatus.MISMATCH
    assert check_pages("CD001880", _work("Another title", pages=None)).status is FieldStatus.ABSENT


_WHELTON = ("2017 ACC/AHA/AAPA/ABC/ACPM/AGS/APhA/ASH/ASPC/NMA/PCNA Guideline for the Prevention, Detection, Evaluation, and "
            "Management of High Blood Pressure in Adults: A Report of the American College of Cardiology/American Heart "
            "Association Task Force on Clinical Practice Guidelines")


@pytest.mark.parametrize("cited, verdict", [
    # Trial 23: the guideline as it is known, its societies' initials cut to the first two and its report
    # subtitle left out, was not_found ("title only 58% similar")
    ("2017 ACC/AHA guideline for the prevention, detection, evaluation, and management of high blood pressure "
     "in adults", Verdict.VERIFIED),
    # other societies, or another topic, are another title
    ("2017 ESC/ESH guideline for the prevention, detection, evaluation, and management of high blood pressure "
     "in adults", Verdict.NOT_FOUND),
    ("2017 ACC/AHA guideline for the management of heart failure in adults", Verdict.NOT_FOUND),
])
def test_a_guideline_cited_with_the_first_of_its_societies_initials(cited, verdict):
    c = parse_reference(f"Whelton PK, et al. {cited}. Hypertension. 2018;71:e13-e115.", 1)
    work = _work(_WHELTON, journal="Hypertension", short_journal=("Hypertension",), year_issued=2018, volume="71",
                 issue="6", pages="e13-e115", authors=(Author("Whelton", "Paul K."), Author("Carey", "Robert M.")))
    assert judge(c, Evidence(candidates=(work,))).verdict is verdict
