"""Trial 21 (session 13, a fourth red team): right citations written in forms an editor accepts
that were false alarms, and wrong ones that passed. Each test names the finding it guards."""

from __future__ import annotations

import pytest

from citecheck.matching.journals import same_journal
from citecheck.matching.score import check_authors, same_surname
from citecheck.models import Author, FieldStatus, Verdict
from tests.test_trial18 import _judged as _title  # a title judged against a published one, the rest right


@pytest.mark.parametrize("cited, published", [
    # A1: a word written as digits with letters, or in words ("1st"/"first", "3D"/"three-dimensional", "2-fold"/"twofold")
    ("Effect of reducing immunosuppression after the 1st year posttransplant",
     "Effect of reducing immunosuppression after the first year posttransplant"),
    ("Sphingosine-1-phosphate, a novel 2nd messenger involved in cell growth regulation",
     "Sphingosine-1-phosphate, a novel second messenger involved in cell growth regulation"),
    ("3D structure of vertebrate cardiac muscle myosin filaments",
     "Three-dimensional structure of vertebrate cardiac muscle myosin filaments"),
    ("Multislice three-dimensional ultrasound perfusion imaging of acute pulmonary embolism",
     "Multislice 3D ultrasound perfusion imaging of acute pulmonary embolism"),
    ("SIRT1 is 2-fold elevated in mouse and human prostate cancer", "SIRT1 is twofold elevated in mouse and human prostate cancer"),
    # A2: a disease's name and its initialism ("coronavirus disease 2019"/"COVID-19", "T2D")
    ("Epitope analysis for coronavirus disease 2019 vaccine design", "Epitope analysis for COVID-19 vaccine design"),
    ("Treatment of pulmonary severe acute respiratory syndrome coronavirus 2 infection with an immunomodulator",
     "Treatment of pulmonary SARS-CoV-2 infection with an immunomodulator"),
    ("Pathways from obesity to T2D", "Pathways from obesity to type 2 diabetes"),
])
def test_one_word_written_two_ways_is_still_the_title(cited, published):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, title


def test_a_name_written_out_then_in_brackets_is_one_name():
    # "coronavirus disease 2019 (COVID-19)" in the record, "COVID-19" cited: no words left out
    result, title = _title("Surveillance of H5 avian COVID-19 virus in wild birds found dead",
                           "Surveillance of H5 avian coronavirus disease 2019 (COVID-19) virus in wild birds found dead")
    assert result.verdict is Verdict.VERIFIED and title.note is None, title


@pytest.mark.parametrize("cited, published, said", [
    ("Sphingosine-1-phosphate, a novel 3rd messenger involved in cell growth regulation",
     "Sphingosine-1-phosphate, a novel second messenger involved in cell growth regulation", '"second" published'),
    ("Pathways from obesity to T1D", "Pathways from obesity to type 2 diabetes", '"type 2" published'),
    ("SIRT1 is 3-fold elevated in mouse and human prostate cancer",
     "SIRT1 is twofold elevated in mouse and human prostate cancer", "published"),
])
def test_another_number_written_another_way_is_still_a_change(cited, published, said):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.MISMATCH and said in title.note, title


@pytest.mark.parametrize("cited, published", [
    # A3: umlauts written out as German and pinyin write them; a generation after the surname
    ("Baer", "Bär"), ("Loew", "Löw"), ("Oez", "Öz"), ("Rueb", "Rüb"), ("Lv", "Lü"), ("Lyu", "Lü"),
    ("Smith", "Smith Jr."), ("Gates", "Gates III"), ("Mueller", "Müller"),
])
def test_a_surname_written_as_ascii_or_without_its_generation_is_the_same(cited, published):
    assert same_surname(cited, published)


@pytest.mark.parametrize("cited, published", [("Baer", "Bar"), ("Lee", "Lü"), ("Smithson", "Smith Jr.")])
def test_other_surnames_stay_other(cited, published):
    assert not same_surname(cited, published)


def test_a_chinese_name_the_record_stores_family_last_is_the_cited_one():
    # A4: record family "Xiaoming", given "Wang"; cited "Wang X"
    record = (Author("Xiaoming", "Wang"), Author("Li", "Hua"))
    assert check_authors((Author("Wang", "X"), Author("Li", "H")), record).status is FieldStatus.MATCH
    # another initial than the family name's: another person
    assert check_authors((Author("Wang", "Y"), Author("Li", "H")), record).status is FieldStatus.MISMATCH


def test_a_journal_cited_without_the_qualifier_its_record_adds_after_a_colon():
    # A5: "Annals of Oncology: Official Journal of …" (no space before the colon) and no short title
    record = ("Annals of Oncology: Official Journal of the European Society for Medical Oncology / ESMO",)
    assert same_journal("Annals of Oncology", record)
    assert same_journal("Annals of Oncology: Official Journal of the European Society for Medical Oncology",
                        ("Annals of Oncology",))
    assert not same_journal("Journal of Physics", ("Journal of Physics: Condensed Matter",))  # a part, no qualifier


