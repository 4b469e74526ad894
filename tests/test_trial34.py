"""What a medical writer checking Word and PDF manuscript drafts found (trial 34): a PDF with its lines
numbered in the margin, as journals ask of a submission, had its reference list read as one entry
with the numbers in it; and a PDF whose "References" heading follows a full line of prose had its
list read as that paragraph's prose too (each entry's DOI a link citation of its own, its issue
number "(1)" an in-text citation)."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from tests.test_extract_documents import _pdf

PROSE = [
    "Work on in silico chromosomal clustering of genes displaying altered expression patterns in",
    "ovarian cancer is relevant here [1]. Patients had a mean body mass index of 31.2 kg/m2 and eGFR above",
    "60 mL/min per 1.73 m2 at baseline, which we consider representative of the clinic's own patients today.",
    "Work on depressive behaviors and decreased expression of serotonin reuptake transporter in rats that",
    "experienced neonatal maternal separation is relevant here [2]. Patients had a mean body mass index of",
    "31.2 kg/m2 and eGFR above 60 mL/min per 1.73 m2 at baseline, which we consider representative today.",
]
REFERENCES = [
    "References",
    "1. Israeli O, Goldring-Aviram A, Rienstein S, et al. In silico chromosomal clustering of genes",
    "displaying altered expression patterns in ovarian cancer. Cancer Genet Cytogenet. 2005;160(1):35-42.",
    "doi:10.1016/j.cancergencyto.2004.11.011",
    "2. Lee JH. Depressive behaviors and decreased expression of serotonin reuptake transporter in rats that",
    "experienced neonatal maternal separation. Neurosci Res. 2007;58(1):32-39.",
    "doi:10.1016/j.neures.2007.01.008",
]


def _titles(ex) -> list[str]:
    return [c.title for c in ex.citations]


@pytest.mark.parametrize("numbered", [False, True])
def test_a_manuscripts_list_is_read_entry_by_entry_with_no_links_or_notes_from_it(numbered):
    lines = PROSE + REFERENCES
    if numbered:  # line numbers in the margin, as a submission's
        lines = [f"{n} {line}" for n, line in enumerate(lines, start=1)]
    ex = extract_bytes(_pdf([lines]), "manuscript.pdf")
    assert _titles(ex) == [
        "In silico chromosomal clustering of genes displaying altered expression patterns in ovarian cancer",
        "Depressive behaviors and decreased expression of serotonin reuptake transporter in rats that experienced "
        "neonatal maternal separation"]
    assert [c.doi for c in ex.citations] == ["10.1016/j.cancergencyto.2004.11.011", "10.1016/j.neures.2007.01.008"]
    assert [(it.text, it.reference) for it in ex.in_text] == [("[1]", 0), ("[2]", 1)]


def test_a_numbered_list_is_not_taken_for_line_numbers():
    # Entries numbered "1 Smith J …" one per line are an entry's numbers, not the margin's: they
    # do not number every line.
    lines = PROSE + ["References"] + [
        "1 Israeli O, Goldring-Aviram A, Rienstein S. In silico chromosomal clustering of genes. Cancer Genet",
        "Cytogenet. 2005;160(1):35-42.",
        "2 Lee JH. Depressive behaviors in rats that experienced neonatal maternal separation. Neurosci Res.",
        "2007;58(1):32-39."]
    ex = extract_bytes(_pdf([lines]), "manuscript.pdf")
    assert len(ex.citations) == 2 and ex.citations[1].journal == "Neurosci Res"


# Two footnotes at a page's foot, and a raised "1" pypdf gives a line of its own.
PAGE_FOOTNOTES = [
    "1 Gebhardt T. Memory T cells in nonlymphoid tissue that provide enhanced local immunity during infection",
    "with herpes simplex virus. Nat Immunol. 2009;10(5):524-530.",
    "2 Fang W, Oreopoulos DG, Bargman JM. Use of ACE inhibitors or angiotensin receptor blockers and survival",
    "in patients on PD. Nephrol Dial Transplant. 2008;23(11):3704-3710.",
    "1",
]


def test_footnotes_at_a_pages_foot_are_read_with_their_markers_glued_to_the_text():
    # "… virus.1 We return …" (a raised digit pypdf sets on the line): the notes went unread and
    # the run passed with "no references found".
    body = "We return to this point in the discussion, where the implications for care are set out for the reader."
    page = [
        "One study addressed memory T cells in nonlymphoid tissue during infection with herpes simplex virus.1 We",
        body, body,
        "One study addressed use of ACE inhibitors or angiotensin receptor blockers in patients on PD.2 We",
        body, body,
        *PAGE_FOOTNOTES,
    ]
    ex = extract_bytes(_pdf([page]), "draft.pdf")
    assert [c.journal for c in ex.citations] == ["Nat Immunol", "Nephrol Dial Transplant"]
    assert [(it.text, it.reference) for it in ex.in_text] == [("[^1]", 0), ("[^2]", 1)]


def test_a_unit_raised_to_a_power_is_no_note_marker_in_a_word_draft():
    # "kg/m²" was read as note [2] (hiding an uncited entry 2) and "×10⁹/L" as [9], a note with no entry.
    import io

    import docx  # python-docx, a dependency of citecheck

    document = docx.Document()

    def para(*parts):
        p = document.add_paragraph()
        for text, raised in parts:
            p.add_run(text).font.superscript = raised

    para(("Weight fell in the trial", False), ("1", True), (". Mean body mass index was 31.2 kg/m", False),
         ("2", True), (" and platelets 250 ×10", False), ("9", True), ("/L at baseline.", False))
    para(("References", False))
    document.add_paragraph("1. Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition-independent antidepressant "
                           "actions of ketamine metabolites. Nature. 2016;533(7604):481-486.")
    document.add_paragraph("2. Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.")
    out = io.BytesIO()
    document.save(out)
    ex = extract_bytes(out.getvalue(), "draft.docx")
    assert len(ex.citations) == 2
    assert [(it.text, it.reference) for it in ex.in_text] == [("[1]", 0)]


def test_a_power_of_ten_in_plain_text_is_no_note_marker():
    from citecheck.extract.text import superscripts_as_markers

    assert superscripts_as_markers("platelets 250 ×10⁹/L and 3.2 kg/m² in adults.¹") == \
        "platelets 250 ×10⁹/L and 3.2 kg/m² in adults.[1]"


# A text box as Word writes it: the box (mc:Choice) and a copy of it for older readers (mc:Fallback).
_TEXT_BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml">
<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>
<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>
{paras}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict>
</mc:Fallback></mc:AlternateContent>"""


