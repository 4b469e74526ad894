"""Matching on realistic citations: the rules of DESIGN.md and issue 3's hard cases."""

from dataclasses import replace

import pytest

from citecheck.matching.journals import same_journal
from citecheck.matching.normalize import split_pages
from citecheck.matching.score import check_authors, check_number, check_pages, check_year, title_similarity
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Citation, FieldStatus, Notice, Verdict, Work

DUMAN_2016 = Work(
    doi="10.1038/nm.4050",
    title="Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants",
    journal="Nature Medicine", short_journal=("Nat Med",), year_issued=2016, year_print=2016, year_online=2016,
    volume="22", issue="3", pages="238-249",
    authors=(Author("Duman", "Ronald S"), Author("Aghajanian", "George K"), Author("Sanacora", "Gerard"), Author("Krystal", "John H")),
    type="journal-article",
)
MION_2013 = Work(
    doi="10.1111/cns.12099",
    title="Ketamine Pharmacology: An Update (Pharmacodynamics and Molecular Aspects, Recent Findings)",
    journal="CNS Neuroscience & Therapeutics", short_journal=("CNS Neurosci Ther",), year_issued=2013,
    volume="19", issue="6", pages="370-380", authors=(Author("Mion", "Georges"), Author("Villevieille", "Thierry")),
)


def cite(**kw) -> Citation:
    kw.setdefault("text", " ".join(str(v) for v in kw.values() if isinstance(v, str)))
    kw.setdefault("line", 1)
    return Citation(**kw)


def duman_as_cited() -> Citation:
    return cite(
        text="Duman, R. S., & Aghajanian, G. K. (2012). Synaptic plasticity and depression: New insights from stress "
             "and rapid-acting antidepressants. Nature Medicine, 18(9), 1386-1398.",
        authors=(Author("Duman", "R. S."), Author("Aghajanian", "G. K.")), year=2012,
        title="Synaptic plasticity and depression: New insights from stress and rapid-acting antidepressants",
        journal="Nature Medicine", volume="18", issue="9", pages="1386-1398",
    )


def test_real_title_with_wrong_year_volume_issue_pages_is_mismatch_naming_each():
    result = judge(duman_as_cited(), Evidence(candidates=(MION_2013, DUMAN_2016)))
    assert result.verdict is Verdict.MISMATCH
    assert result.match.doi == "10.1038/nm.4050"
    wrong = {f.name: (f.cited, f.found) for f in result.wrong_fields}
    assert wrong == {"year": (2012, 2016), "volume": ("18", "22"), "issue": ("9", "3"), "pages": ("1386-1398", "238-249")}
    assert "https://doi.org/10.1038/nm.4050" in result.reason


def test_two_first_authors_of_four_is_a_shortened_list_not_a_mismatch():
    check = check_authors((Author("Duman"), Author("Aghajanian")), DUMAN_2016.authors)
    assert check.status is FieldStatus.MATCH and check.note is None
    # Without "et al." the list reads as complete: right, with a note saying how short it is.
    check = check_authors((Author("Duman"), Author("Aghajanian")), DUMAN_2016.authors, et_al=False)
    assert check.status is FieldStatus.MATCH and check.note == '2 of 4 authors cited, without "et al."'


def test_wrong_first_author_and_unknown_coauthor_are_mismatches():
    assert check_authors((Author("Aghajanian"), Author("Duman")), DUMAN_2016.authors).status is FieldStatus.MISMATCH
    assert check_authors((Author("Duman"), Author("Villela")), DUMAN_2016.authors).status is FieldStatus.MISMATCH


