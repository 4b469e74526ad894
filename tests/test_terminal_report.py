"""The editor's terminal report, rendered with rich's recording console as an editor would read it."""

import io
from dataclasses import replace

from rich.console import Console

from citecheck.models import Author, CheckResult, Citation, DocumentResult, FieldCheck, FieldStatus, Notice, Report, Verdict, Work
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.correct import corrected_reference
from citecheck.report.terminal import TerminalReport

ZANOS = Work(doi="10.1038/nature17998", title="NMDAR inhibition-independent antidepressant actions of ketamine metabolites",
             journal="Nature", year_issued=2016, volume="533", issue="7604", pages="481-486",
             authors=(Author("Zanos", "Panos"), Author("Moaddel", "Ruin")))
CITED = ("Zanos, P., Moaddel, R. (2018). NMDAR inhibition-independent antidepressant actions of ketamine metabolites. "
         "Nature, 533(7604), 418–421.")


def _mismatch(text=CITED) -> CheckResult:
    citation = Citation(text=text, line=12, year=2018, pages="418-421", volume="533")
    fields = (
        FieldCheck("year", 2018, 2016, FieldStatus.MISMATCH),
        FieldCheck("volume", "533", "533", FieldStatus.MATCH),
        FieldCheck("pages", "418-421", "481-486", FieldStatus.MISMATCH),
    )
    return CheckResult(citation, Verdict.MISMATCH, "A real work, cited with wrong details.", ZANOS, fields)


def _render(report: Report, width: int = 80, **console_options) -> str:
    console = Console(record=True, width=width, file=open("/dev/null", "w"), **console_options)
    TerminalReport().show(report, DEFAULT_FAIL_ON, console)
    return console.export_text()


def test_corrected_reference_keeps_the_citation_style():
    assert corrected_reference(_mismatch()) == (
        "Zanos, P., Moaddel, R. (2016). NMDAR inhibition-independent antidepressant actions of ketamine metabolites. "
        "Nature, 533(7604), 481–486. https://doi.org/10.1038/nature17998")


def test_corrected_reference_falls_back_to_a_plain_reference_when_a_value_is_not_in_the_text():
    text = "Zanos P, Moaddel R. NMDAR inhibition-independent antidepressant actions. Nature. 2018;533:418-21."
    fixed = corrected_reference(_mismatch(text))
    assert fixed.startswith("Zanos, P., & Moaddel, R. (2016). NMDAR") and "481-486" in fixed


def test_plain_reference_joins_the_last_author_with_and_and_keeps_run_together_initials():
    from citecheck.report.correct import plain_reference

    work = Work(doi="10.1/x", title="T", journal="J", year_issued=2004, volume="3",
                authors=(Author("Powell", "LV"), Author("Gronthos", "Stan"), Author("Li", "W-J")))
    assert plain_reference(work).startswith("Powell, L. V., Gronthos, S., & Li, W. J. (2004). T. J, 3.")


def test_panel_shows_cited_and_published_side_by_side_at_80_columns():
    doc = DocumentResult("article.md", (_mismatch(),))
    text = _render(Report((doc,)))
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "line 12 · MISMATCH" in text
    year_row = next(line for line in text.splitlines() if " year " in line)
    assert "2018" in year_row and "2016" in year_row
    assert "Summary: 0 verified, 1 mismatch" in text and "1 failing" in text


def test_no_color_gives_no_colour_even_on_a_terminal(monkeypatch):
    doc = DocumentResult("article.md", (_mismatch(),))
    written = io.StringIO()
    monkeypatch.setenv("NO_COLOR", "1")
    console = Console(width=80, file=written, force_terminal=True)
    TerminalReport().show(Report((doc,)), DEFAULT_FAIL_ON, console)
    out = written.getvalue()
    assert "MISMATCH" in out and "\x1b[31m" not in out and "\x1b[33m" not in out and "\x1b[1;33m" not in out


def test_article_markup_and_escapes_are_printed_literally():
    nasty = "[bold red]Evil[/] [link=https://evil.example]x[/link] \x1b]52;c;SGVsbG8=\x07 \x1b[2J \u202eTXET"
    citation = Citation(text=nasty, line=3)
    doc = DocumentResult("a.md", (CheckResult(citation, Verdict.NOT_FOUND, f"No published work has this title: {nasty}"),))
    console = Console(record=True, width=100, file=open("/dev/null", "w"), force_terminal=True, color_system="truecolor")
    TerminalReport().show(Report((doc,)), DEFAULT_FAIL_ON, console)
    raw = console.export_text(styles=True, clear=False)
    assert "[bold red]Evil[/]" in console.export_text()
    assert "\x1b]52" not in raw and "\x1b[2J" not in raw and "\u202e" not in raw and "\x1b]8;" not in raw


