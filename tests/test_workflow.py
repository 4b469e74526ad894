"""Editors' and CI's workflows: ignores, baseline, policy, config precedence, machine formats."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET

import pytest

from citecheck.ignores import BASELINE_FILE_NAME, inline_ignores, parse_rule
from tests.conftest import FIXTURES, run_cli

SAMPLE = FIXTURES / "sample-article.md"
RECORDING = FIXTURES / "sample-article.crossref.json"
ZANOS_DOI = "10.1038/nature17998"


def _recorded(*extra: str, env: dict | None = None):
    return run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), *extra, env=env)


def _problem_lines(report: dict) -> list[int]:
    return [c["line"] for c in report["documents"][0]["citations"] if c["fails"]]


def test_ignore_rule_parsing():
    assert parse_rule("10.1038/NATURE17998  # known erratum", "f").doi == "10.1038/nature17998"
    assert parse_rule("https://doi.org/10.1/x", "f").doi == "10.1/x"
    rule = parse_rule("text: Kessler, M. T.,  Ortega # in press", "f")
    assert rule.text == "kessler, m. t., ortega" and rule.reason == "in press"
    assert parse_rule("# just a comment", "f") is None


def test_ignored_doi_no_longer_fails_and_shows_its_reason(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".citecheckignore").write_text(f"{ZANOS_DOI}  # year confirmed with the author\n")
    report = _recorded("--format", "json").json()
    zanos = [c for c in report["documents"][0]["citations"] if c["text"].startswith("Zanos")][0]
    assert zanos["verdict"] == "mismatch" and zanos["ignored"] == "year confirmed with the author"
    assert zanos["fails"] is False


def test_ignore_everything_that_fails_exits_0(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rules = ["10.1038/nature17998", "10.1126/science.1190287", "text:Hallworth", "text:Kessler"]
    run = _recorded("--ignore", rules[0], "--ignore", rules[1], "--ignore", rules[2], "--ignore", rules[3])
    assert run.exit_code == 0
    assert "ignored" in run.stdout


def test_inline_marker_ignores_the_next_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = SAMPLE.read_text().replace("- Kessler,", "<!-- citecheck: ignore accepted in press -->\n- Kessler,")
    article = tmp_path / "article.md"
    article.write_text(text)
    assert 1 in inline_ignores("<!-- citecheck: ignore -->\n\nnext") or 3 in inline_ignores("<!-- citecheck: ignore -->\n\nnext")
    report = run_cli("check", str(article), "--recorded", str(RECORDING), "--format", "json").json()
    kessler = [c for c in report["documents"][0]["citations"] if c["text"].startswith("Kessler")][0]
    assert kessler["ignored"] == "accepted in press" and kessler["fails"] is False


def test_baseline_then_a_new_invented_reference_fails_on_that_one_only(tmp_path, monkeypatch, fake_crossref):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "article.md"
    article.write_text(SAMPLE.read_text())
    common = ("--crossref-url", fake_crossref.url, "--no-cache", "--quiet")
    written = run_cli("baseline", str(article), *common)
    assert written.exit_code == 0
    assert len(json.loads((tmp_path / ".citecheck-baseline.json").read_text())["problems"]) == 4
    assert run_cli("check", str(article), *common).exit_code == 0

    invented = "- Ortiz, P. (2020). Ketamine microdosing restores hippocampal volume in adolescents. Neuron, 105(2), 210–222.\n"
    article.write_text(article.read_text().replace("- Zanos,", invented + "- Zanos,"))
    run = run_cli("check", str(article), *common, "--format", "json")
    assert run.exit_code == 1
    failing = [c["text"][:6] for c in run.json()["documents"][0]["citations"] if c["fails"]]
    assert failing == ["Ortiz,"]


def _site_with_a_baseline(tmp_path, monkeypatch):
    """tmp/ci/content/ketamine.md with `citecheck baseline content` written in tmp/ci; the working directory is tmp/ci."""
    ci = tmp_path / "ci"
    (ci / "content").mkdir(parents=True)
    (ci / "content" / "ketamine.md").write_text(SAMPLE.read_text())
    monkeypatch.chdir(ci)
    assert run_cli("baseline", "content", "--recorded", str(RECORDING), "--quiet").exit_code == 0
    return ci


def test_baseline_matches_the_file_however_it_is_named(tmp_path, monkeypatch):
    ci = _site_with_a_baseline(tmp_path, monkeypatch)
    recorded = ("--recorded", str(RECORDING), "--quiet")
    assert [p["path"] for p in json.loads((ci / BASELINE_FILE_NAME).read_text())["problems"]] == ["content/ketamine.md"] * 4
    for named in ("content", "./content/ketamine.md", str(ci / "content"), "content/../content/ketamine.md"):
        assert run_cli("check", named, *recorded).exit_code == 0, named
    monkeypatch.chdir(tmp_path)
    assert run_cli("check", "ci/content", "--baseline", f"ci/{BASELINE_FILE_NAME}", *recorded).exit_code == 0


def test_baseline_and_ignore_file_are_found_in_a_parent_folder(tmp_path, monkeypatch):
    ci = _site_with_a_baseline(tmp_path, monkeypatch)
    monkeypatch.chdir(ci / "content")
    recorded = ("--recorded", str(RECORDING), "--format", "json")
    report = run_cli("check", "ketamine.md", *recorded).json()
    assert {c["ignored"] for c in report["documents"][0]["citations"] if c["verdict"] != "verified"} >= {
        f"in the baseline ({ci / BASELINE_FILE_NAME})"}
    # A new baseline elsewhere holds nothing of this file; the ignore file above still counts.
    (ci / BASELINE_FILE_NAME).unlink()
    (tmp_path / ".citecheckignore").write_text(f"{ZANOS_DOI}  # year confirmed\n")
    report = run_cli("check", "ketamine.md", *recorded).json()
    zanos = [c for c in report["documents"][0]["citations"] if c["text"].startswith("Zanos")][0]
    assert zanos["ignored"] == "year confirmed"


def test_a_baseline_written_before_paths_were_normalised_still_matches(tmp_path, monkeypatch):
    from citecheck.ignores import _squash

    monkeypatch.chdir(tmp_path)
    article = tmp_path / "article.md"
    article.write_text(SAMPLE.read_text())
    typed = str(article)
    report = run_cli("check", typed, "--recorded", str(RECORDING), "--format", "json").json()
    # The old form: no "paths" marker, each key hashing the path as it was typed.
    keys = [hashlib.sha256(f"{typed}\n{_squash(c['text'])}\n{c['verdict']}".encode("utf-8")).hexdigest()[:32]
            for c in report["documents"][0]["citations"] if c["fails"]]
    problems = [{"key": key, "path": typed} for key in keys]
    (tmp_path / BASELINE_FILE_NAME).write_text(json.dumps({"citecheck_baseline": 1, "problems": problems}))
    assert run_cli("check", typed, "--recorded", str(RECORDING), "--quiet").exit_code == 0


def test_config_file_then_variable_then_flag(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nfail-on = ["not_found"]\nmailto = "file@example.org"\n')
    shown = run_cli("config").stdout
    assert "not_found" in shown and "(config file)" in shown and "file@example.org" in shown
    shown = run_cli("config", env={"CITECHECK_MAILTO": "env@example.org"}).stdout
    assert "env@example.org" in shown and "variable CITECHECK_MAILTO" in shown
    # The file's fail-on makes the sample's mismatches warnings; a flag puts them back.
    assert _recorded("--quiet").exit_code == 1  # it still has not_found citations
    assert _recorded("--quiet", "--fail-on", "mismatch").exit_code == 1


def test_a_misspelt_key_in_the_config_file_is_named_not_ignored_silently(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text('mailtoo = "file@example.org"\nfail-on = ["not_found"]\n')
    run = run_cli("config")
    assert run.exit_code == 0 and "citecheck.toml: unknown key 'mailtoo' (ignored)" in run.stderr
    (tmp_path / "citecheck.toml").write_text('mailto = "file@example.org"\nfail-on = ["not_found"]\n')
    assert "unknown" not in run_cli("config").stderr


def test_config_file_may_not_hold_the_token(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "citecheck.toml").write_text('crossref-plus-token = "abc"\n')
    run = run_cli("config")
    assert run.exit_code == 2 and "CITECHECK_CROSSREF_PLUS_TOKEN" in run.stderr and "abc" not in run.stderr


def test_sarif_has_one_result_per_failing_citation_on_its_line():
    run = _recorded("--format", "sarif")
    log = json.loads(run.stdout)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert len(results) == 4
    assert {r["ruleId"] for r in results} == {"citation-mismatch", "citation-not-found"}
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results) == [70, 71, 73, 76]


def test_junit_has_a_case_per_citation_and_a_failure_per_problem():
    root = ET.fromstring(_recorded("--format", "junit").stdout)
    cases = root.findall(".//testcase")
    assert len(cases) == 10
    assert len(root.findall(".//failure")) == 4
    assert len(root.findall(".//skipped")) == 1


def test_github_annotations_and_markdown_table():
    lines = _recorded("--format", "github").stdout.splitlines()
    errors = [l for l in lines if l.startswith("::error ")]
    assert len(errors) == 4 and all("sample-article.md,line=" in l for l in errors)
    md = _recorded("--format", "markdown").stdout
    assert md.count("(fails)") == 4 and "| file | where | verdict |" in md


def test_github_actions_prints_rich_report_and_annotations():
    run = _recorded(env={"GITHUB_ACTIONS": "true"})
    assert "Summary:" in run.stdout and run.stdout.count("::error ") == 4


def test_json_report_validates_against_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads((FIXTURES.parent / "docs" / "report.schema.json").read_text())
    report = json.loads(_recorded("--format", "json").stdout)
    jsonschema.validate(report, schema)
    broken = dict(report, summary={"verified": "many"})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_lookup_one_reference(fake_crossref):
    ref = ("Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and depression: new insights "
           "from stress and rapid-acting antidepressants. Nat Med. 2012;18(9):1386-98.")
    run = run_cli("lookup", ref, "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    assert run.exit_code == 1
    cit = run.json()["documents"][0]["citations"][0]
    assert cit["verdict"] == "mismatch" and cit["match"]["doi"] == "10.1038/nm.4050"


def test_extract_shows_entries_and_how_they_parsed():
    run = run_cli("extract", str(SAMPLE), "--format", "json")
    assert run.exit_code == 0
    cits = run.json()["documents"][0]["citations"]
    assert len(cits) == 10
    zanos = cits[8]
    assert (zanos["authors"][0], zanos["year"], zanos["journal"], zanos["volume"], zanos["pages"]) == ("Zanos", 2018, "Nature", "533", "418-421")
    text = run_cli("extract", str(SAMPLE)).stdout
    assert "line 76:" in text and "journal  Nature" in text


def test_json_written_to_a_file_equals_the_json_on_stdout(tmp_path):
    out = tmp_path / "report.json"
    assert _recorded("--format", "json", "--output", str(out), "--quiet").exit_code == 1
    on_stdout = json.loads(_recorded("--format", "json").stdout)
    assert json.loads(out.read_text()) == on_stdout


@pytest.mark.skipif(not (FIXTURES.parent.parent / "shared" / "seeds").is_dir(), reason="../shared (the seed articles) is not beside the project")
def test_seed_001_in_every_machine_format(fake_crossref):
    seed = str(FIXTURES.parent.parent / "shared" / "seeds" / "001_9bcee23dc18f0278.txt")
    common = ("check", seed, "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format")
    sarif = json.loads(run_cli(*common, "sarif").stdout)["runs"][0]["results"]
    assert sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in sarif) == [38, 39, 40, 41, 42]
    junit = ET.fromstring(run_cli(*common, "junit").stdout)
    assert len(junit.findall(".//failure")) == 5
    md = run_cli(*common, "markdown").stdout
    assert md.count("(fails)") == 5
    # The text's findings too, never as failures: the claim that names another journal, and
    # the sentence leaning on research it does not cite.
    assert "line 20: Claim: Science Says: A review in The Journal of Neuroscience" in md
    assert "line 14: Research appealed to in general, no source: Studies also suggest" in md
    lines = run_cli(*common, "github").stdout.splitlines()
    assert len([l for l in lines if l.startswith("::error ")]) == 5
    [conflict] = [l for l in lines if l.startswith("::warning ") and "title=Claim::" in l]
    assert ",line=20," in conflict and "but the entry it cites is in Nature Medicine" in conflict
    assert any(l.startswith("::notice ") and ",line=14," in l for l in lines)


def test_a_baseline_written_with_remarks_failing_accepts_them(tmp_path, monkeypatch, fake_crossref):
    # Trial 31: `baseline --fail-on …,remark` recorded a verified citation's remark, and `check` with the
    # same policy still failed on it (a baseline held no verified result); a retracted one was the same.
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "article.md"
    article.write_text(SAMPLE.read_text().replace("Krystal, J. H. (2000).", "Krystal, J. H. (2001)."))
    common = ("--crossref-url", fake_crossref.url, "--no-cache", "--quiet",
              "--fail-on", "mismatch,not_found,retracted,remark")
    before = run_cli("check", str(article), *common, "--format", "json")
    remarked = [c for c in before.json()["documents"][0]["citations"] if c["text"].startswith("Berman")]
    assert [(c["verdict"], c["fails"]) for c in remarked] == [("verified", True)]
    assert run_cli("baseline", str(article), *common).exit_code == 0
    after = run_cli("check", str(article), *common, "--format", "json")
    assert after.exit_code == 0
    berman, = [c for c in after.json()["documents"][0]["citations"] if c["text"].startswith("Berman")]
    assert berman["ignored"].startswith("in the baseline") and not berman["fails"]
    # a verified citation with no remark is no problem of the baseline's
    clean = [c for c in after.json()["documents"][0]["citations"] if c["text"].startswith("Zarate")]
    assert [c["ignored"] for c in clean] == [None]