def test_a_record_that_lacks_co_authors_the_citation_names_is_no_mismatch():
    # Records stop short (a deposit listing only the first author): the citation names every
    # author the record has, and more. Right, with a note; it was "Costello not among the
    # published authors", and the corrected reference dropped the co-author.
    check = check_authors((Author("Borkovec", "TD"), Author("Costello", "E")), (Author("Borkovec", "TD"),))
    assert check.status is FieldStatus.MATCH
    assert check.note == "Costello not in the record, which lists 1 author: check the author list"
    four = (Author("Duman"), Author("Villela"), Author("Aghajanian"), Author("Sanacora"), Author("Krystal"))
    assert check_authors(four, DUMAN_2016.authors).note.startswith("Villela not in the record, which lists 4 authors")
    # A cited name in place of one the record has is still wrong.
    check = check_authors((Author("Duman"), Author("Villela")), DUMAN_2016.authors[:2])
    assert check.status is FieldStatus.MISMATCH and check.note == "Villela not among the published authors"


def test_invented_title_under_real_first_author_is_not_found_with_nearest():
    mion = cite(
        text="Mion, G., & Villela, J. L. (2003). Ketamine: An update on its pharmacology and clinical applications. "
             "The Lancet, 362(9392), 395-402.",
        authors=(Author("Mion", "G."), Author("Villela", "J. L.")), year=2003,
        title="Ketamine: An update on its pharmacology and clinical applications", journal="The Lancet",
        volume="362", issue="9392", pages="395-402",
    )
    result = judge(mion, Evidence(candidates=(DUMAN_2016, MION_2013)))
    assert result.verdict is Verdict.NOT_FOUND
    assert result.match is None
    assert result.nearest.doi == "10.1111/cns.12099"
    assert "first author" in result.nearest.why


def test_real_journal_volume_pages_under_an_invented_title_is_not_found():
    grafted = cite(
        title="Ketamine reverses central sensitization in fibromyalgia", authors=(Author("Duman"),),
        journal="Nat Med", year=2016, volume="22", issue="3", pages="238-49",
    )
    result = judge(grafted, Evidence(candidates=(DUMAN_2016,)))
    assert result.verdict is Verdict.NOT_FOUND
    assert "another title" in result.nearest.why


def test_a_real_work_cited_by_its_title_without_the_subtitle_is_verified_with_a_note():
    short = cite(title="Synaptic plasticity and depression", authors=(Author("Duman", "RS"), Author("Aghajanian", "GK")),
                 journal="Nat Med", year=2016, volume="22", pages="238-49")
    result = judge(short, Evidence(candidates=(DUMAN_2016,)))
    assert result.verdict is Verdict.VERIFIED, result.reason
    assert "title cited shortened" in result.reason
    # And the other way round: the entry gives a subtitle the record lacks.
    longer = replace(short, title=DUMAN_2016.title)
    result = judge(longer, Evidence(candidates=(replace(DUMAN_2016, title="Synaptic plasticity and depression"),)))
    assert result.verdict is Verdict.VERIFIED, result.reason
    from citecheck.matching.score import title_in_part
    assert title_in_part(longer, replace(DUMAN_2016, title="Synaptic plasticity and depression")) == \
        'title cited with words the record lacks: "new insights from stress and rapid-acting antidepressants"'


def test_a_long_title_cut_short_under_its_own_doi_is_the_work_not_another():
    long_title = ("Consensus Guidelines on the Use of Intravenous Ketamine Infusions for Acute Pain Management From "
                  "the American Society of Regional Anesthesia and Pain Medicine, the American Academy of Pain "
                  "Medicine, and the American Society of Anesthesiologists")
    work = Work(doi="10.1097/AAP.0000000000000806", title=long_title, journal="Regional Anesthesia and Pain Medicine",
                short_journal=("Reg Anesth Pain Med",), year_issued=2018, volume="43", issue="5", pages="456-466",
                authors=(Author("Schwenk", "Eric S"), Author("Viscusi", "Eugene R"), Author("Buvanendran", "Asokumar")))
    cited = cite(title="Consensus guidelines on the use of intravenous ketamine infusions for acute pain management",
                 authors=(Author("Schwenk", "ES"), Author("Viscusi", "ER")), et_al=True, journal="Reg Anesth Pain Med",
                 year=2018, volume="43", issue="5", pages="456-466", doi="10.1097/AAP.0000000000000806")
    result = judge(cited, Evidence(doi_work=work, doi_known=True))
    assert result.verdict is Verdict.VERIFIED, result.reason  # not "the cited DOI belongs to another work"
    assert "title cited shortened" in result.reason


