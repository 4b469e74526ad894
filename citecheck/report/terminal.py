"""The editor's report: per file a summary line and a table, then a panel for each problem."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from citecheck.matching.verdict import details_of_another_said, title_only
from citecheck.models import CheckResult, DocumentResult, FieldStatus, Report, Verdict
from citecheck.policy import fails
from citecheck.report.correct import corrected_reference
from citecheck.report.interface import (FINDING_TITLES, PARTLY_READ, Reporter, entry_label, incomplete_note, place_in,
                                        in_reading_order, in_text_to_change, notice_source, plural, safe_text, shorten,
                                        text_findings, verified_remark)

STYLES = {
    Verdict.VERIFIED: ("verified", "green"),
    Verdict.MISMATCH: ("MISMATCH", "bold yellow"),
    Verdict.NOT_FOUND: ("NOT FOUND", "bold red"),
    Verdict.SKIPPED: ("skipped", "dim"),
    Verdict.ERROR: ("ERROR", "bold magenta"),
}
#: Characters of an entry shown in the overview table before it is cut.
MAX_TABLE_CHARS = 110
#: Field names as an editor reads them.
FIELD_LABELS = {"authors": "authors", "journal": "journal", "year": "year", "volume": "volume", "issue": "issue",
                "pages": "pages", "doi": "DOI", "title": "title"}
#: Put before a wrong field in the comparison, so it shows without colour (pipes, CI logs, files).
WRONG_MARK = "✗ "


def _t(value, style: str = "") -> Text:
    """Untrusted text as a rich Text (never parsed as markup), control characters removed."""
    return Text(safe_text(value), style=style)


def _cut(text: str, limit: int) -> str:
    return shorten(safe_text(text), limit)


#: Names shown per author list in the comparison before "et al."
MAX_NAMES_SHOWN = 4


def _fmt(value) -> str:
    if isinstance(value, (list, tuple)):
        names = [str(v) for v in value]
        return ", ".join(names[:MAX_NAMES_SHOWN]) + (" et al." if len(names) > MAX_NAMES_SHOWN else "")
    return "—" if value in (None, "") else str(value)


def _summary_line(doc: DocumentResult, unread_on_stderr: bool) -> Text:
    line = Text()
    line.append_text(_t(doc.path, "bold"))
    if doc.error:
        line.append("  could not be read" + ("" if unread_on_stderr else ": "), style="red")
        if not unread_on_stderr:
            line.append_text(_t(doc.error))
        return line
    if not doc.results:
        line.append("  no references found", style="dim")
        return line
    links = sum(1 for r in doc.results if r.citation.kind == "link")
    # "13 citations (10 entries, 3 links)": a list of 10 is not miscounted when the text links to works too.
    entries = len(doc.results) - links
    parts = f" ({entries} {'entry' if entries == 1 else 'entries'}, {plural(links, 'link')})" \
        if links and entries else ""
    line.append(f"  {plural(len(doc.results), 'citation')}{parts}: ")
    for i, verdict in enumerate(v for v in Verdict if any(r.verdict is v for r in doc.results)):
        count = sum(1 for r in doc.results if r.verdict is verdict)
        if i:
            line.append(", ")
        line.append(f"{count} {STYLES[verdict][0].lower()}", style=STYLES[verdict][1])
        remarks = sum(1 for r in doc.results if _label_is_remark(r)) if verdict is Verdict.VERIFIED else 0
        if remarks:
            line.append(f" ({remarks} with a remark*)", style="yellow")
    retracted = sum(1 for r in doc.results if r.retracted)
    if retracted:
        line.append(f"; {retracted} retracted", style="bold red")
    return line


def _partly_read(doc: DocumentResult) -> list:
    """One line per part of the document that could not be read (a BibTeX entry with a
    syntax error), right under its summary: the citations listed are not all it holds."""
    out = []
    for problem in doc.problems:
        line = Text(f"{PARTLY_READ}: ", style="bold magenta")
        line.append_text(_t(problem))
        out.append(line)
    return out


def _verdict_label(r: CheckResult) -> Text:
    """The table's verdict: a retracted work reads RETRACTED (after its verdict when that is not
    `verified`, MISMATCH RETRACTED), never cut by the column."""
    label, style = STYLES[r.verdict]
    if r.ignored:
        label, style = label.lower(), "dim"
    if r.retracted and r.verdict is Verdict.VERIFIED:
        return Text("RETRACTED", style="dim" if r.ignored else "bold red")
    if _label_is_remark(r):
        # Right, with a remark an editor should read (a subtitle the record lacks, a year one off):
        # starred here, and said under "Verified with a remark" (trial 32: read as plainly verified).
        return Text(REMARK_LABEL, style="yellow")
    text = Text(label, style=style)
    if r.retracted:
        text.append(" RETRACTED", style="bold red")
    return text


#: The table's verdict for a verified citation with a remark; the remarks below open with its star.
REMARK_LABEL = "verified*"


def _label_is_remark(r: CheckResult) -> bool:
    return r.verdict is Verdict.VERIFIED and not r.ignored and not r.retracted and verified_remark(r) is not None


#: The verdict column's width when no label is longer (NOT FOUND, MISMATCH, RETRACTED).
VERDICT_WIDTH = 9


#: Up to this many citations the overview lists them all; past it, all but the plain verified
#: ones (a 40-reference article listed every row, 80 lines at 80 columns, before any problem).
OVERVIEW_ALL_UP_TO = 15


def _short_place(doc: DocumentResult, citation) -> str:
    """place_in's "page 3, line 7" as "3:7"; "line 40" and "paragraph 12" as the number."""
    words = place_in(doc, citation.line, citation.page).replace(",", "").split()
    return f"{words[1]}:{words[3]}" if words[0] == "page" else words[-1]


