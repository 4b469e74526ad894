"""`citecheck batch` (issue 8): the same verdicts as `check`, and the same on DuckDB and Spark.

The references are the sample article's entries (fixtures/sample-article.md) plus altered and
invented ones; the records are fixtures/corpus. Spark runs in local mode bound to 127.0.0.1; its
test is marked `slow` (JVM start-up: ~20-60 s) but runs by default.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import FIXTURES, run_cli

pytest.importorskip("tantivy", reason="tantivy is not installed (pip install 'citecheck[index]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'citecheck[index]')")
pytest.importorskip("duckdb", reason="duckdb is not installed (pip install 'citecheck[index]')")

from citecheck.batch.job import MalformedLine, parse_line, read_verdicts, reference_keys  # noqa: E402
from citecheck.extract import extract_bytes  # noqa: E402
from tests.fake_crossref import load_corpus  # noqa: E402

SAMPLE = FIXTURES / "sample-article.md"
EXTRA = [
    # Duman 2016 cited with the year, volume, issue and pages of another paper (seed 001).
    "Duman RS, Aghajanian GK, Sanacora G, Krystal JH. Synaptic plasticity and depression: new insights from "
    "stress and rapid-acting antidepressants. Nat Med. 2012;18(9):1386-98.",
    # Invented, in a journal the corpus holds.
    "Ortega L, Brandt S. Ketamine microdosing restores synaptic density in chronic migraine. Nat Med. 2020;26(4):512-19.",
    # A right citation by DOI alone.
    "https://doi.org/10.1111/cns.12099",
]


@pytest.fixture(scope="module")
def job(tmp_path_factory):
    """(index dir, references JSONL, the sample's verdicts from `check` against the fake Crossref)."""
    tmp = tmp_path_factory.mktemp("batch")
    src = tmp / "corpus.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in load_corpus(FIXTURES / "corpus")), encoding="utf-8")
    assert run_cli("index", "build", str(src), "--index", str(tmp / "ix"), "--quiet").exit_code == 0
    entries = [c.text for c in extract_bytes(SAMPLE.read_bytes(), str(SAMPLE)).citations] + EXTRA
    refs = tmp / "refs.jsonl"
    refs.write_text("".join(json.dumps({"id": f"{i:03d}", "reference": t}) + "\n" for i, t in enumerate(entries))
                    + "\nnot json\n{\"id\": 1}\n", encoding="utf-8")
    return tmp / "ix", refs, len(entries)


def test_parse_line_and_keys():
    assert parse_line('{"id": 7, "reference": "x"}') == ("7", "x")
    assert parse_line("  \n") is None  # a blank line is nothing, not malformed
    for line, why in (("[]", "not a JSON object"), ('{"reference": "no id"}', '"id"'), ('{"id": 1}', '"reference"'),
                      ("{oops", "not JSON")):
        with pytest.raises(MalformedLine, match=why):
            parse_line(line)
    keys = reference_keys("Duman RS, Aghajanian GK. Synaptic plasticity and depression: new insights. Nat Med. 2016;22(3):238-49.")
    assert "ay:duman|2016" in keys and "jvp:nm|22|238" in keys and sum(k.startswith("mh:") for k in keys) == 8
    assert reference_keys("National Institute of Mental Health. (2024). Depression. https://www.nimh.nih.gov/x") == []
    # A title with a link to PubMed Central is an article's, however little else is read (trial 25)
    assert reference_keys("Smith J. A study of depression in adults. 2020. https://pmc.ncbi.nlm.nih.gov/articles/PMC1234567/")


def test_duckdb_batch_gives_the_check_commands_verdicts(job, fake_crossref, tmp_path):
    index, refs, n = job
    out = tmp_path / "verdicts.jsonl"
    run = run_cli("batch", str(refs), "--index", str(index), "-o", str(out))
    assert run.exit_code == 0, run.stderr
    assert f"skipped 2 malformed lines in {refs} (first: line {n + 2}: not JSON)" in run.stderr
    rows = read_verdicts(out)
    assert len(rows) == n
    check = run_cli("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    api = [(c["verdict"], (c.get("match") or {}).get("doi")) for c in check.json()["documents"][0]["citations"]]
    assert [(r["verdict"], r["doi"]) for r in rows[: len(api)]] == api
    duman, invented, by_doi = rows[len(api):]
    assert duman["verdict"] == "mismatch" and duman["doi"] == "10.1038/nm.4050"
    assert set(duman["wrong_fields"]) == {"year", "volume", "issue", "pages"}
    assert invented["verdict"] == "not_found" and invented["doi"] is None
    assert by_doi["verdict"] == "verified" and by_doi["doi"] == "10.1111/cns.12099"
    # Parquet output: the same rows.
    run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "v.parquet"), "--quiet", "--workers", "2")
    assert read_verdicts(tmp_path / "v.parquet") == rows


