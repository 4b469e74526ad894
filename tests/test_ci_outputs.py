"""What CI reads: SARIF that does not hide an incomplete run, file URIs code scanning can place,
and GitHub annotations whatever the rich report is written to."""

from __future__ import annotations

import json

import pytest

from citecheck.models import CheckResult, Citation, DocumentResult, Report, Verdict
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.sarif import SarifReport
from tests.conftest import FIXTURES, run_cli

SAMPLE = FIXTURES / "sample-article.md"
RECORDING = FIXTURES / "sample-article.crossref.json"

_LEVEL = {"enum": ["none", "note", "warning", "error"]}
_MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
            "properties": {"text": {"type": "string"}}}
# The parts of the SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that citecheck writes,
# with their required keys and enums; a URI may hold no blank and no backslash.
SARIF_SUBSET = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"}},
    },
    "$defs": {
        "artifactLocation": {"type": "object", "required": ["uri"], "additionalProperties": False,
                             "properties": {"uri": {"type": "string", "pattern": r"^[^\s\\]+$"},
                                            "uriBaseId": {"enum": ["%SRCROOT%"]}}},
        "location": {"type": "object", "additionalProperties": False, "properties": {"physicalLocation": {
            "type": "object", "required": ["artifactLocation"], "additionalProperties": False,
            "properties": {"artifactLocation": {"$ref": "#/$defs/artifactLocation"},
                           "region": {"type": "object", "properties": {"startLine": {"type": "integer", "minimum": 1}}}}}}},
        "notification": {"type": "object", "required": ["message"], "additionalProperties": False,
                         "properties": {"level": _LEVEL, "message": _MESSAGE,
                                        "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}}}},
        "run": {"type": "object", "required": ["tool"], "properties": {
            "originalUriBaseIds": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["uri"], "properties": {"uri": {"type": "string", "pattern": r"^file:///.*/$"}}}},
            "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                "type": "object", "required": ["name"],
                "properties": {"rules": {"type": "array", "items": {"type": "object", "required": ["id"]}}}}}},
            "invocations": {"type": "array", "items": {
                "type": "object", "required": ["executionSuccessful"], "additionalProperties": False,
                "properties": {"executionSuccessful": {"type": "boolean"}, "exitCode": {"type": "integer"},
                               "toolExecutionNotifications": {"type": "array", "items": {"$ref": "#/$defs/notification"}}}}},
            "results": {"type": "array", "items": {
                "type": "object", "required": ["message"],
                "properties": {"level": _LEVEL, "message": _MESSAGE, "ruleId": {"type": "string"},
                               "ruleIndex": {"type": "integer", "minimum": -1},
                               "locations": {"type": "array", "items": {"$ref": "#/$defs/location"}}}}},
        }},
    },
}


def _sarif(text: str) -> dict:
    """The SARIF log, checked against the schema's shape; its one run."""
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    log = json.loads(text)
    jsonschema.validate(log, SARIF_SUBSET)
    return log["runs"][0]


def _uris(run: dict) -> set[str]:
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}


# 1. SARIF says when the run is incomplete.

def test_sarif_of_a_fully_checked_run_is_a_successful_execution():
    run = _sarif(run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), "--format", "sarif").stdout)
    assert run["invocations"] == [{"executionSuccessful": True, "exitCode": 1}]
    assert len(run["results"]) == 4


def test_sarif_names_an_unreadable_input_in_a_failed_execution(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty.md").write_text("Nothing cited here.\n")
    cli = run_cli("check", "empty.md", "gone.md", "--recorded", str(RECORDING), "--format", "sarif", "--quiet")
    assert cli.exit_code == 2
    [invocation] = _sarif(cli.stdout)["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("gone.md could not be read: ")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "gone.md"


def test_sarif_says_how_many_citations_could_not_be_checked_and_why():
    def unchecked(line: int) -> CheckResult:
        return CheckResult(Citation(text=f"Author A. A title. J. 2019;{line}.", line=line), Verdict.ERROR,
                           "Could not check: http://127.0.0.1:9 did not answer after 4 attempts.")

    report = Report((DocumentResult("a.md", (unchecked(3), unchecked(4))), DocumentResult("b.md", ())))
    run = _sarif(SarifReport().render(report, DEFAULT_FAIL_ON))
    assert run["results"] == []  # nothing failed the policy: the notification is all code scanning shows
    [invocation] = run["invocations"]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 3
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == ("a.md: 2 citations could not be checked. "
                                       "Could not check: http://127.0.0.1:9 did not answer after 4 attempts.")
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.md"


# 2. SARIF file URIs: relative to the working directory where they can be.

def test_sarif_uri_is_relative_to_the_working_directory_however_the_file_is_named(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    article = tmp_path / "content" / "my ketamine.md"
    article.write_text(SAMPLE.read_text())
    monkeypatch.chdir(tmp_path)
    for named in (str(article), "./content/my ketamine.md", "content/../content/my ketamine.md"):
        run = _sarif(run_cli("check", named, "--recorded", str(RECORDING), "--format", "sarif").stdout)
        assert _uris(run) == {"content/my%20ketamine.md"}, named
        # Relative to %SRCROOT%, which the run names: the working directory (trial 31).
        assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] for r in run["results"]} == {"%SRCROOT%"}
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}


def test_sarif_uri_is_absolute_outside_the_working_directory_and_names_stdin(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    article = tmp_path / "ketamine.md"
    article.write_text(SAMPLE.read_text())
    monkeypatch.chdir(elsewhere)
    cli = run_cli("check", str(article), "-", "--recorded", str(RECORDING), "--format", "sarif", input=SAMPLE.read_bytes())
    run = _sarif(cli.stdout)
    assert _uris(run) == {article.as_uri(), "stdin"}
    assert not any("uriBaseId" in r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"])


# 3. GitHub annotations are printed wherever the rich report goes.

def test_github_actions_prints_annotations_when_the_report_goes_to_a_file(tmp_path):
    out = tmp_path / "rep.txt"
    cli = run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), "-o", str(out), env={"GITHUB_ACTIONS": "true"})
    assert cli.exit_code == 1
    assert cli.stdout.count("::error ") == 4 and "Summary:" not in cli.stdout
    report = out.read_text()
    assert "Summary:" in report and "::error" not in report


def test_no_annotations_with_a_format_or_outside_github_actions(tmp_path):
    out = tmp_path / "rep.json"
    given = run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), "--format", "json", "-o", str(out),
                    env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in given.stdout and "::error" not in out.read_text()
    local = run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), "-o", str(tmp_path / "rep.txt"),
                    env={"GITHUB_ACTIONS": None})
    assert "::error" not in local.stdout
