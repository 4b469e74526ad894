"""parse_reference on realistic entries in each common style."""

from __future__ import annotations

import pytest

from citecheck.extract.parse import normalise_doi, parse_reference
from citecheck.models import Author


def surnames(c):
    return [a.surname for a in c.authors]


def test_apa_entry_gives_every_field():
    c = parse_reference(
        "Zheng, L., et al. (2019). The efficacy of low-dose ketamine infusion in patients with "
        "fibromyalgia: A randomized controlled trial. Pain Medicine, 20(1), 161-169.", 38)
    assert surnames(c) == ["Zheng"] and c.et_al
    assert c.year == 2019
    assert c.title == ("The efficacy of low-dose ketamine infusion in patients with fibromyalgia: "
                       "A randomized controlled trial")
    assert (c.journal, c.volume, c.issue, c.pages) == ("Pain Medicine", "20", "1", "161-169")
    assert c.line == 38


def test_vancouver_entry_keeps_abbreviated_pages():
    c = parse_reference("Ikeda S, Tanaka M. Endoscopic sphincterotomy: long-term results in 408 patients. "
                        "Endoscopy. 1988;20:13-7.", 1)
    assert surnames(c) == ["Ikeda", "Tanaka"]
    assert c.authors[0].initials == "S"
    assert (c.year, c.journal, c.volume, c.pages) == (1988, "Endoscopy", "20", "13-7")
    assert c.title == "Endoscopic sphincterotomy: long-term results in 408 patients"


def test_harvard_quoted_title():
    c = parse_reference("Smith, J. and Jones, K. (2001) 'Ketamine infusions for refractory chronic pain', "
                        "Journal of Pain Research, 3(2), pp. 1-9.", 1)
    assert surnames(c) == ["Smith", "Jones"]
    assert c.title == "Ketamine infusions for refractory chronic pain"
    assert (c.journal, c.volume, c.issue, c.pages, c.year) == ("Journal of Pain Research", "3", "2", "1-9", 2001)


def test_nature_style_year_at_end_and_dotted_journal():
    c = parse_reference("Duman, R. S. & Aghajanian, G. K. Synaptic dysfunction in depression: potential "
                        "therapeutic targets. Nat. Med. 18, 1386–1398 (2012).", 1)
    assert surnames(c) == ["Duman", "Aghajanian"]
    assert c.title == "Synaptic dysfunction in depression: potential therapeutic targets"
    assert c.journal == "Nat. Med"
    assert (c.volume, c.pages, c.year) == ("18", "1386-1398", 2012)


def test_ieee_initials_first():
    c = parse_reference('L. Zheng and K. Patel, "Ketamine dosing for neuropathic pain," '
                        "IEEE Trans. Biomed. Eng., vol. 66, no. 4, pp. 1021-1030, 2019.", 1)
    assert surnames(c) == ["Zheng", "Patel"]
    assert c.title == "Ketamine dosing for neuropathic pain"
    assert (c.volume, c.issue, c.pages, c.year) == ("66", "4", "1021-1030", 2019)


def test_mla_full_given_names():
    c = parse_reference('Mion, Georges, and Jean-Luc Villela. "Ketamine Pharmacology: An Update." '
                        "CNS Neuroscience & Therapeutics, vol. 19, no. 6, 2013, pp. 370-380.", 1)
    assert surnames(c) == ["Mion", "Villela"]
    assert c.title == "Ketamine Pharmacology: An Update"
    assert (c.volume, c.issue, c.pages, c.year) == ("19", "6", "370-380", 2013)


def test_chicago_notes_volume_issue_year():
    c = parse_reference('Hernandez, Gabriel. "Ketamine and Opioid Sparing." Clinical Journal of Pain 34, '
                        "no. 7 (2018): 654-660.", 1)
    assert surnames(c) == ["Hernandez"]
    assert c.title == "Ketamine and Opioid Sparing"
    assert (c.journal, c.volume, c.issue, c.year, c.pages) == ("Clinical Journal of Pain", "34", "7", 2018, "654-660")


