"""Session 16: journal names the parser missed when no volume or pages follow (trial 25's
parser gaps), and what trials 26 (conference abstracts and journal supplements) and 27 (preprints,
corrections and retractions) found.  Each test names the finding it guards."""

from __future__ import annotations

import dataclasses

import pytest

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Verdict, Work


@pytest.mark.parametrize("text, journal", [
    # APA 7's article online before its issue
    ("Surh, Y., Han, S. S., & Keum, Y. S. (2000). Inhibitory effects of curcumin and capsaicin on phorbol "
     "ester-induced activation. BioFactors (Oxford, England). Advance online publication. "
     "https://doi.org/10.1002/biof.5520120115", "BioFactors (Oxford, England)"),
    ("Smith, J. (2021). Ketamine for depression: a trial. Journal of Affective Disorders, Advance online "
     "publication.", "Journal of Affective Disorders"),
    # PubMed's, with the DOI cut out before it
    ("Smith J, Doe A. Ketamine for depression: a trial. J Affect Disord. 2021 Mar 3. "
     "doi: 10.1016/j.jad.2021.01.001. Online ahead of print.", "J Affect Disord"),
    ("Smith J, Doe A. Ketamine for depression: a trial. J Affect Disord. In press.", "J Affect Disord"),
    # a journal abbreviated with stops, before "[Internet]": its initials hid the cut before it
    ("Friedberg MK. A novel echocardiographic Doppler method for estimating pulmonary vascular resistance. "
     "J. Am. Soc. Echocardiogr. [Internet]. 2006 [cited 2020 May 3]. Available from: https://example.org/x",
     "J. Am. Soc. Echocardiogr"),
    ("Lee K. Vitamin D. A review. J. Nutr. 2020.", "J. Nutr"),
    # names with punctuation the journal list knows (trial 25, A4)
    ("Dehghani, H., Dellaire, G., & Bazett-Jones, D. (2005). Organization of chromatin in the interphase "
     "mammalian cell. Micron (Oxford, England : 1993). Advance online publication. https://example.org/1282",
     "Micron (Oxford, England : 1993)"),
    ("Giannakopoulos P, Hof PR. Zinc status in children. Stroke; a Journal of Cerebral Circulation. 2009. "
     "https://example.org/article/1216", "Stroke; a Journal of Cerebral Circulation"),
    ("Dove SG, Lovell C. Host pigments in coral symbioses. Plant, Cell & Environment. 2008.",
     "Plant, Cell & Environment"),
])
def test_a_journal_with_no_volume_or_pages_after_it_is_read(text, journal):
    # trial 25, A2 and A4: the journal was not read, so the entry was skipped unsearched or, with
    # a search that found nothing, skipped as no article.
    cited = parse_reference(text, 1)
    assert cited.journal == journal
    assert cited.title and "Soc." not in cited.title and cited.title[0].isupper()


def test_a_journal_named_with_punctuation_is_the_records_journal():
    from citecheck.models import FieldStatus

    cited = parse_reference("Dehghani H, Bazett-Jones D. Organization of chromatin in the interphase mammalian "
                            "cell. Micron (Oxford, England : 1993). 2005.", 1)
    work = Work(doi="10.1016/j.micron.2004.12.001", type="journal-article",
                title="Organization of chromatin in the interphase mammalian cell", journal="Micron",
                year_issued=2005, authors=(Author("Dehghani", "H"), Author("Bazett-Jones", "D")))
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED
    assert {f.name: f for f in result.fields}["journal"].status is FieldStatus.MATCH


def test_a_title_that_is_an_initial_and_a_sentence_keeps_its_words():
    cited = parse_reference("Lee K. Vitamin D. A review. New York: Springer; 2020.", 1)
    assert (cited.title, cited.journal) == ("Vitamin D. A review", None)


def test_apas_in_press_in_the_years_place_is_no_title_word():
    cited = parse_reference("Smith, J. (in press). Ketamine for depression: a trial. Journal of Affective "
                            "Disorders.", 1)
    assert (cited.title, cited.journal, cited.year) == ("Ketamine for depression: a trial",
                                                        "Journal of Affective Disorders", None)


