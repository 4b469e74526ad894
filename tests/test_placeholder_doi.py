"""A DOI left as a placeholder ("10.xxxx/xxxxx"), as text written by a language model holds:
the work found by its other details is a mismatch on its DOI, never "cited right" (trial 10)."""

from citecheck.extract.parse import parse_reference
from citecheck.matching.verdict import Evidence, judge, placeholder_doi
from citecheck.models import Author, Verdict, Work
from citecheck.report.correct import corrected_reference

GORIS_1998 = Work(
    doi="10.1007/s002689900369",
    title="Reflex sympathetic dystrophy: model of a severe regional inflammatory response syndrome",
    journal="World Journal of Surgery", short_journal=("World J. Surg.",), year_issued=1998, year_print=1998,
    volume="22", issue="2", pages="197-202", authors=(Author("Goris", "R. J. A."),), type="journal-article",
)
ENTRY = ("Goris, R. J. (1998). Reflex sympathetic dystrophy: Model of a severe regional inflammatory response "
         "syndrome. World Journal of Surgery, 22, 197-202. https://doi.org/10.xxxx/xxxxx")


def test_a_placeholder_doi_makes_a_real_work_a_mismatch_on_its_doi():
    citation = parse_reference(ENTRY, 1)
    result = judge(citation, Evidence(candidates=(GORIS_1998,)))
    assert result.verdict is Verdict.MISMATCH
    doi = next(f for f in result.fields if f.name == "doi")
    assert (doi.cited, doi.found, doi.note) == ("10.xxxx/xxxxx", "10.1007/s002689900369", "a placeholder, not a DOI")
    assert "doi cited as 10.xxxx/xxxxx" in result.reason
    assert corrected_reference(result).endswith("22, 197-202. https://doi.org/10.1007/s002689900369")


def test_placeholders_in_their_forms_and_real_dois_left_alone():
    def found(text):
        return placeholder_doi(parse_reference(text, 1))

    assert found("Smith J. A title. JAMA. 2020;1:1-2. doi:10.1001/jama.2020.xxxx") == "10.1001/jama.2020.xxxx"
    assert found("Smith J. A title. JAMA. 2020;1:1-2. https://doi.org/10.XXXX/XXXXXX.") == "10.XXXX/XXXXXX"
    assert found("Smith J. A title. Lancet. 2020;1:1-2. doi:10.1016/S0140-6736(20)30183-5") is None
    assert found("Smith J. Xxxx syndrome in xxxx. Lancet. 2020;1:1-2.") is None