def test_a_title_cited_without_its_subtitle_under_other_details_is_not_that_work():
    # Only the main title agrees: not enough to say the cited work is this one.
    other = cite(title="Synaptic plasticity and depression", authors=(Author("Moreau", "J"),),
                 journal="J Affect Disord", year=2019, volume="245", pages="100-108")
    assert judge(other, Evidence(candidates=(DUMAN_2016,))).verdict is Verdict.NOT_FOUND
    # A one-word main title names too little ("Depression: …").
    one_word = replace(DUMAN_2016, title="Depression: new insights from stress and rapid-acting antidepressants")
    short = replace(other, title="Depression", authors=(Author("Duman", "RS"),), journal="Nat Med", year=2016,
                    volume="22", pages="238-49")
    assert judge(short, Evidence(candidates=(one_word,))).verdict is Verdict.NOT_FOUND


def test_correct_citation_in_vancouver_with_abbreviated_journal_is_verified():
    c = cite(
        text="Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and depression: new insights from "
             "stress and rapid-acting antidepressants. Nat Med. 2016;22(3):238-49.",
        authors=(Author("Duman", "RS"), Author("Aghajanian", "GK"), Author("Sanacora", "G"), Author("Krystal", "JH")),
        title="Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants",
        journal="Nat Med", year=2016, volume="22", issue="3", pages="238-49",
    )
    result = judge(c, Evidence(candidates=(DUMAN_2016,)))
    assert result.verdict is Verdict.VERIFIED, result.reason


def test_year_within_one_of_online_date_matches_with_a_note():
    work = Work(doi="10.1/x", title="T", year_issued=2021, year_print=2021, year_online=2020)
    check = check_year(2020, work)
    assert check.status is FieldStatus.MATCH and "online 2020, in print 2021" in check.note
    assert check_year(2019, work).status is FieldStatus.MATCH
    assert check_year(2018, work).status is FieldStatus.MISMATCH
    assert check_year(2019, Work(doi="10.1/y", title="T")).status is FieldStatus.ABSENT


def test_journal_names_across_ampersand_abbreviation_and_the():
    names = ("Anesthesia & Analgesia", "Anesth Analg")
    assert same_journal("Anesthesia and Analgesia", names[:1])
    assert same_journal("Anesth. Analg.", names[:1])
    assert same_journal("The Lancet", ("Lancet",))
    assert same_journal("J Neurosci", ("The Journal of Neuroscience",))
    assert same_journal("Pain Med", ("Pain Medicine",))
    assert not same_journal("Pain Medicine", ("Pain",))
    assert not same_journal("The Journal of Neuroscience", ("Nature Medicine",))
    assert not same_journal("J Pain", ("Journal of Pain Research",))


@pytest.mark.parametrize("cited, published", [
    ("NEJM", ("New England Journal of Medicine", "N Engl J Med")),
    ("PNAS", ("Proceedings of the National Academy of Sciences", "Proc. Natl. Acad. Sci. U.S.A.")),
    ("CMAJ", ("Canadian Medical Association Journal",)),
    ("British Medical Journal", ("BMJ",)),
    ("Journal of the American Medical Association", ("JAMA",)),
])
def test_short_names_writers_use_are_the_journal_they_stand_for(cited, published):
    # A false "journal cited as NEJM, published as New England Journal of Medicine" otherwise.
    assert same_journal(cited, published)


def test_a_short_name_is_no_other_journal():
    assert not same_journal("JAMA", ("JAMA Internal Medicine",))
    assert not same_journal("BMJ", ("BMJ Open",))
    assert not same_journal("NEJM", ("The Lancet",))


def test_a_journal_extended_by_a_qualifier_is_the_same_and_by_more_words_another():
    full = "Proceedings of the National Academy of Sciences of the United States of America"
    assert same_journal("Proceedings of the National Academy of Sciences", (full,))
    assert not same_journal("Breast Cancer Research and Treatment", ("Breast Cancer Research : BCR",))
    assert not same_journal("Breast Cancer Research", ("Breast Cancer Research and Treatment",))


