"""User trial 6: --fail-on values (empty, space-separated, none), --exclude globs as the
command line spells paths, an output file that cannot be written, and the wording of the
Markdown and GitHub reports."""

from __future__ import annotations

import json

import pytest

from citecheck.inputs import read_inputs
from citecheck.models import CheckResult, Citation, DocumentResult, Report, Verdict
from citecheck.policy import DEFAULT_FAIL_ON, parse_fail_on
from citecheck.report.github import GithubReport
from citecheck.report.markdown import MarkdownReport, md_code
from tests.conftest import FIXTURES, run_cli

SAMPLE = FIXTURES / "sample-article.md"
RECORDING = FIXTURES / "sample-article.crossref.json"


def _recorded(*args: str, env: dict | None = None):
    return run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), *args, env=env)


# 1-3. --fail-on: empty is a usage error, words may be space-separated, `none` reports only.

def test_empty_fail_on_is_a_usage_error_and_writes_no_report(tmp_path):
    out = tmp_path / "x.sarif"
    run = _recorded("-f", "sarif", "-o", str(out), "--fail-on", "")
    assert run.exit_code == 2
    assert "Traceback" not in run.stderr and "--fail-on is empty" in run.stderr and "none" in run.stderr
    assert not out.exists()


def test_an_empty_fail_on_variable_is_a_usage_error_too(tmp_path):
    # Trial 31: Click reads an empty variable as unset, so CITECHECK_FAIL_ON= fell back to the default.
    out = tmp_path / "x.json"
    run = _recorded("-f", "json", "-o", str(out), env={"CITECHECK_FAIL_ON": " "})
    assert run.exit_code == 2 and "CITECHECK_FAIL_ON is set but empty" in run.stderr and not out.exists()
    # the flag given beside it decides
    assert _recorded("-q", "-f", "json", "--fail-on", "none", env={"CITECHECK_FAIL_ON": ""}).exit_code == 0


def test_output_dash_is_standard_output(tmp_path, monkeypatch):
    # Trial 31: `-o -` wrote a file named "-"
    monkeypatch.chdir(tmp_path)
    run = _recorded("-q", "-f", "json", "-o", "-", "--fail-on", "none")
    assert run.exit_code == 0 and run.json()["schema_version"] == 1 and not (tmp_path / "-").exists()


def test_fail_on_flag_takes_words_separated_by_spaces_as_the_variable_does():
    assert parse_fail_on("mismatch not_found") == ("mismatch", "not_found")
    assert parse_fail_on(["mismatch, not found", "retracted"]) == ("mismatch", "not_found", "retracted")
    # The sample has mismatches and not_found citations: both flag spellings fail the run, as the variable does.
    assert _recorded("-q", "-f", "json", "--fail-on", "mismatch not_found").exit_code == 1
    assert _recorded("-q", "-f", "json", "--fail-on", "not found").exit_code == 1
    assert _recorded("-q", "-f", "json", env={"CITECHECK_FAIL_ON": "mismatch not_found"}).exit_code == 1


def test_fail_on_none_writes_the_report_and_never_fails(tmp_path):
    out = tmp_path / "x.sarif"
    run = _recorded("-f", "sarif", "-o", str(out), "--fail-on", "none")
    assert run.exit_code == 0 and "0 failing" in run.stderr
    assert json.loads(out.read_text())["runs"][0]["results"] == []
    report = json.loads(_recorded("-q", "-f", "json", env={"CITECHECK_FAIL_ON": "none"}).stdout)
    assert not any(c["fails"] for d in report["documents"] for c in d["citations"])
    assert "none" in run_cli("config", env={"CITECHECK_FAIL_ON": "none"}).stdout.split("--fail-on")[1].split("\n")[0]


@pytest.mark.parametrize("value, message", [
    ("none,mismatch", "cannot be combined"),
    ("verified", "--fail-on none"),
    (" , ", "--fail-on is empty"),
])
def test_fail_on_values_that_make_no_sense_are_usage_errors(value, message):
    run = _recorded("-f", "json", "--fail-on", value)
    assert run.exit_code == 2 and message in run.stderr and "Traceback" not in run.stderr


