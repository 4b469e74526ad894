"""The editor's report: per file a summary line, then each citation with what is wrong."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from citecheck.models import CheckResult, DocumentResult, FieldStatus, Report, Verdict
from citecheck.policy import fails
from citecheck.report.interface import Reporter, safe_text

STYLES = {
    Verdict.VERIFIED: ("verified", "green"),
    Verdict.MISMATCH: ("MISMATCH", "bold yellow"),
    Verdict.NOT_FOUND: ("NOT FOUND", "bold red"),
    Verdict.SKIPPED: ("skipped", "dim"),
    Verdict.ERROR: ("ERROR", "bold magenta"),
}
#: Characters of an entry shown in the table before it is cut.
MAX_ENTRY_CHARS = 220


def _t(value, style: str = "") -> Text:
    """Untrusted text as a rich Text (never parsed as markup), control characters removed."""
    return Text(safe_text(value), style=style)


def _summary_line(doc: DocumentResult) -> Text:
    line = Text()
    line.append(safe_text(doc.path), style="bold")
    if doc.error:
        line.append(f"  could not be read: ", style="red")
        line.append(safe_text(doc.error))
        return line
    if not doc.results:
        line.append("  no references found", style="dim")
        return line
    counts: dict[Verdict, int] = {}
    for r in doc.results:
        counts[r.verdict] = counts.get(r.verdict, 0) + 1
    line.append(f"  {len(doc.results)} citation{'s' if len(doc.results) != 1 else ''}: ")
    parts = [(f"{n} {STYLES[v][0].lower()}", STYLES[v][1]) for v, n in counts.items()]
    for i, (label, style) in enumerate(sorted(parts)):
        if i:
            line.append(", ")
        line.append(label, style=style)
    return line


def _details(r: CheckResult) -> Group:
    parts = [_t(_cut(r.citation.text))]
    if r.verdict is Verdict.MISMATCH:
        for f in r.fields:
            if f.status is FieldStatus.MISMATCH:
                row = Text("  ")
                row.append(f"{f.name}: ", style="bold")
                row.append_text(_t(_fmt(f.cited), "red"))
                row.append(" → ")
                row.append_text(_t(_fmt(f.found), "green"))
                if f.note:
                    row.append_text(_t(f"  ({f.note})", "dim"))
                parts.append(row)
    if r.match is not None and r.verdict in (Verdict.MISMATCH, Verdict.VERIFIED):
        link = Text("  ")
        if r.verdict is Verdict.MISMATCH:
            link.append_text(_t(_reference(r), "italic"))
            link.append(" ")
        link.append_text(_t(f"https://doi.org/{r.match.doi}", "cyan"))
        parts.append(link)
    if r.retracted:
        parts.append(_t("  RETRACTED: " + "; ".join(f"{n.type} {n.doi or ''}".strip() for n in r.notices), "bold red"))
    elif r.notices:
        parts.append(_t("  notices: " + "; ".join(f"{n.type} {n.doi or ''}".strip() for n in r.notices), "yellow"))
    if r.verdict is not Verdict.MISMATCH and r.verdict is not Verdict.VERIFIED or (
        r.verdict is Verdict.VERIFIED and "(" in r.reason
    ):
        parts.append(_t("  " + r.reason, "dim"))
    if r.ignored:
        parts.append(_t(f"  ignored: {r.ignored}", "dim"))
    return Group(*parts)


def _reference(r: CheckResult) -> str:
    w = r.match
    authors = ", ".join(a.surname for a in w.authors[:3]) + (" et al." if len(w.authors) > 3 else "")
    bits = [f"{authors} ({w.year})" if authors else f"({w.year})", w.title or "", w.journal or ""]
    numbers = f"{w.volume or ''}" + (f"({w.issue})" if w.issue else "") + (f":{w.pages or w.article_number}" if (w.pages or w.article_number) else "")
    return ". ".join(b for b in bits if b) + (f" {numbers}." if numbers else ".")


def _fmt(value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "—" if value in (None, "") else str(value)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_ENTRY_CHARS else text[: MAX_ENTRY_CHARS - 1] + "…"


def build(report: Report, fail_on: tuple[str, ...]) -> list:
    """The report as rich renderables."""
    out = []
    if report.source.recorded:
        out.append(_t(f"Answers recorded, not live: {report.source.url}", "yellow"))
    for doc in report.documents:
        out.append(_summary_line(doc))
        if doc.results:
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
            table.add_column("line", justify="right", no_wrap=True, width=5)
            table.add_column("verdict", no_wrap=True, width=9)
            table.add_column("citation", ratio=1, overflow="fold")
            for r in doc.results:
                label, style = STYLES[r.verdict]
                if r.ignored:
                    label, style = label.lower(), "dim"
                verdict = Text(label, style=style)
                if r.retracted:
                    verdict.append("\nretracted", style="bold red")
                table.add_row(str(r.citation.line), verdict, _details(r))
            out.append(table)
        out.append(Text(""))
    s = report.summary()
    failing = sum(1 for d in report.documents for r in d.results if fails(r, fail_on))
    total = Text("Summary: ", style="bold")
    total.append(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in s.items()))
    unread = sum(1 for d in report.documents if d.error)
    if unread:
        total.append(f"; {unread} input{'s' if unread != 1 else ''} unreadable", style="red")
    total.append(f" — {failing} failing ({', '.join(fail_on)})" if failing else " — nothing fails the policy",
                 style="bold red" if failing else "green")
    out.append(total)
    return out


class TerminalReport(Reporter):
    """The rich report; plain text (no colour) when rendered to a string."""

    name = "rich"
    machine = False

    def __init__(self, width: int = 100):
        self.width = width

    def show(self, report: Report, fail_on: tuple[str, ...], console: Console) -> None:
        """Print to a console, which decides colour and width (NO_COLOR, non-TTY)."""
        for item in build(report, fail_on):
            console.print(item)

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """Plain text, for files and pipes."""
        buf = io.StringIO()
        console = Console(file=buf, width=self.width, color_system=None, force_terminal=False, highlight=False,
                          emoji=False, markup=False, soft_wrap=False)
        self.show(report, fail_on, console)
        return buf.getvalue()
