"""Red-team trial 20 (session 12): a third round of wrong citations that were verified. Each
test names the mechanism (M1-M10 of the trial's findings) it guards."""

from __future__ import annotations

import pytest

from citecheck.matching.journals import same_journal
from citecheck.matching.score import check_authors, same_surname
from citecheck.models import Author, FieldStatus, Verdict
from tests.test_trial18 import _judged as _title  # a title judged against a published one, the rest right


@pytest.mark.parametrize("cited, published, said", [
    # M1: words under three letters
    ("Monitoring woodland deer populations in the US: an imprecise science",
     "Monitoring woodland deer populations in the UK: an imprecise science", '"US" cited, "UK" published'),
    ("Dopamine D1 receptors in the striatum of the ageing rat brain",
     "Dopamine D2 receptors in the striatum of the ageing rat brain", '"D1" cited, "D2" published'),
    # M2: different words alike in spelling
    ("BRCA1: a universal recombinase regulator", "BRCA2: a universal recombinase regulator", '"BRCA1" cited'),
    ("Maternal age and the risk of autism in a national birth cohort",
     "Paternal age and the risk of autism in a national birth cohort", '"Maternal" cited, "Paternal" published'),
    ("Renal insufficiency and the outcome of surgery for a tumour",
     "Adrenal insufficiency and the outcome of surgery for a tumour", '"Renal" cited'),
    ("Common variants of filaggrin are a major predisposing factor for atopic dermatosis",
     "Common variants of filaggrin are a major predisposing factor for atopic dermatitis",
     '"dermatosis" cited, "dermatitis" published'),
    ("Immunity to citrullinated proteins in rheumatoid arteritis",
     "Immunity to citrullinated proteins in rheumatoid arthritis", '"arteritis" cited, "arthritis" published'),
    # M3 and Roman numerals: numbers written as words or numerals
    ("Meiosis in plants: 5 years of gene discovery", "Meiosis in plants: ten years of gene discovery",
     '5" cited, "plants: ten" published'),
    ("A five-year follow-up of children treated for a cleft palate",
     "A 10-year follow-up of children treated for a cleft palate", '"five" cited, "10" published'),
    ("A phase II trial of a vaccine against the seasonal influenza virus",
     "A phase III trial of a vaccine against the seasonal influenza virus", '"II" cited, "III" published'),
    ("Insulin resistance in type I diabetes in adolescence", "Insulin resistance in type 2 diabetes in adolescence",
     '"type I" cited, "type 2" published'),
    # M5: time words
    ("Development of distant metastasis before treatment of advanced-stage head and neck cancer",
     "Development of distant metastasis after treatment of advanced-stage head and neck cancer",
     '"before" cited, "after" published'),
    # M6, M7: a negation added or left out, anywhere in the title
    ("No effects of nadir CD4 count on cognition in advanced HIV infection",
     "Effects of nadir CD4 count on cognition in advanced HIV infection", '"No effects" cited, "Effects" published'),
    ("Lack of association between obesity and asthma in adult women",
     "Association between obesity and asthma in adult women", '"Lack of association" cited'),
    ("Prophylactic antibiotics reduce infection after hip replacement surgery",
     "Prophylactic antibiotics do not reduce infection after hip replacement surgery", '"antibiotics reduce" cited, "antibiotics do not reduce" published'),
])
def test_a_title_word_that_says_another_thing_is_a_mismatch(cited, published, said):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.MISMATCH and title.status is FieldStatus.MISMATCH, result.reason
    assert said in title.note, title.note


def test_a_negation_run_on_after_the_title_is_a_mismatch():
    # M8: ", but not in women" was a remark: words the record lacks
    result, title = _title("Exercise lowers the risk of falls in older people, but not in women",
                           "Exercise lowers the risk of falls in older people")
    assert result.verdict is Verdict.MISMATCH and "but not in women" in title.note, result.reason


@pytest.mark.parametrize("cited, published", [
    ("Behavioural therapy for insomnia in the UK: a two-year study",
     "Behavioral therapy for insomnia in the UK: a 2-year study"),
    ("Type II collagen in the knee joint", "Type 2 collagen in the knee joint"),
    ("Oestrogen and ageing: the first ten years of a cohort", "Estrogen and aging: the first 10 years of a cohort"),
    ("Neither too much nor too little: salt intake and the heart", "Neither too much nor too little: salt intake and the heart"),
    ("Sleep and memory in mice v rats", "Sleep and memory in mice vs rats"),
    ("Tonsilitis in children: a review of the evidence", "Tonsillitis in children: a review of the evidence"),
    ("Pupillary dilation as an index of central a2-adrenoceptor activation",
     "Pupillary dilation as an index of central alpha2-adrenoceptor activation"),
])
def test_the_same_title_written_otherwise_is_still_verified(cited, published):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, result.reason


def test_two_journals_the_nlm_list_tells_apart_are_not_one_however_alike():
    # M9: 92% alike by name, two journals of the NLM list
    assert not same_journal("Journal of Urology", ("Journal of Neurology",))
    assert not same_journal("The American Journal of Orthopedics", ("American Journal of Orthodontics",))
    assert not same_journal("Cancer", ("Cancers",)) and not same_journal("Cells", ("Cell",))
    # ... nor two that differ in a word, one name not in the list
    assert not same_journal("Experimental Brain Research", ("Experimental Aging Research",))
    assert not same_journal("Proceedings of the National Academy of Science", ("Proceedings of the Indiana Academy of Science",))
    # The same journal named as NLM names it, or abbreviated, or misspelled, is still one.
    assert same_journal("Journal of Adolescence Research", ("Journal of Adolescent Research",))
    assert same_journal("J Neurol", ("Journal of Neurology",))
    assert same_journal("Journal of Neurolgy", ("Journal of Neurology",))
    assert same_journal("Cancers (Basel)", ("Cancers",))


