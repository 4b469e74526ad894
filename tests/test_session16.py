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
     "https://doi.org/10.1002/biof.5520120115", "BioFactors"),
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
])
def test_a_journal_with_no_volume_or_pages_after_it_is_read(text, journal):
    # trial 25, A2 and A4: the journal was not read, so the entry was skipped unsearched or, with
    # a search that found nothing, skipped as no article.
    cited = parse_reference(text, 1)
    assert cited.journal == journal
    assert cited.title and "Soc." not in cited.title and cited.title[0].isupper()


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
