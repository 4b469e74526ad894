"""`--format sarif`: SARIF 2.1.0 for code scanning; one result per failing citation."""

from __future__ import annotations

import json

from citecheck import HOMEPAGE, __version__
from citecheck.models import Report
from citecheck.policy import fails
from citecheck.report.interface import Reporter, annotation_level, safe_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: An annotation level (annotation_level, shared with `--format github`) as SARIF names it.
SARIF_LEVELS = {"error": "error", "warning": "warning", "notice": "note"}
#: key -> (rule id, description, level when the run's --fail-on does not include the key).
RULES = {
    "mismatch": ("citation-mismatch", "A real work cited with wrong details", "warning"),
    "not_found": ("citation-not-found", "No published work matches the citation", "error"),
    "skipped": ("citation-skipped", "The citation is not something Crossref holds", "note"),
    "error": ("citation-unchecked", "The citation could not be checked", "warning"),
    "retracted": ("citation-retracted", "The cited work has been retracted", "error"),
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
                key = "retracted" if r.retracted and r.verdict.value not in fail_on else r.verdict.value
                rule_id = RULES[key][0]
                results.append({
                    "ruleId": rule_id,
                    "ruleIndex": rule_ids.index(key),
                    # The same level `--format github` gives: a result that fails the policy is an error.
                    "level": SARIF_LEVELS[annotation_level(r, fail_on)],
                    "message": {"text": safe_text(f"{r.reason} Cited: {r.citation.text}")},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": doc.path.replace("\\", "/")},
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
                "results": results,
            }],
        }
        return json.dumps(log, indent=2, ensure_ascii=True) + "\n"


def _rule_level(key: str, level: str, fail_on: tuple[str, ...]) -> str:
    """A rule's default level in this run: `error` when --fail-on fails what it reports."""
    if key in fail_on:
        return "error"
    return level if level != "none" else "note"
