"""A retraction the entry itself records, or the record's title marks, flags the citation as
retracted even when Crossref's record has no `updated-by` notice (trial 27's two left: retractions
whose record lacked it).  The entry's word is PubMed's "Retraction in:" note, AMA's "[retracted in:
…]", APA's "(Retraction published …)", MEDLINE's RIN field, or a title marked "RETRACTED:"."""

from __future__ import annotations

import pytest

from citecheck.extract.medline import MedlineExtractor
from citecheck.extract.parse import parse_reference
from citecheck.models import Author, CheckResult, Citation, Notice, Verdict, Work
from citecheck.policy import DEFAULT_FAIL_ON, fails
from citecheck.report.interface import notice_note
from citecheck.services.crossref import work_from_crossref
from tests.conftest import run_cli
from tests.fake_crossref import FakeCrossref

TITLE = ("Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental disorder in "
         "children")
VANCOUVER = f"Wakefield AJ, Murch SH, Anthony A, et al. {TITLE}. Lancet. 1998;351(9103):637-641."


@pytest.mark.parametrize("text, doi, date", [
    # PubMed's note, with the notice's DOI, and the entry's own PMID after it
    (f"{VANCOUVER} Retraction in: Lancet. 2010;375(9713):445. doi: 10.1016/S0140-6736(10)60175-4. PMID: 9500320.",
     "10.1016/S0140-6736(10)60175-4", "2010"),
    (f"{VANCOUVER} Retraction in: Lancet. 2010 Feb 6;375(9713):445.", None, "2010"),
    # AMA's bracket after the title
    (f"Wakefield AJ, Murch SH, Anthony A, et al. {TITLE} [retracted in: Lancet. 2010;375(9713):445]. "
     "Lancet. 1998;351(9103):637-641.", None, "2010"),
    # APA's note in brackets
    (f"Wakefield, A. J., Murch, S. H., & Anthony, A. (1998). {TITLE}. The Lancet, 351(9103), 637–641. "
     "(Retraction published 2010, The Lancet, 375(9713), 445)", None, "2010"),
    # the mark the publisher's page puts on the title, copied with it
    (f"Wakefield AJ, Murch SH, Anthony A, et al. RETRACTED: {TITLE}. Lancet. 1998;351(9103):637-641.", None, None),
    (f"Wakefield AJ, Murch SH, Anthony A, et al. RETRACTED ARTICLE: {TITLE}. Lancet. 1998;351(9103):637-641.",
     None, None),
    (f"Wakefield AJ, Murch SH, Anthony A, et al. {TITLE} [Retracted]. Lancet. 1998;351(9103):637-641.", None, None),
])
def test_the_entrys_own_retraction_note_is_a_notice_and_no_part_of_the_details(text, doi, date):
    cited = parse_reference(text, 1)
    assert cited.notices == (Notice("retraction", doi, date, "entry"),)
    # the note and the mark are no part of the work's details
    assert cited.title == TITLE
    assert (cited.journal.removeprefix("The "), cited.year, cited.volume, cited.issue, cited.pages) == \
        ("Lancet", 1998, "351", "9103", "637-641")


@pytest.mark.parametrize("text", [
    "Sakaguchi Y, Ikeda O, Toh Y, et al. New technique for the retraction of the liver in laparoscopic "
    "gastrectomy. Surg Endosc. 2008;22:2532-4.",
    "Smith J. Retraction in the literature: a review. Account Res. 2019;26:1-10.",
    "Smith J. Retracted papers and their citations. Account Res. 2019;26:1-10.",
    # PubMed's note on a notice itself: what is cited is the notice, which is no retracted work
    "Retraction notice to: A study of things. J Foo. 2020;3:5. Retraction of: J Foo. 2019;2:1-9.",
])
def test_a_title_that_speaks_of_retraction_is_no_note(text):
    assert parse_reference(text, 1).notices == ()


def test_medline_records_retraction_in_field_and_publication_type():
    record = ("PMID- 9500320\nTI  - " + TITLE + ".\nAU  - Wakefield AJ\nDP  - 1998 Feb 28\nTA  - Lancet\n"
              "VI  - 351\nIP  - 9103\nPG  - 637-41\nPT  - Journal Article\nPT  - Retracted Publication\n"
              "RIN - Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807\n\n"
              "PMID- 31978945\nTI  - A Novel Coronavirus from Patients with Pneumonia in China, 2019.\n"
              "AU  - Zhu N\nDP  - 2020 Feb 20\nTA  - N Engl J Med\nVI  - 382\nIP  - 8\nPG  - 727-733\n")
    wakefield, zhu = MedlineExtractor().extract(record.encode()).citations
    assert wakefield.notices == (Notice("retraction", None, "2010", "entry"),)
    assert zhu.notices == ()


