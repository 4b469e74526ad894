"""Each list entry carries its number, so a reader can find it in a long list (trial 9: a
200-entry review showed only file lines and Word paragraphs, and an editor had to count)."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.models import CheckResult, DocumentResult, Report, Verdict
from citecheck.report.terminal import TerminalReport
from citecheck.policy import DEFAULT_FAIL_ON

VANCOUVER = [
    "Messier SP, Mihalko SL. Effects of intensive diet and exercise on knee joint loads. JAMA. 2013;310(12):1263-73.",
    "Bliddal H, Leeds AR. Weight loss as treatment for knee osteoarthritis symptoms. Obes Rev. 2014;15(7):578-86.",
    "Bannuru RR, Schmid CH. Comparative effectiveness of pharmacologic interventions. Ann Intern Med. 2015;162(1):46-54.",
]


def test_a_printed_number_is_the_entry_s_number():
    text = "Knee pain [46].\n\nReferences\n" + "".join(f"{46 + k}. {e}\n" for k, e in enumerate(VANCOUVER))
    assert [c.number for c in extract_bytes(text.encode(), "a.md").citations] == [46, 47, 48]


def test_an_entry_numbered_by_markup_or_not_at_all_is_numbered_by_its_place():
    page = "<p>Knee pain.</p><h2>References</h2><ol>" + "".join(f"<li>{e}</li>" for e in VANCOUVER) + "</ol>"
    assert [c.number for c in extract_bytes(page.encode(), "a.html").citations] == [1, 2, 3]
    # Two lists: each counts from 1.
    text = ("Knee pain.\n\nReferences\n" + "\n".join(VANCOUVER[:2]) + "\n\nFurther reading\n" + VANCOUVER[2] + "\n")
    assert [c.number for c in extract_bytes(text.encode(), "a.txt").citations] == [1, 2, 1]


def test_a_link_has_no_number_and_the_terminal_names_an_entry_s():
    text = "A [2013 trial in JAMA](https://doi.org/10.1001/jama.2013.277669) helped.\n\nReferences\n" + \
        "".join(f"{k}. {e}\n" for k, e in enumerate(VANCOUVER, start=1))
    cites = extract_bytes(text.encode(), "a.md").citations
    assert [(c.kind, c.number) for c in cites] == [("reference", 1), ("reference", 2), ("reference", 3), ("link", None)]
    doc = DocumentResult("a.md", (CheckResult(cites[1], Verdict.NOT_FOUND, "No published work has this title."),))
    shown = TerminalReport().render(Report((doc,)), DEFAULT_FAIL_ON)
    assert "line 5 · no. 2 · NOT FOUND" in shown and "2. Bliddal H" in shown
