"""A reference file read in part: the records that can be read are checked, the ones that
cannot are named (a problem of the document), and the run is incomplete: exit 2 unless a
checked citation fails the policy (then 1), and every report says so.

Before this, one BibTeX entry with a syntax error made the whole file an input error, and
an invented reference among the others went unchecked until the file was mended."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tests.conftest import FIXTURES, run_cli

from citecheck.exit_codes import ExitCode
from citecheck.extract import ExtractError, extract_bytes
from citecheck.models import Citation, CheckResult, DocumentResult, Report, Verdict
from citecheck.policy import DEFAULT_FAIL_ON, exit_code, unread

pytest.importorskip("bibtexparser", reason="bibtexparser is not installed")
pytest.importorskip("rispy", reason="rispy is not installed")

#: Three works the fake Crossref holds (fixtures/corpus), cited right, and one entry whose
#: volume field is never closed (line 23), as a hand edit in a reference manager leaves it.
GOOD_AND_BROKEN_BIB = b"""% Ketamine review: references exported from Zotero, then edited by hand
@article{berman2000,
  author = {Berman, Robert M. and Cappiello, Angela and Anand, Amit and Oren, Dan A.},
  title = {Antidepressant effects of ketamine in depressed patients},
  journal = {Biological Psychiatry},
  year = {2000},
  volume = {47},
  number = {4},
  pages = {351--354},
  doi = {10.1016/S0006-3223(99)00230-9}
}

@article{zarate2006,
  author = {Zarate, Carlos A. and Singh, Jaskaran B. and Carlson, Paul J. and Brutsche, Nancy E.},
  title = {A Randomized Trial of an N-methyl-D-aspartate Antagonist in Treatment-Resistant Major Depression},
  journal = {Archives of General Psychiatry},
  year = {2006},
  volume = {63},
  number = {8},
  pages = {856--864}
}

