"""What a red team of language-model fabrications (trial 32: nine articles, 129 entries, a fake Crossref of
the development records) found in the reports: a chimera whose year is one off the title's work was
offered as a typo to correct ("Corrected: <the title's work>"), the terminal report dropped the
JSON's "two works run together", and the nearest work one year off was said to have "the same year"."""

from __future__ import annotations

import io

from rich.console import Console

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, details_of_another_said, judge, title_only
from citecheck.models import Author, DocumentResult, Report, Verdict, Work
from citecheck.report.correct import corrected_reference
from citecheck.report.terminal import TerminalReport

# The title's work (Ertugrul 2002) and the work whose authors, volume and pages the chimera carries.
ERTUGRUL = Work(doi="10.1034/j.1600-0447.2002.1020.x", title="The influence of neurocognitive deficits and symptoms "
                "on disability in schizophrenia", journal="Acta Psychiatrica Scandinavica",
                short_journal=("Acta Psychiatr Scand",), year_issued=2002, volume="105", issue="3", pages="196-201",
                authors=(Author("Ertugrul", "A"), Author("Ulug", "B")), type="journal-article")
PENADES = Work(doi="10.1016/s0920-9964(02)00359-6", title="Cognitive mechanisms, psychosocial functioning, and "
               "neurocognitive rehabilitation in schizophrenia", journal="Schizophrenia Research",
               short_journal=("Schizophr Res",), year_issued=2003, volume="63", issue="3", pages="219-227",
               authors=(Author("Penadés", "R"), Author("Boget", "T"), Author("Catalán", "R")), type="journal-article")
CHIMERA = ("Penadés R, Boget T, Catalán R. The influence of neurocognitive deficits and symptoms on disability in "
           "schizophrenia. Schizophr Res. 2003;63(3):219-27.")


def _terminal(result) -> str:
    out = io.StringIO()
    doc = DocumentResult(path="psych.md", results=(result,))
    TerminalReport().show(Report(documents=(doc,)), ("mismatch", "not_found"), Console(file=out, width=400))
    return out.getvalue()


def test_a_chimera_one_year_off_is_no_typo_to_correct_and_the_terminal_says_so():
    result = judge(parse_reference(CHIMERA, 1), Evidence(candidates=(ERTUGRUL, PENADES)))
    assert result.verdict is Verdict.MISMATCH and result.match.doi == ERTUGRUL.doi
    assert title_only(result.fields)  # the year one off is no sign of Ertugrul's work
    assert result.reason.startswith("Only the title is a real work's")
    assert corrected_reference(result) is None
    said = details_of_another_said(result.reason)
    assert said.startswith("Its authors, volume and pages are those of another work, \"Cognitive mechanisms")
    shown = " ".join(_terminal(result).split())
    assert "Corrected:" not in shown and "two works run together, check which is meant" in shown


def test_a_chimera_with_the_title_works_journal_is_not_corrected_either():
    cited = CHIMERA.replace("Schizophr Res", "Acta Psychiatr Scand")
    result = judge(parse_reference(cited, 1), Evidence(candidates=(ERTUGRUL, PENADES)))
    assert result.verdict is Verdict.MISMATCH and not title_only(result.fields)
    assert details_of_another_said(result.reason) and corrected_reference(result) is None
    assert "Its authors, volume and pages are those of another work" in " ".join(_terminal(result).split())


def test_a_typo_is_still_corrected():
    cited = ("Ertugrul A, Ulug B. The influence of neurocognitive deficits and symptoms on disability in "
             "schizophrenia. Acta Psychiatr Scand. 2002;105(3):196-210.")
    result = judge(parse_reference(cited, 1), Evidence(candidates=(ERTUGRUL, PENADES)))
    assert result.verdict is Verdict.MISMATCH and details_of_another_said(result.reason) is None
    assert "196-201" in (corrected_reference(result) or "")


