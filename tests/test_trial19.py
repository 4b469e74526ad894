"""Trial 19 (session 12): right citations, written as reference managers and other styles write
them, that were false alarms. Each test names the finding it guards."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.parse import parse_reference


@pytest.mark.parametrize("text, journal, year, volume, issue, pages", [
    # F1: the month before the year (EndNote, old JAMA): "journal cited as Oct"
    ("Fong TM. Correlation between acetylcholine receptor function and structural properties of membranes. "
     "Biochemistry. Oct 1986;25:830-840.", "Biochemistry", 1986, "25", None, "830-840"),
    ("Jones A. Something of note in May. Br J Pharmacol. Mar 2001;132(3):1-9.", "Br J Pharmacol", 2001, "132", "3", "1-9"),
    # F2: the year between journal and volume, set off by commas (ACS; "Journal, Year, Vol., pp.")
    ("Tabas, I.; Williams, K.; Boren, J. Subendothelial lipoprotein retention as the initiating process in "
     "atherosclerosis. Circulation 2007, 116, 1832-1844.", "Circulation", 2007, "116", None, "1832-1844"),
    ("Smith J. A title of the paper here. Brain Res, 2003, Vol. 975, pp. 179-188.", "Brain Res", 2003, "975", None,
     "179-188"),
    # F5: Scopus's export, the year between title and journal
    ("Baekeland, F. Dropping out of treatment: a critical review (1975) Psychological Bulletin, 82 (5), pp. 738-783.",
     "Psychological Bulletin", 1975, "82", "5", "738-783"),
])
def test_dates_and_numbers_as_other_styles_write_them(text, journal, year, volume, issue, pages):
    c = parse_reference(text, 1)
    assert (c.journal, c.year, c.volume, c.issue, c.pages) == (journal, year, volume, issue, pages), c
    assert c.title and c.title[0].isupper() and journal not in c.title, c.title


def test_acs_authors_parted_by_semicolons_are_three():
    c = parse_reference("Tabas, I.; Williams, K.; Boren, J. Subendothelial lipoprotein retention as the initiating "
                        "process in atherosclerosis. Circulation 2007, 116, 1832-1844.", 1)
    assert [a.surname for a in c.authors] == ["Tabas", "Williams", "Boren"]
    assert c.title == "Subendothelial lipoprotein retention as the initiating process in atherosclerosis"


def test_a_chemistry_entry_with_no_title_names_its_journal():
    # F3: "Science" was read as the title, and a right DOI as another work's
    c = parse_reference("T. Fukuchi-Shimogori and E. Grove, Science, 2001, 294, 1071. DOI: 10.1126/science.1064252.", 1)
    assert (c.title, c.journal, c.year, c.volume, c.pages) == (None, "Science", 2001, "294", "1071")


def test_scopus_title_words_before_the_year_are_no_author_names():
    # F5: "Title (2009) Journal": the year after the title had closed the author list, title and all
    c = parse_reference("Smith, J., Doe, A. Neural circuits of fear memory (2009) BMC Neuroscience, 10, pp. 1-12.", 1)
    assert [a.surname for a in c.authors] == ["Smith", "Doe"] and c.title == "Neural circuits of fear memory"
    # A group author before the year is still names: "ASTRA study Group (2008)", "… for Vascular Surgery (2003)"
    c = parse_reference("Wermer MJ, Koffijberg H, van der Schaaf IC, ASTRA study Group (2008) Effectiveness and cost "
                        "of screening for aneurysms every 5 years. Neurology 27:2053-2062", 1)
    assert c.title.startswith("Effectiveness and cost")


def test_chicago_names_with_initials_undotted_are_names():
    # F4: "Li, D., and TD Rozen." (reference managers print Crossref's initials this way)
    c = parse_reference('Li, D., and TD Rozen. "The clinical characteristics of new daily persistent headache." '
                        "Cephalalgia, vol. 22, 2002, pp. 66-69.", 1)
    assert [(a.surname, a.initials) for a in c.authors] == [("Li", "D"), ("Rozen", "TD")]
    assert c.title == "The clinical characteristics of new daily persistent headache" and c.journal == "Cephalalgia"


def test_an_old_wiley_doi_as_a_markdown_link_s_text_stops_at_the_link():
    # F6: the DOI ran on through "](https://doi.org/…"
    doi = "10.1002/(SICI)1097-0258(19981030)17:20<2313::AID-SIM935>3.0.CO;2-V"
    md = ("# T\n\nText [1].\n\n## References\n\n1. Girard, P., & Sheiner, L. (1998). A Markov mixed effect regression "
          f"model for drug compliance. *Statistics in Medicine*, *17*(20), 2313–2333. [https://doi.org/{doi}]"
          f"(https://doi.org/{doi})\n")
    citations = extract_bytes(md.encode(), "a.md").citations
    assert [c.doi for c in citations] == [doi]


def test_a_chicago_list_whose_first_name_has_undotted_initials_too():
    # F4: "Duncan, SH, GE Lobley, …": no author was read, and the journal's "(2005)" became the year
    c = parse_reference("Duncan, SH, GE Lobley, G. Holtrop, J. Ince, AM Johnstone, P. Louis, and HJ Flint. 2008. "
                        "“Human colonic microbiota associated with diet, obesity and weight loss.” International "
                        "Journal of Obesity (2005) 32: 1720–1724.", 1)
    assert [a.surname for a in c.authors][:3] == ["Duncan", "Lobley", "Holtrop"] and c.year == 2008
    assert c.title == "Human colonic microbiota associated with diet, obesity and weight loss"


def test_the_year_between_journal_and_vol_is_no_part_of_the_journal():
    c = parse_reference("Troisi R. Effects of hemi-portocaval shunts for inflow modulation on the outcome of small-for-"
                        "size grafts. Am J Transplant, 2005, Vol. 5, No. 6, pp. 1397.", 1)
    assert (c.journal, c.year, c.volume, c.issue, c.pages) == ("Am J Transplant", 2005, "5", "6", "1397")


def test_an_entry_in_another_script_whose_numbers_name_no_year_is_read():
    # The year-before-"Vol." rule was first written into the other scripts' reader too, where no year
    # is known yet: an UnboundLocalError (found by benchmarks/fuzz.py within the session).
    c = parse_reference("Иванов И.И. Влияние кетамина на хроническую боль. Анестезиология, 5(3):12-19.", 1)
    assert (c.journal, c.volume, c.issue, c.pages) == ("Анестезиология", "5", "3", "12-19")


def test_a_chemistry_entry_with_no_title_and_a_journal_abbreviated_with_stops():
    # Session 13, one of trial 19's last five: "Free Radic" was read as the title, and a right DOI as a mismatch
    c = parse_reference("C. Lin, Y. Hsu, T. Lin and H. Yen, Free Radic. Biol. Med., 2006, 40, 1466. "
                        "DOI: 10.1016/j.freeradbiomed.2005.12.019.", 1)
    assert (c.title, c.journal, c.year, c.volume, c.pages) == (None, "Free Radic. Biol. Med", 2006, "40", "1466")
    # A title before a journal is still a title, even when each is one word
    c = parse_reference("Smith J. Depression. Lancet. 2001;3:4-5.", 1)
    assert (c.title, c.journal) == ("Depression", "Lancet")


def test_a_scopus_title_with_stops_inside_is_no_part_of_the_journal():
    # Session 13, one of trial 19's last five: the journal was read as "… of Cancer (1999) International Journal …"
    c = parse_reference("Vrieling, C., Collette, L. The influence of the boost in the EORTC \"boost versus no boost\" "
                        "trial. EORTC Radiotherapy Cooperative Groups. European Organization for Research and Treatment "
                        "of Cancer (1999) International Journal of Radiation Oncology, Biology, Physics, 45, pp. 677-685.", 1)
    assert c.journal == "International Journal of Radiation Oncology, Biology, Physics"
    assert c.title.endswith("Cooperative Groups. European Organization for Research and Treatment of Cancer")
    assert (c.year, c.volume, c.pages) == (1999, "45", "677-685")
