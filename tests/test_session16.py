"""Session 16: journal names the parser missed when no volume or pages follow (trial 25's
parser gaps), and what trial 26 (a ninth red team: conference abstracts and journal
supplements) found.  Each test names the finding it guards."""

from __future__ import annotations

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
