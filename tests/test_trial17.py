"""Red-team trial 17 (session 11): fabrications of the kinds language models write, built from
real records.  Each test names the finding it guards; every fabrication here was verified
before the fix."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Citation, FieldStatus, Verdict, Work
from citecheck.report.interface import verified_remark


def _work(title: str) -> Work:
    return Work(doi="10.1172/jci33452", title=title, journal="Journal of Clinical Investigation",
                short_journal=("J Clin Invest",), year_issued=2008, volume="118", issue="7", pages="2372-2379",
                authors=(Author("Rabinovitch", "Marlene"), Author("Chen", "Li")), type="journal-article")


def _cited(title: str) -> Citation:
    return Citation(text=f"Rabinovitch M, Chen L. {title}. J Clin Invest. 2008;118(7):2372-9.", line=1,
                    authors=(Author("Rabinovitch", "M"), Author("Chen", "L")), title=title, journal="J Clin Invest",
                    year=2008, volume="118", issue="7", pages="2372-9")


def _title_field(title: str, published: str):
    result = judge(_cited(title), Evidence(candidates=(_work(published),)))
    return result, next(f for f in result.fields if f.name == "title")


@pytest.mark.parametrize("cited, published, said", [
    # F1: one word swapped for a near-spelled one that says the opposite
    ("Molecular pathogenesis of pulmonary arterial hypotension",
     "Molecular pathogenesis of pulmonary arterial hypertension", '"hypotension" cited, "hypertension" published'),
    ("Nonspecific binding of antibodies in asymptomatic carriers of the virus",
     "Specific binding of antibodies in asymptomatic carriers of the virus", '"Nonspecific" cited, "Specific" published'),
    ("Esketamine for treatment-resistant depression in older adults: a pooled analysis",
     "Ketamine for treatment-resistant depression in older adults: a pooled analysis", '"Esketamine" cited'),
    ("Postoperative delirium after cardiac surgery in elderly patients: incidence and outcome",
     "Preoperative delirium after cardiac surgery in elderly patients: incidence and outcome", '"Postoperative" cited'),
    ("Bone density in female athletes with low energy availability over three seasons",
     "Bone density in male athletes with low energy availability over three seasons", '"female" cited, "male" published'),
    ("Receptor antagonist therapy reduces infarct size in rats after coronary occlusion",
     "Receptor agonist therapy reduces infarct size in rats after coronary occlusion", '"antagonist" cited'),
])
def test_a_near_spelled_word_that_says_another_thing_is_a_title_mismatch(cited, published, said):
    result, title = _title_field(cited, published)
    assert result.verdict is Verdict.MISMATCH and title.status is FieldStatus.MISMATCH, result.reason
    assert said in title.note


@pytest.mark.parametrize("cited, published", [
    ("Oestrogen receptors in the ageing human brain: a post-mortem study of their distribution",
     "Estrogen receptors in the aging human brain: a post-mortem study of their distribution"),
    ("Aetiology of haemorrhagic stroke in young adults: a review of the behaviour of the disease",
     "Etiology of hemorrhagic stroke in young adults: a review of the behavior of the disease"),
])
def test_british_spellings_are_still_the_title(cited, published):
    result, title = _title_field(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, result.reason


def test_a_title_whose_ending_was_replaced_is_not_the_work():
    # F2: "…: a case report" cited as "…: a cross-sectional analysis of national survey data" was
    # verified: the published title is 90% alike to a stretch of the entry, character by character.
    published = "Deep posterior knee pain caused by a ganglion of the popliteus tendon: a case report"
    cited = replace(_cited("Deep posterior knee pain caused by a ganglion of the popliteus tendon: a cross-sectional "
                           "analysis of national survey data"))
    result = judge(cited, Evidence(candidates=(_work(published),)))
    assert result.verdict is not Verdict.VERIFIED, result.reason
    # Four closing words replaced, in a long title still 90% alike: a title mismatch naming them.
    long_title = ("Hyaluronan-mediated leukocyte adhesion and dextran sulfate sodium-induced colitis are attenuated "
                  "in the absence of signal transducer and activator of transcription 1")
    result, title = _title_field(long_title.replace("of transcription 1", "in low-income countries"), long_title)
    assert title.status is FieldStatus.MISMATCH and '"in low-income countries" cited' in title.note, result.reason


@pytest.mark.parametrize("cited, added", [
    # F3, F4: words run on before or after a real title, with no stop or colon between
    ("Sex differences in pulmonary arterial hypertension: molecular pathogenesis and therapy",
     '"Sex differences in" cited, not in the published title'),
    ("Pulmonary arterial hypertension: molecular pathogenesis and therapy in patients with type 2 diabetes",
     '"in patients with type 2 diabetes" cited, not in the published title'),
])
def test_words_run_on_from_a_real_title_are_a_title_mismatch(cited, added):
    result, title = _title_field(cited, "Pulmonary arterial hypertension: molecular pathogenesis and therapy")
    assert result.verdict is Verdict.MISMATCH and title.status is FieldStatus.MISMATCH, result.reason
    assert added in title.note


def test_a_subtitle_the_record_lacks_is_a_remark_that_names_it():
    # Records often lack a subtitle the article prints: set off by a colon, it stays a remark,
    # now naming the words so an editor can judge an invented one (": a randomized controlled trial").
    result, _ = _title_field("Pulmonary arterial hypertension and its molecular pathogenesis: a randomized controlled trial",
                             "Pulmonary arterial hypertension and its molecular pathogenesis")
    assert result.verdict is Verdict.VERIFIED, result.reason
    assert verified_remark(result) == 'title cited with words the record lacks: "a randomized controlled trial"'


def test_a_doi_that_is_another_real_work_s_is_named_by_that_work_s_title():
    # F6, kind 7: record A's DOI on a reference to B gave "doi cited as <A's DOI>, published as <B's>"
    # without saying the cited DOI is a real work of its own.
    a = replace(_work("Fingolimod: discovery and development of an oral drug to treat multiple sclerosis"),
                doi="10.1038/nrd3248")
    b = _work("Molecular pathogenesis of pulmonary arterial hypertension")
    cited = replace(_cited(b.title), doi="10.1038/nrd3248")
    result = judge(cited, Evidence(doi_work=a, doi_known=True, candidates=(b,)))
    assert result.verdict is Verdict.MISMATCH and result.match.doi == b.doi, result.reason
    assert ('doi cited as 10.1038/nrd3248 (the DOI of "Fingolimod: discovery and development of an oral drug to '
            'treat multiple sclerosis"), published as 10.1172/jci33452') in result.reason


def test_an_author_list_of_which_no_name_is_published_says_so_whole():
    # F6, kind 3: an invented list was reported only as "first author cited as Takahashi,
    # published as Rabinovitch", and an editor would have kept the invented co-authors.
    invented = replace(_cited("Molecular pathogenesis of pulmonary arterial hypertension"),
                       authors=(Author("Takahashi", "K"), Author("Mori", "S"), Author("Okafor", "N")))
    result = judge(invented, Evidence(candidates=(_work("Molecular pathogenesis of pulmonary arterial hypertension"),)))
    assert result.verdict is Verdict.MISMATCH
    assert "none of the cited authors (Takahashi, Mori, Okafor) is among the published ones (Rabinovitch, Chen)" \
        in result.reason
    # One right name among them: the first author is what is wrong.
    swapped = replace(invented, authors=(Author("Takahashi", "K"), Author("Chen", "L")))
    result = judge(swapped, Evidence(candidates=(_work("Molecular pathogenesis of pulmonary arterial hypertension"),)))
    assert "first author cited as Takahashi, published as Rabinovitch" in result.reason


def test_a_chimera_of_two_real_works_names_the_other_one():
    # F6, kind 1: A's title with B's authors, year, volume and pages was reported as A with four
    # wrong details, never saying they are B's.
    a = _work("Molecular pathogenesis of pulmonary arterial hypertension")
    b = Work(doi="10.1056/nejmoa0800001", title="Right ventricular failure in scleroderma", journal="N Engl J Med",
             year_issued=2011, volume="364", issue="2", pages="101-109",
             authors=(Author("Okafor", "Ngozi"), Author("Lund", "Per")), type="journal-article")
    chimera = Citation(text=f"Okafor N, Lund P. {a.title}. J Clin Invest. 2011;364(2):101-9.", line=1,
                       authors=(Author("Okafor", "N"), Author("Lund", "P")), title=a.title, journal="J Clin Invest",
                       year=2011, volume="364", issue="2", pages="101-9")
    result = judge(chimera, Evidence(candidates=(a, b)))
    assert result.verdict is Verdict.MISMATCH and result.match.doi == a.doi
    assert ('its authors, year, volume and pages are those of another work, "Right ventricular failure in '
            'scleroderma" (https://doi.org/10.1056/nejmoa0800001)') in result.reason
    # One wrong detail is a typo, not two works: no such remark.
    typo = replace(_cited(a.title), year=2011)
    assert "another work" not in judge(typo, Evidence(candidates=(a, b))).reason