def _overview(doc: DocumentResult) -> Table:
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    shown = in_reading_order(doc)
    if len(shown) > OVERVIEW_ALL_UP_TO:
        shown = [r for r in shown if not _plainly_verified(r)]
    left_out = len(doc.results) - len(shown)
    rows = [(r, _verdict_label(r)) for r in shown]
    # Where each is, as the panels below say it: a PDF's "page:line" (the line on its page), a Word
    # draft's paragraph, another text's line.
    wheres = [_short_place(doc, r.citation) for r in shown]
    header = "para" if doc.format == "docx" else "page:line" if any(":" in w for w in wheres) else "line"
    table.add_column(header, justify="right", no_wrap=True, width=max([5, len(header)] + [len(w) for w in wheres]))
    # As wide as its longest label, so MISMATCH RETRACTED is never cut to MISMATCH…
    table.add_column("verdict", no_wrap=True, width=max([VERDICT_WIDTH] + [label.cell_len for _, label in rows]))
    table.add_column("citation", ratio=1, overflow="fold")
    for (r, label), where in zip(rows, wheres):
        table.add_row(where, label, _t(_cut(_numbered_text(r.citation), MAX_TABLE_CHARS)))
    if left_out:
        table.add_row("", Text("verified", style="green"),
                      Text(f"{left_out} more, cited right (not listed: an article of {len(doc.results)} citations; "
                           "--format json lists every one)", style="dim"))
    return table


def _numbered_text(citation) -> str:
    """The entry as the reader sees it in the list: with its number ("47. Smith J …")."""
    return f"{citation.number}. {citation.text}" if citation.number is not None else citation.text


def _plainly_verified(r: CheckResult) -> bool:
    """Verified, not ignored, no retraction or other notice, no remark: nothing to look at."""
    return (r.verdict is Verdict.VERIFIED and not r.ignored and not r.notices
            and not any(f.status is FieldStatus.MATCH and f.note for f in r.fields))

def _comparison(r: CheckResult) -> Table:
    """Cited and published values side by side; the wrong ones marked (and highlighted in colour)."""
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=True)
    table.add_column("", no_wrap=True, width=len(WRONG_MARK) + 8)
    table.add_column("cited", ratio=1, overflow="fold")
    table.add_column("published", ratio=1, overflow="fold")
    for f in r.fields:
        if f.status is FieldStatus.ABSENT or f.name == "title" and f.status is FieldStatus.MATCH:
            continue
        wrong = f.status is FieldStatus.MISMATCH
        found = _t(_fmt(f.found), "bold green" if wrong else "")
        if f.note:
            found.append_text(_t(f" ({f.note})", "dim"))
        label = Text(WRONG_MARK if wrong else " " * len(WRONG_MARK), style="bold red")
        label.append(FIELD_LABELS[f.name], style="bold" if wrong else "dim")
        table.add_row(label, _t(_fmt(f.cited), "bold red" if wrong else ""), found)
    return table


