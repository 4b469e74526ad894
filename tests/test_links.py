"""Links as citations: what the words around a link say, checked against the linked work."""

from citecheck.extract.links import link_fits
from citecheck.models import Author, Work



def test_a_link_anchor_that_names_authors_and_a_year_is_checked_against_the_linked_work():
    franca = Work(doi="10.1001/archneur.64.12.1767", title="Machado-Joseph disease", journal="Archives of Neurology",
                  year_issued=2007, authors=(Author("França", "MC"), Author("Lopes-Cendes", "I")))
    for anchor in ("Strauss et al. (2007)", "Strauss et al., 2007", "Strauss and Ishak (2007)"):
        assert link_fits(anchor, franca) == "the text names Strauss but the linked work is by França, Lopes-Cendes"
    assert link_fits("França et al. (2007)", franca) is None
    # Two capitalised words joined by "and" are a title's words unless a year follows them.
    assert link_fits("Treatment of Anxiety and Depression https://doi.org/10.1001/archneur.64.12.1767", franca) is None


def test_journals_named_in_prose_are_compared_as_the_reference_matcher_compares_them():
    from citecheck.extract.links import journal_names_agree

    assert journal_names_agree("NEJM", ["The New England Journal of Medicine"])
    assert journal_names_agree("CMAJ", ["Canadian Medical Association Journal"])
    assert journal_names_agree("Anesthesia and Analgesia", ["Anesthesia & Analgesia"])
    assert journal_names_agree("the New England Journal", ["The New England journal of medicine"])
    assert not journal_names_agree("the Journal of Pain", ["Pain"])  # another journal (was taken as the same)
