"""A retracted work is named as retracted, with its notice, in every report format (trial 7, t12.md):
a verified citation of a retracted work fails the run, so no format may read as a pass; a correction
or an expression of concern is shown, as the terminal shows it, without failing anything."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from citecheck.models import (Author, CheckResult, Citation, DocumentResult, FieldCheck, FieldStatus, Notice, Report,
                              Verdict, Work)
from citecheck.policy import DEFAULT_FAIL_ON, exit_code
from citecheck.report.github import GithubReport
from citecheck.report.json import JsonReport
from citecheck.report.junit import JunitReport
from citecheck.report.markdown import MarkdownReport
from citecheck.report.sarif import RULES, SarifReport
from citecheck.report.terminal import TerminalReport

RIGHT = "A published work, cited right."
# As Crossref gives them (/tmp/trial7/supplement.json): `updated-by` retraction notices.
WAKEFIELD = Work(doi="10.1016/s0140-6736(97)11096-0", title="Ileal-lymphoid-nodular hyperplasia, non-specific colitis, "
                 "and pervasive developmental disorder in children", journal="The Lancet", year_issued=1998,
                 authors=(Author("Wakefield", "AJ"),),
                 notices=(Notice("retraction", "10.1016/S0140-6736(10)60175-4", "2010-2", "publisher"),))
MEHRA = Work(doi="10.1016/s0140-6736(20)31180-6", title="RETRACTED: Hydroxychloroquine or chloroquine with or without a "
             "macrolide for treatment of COVID-19", journal="The Lancet", year_issued=2020, authors=(Author("Mehra", "MR"),),
             notices=(Notice("retraction", "10.1016/S0140-6736(20)31324-6", "2020-6-5", "retraction-watch"),))
BEIGEL = Work(doi="10.1056/nejmoa2007764", title="Remdesivir for the Treatment of Covid-19 — Final Report",
              journal="New England Journal of Medicine", year_issued=2020, authors=(Author("Beigel", "JH"),),
              notices=(Notice("correction", "10.1056/NEJMx200044", "2020-11-5", "publisher"),))


def _verified(line: int, work: Work, text: str | None = None, **kw) -> CheckResult:
    return CheckResult(Citation(text or f"https://doi.org/{work.doi}", line, kind="link"), Verdict.VERIFIED, RIGHT, work, **kw)


def _t12() -> Report:
    """The trial's article: two verified citations, both of retracted works."""
    return Report((DocumentResult("t12.md", (
        _verified(3, WAKEFIELD, "[Wakefield et al., 1998](https://doi.org/10.1016/S0140-6736(97)11096-0)"),
        _verified(5, MEHRA))),))


def _mismatch_retracted() -> CheckResult:
    fields = (FieldCheck("year", 1999, 1998, FieldStatus.MISMATCH),)
    return CheckResult(Citation("Wakefield AJ, et al. Ileal-lymphoid-nodular hyperplasia. Lancet. 1999;351:637-41.", 9),
                       Verdict.MISMATCH, "A real work, cited with the wrong year.", WAKEFIELD, fields)


def test_the_trial_article_fails_the_run():
    assert exit_code(_t12(), DEFAULT_FAIL_ON) == 1


# Markdown

def test_markdown_lists_retracted_works_as_problems_and_never_says_no_problems():
    out = MarkdownReport().render(_t12(), DEFAULT_FAIL_ON)
    assert "No problems found" not in out
    assert "⛔ 2 retracted" in out.splitlines()[2]
    assert "**2 citations fail the policy" in out
    rows = [line for line in out.splitlines() if line.startswith("| t12.md")]
    assert len(rows) == 2
    assert all("⛔ **retracted** · ✅ verified (fails)" in row for row in rows)
    assert "Retracted: the work https://doi.org/10.1016/s0140-6736(97)11096-0 was retracted (retraction notice " \
           "https://doi.org/10.1016/S0140-6736(10)60175-4, 2010-2)." in rows[0]
    assert "(retraction notice https://doi.org/10.1016/S0140-6736(20)31324-6, 2020-6-5)" in rows[1]


def test_markdown_still_names_a_retraction_the_run_does_not_fail_on():
    out = MarkdownReport().render(_t12(), ("mismatch", "not_found"))
    assert "No problems found" not in out and "fail the policy" not in out and "(fails)" not in out
    assert out.count("⛔ **retracted** · ✅ verified |") == 2


