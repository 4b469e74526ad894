"""Links as citations, user trial 11: an old SICI DOI's "<…>" part was cut from links and
bare DOIs, a false "invented DOI" (F4); a correct "(full text)" link was a topic mismatch, its
author and year cited earlier in the sentence and "text" taken for a topic word (F5); an
author-year citation that is a link's own words was "not in the reference list"; a link
showing one DOI and going to another gave a row ". https://doi.org/…", verified, and no word of
where the link goes (F12)."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.extract.links import identifiers_of, link_problems
from citecheck.models import CheckResult, DocumentResult, InText, Verdict
from citecheck.report.interface import text_findings
from citecheck.services.crossref import work_from_crossref
from tests.test_links_trial10 import _record

SICI = "10.1352/0895-8017(2001)106<0073:LCOBAE>2.0.CO;2"
HUYNEN = work_from_crossref(_record(
    "10.1073/pnas.93.1.397", "Smoothness within ruggedness: the role of neutrality in adaptation",
    "Proceedings of the National Academy of Sciences", "Proc Natl Acad Sci U S A", 1996, "93", "397-401",
    [("MA", "Huynen"), ("PF", "Stadler"), ("W", "Fontana")]))


def test_a_sici_doi_is_read_whole_from_a_link_and_from_running_text():
    assert identifiers_of(f"https://doi.org/{SICI}")[0] == SICI
    for name, text in (
        ("a.md", f"Problems persist, as [Einfeld et al. (2001)](https://doi.org/{SICI}) showed.\n"),
        ("a.html", f'<p>Problems persist, as <a href="https://doi.org/{SICI}">Einfeld et al. (2001)</a> showed.</p>'),
        ("a.txt", f"Problems persist.\n\nEinfeld SL. Longitudinal course. Am J Ment Retard. 2001;106(1):73-81. "
                  f"https://doi.org/{SICI}\n"),
    ):
        dois = [c.doi for c in extract_bytes(text.encode(), name).citations]
        assert dois == [SICI], name


def test_a_lone_angle_bracket_still_ends_a_link():
    # Markdown's autolink "<https://…>": the ">" closes the link, it is no part of the DOI.
    assert identifiers_of("https://doi.org/10.1038/nature12345>")[0] == "10.1038/nature12345"
    text = "Sleep matters, as shown in <https://doi.org/10.1038/nature12345>.\n"
    assert [c.doi for c in extract_bytes(text.encode(), "a.txt").citations] == ["10.1038/nature12345"]


def test_a_full_text_link_is_judged_by_the_author_and_year_its_sentence_cites():
    sentence = ("Huynen et al. (1996) describe the programme in detail (full text "
                "https://doi.org/10.1073/pnas.93.1.397).")
    assert link_problems(sentence, HUYNEN) == ([], None)
    # An author-year of another study in the sentence says nothing either way: the topic is
    # judged as before, and a work on another topic is still flagged.
    other = ("Smith et al. (2019) describe pelvic floor muscle training programmes for urinary incontinence "
             "(full text https://doi.org/10.1073/pnas.93.1.397).")
    wrong, line = link_problems(other, HUYNEN)
    assert [f.name for f in wrong] == ["year", "title"] and "text" not in wrong[1].cited
    assert "pelvic" in line


def test_an_author_year_citation_that_is_a_link_is_no_citation_missing_from_the_list():
    text = f"Problems persist, as [Einfeld et al. (2001)](https://doi.org/{SICI}) showed.\n"
    extraction = extract_bytes(text.encode(), "a.md")
    results = tuple(CheckResult(c, Verdict.VERIFIED, "found") for c in extraction.citations)
    doc = DocumentResult("a.md", results, in_text=extraction.in_text)
    assert [it.text for it in extraction.in_text] == ["Einfeld et al. (2001)"]
    assert [f.kind for f in text_findings(doc)] == []
    # The same citation on a line with no link is reported.
    alone = DocumentResult("a.md", results, in_text=(InText("Einfeld et al. (2001)", 5, None),))
    assert [f.kind for f in text_findings(alone)] == ["unmatched_in_text"]


def test_a_link_that_shows_one_doi_and_goes_to_another_is_checked_both_ways_each_saying_so():
    # Both are checked: the DOI a reader sees and copies, and the one a click goes to (an invented
    # one behind a real DOI's text must still fail).
    shown, target = "10.1016/j.bbrc.2004.02.162", "10.1046/j.1369-6513.1999.00038.x"
    for name, text in (
        ("a.md", f"Warner et al. (1999) showed this; see [https://doi.org/{shown}](https://doi.org/{target}).\n"),
        ("a.html", f'<p>Warner et al. (1999) showed this; see <a href="https://doi.org/{target}">'
                   f'https://doi.org/{shown}</a>.</p>'),
    ):
        by_doi = {c.doi: c.text for c in extract_bytes(text.encode(), name).citations}
        assert set(by_doi) == {shown, target}, name
        assert by_doi[shown].endswith(f"(its link goes to another DOI: https://doi.org/{target})"), name
        assert by_doi[target].startswith("Warner et al. (1999) showed this"), name  # not ". https://…"
        assert by_doi[target].endswith(f"(the link on https://doi.org/{shown} goes to https://doi.org/{target})")
    # A link whose text is its own DOI, or words, is read as before.
    same = f"See [doi:{shown}](https://doi.org/{shown}) and [the trial](https://doi.org/{target}).\n"
    assert [c.doi for c in extract_bytes(same.encode(), "a.md").citations] == [shown, target]