def test_surnames_that_share_only_a_particle_or_a_part_name_other_people():
    # M10
    assert not same_surname("van der Berg", "van Dijk") and not same_surname("Al-Rashid", "Al-Hassan")
    assert not same_surname("Ricci-Moreno", "Ricci-Vitiani")
    assert not same_surname("Chen", "Cheng") and not same_surname("Zhan", "Zhang")
    # The same person written with or without a particle or a second family name, or transliterated.
    assert same_surname("van den Berg", "Berg") and same_surname("Garcia-Lopez", "Garcia")
    assert same_surname("Müller", "Mueller") and same_surname("García López", "Garcia-Lopez")
    # A record's surname that carries a generation or initials ("Chapin III", "Johnston RB": PMC records)
    assert same_surname("Chapin", "Chapin III") and same_surname("Johnston", "Johnston RB")
    assert same_surname("Recio-Spinoso", "Recio-Spinoso A")


@pytest.mark.parametrize("cited, published, said", [
    # Trial 20, left in session 12, done in session 13: co-authors cited in another order
    (["Smith", "Lee", "Wang"], ["Smith", "Wang", "Lee"], "Lee cited before Wang, published after"),
    (["Smith", "Kim", "Lee"], ["Smith", "Lee", "Ortiz", "Kim"], "Kim cited before Lee, published after"),
])
def test_co_authors_cited_in_another_order_are_a_mismatch(cited, published, said):
    check = check_authors(tuple(map(Author, cited)), tuple(map(Author, published)))
    assert check.status is FieldStatus.MISMATCH and said in check.note, check


@pytest.mark.parametrize("cited, published", [
    (["Smith", "Lee", "Kim"], ["Smith", "Lee", "Ortiz", "Kim"]),  # a co-author left out: still in order
    (["Wang", "Li", "Wang"], ["Wang", "Li", "Wang", "Zhao"]),  # one surname twice
    (["Wang", "Wang"], ["Wang", "Li"]),  # the second Wang is not in the record: not an order to judge
    (["Smith", "Lee"], ["Smith", "Lee", "Lee"]),
])
def test_co_authors_in_the_published_order_are_right(cited, published):
    check = check_authors(tuple(map(Author, cited)), tuple(map(Author, published)))
    assert "another order" not in (check.note or ""), check


@pytest.mark.parametrize("cited, published, said", [
    # Trial 20, left in session 12: a qualifier put before the title, which then goes on in lower case
    ("Fatal bone fracture risk estimation based on image similarity",
     "Bone fracture risk estimation based on image similarity", '"Fatal" cited, not in the published title'),
    ("Long-term chronic hypoxia decreases synthesis of homologous recombination proteins",
     "Chronic hypoxia decreases synthesis of homologous recombination proteins", '"Long-term" cited'),
])
def test_a_qualifier_put_before_the_title_is_a_mismatch(cited, published, said):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.MISMATCH and said in title.note, title


def test_a_qualifier_left_out_at_the_title_s_start_is_a_remark():
    result, title = _title("Brain tumors: current treatment strategies and future therapeutic approaches",
                           "Pediatric brain tumors: current treatment strategies and future therapeutic approaches")
    assert result.verdict is Verdict.VERIFIED and title.note == 'title cited with words left out: "Pediatric"', title


@pytest.mark.parametrize("cited, published", [
    ("Reid L. Clonogenic hepatoblasts, common precursors for hepatocytic lineages",  # a name leaked from the authors
     "Clonogenic hepatoblasts, common precursors for hepatocytic lineages"),
    ("Burkholderia cenocepacia in cystic fibrosis: epidemiology and molecular mechanisms",  # italics the record lost
     "in cystic fibrosis: epidemiology and molecular mechanisms"),
    ("Rapid HIV testing in the emergency room", "HIV testing in the emergency room"),  # no capital to go by
])
def test_words_before_a_title_that_opens_its_own_sentence_are_no_qualifier(cited, published):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, title


@pytest.mark.parametrize("cited, published, said", [
    # Trial 20, left in session 12: a number added to a name ("HIV-2" is another virus than HIV-1)
    ("Genome-scale RNAi screen for host factors required for HIV-2 replication",
     "Genome-scale RNAi screen for host factors required for HIV replication", '"HIV-2" cited, "HIV" published'),
    ("Adherence to HIV-2 antiretroviral therapy in HIV+ Ugandan patients",
     "Adherence to HIV antiretroviral therapy in HIV+ Ugandan patients", '"HIV-2" cited'),
])
def test_a_number_added_to_a_name_is_a_mismatch(cited, published, said):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.MISMATCH and said in title.note, title


@pytest.mark.parametrize("cited, published", [
    ("Outcomes of COVID-19 in care homes", "Outcomes of COVID in care homes"),  # one disease, written two ways
    ("Outcomes of COVID in care homes", "Outcomes of COVID-19 in care homes"),
    ("Host factors required for HIV replication", "Host factors required for HIV-1 replication"),  # the number left out
])
def test_a_name_written_with_or_without_its_usual_number_is_the_same(cited, published):
    result, title = _title(cited, published)
    assert result.verdict is Verdict.VERIFIED and title.status is FieldStatus.MATCH, title


def test_a_number_a_record_lost_from_its_title_s_end_or_a_letter_is_no_change():
    # A development string: the record lost the subscript of "coenzyme Q<sub>10</sub>"
    result, title = _title("Amelioration of symptoms by water-soluble formulation of coenzyme Q 10",
                           "Amelioration of symptoms by water-soluble formulation of coenzyme Q")
    assert result.verdict is Verdict.VERIFIED, title
