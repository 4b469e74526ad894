"""Trial 14: six clinic articles read by an editor, report by report.  A supplement written
after the volume, a letter changed inside a title, an organisation named with "&", and what
the Markdown and GitHub reports tell an editor who cannot see the terminal."""

from __future__ import annotations

import pytest

from citecheck.extract.parse import parse_reference
from citecheck.matching.score import check_number
from citecheck.matching.verdict import Evidence, judge
from dataclasses import replace

from citecheck.models import Author, Citation, DocumentResult, FieldStatus, Report, Verdict, Work
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.github import GithubReport
from citecheck.report.markdown import MarkdownReport


@pytest.mark.parametrize("tail, volume, issue, pages", [
    ("Vaccine. 2008;26 Suppl 5:F46-58.", "26", "Suppl 5", "F46-58"),
    ("Clin Infect Dis. 2008;46 Suppl 3:S1-9.", "46", "Suppl 3", "S1-9"),
    ("Placenta. 2002;23 Suppl A:S119-29.", "23", "Suppl A", "S119-29"),
    ("Vaccine. 2008;26 Suppl:S46-58.", "26", "Suppl", "S46-58"),
    ("Vaccine 2008, 26 Suppl 5:F46-58.", "26", "Suppl 5", "F46-58"),
    ("Vaccine. 2008;26(Suppl 5):F46-58.", "26", "Suppl 5", "F46-58"),  # as before
])
def test_a_supplement_after_the_volume_is_the_issue_not_the_volume(tail, volume, issue, pages):
    # F1: "Vaccine. 2008;26 Suppl" was read as the journal and 5 as the volume: a false alarm on both.
    c = parse_reference(f"Rogoza RM, Ferko N, Bentley J, et al. Optimization of cervical cancer prevention. {tail}", 1)
    journal, year = tail.split(".")[0].split(" 20")[0], int(tail.split(";")[0].split(",")[0][-4:])
    assert (c.journal, c.year, c.volume, c.issue, c.pages) == (journal, year, volume, issue, pages)


def test_a_volume_written_with_its_supplement_is_the_volume():
    # Crossref keeps some supplements in the volume ("76 Suppl 2"); the entry names them after it.
    assert check_number("volume", "76", "76 Suppl 2").status is FieldStatus.MATCH
    assert check_number("volume", "76 Suppl 2", "76").status is FieldStatus.MATCH
    assert check_number("volume", "77", "76 Suppl 2").status is FieldStatus.MISMATCH
    assert check_number("volume", "7", "76 Suppl 2").status is FieldStatus.MISMATCH


HEP_B = Work(doi="10.1111/j.1523-1755.2004.00781.x", journal="Kidney International", year_issued=2004, volume="66",
             issue="2", pages="614-621", authors=(Author("Verkade", "MA"), Author("Klepper", "M")),
             title="Peripheral blood dendritic cells and GM-CSF as an adjuvant for hepatitis B vaccination in "
                   "hemodialysis patients")


def _cited(title: str) -> Citation:
    return Citation(text="x", line=60, title=title, journal="Kidney Int", year=2004, volume="66", issue="2",
                    pages="614-21", authors=(Author("Verkade", "MA"), Author("Klepper", "M")))


def test_a_letter_that_names_a_kind_changed_in_a_title_is_a_title_mismatch():
    # F2: "hepatitis A" for "hepatitis B" was verified ("a" read as the article, one letter as an initialism).
    result = judge(_cited(HEP_B.title.replace("hepatitis B", "hepatitis A")), Evidence(candidates=(HEP_B,)))
    assert result.verdict is Verdict.MISMATCH
    title = next(f for f in result.fields if f.name == "title")
    assert title.status is FieldStatus.MISMATCH
    assert title.note == '"hepatitis A" cited, "hepatitis B" published'  # as the titles write it
    # F4: the words are in the reason, which Markdown, GitHub and SARIF show.
    assert 'title differs from the published one: "hepatitis A" cited, "hepatitis B" published' in result.reason
    # The title as published, or cased otherwise, is no change.
    assert judge(_cited(HEP_B.title), Evidence(candidates=(HEP_B,))).verdict is Verdict.VERIFIED
    assert judge(_cited(HEP_B.title.lower()), Evidence(candidates=(HEP_B,))).verdict is Verdict.VERIFIED


def test_an_organisation_named_with_an_ampersand_is_one_author_and_n_d_no_title():
    # F7: "Food Allergy Research & Education" was read as two authors, "Research" and "Education", and
    # the entry's in-text citation went unmatched; "(n.d.)" was read as the title.
    c = parse_reference("Food Allergy Research & Education. (n.d.). Facts and statistics. "
                        "https://www.foodallergy.org/resources/facts-and-statistics", 68)
    assert [a.surname for a in c.authors] == ["Food Allergy Research & Education"]
    assert (c.title, c.year) == ("Facts and statistics", None)
    # People joined by "and" are still two people.
    c = parse_reference("John Smith and Karen Jones. Title of the book. Publisher; 2003.", 1)
    assert [a.surname for a in c.authors] == ["Smith", "Jones"]