def test_lancet_style_with_doi():
    c = parse_reference("Mion G, Villela JL. Ketamine in chronic pain. Lancet 2003; 362: 395-402. "
                        "doi:10.1016/S0140-6736(03)14022-7.", 1)
    assert (c.journal, c.year, c.volume, c.pages) == ("Lancet", 2003, "362", "395-402")
    assert c.doi == "10.1016/S0140-6736(03)14022-7"


def test_springer_year_after_authors():
    c = parse_reference("Schwartzman RJ, Alexander GM, Grothusen JR (2009) Outpatient intravenous ketamine "
                        "for complex regional pain syndrome. Pain 147(1-3):107-115", 1)
    assert surnames(c)[0] == "Schwartzman"
    assert (c.year, c.journal, c.volume, c.issue, c.pages) == (2009, "Pain", "147", "1-3", "107-115")


def test_author_particles_stay_with_surname():
    c = parse_reference("van der Berg, A., & de Vries, B. (2020). Ketamine. Pain Reports, 5(3), e676-e682.", 1)
    assert surnames(c) == ["van der Berg", "de Vries"]
    assert c.title == "Ketamine"
    assert c.pages == "e676-e682"


def test_supplement_pages_kept_as_written():
    c = parse_reference("Cohen SP, Bhatia A, Buvanendran A. Consensus guidelines on ketamine infusions. "
                        "Reg Anesth Pain Med. 2018;43(5):S245–S251.", 1)
    assert c.pages == "S245-S251"


@pytest.mark.parametrize("written", [
    "doi:10.1097/j.pain.0000000000001234.",
    "DOI: 10.1097/j.pain.0000000000001234",
    "https://doi.org/10.1097/j.pain.0000000000001234",
    "http://dx.doi.org/10.1097/j.pain.0000000000001234,",
])
def test_doi_in_every_written_form(written):
    c = parse_reference(f"Zheng L. Ketamine for pain. Pain. 2019;160:1-9. {written}", 1)
    assert c.doi == "10.1097/j.pain.0000000000001234"


def test_doi_broken_by_pdf_extraction_is_rejoined():
    c = parse_reference("Etkin A. Anxiety. Neuron 44, 1043-1055. (doi:10.1016/ j.neuron.2004.12.006)", 1)
    assert c.doi == "10.1016/j.neuron.2004.12.006"


def test_pmid_and_pubmed_link():
    assert parse_reference("Smith J. Ketamine. Pain. 2001;3:1-9. PMID: 19783371", 1).pmid == "19783371"
    c = parse_reference("https://pubmed.ncbi.nlm.nih.gov/19783371/", 1)
    assert c.pmid == "19783371" and c.title is None


def test_bare_doi_or_url_has_no_title():
    assert parse_reference("https://doi.org/10.1213/ANE.0000000000000465", 1).title is None
    c = parse_reference("https://www.ketamineclinic.example/blog/ketamine-for-pain", 1)
    assert c.url == "https://www.ketamineclinic.example/blog/ketamine-for-pain" and c.title is None


def test_normalise_doi_keeps_balanced_parentheses():
    assert normalise_doi("https://doi.org/10.1016/S0140-6736(03)14022-7).") == "10.1016/S0140-6736(03)14022-7"


def test_lost_page_dash_is_restored():
    c = parse_reference("Wilcox A (2000) The timing of the fertile window. BMJ 321:12591262", 1)
    assert c.pages == "1259-1262"


def test_ieee_names_the_list_patterns_cannot_read_end_at_the_quoted_title():
    c = parse_reference("J. Gregg, P. De Girolami, and D. Carr Locke, “Effects of sphincteroplasty and endoscopic "
                        "sphincterotomy on the bacteriologic characteristics of the common bile duct”, Am J Surg, "
                        "vol. 149, pp. 668–671, 1985.", 1)
    assert surnames(c) == ["Gregg", "De Girolami", "Carr Locke"] and c.authors[2].initials == "D"
    assert c.title.startswith("Effects of sphincteroplasty") and c.title.endswith("common bile duct")
    assert (c.journal, c.volume, c.pages, c.year) == ("Am J Surg", "149", "668-671", 1985)
    upper = parse_reference("A. MØLLER et al., “Frequency selectivity of the peripheral auditory analyzer”, "
                            "Acta Physiol Scand, vol. 104, pp. 24–32, 1978.", 1)
    assert surnames(upper) == ["MØLLER"] and upper.et_al and upper.journal == "Acta Physiol Scand"


