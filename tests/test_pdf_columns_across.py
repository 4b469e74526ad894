"""A PDF page drawn line by line across two columns (as some HTML-to-PDF converters draw it):
pypdf reads each line of the prose run on into the reference list beside it, and the list went
unread (trial 35: two such PDFs flagged, not read). Read again with the layout kept, the page
splits at its gutter into its left column and then its right."""

from __future__ import annotations

import textwrap

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.pdf import split_columns

PROSE = ("Low back pain is the leading cause of disability worldwide, and most episodes settle within six "
         "weeks without imaging [1]. Exercise therapy reduces pain and improves function in chronic low back "
         "pain [2]. Spinal manipulation gives small short-term benefits similar to other recommended therapies "
         "[3]. Opioids offer little benefit over placebo for chronic back pain and carry risks [4]. ") * 2
ENTRIES = [
    "1. Hartvigsen J, Hancock MJ, Kongsted A, et al. What low back pain is and why we need to pay attention. "
    "Lancet. 2018;391(10137):2356-2367.",
    "2. Hayden JA, Ellis J, Ogilvie R, et al. Exercise therapy for chronic low back pain. Cochrane Database "
    "Syst Rev. 2021;9:CD009790.",
    "3. Rubinstein SM, de Zoete A, van Middelkoop M, et al. Benefits and harms of spinal manipulative therapy "
    "for the treatment of chronic low back pain. BMJ. 2019;364:l689.",
    "4. Shaheed CA, Maher CG, Williams KA, et al. Efficacy, tolerability, and dose-dependent effects of opioid "
    "analgesics for low back pain. JAMA Intern Med. 2016;176(7):958-968.",
]


def _across(left: list[str], right: list[str], title: str = "") -> bytes:
    """A page whose two columns are drawn a line of each at a time, left then right."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=9)
    y = 20.0
    if title:
        pdf.text(12, y, title)
        y += 8
    for k in range(max(len(left), len(right))):
        if k < len(left):
            pdf.text(12, y, left[k])
        if k < len(right):
            pdf.text(110, y, right[k])
        y += 4.5
    return bytes(pdf.output())


def _column(paragraphs: list[str]) -> list[str]:
    return [line for para in paragraphs for line in textwrap.wrap(para, 48)]


def test_a_page_drawn_across_its_columns_is_read_column_by_column():
    data = _across(_column([PROSE]), _column(["References", *ENTRIES]),
                   title="Back pain: what the evidence says - a guide for patients and their families")
    ex = extract_bytes(data, "back.pdf")
    assert [c.journal for c in ex.citations] == ["Lancet", "Cochrane Database Syst Rev", "BMJ", "JAMA Intern Med"]
    assert sorted(it.reference for it in ex.in_text) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert ex.problems == ()


def test_columns_split_at_the_gutter_and_a_title_over_both_stays_whole():
    lines = ["A title that runs over both of the columns of this page, from side to side",
             *[f"left line {k:<30}          right line {k}" for k in range(6)]]
    assert split_columns(lines) == [lines[0], *[f"left line {k}" for k in range(6)],
                                    *[f"right line {k}" for k in range(6)]]


def test_a_page_in_one_column_has_no_gutter():
    assert split_columns(textwrap.wrap(PROSE, 90)) is None


def test_a_running_head_and_a_caption_part_the_page_into_bands():
    # Trial 40: "Clin Health Rev. 2024;6:113-266 … 3", a head with the page number at its right,
    # was split into two halves and its number fell into an entry; a caption across both columns
    # was read inside the left column's entry.
    head = "Clin Health Rev. 2024;6:113-266" + " " * 60 + "3"
    body = [f"left {k:<36}           right {k}" for k in range(6)]
    caption = "Figure 1. Change in pain from baseline to week 12, by treatment arm, for both trials"
    lines = [head, "", *body[:3], caption, *body[3:], "", "Page foot"]
    assert [line for line in split_columns(lines) if line] == [
        "Clin Health Rev. 2024;6:113-266 3", "left 0", "left 1", "left 2", "right 0", "right 1", "right 2",
        caption, "left 3", "left 4", "left 5", "right 3", "right 4", "right 5", "Page foot"]


def test_three_columns_are_split_twice():
    lines = [f"one {k:<40}      two {k:<40}      three {k:<40}" for k in range(6)]
    assert split_columns(lines) == [*[f"one {k}" for k in range(6)], *[f"two {k}" for k in range(6)],
                                    *[f"three {k}" for k in range(6)]]


def test_an_author_year_page_drawn_across_is_read_again_too():
    entries = ["Hartvigsen, J., & Hancock, M. J. (2018). What low back pain is and why we need to pay attention. "
               "The Lancet, 391(10137), 2356-2367.",
               "Hayden, J. A., & Ellis, J. (2021). Exercise therapy for chronic low back pain. Cochrane Database "
               "of Systematic Reviews, 9, CD009790.",
               "Rubinstein, S. M., & de Zoete, A. (2019). Benefits and harms of spinal manipulative therapy. "
               "BMJ, 364, l689."]
    prose = ("Back pain is the leading cause of disability (Hartvigsen & Hancock, 2018). Exercise helps "
             "(Hayden & Ellis, 2021). Manipulation gives small benefits (Rubinstein & de Zoete, 2019). ") * 2
    ex = extract_bytes(_across(_column([prose]), _column(["References", *entries])), "apa.pdf")
    assert [c.year for c in ex.citations] == [2018, 2021, 2019]
    assert sorted(it.reference for it in ex.in_text) == [0, 0, 1, 1, 2, 2]


def test_an_unnumbered_list_in_a_narrow_column_reads_each_entry_whole():
    # Wrapped at 48 characters, "… (2018). What" + "low back pain is …" ended the list (a short line
    # with no year reads as a section's title): only the first entry's first line was read.
    entries = ["Hartvigsen, J., & Hancock, M. J. (2018). What low back pain is and why we need to pay attention. "
               "The Lancet, 391(10137), 2356-2367.",
               "Rubinstein, S. M., & de Zoete, A. (2019). Benefits and harms of spinal manipulative therapy. "
               "BMJ, 364, l689."]
    text = "Back pain is common (Hartvigsen & Hancock, 2018).\n\nReferences\n" + "\n".join(_column(entries)) + "\n"
    ex = extract_bytes(text.encode(), "back.txt")
    assert [(c.year, c.journal) for c in ex.citations] == [(2018, "The Lancet"), (2019, "BMJ")]


def test_extract_says_the_list_its_notes_cite_went_unread_as_check_does(tmp_path):
    # Trial 40: `extract`'s JSON had no problem where `check` said "no reference list was read".
    import json
    import os
    import subprocess
    import sys

    path = tmp_path / "notes.md"
    path.write_text("Pain eases with time [1]. Exercise helps [2]. Opioids help little [3].\n")
    done = subprocess.run([sys.executable, "-m", "citecheck", "extract", "--format", "json", str(path)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 2
    [doc] = json.loads(done.stdout)["documents"]
    assert len(doc["problems"]) == 1 and "no reference list was read" in doc["problems"][0]
    assert "no reference list was read" in done.stderr
