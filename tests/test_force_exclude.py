"""Trial 31: `--exclude` did not apply to files named on the command line, as pre-commit names them.

A file named on the command line is still checked whatever `--exclude` says (naming it is asking
for it), unless `--force-exclude` (config `force-exclude = true`, the pre-commit hook's entry).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.inputs import read_inputs
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """content/a.md, content/drafts/b.md and CHANGELOG.md; the working directory is tmp."""
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    for name in ("content/a.md", "content/drafts/b.md", "CHANGELOG.md"):
        (tmp_path / name).write_text("# Notes\n\nNothing cited.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


NAMED = ("content/a.md", "content/drafts/b.md", "CHANGELOG.md")


def _read(paths, exclude, force=True):
    return [i.path for i in read_inputs(paths, exclude=exclude, force_exclude=force)]


@pytest.mark.parametrize("pattern", ["drafts/", "drafts", "content/drafts/", "content/drafts/*.md", "**/b.md",
                                     "b.md", "./content/drafts/b.md"])
def test_a_pattern_that_covers_a_named_file_leaves_it_out(site, pattern):
    assert _read(NAMED, [pattern]) == ["content/a.md", "CHANGELOG.md"]


def test_named_files_are_matched_however_they_are_spelt(site):
    spelt = ["./content/drafts/b.md", str(site / "content" / "drafts" / "b.md"), "content/../content/a.md"]
    assert _read(spelt, ["content/drafts/*.md"]) == ["content/../content/a.md"]
    assert _read(spelt, ["CHANGELOG.md", "*.txt"]) == spelt  # patterns that cover none of them


def test_without_force_exclude_a_named_file_is_read(site):
    assert _read(NAMED, ["drafts/", "CHANGELOG.md"], force=False) == list(NAMED)


def test_directories_are_walked_as_before(site):
    assert _read(["content"], ["drafts/"]) == ["content/a.md"]
    assert _read(["content"], ["drafts/"], force=False) == ["content/a.md"]


def test_the_config_file_and_the_variable_turn_it_on(site):
    (site / "citecheck.toml").write_text('exclude = ["drafts/", "CHANGELOG.md"]\nforce-exclude = true\n')
    run = run_cli("check", *NAMED, "--offline", "--no-cache", "--format", "json")
    assert [d["path"] for d in run.json()["documents"]] == ["content/a.md"]
    (site / "citecheck.toml").write_text('exclude = ["drafts/", "CHANGELOG.md"]\n')
    run = run_cli("check", *NAMED, "--offline", "--no-cache", "--format", "json")
    assert [d["path"] for d in run.json()["documents"]] == list(NAMED)
    run = run_cli("check", *NAMED, "--offline", "--no-cache", "--format", "json", env={"CITECHECK_FORCE_EXCLUDE": "1"})
    assert [d["path"] for d in run.json()["documents"]] == ["content/a.md"]


def test_every_named_file_excluded_is_a_clean_run(site):
    run = run_cli("check", "content/drafts/b.md", "--exclude", "drafts/", "--force-exclude", "--offline", "--format", "json")
    assert run.exit_code == 0 and run.json()["documents"] == []


def test_the_pre_commit_hook_forces_the_excludes():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "entry: citecheck check --force-exclude\n" in hook



def test_extend_exclude_adds_to_the_config_files_list_where_exclude_replaces_it(site):
    # A CI job that ran `--exclude CHANGELOG.md` lost the config's `drafts/` and checked the drafts.
    (site / "citecheck.toml").write_text('exclude = ["drafts/"]\n')

    def checked(*args, env=None):
        run = run_cli("check", "content", "CHANGELOG.md", *args, "--force-exclude", "--offline", "--no-cache",
                      "--format", "json", env=env)
        return [d["path"] for d in run.json()["documents"]]

    assert checked() == ["content/a.md", "CHANGELOG.md"]
    assert checked("--exclude", "CHANGELOG.md") == ["content/a.md", "content/drafts/b.md"]
    assert checked("--extend-exclude", "CHANGELOG.md") == ["content/a.md"]
    assert checked(env={"CITECHECK_EXTEND_EXCLUDE": "CHANGELOG.md"}) == ["content/a.md"]