_ONLINE_FIRST = Work(
    doi="10.1016/j.jad.2021.01.001", type="journal-article", title="Ketamine for depression: a trial",
    journal="Journal of Affective Disorders", short_journal=("J Affect Disord",), year_issued=2021,
    authors=(Author("Smith", "J"), Author("Doe", "A")))


def test_an_article_online_before_its_issue_is_verified_and_an_invented_one_not_found():
    real = parse_reference("Smith J, Doe A. Ketamine for depression: a trial. J Affect Disord. 2021. "
                           "Online ahead of print.", 1)
    assert judge(real, Evidence(candidates=(_ONLINE_FIRST,))).verdict is Verdict.VERIFIED
    # Made up in the same form: found nowhere, and no sign of a book or a site, so not skipped.
    invented = parse_reference("Novak P, Ruiz L. Ketamine nasal spray halves migraine days in adolescents. "
                               "J Affect Disord. 2021. Online ahead of print.", 1)
    assert judge(invented, Evidence(candidates=())).verdict is Verdict.NOT_FOUND


_QUALITY_CHASM = Work(
    doi="10.17226/10027", type="book", title="Crossing the Quality Chasm: A New Health System for the 21st Century",
    year_issued=2001, authors=(Author("Institute of Medicine", ""),))


def test_a_committee_of_the_records_organisation_is_the_same_author():
    # trial 25's last false alarm: the National Academies' book cited as PubMed's Bookshelf writes
    # its author, the committee within the Institute of Medicine the record names.
    cited = parse_reference("Institute of Medicine (US) Committee on Quality of Health Care in America. Crossing "
                            "the Quality Chasm: A New Health System for the 21st Century. Washington (DC): "
                            "National Academies Press (US); 2001.", 1)
    assert judge(cited, Evidence(candidates=(_QUALITY_CHASM,))).verdict is Verdict.VERIFIED


@pytest.mark.parametrize("cited, found, same", [
    ("National Research Council (US) Committee on Diet and Health", "National Research Council", True),
    ("American Heart Association", "American Heart Association Nutrition Committee", True),
    ("Institute of Medicine Research Unit", "Institute of Medicine", False),
    ("American Diabetes Associations Committee", "American Diabetes Association", False),
    ("Institute of Medicine (US) Committee on X", "National Research Council", False),
])
def test_a_body_within_an_organisation(cited, found, same):
    from citecheck.matching.score import check_authors
    from citecheck.models import FieldStatus

    check = check_authors((Author(cited, ""),), (Author(found, ""),))
    assert (check.status is FieldStatus.MATCH) is same


# --- trial 26: conference abstracts and journal supplements ---------------------------------------

_ADA_ABSTRACT = ("Harmon KR, Lindqvist A, Okafor C. Once-Weekly Semaglutide Lowers HbA1c in Adults with Type 2 "
                 "Diabetes on Basal Insulin: A Real-World Cohort. {note}")
_SEMAGLUTIDE_LB = Work(
    doi="10.2337/db18-123-lb", type="journal-article",
    title="123-LB: Once-Weekly Semaglutide Lowers HbA1c in Adults with Type 2 Diabetes on Basal Insulin: "
          "A Real-World Cohort",
    journal="Diabetes", year_issued=2018, volume="67", issue="Supplement_1", pages="123-LB",
    authors=(Author("Harmon", "KR"), Author("Lindqvist", "A"), Author("Okafor", "C"), Author("Berg", "T")))


@pytest.mark.parametrize("days", ["June 22-26, 2018", "June 22–26, 2018", "May 30-June 3, 2018"])
def test_a_meetings_days_are_no_volume_and_pages(days):
    # C1, 59 false alarms: "22-26" was read as the volume and "2018" as the pages, the meeting as
    # the journal; a meeting held nowhere in Crossref was then not found, and a held one a mismatch.
    cited = parse_reference(_ADA_ABSTRACT.format(
        note=f"Abstract presented at: American Diabetes Association 78th Scientific Sessions; {days}; Orlando, FL."), 1)
    assert (cited.year, cited.volume, cited.pages) == (2018, None, None)
    assert judge(cited, Evidence(candidates=())).verdict is Verdict.SKIPPED
    assert judge(cited, Evidence(candidates=(_SEMAGLUTIDE_LB,))).verdict is Verdict.VERIFIED


