"""Trial 9 (B7): the corrected reference keeps the citation's own style — its number of
names before "et al." and that "et al."'s comma, Harvard's "and", ABNT's capitals and
semicolons, an abbreviated page range — and names the journal as an editor writes it."""

from citecheck.models import Author, CheckResult, Citation, FieldCheck, FieldStatus, Verdict, Work
from citecheck.report.correct import corrected_reference

PAVLEKOVIC = Work(
    doi="10.1016/j.mimet.2009.04.003",
    title="Optimization of three FISH procedures for in situ detection of anaerobic ammonium oxidizing bacteria "
          "in biological wastewater treatment",
    journal="Journal of Microbiological Methods", short_journal=("J Microbiol Methods",), year_issued=2009,
    volume="78", pages="119-126",
    authors=tuple(Author(s, i) for s, i in (
        ("Pavlekovic", "Marko"), ("Schmid", "Markus C."), ("Schmider-Poignee", "Nadja"), ("Spring", "Stefan"),
        ("Pilhofer", "Martin"), ("Gaul", "Tobias"), ("Fiandaca", "Mark"), ("Löffler", "Frank E."),
        ("Jetten", "Mike"), ("Schleifer", "Karl-Heinz"), ("Lee", "Natuschka M."))),
)
FISH = ("Optimization of three FISH procedures for in situ detection of anaerobic ammonium oxidizing bacteria "
        "in biological wastewater treatment. J Microbiol Methods. 2009;78:119-126.")
RUERS = Work(doi="10.1016/s0959-8049(02)00059-x",
             title="Treatment of liver metastases, an update on the possibilities and results",
             journal="European Journal of Cancer", short_journal=("Eur J Cancer",), year_issued=2002,
             volume="38", issue="7", pages="1023-1033", authors=(Author("Ruers", "T."), Author("Bleichrodt", "R.P.")))


def _result(text: str, work: Work, *fields: FieldCheck, authors: tuple[Author, ...] = ()) -> CheckResult:
    return CheckResult(Citation(text=text, line=1, authors=authors), Verdict.MISMATCH, "wrong details", work, fields)


def _wrong_first_author(cited: str, found: str) -> FieldCheck:
    return FieldCheck("authors", [cited], [found], FieldStatus.MISMATCH, f"first author cited as {cited}")


def test_a_vancouver_list_cut_after_six_names_keeps_six():
    text = "Eberhardt M, Schmid MC, Schmider-Poignee N, Spring S, Pilhofer M, Gaul T, et al. " + FISH
    fixed = corrected_reference(_result(text, PAVLEKOVIC, _wrong_first_author("Eberhardt", "Pavlekovic")))
    assert fixed == ("Pavlekovic M, Schmid MC, Schmider-Poignee N, Spring S, Pilhofer M, Gaul T, et al. " + FISH
                     + " https://doi.org/10.1016/j.mimet.2009.04.003")
    # A work with no more authors than the citation wrote gets no "et al.".
    six = Work(**{**{f: getattr(PAVLEKOVIC, f) for f in ("doi", "title", "journal", "year_issued", "volume", "pages")},
                  "authors": PAVLEKOVIC.authors[:6]})
    fixed = corrected_reference(_result(text, six, _wrong_first_author("Eberhardt", "Pavlekovic")))
    assert fixed.startswith("Pavlekovic M, Schmid MC, Schmider-Poignee N, Spring S, Pilhofer M, Gaul T. Optimization")


def test_et_al_is_written_with_or_without_its_comma_as_cited():
    # A BibTeX entry of 11 authors rendered as six names and " et al": the six written are kept, not the 11 read.
    text = "Eberhardt M, Schmid MC, Schmider-Poignee N, Spring S, Pilhofer M, Gaul T et al. " + FISH
    authors = (Author("Eberhardt", "M"),) + PAVLEKOVIC.authors[1:]
    fixed = corrected_reference(_result(text, PAVLEKOVIC, _wrong_first_author("Eberhardt", "Pavlekovic"), authors=authors))
    assert fixed.startswith("Pavlekovic M, Schmid MC, Schmider-Poignee N, Spring S, Pilhofer M, Gaul T et al. Optimization")