def test_curly_quoted_title_keeps_its_inner_quotes_and_apostrophes():
    c = parse_reference("L. Leydesdorff, “Remaining problems with the “new crown indicator” (MNCS) of the CWTS”, "
                        "Journal of Informetrics, vol. 5, no. 1, pp. 224–225, 2011.", 1)
    assert c.title == "Remaining problems with the “new crown indicator” (MNCS) of the CWTS"
    assert c.journal == "Journal of Informetrics"
    c = parse_reference("N. René-Henri et al., “Community pharmacists' interventions in asthma care: a descriptive "
                        "study,” Ann Pharmacother, vol. 43, pp. 104–111, 2009.", 1)
    assert c.title == "Community pharmacists' interventions in asthma care: a descriptive study"
    assert c.journal == "Ann Pharmacother"


@pytest.mark.parametrize("written", ["doi:10. 1111/j.1365-2486.2007.01506.x", "doi:10 .1111/j.1365-2486.2007.01506.x",
                                     "DOI: 10.1111/ j.1365-2486.2007.01506.x"])
def test_labelled_doi_broken_around_its_dot_is_rejoined(written):
    c = parse_reference(f"Smith J. Reef corals. Glob Change Biol. 2008;14:513-28. ({written})", 1)
    assert c.doi == "10.1111/j.1365-2486.2007.01506.x"


def test_unlabelled_numbers_are_not_joined_into_a_doi():
    assert parse_reference("Smith J. Ten years. Vol 10. 1234/5 trials. J Pain. 2008;14:513-28.", 1).doi is None


def test_apa_double_slash_doi_is_the_registered_one():
    c = parse_reference("Berndt, T. J. (1979). Developmental changes in conformity to peers and parents. "
                        "Developmental Psychology, 15, 608-616. doi:10.1037// 0012-1649.15.6.608.", 1)
    assert c.doi == "10.1037/0012-1649.15.6.608"
    assert normalise_doi("https://doi.org/10.1037//0022-3514.54.6.1063") == "10.1037/0022-3514.54.6.1063"


@pytest.mark.parametrize("entry, doi", [
    # RIS's end tag glued to the DOI that closes a record flattened to one line.
    ("Au L, Zhang Q (2010) Quantifying the cellular uptake of Au nanocages. ACS Nano 4:35-42. "
     "doi:10.1021/ nn901392mER", "10.1021/nn901392m"),
    # American Thoracic Society DOIs end in capitals after digits: theirs.
    ("Hogg JC. Small airways. Am J Respir Crit Care Med. 2007;175:5-9. doi:10.1164/rccm.200607-1051OC",
     "10.1164/rccm.200607-1051OC"),
    # "ER" with text after it is no end tag.
    ("Doe J. A title. J Test. 2010;1:1-2. doi:10.1021/abcER (corrected)", "10.1021/abcER"),
])
def test_ris_end_tag_glued_to_a_closing_doi_is_not_part_of_it(entry, doi):
    assert parse_reference(entry, 1).doi == doi