def test_a_day_range_in_a_title_is_no_meeting_but_a_date_in_it_stays():
    cited = parse_reference("Lee K. Flooding in Texas, August 25-29, 2017: a case series. Disaster Med Public "
                            "Health Prep. 2019;13(1):44-51.", 1)
    assert (cited.journal, cited.volume, cited.pages) == ("Disaster Med Public Health Prep", "13", "44-51")
    assert cited.title == "Flooding in Texas, August 25-29, 2017: a case series"


def test_a_meeting_named_with_its_year_is_no_journal_volume():
    cited = parse_reference("Quintero-Lopez E. Tirzepatide and obstructive sleep apnea severity. Presented at: "
                            "IDWeek 2021; September 29-October 3, 2021; virtual. Poster 1187.", 1)
    assert (cited.title, cited.volume, cited.pages) == ("Tirzepatide and obstructive sleep apnea severity", None, None)
    assert judge(cited, Evidence(candidates=())).verdict is Verdict.SKIPPED


def test_a_journal_year_as_volume_stays_when_no_meeting_is_named():
    cited = parse_reference("Smith J. Heart rate variability. Conf Proc IEEE Eng Med Biol Soc. 2009;2009:1234-7.", 1)
    assert (cited.volume, cited.pages) == ("2009", "1234-7")


def test_a_note_of_the_meeting_before_the_journal_is_no_title_word():
    # C2: the note, read into the title, left it 67% like the record's and the abstract not found.
    cited = parse_reference(_ADA_ABSTRACT.format(
        note="Presented at: American Diabetes Association 78th Scientific Sessions; June 22-26, 2018; Orlando, FL. "
             "Diabetes. 2018;67(Suppl 1):123-LB."), 1)
    assert cited.title.endswith("A Real-World Cohort") and cited.journal == "Diabetes"
    assert judge(cited, Evidence(candidates=(_SEMAGLUTIDE_LB,))).verdict is Verdict.VERIFIED


_JCO_8000 = Work(
    doi="10.1200/jco.2020.38.15_suppl.8000", type="journal-article",
    title="Daratumumab plus lenalidomide and dexamethasone in transplant-ineligible newly diagnosed multiple "
          "myeloma: updated overall survival analysis",
    journal="Journal of Clinical Oncology", short_journal=("JCO",), year_issued=2020, volume="38",
    issue="15_suppl", pages="8000-8000", authors=(Author("Fournier", "C"), Author("Hoffmann", "J"), Author("Ito", "K")))


@pytest.mark.parametrize("source", ["J Clin Oncol 38, 2020 (suppl; abstr 8000).", "J Clin Oncol 38: 2020 (suppl; abstr 8000).",
                                    "J Clin Oncol 38, 2020 (15_suppl; abstr 8000).", "J Clin Oncol. 2020;38:15_suppl, 8000."])
def test_ascos_own_forms_of_a_meeting_abstract(source):
    # C3: "J Clin Oncol 38, 2020 (suppl; abstr 8000)" gave the journal "J Clin Oncol 38" and the volume 2020.
    cited = parse_reference("Fournier C, Hoffmann J, Ito K. Daratumumab plus lenalidomide and dexamethasone in "
                            "transplant-ineligible newly diagnosed multiple myeloma: updated overall survival "
                            f"analysis. {source}", 1)
    assert (cited.journal, cited.year, cited.volume, cited.pages) == ("J Clin Oncol", 2020, "38", "8000")
    assert judge(cited, Evidence(candidates=(_JCO_8000,))).verdict is Verdict.VERIFIED


@pytest.mark.parametrize("cited, found, same", [
    ("2 Suppl", "Suppl 2", True), ("Suppl", "1 Supp", True), ("Supplement_4", "Suppl", True),
    ("suppl 6", "6_suppl", True), ("S1", "Suppl 1", True),
    ("Suppl 1", "Suppl 2", False), ("Suppl 2", "3", False), ("12", "Suppl", False),
    # PubMed's special issue
    ("Spec No 1", "Spec No 1", True), ("Spec No 1", "special_issue_1", True), ("Spec No 1", "Spec No 2", False),
    ("Spec No 1", "2", False),
])
def test_a_supplement_written_another_way_is_the_same_issue(cited, found, same):
    # C5: "(2 Suppl)" against the record's "Suppl 2" was a mismatch.
    from citecheck.matching.score import check_number
    from citecheck.models import FieldStatus

    assert (check_number("issue", cited, found).status is FieldStatus.MATCH) is same


