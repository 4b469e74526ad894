"""Trial 31: `citecheck baseline` of part of a site replaced the whole baseline file.

A baseline is now merged with the file it replaces: problems of files the run did not check
stay, so do those of a file that could not be read in full and of a citation Crossref could
not answer for now; problems of files that no longer exist are dropped.
"""

from __future__ import annotations

import json

from citecheck.ignores import BASELINE_FILE_NAME
from tests.conftest import FIXTURES, run_cli

SAMPLE = FIXTURES / "sample-article.md"
INVENTED = "- Ortiz, P. (2020). Ketamine microdosing restores hippocampal volume in adolescents. Neuron, 105(2), 210–222.\n"


def _site(tmp_path, monkeypatch):
    """content/a.md and content/b.md, both the sample article; the working directory is tmp."""
    (tmp_path / "content").mkdir()
    for name in ("a.md", "b.md"):
        (tmp_path / "content" / name).write_text(SAMPLE.read_text())
    monkeypatch.chdir(tmp_path)


def _paths() -> list[str]:
    return sorted(p["path"] for p in json.loads(open(BASELINE_FILE_NAME).read())["problems"])


def _failing(run) -> list[tuple[str, str]]:
    return [(d["path"], c["text"][:6]) for d in run.json()["documents"] for c in d["citations"] if c["fails"]]


def test_a_baseline_of_one_file_keeps_the_problems_of_the_others(tmp_path, monkeypatch, fake_crossref):
    _site(tmp_path, monkeypatch)
    common = ("--crossref-url", fake_crossref.url, "--no-cache")
    assert run_cli("baseline", "content", *common, "--quiet").exit_code == 0
    assert _paths() == ["content/a.md"] * 4 + ["content/b.md"] * 4

    for name in ("a.md", "b.md"):  # a new invented entry in each
        page = tmp_path / "content" / name
        page.write_text(page.read_text().replace("- Zanos,", INVENTED + "- Zanos,"))
    run = run_cli("baseline", "content/a.md", *common)
    assert run.exit_code == 0
    assert "citecheck: wrote 5 problems to .citecheck-baseline.json (kept 4 problems it held of what this run did not check)" \
        in run.stderr.splitlines()
    assert _paths() == ["content/a.md"] * 5 + ["content/b.md"] * 4
    # b.md's accepted problems are still accepted; its new entry is the one failure.
    check = run_cli("check", "content", *common, "--format", "json")
    assert check.exit_code == 1 and _failing(check) == [("content/b.md", "Ortiz,")]


def test_problems_of_a_file_that_no_longer_exists_are_dropped(tmp_path, monkeypatch, fake_crossref):
    _site(tmp_path, monkeypatch)
    common = ("--crossref-url", fake_crossref.url, "--no-cache")
    assert run_cli("baseline", "content", *common, "--quiet").exit_code == 0
    (tmp_path / "content" / "b.md").unlink()
    run = run_cli("baseline", "content", *common)
    assert "citecheck: wrote 4 problems to .citecheck-baseline.json (dropped 4 problems of files that no longer exist)" \
        in run.stderr.splitlines()
    assert _paths() == ["content/a.md"] * 4


def test_a_file_baselined_again_is_replaced_not_added_to(tmp_path, monkeypatch, fake_crossref):
    _site(tmp_path, monkeypatch)
    common = ("--crossref-url", fake_crossref.url, "--no-cache", "--quiet")
    assert run_cli("baseline", "content", *common).exit_code == 0
    page = tmp_path / "content" / "a.md"
    lines = page.read_text().splitlines(keepends=True)
    page.write_text("".join(line for line in lines if not line.startswith("- Zanos,")))  # a problem mended
    assert run_cli("baseline", "content", *common).exit_code == 0
    assert _paths() == ["content/a.md"] * 3 + ["content/b.md"] * 4


def test_a_baseline_written_while_crossref_is_down_loses_nothing(tmp_path, monkeypatch, fake_crossref):
    _site(tmp_path, monkeypatch)
    common = ("--crossref-url", fake_crossref.url, "--no-cache", "--quiet")
    assert run_cli("baseline", "content/a.md", *common).exit_code == 0
    before = json.loads(open(BASELINE_FILE_NAME).read())["problems"]

    fake_crossref.set_down(True)
    down = run_cli("baseline", "content/a.md", "--crossref-url", fake_crossref.url, "--no-cache", "--timeout", "2")
    after = json.loads(open(BASELINE_FILE_NAME).read())["problems"]
    assert down.exit_code == 3  # Crossref did not answer: the baseline is not what the articles have now
    assert "(kept 4 problems it held of what this run did not check)" in down.stderr
    assert after == before  # the accepted problems are kept

    fake_crossref.set_down(False)
    assert run_cli("check", "content/a.md", *common).exit_code == 0


def test_an_older_baseline_is_rewritten_whole(tmp_path, monkeypatch, fake_crossref):
    _site(tmp_path, monkeypatch)
    # The form written before paths were recorded relative to the file: keys not comparable, so not merged.
    (tmp_path / BASELINE_FILE_NAME).write_text(json.dumps(
        {"citecheck_baseline": 1, "problems": [{"key": "0" * 32, "path": "content/b.md"}]}))
    run = run_cli("baseline", "content/a.md", "--crossref-url", fake_crossref.url, "--no-cache")
    assert "citecheck: wrote 4 problems to .citecheck-baseline.json" in run.stderr.splitlines()
    assert _paths() == ["content/a.md"] * 4
