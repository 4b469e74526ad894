"""The cache (issue 5, point 4): asked once, TTLs, --offline, `cache info`/`clear`, a broken
cache is a warning and not the end of the run, and several processes may share one."""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import subprocess
import sys

import pytest

from citecheck.services import http
from citecheck.services.cached import CACHE_FILE_NAME, Cache, normalise_query
from tests.conftest import FIXTURES, ROOT, run_cli, verdicts
from tests.test_e2e import SAMPLE_VERDICTS

SAMPLE = FIXTURES / "sample-article.md"


def _check(url, cache_dir, *extra, env=None):
    return run_cli("check", str(SAMPLE), "--crossref-url", url, "--mailto", "t@example.org", "--cache-dir",
                   str(cache_dir), "--format", "json", *extra, env=env)


def test_normalised_keys_same_reference_asked_once(fake_crossref, tmp_path):
    line = [l for l in SAMPLE.read_text().splitlines() if l.startswith("- Berman")][0][2:]
    article = tmp_path / "a.md"
    article.write_text(f"# A\n\n## References\n\n1. {line}\n2. {'  '.join(line.upper().split())}\n")
    assert normalise_query(line) == normalise_query("  ".join(line.upper().split()))
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--cache-dir", str(tmp_path / "c"),
                  "--quiet", "--format", "json", "--concurrency", "1")
    assert verdicts(run.json()) == ["verified", "verified"]
    assert len(fake_crossref.requests) == 1
    assert Cache(tmp_path / "c").info()["entries"] == 1


def test_warm_run_asks_nothing_and_offline_answers_from_the_cache(fake_crossref, tmp_path):
    first = _check(fake_crossref.url, tmp_path, "--quiet")
    asked = len(fake_crossref.requests)
    offline = run_cli("check", str(SAMPLE), "--offline", "--crossref-url", fake_crossref.url, "--cache-dir",
                      str(tmp_path), "--format", "json", "--quiet")
    assert len(fake_crossref.requests) == asked
    assert verdicts(offline.json()) == verdicts(first.json()) == SAMPLE_VERDICTS
    assert offline.exit_code == first.exit_code == 1


def test_not_found_ttl_and_found_ttl_are_settings(fake_crossref, tmp_path):
    _check(fake_crossref.url, tmp_path, "--quiet", "--not-found-ttl-hours", "0")
    asked = len(fake_crossref.requests)
    _check(fake_crossref.url, tmp_path, "--quiet")  # not_found answers expired at once; found ones kept
    again = fake_crossref.requests[asked:]
    assert 0 < len(again) < asked
    searched = " ".join(q.get("query.bibliographic", "") for _, _, q, _ in again)
    # the two invented works (not_found) are asked again; the verified ones (Berman) are not
    assert "Hallworth" in searched and "Kessler" in searched and "Berman" not in searched
    fresh = tmp_path / "fresh"
    before = len(fake_crossref.requests)
    _check(fake_crossref.url, fresh, "--quiet", env={"CITECHECK_CACHE_TTL_DAYS": "0", "CITECHECK_NOT_FOUND_TTL_HOURS": "0"})
    middle = len(fake_crossref.requests)
    _check(fake_crossref.url, fresh, "--quiet")
    assert len(fake_crossref.requests) - middle == middle - before == asked  # nothing was kept


def test_cache_info_and_clear(fake_crossref, tmp_path):
    _check(fake_crossref.url, tmp_path, "--quiet")
    info = run_cli("cache", "info", "--cache-dir", str(tmp_path))
    assert info.exit_code == 0
    entries = int(info.stdout.split("entries:")[1].split()[0])
    assert entries > 0 and str(tmp_path / CACHE_FILE_NAME) in info.stdout
    cleared = run_cli("cache", "clear", env={"CITECHECK_CACHE_DIR": str(tmp_path)})
    assert cleared.exit_code == 0 and f"cleared {entries} cached answers" in cleared.stdout
    assert "entries: 0 " in run_cli("cache", "info", "--cache-dir", str(tmp_path)).stdout


def test_corrupt_cache_file_one_warning_and_the_run_goes_on(fake_crossref, tmp_path):
    (tmp_path / CACHE_FILE_NAME).write_bytes(b"this is not a database\x00" * 200)
    run = _check(fake_crossref.url, tmp_path)
    assert verdicts(run.json()) == SAMPLE_VERDICTS and run.exit_code == 1
    assert run.stderr.count("going on without") == 1
    assert "Traceback" not in run.stderr
    assert run_cli("cache", "info", "--cache-dir", str(tmp_path)).exit_code == 2  # says so, no traceback