@article{krystal2019,
  author = {Krystal, John H. and Abdallah, Chadi G. and Sanacora, Gerard and Charney, Dennis S.},
  title = {Ketamine: A Paradigm Shift for Depression Research and Treatment},
  journal = {Neuron},
  year = {2019},
  volume = {101
  number = {5},
  pages = {774--778}
}

@article{murrough2013,
  author = {Murrough, James W. and Iosifescu, Dan V. and Chang, Lee C. and Al Jurdi, Rayan K.},
  title = {Antidepressant Efficacy of Ketamine in Treatment-Resistant Major Depression: A Two-Site Randomized Controlled Trial},
  journal = {American Journal of Psychiatry},
  year = {2013},
  volume = {170},
  number = {10},
  pages = {1134--1142}
}
"""
BROKEN_LINE = 23
PROBLEM = (f"1 BibTeX entry could not be read (line {BROKEN_LINE}: a brace or quote is not closed) and was not "
           "checked; fix it and check the file again")
#: An invented reference, among the readable entries: checked, and not found.
INVENTED = b"""
@article{holloway2021,
  author = {Holloway, Margaret and Tennant, Rhys},
  title = {Single-dose intranasal ketamine abolishes seasonal migraine recurrence in adolescents},
  journal = {The Lancet Neurology},
  year = {2021},
  volume = {20},
  pages = {512--520}
}
"""


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _check(fake, path, *extra: str, quiet: bool = True):
    return run_cli("check", str(path), "--crossref-url", fake.url, "--no-cache", *(("--quiet",) if quiet else ()), *extra)


# --- extraction ------------------------------------------------------------------


def test_the_readable_entries_are_extracted_and_the_broken_one_named():
    ex = extract_bytes(GOOD_AND_BROKEN_BIB, "refs.bib")
    assert [(c.line, c.authors[0].surname) for c in ex.citations] == [(2, "Berman"), (13, "Zarate"), (33, "Murrough")]
    assert ex.problems == (PROBLEM,)


def test_ris_record_with_no_end_line_is_named_not_merged_into_the_next():
    """rispy reads a record with no "ER  -" into the next one (the next one's authors added
    to it, its title lost) and drops one at the end of the file; each is named instead."""
    ris = (b"TY  - JOUR\nAU  - Berman, RM\nTI  - Antidepressant effects of ketamine in depressed patients\n"
           b"JO  - Biological Psychiatry\nPY  - 2000\nER  - \n\n"
           b"TY  - JOUR\nAU  - Krystal, JH\nTI  - Ketamine: A Paradigm Shift for Depression Research and Treatment\n"
           b"JO  - Neuron\nPY  - 2019\n\n"
           b"TY  - JOUR\nAU  - Zarate, CA\nTI  - A Randomized Trial of an N-methyl-D-aspartate Antagonist\n"
           b"JO  - Archives of General Psychiatry\nPY  - 2006\nER  - \n\n"
           b"TY  - JOUR\nAU  - Murrough, JW\nTI  - Antidepressant Efficacy of Ketamine\nPY  - 2013\n")
    ex = extract_bytes(ris, "refs.ris")
    assert [(c.line, [a.surname for a in c.authors]) for c in ex.citations] == [(1, ["Berman"]), (14, ["Zarate"])]
    assert ex.problems == ('2 RIS records could not be read (lines 8, 21: no closing "ER  -" line) and were not '
                           "checked; fix them and check the file again",)
    with pytest.raises(ExtractError, match=r'^1 RIS record could not be read \(line 1: no closing "ER  -" line\); '
                                           r"fix it to check this file$"):
        extract_bytes(b"TY  - JOUR\nTI  - Cut off\n", "cut.ris")


def test_csl_json_item_with_no_type_is_named_and_the_others_read():
    items = [{"id": "berman", "type": "article-journal", "title": "Antidepressant effects of ketamine",
              "container-title": "Biological Psychiatry", "issued": {"date-parts": [[2000]]}},
             {"id": "krystal", "title": "Ketamine: A Paradigm Shift", "container-title": "Neuron"},
             {"id": "zarate", "type": "article-journal", "title": "A Randomized Trial of an NMDA Antagonist",
              "container-title": "Archives of General Psychiatry", "issued": {"date-parts": [[2006]]}}]
    text = json.dumps(items, indent=2)
    line = text.splitlines().index('    "id": "krystal",')  # the line of its "{", counted from 1
    ex = extract_bytes(text.encode(), "library.json")
    assert [c.title for c in ex.citations] == ["Antidepressant effects of ketamine", "A Randomized Trial of an NMDA Antagonist"]
    assert ex.problems == (f'1 CSL-JSON item could not be read (line {line}: not an object with a "type") and was not '
                           "checked; fix it and check the file again",)


# --- the rule and the exit code --------------------------------------------------


def _doc(verdict: Verdict, problems=("1 BibTeX entry could not be read (line 9: a syntax error) ...",)):
    result = CheckResult(Citation("Smith J. A title. BMJ. 2001.", 1), verdict, "why")
    return DocumentResult("refs.bib", (result,), format="bibtex", problems=problems)


def test_a_document_read_in_part_makes_the_run_incomplete():
    assert unread(_doc(Verdict.VERIFIED)) and not unread(_doc(Verdict.VERIFIED, problems=()))
    assert exit_code(Report((_doc(Verdict.VERIFIED),)), DEFAULT_FAIL_ON) is ExitCode.INPUT_ERROR
    # a failing citation comes first; an unanswered one after the unread part (DESIGN.md)
    assert exit_code(Report((_doc(Verdict.NOT_FOUND),)), DEFAULT_FAIL_ON) is ExitCode.POLICY_FAILED
    assert exit_code(Report((_doc(Verdict.ERROR),)), DEFAULT_FAIL_ON) is ExitCode.INPUT_ERROR


# --- through the command line, every format --------------------------------------


def test_json_carries_the_problem_and_the_run_exits_2(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    run = _check(fake_crossref, path, "--format", "json", quiet=False)
    assert run.exit_code == 2, run.stderr
    doc = run.json()["documents"][0]
    assert doc["error"] is None and doc["problems"] == [PROBLEM]
    assert [(c["line"], c["verdict"]) for c in doc["citations"]] == [(2, "verified"), (13, "verified"), (33, "verified")]
    # stderr names the file and the entry in one line, and the summary says the check is incomplete
    assert f"citecheck: {path}: {PROBLEM}" in run.stderr.splitlines()
    assert "check incomplete: 1 input could be read only in part" in run.stderr
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the test extra")
    jsonschema.validate(run.json(), json.loads((FIXTURES.parent / "docs" / "report.schema.json").read_text()))


def test_an_invented_reference_among_the_readable_entries_fails_the_run(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB + INVENTED)
    run = _check(fake_crossref, path, "--format", "json")
    assert run.exit_code == 1, run.stderr
    doc = run.json()["documents"][0]
    assert [c["verdict"] for c in doc["citations"]] == ["verified", "verified", "verified", "not_found"]
    assert doc["problems"] == [PROBLEM]


def test_fail_on_none_reports_the_invented_entry_and_still_exits_2_for_the_unread_one(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB + INVENTED)
    run = _check(fake_crossref, path, "--format", "json", "--fail-on", "none")
    assert run.exit_code == 2, run.stderr
    invented = run.json()["documents"][0]["citations"][-1]
    assert (invented["line"], invented["verdict"], invented["fails"]) == (43, "not_found", False)


def test_terminal_report_names_the_entry_under_the_file_and_says_incomplete(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    run = _check(fake_crossref, path)
    assert run.exit_code == 2
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{path}  3 citations: 3 verified")
    assert lines[1] == f"Read in part: {PROBLEM}"
    assert "CHECK INCOMPLETE: 1 input could be read only in part; nothing that was checked fails the policy" in run.stdout
    assert PROBLEM not in run.stderr  # said once, in the report, where the editor reads the file's results


def test_terminal_report_to_a_file_leaves_the_problem_on_stderr(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    out = tmp_path / "report.txt"
    run = _check(fake_crossref, path, "--output", str(out))
    assert run.exit_code == 2
    assert f"Read in part: {PROBLEM}" in " ".join(out.read_text().split())  # wrapped at 100 columns
    assert f"citecheck: {path}: {PROBLEM}" in run.stderr.splitlines()


def test_markdown_says_incomplete_and_lists_the_unread_entry(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    text = _check(fake_crossref, path, "--format", "markdown").stdout
    assert "**❗ The check is incomplete:** 1 input could be read only in part." in text
    assert f"**Read in part:**\n\n- `{path}`: 1 BibTeX entry could not be read (line {BROKEN_LINE}" in text
    assert "No problems found in the citations that could be read." in text


def test_sarif_run_is_unsuccessful_with_a_notification_naming_the_file(fake_crossref, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    run = _check(fake_crossref, "refs.bib", "--format", "sarif")
    assert run.exit_code == 2
    invocation = json.loads(run.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"] == f"refs.bib: {PROBLEM}"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "refs.bib"


def test_junit_has_a_read_input_case_in_error(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    suite = ET.fromstring(_check(fake_crossref, path, "--format", "junit").stdout).find("testsuite")
    assert (suite.get("tests"), suite.get("errors"), suite.get("failures")) == ("4", "1", "0")
    (case,) = [c for c in suite.iter("testcase") if c.get("name") == "read input"]
    assert case.find("error").get("message") == PROBLEM


def test_github_annotation_is_an_error_on_the_file(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    lines = _check(fake_crossref, path, "--format", "github").stdout.splitlines()
    where = str(path).replace(":", "%3A").replace(",", "%2C")
    assert f"::error file={where},title=Read in part::{PROBLEM}" in lines


def test_ris_read_in_part_through_the_command_line(fake_crossref, tmp_path):
    ris = (b"TY  - JOUR\nAU  - Berman, Robert M.\nTI  - Antidepressant effects of ketamine in depressed patients\n"
           b"JO  - Biological Psychiatry\nPY  - 2000\nVL  - 47\nIS  - 4\nSP  - 351\nEP  - 354\nER  - \n\n"
           b"TY  - JOUR\nAU  - Krystal, John H.\nTI  - Ketamine: A Paradigm Shift for Depression Research and Treatment\n"
           b"JO  - Neuron\nPY  - 2019\n")
    run = _check(fake_crossref, _write(tmp_path, "refs.ris", ris), "--format", "json")
    assert run.exit_code == 2, run.stderr
    doc = run.json()["documents"][0]
    assert [c["verdict"] for c in doc["citations"]] == ["verified"]
    assert doc["problems"] == ['1 RIS record could not be read (line 12: no closing "ER  -" line) and was not '
                               "checked; fix it and check the file again"]


def test_extract_shows_the_readable_entries_and_names_the_broken_one(tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB)
    run = run_cli("extract", str(path), "--format", "json")
    assert run.exit_code == 2
    doc = run.json()["documents"][0]
    assert [c["line"] for c in doc["citations"]] == [2, 13, 33] and doc["problems"] == [PROBLEM]
    assert run.stderr.splitlines() == [f"citecheck: {path}: {PROBLEM}"]


def test_baseline_of_a_file_read_in_part_exits_2(fake_crossref, tmp_path):
    path = _write(tmp_path, "refs.bib", GOOD_AND_BROKEN_BIB + INVENTED)
    target = tmp_path / "baseline.json"
    run = run_cli("baseline", str(path), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet",
                  "--output", str(target))
    assert run.exit_code == 2, run.stderr
    assert f"citecheck: {path}: {PROBLEM}" in run.stderr.splitlines()
    assert f"citecheck: wrote 1 problem to {target}" in run.stderr.splitlines()  # the invented entry
