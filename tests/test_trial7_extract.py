"""Trial 7's extraction defects: DOIs broken across lines, "Ibid." notes, superscripts
that are no citations, numbered citations broken across lines."""

from __future__ import annotations

from citecheck.extract.pdf import pdf_lines
from citecheck.extract.text import TextExtractor

NATHAN = ("Nathan DM, Angus PW, Gibson PR. Hepatitis B and C virus infections and\n"
          "    anti-tumor necrosis factor-alpha therapy: guidelines for clinical\n"
          "    approach. J Gastroenterol Hepatol. 2006;21(9):1366-1371.\n")
TOMER = ("Tomer Y, Blackard JT, Akeno N. Interferon alpha treatment and thyroid\n"
         "    dysfunction. Endocrinol Metab Clin North Am. 2007;36(4):1051-1066.\n"
         "    https://doi.org/10.1016/j.ecl.2007.07.001\n")


def _text(doc: str):
    return TextExtractor().extract(doc.encode()).citations


def test_doi_broken_after_a_dot_is_rejoined_and_the_list_goes_on():
    cites = _text("References\n\n" + NATHAN + "    https://doi.org/10.1111/j.1440-1746.2006.\n    04559.x\n" + TOMER)
    assert [c.doi for c in cites] == ["10.1111/j.1440-1746.2006.04559.x", "10.1016/j.ecl.2007.07.001"]
    assert cites[1].text.startswith("Tomer Y, Blackard JT")


def test_doi_broken_after_a_hyphen_ends_its_entry():
    cites = _text("References\n\n" + NATHAN + "    https://doi.org/10.1111/j.1440-\n    1746.2006.04559.x\n" + TOMER)
    assert [c.doi for c in cites] == ["10.1111/j.1440-1746.2006.04559.x", "10.1016/j.ecl.2007.07.001"]
    assert cites[1].text.startswith("Tomer Y")


def test_pdf_number_after_a_broken_doi_is_no_page_number():
    page = "References\n1. Carella C. Interferon. J Clin Endocrinol Metab. 2004;89(8):3656-3661. doi:10.1210/jc.2004-\n0627"
    assert [t for _, t in pdf_lines([page])[0]][-1] == "0627"
    assert [t for _, t in pdf_lines(["Some text that ends a page.\n12"])[0]] == ["Some text that ends a page."]

JACK = ("Jack CR Jr, Knopman DS, Jagust WJ, Shaw LM, Aisen PS. Hypothetical model of dynamic biomarkers of the "
        "Alzheimer's pathological cascade. Lancet Neurol. 2010;9(1):119-128.")
YIN = ("Yin YI, Bassit B, Zhu L, Yang X, Wang C, Li YM. Secretase substrate concentration modulates the ratio: "
       "implications for Alzheimer disease. J Biol Chem. 2007;282(32):23639-23644.")


def test_html_ibid_note_keeps_its_place():
    from citecheck.extract.html import HtmlExtractor
    html = ("<html><body><p>Biomarkers rise.<sup>1</sup> Early.<sup>2</sup> A ratio.<sup>3</sup></p>"
            f"<h2>Notes</h2><ol><li>{JACK}</li><li>Ibid., p. 125.</li><li>{YIN}</li></ol></body></html>")
    ex = HtmlExtractor().extract(html.encode())
    assert [c.text[:5] for c in ex.citations] == ["Jack ", "Ibid.", "Yin Y"]
    assert ex.citations[1].ignore_reason and ex.citations[1].title is None
    assert [i.reference for i in ex.in_text] == [0, 1, 2]


def test_text_numbered_ibid_note_is_no_missing_number():
    ex = TextExtractor().extract(f"Rise [1]. Early [2]. Ratio [3].\n\nNotes\n1. {JACK}\n2. Ibid.\n3. {YIN}\n".encode())
    assert [i.reference for i in ex.in_text] == [0, 1, 2]
    assert ex.citations[2].title.startswith("Secretase")


def test_repeat_notes():
    from citecheck.extract.references import is_repeat_note
    assert all(map(is_repeat_note, ["Ibid.", "Ibid., p. 125.", "ibid", "Id.", "Id. at 5.", "Op. cit.", "Op. cit., p. 3."]))
    assert not any(map(is_repeat_note, ["Idaho Department of Health. 2020.", "Ibidem et al. " + "x" * 70, JACK]))


def test_html_mass_numbers_and_powers_are_no_note_markers():
    from citecheck.extract.html import HtmlExtractor
    html = ("<html><body><p>PET with <sup>11</sup>C-PiB or <sup>18</sup>F-florbetapir shows plaques.<sup>1</sup> "
            "A BMI above 30 kg/m<sup>2</sup> or 4 cm<sup>3</sup> is advised.<sup>2</sup></p>"
            f"<h2>References</h2><ol><li>{JACK}</li><li>{YIN}</li></ol></body></html>")
    ex = HtmlExtractor().extract(html.encode())
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_unicode_mass_numbers_and_powers_are_no_note_markers():
    doc = f"BMI above 30 kg/m² is high.¹ Scans with ¹⁸F-FDG and 4 cm³ masses.²\n\nReferences\n1. {JACK}\n2. {YIN}\n"
    ex = TextExtractor().extract(doc.encode())
    assert [(i.text, i.reference) for i in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_numbered_citations_broken_across_lines():
    refs = ("\n\nReferences\n1. Tomer Y, Blackard JT, Akeno N. Interferon treatment and thyroid dysfunction. "
            "Endocrinol Metab Clin North Am. 2007;36(4):1051-1066.\n"
            "2. Lim R, Knight B. Antiproliferative effects. Hepatology. 2006;43(5):1074-1083.\n")
    ex = TextExtractor().extract(("Common [1,\n2] and [1–\n2] and [\n1, 2] and x.\nSeen [2].\n" + refs).encode())
    assert [(i.text, i.line, i.reference) for i in ex.in_text] == [
        ("[1, 2]", 1, 0), ("[1, 2]", 1, 1), ("[1–2]", 2, 0), ("[1–2]", 2, 1), ("[1, 2]", 3, 0), ("[1, 2]", 3, 1),
        ("[2]", 5, 1)]