def test_empty_fail_on_in_the_config_file_is_named_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text("fail-on = []\n")
    run = _recorded("-f", "json")
    assert run.exit_code == 2 and 'citecheck.toml: fail-on = []: empty' in run.stderr and '"none"' in run.stderr


# 4. --exclude globs match paths as the command line spells them; one that excludes nothing is named.

@pytest.fixture
def site(tmp_path, monkeypatch):
    for path in ("content/_drafts/knee-pain.md", "content/blog/back-pain.md", "content/blog/headache.txt"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("# A\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("root, pattern", [
    ("content", "content/_drafts/*"),
    ("content", "./content/_drafts/"),
    ("./content", "content/_drafts/*.md"),
    ("content/", "_drafts/*"),
    (".", "content/_drafts/*"),
])
def test_exclude_glob_matches_the_path_as_given_on_the_command_line(site, root, pattern):
    used = []
    paths = [i.path for i in read_inputs([root], exclude=[pattern], on_warning=used.append)]
    assert not any("_drafts" in p for p in paths) and len(paths) == 2
    assert used == []


def test_exclude_glob_matches_an_absolute_directory_below_the_working_directory(site):
    paths = [i.path for i in read_inputs([str(site / "content")], exclude=["content/_drafts/*"])]
    assert len(paths) == 2 and not any("_drafts" in p for p in paths)


def test_exclude_that_excludes_nothing_is_named_on_stderr(site):
    run = run_cli("check", "content", "--exclude", "content/_draft/*", "--exclude", "*.txt", "--offline", "--no-cache",
                  "-f", "json")
    assert "citecheck: --exclude 'content/_draft/*' excluded nothing in content" in run.stderr
    assert "'*.txt'" not in run.stderr  # that one excluded headache.txt
    assert [d["path"] for d in run.json()["documents"]] == ["content/_drafts/knee-pain.md", "content/blog/back-pain.md"]
    quiet = run_cli("check", "content", "--exclude", "content/_draft/*", "--offline", "--no-cache", "-f", "json", "-q")
    assert "excluded nothing" not in quiet.stderr


def test_include_that_matches_nothing_is_still_an_error(site):
    run = run_cli("check", "content", "--include", "*.rtf", "--offline", "--no-cache", "-f", "json")
    assert run.exit_code == 2 and "no articles matching --include/--exclude" in run.stderr


# 5. An output file that cannot be written is refused before anything is looked up.

@pytest.mark.parametrize("command", ["check", "baseline"])
def test_unwritable_output_is_refused_before_any_lookup(fake_crossref, tmp_path, command):
    target = tmp_path / "missing" / "dir" / "x.sarif"
    run = run_cli(command, str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "-o", str(target))
    assert run.exit_code == 2
    assert run.stderr.strip() == f"citecheck: cannot write {target}: no such directory {target.parent}"
    assert fake_crossref.requests == []
    directory = run_cli(command, str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "-o", str(tmp_path))
    assert directory.exit_code == 2 and "it is a directory" in directory.stderr and fake_crossref.requests == []


# 6. Code spans in the Markdown report show paths as they are.

def test_markdown_code_spans_are_not_escaped():
    report = Report((DocumentResult("content/_drafts/knee_pain*.md", (), error="permission denied"),))
    assert "- `content/_drafts/knee_pain*.md`: permission denied" in MarkdownReport().render(report, DEFAULT_FAIL_ON)
    assert md_code("a`b") == "``a`b``"
    assert md_code("`a``") == "``` `a`` ```"


# 7. GitHub annotations say a citation is ignored, and why.

def test_github_annotation_of_an_ignored_citation_says_it_is_ignored():
    wrong = CheckResult(Citation(text="B. T. 2020.", line=5), Verdict.MISMATCH, "The year is wrong.",
                        ignored="in the baseline (.citecheck-baseline.json)")
    [line] = GithubReport().render(Report((DocumentResult("a.md", (wrong,)),)), DEFAULT_FAIL_ON).splitlines()
    assert line == ("::notice file=a.md,line=5,title=citation mismatch (ignored)::"
                    "Ignored: in the baseline (.citecheck-baseline.json). The year is wrong.")
