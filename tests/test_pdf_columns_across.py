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
