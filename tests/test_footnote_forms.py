"""References as footnotes give them: Chicago's full notes, with given names in full before
the surname ("Robert C. Whitaker et al., “Title,” Journal 337, no. 13 (1997): 869–73."), and
a note's lead-in before its reference ("See", "For a review, see"). A correct Chicago note
was read as by an author "Robert", with the names in its title, and flagged as a mismatch.
benchmarks/notes.py measures both forms over 2,000 development records."""

from __future__ import annotations

import pytest

from citecheck.extract.parse import parse_reference
from tests.conftest import run_cli

TITLE = "Predicting Obesity in Young Adulthood from Childhood and Parental Obesity"
TAIL = f"“{TITLE},” New England Journal of Medicine 337, no. 13 (1997): 869–73."


@pytest.mark.parametrize("names, authors, et_al", [
    ("Robert C. Whitaker et al.,", [("Whitaker", "RC")], True),
    ("Robert C. Whitaker, Jeffrey A. Wright, and Margaret S. Pepe,", [("Whitaker", "RC"), ("Wright", "JA"), ("Pepe", "MS")], False),
    ("Robert Whitaker and Jeffrey Wright,", [("Whitaker", "R"), ("Wright", "J")], False),
    ("Jean-Pierre van der Berg and Mary Ann O’Neill,", [("van der Berg", "JP"), ("O’Neill", "MA")], False),
    ("R. C. Whitaker, J. A. Wright, and M. S. Pepe,", [("Whitaker", "RC"), ("Wright", "JA"), ("Pepe", "MS")], False),
])
@pytest.mark.parametrize("lead_in", ["", "See ", "For a review, see "])
def test_a_chicago_note_is_read_with_its_given_names_first(names, authors, et_al, lead_in):
    cited = parse_reference(f"{lead_in}{names} {TAIL}", 1)
    assert [(a.surname, a.initials) for a in cited.authors] == authors
    assert cited.et_al is et_al
    assert (cited.title, cited.journal) == (TITLE, "New England Journal of Medicine")
    assert (cited.year, cited.volume, cited.issue, cited.pages) == (1997, "337", "13", "869-73")


def test_a_vancouver_entry_with_a_quoted_title_keeps_its_surnames():
    cited = parse_reference('Whitaker RC, Wright JA, "Predicting obesity," N Engl J Med. 1997;337:869-73.', 1)
    assert [(a.surname, a.initials) for a in cited.authors] == [("Whitaker", "RC"), ("Wright", "JA")]


def test_a_correct_chicago_note_is_verified(tmp_path, fake_crossref):
    article = tmp_path / "ketamine.md"
    article.write_text(
        "# Ketamine\n\nIts metabolites may act without blocking NMDA receptors.[^1]\n\n"
        "[^1]: See Panos Zanos et al., “NMDAR Inhibition-Independent Antidepressant Actions of Ketamine "
        "Metabolites,” *Nature* 533, no. 7604 (2016): 481–86.\n", encoding="utf-8")
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    [citation] = run.json()["documents"][0]["citations"]
    assert (citation["verdict"], run.exit_code) == ("verified", 0), citation