def test_a_text_box_is_read_once_as_paragraphs_of_its_own():
    # Its text was read three times: in the paragraph that anchors it, then as the box's and the copy's paragraphs.
    import io

    import docx
    from lxml import etree

    document = docx.Document()
    p = document.add_paragraph("Regular walking helps many patients with high blood pressure (Ikeda, 2014). ")
    box = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in (
        "Key point: a 2019 meta-analysis in The Lancet found that walking lowers blood pressure.",
        "Read more (Ikeda, 2014)."))
    p.add_run("")._r.append(etree.fromstring(_TEXT_BOX.format(paras=box)))
    p.add_run("Ask your nurse about a plan.")
    document.add_paragraph("References")
    document.add_paragraph("Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119(4):813-8.")
    out = io.BytesIO()
    document.save(out)
    ex = extract_bytes(out.getvalue(), "draft.docx")
    assert [(it.text, it.line) for it in ex.in_text] == [("(Ikeda, 2014)", 1), ("(Ikeda, 2014)", 3)]
    assert [(c.text, c.line) for c in ex.claims] == [
        ("Key point: a 2019 meta-analysis in The Lancet found that walking lowers blood pressure.", 2)]
    assert [c.line for c in ex.citations] == [5]


_VANCOUVER = ("Whitaker RC, Wright JA, Pepe MS. Predicting obesity in young adulthood from childhood and parental "
              "obesity. N Engl J Med. 1997;337(13):869-873.")