@pytest.mark.parametrize("entry, journal", [
    ("Murrough JW, et al. Antidepressant efficacy of ketamine in treatment-resistant major depression. "
     "Am J Psychiatry. 2013.", "Am J Psychiatry"),
    ("Smith, J. (2019). Ketamine and chronic pain. Pain Medicine.", "Pain Medicine"),
    ("Smith J. Ketamine and chronic pain. Radiology. 2013.", "Radiology"),
    ("J. Smith, “Ketamine and chronic pain”, Genome Res, 2007.", "Genome Res"),
    ("Huang, H. S. (2007). Prefrontal dysfunction in schizophrenia. The Journal of Neuroscience : The Official "
     "Journal of the Society for Neuroscience.", "The Journal of Neuroscience"),
    ("Smith J. Ketamine and chronic pain. Journal of Imaginary Neuroscience. 2013.", "Journal of Imaginary Neuroscience"),
    # Not in the NLM list, but abbreviated the way it abbreviates.
    ("Tillmar, A. (2009). Genetic variation of 15 autosomal STR loci in a Somali population. Forensic Sci Int Genet.",
     "Forensic Sci Int Genet"),
    ("Jayaraman K, Das Gupta D. Osmotic dehydration of fruits and vegetables. Drying Technol. 1992.", "Drying Technol"),
])
def test_a_journal_cited_without_volume_or_pages_is_read(entry, journal):
    c = parse_reference(entry, 1)
    assert c.journal == journal
    assert c.title in entry and journal not in c.title and c.volume is None and c.pages is None


@pytest.mark.parametrize("entry", [
    "Smith J. Pain Management Handbook. Oxford University Press; 2010.",
    "Benzon HT, Raja SN. Essentials of Pain Medicine. 4th ed. Philadelphia, PA: Elsevier; 2018.",
    "Mayo Clinic. Ketamine for depression. Mayo Foundation for Medical Education and Research. 2023.",
    "Centers for Disease Control and Prevention. Opioid overdose. CDC. 2020.",
    "U.S. Food and Drug Administration. FDA approves new nasal spray medication. FDA News Release. 2019.",
    "Harvard Health Publishing. Ketamine for major depression. Harvard Health Blog. 2019.",
    "Smith J. Ketamine therapy explained. Healthline. 2022.",
    "Jones K. Ketamine: A Patient Guide. Calm Clinic. 2021.",
    "Lee K. Chronic pain management. Oxford Univ Press. 2015.",
    "Brown A. Living with chronic pain. Cleveland Clinic Health Library. 2021.",
])
def test_a_publisher_site_or_agency_after_the_title_is_no_journal(entry):
    # A journal here would turn an unmatched web page or book from skipped into not_found.
    assert parse_reference(entry, 1).journal is None


@pytest.mark.parametrize("tail", ["12" * 20 + "x.", "1 " * 30 + "x", "12" * 50_000 + "x.", "Jan 1 " * 20_000 + "x."])
def test_digits_after_a_title_cannot_make_the_parser_backtrack(tail):
    # "Title. 1212…12x." once took minutes (a run of digits split into years and days
    # in every way); these return at once, and nothing in them is a journal.
    assert parse_reference(f"Smith J. Ketamine and chronic pain. {tail}", 1).journal is None


@pytest.mark.parametrize("entry, title, journal, volume, pages", [
    ("Frank, E. Data mining in bioinformatics using Weka. Bioinformatics 20, 2479–2481 (2004).",
     "Data mining in bioinformatics using Weka", "Bioinformatics", "20", "2479-2481"),
    ("Albrich, W. & Harbarth, S. Health-care workers: source, vector, or victim of MRSA?. Lancet Infect Dis 8, "
     "289–301 (2008).", "Health-care workers: source, vector, or victim of MRSA?", "Lancet Infect Dis", "8", "289-301"),
    ("Kanehisa, M. et al. From genomics to chemical genomics: new developments in KEGG. Nucleic Acids Res 34, "
     "D354–D357 (2006).", "From genomics to chemical genomics: new developments in KEGG", "Nucleic Acids Res", "34",
     "D354-D357"),
])
def test_a_year_closing_a_nature_style_entry_does_not_swallow_title_and_journal_into_the_authors(
        entry, title, journal, volume, pages):
    # The year after an author list that stopped early closes the list only when no volume
    # and pages come between (these titles hold no three lower-case words in a row).
    c = parse_reference(entry, 1)
    assert (c.title, c.journal, c.volume, c.pages) == (title, journal, volume, pages)


def test_a_group_author_with_numbers_still_ends_at_its_year():
    c = parse_reference("Lees, D., & CEN WG6 TAG4. (2010). International standardisation of a method for detection "
                        "of human pathogenic viruses in molluscan shellfish. Food Environ Virol, 2, 146-155.", 1)
    assert c.year == 2010 and c.title.startswith("International standardisation") and c.journal == "Food Environ Virol"


