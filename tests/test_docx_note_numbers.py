"""A Word draft's footnote and endnote references carry the number Word shows them with (user
trial 11, F11): every note was reported only at the paragraph that calls it ("paragraph 2",
seven times), with no number to find it by in Word's notes pane."""

from __future__ import annotations

from xml.sax.saxutils import escape

from citecheck.extract import extract_bytes
from tests.conftest import make_zip

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PKG = "http://schemas.openxmlformats.org/package/2006"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"

NOTES = {
    "footnote": ["Zanos P, Moaddel R, Morris PJ. NMDAR inhibition-independent antidepressant actions of ketamine "
                 "metabolites. Nature. 2016;533(7604):481-486.",
                 "See the clinic's leaflet for doses.",
                 "Berman RM, Cappiello A, Anand A. Antidepressant effects of ketamine in depressed patients. "
                 "Biol Psychiatry. 2000;47(4):351-354."],
    "endnote": ["Murrough JW, Iosifescu DV, Chang LC. Antidepressant efficacy of ketamine in treatment-resistant "
                "major depression. Am J Psychiatry. 2013;170(10):1134-1142."],
}


def _note_part(kind: str) -> bytes:
    notes = "".join(f'<w:{kind} w:id="{k + 1}"><w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:{kind}>'
                    for k, text in enumerate(NOTES[kind]))
    return f'<?xml version="1.0" encoding="UTF-8"?><w:{kind}s xmlns:w="{_W}">{notes}</w:{kind}s>'.encode()


def _call(kind: str, number: int) -> str:
    return f'<w:r><w:{kind}Reference w:id="{number}"/></w:r>'


def _draft() -> bytes:
    def p(*runs: str) -> str:
        return f"<w:p>{''.join(runs)}</w:p>"

    def t(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'

    body = (p(t("Ketamine helps some patients."))
            + p(t("Its metabolites act fast."), _call("footnote", 1), t(" Doses vary."), _call("footnote", 2),
                t(" Early trials were small."), _call("endnote", 1), t(" It works within hours."),
                _call("footnote", 3)))
    types = "".join(f'<Override PartName="/word/{n}.xml" ContentType="{_MAIN}.{n}+xml"/>'
                    for n in ("footnotes", "endnotes"))
    rels = "".join(f'<Relationship Id="rId{k}" Type="{_REL}/{n}" Target="{n}.xml"/>'
                   for k, n in ((1, "footnotes"), (2, "endnotes")))
    return make_zip({
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{_PKG}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
            f'ContentType="{_MAIN}.document.main+xml"/>{types}</Types>').encode(),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}/relationships">'
                        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
                        '</Relationships>').encode(),
        "word/_rels/document.xml.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                                         f'xmlns="{_PKG}/relationships">{rels}</Relationships>').encode(),
        "word/document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
                              f'{body}</w:body></w:document>').encode(),
        "word/footnotes.xml": _note_part("footnote"),
        "word/endnotes.xml": _note_part("endnote"),
    })


def test_note_entries_carry_the_numbers_word_shows_each_kind_of_note_with():
    citations = extract_bytes(_draft(), "draft.docx").citations
    numbered = {c.text[:12]: (c.number, c.line) for c in citations if c.kind == "reference"}
    # Footnotes 1 and 3 (footnote 2 is a comment, no entry); the endnote is endnote 1.
    assert numbered == {"Zanos P, Moa": (1, 2), "Berman RM, C": (3, 2), "Murrough JW,": (1, 2)}