MACMILLAN = Work(doi="10.1503/cmaj.1040772", journal="Canadian Medical Association Journal", year_issued=2005,
                 volume="172", issue="1", pages="33-35", authors=(Author("MacMillan", "HL"),),
                 title="Screening for depression in primary care")
CHODOSH = Work(doi="10.1097/01.jgp.0b013e31802c0c63", journal="The American Journal of Geriatric Psychiatry",
               short_journal=("Am J Geriatr Psychiatry",), year_issued=2007, volume="15", issue="5",
               pages="406-415", authors=(Author("Chodosh", "J"),), title="Depressive symptoms as a predictor of "
               "cognitive decline")


def _report() -> Report:
    year_one_off = Citation(text="MacMillan HL. Screening for depression in primary care. CMAJ. 2006;172(1):33-5.",
                            line=72, number=3, title="Screening for depression in primary care", journal="CMAJ",
                            year=2006, volume="172", issue="1", pages="33-5", authors=(Author("MacMillan", "HL"),))
    wrong_volume = Citation(text="Chodosh J. Depressive symptoms as a predictor of cognitive decline. "
                                 "Am J Geriatr Psychiatry. 2007;16(5):406-15.", line=73, number=4,
                            title="Depressive symptoms as a predictor of cognitive decline",
                            journal="Am J Geriatr Psychiatry", year=2007, volume="16", issue="5", pages="406-15",
                            authors=(Author("Chodosh", "J"),))
    results = (judge(year_one_off, Evidence(candidates=(MACMILLAN,))),
               judge(wrong_volume, Evidence(candidates=(CHODOSH,))))
    assert [r.verdict for r in results] == [Verdict.VERIFIED, Verdict.MISMATCH]
    return Report((DocumentResult("depression.md", results),))


def test_the_markdown_report_gives_the_corrected_line_and_the_remarks():
    # F5: the pull-request comment gave only the DOI; F3: a year one off, accepted, was not in it at all.
    markdown = MarkdownReport().render(_report(), DEFAULT_FAIL_ON)
    row = next(line for line in markdown.splitlines() if "Chodosh" in line)
    assert "volume cited as 16, published as 15" in row
    assert "**Corrected:** Chodosh J" in row and "2007;15(5):406-15" in row
    assert "**Verified with a remark:**" in markdown
    assert "`depression.md` line 72: MacMillan, 2006: year 2006, published 2005 (within a year: accepted)" in markdown


def test_the_github_annotations_carry_the_remark_as_a_notice():
    lines = GithubReport().render(_report(), DEFAULT_FAIL_ON).splitlines()
    assert "::notice file=depression.md,line=72,title=citation verified with a remark::year 2006, published 2005 " \
           "(within a year: accepted)" in lines
    assert any(line.startswith("::error file=depression.md,line=73,title=citation mismatch::") for line in lines)


def test_a_wrong_journal_is_corrected_to_the_name_as_written_not_crossrefs_long_form():
    # F6: "Journal of Allergy and Clinical Immunology" cited for The Journal of Asthma was corrected to
    # "J Asthma" (the cited name was measured against Crossref's "The Journal of Asthma : Official …").
    from citecheck.report.correct import corrected_reference

    asthma = Work(doi="10.1080/02770900802444195", journal="The Journal of Asthma : Official Journal of the "
                  "Association for the Care of Asthma", short_journal=("J Asthma",), year_issued=2008, volume="45",
                  issue="10", pages="862-866", authors=(Author("Vogel", "NM"),),
                  title="Food allergy is associated with potentially fatal childhood asthma")
    text = ("Vogel, N. M., Katz, H. T., Lopez, R., & Lang, D. M. (2008). Food allergy is associated with potentially "
            "fatal childhood asthma. Journal of Allergy and Clinical Immunology, 45(10), 862-866.")
    result = judge(parse_reference(text, 74), Evidence(candidates=(asthma,)))
    assert [f.name for f in result.fields if f.status is FieldStatus.MISMATCH] == ["journal"]
    assert "asthma. The Journal of Asthma, 45(10), 862-866." in corrected_reference(result)
    # An abbreviated name is corrected to the abbreviation.
    result = judge(parse_reference(text.replace("Journal of Allergy and Clinical Immunology", "J Allergy"), 74),
                   Evidence(candidates=(asthma,)))
    assert "asthma. J Asthma, 45(10), 862-866." in corrected_reference(result)