def _problem_panel(doc: DocumentResult, r: CheckResult) -> Panel:
    parts: list = [_t(r.citation.text, "italic"), Text("")]
    if r.verdict is Verdict.MISMATCH and r.match is not None:
        parts.append(_comparison(r))
        if not any(f.status is FieldStatus.MISMATCH for f in r.fields):
            parts.append(_t(r.reason))  # wrong in what the text around a link says, not in its fields
        corrected = corrected_reference(r)
        if corrected:
            parts += [Text(""), Text("Corrected: ", style="bold").append_text(_t(corrected))]
        elif two_works := details_of_another_said(r.reason):
            parts += [Text(""), _t(two_works, "bold yellow")]
        elif title_only(r.fields):
            parts += [Text(""), _t(f"Only the title is this work's (https://doi.org/{r.match.doi}): the citation may be "
                                   "made up under a real title, or meant for another work. Check which is meant.",
                                   "bold yellow")]
        cited_as = in_text_to_change(doc, r)
        if cited_as:
            parts.append(Text("Change it in the text too: ", style="bold").append_text(_t(cited_as)))
    else:
        parts.append(_t(r.reason))
    if r.notices:
        notes = "; ".join(f"{n.type.replace('_', ' ')}{' ' + n.doi if n.doi else ''}{' (' + n.date + ')' if n.date else ''}"
                          + (f", {said}" if (said := notice_source(n)) else "") for n in r.notices)
        parts.append(_t(("RETRACTED: " if r.retracted else "Notices: ") + notes, "bold red" if r.retracted else "yellow"))
    if r.ignored:
        parts.append(_t(f"Ignored: {r.ignored}", "dim"))
    label, style = STYLES[r.verdict]
    if r.verdict is Verdict.VERIFIED and not r.retracted and verified_remark(r):
        label, style = "verified with a remark", "bold yellow"  # shown as a problem: --fail-on remark
    number = f"no. {r.citation.number} · " if r.citation.number is not None else ""
    title = Text(f" {place_in(doc, r.citation.line, r.citation.page)} · {number}", style="bold")
    title.append(label + (" · RETRACTED" if r.retracted else ""), style=style if not r.ignored else "dim")
    return Panel(Group(*parts), title=title, title_align="left", border_style="dim" if r.ignored else style.split()[-1])


def _remarks(doc: DocumentResult) -> list:
    """Verified citations whose match came with a remark (a year within one of the record's,
    a title cited shortened, authors cut without "et al."): right, but worth an editor's look."""
    out = []
    for r in in_reading_order(doc):
        said = verified_remark(r)
        if said is None:
            continue
        line = Text(f"* Verified with a remark, {place_in(doc, r.citation.line, r.citation.page)}: ", style="bold")
        line.append_text(_t(f"{_cut(r.citation.text, 60)} — {said}"))
        out.append(line)
    return out


def _skipped(doc: DocumentResult, fail_on: tuple[str, ...]) -> list:
    """Why each citation was skipped, one line each (a skipped one that fails the policy
    has a panel of its own)."""
    out = []
    for r in in_reading_order(doc):
        if r.verdict is Verdict.SKIPPED and not _is_problem(r, fail_on):
            line = Text(f"Skipped, {place_in(doc, r.citation.line, r.citation.page)}: ", style="dim")
            line.append_text(_t(f"{_cut(r.citation.text, 60)} — {r.reason}", "dim"))
            out.append(line)
    return out


