"""User trial 16 (session 11): an editor checks Word and PDF drafts.  Each test names the
finding it guards; the PDF furniture finding (F1) is in test_extract_documents.py."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from tests.test_extract_documents import _pdf

_LIST = ("\n\nReferences\n\nMeguid, N.A. et al. (2008) 'Role of polyunsaturated fatty acids in the management of "
         "Egyptian children with autism', Clinical Biochemistry, 41(13), pp. 1044-1048.\n")


@pytest.mark.parametrize("sentence", [
    "A study in Egyptian children reported improvements in behaviour (Meguid et al., 2008).",
    "A study in Japanese children reported better sleep (Meguid et al., 2008).",
    "A trial in Swedish adults found the same (Meguid et al., 2008).",
    "A trial in African American adults found the same (Meguid et al., 2008).",
])
def test_a_people_a_study_was_in_is_no_journal(sentence):
    # F3: "the sentence names Egyptian, but the entry it cites is in Clinical Biochemistry".
    ex = extract_bytes(f"Diet\n\n{sentence}{_LIST}".encode(), "a.txt")
    assert [c.journal for c in ex.claims if c.journal] == []


@pytest.mark.parametrize("sentence, journal", [
    ("A study in Pediatrics found better sleep (Meguid et al., 2008).", "Pediatrics"),
    ("A study published in Diabetic Medicine found better sleep (Meguid et al., 2008).", "Diabetic Medicine"),
    ("A trial in The Lancet found the same (Meguid et al., 2008).", "The Lancet"),
])
def test_a_journal_a_study_was_in_is_still_named(sentence, journal):
    ex = extract_bytes(f"Diet\n\n{sentence}{_LIST}".encode(), "a.txt")
    assert [c.journal for c in ex.claims] == [journal]


def test_a_pdf_place_counts_the_line_on_its_page(tmp_path, capsys):
    # F4: "page 2, line 61" for the 3rd line of page 2 (its line counted through the document);
    # `extract` gave "line 50" with no page, and "line 11" for a Word paragraph.
    from citecheck.models import DocumentResult
    from citecheck.report.interface import place_in
    from citecheck.run import run_extract

    prose = [f"Line {k} of the article about heart scans, which says nothing cited." for k in range(1, 30)]
    data = _pdf([prose, ["References", "1. Orn S, Manhenke C. Effect of scar size on remodeling. Am J Cardiol. "
                                       "2007;99(8):1109-1114."]])
    ex = extract_bytes(data, "a.pdf")
    entry = ex.citations[0]
    assert entry.page == 2 and entry.line > 30
    doc = DocumentResult("a.pdf", format="pdf", page_starts=ex.page_starts)
    assert place_in(doc, entry.line, entry.page) == "page 2, line 2"
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    run_extract([str(path)], "text", 10)
    assert "  page 2, line 2: Orn S" in capsys.readouterr().out


def test_a_descriptive_link_is_judged_on_its_sentence_s_topic_too():
    # F2: "Depression itself is now understood as [a disorder of several brain circuits](doi)" to
    # "Neurobiology of depression" failed the run: its anchor, read alone, shares no word with
    # the title, while its sentence names depression.
    from citecheck.extract.links import link_problems
    from citecheck.models import Work

    text = ("# Anxiety\n\nDepression itself is now understood as "
            "[a disorder of several brain circuits](https://doi.org/10.1016/s0896-6273(02)00653-0).\n")
    link = next(c for c in extract_bytes(text.encode(), "a.md").citations if c.kind == "link")
    assert link.text == "a disorder of several brain circuits" and link.context.startswith("Depression itself")
    work = Work(doi="10.1016/s0896-6273(02)00653-0", title="Neurobiology of depression", journal="Neuron", year_issued=2002)
    assert link_problems(link.text, work, link.context) == ([], None)
    # The sentence's words help only when they are the work's topic: another topic still fails.
    other = Work(doi="10.1/x", title="Cartilage repair in the knee after sports injury", journal="Knee", year_issued=2002)
    assert "none of the text's topic words" in link_problems(link.text, other, link.context)[1]


@pytest.mark.parametrize("after, reported", [
    ("The clinic runs a walking group on Mondays [2].", True),
    ("Our dietitians see patients on Tuesdays [1].", True),
    ("Whooley et al. [1] found that daily walks improved sleep.", False),
    ("A 2019 trial of 300 adults showed it [1].", False),
    ("Daily walks improved sleep in older adults (Whooley et al., 2019).", False),
])
def test_a_vague_claim_is_dropped_only_when_the_next_sentence_gives_its_source(after, reported):
    # F6: "Research has shown that people who walk daily sleep better." was dropped because the
    # next sentence cited anything, a walking group's timetable included.
    text = (f"# Sleep\n\nResearch has shown that people who walk daily sleep better. {after}\n\n"
            "## References\n\n1. Whooley MA, Kiefe CI. Walking and sleep. Sleep. 2019;42(3):1-9.\n"
            "2. Riverbend Clinic. Walking group timetable. 2024.\n")
    claims = [c.text for c in extract_bytes(text.encode(), "a.md").claims if not c.specific]
    assert ("Research has shown that people who walk daily sleep better." in claims) is reported, claims


def test_github_names_the_entry_number_beside_a_word_paragraph():
    # F5: two footnotes called in paragraph 7 gave two identical annotations,
    # "paragraph 7: No published work has this title."
    from citecheck.models import CheckResult, Citation, DocumentResult, Report, Verdict
    from citecheck.policy import DEFAULT_FAIL_ON
    from citecheck.report.github import GithubReport

    results = tuple(CheckResult(Citation(text=f"Note {n}. Invented title. J Pain. 2020;1:1-9.", line=7, number=n),
                                Verdict.NOT_FOUND, "No published work has this title.") for n in (6, 8))
    out = GithubReport().render(Report((DocumentResult("draft.docx", results, format="docx"),)), DEFAULT_FAIL_ON)
    assert "::paragraph 7, no. 6: No published work" in out and "::paragraph 7, no. 8: No published work" in out


def test_a_pdf_link_wrapped_mid_word_keeps_its_tail_and_a_charity_is_one_author():
    # F7: "…/work-and-canc" + "er" on a line of its own lost its tail (the list ended at "er"),
    # and "Macmillan Cancer Support" was read as a person named Support.
    data = _pdf([["Going back to work after breast cancer", "Most women return to work (Macmillan, 2023)."],
                 ["References", "- Whitcombe R, Park S. Fatigue and paid employment. Support Care Cancer. 2013;21(11):3079-87.",
                  "- Macmillan Cancer Support. Work and cancer. 2023.",
                  "https://www.macmillan.org.uk/cancer-information-and-support/impacts-of-cancer/work-and-canc", "er",
                  "Riverbend Clinic, 14 Mill Lane, Riverbend RB1 4QT - Tel 01632 960 100"]])
    entry = extract_bytes(data, "a.pdf").citations[-1]
    assert entry.url == "https://www.macmillan.org.uk/cancer-information-and-support/impacts-of-cancer/work-and-cancer"
    assert [a.surname for a in entry.authors] == ["Macmillan Cancer Support"]