def test_a_doi_that_is_another_entrys_is_named_as_that_entrys():
    # F10: an entry written from another, its DOI left unchanged: the report named both DOIs, not whose.
    from citecheck.checker import borrowed_dois

    worms = Work(doi="10.1016/j.joca.2003.11.003", title="Whole-organ magnetic resonance imaging score (WORMS) of "
                 "the knee in osteoarthritis", journal="Osteoarthritis Cartilage", year_issued=2004, volume="12",
                 pages="177-190", authors=(Author("Peterfy", "CG"),))
    helix = Work(doi="10.1002/art.20930", title="Urinary type II collagen helical peptide (HELIX-II) as a new "
                 "biochemical marker of cartilage degradation", journal="Arthritis Rheum", year_issued=2005,
                 volume="52", pages="1081-1090", authors=(Author("Charni", "N"),))
    first = parse_reference("Peterfy CG, Guermazi A, Zaim S, et al. Whole-organ magnetic resonance imaging score "
                            "(WORMS) of the knee in osteoarthritis. Osteoarthritis Cartilage. 2004;12(3):177-90. "
                            "doi:10.1016/j.joca.2003.11.003", 66, number=4)
    copied = parse_reference("Charni N, Juillet F, Garnero P. Urinary type II collagen helical peptide (HELIX-II) as "
                             "a new biochemical marker of cartilage degradation. Arthritis Rheum. 2005;52(4):1081-90. "
                             "doi:10.1016/j.joca.2003.11.003", 69, number=7)
    results = (judge(first, Evidence(candidates=(worms,))), judge(copied, Evidence(candidates=(helix,))))
    marked = borrowed_dois(results)
    assert marked[0] == results[0]  # the DOI's own entry is as it was
    assert marked[1].verdict is Verdict.MISMATCH
    assert "doi cited as 10.1016/j.joca.2003.11.003 (the cited DOI is entry 4's), published as 10.1002/art.20930" \
        in marked[1].reason
    # (The note shows beside the published DOI: it says whose the cited one is.)
    assert next(f for f in marked[1].fields if f.name == "doi").note == "the cited DOI is entry 4's"
    # A DOI no other entry has is left alone.
    assert borrowed_dois(results[1:]) == results[1:]


def test_a_wrong_first_author_or_year_names_the_in_text_citations_to_change_too():
    # F11: the entry was corrected to Flegal, and the text's "(Fleming et al., 1998)" was not mentioned.
    from citecheck.models import InText
    from citecheck.report.interface import in_text_to_change

    flegal = Work(doi="10.1038/sj.ijo.0800541", title="Overweight and obesity in the United States", year_issued=1998,
                  journal="International Journal of Obesity", volume="22", pages="39-47",
                  authors=(Author("Flegal", "KM"), Author("Carroll", "MD")))
    cited = parse_reference("Fleming, K. M., & Carroll, M. D. (1998). Overweight and obesity in the United States. "
                            "International Journal of Obesity, 22(1), 39-47.", 60, number=4)
    result = judge(cited, Evidence(candidates=(flegal,)))
    assert result.verdict is Verdict.MISMATCH
    in_text = (InText("(Fleming et al., 1998)", 17, 0), InText("(Smith, 2001)", 18, None), InText("[4]", 19, 0))
    doc = DocumentResult("obesity.md", (result,), in_text)
    assert in_text_to_change(doc, result) == "line 17 (Fleming et al., 1998)"  # not "[4]": nothing to change there
    assert "**Change it in the text too:** line 17 (Fleming et al., 1998)" in MarkdownReport().render(
        Report((doc,)), DEFAULT_FAIL_ON)


@pytest.mark.parametrize("text", [
    # one line a paragraph (Markdown, HTML) ...
    "Studies show that a brief screen is nearly as accurate as a long questionnaire. In a classic study of "
    "veterans, two questions picked up most patients with major depression [1].",
    # ... and a paragraph wrapped over lines
    "Studies show that a brief screen is nearly as accurate as a long\nquestionnaire. In a classic study of "
    "veterans, two questions picked up\nmost patients with major depression (Whooley et al., 1997).",
])
def test_an_appeal_to_research_whose_next_sentence_cites_the_study_is_no_unsourced_claim(text):
    # F9: five topic sentences of the trial's articles were reported as "Research claimed with no source".
    from citecheck.extract import extract_bytes

    article = f"# Screening\n\n{text}\n\n## References\n\n1. Whooley MA, Avins AL. Case-finding instruments for " \
              f"depression. J Gen Intern Med. 1997;12(7):439-45.\n"
    assert [c for c in extract_bytes(article.encode(), "a.md").claims if not c.specific] == []
    # The same sentence with nothing cited after it is still reported.
    alone = article.replace(" [1].", ".").replace(" (Whooley et al., 1997).", ".")
    assert [c.text[:12] for c in extract_bytes(alone.encode(), "a.md").claims if not c.specific] == ["Studies show"]


