"""`--format sarif`: SARIF 2.1.0 for code scanning; one result per failing citation.

An input that could not be read, or read only in part, or citations that could not be checked,
make the run's invocation `executionSuccessful: false` with a notification per file: without
them code scanning showed a clean run while the job exited 2 or 3.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from urllib.parse import quote

from citecheck import HOMEPAGE, __version__
from citecheck.inputs import is_url
from citecheck.models import DocumentResult, Report, Verdict
from citecheck.policy import exit_code, fails
from citecheck.report.interface import (Reporter, annotation_level, binary_format, place_in, plural, problem_kind,
                                        problems_of, reason_with_notices, safe_text)

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The artifact URI of standard input (`-` on the command line), which has no file name.
STDIN_URI = "stdin"
#: The base of relative artifact URIs: the working directory, which is the checkout in CI.
SRCROOT = "%SRCROOT%"
#: An annotation level (annotation_level, shared with `--format github`) as SARIF names it.
SARIF_LEVELS = {"error": "error", "warning": "warning", "notice": "note"}
#: key -> (rule id, description, level when the run's --fail-on does not include the key).
RULES = {
    "mismatch": ("citation-mismatch", "A real work cited with wrong details", "warning"),
    "not_found": ("citation-not-found", "No published work matches the citation", "error"),
    "skipped": ("citation-skipped", "The citation is not something Crossref holds", "note"),
    "error": ("citation-unchecked", "The citation could not be checked", "warning"),
    "retracted": ("citation-retracted", "The cited work has been retracted", "error"),
    "remark": ("citation-remark", "The citation matches a published work, with a remark (a detail the "
               "record lacks, or a year one off)", "note"),
    "verified": ("citation-verified", "The citation matches a published work", "none"),
}


class SarifReport(Reporter):
    """SARIF log with one run; rule ids per verdict (and one for retractions)."""

    name = "sarif"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """SARIF JSON text."""
        rule_ids = list(RULES)
        results = []
        for doc in report.documents:
            for r in doc.results:
                if not fails(r, fail_on):
                    continue
                key = problem_kind(r, fail_on)
                rule_id = RULES[key][0]
                results.append({
                    "ruleId": rule_id,
                    "ruleIndex": rule_ids.index(key),
                    # The same level `--format github` gives: a result that fails the policy is an error.
                    "level": SARIF_LEVELS[annotation_level(r, fail_on)],
                    # A Word or PDF file's "line" is a paragraph, or a line of its text on a page: said.
                    "message": {"text": safe_text(
                        (f"{place_in(doc, r.citation.line, r.citation.page)}: " if binary_format(doc) else "")
                        + f"{reason_with_notices(r)} Cited: {r.citation.text}")},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": artifact_location(doc.path),
                        "region": {"startLine": max(1, r.citation.line)},
                    }}],
                })
        log = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "citecheck", "version": __version__, "informationUri": HOMEPAGE,
                    "rules": [{"id": rid, "shortDescription": {"text": desc},
                               "defaultConfiguration": {"level": _rule_level(key, level, fail_on)}}
                              for key, (rid, desc, level) in RULES.items()],
                }},
                # Relative URIs are relative to the working directory (the checkout in CI), named as
                # SARIF viewers expect: %SRCROOT%.
                "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
                "invocations": [_invocation(report, fail_on)],
                "results": results,
            }],
        }
        return json.dumps(log, indent=2, ensure_ascii=True) + "\n"


def _rule_level(key: str, level: str, fail_on: tuple[str, ...]) -> str:
    """A rule's default level in this run: `error` when --fail-on fails what it reports."""
    if key in fail_on:
        return "error"
    return level if level != "none" else "note"


def artifact_location(path: str) -> dict:
    """A document's SARIF artifactLocation: its URI, based on %SRCROOT% when relative."""
    uri = artifact_uri(path)
    if uri == STDIN_URI or is_url(uri):
        return {"uri": uri}
    return {"uri": uri, "uriBaseId": SRCROOT}


def artifact_uri(path: str) -> str:
    """A document's SARIF URI: relative to the working directory when the file is under it (as
    code scanning expects), else an absolute file: URI; `stdin` for standard input, a URL as it is."""
    if path == "-":
        return STDIN_URI
    if is_url(path):
        return path
    cwd = Path.cwd()
    # Unresolved first, so a symlinked file inside the checkout keeps its own path; then
    # resolved, for a working directory reached through a symbolic link.
    candidates = [(Path(os.path.abspath(path)), cwd)]
    with contextlib.suppress(OSError, ValueError):  # a name no file system holds (a NUL byte)
        candidates.append((Path(path).resolve(), cwd.resolve()))
    for file, base in candidates:
        if file.is_relative_to(base):
            return quote(file.relative_to(base).as_posix())
    return Path(os.path.abspath(path)).as_uri()


def _invocation(report: Report, fail_on: tuple[str, ...]) -> dict:
    """The run's invocation: unsuccessful, with a notification per file, when inputs (or parts
    of them) went unread or citations unchecked."""
    notifications = [n for doc in report.documents if (n := _notification(doc))]
    invocation = {"executionSuccessful": not notifications, "exitCode": int(exit_code(report, fail_on))}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def _notification(doc: DocumentResult) -> dict | None:
    """An error notification naming the file and what was not done, or None when all was checked."""
    name = "standard input" if doc.path == "-" else doc.path
    if doc.error:
        text = f"{name} could not be read: {doc.error}"
    else:
        # A file read in part may also have notes citing nothing or citations unchecked: one
        # notification per file, saying each.
        said = problems_of(doc)
        unchecked = [r for r in doc.results if r.verdict is Verdict.ERROR]
        if unchecked:
            said.append(f"{plural(len(unchecked), 'citation')} could not be checked. {unchecked[0].reason}")
        if not said:
            return None
        text = f"{name}: " + "; ".join(said)
    return {"level": "error", "message": {"text": safe_text(text)},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(doc.path)}}]}