# JUnit

def test_junit_failure_says_retracted_with_the_notice():
    suite = ET.fromstring(JunitReport().render(_t12(), DEFAULT_FAIL_ON)).find("testsuite")
    failures = [case.find("failure") for case in suite.iter("testcase")]
    assert suite.get("failures") == "2"
    assert [f.get("type") for f in failures] == ["retracted", "retracted"]
    assert failures[0].get("message").startswith("Retracted: the work https://doi.org/10.1016/s0140-6736(97)11096-0 was "
                                                 "retracted (retraction notice https://doi.org/10.1016/S0140-6736(10)60175-4")
    assert "https://doi.org/10.1016/S0140-6736(20)31324-6, 2020-6-5" in failures[1].get("message")


def test_junit_keeps_the_verdict_as_type_when_only_the_verdict_fails():
    report = Report((DocumentResult("a.md", (_mismatch_retracted(),)),))
    failure = ET.fromstring(JunitReport().render(report, ("mismatch",))).find(".//failure")
    assert failure.get("type") == "mismatch" and failure.get("message").startswith("Retracted: ")
    failure = ET.fromstring(JunitReport().render(report, DEFAULT_FAIL_ON)).find(".//failure")
    assert failure.get("type") == "retracted" and "wrong year" in failure.get("message")


# SARIF

def _sarif_results(report: Report, fail_on=DEFAULT_FAIL_ON) -> tuple[list[dict], list[dict]]:
    run = json.loads(SarifReport().render(report, fail_on))["runs"][0]
    return run["results"], run["tool"]["driver"]["rules"]


def test_sarif_results_carry_the_retraction_under_the_retraction_rule():
    results, rules = _sarif_results(_t12())
    assert [r["ruleId"] for r in results] == ["citation-retracted"] * 2
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["error", "error"]
    assert results[0]["message"]["text"].startswith("Retracted: the work https://doi.org/10.1016/s0140-6736(97)11096-0 "
                                                    "was retracted (retraction notice https://doi.org/10.1016/S0140-6736(10)60175-4, 2010-2).")
    assert "31324-6, 2020-6-5" in results[1]["message"]["text"]


def test_sarif_rule_set_is_one_rule_per_verdict_and_one_for_retractions():
    _, rules = _sarif_results(_t12())
    assert [r["id"] for r in rules] == [rid for rid, _, _ in RULES.values()]
    assert len({r["id"] for r in rules}) == len(rules)
    results, rules = _sarif_results(Report((DocumentResult("a.md", (_mismatch_retracted(),)),)))
    assert results[0]["ruleId"] == "citation-retracted" and "wrong year" in results[0]["message"]["text"]
    results, _ = _sarif_results(Report((DocumentResult("a.md", (_mismatch_retracted(),)),)), ("mismatch",))
    assert results[0]["ruleId"] == "citation-mismatch" and results[0]["message"]["text"].startswith("Retracted: ")


# GitHub annotations

def test_github_annotation_is_titled_retracted_and_names_the_notice():
    lines = GithubReport().render(_t12(), DEFAULT_FAIL_ON).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("::error file=t12.md,line=3,title=citation retracted::Retracted: the work "
                               "https://doi.org/10.1016/s0140-6736(97)11096-0 was retracted (retraction notice "
                               "https://doi.org/10.1016/S0140-6736(10)60175-4, 2010-2). A published work, cited right.")
    assert lines[1].startswith("::error file=t12.md,line=5,title=citation retracted::Retracted: ")


def test_github_names_the_verdict_of_a_retracted_work_cited_wrong_and_an_ignored_one():
    report = Report((DocumentResult("a.md", (_mismatch_retracted(), _verified(4, MEHRA, ignored="checked by hand"))),))
    lines = GithubReport().render(report, DEFAULT_FAIL_ON).splitlines()
    assert lines[0].startswith("::error file=a.md,line=9,title=citation retracted (mismatch)::Retracted: ")
    assert lines[1].startswith("::notice file=a.md,line=4,title=citation retracted (ignored)::Ignored: checked by hand. "
                               "Retracted: the work")


