"""In-text citations and research claims, linked to the reference list."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.claims import split_sentences

ARTICLE = """Ketamine for Chronic Pain
Low-dose infusions eased fibromyalgia pain (Zheng et al., 2019).
Duman & Aghajanian (2012) described synaptic effects.
Two trials agree (Mion and Villela 2003; Hernandez et al. 2018).
A numbered style also appears [2] and [1-2].
A 2019 meta-analysis confirmed lasting pain relief after infusions.
Research in 2021 indicated fewer opioid prescriptions after treatment.
A study published in The Lancet found rapid relief (Mion & Villela, 2003).
Ketamine is an anesthetic that research supports.

References
Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.
Duman, R. S., & Aghajanian, G. K. (2012). Synaptic plasticity. Nature Medicine, 18(9), 1386-1398.
Mion, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.
"""


@pytest.fixture(scope="module")
def extraction():
    return extract_bytes(ARTICLE.encode(), "article.txt")


def test_author_year_citations_link_to_entries(extraction):
    found = {(i.text, i.line): i.reference for i in extraction.in_text}
    assert found[("(Zheng et al., 2019)", 2)] == 0
    assert found[("Duman & Aghajanian (2012)", 3)] == 1
    assert found[("Mion and Villela 2003", 4)] == 2
    assert found[("Hernandez et al. 2018", 4)] is None  # not in the list: an editor should see it


def test_numeric_citations_expand_ranges(extraction):
    numeric = [i.reference for i in extraction.in_text if i.line == 5]
    assert numeric == [1, 0, 1]


def test_claims_with_year_or_journal(extraction):
    claims = {c.line: c for c in extraction.claims}
    assert claims[6].year == 2019 and claims[6].reference is None
    assert claims[7].year == 2021
    assert claims[8].journal == "The Lancet" and claims[8].reference == 2
    assert 9 not in claims  # vague: nothing to look up


def test_sentence_split_keeps_et_al():
    assert split_sentences("A trial found relief (Zheng et al. 2019). It was small.") == [
        "A trial found relief (Zheng et al. 2019).", "It was small."]


SEEDS = Path(__file__).parents[1] / ".." / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
def test_seed_article_with_reference_list():
    ex = extract_bytes((SEEDS / "001_9bcee23dc18f0278.txt").read_bytes(), "001.txt")
    assert [c.line for c in ex.citations] == [38, 39, 40, 41, 42]
    assert [c.authors[0].surname for c in ex.citations] == ["Zheng", "Ciccolini", "Hernandez", "Duman", "Mion"]
    assert [c.year for c in ex.citations] == [2019, 2014, 2018, 2012, 2003]
    assert ex.citations[3].journal == "Nature Medicine" and ex.citations[3].pages == "1386-1398"
    assert ex.citations[4].issue == "9392"
    assert [i.reference for i in ex.in_text] == [0, 1, 2, 3, 4]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
@pytest.mark.parametrize("name", ["000_d0049d0c0da88a0a.txt", "002_3ce2cd98bbce725a.txt",
                                  "003_9edfcedc1e237e56.txt", "004_dc01302f98b94b82.txt"])
def test_seed_articles_without_list_give_no_citations(name):
    assert extract_bytes((SEEDS / name).read_bytes(), name).citations == ()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent (shared test material not checked out)")
def test_seed_claims_without_citations():
    ex = extract_bytes((SEEDS / "003_9edfcedc1e237e56.txt").read_bytes(), "003.txt")
    assert {c.year for c in ex.claims} >= {2019, 2021}
    assert all(c.reference is None for c in ex.claims)