def test_retraction_is_marked_in_red():
    retracted = Work(doi="10.1/r", title="T", notices=(Notice("retraction", "10.1/n", "2021-05-02", "retraction-watch"),))
    result = CheckResult(Citation(text="A. T. 2020.", line=5), Verdict.VERIFIED, "cited right", retracted, ())
    text = _render(Report((DocumentResult("a.md", (result,)),)))
    assert "RETRACTED" in text and "retraction 10.1/n (2021-05-02)" in text and "1 failing" in text


def test_file_with_no_references_says_so():
    assert "no references found" in _render(Report((DocumentResult("empty.txt", ()),)))


def test_a_word_draft_is_located_by_paragraph_throughout():
    from citecheck.models import Claim, InText

    verified = CheckResult(Citation(text="Zanos P, Moaddel R. NMDAR inhibition. Nature. 2016;533:481-6.", line=15),
                           Verdict.VERIFIED, "A published work, cited right.", ZANOS, ())
    doc = DocumentResult("draft.docx", (verified,), in_text=(InText("(Smith, 2019)", 4, None),),
                         claims=(Claim("A 2019 study found it works.", 6),), format="docx", uncited=(0,))
    text = " ".join(_render(Report((doc,)), width=200).split())
    assert "paragraph 4: (Smith, 2019)" in text and "paragraph 15 (Zanos" in text
    assert "Research claimed with no citation, paragraph 6" in text or ", paragraph 6:" in text
    assert "line 4" not in text and "line 15" not in text and "line 6" not in text


def test_ci_formats_name_a_word_draft_s_paragraph_not_a_line_of_the_file():
    # GitHub put the annotation on "line 15" of a binary file, and SARIF and the annotations
    # never said that the number was a paragraph (trial 11).
    import json

    from citecheck.report.github import GithubReport
    from citecheck.report.sarif import SarifReport

    wrong = CheckResult(Citation(text="Zanos P. Nature. 2016;533:481-6.", line=15), Verdict.NOT_FOUND, "No work.")
    doc = DocumentResult("draft.docx", (wrong,), format="docx")
    github = GithubReport().render(Report((doc,)), DEFAULT_FAIL_ON)
    assert github.startswith("::error file=draft.docx,title=citation not_found::paragraph 15: No work.")
    message = json.loads(SarifReport().render(Report((doc,)), DEFAULT_FAIL_ON))["runs"][0]["results"][0]["message"]
    assert message["text"].startswith("paragraph 15: No work.")
    pdf = DocumentResult("paper.pdf", (replace(wrong, citation=replace(wrong.citation, page=3)),), format="pdf")
    assert "::error file=paper.pdf,title=citation not_found::page 3, line 15: No work." in \
        GithubReport().render(Report((pdf,)), DEFAULT_FAIL_ON)
    # A text file keeps its line.
    txt = GithubReport().render(Report((replace(doc, path="a.md", format="markdown"),)), DEFAULT_FAIL_ON)
    assert txt.startswith("::error file=a.md,line=15,title=citation not_found::No work.")


def _author_mismatch(text: str, cited_authors: tuple[Author, ...]) -> CheckResult:
    work = replace(ZANOS, authors=(Author("Zanos", "Panos"), Author("Moaddel", "Ruin"), Author("Morris", "Patrick J."),
                                   Author("Georgiou", "Polymnia"), Author("Fischell", "Jonathan"),
                                   Author("Elmer", "Greg I."), Author("Alkondon", "Manickavasagom")))
    fields = (FieldCheck("authors", [a.surname for a in cited_authors], ["Zanos", "Moaddel", "Morris"],
                         FieldStatus.MISMATCH, "first author cited as Smith, published as Zanos"),)
    return CheckResult(Citation(text=text, line=3, authors=cited_authors), Verdict.MISMATCH, "wrong authors", work, fields)