@pytest.mark.parametrize("entry, surnames, title", [
    ("Gregg, J., P. De Girolami, and D. Carr Locke. 1985. “Effects of Sphincteroplasty and Endoscopic Sphincterotomy "
     "on the Bacteriologic Characteristics of the Common Bile Duct”. American Journal of Surgery 149: 668–71.",
     ["Gregg", "De Girolami", "Carr Locke"],  # (read as "Carr" until session 18)
     "Effects of Sphincteroplasty and Endoscopic Sphincterotomy on the Bacteriologic Characteristics of the Common "
     "Bile Duct"),
    ("Fernández Nievas, G.A., F.J. Barrantes, and S.S. Antollini. 2007. Conformation-sensitive steroid and fatty acid "
     "sites in the transmembrane domain of the nicotinic acetylcholine receptor. Biochemistry 46: 3988-3994.",
     ["Fernández Nievas", "Barrantes", "Antollini"],
     "Conformation-sensitive steroid and fatty acid sites in the transmembrane domain of the nicotinic acetylcholine "
     "receptor"),
])
def test_a_chicago_author_list_with_a_name_the_pattern_cannot_read_ends_at_its_year(entry, surnames, title):
    c = parse_reference(entry, 1)
    assert [a.surname for a in c.authors] == surnames and c.title == title and c.volume is not None


def test_a_vancouver_title_before_a_bare_year_is_not_read_as_names():
    # Only a list that went on past a comma is extended to ". 2019. ".
    c = parse_reference("Smith J. Ketamine. 2019. Available from: https://example.org/ketamine", 1)
    assert [a.surname for a in c.authors] == ["Smith"] and c.title == "Ketamine"


@pytest.mark.parametrize("entry, author", [
    ("American Diabetes Association. Standards of medical care in diabetes-2019. Diabetes Care. 2019;42:S1-S193.",
     "American Diabetes Association"),
    ("Mayo Clinic. Ketamine for depression. https://www.mayoclinic.org/ketamine", "Mayo Clinic"),
    ("Centers for Disease Control and Prevention. Opioid overdose. CDC. 2020.",
     "Centers for Disease Control and Prevention"),
])
def test_an_organisation_is_one_author_under_its_whole_name(entry, author):
    assert parse_reference(entry, 1).authors == (Author(author, ""),)


def test_people_named_in_full_are_still_people():
    c = parse_reference("Karen Jones and Paul Smith. Ketamine and pain. Pain Med. 2019;20:1-9.", 1)
    assert c.authors == (Author("Jones", "K"), Author("Smith", "P"))


def test_volumes_bound_as_one_are_read_as_the_volume():
    c = parse_reference("Petrash, J., Murthy, B., 2001. Functional genomic studies of aldo-keto reductases. "
                        "Chem Biol Interact 130-132, 673–683.", 1)
    assert (c.title, c.journal, c.volume, c.pages) == (
        "Functional genomic studies of aldo-keto reductases", "Chem Biol Interact", "130-132", "673-683")


def test_a_doi_inside_a_link_to_the_publishers_page_leaves_the_link_whole():
    c = parse_reference("Smith J, et al. Ketamine for depression. NEJM. 2019. "
                        "https://www.nejm.org/doi/full/10.1056/NEJMoa1234567", 1)
    assert c.doi == "10.1056/NEJMoa1234567" and c.url == "https://www.nejm.org/doi/full/10.1056/NEJMoa1234567"
    assert (c.title, c.journal, c.year) == ("Ketamine for depression", "NEJM", 2019)


def test_vancouver_names_before_a_group_author_keep_surname_and_initials():
    c = parse_reference("Woods SP, Dawson MD, Weber E, Grant I, The HNRC Group (2010) The semantic relatedness of "
                        "cue-intention pairings influences event-based prospective memory failures in older adults "
                        "with HIV infection. J Clin Exp Neuropsychol 32:398-407", 1)
    assert c.authors[:2] == (Author("Woods", "SP"), Author("Dawson", "MD"))
    assert c.authors[-1] == Author("The HNRC Group", "") and c.year == 2010