def test_page_forms():
    assert split_pages("161-169") == split_pages("161–9") == split_pages("161-9") == ("161", "169")
    assert split_pages("1425-37") == ("1425", "1437")
    assert split_pages("e676-e682") == ("e676", "e682")
    assert split_pages("S245-51") == ("s245", "s251")
    w = Work(doi="10.1/x", pages=None, article_number="e000776")
    assert check_pages("e000776", w).status is FieldStatus.MATCH
    assert check_pages("e000777", w).status is FieldStatus.MISMATCH
    assert check_pages("813-818", Work(doi="10.1/y", pages="813-8")).status is FieldStatus.MATCH


def test_titles_with_diacritics_case_subtitle_markup_and_translation():
    work = Work(doi="10.1/z", title="Étude de la kétamine <i>in vivo</i>", subtitle="une revue")
    assert title_similarity(cite(title="Etude de la ketamine in vivo: une revue"), work) >= 95
    assert title_similarity(cite(title="ÉTUDE DE LA KÉTAMINE IN VIVO"), work) >= 95
    translated = cite(title="[Study of ketamine in vivo] Étude de la kétamine in vivo")
    assert title_similarity(translated, work) >= 95


def test_retracted_match_is_flagged():
    retracted = Work(doi=DUMAN_2016.doi, title=DUMAN_2016.title, authors=DUMAN_2016.authors, year_issued=2016,
                     notices=(Notice("retraction", "10.1038/nm.9999", "2020-01-01", "publisher"),))
    c = cite(title=DUMAN_2016.title, authors=(Author("Duman"),), year=2016)
    result = judge(c, Evidence(candidates=(retracted,)))
    assert result.verdict is Verdict.VERIFIED and result.retracted


def test_doi_of_another_work_with_the_cited_title_existing_is_doi_mismatch():
    c = duman_as_cited()
    c = replace(c, doi="10.1111/cns.12099", year=2016, volume="22", issue="3", pages="238-249")
    result = judge(c, Evidence(candidates=(DUMAN_2016,), doi_work=MION_2013, doi_known=True))
    assert result.verdict is Verdict.MISMATCH
    assert [f.name for f in result.wrong_fields] == ["doi"]
    assert result.match.doi == "10.1038/nm.4050"


def test_unregistered_doi_and_no_title_found_is_not_found_as_invention():
    c = cite(title="Ketamine for everything", journal="Pain Medicine", doi="10.1093/pm/pnz999", year=2019)
    result = judge(c, Evidence(doi_known=False, agency=None))
    assert result.verdict is Verdict.NOT_FOUND and "registered with no agency" in result.reason
    assert result.reason.endswith("no published work was found with the cited title: evidence of invention.")


def test_a_bare_doi_with_no_record_is_not_said_to_cite_a_title():
    bare = Citation(text="https://doi.org/10.1111/jdv.99731", line=3, doi="10.1111/jdv.99731")
    result = judge(bare, Evidence(doi_known=False, agency=None))
    assert result.verdict is Verdict.NOT_FOUND
    assert result.reason == ("DOI 10.1111/jdv.99731 is registered with no agency, and the citation gives no title "
                             "to search by: a mistyped or invented DOI.")


def test_datacite_doi_is_skipped():
    c = cite(title="A dataset of pain scores", doi="10.5061/dryad.abc", year=2019)
    result = judge(c, Evidence(doi_known=False, agency="datacite"))
    assert result.verdict is Verdict.SKIPPED and "datacite" in result.reason


def test_web_page_and_bare_pubmed_link_are_skipped():
    assert judge(cite(text="https://www.nih.gov/ketamine", url="https://www.nih.gov/ketamine"), Evidence()).verdict is Verdict.SKIPPED
    pubmed = judge(cite(text="https://pubmed.ncbi.nlm.nih.gov/12345678/", pmid="12345678"), Evidence())
    assert pubmed.verdict is Verdict.SKIPPED and "12345678" in pubmed.reason


