"""`--format sarif`: SARIF 2.1.0 for code scanning; one result per failing citation."""

from __future__ import annotations

import json

from citecheck import HOMEPAGE, __version__
from citecheck.models import Report
from citecheck.policy import fails
from citecheck.report.interface import Reporter, safe_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
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
                rule_id, _, level = RULES[key]
                results.append({
                    "ruleId": rule_id,
                    "ruleIndex": rule_ids.index(key),
                    "level": level if level != "none" else "note",
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
                               "defaultConfiguration": {"level": level if level != "none" else "note"}}
                              for rid, desc, level in RULES.values()],
                }},
                "results": results,
            }],
        }
        return json.dumps(log, indent=2, ensure_ascii=True) + "\n"
