"""What a peer reviewer checking journal-style PDFs found (trial 35): a line of a journal page's
link labels wrapped onto a line of its own ("[PubMed]", "Scholar]" of "[Google Scholar]") ended
the reference list, and an MDPI paper's entries after it went unread while the run passed; and a
text whose numbered notes cite entries past the last one read was not called incomplete."""

from __future__ import annotations

import pytest

from citecheck.extract import extract_bytes
from tests.conftest import run_cli

ENTRIES = [
    "1. Murrough JW, Iosifescu DV, Chang LC, et al. Antidepressant efficacy of ketamine in treatment-resistant",
    "major depression: a two-site randomized controlled trial. Am J Psychiatry. 2013;170(10):1134-1142. [CrossRef]",
    "[PubMed]",
    "2. Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition-independent antidepressant actions of ketamine",
    "metabolites. Nature. 2016;533(7604):481-486. [CrossRef] [PubMed] [Google",
    "Scholar]",
    "3. Duman RS, Aghajanian GK. Synaptic dysfunction in depression: potential therapeutic targets. Science.",
    "2012;338(6103):68-72. [CrossRef] [PubMed]",
    "4. Krystal JH, Abdallah CG, Sanacora G, Charney DS, Duman RS. Ketamine: a paradigm shift for depression",
    "research and treatment. Neuron. 2019;101(5):774-778.",
]
TEXT = "\n".join(["Ketamine acts quickly [1], without NMDA blockade [2]; synapses recover [3] and practice changes [4].",
                  "", "References", *ENTRIES]) + "\n"


def test_a_line_of_link_labels_is_the_tail_of_the_entry_above():
    ex = extract_bytes(TEXT.encode(), "paper.txt")
    assert [c.journal for c in ex.citations] == ["Am J Psychiatry", "Nature", "Science", "Neuron"]
    assert [it.reference for it in ex.in_text] == [0, 1, 2, 3]
    assert ex.citations[1].title == "NMDAR inhibition-independent antidepressant actions of ketamine metabolites"


def test_notes_past_the_last_entry_read_make_the_check_incomplete(tmp_path, fake_crossref):
    cut = TEXT.split("2. Zanos")[0].replace("[PubMed]\n", "")  # the list read up to its first entry
    article = tmp_path / "paper.md"
    article.write_text(cut, encoding="utf-8")
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    doc = run.json()["documents"][0]
    assert run.exit_code == 2
    assert [c["verdict"] for c in doc["citations"]] == ["verified"]
    assert len(doc["problems"]) == 1 and "3 numbered notes past the last reference entry read (1)" in doc["problems"][0]
    terminal = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache")
    text = " ".join(terminal.stdout.split())
    assert "Reference list read in part" in text and "CHECK INCOMPLETE" in text


def test_two_notes_past_the_list_are_only_listed(tmp_path, fake_crossref):
    # Two stray numbers may be a draft's notes still to write: each is listed, the run not called incomplete.
    article = tmp_path / "paper.md"
    article.write_text("Ketamine acts quickly [1], and without NMDA blockade [2], [3].\n\nReferences\n"
                       + "\n".join(ENTRIES[:2]) + "\n", encoding="utf-8")
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    doc = run.json()["documents"][0]
    assert (run.exit_code, doc["problems"]) == (0, [])
    assert [it["text"] for it in doc["unmatched_in_text"]] == ["[2]", "[3]"]


@pytest.mark.parametrize("entries_read", [0, 1])
def test_the_json_report_says_why_a_list_went_unread(tmp_path, fake_crossref, entries_read):
    # The terminal said "check incomplete" and the run exited 2, while the JSON's problems were empty.
    text = TEXT.split("References")[0] + ("References\n" + "\n".join(ENTRIES[:2]) + "\n" if entries_read else "")
    text = text.replace("[4].", "[4], [5] and [6].")
    article = tmp_path / "paper.md"
    article.write_text(text, encoding="utf-8")
    run = run_cli("check", str(article), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet", "--format", "json")
    assert run.exit_code == 2
    [problem] = run.json()["documents"][0]["problems"]
    assert ("past the last reference entry read" in problem) is bool(entries_read)


def test_a_doi_broken_at_its_own_hyphen_keeps_its_tail():
    # "doi:10.1210/en.2006-" + "1587": the tail was dropped as a page number, and a correct
    # citation was flagged for its DOI.
    text = ("As shown [1].\n\nReferences\n1. Lazarenko O, Rzonca S, Hogue W, Swain F, Suva L, Lecka-Czernik B. "
            "Rosiglitazone induces decreases in bone\nmass and strength that are reminiscent of aged bone. "
            "Endocrinology. 2007;148(6):2669-2680. doi:10.1210/en.2006-\n1587\n")
    [entry] = extract_bytes(text.encode(), "paper.txt").citations
    assert entry.doi == "10.1210/en.2006-1587"


def test_a_manuscripts_entry_across_a_page_break_is_read_whole():
    # Lines numbered on across pages ("73" last on page 3, "74" first on page 4) read as printed page
    # numbers, and both lines were dropped: entry 7 was lost and its tail joined entry 6 (a false mismatch).
    from tests.test_extract_documents import _pdf

    prose = "Patients in the cohort were followed for a year and their symptoms were recorded at each visit."
    first = [prose] * 6 + ["References",
                           "1. Strasser V, Fasching D, Hauser C, et al. Receptor clustering is involved in Reelin",
                           "signaling. Mol Cell Biol. 2004;24:1378-1386.",
                           "2. Brady M, MacDonald A, Rowan A, Mills K. Hepatitis C virus non-structural"]
    second = ["protein 4 suppresses Th1 responses by stimulating IL-10 production from",
              "monocytes. Eur J Immunol. 2003;33:3448-3457.",
              "3. Vukovic GM, Abernathy LK. Nurse-led deprescribing in care homes: a randomised trial.",
              "Age Ageing. 2019;48(2):210-216."] + ["Further lines of the manuscript follow here in the appendix."] * 5
    number = iter(range(60, 100))
    pages = [[f"{next(number)} {line}" for line in page] for page in (first, second)]
    journals = [c.journal for c in extract_bytes(_pdf(pages), "manuscript.pdf").citations]
    assert journals == ["Mol Cell Biol", "Eur J Immunol", "Age Ageing"]
