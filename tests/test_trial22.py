"""Session 14: trial 21's last false alarm, and trial 22 (a fifth red team: fabrications in the
shapes language models write them, and right citations as clinic pages write them). Each test
names the finding it guards."""

from __future__ import annotations

import pytest

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Verdict
from tests.test_trial18 import _work

_BROWN = "{} Ryan N, Hertel D. No evidence of spatial root system segregation. Trees. 2009;23:941-950."


@pytest.mark.parametrize("name, surname, initials", [
    # trial 21, A_author_suffix-05: "Brown III C" was read as the author "C", initials "BI"
    ("Brown III C,", "Brown", "C"), ("Gates IV WH,", "Gates", "WH"), ("Van Dyke II J,", "Van Dyke", "J"),
    # written after the initials, the generation was kept in them ("CIII"); before them, in the surname
    ("Brown C III,", "Brown", "C"), ("Smith D Jr,", "Smith", "D"), ("Smith Jr D,", "Smith", "D"),
])
def test_a_generation_is_left_out_of_the_author_wherever_it_is_written(name, surname, initials):
    c = parse_reference(_BROWN.format(name), 1)
    assert (c.authors[0].surname, c.authors[0].initials) == (surname, initials), c.authors
    assert [a.surname for a in c.authors[1:]] == ["Ryan", "Hertel"]
    assert c.title == "No evidence of spatial root system segregation" and c.journal == "Trees"


def test_a_cited_generation_the_record_leaves_out_is_verified():
    c = parse_reference(_BROWN.format("Brown III C,"), 1)
    work = _work("No evidence of spatial root system segregation", journal="Trees", short_journal=("Trees",),
                 year_issued=2009, volume="23", issue=None, pages="941-950",
                 authors=(Author("Brown", "Cynthia"), Author("Ryan", "Nora"), Author("Hertel", "Dietrich")))
    assert judge(c, Evidence(candidates=(work,))).verdict is Verdict.VERIFIED


def test_an_in_text_citation_finds_an_entry_whose_author_has_a_generation(tmp_path):
    # The sample article's "Zarate, C. A., Jr., …" is cited "(Zarate et al., 2006)": a generation
    # kept in the surname lost that link in a first draft of this session's change.
    from citecheck.extract import extract_bytes

    article = ("A trial confirmed a strong response within a day (Zarate et al., 2006). Another agreed "
               "(Kaelin et al., 2001).\n\nReferences\n\n"
               "- Zarate, C. A., Jr., Singh, J. B., & Manji, H. K. (2006). A randomized trial of an "
               "N-methyl-D-aspartate antagonist. *Archives of General Psychiatry, 63*(8), 856–864.\n"
               "- Kaelin WG Jr, Smith J. A title of the study. Cell. 2001;105(2):1-9.\n")
    doc = extract_bytes(article.encode(), "a.md")
    assert [a.surname for c in doc.citations for a in c.authors[:1]] == ["Zarate", "Kaelin"]
    assert [it.reference for it in doc.in_text] == [0, 1]
