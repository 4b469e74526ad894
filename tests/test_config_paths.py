"""Trial 31: a config file's `output = "reports/x.json"` was written relative to wherever the run
started; the files and folders a config file names are now relative to its own folder."""

from __future__ import annotations

from tests.conftest import FIXTURES, run_cli


def test_paths_in_the_config_file_are_relative_to_its_folder(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    (tmp_path / "reports").mkdir()
    (tmp_path / "content" / "a.md").write_text("# Notes\n\nNothing cited.\n")
    (tmp_path / "citecheck.toml").write_text('output = "reports/citations.json"\nformat = "json"\n'
                                             'cache-dir = "cache"\n')
    monkeypatch.chdir(tmp_path / "content")
    run = run_cli("check", "a.md", "--offline")
    assert run.exit_code == 0, run.stderr
    assert (tmp_path / "reports" / "citations.json").is_file() and not (tmp_path / "content" / "reports").exists()
    shown = run_cli("config").stdout
    assert str(tmp_path / "reports" / "citations.json") in shown and str(tmp_path / "cache") in shown


def test_an_absolute_path_and_standard_output_stay_as_they_are(tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere.json"
    (tmp_path / "sub").mkdir()
    (tmp_path / "citecheck.toml").write_text(f'output = "{elsewhere}"\nformat = "json"\n')
    monkeypatch.chdir(tmp_path / "sub")
    assert run_cli("check", str(FIXTURES / "sample-article.md"), "--offline", "--no-cache").exit_code in (0, 3)
    assert elsewhere.is_file()
    (tmp_path / "citecheck.toml").write_text('output = "-"\nformat = "json"\n')
    run = run_cli("check", str(FIXTURES / "sample-article.md"), "--offline", "--no-cache")
    assert run.stdout.lstrip().startswith("{") and not (tmp_path / "-").exists() and not (tmp_path / "sub" / "-").exists()
