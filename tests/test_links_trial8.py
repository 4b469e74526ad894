"""Links as citations, user trial 8: a correct link failed on topic words alone (D1), and a
boilerplate anchor of four words hid a wrong year in its sentence (D5)."""

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.links import link_fits, link_problems
from citecheck.models import Author, CheckResult, Citation, FieldStatus, Verdict, Work

# The records of the trial's links (the PMC development set).
KLEIJN = Work(doi="10.1111/j.1365-2664.2003.00868.x",
              title="How effective are European agri-environment schemes in conserving and promoting biodiversity?",
              journal="Journal of Applied Ecology", short_journal=("Journal of Applied Ecology",), year_issued=2003,
              authors=(Author("Kleijn", "D"), Author("Sutherland", "WJ")))
SHULTZ = Work(doi="10.1073/pnas.1000475107",
              title="Generation of functional human T-cell subsets with HLA-restricted immune responses in HLA class I "
                    "expressing NOD/SCID/IL2r gamma(null) humanized mice",
              journal="Proc Natl Acad Sci USA", short_journal=("Proc Natl Acad Sci USA",), year_issued=2010,
              authors=(Author("Shultz", "LD"), Author("Saito", "Y")))
KLEIJN_URL = f"https://doi.org/{KLEIJN.doi}"
SHULTZ_URL = f"https://doi.org/{SHULTZ.doi}"


def _link(md: str):
    [link] = extract_bytes(md.encode(), "a.md").citations
    assert link.kind == "link"
    return link


# --- D1: a journal (or a year and an author) that agrees identifies the work -----------------

def test_a_sentence_naming_the_linked_works_journal_and_year_is_not_failed_on_topic_words():
    link = _link(f"A 2003 study in *Journal of Applied Ecology* found that small changes matter "
                 f"([read the study]({KLEIJN_URL})).\n")
    assert link_fits(link.text, KLEIJN) is None  # was: "none of the text's topic words (small, changes, matter, read)"
    assert link_problems(link.text, KLEIJN) == ([], None)
    bare = _link(f"A 2003 study in *Journal of Applied Ecology* found that [small changes matter]({KLEIJN_URL}).\n")
    assert link_fits(bare.text, KLEIJN) is None


def test_a_journal_that_agrees_is_enough_without_a_year():
    assert link_fits(f"A study in Journal of Applied Ecology found that small changes matter {KLEIJN_URL}",
                     KLEIJN) is None


def test_a_year_and_an_author_that_agree_identify_the_work():
    assert link_fits(f"Small changes matter, as Kleijn et al. (2003) {KLEIJN_URL} showed", KLEIJN) is None


def test_the_topic_is_still_judged_when_the_text_names_nothing_else_that_agrees():
    # A year alone is not enough: a journal-year holds many works.
    reason = link_fits(f"A 2003 study found that small changes matter {KLEIJN_URL}", KLEIJN)
    assert reason.startswith("none of the text's topic words (small, changes, matter)")
    # A journal that disagrees is named, and the topic still judged.
    reason = link_fits(f"A 2003 study in The Lancet found that small changes matter {KLEIJN_URL}", KLEIJN)
    assert reason.startswith("the text names The Lancet but the linked work is in Journal of Applied Ecology; "
                             "none of the text's topic words (small, changes, matter)")


def test_a_links_boilerplate_words_are_no_topic_words():
    # "read", "full", "source": the link's words, not the study's (three of them made a topic of "massage").
    assert link_fits(f"Studies show massage works (read the full source {KLEIJN_URL})", KLEIJN) is None
    reason = link_fits(f"Read more: massage therapy eases back stiffness, see the link {KLEIJN_URL}", KLEIJN)
    assert reason.startswith("none of the text's topic words (massage, therapy, eases, back)")


def test_a_topic_mismatch_is_a_wrong_field_a_report_can_mark():
    text = f"Studies show massage therapy eases back stiffness ([source]({KLEIJN_URL})).\n"
    link = _link(text)
    wrong, reason = link_problems(link.text, KLEIJN)
    assert reason.startswith("none of the text's topic words (massage, therapy, eases, back)")
    assert [(f.name, f.cited, f.found, f.status) for f in wrong] == [
        ("title", "topic words: massage, therapy, eases, back", KLEIJN.title, FieldStatus.MISMATCH)]
    from citecheck.checker import check_link_text

    result = check_link_text(CheckResult(link, Verdict.VERIFIED, "A published work, cited right.", KLEIJN, ()))
    assert result.verdict is Verdict.MISMATCH
    assert [f.name for f in result.fields if f.status is FieldStatus.MISMATCH] == ["title"]
    assert "none of the text's topic words" in result.reason


# --- D5: an anchor of boilerplate says nothing; the sentence is read --------------------------

@pytest.mark.parametrize("anchor", ["here is the paper", "click here to read", "see the full study",
                                    "read more about it here", "read the study", "link"])
def test_a_boilerplate_anchor_gives_way_to_its_sentence(anchor):
    link = _link(f"A 2012 study in Proc Natl Acad Sci USA reported related findings ([{anchor}]({SHULTZ_URL})).\n")
    assert "2012 study in Proc Natl Acad Sci USA" in link.text
    assert link_fits(link.text, SHULTZ) == "the text says 2012 but the linked work is from 2010"


def test_the_trials_sentences_with_a_boilerplate_anchor_report_the_wrong_year():
    for md in (f"A 2012 study in Proc Natl Acad Sci USA reported related findings ([here is the paper]({SHULTZ_URL})).\n",
               f"Researchers writing in Proc Natl Acad Sci USA in 2012 reported related findings — "
               f"[here is the paper]({SHULTZ_URL}).\n"):
        assert link_fits(_link(md).text, SHULTZ) == "the text says 2012 but the linked work is from 2010"


@pytest.mark.parametrize("anchor", ["farm schemes did little for biodiversity", "a 2003 study in Ecology",
                                    "Kleijn et al. (2003)", "Kleijn and Sutherland (2003)"])
def test_an_anchor_that_describes_the_work_still_stands_for_it(anchor):
    link = _link(f"In 2019 a review said so ([{anchor}]({KLEIJN_URL})).\n")
    assert link.text == anchor


def test_a_link_whose_text_gives_a_year_off_by_one_is_verified_with_the_remark():
    from dataclasses import replace

    from citecheck.checker import check_link_text

    # Trial 8: "cited right" said nothing of the year, where a reference entry says "within a year".
    work = Work(doi="10.1111/j.1365-2664.2003.00868.x", title="Farmland biodiversity schemes", journal="Journal of "
                "Applied Ecology", year_issued=2003, authors=(Author("Kleijn", "D"),))
    link = Citation(text="A 2004 study in Journal of Applied Ecology found it (https://doi.org/10.1111/"
                    "j.1365-2664.2003.00868.x).", line=3, kind="link", doi=work.doi)
    result = check_link_text(CheckResult(link, Verdict.VERIFIED, "A published work, cited right.", work))
    assert result.verdict is Verdict.VERIFIED
    assert result.reason == "A published work, cited right (within a year: accepted)."
    assert [(f.name, f.cited, f.found, f.note) for f in result.fields] == [
        ("year", 2004, 2003, "within a year: accepted")]
    same_year = replace(link, text=link.text.replace("2004", "2003"))
    assert check_link_text(CheckResult(same_year, Verdict.VERIFIED, "A published work, cited right.", work)).reason \
        == "A published work, cited right."