def test_corrected_authors_are_written_in_the_citation_style():
    # Vancouver stays Vancouver (it became an APA reference, with the issue lost).
    text = "Smith P, Moaddel R. NMDAR inhibition-independent antidepressant actions of ketamine metabolites. Nature. 2016;533(7604):481-6."
    fixed = corrected_reference(_author_mismatch(text, (Author("Smith", "P"), Author("Moaddel", "R"))))
    assert fixed == ("Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition-independent antidepressant actions of "
                     "ketamine metabolites. Nature. 2016;533(7604):481-6. https://doi.org/10.1038/nature17998")
    text = "Smith P, et al. NMDAR inhibition-independent antidepressant actions. Nature. 2016;533(7604):481-6."
    fixed = corrected_reference(_author_mismatch(text, (Author("Smith", "P"),)))
    assert fixed.startswith("Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition")
    # APA stays APA, with "&" before the last author.
    text = "Smith, P., & Moaddel, R. (2016). NMDAR inhibition-independent antidepressant actions. Nature, 533(7604), 481–486."
    work_of_two = replace(ZANOS, authors=(Author("Zanos", "Panos"), Author("Moaddel", "Ruin")))
    result = replace(_author_mismatch(text, (Author("Smith", "P"), Author("Moaddel", "R"))), match=work_of_two)
    assert corrected_reference(result).startswith("Zanos, P., & Moaddel, R. (2016). NMDAR")


def test_a_corrected_title_is_put_in_place_of_the_cited_one():
    may = Work(doi="10.1016/j.pain.2008.02.034", title="Chronic pain may change the structure of the brain",
               journal="Pain", year_issued=2008, volume="137", issue="1", pages="7-15", authors=(Author("May", "A"),))
    text = "May A. Chronic pain changes brain structure: a narrative review. Pain. 2008;137(1):7-15. doi:10.1016/j.pain.2008.02.034"
    fields = (FieldCheck("title", "Chronic pain changes brain structure: a narrative review", may.title, FieldStatus.MISMATCH),)
    result = CheckResult(Citation(text=text, line=1), Verdict.MISMATCH, "title", may, fields)
    assert corrected_reference(result) == ("May A. Chronic pain may change the structure of the brain. Pain. "
                                           "2008;137(1):7-15. doi:10.1016/j.pain.2008.02.034")


def test_a_long_article_s_overview_lists_what_to_look_at_and_counts_the_rest():
    from citecheck.report.terminal import OVERVIEW_ALL_UP_TO

    right = [CheckResult(Citation(text=f"Author{i} A. Title {i}. Nature. 2016;1:1-9.", line=10 + i), Verdict.VERIFIED,
                         "A published work, cited right.", ZANOS, ()) for i in range(OVERVIEW_ALL_UP_TO + 5)]
    invented = CheckResult(Citation(text="Nobody N. An invented title. J. 2000;1:1-9.", line=9), Verdict.NOT_FOUND,
                           "No published work has this title.")
    text = _render(Report((DocumentResult("long.md", (invented, *right)),)), width=120)
    assert "Author3 A." not in text and "Nobody N." in text
    assert f"{OVERVIEW_ALL_UP_TO + 5} more, cited right (not listed" in text
    short = _render(Report((DocumentResult("short.md", (invented, *right[:3])),)), width=120)
    assert "Author2 A." in short and "more, cited right" not in short  # a short article: every row


def test_numbered_notes_with_no_list_read_are_named_as_such():
    from citecheck.models import InText
    from citecheck.report.github import GithubReport

    # A two-column PDF read across its columns lost its list: ten notes pointed at nothing and
    # the run looked clean but for ten "not in the reference list" items (third user trial).
    notes = tuple(InText(f"[{i}]", 3 + i, None, page=1) for i in range(1, 11))
    doc = DocumentResult("obesity.pdf", (), in_text=notes, format="pdf")
    text = " ".join(_render(Report((doc,)), width=200).split())
    assert "No reference list read, page 1, line 4: the text cites 10 numbered notes" in text
    assert "::error file=obesity.pdf,title=No reference list read::page 1, line 4: the text cites" in \
        GithubReport().render(Report((doc,)), DEFAULT_FAIL_ON)
    # Two stray notes are not enough to say so.
    assert "No reference list read" not in _render(Report((DocumentResult("a.pdf", (), in_text=notes[:2]),)))