def test_cache_dir_that_cannot_be_created_one_warning(fake_crossref, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache directory should be")
    run = _check(fake_crossref.url, blocker / "cache")
    assert verdicts(run.json()) == SAMPLE_VERDICTS
    assert run.stderr.count("going on without") == 1


def test_cache_failing_mid_run_warns_once(fake_crossref, tmp_path, monkeypatch, caplog):
    def readonly(self, key, value, ttl_secs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Cache, "put", readonly)
    with caplog.at_level(logging.WARNING, logger="citecheck"):
        run = _check(fake_crossref.url, tmp_path)
    assert verdicts(run.json()) == SAMPLE_VERDICTS
    warnings = [r for r in caplog.records if "going on without it" in r.getMessage()]
    assert len(warnings) == 1 and "readonly" in warnings[0].getMessage()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write a read-only directory")
def test_read_only_cache_directory(fake_crossref, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        run = _check(fake_crossref.url, ro)
    finally:
        ro.chmod(0o700)
    assert verdicts(run.json()) == SAMPLE_VERDICTS
    assert run.stderr.count("going on without") == 1


def test_two_processes_sharing_a_cache_directory(fake_crossref, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}
    env.pop("CITECHECK_CACHE_DIR", None)
    args = [sys.executable, "-m", "citecheck", "check", str(SAMPLE), "--crossref-url", fake_crossref.url,
            "--mailto", "t@example.org", "--cache-dir", str(tmp_path), "--format", "json", "--quiet"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, outs):
        assert proc.returncode == 1, err.decode()
        assert b"going on without" not in err and b"Traceback" not in err
        assert verdicts(json.loads(out)) == SAMPLE_VERDICTS
    # the cache they shared is whole: a third run asks nothing
    asked = len(fake_crossref.requests)
    assert verdicts(_check(fake_crossref.url, tmp_path, "--quiet").json()) == SAMPLE_VERDICTS
    assert len(fake_crossref.requests) == asked


def test_failures_are_never_cached(corpus, tmp_path, monkeypatch):
    from tests.fake_crossref import FakeCrossref

    with FakeCrossref(corpus) as fake:
        fake.set_down(True)
        monkeypatch.setattr(http, "BACKOFF_BASE_SECS", 0.02)
        down = _check(fake.url, tmp_path, "--quiet", "--breaker-failures", "1", "--max-rate", "100")
        assert set(verdicts(down.json())) == {"error", "skipped"}
        fake.set_down(False)
        up = _check(fake.url, tmp_path, "--quiet")
    assert verdicts(up.json()) == SAMPLE_VERDICTS


def test_service_key_is_the_normalised_base_url():
    from citecheck.services.cached import service_key

    assert service_key("https://API.crossref.org/") == service_key("https://api.crossref.org:443")
    assert service_key("http://127.0.0.1:8080/v1/") == "http://127.0.0.1:8080/v1"
    assert len({service_key(u) for u in ("https://api.crossref.org", "http://api.crossref.org",
                                         "https://api.crossref.org/v2", "https://mirror.example.org")}) == 4


def test_a_dead_url_after_a_warm_run_is_not_answered_from_the_cache(fake_crossref, tmp_path, monkeypatch,
                                                                    refused_url):
    monkeypatch.setattr(http, "BACKOFF_BASE_SECS", 0.02)
    _check(fake_crossref.url, tmp_path, "--quiet")
    run = _check(refused_url, tmp_path, "--quiet", "--breaker-failures", "1")
    assert run.exit_code == 3
    assert set(verdicts(run.json())) == {"error", "skipped"}
    assert run.json()["source"]["url"] == refused_url


def test_answers_of_a_stand_in_and_of_another_service_never_mix(corpus, tmp_path):
    from tests.fake_crossref import FakeCrossref

    with FakeCrossref(corpus) as real, FakeCrossref([]) as empty:
        nothing = _check(empty.url, tmp_path, "--quiet")
        assert set(verdicts(nothing.json())) <= {"not_found", "skipped"}
        assert verdicts(_check(real.url, tmp_path, "--quiet").json()) == SAMPLE_VERDICTS  # not the stand-in's not_found
        assert verdicts(_check(empty.url, tmp_path, "--quiet").json()) == verdicts(nothing.json())  # and vice versa
        asked = len(real.requests) + len(empty.requests)
        # --offline answers from the cache of the URL in effect, each its own
        offline = ("--offline", "--cache-dir", str(tmp_path), "--format", "json", "--quiet")
        assert verdicts(run_cli("check", str(SAMPLE), "--crossref-url", real.url, *offline).json()) == SAMPLE_VERDICTS
        assert verdicts(run_cli("check", str(SAMPLE), "--crossref-url", empty.url + "/", *offline).json()) == verdicts(nothing.json())
        other = run_cli("check", str(SAMPLE), "--crossref-url", "http://127.0.0.1:1", *offline)
        assert set(verdicts(other.json())) == {"error", "skipped"}
        assert len(real.requests) + len(empty.requests) == asked
