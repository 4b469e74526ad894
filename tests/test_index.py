"""The local copy of Crossref (issue 8): snapshot ingest and the index as a source.

The equality test runs the real `citecheck check` twice on fixtures/sample-article.md: once
against the fake Crossref serving fixtures/corpus, once with the service stack replaced by an
IndexService over an index built from the same records, and compares the verdicts.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run_cli

pytest.importorskip("tantivy", reason="tantivy is not installed (pip install 'citecheck[index]')")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'citecheck[index]')")

from citecheck.index.build import build_index, parse_filters  # noqa: E402
from citecheck.services.index import IndexService, build_source  # noqa: E402
from citecheck.services.interface import ServiceError  # noqa: E402
from tests.fake_crossref import load_corpus  # noqa: E402

SAMPLE = FIXTURES / "sample-article.md"


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return load_corpus(FIXTURES / "corpus")


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory, corpus) -> Path:
    src = tmp_path_factory.mktemp("snap") / "corpus.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in corpus), encoding="utf-8")
    directory = tmp_path_factory.mktemp("index")
    run = run_cli("index", "build", str(src), "--index", str(directory), "--quiet")
    assert run.exit_code == 0, run.stderr
    return directory


def _dois(directory: Path) -> set[str]:
    svc = IndexService(directory)
    return {w.doi for w in svc.search("ketamine depression pain science", 100)}


# -- ingest: each snapshot format, with malformed records -------------------------------------------

def test_public_data_file_items_json_gz_with_malformed_records(tmp_path, corpus):
    items = corpus[:5] + ["not an object", {"title": ["no DOI"]}] + corpus[5:8]
    (tmp_path / "snap").mkdir()
    with gzip.open(tmp_path / "snap" / "0.json.gz", "wt", encoding="utf-8") as f:
        json.dump({"items": items}, f)
    with gzip.open(tmp_path / "snap" / "1.json.gz", "wt", encoding="utf-8") as f:
        json.dump({"items": corpus[8:12]}, f)
    stats = build_index([str(tmp_path / "snap")], tmp_path / "ix")
    assert (stats.added, stats.malformed, stats.files) == (12, 2, 2)
    svc = IndexService(tmp_path / "ix")
    assert svc.work(corpus[9]["DOI"].upper()).doi == corpus[9]["DOI"].lower()
    assert svc.meta["malformed"] == 2 and svc.meta["records"] == 12


def test_metadata_plus_tar_of_jsonl_gz(tmp_path, corpus):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for n, chunk in enumerate((corpus[:10], corpus[10:])):
            lines = "".join(json.dumps(w) + "\n" for w in chunk) + ("{broken json\n" if n == 0 else "")
            data = gzip.compress(lines.encode())
            info = tarfile.TarInfo(f"snapshot/part-{n}.jsonl.gz")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (tmp_path / "all.jsonl.tar.gz").write_bytes(buf.getvalue())
    stats = build_index([str(tmp_path / "all.jsonl.tar.gz")], tmp_path / "ix", snapshot_date="2026-05-01")
    assert (stats.added, stats.malformed) == (len(corpus), 1)
    svc = IndexService(tmp_path / "ix")
    assert svc.snapshot_date == "2026-05-01"
    assert svc.source_info()["snapshot"] == "2026-05-01"


def test_plain_jsonl_of_works_and_api_answers_truncated_gzip(tmp_path, corpus):
    lines = [json.dumps(w) for w in corpus[:3]] + [json.dumps({"status": "ok", "message": corpus[3]}), "", "[1, 2]"]
    (tmp_path / "works.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = gzip.compress("".join(json.dumps(w) + "\n" for w in corpus[4:]).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])  # a download broken off
    stats = build_index([str(tmp_path / "works.jsonl"), str(tmp_path / "cut.jsonl.gz")], tmp_path / "ix")
    assert stats.malformed >= 2  # a list, the unreadable rest of the cut file (a blank line is no record)
    assert IndexService(tmp_path / "ix").work(corpus[3]["DOI"]) is not None
    assert 4 <= stats.added < len(corpus)


def test_resume_after_interruption_adds_nothing_twice(tmp_path, corpus, monkeypatch):
    src = tmp_path / "works.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in corpus), encoding="utf-8")
    import citecheck.index.build as build

    calls = {"n": 0}
    real_flush = build._Writer.flush

    def flaky(self, *args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_flush(self, *args)

    monkeypatch.setattr(build._Writer, "flush", flaky)
    with pytest.raises(KeyboardInterrupt):
        build_index([str(src)], tmp_path / "ix", batch_records=5)
    monkeypatch.setattr(build._Writer, "flush", real_flush)
    assert IndexService(tmp_path / "ix").meta["records"] == 10  # two batches committed
    stats = build_index([str(src)], tmp_path / "ix", batch_records=5)
    assert stats.resumed and stats.added == len(corpus) - 10
    svc = IndexService(tmp_path / "ix")
    hits = svc.search(corpus[0]["title"][0], 50)
    assert len({w.doi for w in hits}) == len(hits)  # no duplicates
    assert svc.meta["records"] == len(corpus)
    again = build_index([str(src)], tmp_path / "ix")  # everything done: nothing re-read
    assert again.read == 0


def test_filters(tmp_path, corpus):
    src = tmp_path / "works.jsonl"
    src.write_text("".join(json.dumps(w) + "\n" for w in corpus), encoding="utf-8")
    filt = parse_filters(["type=journal-article", "from-year=2010", "journal=Nature Medicine,Neuron"])
    stats = build_index([str(src)], tmp_path / "ix", filt)
    svc = IndexService(tmp_path / "ix")
    assert svc.work("10.1038/nm.4050") is not None  # Nature Medicine 2016
    assert svc.work("10.1001/archpsyc.63.8.856") is None  # Archives of General Psychiatry 2006
    assert stats.added + stats.filtered_out == len(corpus) and stats.added >= 1
    with pytest.raises(ValueError):
        parse_filters(["colour=red"])
    with pytest.raises(ValueError):  # the same index with another filter
        build_index([str(src)], tmp_path / "ix", parse_filters(["from-year=1990"]))


def test_cli_build_reports_malformed_and_bad_filter(tmp_path, corpus):
    src = tmp_path / "w.jsonl"
    src.write_text(json.dumps(corpus[0]) + "\nnot json\n", encoding="utf-8")
    run = run_cli("index", "build", str(src), "--index", str(tmp_path / "ix"))
    assert run.exit_code == 0
    assert "1 records added" in run.stderr and "1 malformed" in run.stderr
    assert run_cli("index", "build", str(src), "--index", str(tmp_path / "i2"), "--filter", "bogus").exit_code == 2
    assert run_cli("index", "build", str(tmp_path / "missing"), "--index", str(tmp_path / "i3")).exit_code == 2
    info = run_cli("index", "info", "--index", str(tmp_path / "ix"))
    assert json.loads(info.stdout)["records"] == 1


def test_cli_build_refuses_a_file_that_is_no_snapshot(tmp_path, corpus):
    good = tmp_path / "w.jsonl"
    good.write_text(json.dumps(corpus[0]) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\nthis is not JSON\n", encoding="utf-8")
    (tmp_path / "answer.json").write_text(json.dumps({"status": "ok", "message": {"title": ["no DOI"]}}), encoding="utf-8")
    (tmp_path / "x.jsonl.gz").write_bytes(b"not gzip")
    for bad, why in (("notes.txt", "2 malformed, first: bad JSON"), ("answer.json", "1 malformed, first: no DOI"),
                     ("x.jsonl.gz", "1 malformed, first: unreadable")):
        run = run_cli("index", "build", str(good), str(tmp_path / bad), "--index", str(tmp_path / "ix"), "--quiet")
        assert run.exit_code == 2 and "Traceback" not in run.stderr and run.stdout == ""
        assert run.stderr.startswith(f"citecheck: {tmp_path / bad}: not a Crossref snapshot or records file (no work "
                                     f"with a DOI in it; {why}")
        assert len(run.stderr.strip().splitlines()) == 1
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "readme.md").write_text("# not a snapshot\n", encoding="utf-8")
    run = run_cli("index", "build", str(tmp_path / "docs"), "--index", str(tmp_path / "ix2"), "--quiet")
    assert run.exit_code == 2 and run.stderr.startswith(f"citecheck: {tmp_path / 'docs'}: no snapshot file in it")


def test_cli_build_of_an_empty_source_says_so_and_succeeds(tmp_path):
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    (tmp_path / "none.json").write_text('{"items": []}', encoding="utf-8")
    run = run_cli("index", "build", str(tmp_path / "empty.jsonl"), str(tmp_path / "none.json"), "--index",
                  str(tmp_path / "ix"), "--quiet")
    assert run.exit_code == 0
    assert run.stderr.strip() == f"citecheck: no records in {tmp_path / 'empty.jsonl'} and 1 more (empty)"
    assert json.loads(run_cli("index", "info", "--index", str(tmp_path / "ix")).stdout)["records"] == 0


# -- the index as a source ----------------------------------------------------------------------

def test_index_service_answers(corpus_index, corpus):
    svc = build_source(f"index:{corpus_index}")
    assert svc.work("10.1038/NM.4050").title.startswith("Synaptic plasticity")
    assert svc.work("10.9999/unknown") is None
    assert svc.agency("10.1038/nm.4050") == "crossref"
    assert svc.agency("10.5061/dryad.unknown") is None  # the snapshot cannot know other agencies
    hits = svc.search("Duman RS, Aghajanian GK. Synaptic plasticity and depression: new insights "
                      "from stress and rapid-acting antidepressants. Nat Med. 2016;22(3):238-49.", 10)
    assert hits[0].doi == "10.1038/nm.4050" and hits[0].score > hits[-1].score
    assert svc.source_info()["name"] == "crossref-snapshot"
    with pytest.raises(ServiceError):
        build_source(f"index:{corpus_index}/nothing-here")
    with pytest.raises(ValueError):
        build_source("solr:http://x")


def _verdicts(report: dict) -> list[tuple]:
    return [(c["verdict"], (c.get("match") or {}).get("doi"), sorted(k for k, v in c["fields"].items() if v["status"] == "mismatch"))
            for c in report["documents"][0]["citations"]]


def test_local_source_verdicts_equal_the_api_paths(fake_crossref, corpus_index):
    api = run_cli("check", str(SAMPLE), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    local = run_cli("check", str(SAMPLE), "--source", f"index:{corpus_index}", "--quiet", "--format", "json")
    assert local.exit_code == api.exit_code == 1
    source = local.json()["source"]
    assert source["name"] == "crossref-snapshot" and source["snapshot"]
    text = run_cli("check", str(SAMPLE), "--quiet", env={"CITECHECK_SOURCE": f"index:{corpus_index}"}).stdout
    assert "Answers from crossref-snapshot" in text and "snapshot of" in text
    assert _verdicts(local.json()) == _verdicts(api.json())
    assert [v[0] for v in _verdicts(local.json())].count("verified") >= 5
