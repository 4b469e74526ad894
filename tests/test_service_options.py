"""Options that shape the service (a user trial): limits that cannot work are usage errors
wherever they are set, and `--record` fails early and records every answer, cache or not."""

from __future__ import annotations

import json
import logging

import pytest

from citecheck.services.http import Answer, Transport
from citecheck.services.recorded import RecordingTransport
from tests.conftest import FIXTURES, run_cli, verdicts
from tests.test_e2e import SAMPLE_VERDICTS

SAMPLE = FIXTURES / "sample-article.md"
RECORDED = FIXTURES / "sample-article.crossref.json"

#: (flag, variable, config key, a value the run cannot work with)
BAD_LIMITS = [
    ("--max-rate", "CITECHECK_MAX_RATE", "max-rate", "0"),
    ("--max-rate", "CITECHECK_MAX_RATE", "max-rate", "-3"),
    ("--concurrency", "CITECHECK_CONCURRENCY", "concurrency", "0"),
    ("--timeout", "CITECHECK_TIMEOUT", "timeout", "0"),
    ("--timeout", "CITECHECK_TIMEOUT", "timeout", "-1.5"),
    ("--max-file-mb", "CITECHECK_MAX_FILE_MB", "max-file-mb", "0"),
]


def _assert_usage_error(run, flag: str) -> None:
    assert run.exit_code == 2, run.stderr
    assert flag in run.stderr and run.stdout == "" and "Traceback" not in run.stderr


@pytest.mark.parametrize("flag, variable, key, value", BAD_LIMITS)
def test_limits_that_cannot_work_are_usage_errors_from_flag_variable_and_config(flag, variable, key, value,
                                                                              tmp_path, monkeypatch):
    # --recorded: a run that gets past the options ends at once (exit 1), never hangs.
    args = ("check", str(SAMPLE), "--recorded", str(RECORDED), "--format", "json", "--quiet")
    _assert_usage_error(run_cli(*args, flag, value), flag)
    _assert_usage_error(run_cli(*args, env={variable: value}), flag)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text(f"{key} = {value}\n")
    _assert_bad_config_value(run_cli(*args), tmp_path / "citecheck.toml", f"{key} = {value}", variable)


def _assert_bad_config_value(run, config, setting: str, variable: str) -> None:
    """Exit 2, one line naming the config file and the key, not the variable (a user trial: it named the variable)."""
    assert run.exit_code == 2, run.stderr
    assert run.stdout == "" and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"citecheck: {config.resolve()}: {setting}") and len(run.stderr.splitlines()) == 1
    assert variable not in run.stderr


@pytest.mark.parametrize("setting, variable, why", [
    ('timeout = "abc"', "CITECHECK_TIMEOUT", "valid number"),
    ("concurrency = 2.5", "CITECHECK_CONCURRENCY", "valid integer"),
    ('format = "xml"', "CITECHECK_FORMAT", "choose from rich, json"),
    ('offline = "maybe"', "CITECHECK_OFFLINE", "valid boolean"),
])
def test_a_bad_value_in_the_config_file_is_named_by_file_and_key(setting, variable, why, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text(setting + "\n")
    for args in (("check", str(SAMPLE), "--recorded", str(RECORDED)), ("lookup", "Smith J. A title. 2020."), ("config",)):
        run = run_cli(*args)
        key, _, value = setting.partition(" = ")
        _assert_bad_config_value(run, tmp_path / "citecheck.toml", f"{key} = {value.replace(chr(34), chr(39))}", variable)
        assert why in run.stderr
    # The variable's bad value is still named as the variable's.
    (tmp_path / "citecheck.toml").unlink()
    run = run_cli("check", str(SAMPLE), "--recorded", str(RECORDED), env={variable: "bogus"})
    assert run.exit_code == 2 and variable in run.stderr


def test_sensible_limits_still_run():
    run = run_cli("check", str(SAMPLE), "--recorded", str(RECORDED), "--format", "json", "--quiet",
                  "--max-rate", "0.5", "--concurrency", "1", "--timeout", "0.5", "--max-file-mb", "1")
    assert run.exit_code == 1 and verdicts(run.json()) == SAMPLE_VERDICTS


@pytest.mark.parametrize("command", ["check", "lookup"])
def test_record_into_a_missing_directory_says_so_before_asking(command, fake_crossref, tmp_path):
    target = tmp_path / "missing" / "x.json"
    what = str(SAMPLE) if command == "check" else "Berman RM. Antidepressant effects of ketamine. Biol Psychiatry. 2000."
    run = run_cli(command, what, "--crossref-url", fake_crossref.url, "--mailto", "t@example.org",
                  "--cache-dir", str(tmp_path / "c"), "--format", "json", "--record", str(target))
    assert run.exit_code == 2 and run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write recording" in lines[0] and str(target) in lines[0]
    assert fake_crossref.requests == []  # said before any lookup


def test_recording_that_cannot_be_written_at_the_end_is_logged_not_raised(tmp_path, caplog):
    class Inner(Transport):
        closed = False

        def get(self, path, params=None, kind="single"):
            return Answer(200, {"status": "ok"})

        def close(self):
            Inner.closed = True

    folder = tmp_path / "gone"
    folder.mkdir()
    recording = RecordingTransport(Inner(), folder / "x.json", "test")
    recording.get("/works/10.1/x")
    folder.rmdir()
    with caplog.at_level(logging.ERROR):
        recording.close()
    assert Inner.closed and any("cannot write recording" in r.getMessage() for r in caplog.records)


def test_record_with_a_warm_cache_records_every_answer_and_replays_the_same(fake_crossref, tmp_path):
    common = ("--crossref-url", fake_crossref.url, "--mailto", "t@example.org", "--cache-dir", str(tmp_path / "c"),
              "--format", "json", "--quiet")
    warm = run_cli("check", str(SAMPLE), *common)
    assert verdicts(warm.json()) == SAMPLE_VERDICTS
    asked = len(fake_crossref.requests)
    recording = tmp_path / "rec.json"
    recorded = run_cli("check", str(SAMPLE), *common, "--record", str(recording))
    assert verdicts(recorded.json()) == SAMPLE_VERDICTS
    assert len(fake_crossref.requests) - asked == asked  # asked again: nothing read from the cache
    exchanges = json.loads(recording.read_text())["exchanges"]
    assert len(exchanges) == len({(p, json.dumps(q, sort_keys=True)) for _, p, q, _ in fake_crossref.requests})
    replay = run_cli("check", str(SAMPLE), "--recorded", str(recording), "--format", "json", "--quiet")
    assert verdicts(replay.json()) == SAMPLE_VERDICTS and replay.exit_code == 1


def test_record_and_offline_together_are_a_usage_error(tmp_path):
    run = run_cli("check", str(SAMPLE), "--offline", "--record", str(tmp_path / "x.json"), "--cache-dir", str(tmp_path))
    _assert_usage_error(run, "--record")