@pytest.mark.parametrize("cited, names", [
    # A5: any subtitle after a colon, on either side, when it opens in lower case or follows an NLM journal's name
    ("Langmuir", ("Langmuir: the ACS Journal of Surfaces and Colloids",)),
    ("BioEssays", ("BioEssays: News and Reviews in Molecular, Cellular and Developmental Biology",)),
    ("Protein Science: a Publication of the Protein Society", ("Protein Science",)),
    ("The Plant Journal: for Cell and Molecular Biology", ("The Plant Journal",)),
])
def test_a_journal_cited_with_or_without_its_subtitle_is_the_same(cited, names):
    assert same_journal(cited, names)


@pytest.mark.parametrize("cited, names", [
    # A6: a section or edition in brackets, or one the record's name leaves out
    ("J Bone Joint Surg (Br)", ("The Journal of Bone and Joint Surgery. British Volume", "J Bone Joint Surg Br")),
    ("Journal of Bone and Joint Surgery (British Volume)", ("The Journal of Bone and Joint Surgery. British Volume",)),
    ("J Bone Joint Surg Am", ("The Journal of Bone & Joint Surgery",)),
])
def test_a_journal_s_edition_written_otherwise_or_left_out_by_the_record(cited, names):
    assert same_journal(cited, names)
    assert not same_journal("J Bone Joint Surg (Am)", ("The Journal of Bone and Joint Surgery. British Volume",))


def test_a_journal_name_in_british_spelling_is_the_same_journal():
    assert same_journal("Diseases of the Oesophagus", ("Diseases of the Esophagus",))


@pytest.mark.parametrize("cited, published, said", [
    # B1: words alike letter by letter that differ inside, where no spelling changes a word
    ("Risk of HIV injection among drug users", "Risk of HIV infection among drug users", '"injection" cited'),
    ("Marine models of colitis", "Murine models of colitis", '"Marine" cited'),
    ("Spiral cord injury outcomes in adults", "Spinal cord injury outcomes in adults", '"Spiral" cited'),
    ("Atrial stiffness in older adults", "Arterial stiffness in older adults", '"Atrial" cited'),
    ("Perineal dialysis in children", "Peritoneal dialysis in children", '"Perineal" cited'),
    # B2: a name's receptor for the name, another member of a family for it
    ("IL-6R downmodulates the response of hepatocytes", "IL-6 downmodulates the response of hepatocytes", '"6R" cited'),
    ("Bcl-xL: role in epithelial differentiation", "Bcl-2: role in epithelial differentiation", '"xL" cited'),
    ("EGFR signalling in the developing lung", "EGF signalling in the developing lung", '"EGFR" cited'),
])
def test_a_word_alike_but_another_is_a_mismatch(cited, published, said):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.MISMATCH and said in title.note, title


@pytest.mark.parametrize("cited, published", [
    ("Organisation of signalling in the developing lung", "Organization of signaling in the developing lung"),
    ("Leucocyte counts and ageing", "Leukocyte counts and aging"),
    ("Pharmacotherapy for hyperactivty in children", "Pharmacotherapy for hyperactivity in children"),  # a slip
    ("Judgement in labelled analyses of tumours", "Judgment in labeled analysis of tumors"),
    # a copy that lost its Greek letter (a development string: "accessory β1 subunit" as "accessory 1 subunit")
    ("The BK channel accessory 1 subunit determines alcohol-induced constriction",
     "The BK channel accessory β1 subunit determines alcohol-induced constriction"),
])
def test_spellings_and_slips_inside_a_word_are_still_the_title(cited, published):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, title


@pytest.mark.parametrize("cited, names", [
    # B3: another journal's NLM abbreviation, a prefix of the record's words
    ("J Appl Phys", ("Journal of Applied Physiology", "J Appl Physiol")),
    ("J Phys", ("The Journal of Physiology",)),
    ("Am J Otol", ("American Journal of Otolaryngology",)),
    ("Phys Rev A", ("Physiological Reviews",)),  # a section of another journal
])
def test_another_journal_s_abbreviation_is_another_journal(cited, names):
    assert not same_journal(cited, names)


@pytest.mark.parametrize("cited, names", [
    ("J Appl Physiol", ("Journal of Applied Physiology",)),
    ("J Chromatogr", ("Journal of Chromatography A",)),
    ("J Bone Joint Surg Br", ("The Journal of Bone and Joint Surgery. British volume",)),
    ("Proc Natl Acad Sci USA", ("Proceedings of the National Academy of Sciences",)),
])
def test_a_journal_s_own_abbreviation_is_still_the_journal(cited, names):
    assert same_journal(cited, names)