@pytest.mark.parametrize("entry, authors, year, title", [
    ("Klein, Lawrence R. 1988. Components of competitiveness. Science 241(4863): 308-313.",
     [Author("Klein", "LR")], 1988, "Components of competitiveness"),
    ("Mowery, David C., and Arvids A. Ziedonis. 2002. Academic patent quality and quantity before and after the "
     "Bayh-Dole act in the United States. Research Policy 31: 399-418.",
     [Author("Mowery", "DC"), Author("Ziedonis", "AA")], 2002,
     "Academic patent quality and quantity before and after the Bayh-Dole act in the United States"),
])
def test_given_names_in_full_with_a_middle_initial_and_the_year_after_them(entry, authors, year, title):
    c = parse_reference(entry, 1)
    assert (list(c.authors), c.year, c.title) == (authors, year, title)


@pytest.mark.parametrize("entry, authors, title", [
    ("Kerchner GA, Hess, CP, Hammond-Rosenbluth KE, et al. Hippocampal CA1 apical neuropil atrophy in mild "
     "Alzheimer disease visualized with 7-T MRI. Neurology 2010;75:1381-1387",
     [Author("Kerchner", "GA"), Author("Hess", "CP"), Author("Hammond-Rosenbluth", "KE")],
     "Hippocampal CA1 apical neuropil atrophy in mild Alzheimer disease visualized with 7-T MRI"),
    ("Smith J, Jones, K. A trial of ketamine in chronic pain. Lancet. 2001;357:1-9.",
     [Author("Smith", "J"), Author("Jones", "K")], "A trial of ketamine in chronic pain"),
])
def test_a_stray_comma_inside_a_vancouver_name_keeps_the_coauthors_out_of_the_title(entry, authors, title):
    c = parse_reference(entry, 1)
    assert (list(c.authors), c.title) == (authors, title)


@pytest.mark.parametrize("entry, authors, title", [
    ("Xu. Infants’ metaphysics. Cogn Psychol. 1996;30:111–53.", ["Xu"], "Infants’ metaphysics"),
    ("MØLLER, A. Frequency selectivity of the peripheral auditory analyzer studied using broad band noise. "
     "Acta Physiol Scand 104, 24–32 (1978).", ["MØLLER"],
     "Frequency selectivity of the peripheral auditory analyzer studied using broad band noise"),
    ("Jones, Andolina I, Oakely N, Murphy P, Sillito A. Spatial summation in lateral geniculate nucleus and visual "
     "cortex. Exp Brain Res. 2000;135:279-84.", ["Jones", "Oakely", "Murphy", "Sillito"],
     "Spatial summation in lateral geniculate nucleus and visual cortex"),
])
def test_names_read_loosely_end_at_the_first_stop_when_title_words_follow_it(entry, authors, title):
    c = parse_reference(entry, 1)
    assert ([a.surname for a in c.authors], c.title) == (authors, title)


def test_an_apa_list_cut_with_an_ellipsis_is_a_shortened_list():
    c = parse_reference("Zanos, P., Moaddel, R., Morris, P. J., Georgiou, P., Fischell, J., Elmer, G. I., … Gould, T. D. "
                        "(2018). NMDAR inhibition-independent antidepressant actions of ketamine metabolites. Nature, "
                        "533(7604), 418–421.", 1)
    assert c.et_al and c.authors[-1] == Author("Gould", "TD")


@pytest.mark.parametrize("link, doi", [
    ("https://doi.org/10.1016/j.jaut.2008.08.001?utm_source=clinic", "10.1016/j.jaut.2008.08.001"),
    ("https://doi.org/10.1016/j.jaut.2008.08.001#abstract.", "10.1016/j.jaut.2008.08.001"),
    ("https://doi.org/10.1002/(SICI)1522-2683(19991001)20:14%3C2824::AID-ELPS2824%3E3.0.CO;2-H",
     "10.1002/(SICI)1522-2683(19991001)20:14<2824::AID-ELPS2824>3.0.CO;2-H"),
])
def test_a_doi_link_in_an_entry_is_read_without_its_query_and_with_its_escapes_decoded(link, doi):
    # Both were "DOI not registered": a false mismatch on a correct reference.
    c = parse_reference(f"Smith A. Autoimmune thyroid disease. J Autoimmun. 2008;31(4):339-344. {link}", 1)
    assert c.doi == doi and c.journal == "J Autoimmun" and c.pages == "339-344"