def test_harvard_keeps_its_and_and_its_first_author_et_al():
    text = ("Moreau, T. and Bleichrodt, R. (2002) 'Treatment of liver metastases, an update on the possibilities "
            "and results', European Journal of Cancer, 38(7), pp. 1023-1033.")
    fixed = corrected_reference(_result(text, RUERS, _wrong_first_author("Moreau", "Ruers"),
                                        authors=(Author("Moreau", "T"), Author("Bleichrodt", "R"))))
    assert fixed == ("Ruers, T. and Bleichrodt, R. P. (2002) 'Treatment of liver metastases, an update on the "
                     "possibilities and results', European Journal of Cancer, 38(7), pp. 1023-1033. "
                     "https://doi.org/10.1016/s0959-8049(02)00059-x")
    # Initials the citation writes together ("R.P.") are written together.
    text = "Moreau, T.J. and Bleichrodt, R. (2002) 'Treatment', European Journal of Cancer, 38(7), pp. 1023-1033."
    assert corrected_reference(_result(text, RUERS, _wrong_first_author("Moreau", "Ruers"))).startswith(
        "Ruers, T. and Bleichrodt, R.P. (2002) 'Treatment'")
    text = "Smith, P. et al. (2016) 'Treatment of liver metastases', European Journal of Cancer, 38(7), pp. 1023-1033."
    fixed = corrected_reference(_result(text, RUERS, _wrong_first_author("Smith", "Ruers")))
    assert fixed.startswith("Ruers, T. et al. (2016) 'Treatment")


def test_an_abnt_author_list_is_corrected_in_place():
    text = ("MOREAU, T.; BLEICHRODT, R. Treatment of liver metastases, an update on the possibilities and results. "
            "European Journal of Cancer, v. 38, p. 1023-1033, 2002.")
    fixed = corrected_reference(_result(text, RUERS, _wrong_first_author("MOREAU", "Ruers")))
    assert fixed == ("RUERS, T.; BLEICHRODT, R. P. Treatment of liver metastases, an update on the possibilities and "
                     "results. European Journal of Cancer, v. 38, p. 1023-1033, 2002. "
                     "https://doi.org/10.1016/s0959-8049(02)00059-x")


def test_an_abbreviated_page_range_is_corrected_abbreviated():
    text = ("Ruers T, Bleichrodt R. Treatment of liver metastases, an update on the possibilities and results. "
            "Eur J Cancer 2002; 38: 1123\u201333.")
    fixed = corrected_reference(_result(text, RUERS, FieldCheck("pages", "1123-33", "1023-1033", FieldStatus.MISMATCH)))
    assert fixed.endswith("Eur J Cancer 2002; 38: 1023\u201333. https://doi.org/10.1016/s0959-8049(02)00059-x")


def test_page_ranges_follow_the_cited_form():
    from citecheck.report.correct import _pages_like

    assert _pages_like("481-6", "119-126") == "119-26"
    assert _pages_like("1087-89", "1023-1033") == "1023-33"  # the citation keeps two digits at least
    assert _pages_like("1087-89", "481-486") == "481-86"
    assert _pages_like("1123-33", "1023-1029") == "1023-9"  # "33" was the fewest digits: NLM's form
    assert _pages_like("1123-1133", "1023-1033") == "1023-1033"  # written in full, kept in full
    assert _pages_like("1123-1133", "1023-33") == "1023-1033"  # an abbreviated record range written out
    assert _pages_like("1123-33", "99-105") == "99-105"
    assert _pages_like("1123-33", "e1023") == "e1023"


def test_a_journal_written_in_full_gets_crossref_s_name_without_its_qualifier():
    thimm = Work(doi="10.1111/j.1365-313x.2004.02016.x", title="MAPMAN", year_issued=2004, volume="37", pages="914-939",
                 journal="The Plant Journal : for Cell and Molecular Biology", short_journal=("Plant J",),
                 authors=(Author("Thimm", "Oliver"),))
    text = "Thimm O. MAPMAN. Electroencephalography and Clinical Neurophysiology. 2004;37:914-939."
    fields = (FieldCheck("journal", "Electroencephalography and Clinical Neurophysiology", thimm.journal, FieldStatus.MISMATCH),)
    assert corrected_reference(_result(text, thimm, *fields)) == (
        "Thimm O. MAPMAN. The Plant Journal. 2004;37:914-939. https://doi.org/10.1111/j.1365-313x.2004.02016.x")
    pain = Work(doi="10.1/p", title="T", journal="Pain Medicine (Malden, Mass.)", short_journal=("Pain Med",),
                year_issued=2010, authors=(Author("A", "B"),))
    fields = (FieldCheck("journal", "Journal of Pain Research", pain.journal, FieldStatus.MISMATCH),)
    assert "Pain Medicine. 2010" in corrected_reference(_result("A B. T. Journal of Pain Research. 2010.", pain, *fields))
