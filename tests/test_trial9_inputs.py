"""Fourth user trial (trial 9): inputs and CI surfaces."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.models import CheckResult, Citation, DocumentResult, Report, Verdict
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.github import GithubReport

from tests.conftest import run_cli

ARTICLE = ("Knee pain [1].\n\nReferences\n1. Messier SP, Mihalko SL. Effects of intensive diet and exercise on "
           "knee joint loads. JAMA. 2013;310(12):1263-73.\n")


def test_utf16_text_without_its_bom_is_read():
    for codec in ("utf-16-le", "utf-16-be"):
        got = extract_bytes(ARTICLE.encode(codec), "a.txt")  # was "binary file, not an article"
        assert [c.journal for c in got.citations] == ["JAMA"]


def test_github_annotations_name_a_url_or_stdin_in_the_message_not_as_a_file():
    cited = Citation(text="Smith J. A title. Pain. 2001;1:1-2.", line=12)
    result = CheckResult(cited, Verdict.NOT_FOUND, "No published work has this title.")
    for path, name in (("https://clinic.example/knee?utm=1#refs", "https://clinic.example/knee?utm=1#refs"),
                       ("-", "standard input")):
        out = GithubReport().render(Report((DocumentResult(path, (result,)),)), DEFAULT_FAIL_ON)
        assert out.startswith("::error title=citation not_found::") and "file=" not in out
        assert out == f"::error title=citation not_found::{name} line 12: No published work has this title.\n"
    out = GithubReport().render(Report((DocumentResult("docs/a.md", (result,)),)), DEFAULT_FAIL_ON)
    assert out.startswith("::error file=docs/a.md,line=12,title=citation not_found::No published work")


def test_config_names_the_baseline_and_ignore_file_a_check_will_use(tmp_path, monkeypatch):
    (tmp_path / ".citecheck-baseline.json").write_text("{}")
    (tmp_path / ".citecheckignore").write_text("")
    monkeypatch.chdir(tmp_path)
    out = run_cli("config").stdout
    baseline = next(line for line in out.splitlines() if line.startswith("--baseline"))
    assert ".citecheck-baseline.json" in baseline and "found from the working directory upward" in baseline
    assert any(line.startswith("(ignore file)") and ".citecheckignore" in line for line in out.splitlines())
    # Every value starts in one column, however long an option's name.
    columns = {line.index(line.split()[1]) for line in out.splitlines()[1:] if line.startswith("--")}
    assert len(columns) == 1