def test_the_nearest_work_a_year_off_is_not_said_to_be_of_the_same_year():
    work = Work(doi="10.1056/nejm199709253371301", title="Predicting obesity in young adulthood from childhood and "
                "parental obesity", journal="New England Journal of Medicine", short_journal=("N Engl J Med",),
                year_issued=1997, volume="337", issue="13", pages="869-873",
                authors=(Author("Whitaker", "RC"), Author("Wright", "JA")), type="journal-article")
    invented = parse_reference("Whitaker RC, Wright JA. Parental obesity and the weight of young children: a cohort "
                               "study. N Engl J Med. 1998;338(2):101-9.", 1)
    result = judge(invented, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.NOT_FOUND
    assert "same first author, journal, year within one" in result.nearest.why, result.nearest.why
    assert "same first author, journal, year;" not in result.nearest.why


_TWO_OF_2003 = """# Obesity

Obesity is linked with psychiatric disorder (Mustillo et al., 2003a). Parental weight predicts
persistence (Whitaker & Dietz, 1998; Mustillo et al., 2003b), and so does sleep (Smith, 2010b).

## References

Mustillo, S., Worthman, C., & Costello, E. J. (2003). Clinical aspects of obesity in childhood and adolescence. Pediatrics, 111(4), 851–859.
Mustillo, S., Worthman, C., & Costello, E. J. (2003). Obesity and psychiatric disorder: Developmental trajectories. Pediatrics, 111(4), 851–859.
Smith, J. (2010). Sleep and weight. Sleep, 33(2), 100–110.
Whitaker, R. C., & Dietz, W. H. (1998). Role of the prenatal environment in the development of obesity. J Pediatr, 132(5), 768–776.
"""


def test_an_author_year_with_a_letter_is_that_authors_entry_of_the_year_in_the_lists_order():
    # "(Mustillo et al., 2003b)" was linked to the first Mustillo 2003 entry, and the second was
    # reported as never cited.
    from citecheck.extract import extract_bytes

    doc = extract_bytes(_TWO_OF_2003.encode(), "obesity.md")
    linked = {it.text.strip("()"): it.reference for it in doc.in_text}
    assert linked == {"Mustillo et al., 2003a": 0, "Mustillo et al., 2003b": 1, "Whitaker & Dietz, 1998": 3,
                      "Smith, 2010b": 2}  # a letter where the author has one entry of the year: that entry


def test_a_verified_citation_with_a_remark_is_starred_in_the_table():
    # "Osborne CK. Tamoxifen in the treatment of breast cancer: a randomized controlled trial." read as
    # plainly verified in the table; the remark was said only under it.
    work = Work(doi="10.1056/nejm199811263392207", title="Tamoxifen in the treatment of breast cancer",
                journal="New England Journal of Medicine", short_journal=("N Engl J Med",), year_issued=1998,
                volume="339", issue="22", pages="1609-1618", authors=(Author("Osborne", "CK"),), type="journal-article")
    cited = parse_reference("Osborne CK. Tamoxifen in the treatment of breast cancer: a randomized controlled trial. "
                            "N Engl J Med. 1998;339(22):1609-18.", 1)
    result = judge(cited, Evidence(candidates=(work,)))
    assert result.verdict is Verdict.VERIFIED
    shown = _terminal(result)
    row = next(line for line in shown.splitlines() if "Osborne CK" in line and line.strip().startswith("1 "))
    assert row.split()[1] == "verified*" and "1 citation: 1 verified (1 with a remark*)" in shown
    assert '* Verified with a remark, line 1: Osborne CK' in shown and '"a randomized controlled trial"' in shown


def test_an_author_year_that_fits_two_entries_is_said_and_neither_is_uncited():
    # "(Mustillo et al., 2003)" with two Mustillo 2003 entries: linked to the first, the second
    # reported as never cited, the ambiguity not said.
    from citecheck.extract import extract_bytes
    from citecheck.extract.claims import uncited_entries
    from citecheck.models import CheckResult
    from citecheck.report.interface import text_findings

    def read(article: str) -> DocumentResult:
        ex = extract_bytes(article.encode(), "obesity.md")
        return DocumentResult("obesity.md", tuple(CheckResult(c, Verdict.SKIPPED, "") for c in ex.citations),
                              in_text=ex.in_text, uncited=uncited_entries(ex.citations, ex.in_text, ex.lists))

    doc = read(_TWO_OF_2003.replace("2003a", "2003").replace("Mustillo et al., 2003b", "Mustillo et al., 2003"))
    assert doc.uncited == ()
    ambiguous = [f for f in text_findings(doc) if f.kind == "ambiguous_in_text"]
    assert [f.line for f in ambiguous] == [3, 4]
    assert ambiguous[0].message == ("(Mustillo et al., 2003): Mustillo, 2003 (line 8), Mustillo, 2003 (line 9); "
                                    "write 2003a and 2003b, in the list and the text")
    # with letters in the text, no ambiguity
    assert not [f for f in text_findings(read(_TWO_OF_2003)) if f.kind == "ambiguous_in_text"]
    # one of the two cited by letter, the other by the year alone: still said
    doc = read(_TWO_OF_2003.replace("Mustillo et al., 2003b", "Mustillo et al., 2003"))
    assert [f.line for f in text_findings(doc) if f.kind == "ambiguous_in_text"] == [4]