def test_journal_names_misread_at_a_full_stop_or_a_quote_still_match():
    from citecheck.matching.score import check_journal

    acta = Work(doi="10.1107/x", journal="Acta Crystallographica. Section D, Biological Crystallography")
    text = "Murshudov G. Efficient refinement. Acta Crystallographica. Section D, Biological Crystallography, 55, 247-255."
    assert check_journal("Section D, Biological Crystallography", acta, text).status is FieldStatus.MATCH
    jcpp = Work(doi="10.1111/y", journal="Journal of Child Psychology and Psychiatry", short_journal=("J Child Psychol Psychiat",))
    glued = "Hypothesis, Epigenetics and Their Consequences for Prevention”. J Child Psychol Psychiat"
    assert check_journal(glued, jcpp, "").status is FieldStatus.MATCH
    # a different journal whose name ends like the record's is still a mismatch
    ejp = Work(doi="10.1002/z", journal="European Journal of Pain")
    assert check_journal("Journal of Pain", ejp, "Smith J. Title. Journal of Pain. 2010;11:1-9.").status is FieldStatus.MISMATCH
    jp = Work(doi="10.1016/w", journal="The Journal of Pain")
    assert check_journal("European Journal of Pain", jp, "Smith J. Title. European Journal of Pain. 2010;11:1-9.").status is FieldStatus.MISMATCH


def test_a_title_close_enough_to_match_but_cut_short_carries_the_remark():
    work = Work(doi="10.1001/jama.293.20.2479", title="Physical activity and survival after breast cancer diagnosis",
                journal="JAMA", year_issued=2005, authors=(Author("Holmes", "MD"),))
    cited = Citation(text="x", line=1, title="Physical activity and survival after breast cancer", journal="JAMA",
                     year=2005, authors=(Author("Holmes", "MD"),))
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED
    assert [(f.name, f.note) for f in result.fields if f.note] == [("title", "title cited shortened")]
    # The title without the subtitle the record keeps apart is the title as published: no remark.
    work = replace(work, title="Physical activity and survival", subtitle="after breast cancer diagnosis")
    cited = replace(cited, title="Physical activity and survival")
    assert not [f for f in judge(cited, Evidence(candidates=(work,))).fields if f.note]


def test_a_nearest_that_shares_only_a_few_title_words_is_not_offered():
    hernandez = Citation(text="x", line=40, title="The effects of ketamine infusion on opioid use and chronic pain: "
                         "A randomized controlled trial", journal="The Clinical Journal of Pain", year=2018,
                         volume="34", pages="654-660", authors=(Author("Hernandez", "G"),))
    lamivudine = Work(doi="10.1002/hep.21486", title="A randomized controlled trial of lamivudine to treat acute "
                      "hepatitis B", journal="Hepatology", year_issued=2007, volume="45", pages="97-101",
                      authors=(Author("Kumar", "M"),))
    result = judge(hernandez, Evidence(candidates=(lamivudine,)))
    assert result.verdict is Verdict.NOT_FOUND
    assert result.nearest is None and result.reason == "No published work was found with this title."
    # The same first author alone does not make an unrelated title a lead (trial 14: "Transvaginal
    # Doppler ultrasound …" offered for an invented food-allergy study, 44% alike) ...
    by_hernandez = replace(lamivudine, authors=(Author("Hernandez", "G"),))
    assert judge(hernandez, Evidence(candidates=(by_hernandez,))).nearest is None
    # ... a title on the same subject by the same first author does (seed 001's Mion, 59% alike) ...
    on_ketamine = replace(by_hernandez, title="Ketamine infusion for chronic pain: a randomized trial")
    assert judge(hernandez, Evidence(candidates=(on_ketamine,))).nearest.doi == "10.1002/hep.21486"
    # ... and so do two details in common, whatever the title.
    same_source = replace(lamivudine, journal="The Clinical Journal of Pain", volume="34")
    assert judge(hernandez, Evidence(candidates=(same_source,))).nearest.doi == "10.1002/hep.21486"
    # One, a journal, does not (trial 14: "A global pandemic influenza vaccine action plan", 55% alike).
    assert judge(hernandez, Evidence(candidates=(replace(lamivudine, journal="The Clinical Journal of Pain"),))).nearest is None
    # A year in common is no more than chance: a year has thousands of works (trial 8).
    same_year = replace(lamivudine, year_issued=2018)
    assert judge(hernandez, Evidence(candidates=(same_year,))).nearest is None


