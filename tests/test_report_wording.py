"""What the reports say, read as an editor or a CI log reads them: plainly, once, and never a pass
when nothing was checked."""

from __future__ import annotations

import json
from dataclasses import replace

from citecheck.models import (Author, CheckResult, Citation, Claim, DocumentResult, FieldCheck, FieldStatus, InText, Report,
                              Verdict, Work)
from citecheck.matching.score import check_year
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.github import GithubReport
from citecheck.report.markdown import MarkdownReport
from citecheck.report.sarif import SarifReport
from citecheck.report.interface import text_findings
from citecheck.report.terminal import TerminalReport
from tests.conftest import FIXTURES, run_cli

SAMPLE = FIXTURES / "sample-article.md"


def _error(line: int) -> CheckResult:
    citation = Citation(text=f"Author A. A title. Journal. 2019;{line}:1-2.", line=line)
    return CheckResult(citation, Verdict.ERROR, "Could not check: http://127.0.0.1:9 did not answer after 4 attempts.")


def _plain(report: Report) -> str:
    return TerminalReport(width=100).render(report, DEFAULT_FAIL_ON)


def _summary(text: str) -> str:
    """The terminal report's summary, joined back into one line."""
    return " ".join(text[text.index("Summary:"):].split())


# 1. A run that could not reach Crossref is not a pass.

def test_unchecked_citations_make_the_summary_say_the_check_is_incomplete():
    report = Report((DocumentResult("a.md", (_error(3), _error(4))),))
    summary = _summary(_plain(report))
    assert "nothing fails the policy" not in summary
    assert "CHECK INCOMPLETE: 2 citations could not be checked" in summary
    markdown = MarkdownReport().render(report, DEFAULT_FAIL_ON)
    assert "The check is incomplete:** 2 citations could not be checked." in markdown


def test_failing_and_unchecked_citations_are_both_in_the_summary():
    wrong = CheckResult(Citation(text="B. T. 2020.", line=5), Verdict.NOT_FOUND, "No published work has this title.")
    summary = _summary(_plain(Report((DocumentResult("a.md", (wrong, _error(6))),))))
    assert "1 failing" in summary and "check incomplete: 1 citation could not be checked" in summary


def test_a_fully_checked_run_still_reads_as_a_pass():
    ok = CheckResult(Citation(text="B. T. 2020.", line=5), Verdict.VERIFIED, "A published work, cited right.")
    report = Report((DocumentResult("a.md", (ok,)),))
    assert "nothing fails the policy" in _summary(_plain(report))
    assert "incomplete" not in MarkdownReport().render(report, DEFAULT_FAIL_ON)


def test_machine_format_summary_on_stderr_says_the_check_is_incomplete(fake_crossref):
    fake_crossref.set_down(True)
    run = run_cli("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "--format", "json",
                  "--timeout", "2")
    assert run.exit_code == 3
    assert "check incomplete: 9 citations could not be checked" in run.stderr


# 2. Wrong fields are marked without colour.

def _mismatch_2011() -> CheckResult:
    work = Work(doi="10.1/x", title="A trial", journal="Pain", year_issued=2011, issue="3", pages="1624",
                authors=(Author("Woolf"),))
    fields = (
        FieldCheck("year", 2009, 2011, FieldStatus.MISMATCH),
        FieldCheck("issue", "3 Suppl", "3", FieldStatus.MATCH),
        FieldCheck("pages", "1624-1645", "1624", FieldStatus.MATCH),
    )
    citation = Citation(text="Woolf C. A trial. Pain. 2009;3 Suppl:1624-1645.", line=9, year=2009)
    return CheckResult(citation, Verdict.MISMATCH, "A real work, cited with wrong details.", work, fields)


def _row(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if f" {label} " in line and "│" in line)