def _text_notes(doc: DocumentResult) -> list:
    """Remarks on verified citations, in-text citations without an entry, entries never
    cited, and claims about research."""
    out = _remarks(doc)
    findings = text_findings(doc)
    unmatched = [f for f in findings if f.kind == "unmatched_in_text"]
    if unmatched:
        line = Text("Cited in the text but not in the reference list: ", style="bold yellow")
        line.append_text(_t("; ".join(f"{place_in(doc, f.line, f.page)}: {f.message}" for f in unmatched)))
        out.append(line)
    if doc.uncited:
        line = Text("In the reference list but never cited in the text: ", style="bold yellow")
        entries = [doc.results[k].citation for k in doc.uncited if k < len(doc.results)]
        line.append_text(_t("; ".join(f"{place_in(doc, c.line, c.page)} ({entry_label(c)})" for c in entries)))
        out.append(line)
    for finding in findings:
        if finding.kind in ("unmatched_in_text", "uncited_entry"):
            continue  # listed together above
        style = "bold yellow" if finding.kind in ("claim_conflict", "no_list", "list_in_part") else "bold"
        line = Text(f"{FINDING_TITLES[finding.kind]}, {place_in(doc, finding.line, finding.page)}: ", style=style)
        line.append_text(_t(finding.message))
        if finding.leads:
            # Line breaks are added here, between pieces: safe_text turns any inside a piece into spaces.
            line.append("\n    Works in that journal and year on its topic (leads to cite, not evidence the study exists):",
                        style="dim")
        for w in finding.leads:
            line.append("\n    · ", style="dim")
            line.append_text(_t(f"{w.title} ({w.journal}, {w.year}) https://doi.org/{w.doi}", "dim"))
        out.append(line)
    return out


def _is_problem(r: CheckResult, fail_on: tuple[str, ...]) -> bool:
    return r.verdict in (Verdict.MISMATCH, Verdict.NOT_FOUND, Verdict.ERROR) or r.retracted or bool(r.notices) or fails(r, fail_on)


def _verdict_of_run(report: Report, fail_on: tuple[str, ...]) -> Text:
    """The summary's last words: what fails the policy, and whether anything went unchecked."""
    failing = sum(1 for d in report.documents for r in d.results if fails(r, fail_on))
    incomplete = incomplete_note(report)
    text = Text(" — ")
    if failing:
        # (The policy named as a policy: "(mismatch, not_found, retracted)" alone read as if one was retracted.)
        text.append(f"{failing} failing (the policy fails {', '.join(fail_on)})", style="bold red")
        if incomplete:
            text.append(f"; check incomplete: {incomplete}", style="bold magenta")
    elif incomplete:
        text.append(f"CHECK INCOMPLETE: {incomplete}; nothing that was checked fails the policy", style="bold magenta")
    else:
        text.append("nothing fails the policy", style="green")
    return text


def build(report: Report, fail_on: tuple[str, ...], unread_on_stderr: bool = False) -> list:
    """The report as rich renderables; ``unread_on_stderr``: unreadable inputs' errors are
    already on stderr, so the report names those inputs without repeating the error."""
    out = []
    if report.source.recorded:
        out.append(_t(f"Answers recorded, not live: {report.source.url}", "yellow"))
    elif report.source.snapshot or report.source.name != "crossref-api":
        out.append(_t(f"Answers from {report.source.name} {report.source.url}"
                      + (f", snapshot of {report.source.snapshot}" if report.source.snapshot else ""), "yellow"))
    for doc in report.documents:
        out.append(_summary_line(doc, unread_on_stderr))
        out.extend(_partly_read(doc))
        if doc.results:
            out.append(_overview(doc))
            out.extend(_problem_panel(doc, r) for r in in_reading_order(doc) if _is_problem(r, fail_on))
            out.extend(_skipped(doc, fail_on))
        out.extend(_text_notes(doc))
        out.append(Text(""))
    total = Text("Summary: ", style="bold")
    total.append(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in report.summary().items()))
    total.append_text(_verdict_of_run(report, fail_on))
    out.append(total)
    return out


class TerminalReport(Reporter):
    """The rich report; plain text (no colour) when rendered to a string."""

    name = "rich"
    machine = False

    def __init__(self, width: int = 100):
        self.width = width

    def show(self, report: Report, fail_on: tuple[str, ...], console: Console, unread_on_stderr: bool = False) -> None:
        """Print to a console, which decides colour and width (NO_COLOR, non-TTY);
        ``unread_on_stderr`` as in build()."""
        for item in build(report, fail_on, unread_on_stderr):
            console.print(item)

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """Plain text, for files and pipes."""
        buf = io.StringIO()
        console = Console(file=buf, width=self.width, color_system=None, force_terminal=False, highlight=False,
                          emoji=False, markup=False, soft_wrap=False)
        self.show(report, fail_on, console)
        return buf.getvalue()
