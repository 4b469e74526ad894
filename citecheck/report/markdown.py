"""`--format markdown`: a summary and a table of problems, for a pull-request comment."""

from __future__ import annotations

import re

from citecheck.models import Report, Verdict
from citecheck.policy import fails
from citecheck.report.correct import corrected_reference
from citecheck.report.interface import (FINDING_TITLES, PARTLY_READ, Reporter, entry_label, in_reading_order,
                                        in_text_to_change, incomplete_note, notice_name, place_in, plural,
                                        reason_with_notices, safe_text, text_findings, verified_remark)

ICONS = {"verified": "✅", "mismatch": "⚠️", "not_found": "❌", "skipped": "➖", "error": "❗"}
#: files named in the line on files where no citation was found (a site's other pages are many)
_MOST_EMPTY_NAMED = 10
#: A retracted work, and a work with another notice (a correction, an expression of concern).
RETRACTED_ICON, NOTICE_ICON = "⛔", "ℹ️"


def md_cell(value) -> str:
    """Text safe inside a Markdown table cell: no pipes, markup, HTML or line breaks."""
    text = safe_text(value)
    for ch in "\\`*_[]<>|#!~":
        text = text.replace(ch, "\\" + ch)
    return text


def md_code(value) -> str:
    """Text as a Markdown code span, shown as it is: nothing escaped, fenced by more backticks
    than it holds in a row (a space inside the fence when it starts or ends with one)."""
    text = safe_text(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class MarkdownReport(Reporter):
    """Summary counts, then one table row per problem."""

    name = "markdown"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """Markdown text."""
        s = report.summary()
        lines = ["## citecheck report", ""]
        if report.source.recorded:
            lines += [f"_Answers recorded, not live: {md_cell(report.source.url)}_", ""]
        summary = " · ".join(f"{ICONS[k]} {n} {k.replace('_', ' ')}" for k, n in s.items())
        retracted = sum(1 for d in report.documents for r in d.results if r.retracted)
        if retracted:
            summary += f" · {RETRACTED_ICON} {retracted} retracted"
        lines += [summary, ""]
        incomplete = incomplete_note(report)
        if incomplete:
            lines += [f"**{ICONS['error']} The check is incomplete:** {incomplete}.", ""]
        # A problem, as the terminal report has one: a verdict other than verified, a retracted work or one
        # with a notice, or anything that fails the policy (a verified citation of a retracted work fails).
        problems = [(d, r) for d in report.documents for r in d.results
                    if r.verdict is not Verdict.VERIFIED or r.notices or fails(r, fail_on)]
        failing = sum(1 for _, r in problems if fails(r, fail_on))
        unread = [d for d in report.documents if d.error]
        if unread:
            lines += ["**Could not read:**", ""] + [f"- {md_code(d.path)}: {md_cell(d.error)}" for d in unread] + [""]
        partly = [(d, p) for d in report.documents for p in d.problems]
        if partly:
            lines += [f"**{PARTLY_READ}:**", ""] + [f"- {md_code(d.path)}: {md_cell(p)}" for d, p in partly] + [""]
        empty = [d for d in report.documents if not d.error and not d.results]
        if empty:
            # "No problems found" alone would read as a pass for an article whose list was never read.
            named = ", ".join(md_code(d.path) for d in empty[:_MOST_EMPTY_NAMED])
            more = len(empty) - _MOST_EMPTY_NAMED
            lines += [f"No citations found in {named}" + (f" and {plural(more, 'other file')}" if more > 0 else "")
                      + ".", ""]
        findings = [(d, f) for d in report.documents for f in text_findings(d)]
        remarks = _remarks_section(report)
        if not problems:
            lines.append("No problems found in the citations that could be read." if incomplete
                         else "No problems found in the citations.")
            return "\n".join(lines + remarks + _findings_section(findings)) + "\n"
        if failing:
            lines += [f"**{plural(failing, 'citation')} {'fails' if failing == 1 else 'fail'} the policy"
                      f" ({md_cell(', '.join(fail_on))}).**", ""]
        lines += ["| file | where | verdict | citation | what is wrong |", "|---|---|---|---|---|"]
        for doc, r in problems:
            verdict = f"{ICONS[r.verdict.value]} {r.verdict.value}"
            if r.retracted:
                verdict = f"{RETRACTED_ICON} **retracted** · {verdict}"
            elif r.notices:
                names = ", ".join(dict.fromkeys(notice_name(n) for n in r.notices))
                verdict += f" · {NOTICE_ICON} {names}"
            if fails(r, fail_on):
                verdict += " (fails)"
            if r.ignored:
                verdict += f" · ignored: {md_cell(r.ignored)}"
            text = r.citation.text if len(r.citation.text) <= 160 else r.citation.text[:159] + "…"
            if r.citation.number is not None:
                text = f"{r.citation.number}. {text}"
            wrong = md_cell(reason_with_notices(r))
            corrected = corrected_reference(r) if r.verdict is Verdict.MISMATCH else None
            if corrected:
                wrong += f" **Corrected:** {md_cell(corrected)}"
            cited_as = in_text_to_change(doc, r)
            if cited_as:
                wrong += f" **Change it in the text too:** {md_cell(cited_as)}"
            where = place_in(doc, r.citation.line, r.citation.page)
            lines.append(f"| {md_cell(doc.path)} | {where} | {verdict} | {md_cell(text)} | {wrong} |")
        return "\n".join(lines + remarks + _findings_section(findings)) + "\n"


def _remarks_section(report: Report) -> list[str]:
    """Verified citations with a remark (a year one off, a title cited shortened), one bullet each."""
    out = []
    for doc in report.documents:
        for r in in_reading_order(doc):
            said = verified_remark(r)
            if said:
                out.append(f"- {md_code(doc.path)} {place_in(doc, r.citation.line, r.citation.page)}: "
                           f"{md_cell(entry_label(r.citation))}: "
                           f"{md_cell(said)}")
    return ["", "**Verified with a remark:**", ""] + out if out else []


def _findings_section(findings) -> list[str]:
    """Claims and in-text findings, one bullet each (never part of the pass/fail policy)."""
    if not findings:
        return []
    out = ["", "**In the text:**", ""]
    for doc, f in findings:
        out.append(f"- {md_code(doc.path)} {place_in(doc, f.line, f.page)}: {FINDING_TITLES[f.kind]}: "
                   f"{md_cell(f.message)}")
    return out
