"""End to end: the CLI against the local fake Crossref, as an editor or a CI job runs it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, SEEDS, needs_shared, run_cli, verdicts

SEED_001 = SEEDS / "001_9bcee23dc18f0278.txt"
SAMPLE = FIXTURES / "sample-article.md"
RECORDING = FIXTURES / "sample-article.crossref.json"
#: fixtures/README.md: what each reference of the sample article must get.
SAMPLE_VERDICTS = ["verified", "verified", "not_found", "not_found", "verified", "mismatch", "verified",
                   "skipped", "mismatch", "verified"]


def _check_json(url: str, *paths: str, extra: tuple[str, ...] = ()):
    return run_cli("check", *paths, "--crossref-url", url, "--no-cache", "--quiet", "--format", "json", *extra)


@needs_shared
def test_seed_001_one_mismatch_and_four_inventions(fake_crossref):
    run = _check_json(fake_crossref.url, str(SEED_001))
    assert run.exit_code == 1
    cits = run.json()["documents"][0]["citations"]
    by_author = {c["text"].split(",")[0]: c for c in cits}
    assert set(by_author) == {"Zheng", "Ciccolini", "Hernandez", "Duman", "Mion"}

    duman = by_author["Duman"]
    assert duman["verdict"] == "mismatch"
    assert duman["match"]["doi"] == "10.1038/nm.4050"
    wrong = {k: (v["cited"], v["found"]) for k, v in duman["fields"].items() if v["status"] == "mismatch"}
    assert wrong == {"year": ("2012", "2016"), "volume": ("18", "22"), "issue": ("9", "3"), "pages": ("1386-1398", "238-249")}
    assert duman["fields"]["authors"]["status"] == "match"  # the first two of four authors
    assert duman["line"] == 41

    for name in ("Zheng", "Ciccolini", "Hernandez", "Mion"):
        assert by_author[name]["verdict"] == "not_found", by_author[name]["reason"]
        assert by_author[name]["match"] is None
    mion = by_author["Mion"]
    assert mion["nearest"]["doi"] == "10.1111/cns.12099"
    assert "same first author" in mion["nearest"]["why"]
    assert run.json()["summary"] == {"verified": 0, "mismatch": 1, "not_found": 4, "skipped": 0, "error": 0}


@needs_shared
@pytest.mark.parametrize("seed", ["000_d0049d0c0da88a0a.txt", "002_3ce2cd98bbce725a.txt", "003_9edfcedc1e237e56.txt", "004_dc01302f98b94b82.txt"])
def test_seeds_without_references_say_so_and_exit_0(fake_crossref, seed):
    run = run_cli("check", str(SEEDS / seed), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet")
    assert run.exit_code == 0
    assert "no references found" in run.stdout
    assert fake_crossref.requests == []


def test_sample_article_verdicts(fake_crossref):
    run = _check_json(fake_crossref.url, str(SAMPLE))
    assert run.exit_code == 1
    report = run.json()
    assert verdicts(report) == SAMPLE_VERDICTS
    li = report["documents"][0]["citations"][5]
    assert {k for k, v in li["fields"].items() if v["status"] == "mismatch"} == {"volume"}
    assert li["fields"]["year"]["note"] == "within a year: accepted"


def test_recorded_answers_give_the_same_report_with_no_network():
    run = run_cli("check", str(SAMPLE), "--recorded", str(RECORDING), "--format", "json")
    assert run.exit_code == 1
    report = run.json()
    assert report["source"]["recorded"] is True
    assert verdicts(report) == SAMPLE_VERDICTS


def test_recorded_terminal_report_says_recorded_and_names_problems():
    run = run_cli("check", str(SAMPLE), "--recorded", str(RECORDING))
    assert run.exit_code == 1
    assert "Answers recorded, not live" in run.stdout
    assert "line 76 · no. 9 · MISMATCH" in run.stdout  # the list entry's number, to find it by
    assert "Corrected: Zanos, P., Moaddel, R." in run.stdout and "Nature, 533(7604), 481–486." in run.stdout
    assert "https://doi.org/10.1038/nature17998" in run.stdout
    assert "5 verified, 2 mismatch, 2 not found, 1 skipped, 0 error" in run.stdout


def test_second_run_is_answered_from_the_cache(fake_crossref, tmp_path):
    args = ("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--cache-dir", str(tmp_path), "--quiet", "--format", "json")
    first = run_cli(*args)
    asked = len(fake_crossref.requests)
    assert asked > 0
    second = run_cli(*args)
    assert len(fake_crossref.requests) == asked
    assert verdicts(second.json()) == verdicts(first.json()) == SAMPLE_VERDICTS


def test_offline_with_empty_cache_is_error_not_not_found(tmp_path):
    run = run_cli("check", str(SAMPLE), "--offline", "--cache-dir", str(tmp_path), "--format", "json", "--quiet")
    assert run.exit_code == 3
    got = verdicts(run.json())
    assert set(got) == {"error", "skipped"}


def test_standard_input(fake_crossref):
    article = "Ketamine and pain\n\nReferences\n" + SAMPLE.read_text().split("## References")[1].split("\n\n")[1]
    run = run_cli("check", "-", "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json", input=article)
    assert run.exit_code == 1
    doc = run.json()["documents"][0]
    assert doc["path"] == "-"
    assert len(doc["citations"]) == 10


def test_unreadable_input_is_named_and_the_others_still_checked(fake_crossref, tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("Nothing cited here.\n")
    run = run_cli("check", str(tmp_path / "missing.md"), str(good), "--crossref-url", fake_crossref.url, "--no-cache")
    assert run.exit_code == 2
    assert "missing.md: no such file" in run.stderr
    assert "ok.txt" in run.stdout and "no references found" in run.stdout


def test_service_down_gives_error_and_exit_3(fake_crossref):
    fake_crossref.set_down(True)
    run = _check_json(fake_crossref.url, str(SAMPLE), extra=("--timeout", "2"))
    assert run.exit_code == 3
    got = verdicts(run.json())
    assert "not_found" not in got and "verified" not in got
    assert got.count("error") == 9


def test_fail_on_not_found_only_makes_mismatch_a_warning(fake_crossref, tmp_path):
    zanos = [l for l in SAMPLE.read_text().splitlines() if l.startswith("- Zanos")][0]
    article = tmp_path / "one.md"
    article.write_text(f"# Ketamine\n\n## References\n\n{zanos}\n")
    assert _check_json(fake_crossref.url, str(article)).exit_code == 1
    assert _check_json(fake_crossref.url, str(article), extra=("--fail-on", "not_found")).exit_code == 0


def test_fail_on_given_twice_adds_up_and_takes_the_verdict_as_the_report_writes_it(fake_crossref, tmp_path):
    zanos = [l for l in SAMPLE.read_text().splitlines() if l.startswith("- Zanos")][0]  # a mismatch
    article = tmp_path / "one.md"
    article.write_text(f"# Ketamine\n\n## References\n\n{zanos}\n")
    url = fake_crossref.url
    # The first value is not dropped: "mismatch" still fails the run.
    assert _check_json(url, str(article), extra=("--fail-on", "mismatch", "--fail-on", "error")).exit_code == 1
    assert _check_json(url, str(article), extra=("--fail-on", "not-found", "--fail-on", "mismatch")).exit_code == 1
    assert _check_json(url, str(article), extra=("--fail-on", "not-found")).exit_code == 0
    spaced = run_cli("check", str(article), "--crossref-url", url, "--no-cache", "--quiet", "--format", "json",
                     env={"CITECHECK_FAIL_ON": "not_found mismatch"})
    assert spaced.exit_code == 1


def test_a_cache_directory_written_with_a_tilde_is_in_the_home_directory(fake_crossref, tmp_path, monkeypatch):
    # GitHub Actions' env: blocks pass "~/.cache/citecheck" as written; the shell would have expanded it.
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    run = run_cli("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--quiet", "--format", "json",
                  env={"HOME": str(home), "CITECHECK_CACHE_DIR": "~/.cache/citecheck"})
    assert run.exit_code == 1
    assert list((home / ".cache" / "citecheck").glob("*.sqlite3")) and not (tmp_path / "~").exists()


def test_bad_option_is_a_usage_error():
    assert run_cli("check", str(SAMPLE), "--fail-on", "everything").exit_code == 2
    assert run_cli("check", str(SAMPLE), "--format", "pdf").exit_code == 2


@needs_shared
def test_seed_001_claims_are_tied_to_citations_and_the_journal_conflict_is_reported(fake_crossref):
    doc = _check_json(fake_crossref.url, str(SEED_001)).json()["documents"][0]
    assert [i["reference"] for i in doc["in_text"]] == [0, 1, 2, 3, 4]
    specific = [c for c in doc["claims"] if c["specific"]]
    assert len(specific) == 5 and all(c["reference"] is not None for c in specific)
    assert [c["line"] for c in doc["claims"] if not c["specific"]] == [14]  # "Studies also suggest ..."
    duman_claim = next(c for c in doc["claims"] if "Journal of Neuroscience" in c["text"])
    assert any("Nature Medicine" in conflict for conflict in duman_claim["conflicts"])
    assert doc["uncited_entries"] == [] and doc["unmatched_in_text"] == []


@needs_shared
def test_seed_003_dated_study_mentions_are_reported_as_claims(fake_crossref):
    run = _check_json(fake_crossref.url, str(SEEDS / "003_9edfcedc1e237e56.txt"))
    assert run.exit_code == 0
    claims = run.json()["documents"][0]["claims"]
    assert {2019, 2021, 2022} <= {c["year"] for c in claims}
    assert all(c["reference"] is None for c in claims)


def test_in_text_citation_without_entry_and_entry_never_cited_are_reported(fake_crossref, tmp_path):
    text = SAMPLE.read_text().replace("(Kessler et al., 2021)", "(Kessler et al., 2021; Ortiz, 2020)")
    text = text.replace("(Hallworth & Nguyen, 2017)", "(unpublished)")
    article = tmp_path / "a.md"
    article.write_text(text)
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet")
    shown = " ".join(run.stdout.split())
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if "Ortiz, 2020" in t)
    assert f"Cited in the text but not in the reference list: line {line}: Ortiz, 2020" in shown
    assert "In the reference list but never cited in the text: line 70" in shown
    doc = _check_json(fake_crossref.url, str(article)).json()["documents"][0]
    assert [i["text"] for i in doc["unmatched_in_text"]] and "Ortiz" in doc["unmatched_in_text"][0]["text"]
    hallworth = next(k for k, c in enumerate(doc["citations"]) if c["text"].startswith("Hallworth"))
    assert doc["uncited_entries"] == [hallworth]


def test_an_invented_article_cited_without_volume_or_pages_is_not_found_and_a_web_page_skipped(fake_crossref, tmp_path):
    # Clinic pages often cite "Title. Journal. Year." only: the journal is read, so an
    # invention in that form is not_found (it was skipped as "a book or report"), while a
    # site after the title is no journal and an unmatched web page stays skipped.
    article = tmp_path / "a.md"
    article.write_text("# Ketamine\n\nKetamine helps [1]. A guide explains more [2].\n\n## References\n\n"
                       "1. Smith J. Ketamine reverses fibromyalgia within a week in most adults. Pain Medicine. 2019.\n"
                       "2. Smith J. Ketamine therapy explained. Healthline. 2022.\n", encoding="utf-8")
    citations = _check_json(fake_crossref.url, str(article)).json()["documents"][0]["citations"]
    assert [c["verdict"] for c in citations] == ["not_found", "skipped"]


def test_json_reports_with_claims_links_and_notes_validate_against_the_published_schema(fake_crossref, tmp_path):
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    schema = json.loads((FIXTURES.parent / "docs" / "report.schema.json").read_text())
    notes = tmp_path / "notes.md"
    notes.write_text("# Ketamine\n\nA 2016 study in Nature Medicine described plasticity.[^1] Relief came "
                     "(Zheng et al., 2019) [4].\n\n[^1]: Duman RS, Aghajanian GK. Synaptic plasticity and depression. "
                     "Nat Med. 2016;22(3):238-49.\n")
    articles = [str(FIXTURES / "articles" / name) for name in ("clinic.md", "wild.html", "clinic.docx")] + [str(notes)]
    report = _check_json(fake_crossref.url, *articles).json()
    jsonschema.validate(report, schema)
    docs = report["documents"]
    assert any(d["claims"] for d in docs) and any(d["unmatched_in_text"] for d in docs)
    assert all(c["parsed"] is not None for d in docs for c in d["citations"])


def test_a_pubmed_export_and_a_quarto_article_with_csl_references_are_checked(fake_crossref):
    # PubMed's MEDLINE records (.nbib, CRLF) and a Quarto article whose front matter lists CSL items:
    # before session 9 the first gave no citation (exit 0) and the second one garbled entry.
    report = _check_json(fake_crossref.url, str(FIXTURES / "articles" / "pubmed-export.nbib"),
                         str(FIXTURES / "articles" / "clinic.qmd")).json()
    nbib, qmd = report["documents"]
    assert [(c["line"], c["verdict"]) for c in nbib["citations"]] == [(1, "verified"), (31, "verified"),
                                                                      (58, "not_found")]
    assert [(c["line"], c["verdict"]) for c in qmd["citations"]] == [(7, "verified"), (34, "mismatch"),
                                                                     (46, "not_found")]
    fields = qmd["citations"][1]["fields"]
    assert [name for name, f in fields.items() if f["status"] == "mismatch"] == ["year"]
    assert fields["year"]["found"] == "2016"
    assert [it["text"] for it in qmd["in_text"]] == ["@berman2000", "@zanos2016", "@calloway2022"]