def test_vietnamese_names_are_names():
    # "Nguyễn NT, …" was read with "NT" as the first author's surname: Latin Extended Additional letters.
    c = parse_reference("Nguyễn NT, Hinojosa MW, Smith BR. Single laparoscopic incision transabdominal surgery. "
                        "Obes Surg. 2008;18(12):1628-1631.", 1)
    assert [(a.surname, a.initials) for a in c.authors] == [("Nguyễn", "NT"), ("Hinojosa", "MW"), ("Smith", "BR")]
    c = parse_reference("Nguyễn, T. T., Trần, E., Ong, C. K., & Lee, S. K. (2003). A title of four words. "
                        "J Cell Physiol, 1, 1-9.", 1)
    assert [a.surname for a in c.authors] == ["Nguyễn", "Trần", "Ong", "Lee"]


def test_cochrane_issue_without_a_volume_keeps_the_journal():
    c = parse_reference("Juni P, Hari R, Rutjes AW. Intra-articular corticosteroid for knee osteoarthritis. "
                        "Cochrane Database Syst Rev. 2015 Oct 22;(10):CD005328.", 1)
    assert (c.title, c.journal, c.year) == ("Intra-articular corticosteroid for knee osteoarthritis",
                                            "Cochrane Database Syst Rev", 2015)
    assert (c.volume, c.issue, c.pages) == (None, "10", "CD005328")


def test_a_journal_section_letter_stays_with_the_journal():
    c = parse_reference("Lehane, M. (2004). Liquid chromatography of ten azaspiracids in shellfish. "
                        "Journal of Chromatography. A, 1024(1-2), 63–70.", 1)
    assert (c.title, c.journal, c.volume) == ("Liquid chromatography of ten azaspiracids in shellfish",
                                              "Journal of Chromatography. A", "1024")


def test_mla_supplement_issue():
    c = parse_reference("Stein, M. “Neurobiology of Generalized Anxiety Disorder”. The Journal of Clinical "
                        "Psychiatry, vol. 70, no. Suppl 2, 2009, pp. 15–19.", 1)
    assert (c.journal, c.volume, c.issue, c.pages, c.year) == (
        "The Journal of Clinical Psychiatry", "70", "Suppl 2", "15-19", 2009)


def test_a_quoted_title_with_its_journal_and_year_in_parentheses():
    c = parse_reference('"Blue-light filtering spectacles and sleep quality in nurses" (Chronobiol Int, 2020).', 1)
    assert (c.authors, c.title, c.journal, c.year) == (
        (), "Blue-light filtering spectacles and sleep quality in nurses", "Chronobiol Int", 2020)


def test_a_title_then_a_dash_and_a_known_journal_with_its_year():
    c = parse_reference("Assessment of spring phenology in North America from remote sensing for 1982-2006 "
                        "— Glob Chang Biol, 2009", 1)
    assert (c.title, c.journal, c.year) == (
        "Assessment of spring phenology in North America from remote sensing for 1982-2006", "Glob Chang Biol", 2009)
    # A dash inside a title before words that name no journal splits nothing.
    assert parse_reference("Smith J. Pain relief - a review of the options. 2009", 1).journal is None


@pytest.mark.parametrize("title", [
    "Age differences in personality: Evidence from a nationally representative Australian sample",
    "Screening and case-finding instruments for depression: a meta-analysis",
])
def test_a_bare_title_with_a_subtitle_has_no_authors(title):
    # `citecheck lookup "<title>"` read the words before the colon as the author list, and the
    # real work was a mismatch on its "first author" (trial 9).
    c = parse_reference(title, 1)
    assert (c.authors, c.title) == ((), title)