@pytest.mark.parametrize("tail, issue, pages", [("2008;81 Spec No 1:S57-68.", "Spec No 1", "S57-68"),
                                               ("2008 Nov;81 Spec No 3:S173-8.", "Spec No 3", "S173-8")])
def test_pubmeds_special_issue_after_the_volume_is_the_issue(tail, issue, pages):
    # trial 26's last false alarm: "Br J Radiol. 2008;81 Spec No 1:S57-68" gave the journal
    # "Br J Radiol. 2008;81 Spec No", the year as the volume and no pages.
    cited = parse_reference(f"Nicholson T, Smith J. Imaging of the thing. Br J Radiol. {tail}", 1)
    assert (cited.journal, cited.year, cited.volume, cited.issue, cited.pages) == ("Br J Radiol", 2008, "81", issue, pages)


def test_a_journals_part_and_its_name_stay_with_the_journal():
    # C6: "Part A, Theory and Practice" was read as the journal.
    cited = parse_reference("Murakami, E., Ishii, J., & Hiwada, K. (1988). The role of hypothalamic glutathione in "
                            "hypertensive animals. Clinical and Experimental Hypertension. Part A, Theory and Practice, "
                            "10(Supplement_1), 347-352.", 1)
    assert cited.title == "The role of hypothalamic glutathione in hypertensive animals"
    assert cited.journal == "Clinical and Experimental Hypertension. Part A, Theory and Practice"
    from citecheck.matching.score import check_journal
    from citecheck.models import FieldStatus

    record = Work(doi="10.3109/10641968809075989", type="journal-article", title=cited.title,
                  journal="Clinical and Experimental Hypertension")
    assert check_journal(cited.journal, record).status is FieldStatus.MATCH
    assert check_journal("Clinical and Experimental Pharmacology. Part A, Theory and Practice",
                         record).status is FieldStatus.MISMATCH


def test_an_abstract_cited_by_its_meeting_is_verified_with_the_journal_that_published_it():
    # trial 26, 8 false alarms: "journal cited as Abstract presented at: ESMO Congress, published as
    # Annals of Oncology", for the abstract the journal's supplement printed.
    work = Work(doi="10.1016/j.annonc.2021.08.2085", type="journal-article",
                title="Trastuzumab deruxtecan in HER2-low metastatic breast cancer: a multicentre real-world cohort",
                journal="Annals of Oncology", year_issued=2021, volume="32", pages="S1290",
                authors=(Author("Rossi", "G"), Author("Andersen", "M"), Author("Bauer", "F")))
    cited = parse_reference("Rossi G, Andersen M, Bauer F. Trastuzumab deruxtecan in HER2-low metastatic breast cancer: "
                            "a multicentre real-world cohort. Abstract presented at: ESMO Congress 2021; September "
                            "16-21, 2021; virtual.", 1)
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED
    assert "cited by its meeting, published in Annals of Oncology" in result.reason
    # Not held: a meeting's abstract, which Crossref need not hold, is skipped, not called made up.
    assert judge(cited, Evidence(candidates=())).verdict is Verdict.SKIPPED
    # Another journal named, not a meeting, is still a mismatch.
    other = parse_reference("Rossi G, Andersen M, Bauer F. Trastuzumab deruxtecan in HER2-low metastatic breast cancer: "
                            "a multicentre real-world cohort. Breast Cancer Res Treat. 2021;190:1-9.", 1)
    assert judge(other, Evidence(candidates=(work,))).verdict is Verdict.MISMATCH