def _message(title: str, **more) -> dict:
    """A /works/{doi} message in Crossref's shape, Wakefield's details."""
    return {"DOI": "10.1016/S0140-6736(97)11096-0", "type": "journal-article", "title": [title],
            "container-title": ["The Lancet"], "short-container-title": ["The Lancet"],
            "issued": {"date-parts": [[1998, 2]]}, "volume": "351", "issue": "9103", "page": "637-641",
            "author": [{"given": "AJ", "family": "Wakefield", "sequence": "first"},
                       {"given": "SH", "family": "Murch", "sequence": "additional"},
                       {"given": "A", "family": "Anthony", "sequence": "additional"}], **more}


def test_a_record_whose_title_is_marked_retracted_is_a_retracted_work():
    work = work_from_crossref(_message(f"RETRACTED: {TITLE}"))
    assert work.title == TITLE
    assert work.notices == (Notice("retraction", None, None, "record-title"),)
    # a record with its notice keeps that one only
    notice = {"type": "retraction", "DOI": "10.1016/S0140-6736(10)60175-4", "source": "publisher",
              "updated": {"date-parts": [[2010, 2, 6]]}}
    work = work_from_crossref(_message(f"RETRACTED: {TITLE}", **{"updated-by": [notice]}))
    assert work.notices == (Notice("retraction", "10.1016/S0140-6736(10)60175-4", "2010-2-6", "publisher"),)
    assert work_from_crossref(_message(TITLE)).notices == ()


def test_the_entrys_note_counts_when_the_record_has_none_and_is_not_said_twice():
    noted = Notice("retraction", None, "2010", "entry")
    cited = Citation(VANCOUVER, 1, notices=(noted,))
    plain = Work(doi="10.1016/s0140-6736(97)11096-0", title=TITLE, authors=(Author("Wakefield", "AJ"),))
    result = CheckResult(cited, Verdict.VERIFIED, "A published work, cited right.", plain)
    assert result.retracted and fails(result, DEFAULT_FAIL_ON)
    assert notice_note(result) == ("Retracted: the work https://doi.org/10.1016/s0140-6736(97)11096-0 was retracted "
                                   "(retraction notice 2010, noted in the entry itself).")
    recorded = Notice("retraction", "10.1016/S0140-6736(10)60175-4", "2010-2", "publisher")
    result = CheckResult(cited, Verdict.VERIFIED, "", Work(doi=plain.doi, title=TITLE, notices=(recorded,)))
    assert result.notices == (recorded,)
    # with nothing matched, the entry's word still stands
    result = CheckResult(cited, Verdict.NOT_FOUND, "No published work matches.")
    assert result.retracted and notice_note(result).startswith("Retracted: the work was retracted (retraction notice 2010")
    assert not CheckResult(Citation(VANCOUVER, 1), Verdict.VERIFIED, "", plain).retracted


@pytest.mark.parametrize("title, entry, source", [
    # the record of trial 27's older shape, without updated-by: the entry's note flags it
    (TITLE, f"{VANCOUVER} Retraction in: Lancet. 2010;375(9713):445.", "entry"),
    # the record marks its title; the entry cites the title without the mark
    (f"RETRACTED: {TITLE}", VANCOUVER, "record-title"),
])
def test_the_cli_reports_the_work_as_retracted_and_fails_the_run(tmp_path, title, entry, source):
    article = tmp_path / "article.md"
    article.write_text("# Vaccines\n\nOne paper started the scare [1].\n\n## References\n\n1. " + entry + "\n")
    with FakeCrossref([_message(title)], rate_limit=200) as server:
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--format", "json")
    result, = run.json()["documents"][0]["citations"]
    assert result["verdict"] == "verified"
    assert result["retracted"] is True
    assert [n["source"] for n in result["notices"]] == [source]
    assert run.exit_code == 1
    with FakeCrossref([_message(title)], rate_limit=200) as server:
        terminal = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache")
    said = {"entry": "noted in the entry itself", "record-title": "marked in the record's title"}[source]
    assert "RETRACTED: retraction" in terminal.stdout and said in " ".join(terminal.stdout.split())