def test_plain_output_marks_the_wrong_field_and_not_the_accepted_ones():
    text = _plain(Report((DocumentResult("a.md", (_mismatch_2011(),)),)))
    assert _row(text, "year").lstrip("│ ").startswith("✗ year")
    for accepted in ("issue", "pages"):
        assert "✗" not in _row(text, accepted)


def test_a_year_accepted_within_the_tolerance_reads_cleanly():
    result = _mismatch_2011()
    year = check_year(2011, replace(result.match, year_issued=2010, year_print=None, year_online=None))
    result = CheckResult(result.citation, result.verdict, result.reason, result.match, (year,) + result.fields[1:])
    row = _row(_plain(Report((DocumentResult("a.md", (result,)),))), "year")
    assert "2010 (within a year: accepted)" in row and "✗" not in row


# 3. SARIF and GitHub annotations agree on how loud a result is.

def test_sarif_level_follows_the_github_annotation_rule():
    report = Report((DocumentResult("a.md", (_mismatch_2011(),)),))
    github = GithubReport().render(report, DEFAULT_FAIL_ON)
    assert github.startswith("::error ")
    log = json.loads(SarifReport().render(report, DEFAULT_FAIL_ON))
    assert [r["level"] for r in log["runs"][0]["results"]] == ["error"]
    rules = {r["id"]: r["defaultConfiguration"]["level"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["citation-mismatch"] == "error" and rules["citation-unchecked"] == "warning"


# 4. Leads for a claim that cites nothing, one per line under a heading that is a sentence.

def test_claim_leads_are_listed_one_per_line():
    leads = tuple(Work(doi=f"10.1/{k}", title=f"Ketamine trial {k}", journal="Archives of General Psychiatry",
                       year_issued=2006) for k in (1, 2))
    claim = Claim("A 2006 trial in Archives of General Psychiatry found ketamine works.", 4, 2006,
                  "Archives of General Psychiatry", candidates=leads)
    lines = _plain(Report((DocumentResult("a.md", (), claims=(claim,)),))).splitlines()
    heading = next(k for k, line in enumerate(lines) if "leads to cite" in line)
    assert lines[heading].strip() == ("Works in that journal and year on its topic (leads to cite, not evidence the "
                                      "study exists):")
    assert lines[heading + 1].strip().startswith("· Ketamine trial 1 (Archives of General Psychiatry, 2006)")
    assert lines[heading + 2].strip().startswith("· Ketamine trial 2 (")


# 5. Each finding is said once in Markdown and GitHub output.

def _text_findings_doc() -> DocumentResult:
    entry = CheckResult(Citation(text="Woolf CJ. Central sensitization. Pain. 2011;152:S2-15.", line=14,
                                 authors=(Author("Woolf", "CJ"),), year=2011), Verdict.VERIFIED, "cited right")
    return DocumentResult("a.md", (entry,), in_text=(InText("(Smith et al., 2017)", 3, None),), uncited=(0,))


def test_markdown_and_github_say_each_text_finding_once():
    report = Report((_text_findings_doc(),))
    for out in (MarkdownReport().render(report, DEFAULT_FAIL_ON), GithubReport().render(report, DEFAULT_FAIL_ON)):
        assert out.count("never cited") == 1 and out.count("reference list") == 2, out
        assert "has no entry" not in out
    markdown = MarkdownReport().render(report, DEFAULT_FAIL_ON)
    assert "Cited in the text but not in the reference list: (Smith et al., 2017)" in markdown
    assert "In the reference list but never cited in the text: Woolf CJ. Central sensitization." in markdown


def test_markdown_names_the_files_where_no_citation_was_found():
    # A pull-request comment saying only "No problems found" for an article whose list was never read
    # reads as a pass.
    docs = tuple(DocumentResult(f"page{n}.md") for n in range(12)) + (DocumentResult("a.md", (_error(3),)),)
    markdown = MarkdownReport().render(Report(docs[:1]), DEFAULT_FAIL_ON)
    assert "No citations found in `page0.md`." in markdown and "No problems found" in markdown
    markdown = MarkdownReport().render(Report(docs), DEFAULT_FAIL_ON)
    assert "No citations found in `page0.md`, `page1.md`" in markdown and "`page9.md` and 2 other files." in markdown
    assert "a.md`," not in markdown.split("No citations found in")[1].split("\n")[0]


# 6. Uncited entries are named, not only numbered.

def test_terminal_names_each_uncited_entry_beside_its_line():
    doc = _text_findings_doc()
    nameless = CheckResult(Citation(text="Central sensitization in chronic pain: a review of the evidence base", line=20),
                           Verdict.VERIFIED, "cited right")
    doc = DocumentResult("a.md", doc.results + (nameless,), doc.in_text, uncited=(0, 1))
    shown = " ".join(_plain(Report((doc,))).split())
    assert "never cited in the text: line 14 (Woolf, 2011); line 20 (Central sensitization in chronic pain…)" in shown


def test_an_in_text_citation_with_no_entry_names_the_entries_of_its_author():
    doc = _text_findings_doc()
    doc = DocumentResult("a.md", doc.results, (InText("(Woolf, 2009)", 3, None), InText("[7]", 4, None)), uncited=(0,))
    shown = " ".join(_plain(Report((doc,))).split())
    # The year is the wrong part: the editor sees which entry was meant.
    assert "line 3: (Woolf, 2009); the list has Woolf, 2011 (line 14)" in shown
    assert "line 4: [7]" in shown and "[7]; the list" not in shown
    assert "(Woolf, 2009); the list has Woolf, 2011 (line 14)" in MarkdownReport().render(Report((doc,)), DEFAULT_FAIL_ON)


# 7. Smaller things: an unreadable input said once, plurals.

def test_an_unreadable_input_is_reported_once(fake_crossref, tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("Nothing cited here.\n")
    run = run_cli("check", str(tmp_path / "missing.md"), str(good), "--crossref-url", fake_crossref.url, "--no-cache")
    assert run.exit_code == 2
    assert (run.stdout + run.stderr).count("no such file") == 1 and "no such file" in run.stderr
    assert "missing.md  could not be read" in run.stdout and "1 input could not be read" in " ".join(run.stdout.split())


def test_a_report_written_to_a_file_keeps_the_unreadable_inputs_error():
    text = _plain(Report((DocumentResult("missing.md", (), error="no such file"),)))
    assert "missing.md  could not be read: no such file" in text


def test_extract_counts_are_pluralised(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("# Pain\n\nA 2019 meta-analysis in Pain Medicine confirmed that relief lasts two weeks.\n\n"
                       "## References\n\n1. Smith J. Ketamine for pain. Pain Medicine. 2019;20(1):1-10.\n")
    first = run_cli("extract", str(article)).stdout.splitlines()[0]
    assert first.endswith(": markdown, 1 citation, 0 in-text, 1 claim")


def test_extract_names_an_unreadable_input_once(tmp_path):
    run = run_cli("extract", str(tmp_path / "missing.md"))
    assert run.exit_code == 2 and run.stdout == "" and run.stderr.count("no such file") == 1


def test_the_terminal_lists_citations_in_reading_order():
    entry = CheckResult(Citation(text="Li N, et al. mTOR-dependent synapse formation. Science. 2010;329:959-64.", line=14),
                        Verdict.NOT_FOUND, "No published work has this title.")
    link = CheckResult(Citation(text="Berman et al., 2000", line=7, kind="link", doi="10.1016/S0006-3223(99)00230-9"),
                       Verdict.NOT_FOUND, "No published work has this title.")
    text = _plain(Report((DocumentResult("a.html", (entry, link)),)))
    assert text.index("Berman et al., 2000") < text.index("Li N, et al.")  # in the table
    assert text.index("line 7 ·") < text.index("line 14 ·")  # and in the panels


def test_a_verified_citation_with_a_remark_says_so_in_the_terminal():
    work = Work(doi="10.1/x", title="Antidepressant efficacy of ketamine", year_issued=2013)
    cited = Citation(text="Murrough JW, et al. Antidepressant efficacy of ketamine. Am J Psychiatry. 2012;170:1134-42.",
                     line=12, year=2012)
    year = check_year(2012, work)
    ok = CheckResult(cited, Verdict.VERIFIED, "A published work, cited right (within a year: accepted).", work, (year,))
    shown = " ".join(_plain(Report((DocumentResult("a.md", (ok,)),))).split())
    assert "Verified with a remark, line 12: Murrough JW" in shown
    assert "year 2012, published 2013 (within a year: accepted)" in shown


def test_a_pdf_problem_names_its_page_and_a_link_mismatch_its_reason():
    work = Work(doi="10.1038/nature17998", title="NMDAR inhibition-independent antidepressant actions", year_issued=2016)
    link = Citation(text="A 2014 paper in Science", line=53, kind="link", doi="10.1038/nature17998", page=2)
    doi = FieldCheck("doi", "10.1038/nature17998", "10.1038/nature17998", FieldStatus.MATCH)
    wrong = CheckResult(link, Verdict.MISMATCH, "The text around the link says 2014 and Science; the work is "
                        "Nature, 2016.", work, (doi,))
    shown = " ".join(_plain(Report((DocumentResult("a.pdf", (wrong,)),))).split())
    assert "page 2, line 53 · MISMATCH" in shown
    assert "says 2014 and Science" in shown


def test_a_word_draft_problem_names_its_paragraph():
    wrong = CheckResult(Citation(text="Smith J. An invented trial. Pain. 2020;1:1-2.", line=14), Verdict.NOT_FOUND,
                        "No published work has this title.")
    shown = " ".join(_plain(Report((DocumentResult("draft.docx", (wrong,), format="docx"),))).split())
    assert "paragraph 14 · NOT FOUND" in shown and "para verdict" in shown


def test_a_year_cited_as_one_of_the_records_dates_is_no_remark():
    work = Work(doi="10.1/x", title="Efficacy of esketamine", year_print=2018, year_online=2017)
    cited = Citation(text="Daly EJ, et al. Efficacy of esketamine. JAMA Psychiatry. 2018;75:139-48.", line=69, year=2018)
    ok = CheckResult(cited, Verdict.VERIFIED, "A published work, cited right.", work, (check_year(2018, work),))
    assert "remark" not in _plain(Report((DocumentResult("a.md", (ok,)),)))


def test_the_terminal_says_why_each_citation_was_skipped():
    page = CheckResult(Citation(text="Mayo Clinic: ketamine https://www.mayoclinic.org/ketamine", line=8),
                       Verdict.SKIPPED, "a web page (a link with no DOI, journal, volume or pages), not a published "
                       "work Crossref holds")
    shown = " ".join(_plain(Report((DocumentResult("a.md", (page,)),))).split())
    assert "Skipped, line 8: Mayo Clinic: ketamine" in shown and "not a published work Crossref holds" in shown


def test_a_group_of_notes_with_no_entries_is_one_finding():
    doc = _text_findings_doc()
    doc = DocumentResult("a.md", doc.results, (InText("[2, 3]", 5, None), InText("[2, 3]", 5, None)), uncited=())
    for out in (MarkdownReport().render(Report((doc,)), DEFAULT_FAIL_ON), " ".join(_plain(Report((doc,))).split())):
        assert out.count("2, 3") == 1, out


def test_research_claimed_in_general_with_a_link_is_no_claim_without_a_source():
    sourced = Claim("Studies show massage eases back pain (source).", 3, reference=0, specific=False)
    bare = Claim("Research has shown that massage works.", 4, specific=False)
    doc = DocumentResult("a.md", _text_findings_doc().results, claims=(sourced, bare))
    kinds = [(f.kind, f.line) for f in text_findings(doc)]
    assert ("vague_claim", 4) in kinds and ("vague_claim", 3) not in kinds
