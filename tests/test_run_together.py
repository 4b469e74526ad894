"""Two references run together in one entry (a list whose line breaks were lost: HTML <br>
dropped, a PDF's columns, a paste) were read and checked as one, the second unchecked and
unsaid. An entry holding the DOIs of two works now makes the file read in part."""

from __future__ import annotations

from citecheck.extract import extract_bytes
from citecheck.extract.text import run_together
from citecheck.models import Citation

ARTICLE = """Sleep and pain

Poor sleep worsens pain [1], and mouth taping is no cure [2].

References
1. Warner E, Goel V. Pilot study of an information aid. Health Expect. 1999;2(2):118-128. \
doi:10.1046/j.1369-6513.1999.00038.x 2. Park JH, Lee K. Mouth taping and sleep apnoea. Sleep Med. \
2021;80:1-9. doi:10.1016/j.sleep.2021.01.001
"""


def test_an_entry_holding_two_works_dois_makes_the_file_read_in_part():
    extraction = extract_bytes(ARTICLE.encode(), "a.txt")
    assert len(extraction.problems) == 1
    assert "entry at line 6 holds the DOIs of two works" in extraction.problems[0]


def test_one_work_s_doi_written_twice_or_a_notice_s_doi_is_no_second_work():
    def entry(text: str) -> Citation:
        return Citation(text=text, line=4)

    assert run_together((
        entry("Smith J. A study. Lancet. 2019;393:1-2. doi:10.1016/S0140-6736(19)30001-1. "
              "https://doi.org/10.1016/S0140-6736(19)30001-1"),
        entry("Smith J. A study. Lancet. 2019;393:1-2. doi:10.1016/S0140-6736(19)30001-1. Erratum in: "
              "Lancet. 2019;394:10. doi:10.1016/S0140-6736(19)31111-1"),
        entry("Smith J. A study. BMJ. 2019;1:2. doi:10.1136/bmj.l1 https://doi.org/10.1136/bmj.l1."),
    )) == ()
    assert run_together((entry("Lee K. Sleep. doi:10.1001/jama.2019.1 https://doi.org/10.1002/pain.2020.2"),), "paragraph") == (
        "the entry at paragraph 4 holds the DOIs of two works (two references run together, or a link to another "
        "work than the DOI shown), checked as one; check it by hand",)