def test_extract_shows_the_entrys_note(tmp_path):
    article = tmp_path / "article.md"
    article.write_text(f"# R\n\n## References\n\n1. {VANCOUVER} Retraction in: Lancet. 2010;375(9713):445.\n")
    text = run_cli("extract", str(article))
    assert "notice   retraction, noted in the entry (2010)" in text.stdout
    cited, = run_cli("extract", str(article), "--format", "json").json()["documents"][0]["citations"]
    assert cited["notices"] == [{"type": "retraction", "doi": None, "date": "2010", "source": "entry"}]


# Trial 28 (302 entries on retracted works, bait and preprints): what it found.

@pytest.mark.parametrize("text", [
    # the mark inside the title's quotes (Chicago, MLA, Harvard)
    "Stapel, D. A., and S. Lindenberg. 2011. “RETRACTED: Coping with Chaos: How Disordered Contexts Promote "
    "Stereotyping and Discrimination.” Science 332 (6026): 251-253.",
    "Stapel, Diederik A., and Siegwart Lindenberg. “RETRACTED ARTICLE: Coping with Chaos: How Disordered Contexts "
    "Promote Stereotyping and Discrimination.” Science, vol. 332, no. 6026, 2011, pp. 251-253.",
    "Stapel, D.A. and Lindenberg, S. (2011) 'RETRACTED: Coping with Chaos: How Disordered Contexts Promote "
    "Stereotyping and Discrimination', Science, 332(6026), pp. 251-253.",
    # in mixed case, on an article's title
    "Stapel, D.A. and Lindenberg, S. (2011) 'Retracted: Coping with Chaos: How Disordered Contexts Promote "
    "Stereotyping and Discrimination', Science, 332(6026), pp. 251-253.",
])
def test_a_quoted_or_mixed_case_mark_on_an_articles_title_is_the_entrys_note(text):
    cited = parse_reference(text, 1)
    assert cited.notices == (Notice("retraction", None, None, "entry"),)
    assert cited.title == "Coping with Chaos: How Disordered Contexts Promote Stereotyping and Discrimination"


def test_a_web_pages_headline_that_opens_with_retracted_is_no_note():
    cited = parse_reference("Marcus A. Retracted: the paper that launched the anti-vaccine movement. Retraction Watch "
                            "[Internet]. 2010 [cited 2020 Jan 1]. Available from: https://retractionwatch.com/x", 1)
    assert cited.notices == ()


@pytest.mark.parametrize("note, retracted", [
    ("Expression of Concern in: Lancet. 2010;375(9713):445.", False),
    ("Partial retraction in: Lancet. 2010;375(9713):445.", False),
    ("Republished in: Lancet. 2010;375(9713):445.", False),
    ("Summary for patients in: Lancet. 2010;375(9713):445.", False),
    ("Retracted and republished in: Lancet. 2010;375(9713):445.", True),
    ("Retraction of: Lancet. 2010;375(9713):445.", False),
    ("Erratum for: Lancet. 2010;375(9713):445.", False),
    ("Comment on: Lancet. 2010;375(9713):445.", False),
    ("Update of: Lancet. 2010;375(9713):445.", False),
])
def test_pubmeds_other_notes_are_no_part_of_the_entrys_source(note, retracted):
    # the note's journal, volume and pages had been read as the entry's own (10 false mismatches)
    cited = parse_reference(f"{VANCOUVER} {note} PMID: 9500320.", 1)
    assert (cited.journal, cited.year, cited.volume, cited.issue, cited.pages, cited.pmid) == \
        ("Lancet", 1998, "351", "9103", "637-641", "9500320")
    assert bool(cited.notices) is retracted


def test_a_title_that_opens_with_comment_on_keeps_its_source():
    for text in ("Smith J. Comment on: Effects of sleep on memory. J Foo. 2020;3:1-5.",
                 "Smith, J. (2020). Comment on: Effects of sleep on memory. J Foo, 3, 1-5."):
        cited = parse_reference(text, 1)
        assert (cited.title, cited.journal, cited.pages) == ("Comment on: Effects of sleep on memory", "J Foo", "1-5")


def test_amas_older_published_retraction_note_is_the_entrys_note():
    cited = parse_reference(f"Wakefield AJ, Murch SH, Anthony A, et al. {TITLE} [published retraction appears in "
                            "Lancet. 2010;375(9713):445]. Lancet. 1998;351(9103):637-641.", 1)
    assert cited.notices == (Notice("retraction", None, "2010", "entry"),) and cited.title == TITLE


