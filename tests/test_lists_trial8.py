"""Trial 8's reference-list defects: headings in German, Spanish, French, Italian,
Portuguese and Dutch and "Key references"-type headings (D2), footers in those
languages after a list, a numbered list without heading whose entry has an author
without initials (D3), and references on lines of their own behind a label,
"Source: …" (D6)."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.references import find_entries, is_furniture, is_heading, labelled_reference

ROGERS = ("Rogers S, Scheltema R, Girolami M, Breitling R. Probabilistic assignment of formulas to mass "
          "peaks in metabolomics experiments. Bioinformatics. 2009;25(4):512-518.")
PHILPOTT = ("Philpott S. Ant patchiness: a spatially quantitative test in coffee agroecosystems. "
            "Naturwissenschaften. 2005;93:311-319.")
HAVERKAMP = ("Haverkamp J, Ruiz-Alonso P. Acupuncture for chronic low back pain in primary care: five-year "
             "cost-effectiveness analysis. Pain. 2016;157:2367-2375.")
BRADLEY = ("Bradley C, Oberst K, Schenk M. Absenteeism from work: the experience of employed breast and "
           "prostate cancer patients in the months following diagnosis. Psycho-Oncology. 2006;15(8):739.")
DESAI = ("Desai. When are children from large families disadvantaged? Evidence from cross-national analyses. "
         "Population Studies. 1995;49:195-210.")
GROLL = ("Groll A, Walsh T. Caspofungin: pharmacology, safety and therapeutic potential in superficial and "
         "invasive fungal infections. Expert Opin Investig Drugs. 1998;10(8):1545-1558.")
RYBKA = ("Rybka J, Gamian A. Determination of endotoxin by the measurement of the acetylated methyl glycoside "
         "derivative of Kdo with gas-liquid chromatography-mass spectrometry. J Microbiol Methods. 2006;64:171-184.")
NYBERG = ("Nyberg T, Achterberg L, Costa RF. Glycaemic variability and cognitive decline in older adults with "
          "type 2 diabetes: the NORDIC-COG cohort. Diabetologia. 2020;63:2411-2420.")

GERMAN_PROSE = (
    "Schlafstörungen bei älteren Menschen: Was hilft wirklich?\n\n"
    "Ein- und Durchschlafstörungen betreffen etwa ein Drittel der über 65-Jährigen [1]. Eine Übersichtsarbeit "
    "zeigte, dass nicht-medikamentöse Maßnahmen häufig unterschätzt werden [2, 3].\n\n")
GERMAN_FOOTER = ("\nStand: März 2024. Dieser Artikel ersetzt keine ärztliche Beratung.\n"
                 "Impressum · Datenschutz · Tel. 0221 555 0134\n")


def _refs(text: str, name: str = "article.txt"):
    return [c for c in extract_bytes(text.encode(), name).citations if c.kind == "reference"]


# --- D2: headings in other languages, "Key references" ----------------------------------

HEADINGS = ["Literatur", "Literaturverzeichnis", "Quellen", "Quellenangaben", "Weiterführende Literatur",
            "Referencias", "Referencias bibliográficas", "Bibliografía", "Fuentes", "Références",
            "Références bibliographiques", "Bibliographie", "Sources", "Bibliografia", "Riferimenti bibliografici",
            "Fonti", "Referências", "Referências bibliográficas", "Fontes", "Literatuur", "Referenties", "Bronnen",
            "Key references", "Selected references", "Key Sources", "Selected bibliography", "Reading list",
            "Suggested reading"]


@pytest.mark.parametrize("heading", HEADINGS)
@pytest.mark.parametrize("form", ["{}", "{}:", "{} :", "## {}", "**{}**", "{upper}"])
def test_a_heading_in_another_language_or_key_references_opens_the_list(heading, form):
    line = form.format(heading, upper=heading.upper())
    assert is_heading(line)
    doc = GERMAN_PROSE + line + "\n" + "".join(f"[{i}] {ref}\n" for i, ref in
                                               enumerate((ROGERS, PHILPOTT, HAVERKAMP), start=1)) + GERMAN_FOOTER
    refs = _refs(doc)
    assert [c.text for c in refs] == [ROGERS, PHILPOTT, HAVERKAMP]
    assert [c.line for c in refs] == [6, 7, 8]


def test_german_page_of_the_trial_finds_its_six_entries():
    entries = [ROGERS, PHILPOTT, HAVERKAMP, BRADLEY, GROLL, NYBERG]
    doc = GERMAN_PROSE + "Literatur\n" + "".join(f"[{i}] {r}\n" for i, r in enumerate(entries, 1)) + GERMAN_FOOTER
    extraction = extract_bytes(doc.encode(), "seite.txt")
    assert [c.text for c in extraction.citations] == entries
    assert [it.reference for it in extraction.in_text] == [0, 1, 2]


def test_decomposed_accents_are_a_heading_too():
    assert is_heading("Re\u0301fe\u0301rences")
    assert is_heading("Bibliografi\u0301a:")


@pytest.mark.parametrize("line", ["Quellen zufolge hilft Bewegung", "Key findings", "Reading", "Selected",
                                  "Literature review", "Fuentes de fibra", "Bronnen van eiwit"])
def test_a_heading_word_in_a_line_of_prose_is_no_heading(line):
    assert not is_heading(line)


def test_a_heading_word_opening_prose_starts_no_list():
    doc = ("Fuentes de fibra\n\n"
           "La fibra se encuentra en legumbres, cereales integrales, frutas y verduras; conviene tomarla a diario.\n\n"
           "Quellen zufolge hilft Bewegung\n\n"
           "Regelmäßige Bewegung verbessert die Schlafqualität, wie viele Patientinnen berichten, auch im Alter.\n")
    assert _refs(doc) == []


# --- D2: footers in other languages after a list ------------------------------------------

@pytest.mark.parametrize("footer", [
    "Stand: März 2024. Dieser Artikel ersetzt keine ärztliche Beratung.\nImpressum · Datenschutz",
    "Zuletzt aktualisiert: 12. März 2024\nDatenschutzerklärung",
    "Este artículo no sustituye la consulta médica. Última actualización: 3 de mayo de 2024.\n"
    "Aviso legal · Política de privacidad",
    "© 2024 Clínica Salud. Todos los derechos reservados.",
    "Cet article ne remplace pas l'avis d'un médecin. Dernière mise à jour : 12 mars 2024.\n"
    "Mentions légales · Politique de confidentialité",
])
def test_a_footer_in_another_language_does_not_hide_a_list_without_heading(footer):
    doc = GERMAN_PROSE + f"[1] {ROGERS}\n[2] {PHILPOTT}\n[3] {HAVERKAMP}\n\n{footer}\n"
    assert [c.text for c in _refs(doc)] == [ROGERS, PHILPOTT, HAVERKAMP]


def test_footers_in_other_languages_are_furniture_and_references_are_not():
    for footer in ("Stand: 12.03.2024", "Impressum", "Alle Rechte vorbehalten.", "Aviso legal",
                   "Tous droits réservés", "Termin vereinbaren",
                   "Este conteúdo não substitui o aconselhamento médico."):
        assert is_furniture(footer), footer
    for entry in ("Müller A. Datenschutz in der Medizin. Dtsch Arztebl. 2019;116:1-5.",
                  "García A. Política de privacidad en salud móvil. Gac Sanit. 2019;33:1-5.",
                  "Stand der Forschung 2020", "Stand may help reduce back pain."):
        assert not is_furniture(entry), entry


# --- D3: a numbered list without heading, an author without initials ----------------------

@pytest.mark.parametrize("order", [(BRADLEY, DESAI, GROLL), (DESAI, BRADLEY, GROLL), (BRADLEY, GROLL, DESAI)])
@pytest.mark.parametrize("marker", ["{}.", "[{}]"])
def test_numbered_list_without_heading_keeps_an_entry_whose_author_has_no_initials(order, marker):
    doc = "Children of large families were studied.\n\n" + "".join(
        f"{marker.format(i)} {ref}\n" for i, ref in enumerate(order, 1)) + "\nContact us: 555-0100\n"
    assert [c.text for c in _refs(doc)] == list(order)


def test_key_references_list_of_the_trial():
    doc = "## Key references\n\n" + "".join(f"{i}. {r}\n" for i, r in enumerate((BRADLEY, DESAI, GROLL), 1))
    assert [c.text for c in _refs(doc, "guideline.md")] == [BRADLEY, DESAI, GROLL]


def test_a_numbered_line_that_breaks_the_run_stays_out_of_a_list_without_heading():
    advice = ("3. Ask your doctor. Guidelines changed in 2019. Bring a list of your medicines to every visit, "
              "please.")
    lines = ["Tips for better sleep.", "", advice, "", f"1. {BRADLEY}", f"2. {GROLL}"]
    assert [n for n, _ in find_entries(lines)] == [5, 6]
    lines = ["Tips for better sleep.", "", f"3. {DESAI}", f"1. {BRADLEY}", f"2. {GROLL}"]
    assert [n for n, _ in find_entries(lines)] == [4, 5]


# --- D6: "Source: …" lines ----------------------------------------------------------------

def test_source_lines_are_references_without_their_label():
    refs = _refs(f"Source: {RYBKA}\nSource: {NYBERG}\n")
    assert [c.text for c in refs] == [RYBKA, NYBERG]
    assert [c.line for c in refs] == [1, 2]
    assert refs[0].authors[0].surname == "Rybka" and refs[0].journal == "J Microbiol Methods"
    assert refs[1].year == 2020 and refs[1].title.startswith("Glycaemic variability")


@pytest.mark.parametrize("label", ["Source:", "Reference:", "Citation:", "Study:", "Journal reference:",
                                   "SOURCE:", "Quelle:", "Fuente:"])
def test_a_labelled_reference_in_a_newsletter(label):
    doc = ("NORTHSIDE COMMUNITY HEALTH — MONTHLY RESEARCH ROUNDUP\n\n"
           "Glycaemic variability may matter for the memory of older adults with diabetes, a cohort suggests.\n"
           f"{label} {NYBERG}\n"
           "Why it matters: worth discussing at the next team meeting with our practice nurses.\n\n"
           "Media contact: press@northside.example · 555-0177\n"
           "You are receiving this newsletter because you subscribed. Unsubscribe.\n")
    refs = _refs(doc)
    assert [(c.line, c.text) for c in refs] == [(4, NYBERG)]


def test_a_labelled_reference_wrapped_over_lines():
    doc = ("Endotoxin can be measured, a 2006 study showed.\n\n"
           "Source: Rybka J, Gamian A. Determination of endotoxin by the measurement of the\n"
           "acetylated methyl glycoside derivative of Kdo. J Microbiol Methods. 2006;64:171-184.\n")
    refs = _refs(doc)
    assert [c.line for c in refs] == [3]
    assert refs[0].text.endswith("of the acetylated methyl glycoside derivative of Kdo. J Microbiol Methods. "
                                 "2006;64:171-184.")


@pytest.mark.parametrize("line", ["Source: our clinic's patient survey, 2023.",
                                  "Source: Smith J. Our clinic survey, 2023.",
                                  "Study: Smith J, et al. found that walking helps older adults, published in 2020.",
                                  "Source: Harvard Health Publishing, 2021. Walking for health.",
                                  "Source: CDC, National Center for Health Statistics, 2022."])
def test_a_label_before_prose_is_no_reference(line):
    assert labelled_reference(line) is None
    assert _refs(f"Walking helps older adults sleep better.\n\n{line}\n{line}\n") == []


def test_sources_heading_with_a_list_still_works_and_labels_inside_it_are_dropped():
    assert [c.text for c in _refs(f"Walking helps.\n\nSources:\n{RYBKA}\n{NYBERG}\n")] == [RYBKA, NYBERG]
    assert [c.text for c in _refs(f"Walking helps.\n\nSources:\nSource: {RYBKA}\nSource: {NYBERG}\n")] == [
        RYBKA, NYBERG]


def test_labelled_references_in_html_and_markdown():
    html = (f"<html><body><p>Walking helps.</p><p>Source: {NYBERG}</p>"
            "<p>Source: our clinic's patient survey, 2023.</p></body></html>")
    assert [c.text for c in _refs(html, "page.html")] == [NYBERG]
    assert [c.text for c in _refs(f"# News\n\nWalking helps.\n\n**Source:** {NYBERG}\n", "news.md")] == [NYBERG]


def test_a_newsletter_study_line_with_a_quoted_title_journal_and_year_is_an_entry():
    text = ('Roundup\n\nStudy: "Blue-light filtering spectacles and sleep quality in shift-working nurses: a '
            'crossover trial" (Chronobiol Int, 2020).\nWhy it matters: could help our night staff.\n\n'
            'Study: "our own survey of patients" (2023).\n')
    cites = extract_bytes(text.encode(), "news.txt").citations
    assert [(c.line, c.title, c.journal, c.year) for c in cites] == [
        (3, "Blue-light filtering spectacles and sleep quality in shift-working nurses: a crossover trial",
         "Chronobiol Int", 2020)]
    assert cites[0].text.startswith('"Blue-light')  # the label is no part of it


def test_a_newsletter_study_line_with_a_dash_before_its_journal_is_an_entry():
    text = ("Roundup\n\nStudy: Assessment of spring phenology in North America from remote sensing for 1982-2006 "
            "— Glob Chang Biol, 2009\nWhy it matters: worth a look.\n")
    cites = extract_bytes(text.encode(), "news.txt").citations
    assert [(c.line, c.journal, c.year) for c in cites] == [(3, "Glob Chang Biol", 2009)]