def test_a_reference_list_that_went_unread_makes_the_run_incomplete():
    import json

    from citecheck.exit_codes import ExitCode
    from citecheck.models import InText
    from citecheck.policy import exit_code
    import xml.etree.ElementTree as ET

    from citecheck.report.junit import JunitReport
    from citecheck.report.markdown import MarkdownReport
    from citecheck.report.sarif import SarifReport

    # A German page whose "Literatur" list was not read exited 0, "No problems found" (trial 8):
    # its six citations, one invented, went unchecked.
    notes = tuple(InText(f"[{i}]", 3 + i, None) for i in range(1, 7))
    report = Report((DocumentResult("de.txt", (), in_text=notes),))
    assert exit_code(report, DEFAULT_FAIL_ON) is ExitCode.INPUT_ERROR
    assert "CHECK INCOMPLETE" in " ".join(_render(report, width=200).split())
    assert "1 reference list cited by numbered notes could not be read" in MarkdownReport().render(report, DEFAULT_FAIL_ON)
    invocation = json.loads(SarifReport().render(report, DEFAULT_FAIL_ON))["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "de.txt: the text cites 6 numbered notes" in invocation["toolExecutionNotifications"][0]["message"]["text"]
    # JUnit too: GitLab and Jenkins showed the file as "0 tests, 0 failures" (trial 11, F9).
    suite = ET.fromstring(JunitReport().render(report, DEFAULT_FAIL_ON)).find("testsuite")
    assert (suite.get("tests"), suite.get("errors")) == ("1", "1")
    assert "the text cites 6 numbered notes" in suite.find("testcase/error").get("message")
    # Two stray notes leave the run complete.
    assert exit_code(Report((DocumentResult("de.txt", (), in_text=notes[:2]),)), DEFAULT_FAIL_ON) is ExitCode.OK


def test_markdown_and_junit_name_a_word_draft_s_paragraph_and_a_pdf_s_page():
    # The terminal said "paragraph 15" where Markdown and JUnit said "line 15" of the same Word
    # draft: a line an editor cannot find in Word (session 11).
    from citecheck.models import Claim
    from citecheck.report.junit import JunitReport
    from citecheck.report.markdown import MarkdownReport

    wrong = CheckResult(Citation(text="Zanos P. Nature. 2016;533:481-6.", line=15), Verdict.NOT_FOUND, "No work.")
    remark = CheckResult(Citation(text="Zanos P, Moaddel R. NMDAR inhibition. Nature. 2017;533:481-6.", line=16),
                         Verdict.VERIFIED, "A published work, cited right.", ZANOS,
                         (FieldCheck("year", 2017, 2016, FieldStatus.MATCH, "within a year: accepted"),))
    doc = DocumentResult("draft.docx", (wrong, remark), claims=(Claim("A 2019 study found it works.", 6),), format="docx")
    md = MarkdownReport().render(Report((doc,)), DEFAULT_FAIL_ON)
    assert "| draft.docx | paragraph 15 |" in md and "`draft.docx` paragraph 6:" in md
    assert "`draft.docx` paragraph 16: Zanos" in md and "year 2017, published 2016" in md
    assert "line 15" not in md and "line 16" not in md and "line 6" not in md
    assert 'name="paragraph 15: Zanos P. Nature.' in JunitReport().render(Report((doc,)), DEFAULT_FAIL_ON)
    pdf = DocumentResult("paper.pdf", (replace(wrong, citation=replace(wrong.citation, page=3)),), format="pdf")
    assert "| paper.pdf | page 3, line 15 |" in MarkdownReport().render(Report((pdf,)), DEFAULT_FAIL_ON)
    text = DocumentResult("a.md", (wrong,), format="markdown")
    assert "| a.md | line 15 |" in MarkdownReport().render(Report((text,)), DEFAULT_FAIL_ON)


def test_the_overview_table_gives_a_pdf_s_page_and_line_as_its_panels_do():
    # The table said "75" where the panel under it said "page 2, line 12" of the same entry.
    wrong = CheckResult(Citation(text="Zanos P. Nature. 2016;533:481-6.", line=75, page=2), Verdict.NOT_FOUND, "No work.")
    pdf = DocumentResult("paper.pdf", (wrong,), format="pdf", page_starts=(1, 64))
    out = _render(Report((pdf,)))
    assert "page:line" in out and "2:12  NOT FOUND" in out and "page 2, line 12" in out
    text = _render(Report((DocumentResult("a.md", (replace(wrong, citation=replace(wrong.citation, page=None)),),
                                          format="markdown"),)))
    assert "page:line" not in text and "  75  NOT FOUND" in text
