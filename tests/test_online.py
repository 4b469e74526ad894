"""Against the real Crossref: run with `pytest -m online` on a machine that reaches it.

Deselected by default (pyproject's addopts), since tests never touch the network otherwise;
these check that the live answers still have the shape the fixtures and the fake assume.
"""

import pytest

from citecheck.services.crossref import CrossrefService
from citecheck.services.http import HttpTransport
from tests.conftest import run_cli

pytestmark = pytest.mark.online
MAILTO = "citecheck-tests@example.org"


def _crossref() -> CrossrefService:
    return CrossrefService(HttpTransport("https://api.crossref.org", mailto=MAILTO))


def test_live_doi_lookup_and_404():
    service = _crossref()
    work = service.work("10.1038/nm.4050")
    assert work.title.lower().startswith("synaptic plasticity and depression")
    assert (work.volume, work.issue, work.year) == ("22", "3", 2016)
    assert service.work("10.1038/this-is-not-a-registered-doi-0000") is None


def test_live_bibliographic_search_ranks_the_cited_work_first():
    hits = _crossref().search("Duman RS, Aghajanian GK. Synaptic plasticity and depression: new insights from "
                              "stress and rapid-acting antidepressants. Nat Med 2016;22:238-49.", rows=5)
    assert hits and hits[0].doi == "10.1038/nm.4050" and hits[0].score


def test_live_seed_style_reference_is_a_mismatch():
    ref = ("Duman, R. S., & Aghajanian, G. K. (2012). Synaptic plasticity and depression: New insights from stress "
           "and rapid-acting antidepressants. Nature Medicine, 18(9), 1386-1398.")
    run = run_cli("lookup", ref, "--mailto", MAILTO, "--no-cache", "--format", "json", "--quiet")
    cit = run.json()["documents"][0]["citations"][0]
    assert cit["verdict"] == "mismatch" and cit["match"]["doi"] == "10.1038/nm.4050"