def test_a_notice_record_titled_retracted_is_no_retracted_work():
    # Hindawi titles its notices "Retracted: <the work's title>"; the notice's record has update-to.
    notice = _message(f"Retracted: {TITLE}", **{"update-to": [{"type": "retraction", "DOI": "10.1/original",
                                                               "updated": {"date-parts": [[2022, 1, 5]]}}]})
    work = work_from_crossref(notice)
    assert work.notices == () and work.title == f"Retracted: {TITLE}"


@pytest.mark.parametrize("source", ["Lancet. 2020 May 22:S0140-6736(20)31180-6. Epub ahead of print.",
                                    "Lancet. 2020 May 22:S0140-6736(20)31180-6. doi: 10.1016/S0140-6736(20)31180-6.",
                                    "Lancet. 2020 May 22:ciaa237. Online ahead of print."])
def test_pubmeds_identifier_ahead_of_print_is_no_volume_or_pages(source):
    cited = parse_reference(f"Mehra MR, Desai SS, Ruschitzka F, Patel AN. Hydroxychloroquine or chloroquine with or "
                            f"without a macrolide for treatment of COVID-19. {source}", 1)
    assert (cited.journal, cited.year, cited.volume, cited.pages) == ("Lancet", 2020, None, None)


def test_cell_presss_online_pages_after_the_range_are_the_same_pages():
    from citecheck.matching.score import check_pages
    from citecheck.models import FieldStatus

    cell = Work(doi="10.1016/j.cell.2020.02.052", pages="271-280.e8")
    assert check_pages("271-280", cell).status is FieldStatus.MATCH
    assert check_pages("271-280.e8", cell).status is FieldStatus.MATCH
    assert check_pages("271-288", cell).status is FieldStatus.MISMATCH


def test_nlms_name_for_research_square_is_a_preprint_servers():
    from citecheck.matching.score import check_journal
    from citecheck.models import FieldStatus

    preprint = Work(doi="10.21203/rs.3.rs-100956/v1", type="posted-content", title="Efficacy of ivermectin")
    assert check_journal("Res Sq", preprint).status is not FieldStatus.MISMATCH
    assert check_journal("JAMA", preprint).status is FieldStatus.MISMATCH


_REVIEW = "Vitamin C for preventing and treating the common cold"
_COCHRANE = f"Hemilä H, Chalker E. {{mark}}{_REVIEW}. Cochrane Database Syst Rev. 2013;(1):CD000980."


def test_a_withdrawn_cochrane_review_is_flagged_in_the_words_of_a_withdrawal(tmp_path):
    # PubMed titles a Cochrane Review withdrawn from publication "WITHDRAWN: …", and entries copy it
    cited = parse_reference(_COCHRANE.format(mark="WITHDRAWN: "), 1)
    assert cited.title == _REVIEW
    assert cited.notices == (Notice("retraction", None, None, "entry-withdrawn"),)
    record = {"DOI": "10.1002/14651858.CD000980.pub4", "type": "journal-article", "title": [f"WITHDRAWN: {_REVIEW}"],
              "container-title": ["Cochrane Database of Systematic Reviews"], "issued": {"date-parts": [[2013]]},
              "author": [{"family": "Hemilä", "given": "Harri", "sequence": "first"}]}
    work = work_from_crossref(record)
    assert (work.title, work.notices) == (_REVIEW, (Notice("retraction", None, None, "record-title-withdrawn"),))
    plain = Work(doi=work.doi, title=_REVIEW)
    result = CheckResult(cited, Verdict.VERIFIED, "A published work, cited right.", plain)
    assert result.retracted and fails(result, DEFAULT_FAIL_ON)
    assert notice_note(result) == ("Withdrawn: the work https://doi.org/10.1002/14651858.cd000980.pub4 was withdrawn, "
                                   "as the entry itself marks it.")
    result = CheckResult(cited, Verdict.VERIFIED, "A published work, cited right.", work)
    assert notice_note(result).endswith("was withdrawn, as the record's title marks it.")
    # a withdrawal is no retraction's notice in the entry's or the record's words: the plain title is neither
    assert parse_reference(_COCHRANE.format(mark=""), 1).notices == ()
    article = tmp_path / "article.md"
    article.write_text("# Colds\n\nVitamin C does little [1].\n\n## References\n\n1. " + _COCHRANE.format(mark="") + "\n")
    with FakeCrossref([record], rate_limit=200) as server:
        run = run_cli("check", str(article), "--crossref-url", server.url, "--no-cache", "--format", "json")
    result, = run.json()["documents"][0]["citations"]
    assert (result["verdict"], result["retracted"]) == ("verified", True), result["reason"]
    assert [n["source"] for n in result["notices"]] == ["record-title-withdrawn"] and run.exit_code == 1