def test_a_proceedings_paper_cited_by_the_journal_that_prints_the_proceedings_is_verified():
    # trial 26, 6 false alarms: ATS's abstracts, whose records name the session ("B45. COPD: …"),
    # cited by the journal that prints them.
    work = Work(doi="10.1164/ajrccm-conference.2019.199.1_meetingabstracts.a3456", type="proceedings-article",
                title="Triple Inhaled Therapy and Moderate Exacerbations in Chronic Obstructive Pulmonary Disease: "
                      "A Claims-Based Study", journal="B45. COPD: TREATMENT AND OUTCOMES", year_issued=2019,
                pages="A3456", authors=(Author("Whitman", "G"), Author("Alvarez", "R"), Author("Tanaka", "M")))
    cited = parse_reference("Whitman G, Alvarez R, Tanaka M. Triple Inhaled Therapy and Moderate Exacerbations in "
                            "Chronic Obstructive Pulmonary Disease: A Claims-Based Study. Am J Respir Crit Care Med. "
                            "2019;199:A3456.", 1)
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED
    assert "the record names its proceedings: B45. COPD: TREATMENT AND OUTCOMES" in result.reason
    # A journal article's record keeps its journal check.
    article = dataclasses.replace(work, type="journal-article")
    assert judge(cited, Evidence(candidates=(article,))).verdict is Verdict.MISMATCH


# --- trial 27: preprints, corrections and retractions ---------------------------------------------

@pytest.mark.parametrize("link", ["https://www.medrxiv.org/content/10.1101/2020.06.22.20137273v1",
                                  "https://www.medrxiv.org/content/10.1101/2020.06.22.20137273v2.full.pdf",
                                  "https://www.biorxiv.org/content/10.1101/2020.06.22.20137273v1.full"])
def test_a_preprint_links_version_is_no_part_of_its_doi(link):
    # trial 27, 4 false mismatches: "doi cited as 10.1101/2020.06.22.20137273v1".
    cited = parse_reference(f"Smith J, Lee K. Ozone therapy and COVID-19 outcomes: a cohort. medRxiv. 2020. {link}", 1)
    assert cited.doi == "10.1101/2020.06.22.20137273"
    assert cited.title == "Ozone therapy and COVID-19 outcomes: a cohort"


def test_a_journals_doi_under_the_same_prefix_keeps_its_letters():
    from citecheck.extract.parse import normalise_doi

    assert normalise_doi("10.1101/gr.6017607") == "10.1101/gr.6017607"


def test_amas_preprint_posted_online_is_a_date_not_a_volume_and_pages():
    # trial 27: "SSRN. Preprint posted online May 4, 2020" gave the journal "… Preprint posted online
    # May", volume 4 and pages 2020.
    cited = parse_reference("Smith J, Lee K. Ozone therapy and COVID-19 outcomes: a cohort. SSRN. Preprint posted "
                            "online May 4, 2020. doi:10.2139/ssrn.3561234", 1)
    assert (cited.year, cited.volume, cited.pages) == (2020, None, None)
    assert cited.journal is None or "Preprint" not in cited.journal


@pytest.mark.parametrize("url", ["https://papers.ssrn.com/sol3/papers.cfm?abstract_id=3598712",
                                 "https://www.researchsquare.com/article/rs-12345/v1"])
def test_a_link_to_a_preprint_server_crossref_holds_is_an_articles(url):
    # trial 27: SSRN and Research Square links were web pages, so a made-up preprint was skipped.
    from citecheck.matching.verdict import links_to_an_article

    assert links_to_an_article(url)
    assert not links_to_an_article("https://arxiv.org/abs/2004.12345")  # DataCite's, not Crossref's


_PREPRINT = Work(doi="10.1101/2020.03.09.20033357", type="posted-content",
                 title="Estimates of the severity of COVID-19 disease", year_issued=2020,
                 authors=(Author("Verity", "R"), Author("Okell", "LC")))
_VERITY_JAMA = "Verity R, Okell LC. Estimates of the severity of COVID-19 disease. JAMA. 2020;323(14):1412-1420."


def test_a_preprint_cited_with_a_journals_details_is_a_mismatch():
    # trial 27, G 4/4 verified: a real preprint's title with a journal, volume and pages it never had.
    result = judge(parse_reference(_VERITY_JAMA, 1), Evidence(candidates=(_PREPRINT,)))
    assert result.verdict is Verdict.MISMATCH
    assert "journal cited as JAMA, published as a preprint, in no journal" in result.reason


