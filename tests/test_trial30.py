"""What a fresh-eyes editor trial (trial 30: five articles of its own, 51 entries, a fake Crossref of
4,100 records) found: an organisation's entry run on to the one above it in a list without numbers,
a link's own "(Shi et al.)" taken for the name of another citation later in its sentence, an entry
the prose links to reported as never cited, and a real title on details none of which are its work's
offered as a typo to correct."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.extract.claims import uncited_entries
from citecheck.extract.links import link_problems
from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Citation, InText, Verdict, Work
from citecheck.report.correct import corrected_reference

_LIST = """Kids and sleep

Sleep matters (Whitaker et al., 1997; Pi-Sunyer, 2009).

References

World Obesity Federation. World Obesity Atlas 2022. London: World Obesity Federation; 2022.
Whitaker RC, Wright JA, Pepe MS, Seidel KD, Dietz WH. Predicting obesity in young adulthood from childhood and parental obesity. N Engl J Med. 1997;337(13):869-73.
Centers for Disease Control and Prevention. Childhood obesity facts. 2024. https://www.cdc.gov/obesity/childhood/
Pi-Sunyer X. The medical risks of obesity. Postgrad Med. 2009;121(6):21-33.
American Diabetes Association. Intermittent fasting and cardiovascular outcomes in type 2 diabetes. Diabetes Care. 2021;44(7):1590-1602.
"""


def test_an_organisations_entry_in_a_list_without_numbers_is_an_entry_of_its_own():
    entries = extract_bytes(_LIST.encode(), "sleep.txt").citations
    assert [c.text.split(".")[0] for c in entries] == [
        "World Obesity Federation", "Whitaker RC, Wright JA, Pepe MS, Seidel KD, Dietz WH", "Centers for Disease "
        "Control and Prevention", "Pi-Sunyer X", "American Diabetes Association"]
    assert entries[4].journal == "Diabetes Care" and entries[4].year == 2021


def test_a_wrapped_line_that_opens_with_a_journal_named_for_a_society_goes_on_its_entry():
    text = ("References\n\nSmith, J. K., & Jones, L. (2019). Sleep and blood pressure in older adults.\n"
            "Journal of the American Geriatrics Society. 2019;67(3):455-461.\n"
            "Brown, A. (2018). Walking after meals. Diabetes Care, 41(2), 100-105.\n")
    entries = extract_bytes(text.encode(), "a.txt").citations
    assert len(entries) == 2 and entries[0].journal == "Journal of the American Geriatrics Society"


def test_a_links_own_author_is_the_one_its_anchor_names():
    shi = Work(doi="10.1161/hypertensionaha.108.120071", title="Genetic and environmental contributions to blood "
               "pressure", journal="Hypertension", year_issued=2009, authors=(Author("Shi", "G"), Author("Gu", "CC")))
    text = ("Genes influence blood pressure more in younger adults (Shi et al.) https://doi.org/10.1161/"
            "HYPERTENSIONAHA.108.120071, and for resistant hypertension new procedures are being studied "
            "(Schlaich et al., 2009).")
    wrong, problem = link_problems(text, shi)
    assert not [f for f in wrong if f.name == "authors"], problem
    # the anchor's own name still counts against the work when it is another's
    wrong, problem = link_problems(text.replace("(Shi et al.)", "(Brown et al.)"), shi)
    assert "the text names Brown" in problem


def test_an_entry_the_prose_links_to_is_cited():
    entries = (Citation("Hu FB. Diet. Curr Atheroscler Rep. 2009;11:257-63.", 10),
               Citation("https://doi.org/10.1161/HYPERTENSIONAHA.108.120071", 11, doi="10.1161/HYPERTENSIONAHA.108.120071"),
               Citation("Genes matter (Shi et al.) https://doi.org/10.1161/hypertensionaha.108.120071", 3, kind="link",
                        doi="10.1161/hypertensionaha.108.120071"))
    cited_first = (InText("(Hu, 2009)", 2, 0),)
    assert uncited_entries(entries, cited_first) == ()
    assert uncited_entries(entries[:2], cited_first) == (1,)  # with no link to it, the DOI entry is uncited


_NEJM = Work(doi="10.1056/nejm200007063430103", title="Primary prevention of coronary heart disease in women through "
             "diet and lifestyle", journal="New England Journal of Medicine", short_journal=("N Engl J Med",),
             year_issued=2000, volume="343", issue="1", pages="16-22",
             authors=(Author("Stampfer", "MJ"), Author("Hu", "FB"), Author("Manson", "JE")))


def test_a_real_title_on_details_none_of_which_are_its_works_is_no_typo_to_correct():
    grafted = parse_reference("Grippo AJ, Gerena D, Huang J, et al. Primary prevention of coronary heart disease in "
                              "women through diet and lifestyle. Hypertension. 2007;53:35-41.", 1)
    result = judge(grafted, Evidence(candidates=(_NEJM,)))
    assert result.verdict is Verdict.MISMATCH
    assert result.reason.startswith("Only the title is a real work's") and "check which is meant" in result.reason
    assert corrected_reference(result) is None
    # one detail the work's (its authors): a work cited with wrong details, corrected as before
    typo = parse_reference("Stampfer MJ, Hu FB, Manson JE. Primary prevention of coronary heart disease in women "
                           "through diet and lifestyle. Hypertension. 2007;53:35-41.", 1)
    result = judge(typo, Evidence(candidates=(_NEJM,)))
    assert result.verdict is Verdict.MISMATCH and result.reason.startswith("A real work, cited with wrong details")
    assert "N Engl J Med" in (corrected_reference(result) or "") or "New England" in (corrected_reference(result) or "")


def test_the_nearest_work_by_another_initial_shares_only_the_first_authors_surname():
    work = Work(doi="10.1/x", title="Sleep duration and blood pressure in adolescents: a cohort study",
                journal="Hypertension", year_issued=2015, volume="66", pages="1-9", authors=(Author("Patel", "MG"),))
    said = {}
    for name in ("Patel S", "Patel MG"):
        cited = parse_reference(f"{name}. Sleep duration and weight gain in adolescents: a national cohort. "
                                "Hypertension. 2015;66:10-19.", 1)
        said[name] = judge(cited, Evidence(candidates=(work,))).reason
    assert "same first author's surname, journal" in said["Patel S"]
    assert "same first author, journal" in said["Patel MG"]


def test_research_that_recommended_or_called_for_something_is_a_claim():
    # Trial 30's "A 2018 Lancet series called for less bed rest" named research with a verb the claim
    # reader lacked ("series" itself stays no word of research: "case series" is in most medical prose)
    text = ("# Back pain\n\nA 2019 review in Spine recommended less bed rest.\n\n"
            "A 2018 study called for more movement.\n\nThe doctor recommended rest after the 2019 injury.\n")
    claims = extract_bytes(text.encode(), "back.md").claims
    assert [(c.line, c.year, c.journal) for c in claims] == [(3, 2019, "Spine"), (5, 2018, None)]
