"""Entries written in other scripts (Cyrillic, Chinese) and GB/T 7714 entries (trial 10: F1,
F6, F8, F15, F19).

A reference in Cyrillic or Chinese carrying the DOI of an unrelated paper was "verified — a
published work, cited right": the parser read nothing but the DOI from it, and a bare DOI was
judged on itself.  Its numbers (year, volume, pages) are ASCII digits and are now read and
compared; its title, authors and journal, in a script other than the record's, count neither
way."""

from citecheck.extract.parse import find_doi, parse_reference
from citecheck.matching.verdict import Evidence, judge, looks_like_book
from citecheck.models import FieldStatus, Verdict
from citecheck.scripts import script_of
from citecheck.services.crossref import work_from_crossref

# /works/10.1007/s00239-005-0010-x as Crossref sends it (the trial's stand-in, from PMC).
WATKINS_2006 = work_from_crossref({
    "DOI": "10.1007/s00239-005-0010-x", "type": "journal-article",
    "title": ["Genes expressed in a Turrid venom duct: divergence and similarity to conotoxins"],
    "container-title": ["Journal of Molecular Evolution"], "short-container-title": ["J Mol Evol"],
    "volume": "62", "page": "247-256",
    "author": [{"given": "M", "family": "Watkins", "sequence": "first"},
               {"given": "DR", "family": "Hillyard", "sequence": "additional"},
               {"given": "BM", "family": "Olivera", "sequence": "additional"}],
    "issued": {"date-parts": [[2006]]}, "published-print": {"date-parts": [[2006]]},
})
# A Russian journal that deposits its Russian titles (Crossref holds such records as sent).
CHAZOVA_2014 = work_from_crossref({
    "DOI": "10.18087/cardio.2014.10.1", "type": "journal-article",
    "title": ["Распространённость факторов риска сердечно-сосудистых заболеваний в российской популяции "
              "больных артериальной гипертонией"],
    "container-title": ["Кардиология"], "volume": "54", "issue": "10", "page": "4-12",
    "author": [{"given": "И. Е.", "family": "Чазова", "sequence": "first"},
               {"given": "Ю. В.", "family": "Жернакова", "sequence": "additional"},
               {"given": "Е. В.", "family": "Ощепкова", "sequence": "additional"}],
    "issued": {"date-parts": [[2014, 10]]},
})

CYR_WRONG_DOI = ("Смирнова М.И., Горбунов В.М., Волков Д.А. Домашнее мониторирование артериального давления у "
                 "пожилых пациентов: результаты многоцентрового исследования ДОМ-АД. Российский кардиологический "
                 "журнал. 2021;26(7):88–96. doi:10.1007/s00239-005-0010-x")
CYR_RIGHT_DOI = ("Уоткинс М., Хиллиард Д.Р., Оливера Б.М. Гены, экспрессируемые в ядовитом протоке турриды: "
                 "дивергенция и сходство с конотоксинами. Журнал молекулярной эволюции. 2006;62:247–256. "
                 "doi:10.1007/s00239-005-0010-x")
ZH_WRONG_DOI = ("王明, 李华, 张伟. 社区高血压患者自我管理干预效果评价[J]. 中华全科医师杂志, 2019, 18(5): 421-425. "
                "DOI:10.1007/s00239-005-0010-x.")
CHAZOVA_CITED = ("Чазова И.Е., Жернакова Ю.В., Ощепкова Е.В. Распространённость факторов риска сердечно-сосудистых "
                 "заболеваний в российской популяции больных артериальной гипертонией. Кардиология. 2014;54(10):4–12.")


def _with_doi(text, work):
    return judge(parse_reference(text, 1), Evidence(doi_work=work, doi_known=True))


def test_cyrillic_entry_with_an_unrelated_works_doi_is_not_found_not_verified():
    result = _with_doi(CYR_WRONG_DOI, WATKINS_2006)
    assert result.verdict is Verdict.NOT_FOUND
    assert "belongs to another work" in result.reason and "Cyrillic script" in result.reason
    assert "year 2021, not 2006" in result.reason


def test_chinese_entry_with_an_unrelated_works_doi_is_not_found_not_verified():
    result = _with_doi(ZH_WRONG_DOI, WATKINS_2006)
    assert result.verdict is Verdict.NOT_FOUND
    assert "belongs to another work" in result.reason and "Chinese script" in result.reason


def test_cyrillic_translation_cited_with_its_own_doi_is_verified_with_a_remark():
    result = _with_doi(CYR_RIGHT_DOI, WATKINS_2006)
    assert result.verdict is Verdict.VERIFIED
    assert "in Cyrillic script not compared" in result.reason
    fields = {f.name: f for f in result.fields}
    assert fields["year"].status is fields["volume"].status is fields["pages"].status is FieldStatus.MATCH
    assert fields["title"].status is FieldStatus.ABSENT and fields["title"].cited.startswith("Гены")


def test_one_number_cited_wrong_under_the_right_doi_is_a_mismatch_naming_it():
    result = _with_doi(CYR_RIGHT_DOI.replace("247–256", "311–319"), WATKINS_2006)
    assert result.verdict is Verdict.MISMATCH
    assert [f.name for f in result.wrong_fields] == ["pages"]
    assert "pages cited as 311-319, published as 247-256" in result.reason


