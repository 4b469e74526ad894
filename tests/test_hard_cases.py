"""Issue 3's hard cases, each from a realistic reference string through parsing and matching."""

import pytest

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge
from citecheck.models import Author, Work


def W(**kw) -> Work:
    kw.setdefault("doi", "10.1000/test")
    return Work(**kw)


ANESTH = W(doi="10.1213/ane.0000000000001234", title="Perioperative ketamine for acute postoperative analgesia",
           journal="Anesthesia & Analgesia", short_journal=("Anesth Analg",), year_issued=2016, volume="123",
           issue="4", pages="1011-1018", authors=(Author("Brinck", "Ekaterina"), Author("Tiippana", "Elina")))
VAN = W(doi="10.1016/j.pain.2010.01.001", title="Neuropathic pain in the general population: a systematic review",
        journal="Pain", year_issued=2014, volume="155", issue="4", pages="654-662",
        authors=(Author("van Hecke", "O"), Author("Austin", "Sophie K"), Author("Khan", "Rafi A")))
MATHML = W(doi="10.1103/physrevlett.1", title="Observation of <mml:math><mml:mi>B</mml:mi></mml:math> decays &amp; CP violation",
           journal="Physical Review Letters", short_journal=("Phys Rev Lett",), year_issued=2001, volume="87", pages="091802")
GERMAN = W(doi="10.1055/s-0001", title="Ketamin in der Schmerztherapie", journal="Der Schmerz", short_journal=("Schmerz",),
           year_issued=2011, volume="25", issue="3", pages="277-285", authors=(Author("Müller", "Jörg"),))
ONLINE = W(doi="10.1093/pm/pnaa001", title="Ketamine infusions for chronic pain: a randomized trial",
           journal="Pain Medicine", short_journal=("Pain Med",), year_issued=2021, year_print=2021, year_online=2020,
           volume="22", issue="2", pages="e676-e682", authors=(Author("Orhurhu", "Vwaire"),))
ARTICLE_NO = W(doi="10.1136/bmjopen-2020-000776", title="Low-dose ketamine in primary care: a feasibility study",
               journal="BMJ Open", year_issued=2020, volume="10", article_number="e000776", authors=(Author("Smith", "J"),))
SPARSE = W(doi="10.1000/sparse", title="Ketamine and the NMDA receptor in chronic pain", journal="Pain Reports",
           authors=(Author("Lee", "Ann"),))

CASES = [
    # NLM abbreviation with and without dots, "&" vs "and"
    ("Brinck E, Tiippana E. Perioperative ketamine for acute postoperative analgesia. Anesth Analg. 2016;123(4):1011-8.", ANESTH, "verified"),
    ("Brinck, E., & Tiippana, E. (2016). Perioperative ketamine for acute postoperative analgesia. Anesth. Analg., 123(4), 1011–1018.", ANESTH, "verified"),
    ("Brinck E, Tiippana E. Perioperative Ketamine for Acute Postoperative Analgesia. Anesthesia and Analgesia 2016; 123: 1011-1018.", ANESTH, "verified"),
    # particle surname, sentence case vs title case, leading "The"-less journal
    ("van Hecke O, Austin SK, Khan RA. Neuropathic Pain in the General Population: A Systematic Review. Pain. 2014;155(4):654-62.", VAN, "verified"),
    ("Van Hecke, O., Austin, S. K., Khan, R. A. et al. Neuropathic pain in the general population: a systematic review. Pain 155, 654–662 (2014).", VAN, "verified"),
    # markup and entities in the Crossref title
    ("Smith A. Observation of B decays & CP violation. Phys Rev Lett. 2001;87:091802.", MATHML, "verified"),
    # diacritics, transliteration, translated title in brackets
    ("Mueller J. [Ketamine in pain therapy] Ketamin in der Schmerztherapie. Schmerz. 2011;25(3):277-85.", GERMAN, "verified"),
    # published online 2020, in print 2021; e-pages
    ("Orhurhu V. Ketamine infusions for chronic pain: a randomized trial. Pain Med. 2020;22(2):e676-e682.", ONLINE, "verified"),
    # article number as pages
    ("Smith J. Low-dose ketamine in primary care: a feasibility study. BMJ Open. 2020;10:e000776.", ARTICLE_NO, "verified"),
    # Crossref record without pages, issue or year
    ("Lee A. Ketamine and the NMDA receptor in chronic pain. Pain Rep. 2019;4(2):e712.", SPARSE, "verified"),
    # wrong details on real works
    ("Brinck E, Tiippana E. Perioperative ketamine for acute postoperative analgesia. Anesth Analg. 2012;119(4):1011-8.", ANESTH, "mismatch"),
    ("Austin SK, van Hecke O. Neuropathic pain in the general population: a systematic review. Pain. 2014;155(4):654-62.", VAN, "mismatch"),
]


@pytest.mark.parametrize("text,work,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_hard_case(text, work, expected):
    citation = parse_reference(text, 1)
    result = judge(citation, Evidence(candidates=(work,)))
    assert result.verdict.value == expected, (result.reason, citation)
    if expected != "not_found":
        assert result.match.doi == work.doi


def test_online_year_is_noted_not_failed():
    citation = parse_reference(CASES[7][0], 1)
    result = judge(citation, Evidence(candidates=(ONLINE,)))
    year = next(f for f in result.fields if f.name == "year")
    assert year.note == "published online 2020, in print 2021"


def test_wrong_year_and_volume_named_exactly():
    result = judge(parse_reference(CASES[10][0], 1), Evidence(candidates=(ANESTH,)))
    assert {f.name: (f.cited, f.found) for f in result.wrong_fields} == {"year": (2012, 2016), "volume": ("119", "123")}


def test_swapped_first_author_is_an_author_mismatch():
    result = judge(parse_reference(CASES[11][0], 1), Evidence(candidates=(VAN,)))
    assert [f.name for f in result.wrong_fields] == ["authors"]
