"""Links as citations: what the words around a link say, checked against the linked work."""

from citecheck.extract.links import journal_named, link_fits
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


GASTRO = Work(doi="10.1111/j.1572-0241.2004.40358.x", title="To cut or stretch?",
              journal="The American Journal of Gastroenterology", short_journal=("Am J Gastroenterol",),
              year_issued=2004, authors=(Author("Gerke", "H"), Author("Baillie", "J")))


def test_a_journal_named_before_the_study_is_checked_and_is_no_topic():
    assert link_fits("a 2004 Am J Gastroenterol study", GASTRO) is None  # was a topic mismatch on "gastro…"
    assert link_fits("a 2004 JAMA review", GASTRO) == (
        "the text names JAMA but the linked work is in The American Journal of Gastroenterology")
    assert journal_named("a 2004 Harvard Medical School study") is None  # a school, not a journal


def test_a_journal_named_whole_in_the_text_agrees_however_far_the_pattern_reads():
    physiology = Work(doi="10.1152/ajpendo.91000.2008", title="Hepatic insulin resistance",
                      journal="American Journal of Physiology. Endocrinology and Metabolism", year_issued=2009)
    assert link_fits("a 2009 study in American Journal of Physiology. Endocrinology and Metabolism", physiology) is None
    assert link_fits("a 2009 study in the American Journal of Physiology", physiology) is None
    jacc = Work(doi="10.1016/0735-1097(94)00507-M", title="Heart failure", year_issued=1995,
                journal="Journal of the American College of Cardiology")
    assert link_fits("a 1995 study in Journal of the American College of Cardiology", jacc) is None  # named "Journal"


def test_one_author_with_a_year_in_an_anchor_is_checked_but_a_journal_is_no_author():
    assert link_fits("Barton (2004)", GASTRO) == "the text names Barton but the linked work is by Gerke, Baillie"
    assert link_fits("Gerke (2004)", GASTRO) is None
    assert link_fits("JAMA (2004)", GASTRO) is None  # a journal, not an author named "JAMA"


def test_topic_words_meet_the_parts_of_a_hyphenated_title_word():
    work = Work(doi="10.1002/jms.1525", title="On the inter-instrument and the inter-laboratory transferability of "
                "a tandem mass spectral reference library", journal="Journal of Mass Spectrometry", year_issued=2009)
    assert link_fits("inter instrument laboratory results", work) is None


def test_a_markdown_link_whose_anchor_a_line_end_breaks_is_read_as_one_link():
    from citecheck.extract import extract_bytes

    md = (b"# Knee\n\nTibial position changes the dial test, as [Strauss et\n"
          b"al. (2009)](https://doi.org/10.1002/bjs.6728) showed in a trial.\n")
    [link] = extract_bytes(md, "a.md").citations
    assert (link.kind, link.line, link.text, link.doi) == ("link", 3, "Strauss et al. (2009)", "10.1002/bjs.6728")
    bisgaard = Work(doi="10.1002/bjs.6728", title="Hernia repair", journal="Br J Surg", year_issued=2009,
                    authors=(Author("Bisgaard", "T"),))
    assert link_fits(link.text, bisgaard) == "the text names Strauss but the linked work is by Bisgaard"
