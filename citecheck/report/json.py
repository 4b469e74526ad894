"""`--format json`: the schema in DESIGN.md, schema_version 1."""

from __future__ import annotations

import json
from dataclasses import replace

from citecheck.extract.claims import years_differ
from citecheck.models import CheckResult, Claim, FieldCheck, InText, Notice, Report, Work
from citecheck.policy import fails
from citecheck.report.interface import Reporter, problems_of

SCHEMA_VERSION = 1


def work_json(work: Work | None) -> dict | None:
    """A matched work as the report shows it."""
    if work is None:
        return None
    return {
        "doi": work.doi, "title": work.title, "journal": work.journal, "year": work.year,
        "volume": work.volume, "issue": work.issue, "pages": work.pages or work.article_number,
        "authors": [a.surname for a in work.authors], "type": work.type,
        "journal_versions": list(work.journal_versions),
    }


def notice_json(n: Notice) -> dict:
    """One notice as the JSON report and `citecheck extract` give it."""
    return {"type": n.type, "doi": n.doi, "date": n.date, "source": n.source}


def _value(v):
    if isinstance(v, (list, tuple)):
        return [str(x) for x in v]
    return None if v is None else str(v)


def field_json(f: FieldCheck) -> dict:
    """One compared field."""
    out = {"cited": _value(f.cited), "found": _value(f.found), "status": f.status.value}
    if f.note:
        out["note"] = f.note
    return out


def citation_json(r: CheckResult, fail_on: tuple[str, ...]) -> dict:
    """One citation with its verdict and evidence."""
    c = r.citation
    return {
        "kind": c.kind, "text": c.text, "line": c.line, "page": c.page, "number": c.number,
        "verdict": r.verdict.value,
        "fails": fails(r, fail_on),
        "parsed": {
            "authors": [a.surname for a in c.authors], "year": c.year, "title": c.title, "journal": c.journal,
            "volume": c.volume, "issue": c.issue, "pages": c.pages, "doi": c.doi, "pmid": c.pmid, "url": c.url,
        },
        "match": work_json(r.match),
        "fields": {f.name: field_json(f) for f in r.fields},
        "retracted": r.retracted,
        "notices": [notice_json(n) for n in r.notices],
        "nearest": None if r.nearest is None else {
            "doi": r.nearest.doi, "title": r.nearest.title, "similarity": r.nearest.similarity, "why": r.nearest.why,
        },
        "ignored": r.ignored,
        "reason": r.reason,
    }


def _in_text(i: InText) -> dict:
    return {"text": i.text, "line": i.line, "page": i.page, "reference": i.reference}


def _claim(c: Claim) -> dict:
    return {"text": c.text, "line": c.line, "page": c.page, "year": c.year, "journal": c.journal,
            "specific": c.specific, "reference": c.reference, "conflicts": list(c.conflicts),
            "candidates": [{"doi": w.doi, "title": w.title, "journal": w.journal, "year": w.year} for w in c.candidates]}


def report_json(report: Report, fail_on: tuple[str, ...]) -> dict:
    """The whole report as JSON data."""
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"name": report.source.name, "url": report.source.url, "recorded": report.source.recorded,
                   "snapshot": report.source.snapshot},
        "documents": [
            {
                "path": d.path, "format": d.format, "error": d.error, "problems": problems_of(d),
                "citations": [citation_json(r, fail_on) for r in d.results],
                "in_text": [_in_text(i) for i in d.in_text],
                "claims": [_claim(c) for c in d.claims],
                "uncited_entries": list(d.uncited),
                "unmatched_in_text": [_in_text(i) for i in d.in_text if i.reference is None],
                "in_text_year_differs": [{**_in_text(i), "entry_year": year}
                                         for i, year in years_differ(d.in_text, tuple(r.citation for r in d.results))],
            }
            for d in report.documents
        ],
        "summary": report.summary(),
    }


class JsonReport(Reporter):
    """Machine-readable report."""

    name = "json"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """JSON text (ASCII-escaped, so no control character reaches a terminal raw)."""
        return json.dumps(report_json(report, fail_on), indent=2, ensure_ascii=True) + "\n"

    def write(self, report: Report, fail_on: tuple[str, ...], stream) -> None:
        """The same JSON written citation by citation, so a large report is never one string in memory."""
        head = report_json(Report((), report.source), fail_on)
        stream.write('{"schema_version": %d,\n "source": %s,\n "documents": [' % (SCHEMA_VERSION, json.dumps(head["source"])))
        for i, doc in enumerate(report.documents):
            empty = report_json(Report((replace(doc, results=()),), report.source), fail_on)["documents"][0]
            del empty["citations"]
            stream.write(("," if i else "") + '\n  {"citations": [')
            for k, result in enumerate(doc.results):
                stream.write(("," if k else "") + "\n    " + json.dumps(citation_json(result, fail_on), ensure_ascii=True))
            rest = json.dumps(empty, ensure_ascii=True)[1:]
            stream.write("\n  ]" + ("," if rest != "}" else "") + rest)
        stream.write('],\n "summary": %s}\n' % json.dumps(report.summary()))