def test_a_corrected_title_is_written_in_the_cited_titles_case():
    # F6: an APA list in sentence case got Crossref's title case in the corrected line.
    from citecheck.report.correct import corrected_reference

    park = Work(doi="10.1080/01490400802686045", journal="Leisure Sciences", year_issued=2009, volume="31",
                issue="2", pages="174-191", authors=(Author("Kaczynski", "AT"),),
                title="Association of Parkland Proximity with Neighborhood and Park-based Physical Activity: "
                      "Variations by Gender and Age")
    cited = parse_reference("Kaczynski, A. T. (2009). Association of parkland proximity with neighborhood and "
                            "park-based physical activity: Variations by gender and income. Leisure Sciences, "
                            "31(2), 174-191.", 69)
    result = judge(cited, Evidence(candidates=(park,)))
    assert [f.name for f in result.fields if f.status is FieldStatus.MISMATCH] == ["title"]
    # Words the cited title writes in lower case are written so; "Age", which it lacks, keeps its capital.
    assert "(2009). Association of parkland proximity with neighborhood and park-based physical activity: " \
           "Variations by gender and Age. Leisure Sciences" in corrected_reference(result)


# Trial 15: false alarms hunted on the session's rules.

def test_greek_letters_and_their_names_are_one_title():
    # "IκBα" cited, "IkappaBalpha" in the record: was a title mismatch ('"i b" cited'); "α4/β3/δ" for
    # "alpha 4/beta 3/delta" was 84% alike and not_found, a real work reported as nonexistent.
    from citecheck.matching.normalize import norm_text

    assert norm_text("NF-κB inhibitor IκBα") == norm_text("NF-kappaB inhibitor IkappaBalpha")
    assert norm_text("eIF2α") == norm_text("eIF2alpha") == "eif2alpha"
    assert norm_text("Ethanol enhances α4/β3/δ receptors") == norm_text("Ethanol enhances alpha4/beta3/delta receptors")
    ifn = Work(doi="10.1038/mi.2009.2", title="CpG oligodeoxynucleotides downregulate TLR9-induced IFNalpha responses",
               journal="Mucosal Immunol", year_issued=2009, volume="2", pages="265-275", authors=(Author("Booth", "JS"),))
    cited = Citation(text="x", line=1, title="CpG oligodeoxynucleotides downregulate TLR9-induced IFN-α responses",
                     journal="Mucosal Immunol", year=2009, volume="2", pages="265-75", authors=(Author("Booth", "JS"),))
    assert judge(cited, Evidence(candidates=(ifn,))).verdict is Verdict.VERIFIED
    # A Greek letter changed is a change: IFN-γ cited, IFNalpha published.
    gamma = judge(replace(cited, title=cited.title.replace("α", "γ")), Evidence(candidates=(ifn,)))
    assert gamma.verdict is Verdict.MISMATCH
    assert next(f for f in gamma.fields if f.name == "title").note == '"ifn gamma" cited, "IFNalpha" published'


def test_nucleic_acids_researchs_web_server_issue_is_its_supplement():
    assert check_number("issue", "Web Server issue", "suppl_2").status is FieldStatus.MATCH
    assert check_number("issue", "Database issue", "suppl_1").status is FieldStatus.MATCH
    assert check_number("issue", "Web Server issue", "4").status is FieldStatus.MISMATCH


def test_the_nearest_work_for_an_invented_title_is_the_one_at_the_cited_pages():
    # Trial 15: "Hand hygiene compliance …, J Bone Joint Surg Br. 2007;89:642-5" was offered a knee paper
    # of the same volume (a closer title), not the work at 89:642-645.
    cited = Citation(text="x", line=1, title="Hand hygiene compliance in an orthopaedic outpatient clinic",
                     journal="J Bone Joint Surg Br", year=2007, volume="89", pages="642-5",
                     authors=(Author("Patel", "R"),))
    knee = Work(doi="10.1302/0301-620X.89B4.18621", title="Alignment and orientation of the components in total "
                "knee replacement in an outpatient clinic", journal="J Bone Joint Surg Br", year_issued=2007,
                volume="89", pages="471-476", authors=(Author("Ng", "VY"),))
    at_pages = Work(doi="10.1302/0301-620X.89B5.18573", title="Screening for MRSA before elective surgery",
                    journal="J Bone Joint Surg Br", year_issued=2007, volume="89", pages="642-645",
                    authors=(Author("Kaminski", "A"),))
    result = judge(cited, Evidence(candidates=(knee, at_pages)))
    assert result.verdict is Verdict.NOT_FOUND
    assert result.nearest.doi == at_pages.doi and "a real work's details under another title" in result.nearest.why
