"""Trial 10: articles in Chinese, Japanese, Russian and Arabic, whose reference lists went
unread (F2, F4, F14), full-width forms and Arabic-Indic digits in list numbers and in-text
citations (F4, F12, F20), a list where only some entries print their number (F12), and a
chat answer's sign-off read as an entry (F17)."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.references import is_furniture, is_heading


def fold_wide(text: str) -> str:
    """text.fold_wide, imported when called (a test of it fails alone where it is missing)."""
    from citecheck.extract.text import fold_wide as fold

    return fold(text)

JOST = ("JOST C, GLOVICZKI P. Surgical reconstruction of iliofemoral veins and the inferior vena cava for "
        "nonmalignant occlusive disease[J]. J Vasc Surg, 2001, 33: 320-327.")
MERKS = ("MERKS J, SMETS A, KOBES J, et al. Prevalence of rib anomalies in normal Caucasian children and "
         "childhood cancer patients[J]. Eur J Med Genet, 2005, 48: 113-129.")
MARRA_WIDE = ("MARRA M， CREMA M， CHUNG M． MRI features of cystic lesions around the knee［J］． Knee， 2008， "
              "15： 423－438．")
WANG = "王明, 李华, 张伟. 社区高血压患者自我管理干预效果评价[J]. 中华全科医师杂志, 2019, 18(5): 421-425."
SHAPIRO = ("Shapiro R, Ko P, Jacobson S. A pilot project to study the use of ultrasonography for teaching "
           "physical examination to medical students. Comput Biol Med. 2002;32(6):403-409.")
DODGE = ("Dodge C, Mitchell DJ. The preparation and chemical characteristics of hemoglobin-free ghosts of "
         "erythrocytes. Arch Biochem. 1963;100:119-130.")
MCMANUS = ("McManus OB, Helms L, Pallanck B, Ganetzky R. Functional role of the beta subunit of high "
           "conductance calcium-activated potassium channels. Neuron. 1995;14:311-319.")
EASH = ("Eash M, Gohlke R. Mass spectrometric analysis. A small computer program for the analysis of mass "
        "spectra. Anal Chem. 1962;34(6):713.")


def _extract(text: str, name: str):
    return extract_bytes(text.encode(), name)


def _refs(extraction):
    return [c for c in extraction.citations if c.kind == "reference"]


# --- F4: a Chinese GB/T 7714 review: heading "参考文献", full-width in-text brackets ---------------

ZH_REVIEW = (
    "社区慢性病管理中的运动干预：文献综述\n\n"
    "1　引言\n\n"
    "慢性病已成为我国居民死亡的主要原因。规律运动是慢性病管理的重要组成部分［1］。"
    "国外研究显示，有氧运动可改善胰岛素敏感性［2，3］。\n\n"
    "2　研究进展\n\n"
    "社区干预的效果在很大程度上取决于患者的依从性［4］。\n\n"
    "参考文献\n\n"
    f"[1] {JOST}\n[2] {MERKS}\n[3] {MARRA_WIDE}\n[4] {WANG}\n\n"
    "仁和社区医院 版权所有 © 2024　电话：021-5550-0142\n"
)


def test_chinese_heading_reads_the_list_and_full_width_citations_link():
    ex = _extract(ZH_REVIEW, "review.txt")
    refs = _refs(ex)
    assert [c.line for c in refs] == [13, 14, 15, 16]
    assert refs[0].text.startswith("JOST C")
    # The full-width entry is read with ASCII punctuation: its journal, year and pages parse.
    assert refs[2].text.startswith("MARRA M, CREMA M") and refs[2].year == 2008
    assert [(it.text, it.reference) for it in ex.in_text] == [("[1]", 0), ("[2,3]", 1), ("[2,3]", 2), ("[4]", 3)]


def test_chinese_footer_does_not_stop_the_list_without_heading():
    ex = _extract(ZH_REVIEW.replace("参考文献\n", "延伸阅读\n"), "review.txt")
    assert len(_refs(ex)) == 4  # the footer is furniture, not the end of the heading-free block


# --- F4/F20: a Chinese clinic page in HTML: "［1］Shapiro …" paragraphs -----------------------------

ZH_HTML = (
    "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>糖尿病患者的运动指导</title></head>\n"
    "<body><div class=\"content\">\n<h1>糖尿病患者的运动指导</h1>\n"
    "<p>规律运动可以改善血糖控制<sup>[1]</sup>。每周至少150分钟中等强度有氧运动是基本建议［2，3］。"
    "抗阻训练同样有益［4］。</p>\n"
    "<h3>参考文献</h3>\n"
    f"<p>［1］{SHAPIRO}</p>\n<p>［2］{DODGE}</p>\n<p>［3］{MCMANUS}</p>\n<p>［4］{EASH}</p>\n"
    "</div>\n<div class=\"footer\">仁和社区医院 版权所有 © 2024　电话：021-5550-0142<br>"
    "本文仅供健康科普，不能替代医生的诊断和治疗。</div>\n</body></html>\n"
)


def test_chinese_html_list_labels_are_not_kept_in_the_entry():
    ex = _extract(ZH_HTML, "page.html")
    refs = _refs(ex)
    assert [c.text for c in refs] == [SHAPIRO, DODGE, MCMANUS, EASH]
    assert [c.number for c in refs] == [1, 2, 3, 4]
    assert sorted(it.reference for it in ex.in_text) == [0, 1, 2, 3]


# --- F4: Japanese Markdown: "## 文献", entries numbered "1．" --------------------------------------

JA_MD = (
    "# 高齢者の転倒を防ぐために\n\n"
    "転倒は高齢者の骨折や寝たきりの大きな原因です［1］。さまざまな要因が重なって起こります［2－3］。\n\n"
    "## 文献\n\n"
    f"1．{SHAPIRO}\n2．{DODGE}\n3．{MCMANUS}\n\n"
    "---\nみどり在宅クリニック　TEL 0120-555-014　※この記事は診療の代わりにはなりません。\n"
)


def test_japanese_full_width_numbers_open_entries():
    ex = _extract(JA_MD, "dayori.md")
    refs = _refs(ex)
    assert [c.text for c in refs] == [SHAPIRO, DODGE, MCMANUS]
    assert [c.number for c in refs] == [1, 2, 3]
    assert [(it.text, it.reference) for it in ex.in_text] == [("[1]", 0), ("[2-3]", 1), ("[2-3]", 2)]


# --- F2: Arabic author-year text: heading "المصادر", Arabic footer, Arabic-Indic years -----------

FAGIOLO = ("Fagiolo, G., Waldman, A., & Hajnal, J. (2008). A simple procedure to improve FMRIb software library "
           "brain extraction tool performance. The British Journal of Radiology, 81(963), 250-251. "
           "https://doi.org/10.1259/bjr/12956156")
SCHULMAN = ("Schulman, S., & Kearon, C. (2005). Definition of major bleeding in clinical investigations of "
            "antihemostatic medicinal products in non-surgical patients. Journal of Thrombosis and Haemostasis : "
            "JTH, 3, 692-694. https://doi.org/10.1111/j.1538-7836.2005.01204.x")
HOSHINO = ("Hoshino, Y., Adler, K., & Ferraro, G. (2019). Omega-3 fatty acids and dry eye symptoms in contact "
           "lens wearers: a 12-week randomised trial. Ophthalmology, 126, 1205-1213.")
AR_TEXT = (
    "التغذية أثناء الحمل: ما الذي تقوله الأبحاث؟\n\n"
    "تحتاج المرأة الحامل إلى كميات إضافية من الحديد وحمض الفوليك (Fagiolo وآخرون، ٢٠٠٨).\n"
    "المشي المنتظم آمن لمعظم الحوامل (Schulman وKearon، ٢٠٠٥). وقد أثبتت الأبحاث أن الدعم المنزلي يقلل الاكتئاب "
    "(Hoshino وآخرون، 2019).\n\n"
    "{heading}\n\n"
    f"{FAGIOLO}\n{HOSHINO}\n{SCHULMAN}\n\n"
    "مركز الرعاية الأولية · جميع الحقوق محفوظة ٢٠٢٤ · هذه المعلومات لا تغني عن استشارة الطبيب.\n"
)


@pytest.mark.parametrize("heading", ["المصادر", "المراجع", "References", "قراءات"])
def test_arabic_list_read_and_footer_is_no_entry(heading):
    ex = _extract(AR_TEXT.format(heading=heading), "maqal.txt")
    refs = _refs(ex)
    assert [c.text for c in refs] == [FAGIOLO, HOSHINO, SCHULMAN]  # the footer is no 4th entry
    assert not [c for c in ex.citations if c.kind == "link"]  # the DOIs are entries, not bare links
    assert [it.reference for it in ex.in_text] == [0, 2, 1]


# --- F12: Arabic HTML with "[2، 3]" and Arabic-Indic "[٤]" ------------------------------------------

AR_HTML = (
    "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>صحة</title></head><body>\n"
    "<h1>النوم والصحة</h1>\n"
    "<p>قلة النوم تضر بالقلب [1]. وتشير الدراسات إلى ذلك [2، 3].</p>\n"
    "<p>كما وجدت دراسة أخرى نتائج مشابهة [٤].</p>\n"
    "<h2>المراجع</h2>\n<ol>\n"
    f"<li dir=\"ltr\">{SHAPIRO}</li>\n<li dir=\"ltr\">{DODGE}</li>\n"
    f"<li dir=\"ltr\">{MCMANUS}</li>\n<li dir=\"ltr\">{EASH}</li>\n</ol>\n</body></html>\n"
)


def test_arabic_comma_and_arabic_indic_digits_in_brackets():
    ex = _extract(AR_HTML, "page.html")
    assert len(_refs(ex)) == 4
    assert sorted(it.reference for it in ex.in_text) == [0, 1, 2, 3]


# --- F14: a Russian <ol> mixing Cyrillic and Latin entries ------------------------------------------

CHAZOVA = ("Чазова И.Е., Жернакова Ю.В., Ощепкова Е.В. Распространённость факторов риска сердечно-сосудистых "
           "заболеваний в российской популяции больных артериальной гипертонией. Кардиология. 2014;54(10):4–12.")
RU_HTML = (
    "<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Давление</title></head><body>\n"
    "<main><h1>Домашнее измерение давления</h1>\n"
    "<p>Измерение давления дома даёт более точную картину [1]. Гипертония выявляется у каждого третьего [2]. "
    "Осведомлённость остаётся низкой [3].</p>\n"
    "<h2>{heading}</h2>\n<ol>\n"
    f"<li>{SHAPIRO}</li>\n<li>{CHAZOVA}</li>\n<li>{DODGE}</li>\n</ol></main>\n"
    "<footer><p>© 2024 Клиника «Здоровье». Все права защищены.</p>"
    "<p>Политика конфиденциальности · Тел. +7 (495) 555-01-42</p></footer>\n</body></html>\n"
)


@pytest.mark.parametrize("heading", ["Список литературы", "Литература", "Дополнительно"])
def test_russian_list_with_a_cyrillic_entry_is_read_whole(heading):
    ex = _extract(RU_HTML.format(heading=heading), "page.html")
    refs = _refs(ex)
    assert [c.text for c in refs] == [SHAPIRO, CHAZOVA, DODGE]
    assert [it.reference for it in ex.in_text] == [0, 1, 2]


# --- F12: a PMC page where two entries print no "N." label ------------------------------------------

def test_unlabelled_entries_take_their_place_when_the_labels_are_places():
    items = [SHAPIRO, DODGE, MCMANUS, EASH]
    lis = "\n".join(f"<li id=\"R{i}\"><span class=\"label\">{i}.</span> {t}</li>" if i != 3 else
                    f"<li id=\"R{i}\">{t}</li>" for i, t in enumerate(items, start=1))
    page = (f"<html><body><p>One group reported it [1]. Another agreed [2]. A third [3]. A fourth [4].</p>\n"
            f"<h2>References</h2>\n<ol>\n{lis}\n</ol></body></html>\n")
    ex = _extract(page, "pmc.html")
    assert [c.number for c in _refs(ex)] == [1, 2, 3, 4]
    assert [it.reference for it in ex.in_text] == [0, 1, 2, 3]  # "[3]" is the 3rd entry, not "no entry"


# --- F17: a chat answer's sign-off after an APA list ------------------------------------------------

CONOBOY = ("Conoboy, P., & Dyson, R. (2006). Effect of aging on the stride pattern of veteran marathon runners. "
           "British Journal of Sports Medicine, 40(7), 601-604. https://doi.org/10.1136/bjsm.2006.026252")
CURREY = ("Currey, J., & Hughes, S. (1973). The effects of pregnancy and lactation on some mechanical properties "
          "of the femora of the rat. Calcified Tissue Research, 11, 112-123. https://doi.org/10.1007/BF02547294")


@pytest.mark.parametrize("heading", ["**References:**\n\n", ""])
def test_chat_sign_off_is_no_entry(heading):
    answer = ("Older adults who sleep well keep their memory longer (Conoboy & Dyson, 2006; Currey & Hughes, "
              "1973).\n\n" + heading + f"{CONOBOY}\n\n{CURREY}\n\n"
              "*Let me know if you'd like a version formatted for a patient handout!*\n")
    refs = _refs(_extract(answer, "answer.md"))
    assert [c.text for c in refs] == [CONOBOY, CURREY]


# --- the pieces ---------------------------------------------------------------------------------------

def test_fold_wide_is_one_character_for_one():
    for text in ("［2，3］ ［7－8］", "１．Shin S", "[٤] [٧، ٨] ۱۲", "参考文献　：", "ASCII stays (1) [2]."):
        assert len(fold_wide(text)) == len(text)
    assert fold_wide("［2，3］［7－8］") == "[2,3][7-8]"
    assert fold_wide("[٤] ۱۲") == "[4] 12"
    assert fold_wide("1．Shin S．") == "1．Shin S."  # a list number keeps its full-width stop


@pytest.mark.parametrize("line", ["参考文献", "文献", "引用文献", "参考资料", "참고문헌", "Литература", "ЛИТЕРАТУРА",
                                  "Список литературы", "Список источников:", "Источники", "المراجع", "المصادر",
                                  "## 文献", "【参考文献】"])
def test_headings_in_other_scripts(line):
    assert is_heading(fold_wide(line))


@pytest.mark.parametrize("line", ["仁和社区医院 版权所有 © 2024　地址：上海市徐汇区健康路88号",
                                  "本文仅供健康科普，不能替代医生的诊断和治疗。",
                                  "Клиника «Здоровье». Все права защищены.",
                                  "Политика конфиденциальности · Тел. +7 (495) 555-01-42",
                                  "مركز الرعاية الأولية · جميع الحقوق محفوظة ٢٠٢٤ · هذه المعلومات لا تغني عن استشارة الطبيب."])
def test_footers_in_other_scripts(line):
    assert is_furniture(fold_wide(line))
    assert not is_furniture(CHAZOVA) and not is_furniture(WANG)
