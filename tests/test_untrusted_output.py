"""Untrusted text in, no harm out: every report format, fed hostile article and Crossref text (issue 7)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Citation, Claim, DocumentResult, InText, Notice, Report, SourceInfo, Work
from citecheck.policy import DEFAULT_FAIL_ON
from citecheck.report.github import GithubReport
from citecheck.report.json import JsonReport
from citecheck.report.junit import JunitReport
from citecheck.report.markdown import MarkdownReport
from citecheck.report.sarif import SarifReport
from citecheck.report.terminal import TerminalReport

ESCAPES = [
    "\x1b[2J\x1b[H",  # CSI: clear the screen
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x1b]52;c;cm0gLXJmIH4=\x07",  # OSC 52 clipboard write
    "\x9b31m",  # C1 CSI
    "\u202egnp.exe",  # right-to-left override
    "\u2066isolate\u2069",
    "\x00\x07\x08",
    "line\u2028separator\u2029",  # splits lines for many readers, GitHub's log among them
]
HOSTILE = "".join(ESCAPES) + " [bold]x[/bold] [link=https://evil.example]y[/link] <script>z</script> %0A & ]]> ::error::"
FORBIDDEN = ["\x1b", "\x9b", "\u202e", "\u2066", "\u2069", "\x00", "\x07", "\x08", "\u2028", "\u2029"]


def _report(text: str, title: str) -> Report:
    citation = Citation(text=text, line=3, authors=(Author(text[:20] or "x"),), title=text, journal=text, year=2019)
    work = Work(doi="10.1/evil", title=title, journal=title, year_issued=2019, authors=(Author(title[:20] or "y"),),
                notices=(Notice("retraction", "10.1/n", title[:10], title[:10]),))
    results = (
        judge(citation, Evidence(candidates=(work,))),
        judge(Citation(text=text, line=4, title=title, year=2019, journal="Pain"), Evidence(candidates=(work,))),
    )
    claims = (Claim(text, 5, 2019, title, 0, conflicts=(f"the sentence names {title}",)),
              Claim(text, 6, 2019, title, candidates=(work,)), Claim(text, 7, specific=False))
    in_text = (InText(text, 8, None),)
    return Report((DocumentResult(f"a{text[:5]}.md", results, in_text, claims, uncited=(1,)),), SourceInfo())


def _all_outputs(report: Report) -> dict[str, str]:
    outputs = {r.name: r.render(report, DEFAULT_FAIL_ON) for r in
               (JsonReport(), MarkdownReport(), SarifReport(), JunitReport(), GithubReport(), TerminalReport())}
    return outputs


def test_known_escape_sequences_reach_no_output():
    for name, out in _all_outputs(_report(HOSTILE, HOSTILE)).items():
        for bad in FORBIDDEN:
            assert bad not in out, f"{name} output carries {bad!r}"


def test_workflow_commands_cannot_be_injected():
    out = GithubReport().render(_report("a\n::error file=x::pwned\r\n", "t\n::warning::w"), DEFAULT_FAIL_ON)
    assert all(line.startswith("::") for line in out.splitlines())
    assert "::error file=x::pwned" not in out.replace("%0A", "\n").splitlines()[0][2:]


def test_markdown_table_cells_cannot_break_the_table():
    out = MarkdownReport().render(_report("a | b\n| c", "t"), DEFAULT_FAIL_ON)
    findings = out.split("**In the text:**")[1].strip().splitlines()
    assert len(findings) == 5 and all(f.startswith("- `") for f in findings)  # one bullet per finding
    rows = [line for line in out.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 2  # header, rule, and the two problems: no row split by the text
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 6 for row in rows[2:])


_plain = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80)
# Hostile pieces mixed into arbitrary text, so escapes turn up in most examples.
_texts = st.lists(st.one_of(_plain, st.sampled_from(ESCAPES + ["[bold]", "[/]", "%", "\r\n", "|", "<!--", "]]>"])),
                  max_size=8).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts, _texts)
def test_every_format_parses_back_and_carries_no_escape(text, title):
    outputs = _all_outputs(_report(text, title))
    json.loads(outputs["json"])
    sarif = json.loads(outputs["sarif"])
    assert sarif["version"] == "2.1.0"
    ET.fromstring(outputs["junit"].split("\n", 1)[1])
    for line in outputs["github"].splitlines():
        assert line.startswith("::")
    for name, out in outputs.items():
        for bad in FORBIDDEN:
            assert bad not in out, f"{name} output carries {bad!r}"