_APA = ("Whitaker, R. C., Wright, J. A., & Pepe, M. S. (1997). Predicting obesity in young adulthood from childhood "
        "and parental obesity. New England Journal of Medicine, 337(13), 869-873.")


@pytest.mark.parametrize("lead_in", ["See ", "See also: ", "See, e.g., ", "For a review, see ", "As cited in ",
                                     "See the cohort analysis by ", "Data from ", "Source: ", "Adapted from ", "Cf. "])
@pytest.mark.parametrize("entry", [_VANCOUVER, _APA])
def test_a_notes_lead_in_is_no_part_of_its_reference(lead_in, entry):
    # "See the cohort analysis by Whitaker RC, …" was read with no authors and the lead-in and names in the title.
    from citecheck.extract.parse import parse_reference

    cited = parse_reference(lead_in + entry, 1)
    assert cited.text == lead_in + entry  # shown as written
    assert [a.surname for a in cited.authors] == ["Whitaker", "Wright", "Pepe"]
    assert cited.title == "Predicting obesity in young adulthood from childhood and parental obesity"
    assert (cited.year, cited.volume, cited.pages) == (1997, "337", "869-873")


@pytest.mark.parametrize("entry, first", [
    ("See KA, Lim J. Fatigue in dialysis. Kidney Int. 2010;77(1):1-2.", ("See", "KA")),
    ("Source W, Smith J. Blood pressure in sprinters. Lancet. 2006;368:733-43.", ("Source", "W")),
    ("Seeman E, Delmas PD. Bone quality. N Engl J Med. 2006;354:2250-61.", ("Seeman", "E")),
    ("Asher MI, Montefort S. Worldwide time trends. Lancet. 2006;368:733-43.", ("Asher", "MI")),
])
def test_a_surname_like_a_lead_in_stays_the_first_authors(entry, first):
    from citecheck.extract.parse import parse_reference

    cited = parse_reference(entry, 1)
    assert (cited.authors[0].surname, cited.authors[0].initials) == first


def test_a_title_that_opens_like_a_lead_in_stays_whole():
    from citecheck.extract.parse import parse_reference

    cited = parse_reference("Data from the National Health Interview Survey. Hyattsville, MD: NCHS; 2019.", 1)
    assert cited.title == "Data from the National Health Interview Survey"


def test_a_pdf_footnote_marker_is_glued_where_the_in_text_reader_takes_one():
    # The PDF reader took a number after any letter's stop: "Table A.2" and an initial's "J.2" stole
    # note 2's marker. It now takes what the in-text reader takes, dotted capitals among them ("U.S.1").
    body = "We return to this point in the discussion, where the implications for care are set out for the reader."
    page = [
        "One study addressed memory T cells in nonlymphoid tissue during infection in the U.S.1 We",
        "The doses are set out in Table A.2 below, with the schedule each of the clinics follows for its patients.",
        body,
        "One study addressed use of ACE inhibitors or angiotensin receptor blockers in patients on PD.2 We",
        body, body,
        *PAGE_FOOTNOTES,
    ]
    ex = extract_bytes(_pdf([page]), "draft.pdf")
    assert [c.journal for c in ex.citations] == ["Nat Immunol", "Nephrol Dial Transplant"]
    assert [(it.text, it.reference, it.line) for it in ex.in_text] == [("[^1]", 0, 1), ("[^2]", 1, 4)]


@pytest.mark.parametrize("text, notes", [
    ("Rates rose in the U.S.1 Most clinics agree.", ["1"]),
    ("As Smith J.2 wrote, see Table A.2 for the doses.", []),
    ("Rates rose in adults.1 Most clinics agree with veterans with PTSD.2 It", ["1", "2"]),
])
def test_a_note_number_glued_after_a_stop(text, notes):
    from citecheck.extract.intext import _GLUED_NOTE_RE

    assert [m.group(m.lastindex) for m in _GLUED_NOTE_RE.finditer(text)] == notes