def test_the_journal_version_is_chosen_over_its_preprint_and_a_preprint_cited_as_one_verified():
    article = dataclasses.replace(_PREPRINT, doi="10.1001/jama.2020.0001", type="journal-article", journal="JAMA",
                                  volume="323", issue="14", pages="1412-1420")
    cited = parse_reference(_VERITY_JAMA, 1)
    for candidates in ((_PREPRINT, article), (article, _PREPRINT)):
        result = judge(cited, Evidence(candidates=candidates))
        assert result.verdict is Verdict.VERIFIED and result.match.doi == article.doi
    as_preprint = parse_reference("Verity R, Okell LC. Estimates of the severity of COVID-19 disease. medRxiv. "
                                  "Preprint posted online March 13, 2020. doi:10.1101/2020.03.09.20033357", 1)
    assert judge(as_preprint, Evidence(candidates=(_PREPRINT,), doi_work=_PREPRINT, doi_known=True)).verdict \
        is Verdict.VERIFIED


_HUANG = ("Huang C, Wang Y, Li X. Clinical features of patients infected with 2019 novel coronavirus in Wuhan, China. "
          "Lancet. 2020;395(10223):497-506.")


def test_an_erratums_doi_is_not_the_articles():
    # trial 27, E03: the erratum's DOI, after "Erratum in:", was taken for the article's.
    cited = parse_reference(_HUANG + " Erratum in: Lancet. 2020;395(10223):496. doi:10.1016/S0140-6736(20)30252-X", 1)
    assert cited.doi is None and (cited.volume, cited.pages) == ("395", "497-506")
    pubmed = parse_reference(_HUANG + " doi: 10.1016/S0140-6736(20)30183-5. Erratum in: Lancet. 2020 Jan 30;: "
                             "PMID: 31986264; PMCID: PMC7159299.", 1)
    assert (pubmed.doi, pubmed.pmid) == ("10.1016/S0140-6736(20)30183-5", "31986264")


@pytest.mark.parametrize("title", ["Retraction in the literature: a review", "Why comment in journals matters"])
def test_a_title_that_speaks_of_retraction_or_comment_in_keeps_its_entry(title):
    # Found beside trial 27: PubMed's "Comment in:" note was matched without its colon and in any case,
    # so such a title lost everything after it.
    cited = parse_reference(f"Smith J. {title}. J Med Ethics. 2020;46:2-3.", 1)
    assert (cited.title, cited.journal, cited.volume) == (title, "J Med Ethics", "46")


def test_apas_erratum_note_in_brackets_is_not_the_articles_details():
    # trial 27, E06: "(Erratum published 2020, The Lancet, 395(10223), 496)" gave the journal and pages.
    cited = parse_reference("Huang, C., Wang, Y., & Li, X. (2020). Clinical features of patients infected with 2019 "
                            "novel coronavirus in Wuhan, China. The Lancet, 395(10223), 497–506. "
                            "https://doi.org/10.1016/S0140-6736(20)30183-5 (Erratum published 2020, The Lancet, "
                            "395(10223), 496)", 1)
    assert (cited.journal, cited.volume, cited.pages) == ("The Lancet", "395", "497-506")
    assert cited.doi == "10.1016/S0140-6736(20)30183-5"


_SANTA_CLARA = Work(doi="10.1093/ije/dyab010", type="journal-article",
                    title="COVID-19 antibody seroprevalence in Santa Clara County, California",
                    journal="International Journal of Epidemiology", year_issued=2021, volume="50", pages="410-419",
                    authors=(Author("Bendavid", "E"), Author("Mulaney", "B"), Author("Sood", "N")))


def test_a_preprint_cited_with_its_journal_versions_doi_is_verified_with_a_remark():
    # trial 27, B10: verified as the journal version without a word that the entry names a preprint.
    cited = parse_reference("Bendavid E, Mulaney B, Sood N, et al. COVID-19 antibody seroprevalence in Santa Clara "
                            "County, California. medRxiv. Preprint posted online April 17, 2020. "
                            "doi:10.1093/ije/dyab010", 1)
    result = judge(cited, Evidence(candidates=(_SANTA_CLARA,), doi_work=_SANTA_CLARA, doi_known=True))
    assert result.verdict is Verdict.VERIFIED
    assert "cited as a preprint, published as an article in International Journal of Epidemiology" in result.reason


def test_a_title_that_speaks_of_preprints_is_no_preprint():
    work = dataclasses.replace(_SANTA_CLARA, title="Preprints during the pandemic: a review")
    cited = parse_reference("Bendavid E, Mulaney B, Sood N. Preprints during the pandemic: a review. Int J Epidemiol. "
                            "2021;50:410-419.", 1)
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED and "preprint, published" not in result.reason