def test_an_entry_with_a_pubmed_link_and_a_title_is_searched_as_an_article():
    from citecheck.matching.verdict import skip_reason

    # An invention in the form language models write: authors, year, title, PubMed link, no journal.
    kowalski = Citation(text="x", line=7, authors=(Author("Kowalski", "J"),), year=2021,
                        title="Acupuncture and chronic low back pain outcomes in primary care",
                        pmid="34567890", url="https://pubmed.ncbi.nlm.nih.gov/34567890/")
    assert skip_reason(kowalski) is None  # was "a web page (a link with no DOI, journal, volume or pages)"
    assert judge(kowalski, Evidence()).verdict is Verdict.NOT_FOUND  # was skipped, so CI passed it
    # A bare PubMed link is still skipped, with its PMID.
    assert "PMID 34567890" in skip_reason(replace(kowalski, title=None, authors=(), year=None))


def test_a_cited_doi_with_its_work_s_details_identifies_the_work_under_a_title_cited_wrong():
    may = Work(doi="10.1016/j.pain.2008.02.034", title="Chronic pain may change the structure of the brain",
               journal="Pain", year_issued=2008, volume="137", issue="1", pages="7-15", authors=(Author("May", "A"),))
    cited = Citation(text="x", line=1, authors=(Author("May", "A"),), year=2008, journal="Pain", volume="137",
                     issue="1", pages="7-15", doi=may.doi, title="Chronic pain changes brain structure: a narrative review")
    result = judge(cited, Evidence(doi_work=may, doi_known=True))
    assert result.verdict is Verdict.MISMATCH and result.match.doi == may.doi  # was "belongs to another work"
    assert [f.name for f in result.wrong_fields] == ["title"]
    assert result.reason.startswith("A real work, cited with wrong details: title differs from the published one, "
                                    '"Chronic pain may change the structure of the brain". Correct:')
    # The DOI of a work with other details still belongs to another work.
    other = replace(cited, journal="Brain", volume="12", pages="1-9", year=2001)
    assert judge(other, Evidence(doi_work=may, doi_known=True)).verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize("cited", ["Suppl. 1", "Suppl 1", "Supplement 1", "S1"])
def test_a_supplement_issue_is_the_same_however_written(cited):
    # "Diabetes Care, 47(Suppl. 1)" against the record's "Supplement_1" was a mismatch.
    assert check_number("issue", cited, "Supplement_1").status is FieldStatus.MATCH
    assert check_number("issue", cited, "Supplement_2").status is FieldStatus.MISMATCH


def test_words_left_out_inside_a_cited_title_are_a_remark_on_the_verified_work():
    # "rapid-acting" dropped from inside the title: the work is still the one cited, but the title
    # now claims more than the paper; it was verified with no word said (session 11).
    from citecheck.report.interface import verified_remark

    dropped = cite(title="Synaptic plasticity and depression: new insights from stress and antidepressants",
                   authors=(Author("Duman", "RS"), Author("Aghajanian", "GK")), et_al=True,
                   journal="Nat Med", year=2016, volume="22", pages="238-49")
    result = judge(dropped, Evidence(candidates=(DUMAN_2016,)))
    assert result.verdict is Verdict.VERIFIED, result.reason
    assert verified_remark(result) == 'title cited with words left out: "rapid-acting"'
    # A function word left out is no remark; nor is the same title.
    for title in ("Synaptic plasticity and depression: new insights from stress and rapid-acting antidepressants",
                  "Synaptic plasticity and depression: new insights from stress, rapid-acting antidepressants"):
        result = judge(replace(dropped, title=title), Evidence(candidates=(DUMAN_2016,)))
        assert result.verdict is Verdict.VERIFIED and verified_remark(result) is None, (title, result.reason)