# The terminal

@pytest.mark.parametrize("width", [60, 80, 120])
def test_terminal_verdict_column_shows_retracted_in_full(width):
    report = Report((DocumentResult("t12.md", _t12().documents[0].results + (_mismatch_retracted(),)),))
    out = TerminalReport(width=width).render(report, DEFAULT_FAIL_ON)
    rows = {line.split()[0]: line for line in out.splitlines() if line.strip()[:1].isdigit()}
    assert "RETRACTED" in rows["3"].split() and "RETRACTED" in rows["5"].split()
    assert "MISMATCH RETRACTED" in rows["9"]
    assert "…" not in "".join(rows.values()).split("RETRACTED")[0]  # never "verified…"
    assert "3 citations (1 entry, 2 links): 2 verified, 1 mismatch; 3 retracted" in " ".join(out.split())


# A correction or an expression of concern: shown, never a failure.

def _corrected() -> Report:
    concern = Work(doi="10.1/eoc", title="T", notices=(Notice("expression_of_concern", None, "2021-3-1", "publisher"),))
    return Report((DocumentResult("a.md", (_verified(7, BEIGEL), _verified(8, concern))),))


def test_a_correction_is_shown_in_every_format_and_fails_nothing():
    report = _corrected()
    assert exit_code(report, DEFAULT_FAIL_ON) == 0
    terminal = TerminalReport(width=100).render(report, DEFAULT_FAIL_ON)
    assert "Notices: correction 10.1056/NEJMx200044 (2020-11-5)" in terminal and "nothing fails the policy" in terminal
    markdown = MarkdownReport().render(report, DEFAULT_FAIL_ON)
    assert "No problems found" not in markdown and "fail the policy" not in markdown and "(fails)" not in markdown
    assert "✅ verified · ℹ️ correction" in markdown
    assert "Correction notice: https://doi.org/10.1056/NEJMx200044, 2020-11-5. A published work" in markdown
    assert "✅ verified · ℹ️ expression of concern" in markdown and "Expression of concern notice: 2021-3-1" in markdown
    assert "retracted" not in markdown.lower()
    github = GithubReport().render(report, DEFAULT_FAIL_ON).splitlines()
    assert github[0] == ("::notice file=a.md,line=7,title=citation verified (correction)::Correction notice: "
                         "https://doi.org/10.1056/NEJMx200044, 2020-11-5. A published work, cited right.")
    assert github[1].startswith("::notice file=a.md,line=8,title=citation verified (expression of concern)::")
    suite = ET.fromstring(JunitReport().render(report, DEFAULT_FAIL_ON)).find("testsuite")
    assert suite.get("failures") == "0" and suite.find(".//failure") is None
    assert [c.findtext("system-out") for c in suite.iter("testcase")] == [
        "Correction notice: https://doi.org/10.1056/NEJMx200044, 2020-11-5.", "Expression of concern notice: 2021-3-1, from publisher."]
    assert _sarif_results(report)[0] == []  # SARIF holds failing citations only


def test_a_correction_beside_a_retraction_is_named_after_it():
    both = Work(doi="10.1/w", title="T", notices=(Notice("correction", "10.1/c", None, "publisher"),
                                                  Notice("retraction", "10.1/r", "2022-1-2", "publisher")))
    failure = ET.fromstring(JunitReport().render(Report((DocumentResult("a.md", (_verified(2, both),)),)),
                                                 DEFAULT_FAIL_ON)).find(".//failure")
    assert failure.get("type") == "retracted"
    assert failure.get("message") == ("Retracted: the work https://doi.org/10.1/w was retracted (retraction notice "
                                      "https://doi.org/10.1/r, 2022-1-2). Correction notice: https://doi.org/10.1/c. "
                                      + RIGHT)


def test_json_is_unchanged_for_a_retracted_work():
    citation = json.loads(JsonReport().render(_t12(), DEFAULT_FAIL_ON))["documents"][0]["citations"][0]
    assert citation["verdict"] == "verified" and citation["retracted"] is True and citation["fails"] is True
    assert citation["reason"] == RIGHT
    assert citation["notices"] == [{"type": "retraction", "doi": "10.1016/S0140-6736(10)60175-4", "date": "2010-2",
                                    "source": "publisher"}]
