"""The GitHub Action's check step, run as a runner would run it: its shell script with the
environment action.yml gives it, against the fake Crossref (trial 31: the Action had no
inputs for the Crossref URL or the globs)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml  # a dependency of citecheck (YAML front matter)

from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = FIXTURES / "sample-article.md"


def _check_step() -> dict:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return next(step for step in action["runs"]["steps"] if step.get("id") == "check")


def _defaults() -> dict[str, str]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    return {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}


def _run_step(tmp_path: Path, inputs: dict[str, str]):
    """The step's script under bash, its `${{ inputs.* }}` filled in as the runner would."""
    if shutil.which("bash") is None:
        pytest.skip("the Action's step is a bash script, and bash is not installed here")
    values = {**_defaults(), **inputs}
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITECHECK_")}
    for name, value in _check_step()["env"].items():
        env[name] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: values[m.group(1)], str(value))
    output = tmp_path / "github_output"
    output.write_text("")
    # The step runs the `citecheck` command: this Python's, whether or not its entry point is installed.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    command = bin_dir / "citecheck"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m citecheck "$@"\n')
    command.chmod(0o755)
    env.update(HOME=str(tmp_path / "home"), GITHUB_OUTPUT=str(output), PYTHONPATH=str(ROOT),
               PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}")
    run = subprocess.run(["bash", "-c", _check_step()["run"]], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=120)
    return run, output.read_text()


@pytest.fixture()
def site(tmp_path):
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "ketamine.md").write_text(SAMPLE.read_text())
    (tmp_path / "content" / "drafts" / "draft.md").write_text(SAMPLE.read_text())
    return tmp_path


def _sarif_paths(tmp_path: Path) -> set[str]:
    log = json.loads((tmp_path / "citecheck.sarif").read_text())
    return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}


def test_the_step_checks_against_the_given_crossref_and_reports_both_ways(site, fake_crossref):
    run, outputs = _run_step(site, {"paths": "content", "crossref-url": fake_crossref.url})
    assert "exit-code=1" in outputs.splitlines(), run.stderr
    assert _sarif_paths(site) == {"content/ketamine.md", "content/drafts/draft.md"}
    # The annotations come from the cache the first run filled: the second run asks Crossref nothing.
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::error file=content/ketamine.md")]
    assert len(annotations) == 4
    assert "Traceback" not in run.stderr


def test_exclude_applies_to_directories_and_to_named_files(site, fake_crossref):
    named = "content/ketamine.md content/drafts/draft.md"
    for paths in ("content", named):
        run, outputs = _run_step(site, {"paths": paths, "crossref-url": fake_crossref.url, "exclude": "drafts/"})
        assert _sarif_paths(site) == {"content/ketamine.md"}, (paths, run.stderr)
        assert "exit-code=1" in outputs.splitlines()


def test_include_reaches_the_check(site, fake_crossref):
    (site / "content" / "notes.txt").write_text("Nothing cited here.\n")
    run, outputs = _run_step(site, {"paths": "content", "crossref-url": fake_crossref.url, "include": "*.txt"})
    assert "exit-code=0" in outputs.splitlines(), run.stderr  # the articles with problems were not read
    assert "content/notes.txt" in run.stdout + run.stderr or _sarif_paths(site) == set()


def test_args_reach_the_check(site, fake_crossref):
    run, outputs = _run_step(site, {"paths": "content", "crossref-url": fake_crossref.url, "args": "--fail-on none"})
    assert "exit-code=0" in outputs.splitlines(), run.stderr
    log = json.loads((site / "citecheck.sarif").read_text())
    assert log["runs"][0]["invocations"][0]["exitCode"] == 0 and log["runs"][0]["results"] == []


def test_empty_inputs_leave_the_config_file_in_force(site, fake_crossref):
    (site / "citecheck.toml").write_text(f'crossref-url = "{fake_crossref.url}"\nexclude = ["drafts/"]\n')
    run, outputs = _run_step(site, {"paths": "content"})
    assert "exit-code=1" in outputs.splitlines(), run.stderr
    assert _sarif_paths(site) == {"content/ketamine.md"}
