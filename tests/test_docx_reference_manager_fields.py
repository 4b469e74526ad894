"""Word drafts written with a reference manager: Zotero and Mendeley put each in-text citation and the
bibliography in a field whose code holds the item's data ("ADDIN ZOTERO_ITEM CSL_CITATION {…}",
"ADDIN CSL_CITATION {…}"), EndNote its own ("ADDIN EN.CITE <EndNote>…", "ADDIN EN.REFLIST"), with
the text the reader sees as the field's result.  The result is what the article cites; the code, a
run of JSON or XML, is never read as the article's text."""

from __future__ import annotations

import io
import json

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from citecheck.extract import extract_bytes

_ITEM = {"citationItems": [{"id": 1, "itemData": {
    "type": "article-journal", "title": "Synaptic dysfunction in depression: potential therapeutic targets",
    "container-title": "Science", "volume": "338", "page": "68-72", "DOI": "10.1126/science.1222939",
    "author": [{"family": "Duman", "given": "Ronald S."}], "issued": {"date-parts": [[2012]]}}}]}
_CODES = {
    "zotero": (" ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(_ITEM), ' ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY '),
    "mendeley": (" ADDIN CSL_CITATION " + json.dumps(_ITEM), " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY "),
    "endnote": (" ADDIN EN.CITE <EndNote><Cite><Author>Duman</Author><Year>2012</Year><RecNum>45</RecNum>"
                "<record><titles><title>Synaptic dysfunction in depression</title></titles></record></Cite></EndNote>",
                " ADDIN EN.REFLIST "),
}
_ENTRIES = [
    "Duman, R. S., & Aghajanian, G. K. (2012). Synaptic dysfunction in depression: potential therapeutic targets. "
    "Science, 338(6103), 68–72. https://doi.org/10.1126/science.1222939",
    "Zanos, P., & Gould, T. D. (2018). Mechanisms of ketamine action as an antidepressant. Molecular Psychiatry, "
    "23(4), 801–811.",
]


def _field_char(paragraph, kind: str) -> None:
    run, char = OxmlElement("w:r"), OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)


def _field_code(paragraph, code: str) -> None:
    """The code in two runs, as Word splits a long one."""
    for part in (code[: len(code) // 2], code[len(code) // 2:]):
        run, instr = OxmlElement("w:r"), OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = part
        run.append(instr)
        paragraph._p.append(run)


def _draft(manager: str) -> bytes:
    cite, bibliography = _CODES[manager]
    document = docx.Document()
    document.add_heading("Ketamine for depression", 1)
    p = document.add_paragraph("Ketamine restores synapses ")
    _field_char(p, "begin")
    _field_code(p, cite)
    _field_char(p, "separate")
    p.add_run("(Duman & Aghajanian, 2012)")
    _field_char(p, "end")
    p.add_run(", and its metabolites act too (Zanos & Gould, 2018).")
    document.add_heading("References", 2)
    for k, entry in enumerate(_ENTRIES):
        p = document.add_paragraph()
        if k == 0:  # the bibliography's field opens in its first paragraph and closes in its last
            _field_char(p, "begin")
            _field_code(p, bibliography)
            _field_char(p, "separate")
        p.add_run(entry)
        if k == len(_ENTRIES) - 1:
            _field_char(p, "end")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("manager", sorted(_CODES))
def test_a_reference_managers_fields_are_read_as_the_reader_sees_them(manager):
    extraction = extract_bytes(_draft(manager), "draft.docx")
    assert [c.text for c in extraction.citations] == _ENTRIES
    assert [(c.doi, c.journal, c.year) for c in extraction.citations] == [
        ("10.1126/science.1222939", "Science", 2012), (None, "Molecular Psychiatry", 2018)]
    assert [(i.text, i.reference) for i in extraction.in_text] == [
        ("(Duman & Aghajanian, 2012)", 0), ("(Zanos & Gould, 2018)", 1)]
    # nothing of the field codes is read: no citation, claim or text from the JSON or EndNote's XML
    assert not any("ADDIN" in c.text or "citationItems" in c.text for c in extraction.citations)
    assert not extraction.claims
