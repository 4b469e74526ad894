"""`--fail-on remark`: a verified citation with a remark (words the record lacks, a year one off,
co-authors it does not list) fails the run, for editors who want every detail as the record has
it. Trial 22 (session 14): 64 of its 72 verified fabrications carry a remark."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from citecheck.exit_codes import ExitCode
from citecheck.models import Author, CheckResult, Citation, DocumentResult, FieldCheck, FieldStatus, Report, Verdict, Work
from citecheck.policy import DEFAULT_FAIL_ON, exit_code, fails, parse_fail_on
from citecheck.report.github import GithubReport
from citecheck.report.junit import JunitReport
from citecheck.report.sarif import SarifReport
from citecheck.report.terminal import TerminalReport

_TITLE = "Three-dimensional preoperative maps of hippocampal atrophy predict surgical outcomes"
_WORK = Work(doi="10.1212/01.wnl.0000178888.03767.9b", title=_TITLE, journal="Neurology", year_issued=2005,
             volume="65", issue="7", pages="1094-1097", authors=(Author("Lin", "Jack"),), type="journal-article")


def _result(title: str, note: str | None, line: int) -> CheckResult:
    citation = Citation(text=f"Lin JJ. {title}. Neurology. 2005;65(7):1094-1097.", line=line, number=1,
                        authors=(Author("Lin", "JJ"),), title=title, journal="Neurology", year=2005,
                        volume="65", issue="7", pages="1094-1097")
    fields = (FieldCheck("title", title, _TITLE, FieldStatus.MATCH, note),
              FieldCheck("year", "2005", "2005", FieldStatus.MATCH))
    return CheckResult(citation, Verdict.VERIFIED, "A published work, cited right.", _WORK, fields)


_REMARKED = _result(f"{_TITLE}: implications for clinical practice",
                    'title cited with words the record lacks: "implications for clinical practice"', 3)
_PLAIN = _result(_TITLE, None, 5)
_REPORT = Report((DocumentResult("a.md", results=(_REMARKED, _PLAIN)),))
_STRICT = parse_fail_on("mismatch,not_found,retracted,remark")


def test_remark_is_a_fail_on_word_and_not_a_default():
    assert "remark" in _STRICT and "remark" not in DEFAULT_FAIL_ON
    assert parse_fail_on("mismatch, remarks") == ("mismatch", "remark")  # as the reports say it
    assert not fails(_REMARKED, DEFAULT_FAIL_ON) and exit_code(_REPORT, DEFAULT_FAIL_ON) is ExitCode.OK


def test_a_verified_citation_with_a_remark_fails_the_strict_run_and_a_plain_one_does_not():
    assert fails(_REMARKED, _STRICT) and not fails(_PLAIN, _STRICT)
    assert exit_code(_REPORT, _STRICT) is ExitCode.POLICY_FAILED


@pytest.mark.parametrize("fail_on, level", [(_STRICT, "error"), (DEFAULT_FAIL_ON, "notice")])
def test_github_annotates_the_remark_as_an_error_only_when_it_fails(fail_on, level):
    lines = GithubReport().render(_REPORT, fail_on).splitlines()
    assert [line.split(" ", 1)[0] for line in lines if "line=3," in line] == [f"::{level}"]
    assert not [line for line in lines if "line=5," in line]  # verified, nothing to say


def test_sarif_and_junit_name_the_failure_a_remark():
    log = json.loads(SarifReport().render(_REPORT, _STRICT))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["citation-remark"] and results[0]["level"] == "error"
    assert "citation-remark" in [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    failures = ET.fromstring(JunitReport().render(_REPORT, _STRICT)).iter("failure")
    assert [f.get("type") for f in failures] == ["remark"]


def test_the_terminal_shows_the_failing_remark_as_a_problem_panel():
    shown = TerminalReport().render(_REPORT, _STRICT)
    assert "verified with a remark" in shown and "1 failing" in " ".join(shown.split())