def test_malformed_lines_are_counted_and_named_even_with_quiet(job, tmp_path):
    index, refs, n = job
    run = run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "v.jsonl"), "--quiet")
    assert run.exit_code == 0
    assert run.stderr.strip() == f"citecheck: skipped 2 malformed lines in {refs} (first: line {n + 2}: not JSON)"
    assert len(read_verdicts(tmp_path / "v.jsonl")) == n


def test_an_input_with_no_reference_line_is_refused_and_an_empty_one_is_not(job, tmp_path):
    index, refs, _ = job
    (tmp_path / "refs.csv").write_text("id,reference\n1,\"Smith J. A title. J X. 2020.\"\n", encoding="utf-8")
    run = run_cli("batch", str(refs), str(tmp_path / "refs.csv"), "--index", str(index), "-o", str(tmp_path / "v.jsonl"))
    assert run.exit_code == 2 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (f"citecheck: {tmp_path / 'refs.csv'}: not JSON lines of references "
                                  '({"id": ..., "reference": "..."} a line): 2 malformed, first: line 1: not JSON')
    assert not (tmp_path / "v.jsonl").exists()
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    run = run_cli("batch", str(tmp_path / "empty.jsonl"), "--index", str(index), "-o", str(tmp_path / "v.jsonl"))
    assert run.exit_code == 0 and "no references" in run.stderr
    assert read_verdicts(tmp_path / "v.jsonl") == []


def test_output_format_follows_the_suffix_or_is_refused(job, tmp_path):
    index, refs, n = job
    run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "v.jsonl"), "--quiet")
    run = run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "v.csv"), "--quiet")
    assert run.exit_code == 0
    header, first = (tmp_path / "v.csv").read_text(encoding="utf-8").splitlines()[:2]
    assert header == "id,reference,verdict,reason,doi,title,wrong_fields,retracted,nearest_doi"
    assert first.startswith('000,"') and not first.startswith("{")
    assert read_verdicts(tmp_path / "v.csv") == read_verdicts(tmp_path / "v.jsonl")
    assert any(r["wrong_fields"] for r in read_verdicts(tmp_path / "v.csv"))  # a list cell read back
    for name in ("v.txt", "v.json"):
        run = run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / name))
        assert run.exit_code == 2 and not (tmp_path / name).exists()
        suffix = name[1:]
        assert run.stderr.strip() == (f"citecheck: --output {tmp_path / name}: batch cannot write {suffix} files; "
                                      "name it .jsonl, .csv, .parquet (no suffix: JSON lines)")


def test_batch_usage_errors(job, tmp_path):
    index, refs, _ = job
    assert run_cli("batch", str(refs), "--index", str(tmp_path), "-o", str(tmp_path / "o.jsonl")).exit_code == 2
    assert run_cli("batch", str(tmp_path / "none.jsonl"), "--index", str(index), "-o", str(tmp_path / "o.jsonl")).exit_code == 2
    assert run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "o"), "--engine", "hive").exit_code == 2
    for args, message in ((("--memory", "lots"), "--memory takes a size"),
                          (("-o", str(tmp_path / "no" / "o.jsonl")), f"no such directory {tmp_path / 'no'}")):
        run = run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "o.jsonl"), *args)
        assert run.exit_code == 2 and message in run.stderr and "Traceback" not in run.stderr


def _spark_ready() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'citecheck[spark]')"
    if shutil.which("java") is None:
        return "no Java runtime on PATH (Spark needs Java 17)"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_spark_ready() is not None, reason=_spark_ready() or "")
def test_spark_batch_gives_duckdbs_verdicts(job, tmp_path):
    index, refs, n = job
    run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "duck.jsonl"), "--quiet")
    run = run_cli("batch", str(refs), "--index", str(index), "-o", str(tmp_path / "spark"), "--engine", "spark", "--cores", "2")
    assert run.exit_code == 0, run.stderr
    assert f"skipped 2 malformed lines in {refs}" in run.stderr
    spark_rows = read_verdicts(tmp_path / "spark")
    assert len(spark_rows) == n
    assert spark_rows == read_verdicts(tmp_path / "duck.jsonl")