def test_cyrillic_entry_without_doi_is_skipped_saying_why_not_too_little_to_look_up():
    result = judge(parse_reference(CYR_WRONG_DOI.split(" doi:")[0], 1), Evidence(candidates=(WATKINS_2006,)))
    assert result.verdict is Verdict.SKIPPED
    assert "Cyrillic script" in result.reason and "too little" not in result.reason


def test_a_record_in_the_entrys_own_script_is_compared_as_usual():
    # Searched, no DOI: the Russian record's title identifies the work.
    result = judge(parse_reference(CHAZOVA_CITED, 1), Evidence(candidates=(WATKINS_2006, CHAZOVA_2014)))
    assert result.verdict is Verdict.VERIFIED and result.match.doi == CHAZOVA_2014.doi
    assert "not compared" not in result.reason
    # Under its DOI, with the year cited wrong: a mismatch naming the year.
    wrong_year = CHAZOVA_CITED.replace("2014;", "2011;") + " doi:10.18087/cardio.2014.10.1"
    result = _with_doi(wrong_year, CHAZOVA_2014)
    assert result.verdict is Verdict.MISMATCH
    assert [f.name for f in result.wrong_fields] == ["year"]


def test_numbers_title_and_journal_of_other_script_entries_are_read():
    vancouver = parse_reference(CYR_WRONG_DOI, 1)
    assert (vancouver.year, vancouver.volume, vancouver.issue, vancouver.pages) == (2021, "26", "7", "88-96")
    assert vancouver.journal == "Российский кардиологический журнал"
    assert [a.surname for a in vancouver.authors] == ["Смирнова", "Горбунов", "Волков"]
    gost = parse_reference("Иванов А.В., Петров Б.Г. Факторы риска инсульта // Кардиология. 2019. Т. 59, № 2. "
                           "С. 10–20.", 1)
    assert (gost.year, gost.volume, gost.issue, gost.pages) == (2019, "59", "2", "10-20")
    assert (gost.title, gost.journal) == ("Факторы риска инсульта", "Кардиология")
    gbt = parse_reference(ZH_WRONG_DOI, 1)
    assert (gbt.year, gbt.volume, gbt.issue, gbt.pages) == (2019, "18", "5", "421-425")
    assert (gbt.title, gbt.journal) == ("社区高血压患者自我管理干预效果评价", "中华全科医师杂志")


def test_doi_ends_at_full_width_and_ideographic_punctuation():
    for after in ("．", "。", "，", "）"):
        entry = ("MARRA M， CREMA M， CHUNG M． MRI features of cystic lesions around the knee［J］． Knee， 2008， "
                 f"15： 423－438． DOI：10.1016/j.knee.2008.04.009{after}")
        assert parse_reference(entry, 1).doi == "10.1016/j.knee.2008.04.009"
        assert find_doi(entry) == "10.1016/j.knee.2008.04.009"


def test_latin_entry_typed_with_full_width_punctuation_parses_like_its_ascii_form():
    wide = ("KOWALSKI T， MENSAH A． Intermittent fasting and seizure frequency in drug－resistant epilepsy： a pilot "
            "randomised trial［J］． Epilepsia， 2022， 63： 2110－2119．")
    ascii_form = ("KOWALSKI T, MENSAH A. Intermittent fasting and seizure frequency in drug-resistant epilepsy: a pilot "
                  "randomised trial[J]. Epilepsia, 2022, 63: 2110-2119.")
    a, b = parse_reference(wide, 1), parse_reference(ascii_form, 1)
    assert a.text == wide  # kept as written
    for name in ("authors", "year", "title", "journal", "volume", "pages"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.journal == "Epilepsia" and a.volume == "63" and a.pages == "2110-2119"
    assert not looks_like_book(a)


def test_gbt7714_capital_surnames_and_type_mark():
    c = parse_reference("JOST C, GLOVICZKI P. Surgical reconstruction of iliofemoral veins and the inferior vena cava "
                        "for nonmalignant occlusive disease[J]. J Vasc Surg, 2001, 33: 320-327.", 1)
    assert [(a.surname, a.initials) for a in c.authors] == [("JOST", "C"), ("GLOVICZKI", "P")]
    assert c.title.endswith("nonmalignant occlusive disease")
    assert c.journal == "J Vasc Surg"
    alone = parse_reference("GORELICK P. Risk factors for vascular dementia and Alzheimer disease[J]. Stroke, 2004, "
                            "35: 2620-2622.", 1)
    assert [a.surname for a in alone.authors] == ["GORELICK"]


def test_gbt7714_type_mark_says_article_or_book():
    article = parse_reference("SMITH J. Exercise and blood pressure in older adults[J]. 2019.", 1)
    assert article.title == "Exercise and blood pressure in older adults"
    assert not looks_like_book(article)  # [J]: a journal article, even with no journal read
    book = parse_reference("SMITH J. Exercise physiology[M]. 2019.", 1)
    assert book.title == "Exercise physiology" and looks_like_book(book)


def test_the_script_of_a_long_text_weighs_every_letter():
    # script_of counts each character once with how often it occurs (the fuzzer's 220 KB line of
    # "<sup></sup>" had it look each letter up alone: 0.6 s, 6.6 s under the fuzzer's coverage)
    assert script_of("<sup></sup>" * 20000 + "α" * 10) is None
    assert script_of("Ли" * 50000 + "MRI") == "Cyrillic"
    assert script_of("糖尿病" * 1000 + "DNA" * 1000) == "Chinese"  # a Chinese character counts twice
    assert script_of("ひらがな" + "漢字" * 10) == "Japanese"
