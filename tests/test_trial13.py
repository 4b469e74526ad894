"""User trial 13 (real works cited correctly in legitimate variant ways): the journal names
that were false alarms."""

from __future__ import annotations

import pytest

from citecheck.matching.journals import journal_key, same_journal


@pytest.mark.parametrize("cited, names", [
    # F5: NLM's abbreviation of the journal's old name, for a record under its new one
    ("Br Med J", ("BMJ (Clinical Research Ed.)", "BMJ")),
    # F6: records that write "USA" for NLM's "U S A"; the name without its qualifier
    ("PNAS", ("Proc Natl Acad Sci USA",)),
    ("Proceedings of the National Academy of Sciences", ("Proc Natl Acad Sci USA",)),
    ("Proc. Natl. Acad. Sci. U.S.A.", ("Proc Natl Acad Sci USA",)),
])
def test_a_journal_under_another_of_its_names_is_the_same_journal(cited, names):
    assert same_journal(cited, names)


@pytest.mark.parametrize("cited, names", [
    ("BMJ Open", ("BMJ",)), ("J Pain", ("Pain",)), ("Lancet Oncol", ("The Lancet",)),
    ("Breast Cancer Res", ("Breast Cancer Research and Treatment",)),
])
def test_another_journal_is_still_another(cited, names):
    assert not same_journal(cited, names)


def test_three_single_letters_are_one_word_and_two_stay_initials():
    assert journal_key("Proc Natl Acad Sci U S A") == journal_key("Proc Natl Acad Sci USA")
    assert journal_key("J R Soc Med") == "j r soc med"  # initials that abbreviate words


# --- the parse (F2, F3, F4, F8) ----------------------------------------------------------------

from citecheck.extract.parse import parse_reference  # noqa: E402


def test_a_chicago_entry_keeps_its_quoted_title_when_a_parenthesised_year_follows():
    # F2: the year "(2001)" after the journal closed the author list past the quoted title, whose
    # pages then read as the title: an invention in this form was "skipped" as a book.
    c = parse_reference("Lee, R., and V. Ambros. “A Novel Class of Long Noncoding RNAs in Drosophila Testes.” "
                        "Science 294 (2001): 862-864.", 1)
    assert [a.surname for a in c.authors] == ["Lee", "Ambros"]
    assert (c.title, c.journal, c.volume, c.year, c.pages) == (
        "A Novel Class of Long Noncoding RNAs in Drosophila Testes", "Science", "294", 2001, "862-864")


@pytest.mark.parametrize("entry, volume, pages", [
    ("Noh H, Kim J, Han K, et al. Oxidative stress during peritoneal dialysis. Kidney Int. 2006;69:pp. 2102-2108.",
     "69", "2102-2108"),  # F3
    ("Zeitlin, SG, et al. “Uracil DNA N-glycosylase promotes assembly of human centromere protein A.” PLoS ONE 9 "
     "(2011): Article e17151.", "9", "e17151"),  # F4
])
def test_pages_after_pp_or_an_article_number_after_article_are_read(entry, volume, pages):
    c = parse_reference(entry, 1)
    assert (c.volume, c.pages) == (volume, pages)


def test_vancouver_names_with_dotted_initials_are_all_read():
    # F8: only the first was read, the others went into the title; a wrong co-author was verified.
    c = parse_reference("Wilson A., Brennan D., Nelson C., et al. Comparison of arterial assessments in low and "
                        "high vascular disease risk groups. Am J Hypertens. 2004;17:285-291.", 1)
    assert [a.surname for a in c.authors] == ["Wilson", "Brennan", "Nelson"] and c.et_al
    assert c.title.startswith("Comparison of arterial")


@pytest.mark.parametrize("entry, title, journal", [
    # F9: a group the authors write for, a month in the year's parentheses, a quote inside a quoted title
    ("Henselman L, Henderson D, Sallustio Y, on behalf of the Collaborative Investigators. The effect of "
     "conditioning exposures on hearing loss from impulse noise. Hear Res. 1994;78:1-10.",
     "The effect of conditioning exposures on hearing loss from impulse noise", "Hear Res"),
    ("Dunleavy, E. (2009 Mar). HJURP is a cell-cycle-dependent maintenance and deposition factor of CENP-A at "
     "centromeres. Cell, 137, 485-497.",
     "HJURP is a cell-cycle-dependent maintenance and deposition factor of CENP-A at centromeres", "Cell"),
    ("Goldstein, E. et al. (2010) 'Distribution of vaccine/antivirals and the ‘least spread line' in a stratified "
     "population', J R Soc Interface, 7, pp. 755-764.",
     "Distribution of vaccine/antivirals and the ‘least spread line' in a stratified population", "J R Soc Interface"),
])
def test_group_authors_months_and_quotes_inside_titles_stay_out_of_the_title_and_journal(entry, title, journal):
    c = parse_reference(entry, 1)
    assert (c.title, c.journal) == (title, journal)
    assert all("behalf" not in a.surname for a in c.authors)


def test_a_volumes_part_is_no_journal_or_volume():
    # F7: "8 Pt 3" was read as journal "J Proteome Res. 2009;8 Pt" and volume 3 (a false alarm on both).
    c = parse_reference("Dragosits M, Stadlmann J, Albiol J, et al. The effect of temperature on the proteome of "
                        "recombinant Pichia pastoris. J Proteome Res. 2009;8 Pt 3:1380-1392.", 1)
    assert (c.journal, c.volume, c.pages) == ("J Proteome Res", "8", "1380-1392")
