"""The orchestrator: inputs -> extract -> resolve -> judge -> Report.

Extraction and reporting are sequential; only the lookups run concurrently
(the service's limiter keeps them within Crossref's limits).
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Callable

from citecheck.extract import extract_document
from citecheck.ignores import take_inline_markers
from citecheck.inputs import Input
from citecheck.extract.interface import ExtractError
from citecheck.extract.claims import claim_conflicts, shares_topic, uncited_entries
from citecheck.extract.links import link_problems, link_year_remark
from citecheck.matching.journals import same_journal, warm_journal_table
from citecheck.matching.score import PREPRINT_VENUE, YEAR_TOLERANCE, title_similarity
from citecheck.matching.verdict import DOI_OF, TITLE_MATCH_MIN, Evidence, judge, skip_reason
from citecheck.models import (Citation, CheckResult, Claim, DocumentResult, Extraction, FieldStatus, Report, SourceInfo,
                              Verdict)
from citecheck.services.interface import Service, ServiceError

log = logging.getLogger(__name__)

#: Candidates asked for per query. The right work is first for most well-formed references;
#: rows beyond the first few rescue garbled ones at little cost with `select`.
SEARCH_ROWS = 10
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\bdoi:\s*\S+|\bPMID:?\s*\d+|\bPMCID:?\s*PMC\d+", re.I)


def search_query(citation: Citation) -> str:
    """The reference as written, without links and identifiers Crossref's search would trip on."""
    text = _URLISH.sub(" ", citation.text)
    return " ".join(text.split())


def resolve(citation: Citation, service: Service) -> tuple[Evidence, CheckResult]:
    """Ask the service what it knows of a citation, and judge it on that.

    Raises ServiceError when the service cannot answer any of the questions asked.
    """
    doi_work, doi_known, agency = None, None, None
    if citation.doi:
        doi_work = service.work(citation.doi)
        doi_known = doi_work is not None
        if doi_work is not None and (not citation.title or title_similarity(citation, doi_work) >= TITLE_MATCH_MIN):
            evidence = Evidence(doi_work=doi_work, doi_known=True)
            return evidence, judge(citation, evidence)
        if doi_work is None:
            agency = service.agency(citation.doi)
        if not citation.title:
            evidence = Evidence(doi_work=doi_work, doi_known=doi_known, agency=agency)
            return evidence, judge(citation, evidence)
    candidates = service.search(search_query(citation), SEARCH_ROWS)
    evidence = Evidence(tuple(candidates), doi_work, doi_known, agency)
    result = judge(citation, evidence)
    if result.verdict is Verdict.NOT_FOUND and citation.title:
        # The venue, year or numbers may be the wrong part of the citation (Duman in seed 001):
        # ask again leaning on the title before concluding the work does not exist.
        first = citation.authors[0].surname if citation.authors else ""
        more = service.search(f"{citation.title} {first}".strip(), SEARCH_ROWS)
        evidence = Evidence(tuple(candidates) + tuple(more), doi_work, doi_known, agency)
        result = judge(citation, evidence)
    if _cited_as_its_journal_version(result):
        # The search found the preprint, not the article it became: ask for that article, and judge again.
        versions = [w for doi in result.match.journal_versions[:JOURNAL_VERSIONS_MAX] if (w := service.work(doi))]
        if versions:
            evidence = Evidence(evidence.candidates + tuple(versions), doi_work, doi_known, agency)
            result = judge(citation, evidence)
    return evidence, result


#: a preprint's journal versions looked up, at most (Crossref's relation may name several)
JOURNAL_VERSIONS_MAX = 2


def _cited_as_its_journal_version(result: CheckResult) -> bool:
    """True when a preprint's record was matched for an entry that cites a journal where the preprint
    has none, the preprint names the articles it became, and the entry does not cite the preprint's DOI."""
    work = result.match
    return (result.verdict is Verdict.MISMATCH and work is not None and bool(work.journal_versions)
            and (result.citation.doi or "").lower() != work.doi
            and any(f.name == "journal" and f.found == PREPRINT_VENUE for f in result.wrong_fields))


def check_citation(citation: Citation, service: Service) -> CheckResult:
    """One citation's verdict; a service that cannot answer makes it `error`, never `not_found`."""
    if skip_reason(citation):
        return judge(citation, Evidence())
    try:
        return resolve(citation, service)[1]
    except ServiceError as exc:
        return CheckResult(citation, Verdict.ERROR, f"Could not check: {exc}")


def check_inputs(inputs: list[Input], service: Service, source: SourceInfo, workers: int = 3,
                 on_result: Callable[[CheckResult], None] | None = None) -> Report:
    """Extract every input, check every citation (concurrently), and gather the Report."""
    extracted: list[tuple[Input, Extraction | None, str | None]] = []
    for item in inputs:
        if item.error:
            extracted.append((item, None, item.error))
            continue
        try:
            data, marked = take_inline_markers(item.data)
            extraction = extract_document(data, item.path)
            if marked:
                extraction = replace(extraction, citations=tuple(
                    replace(c, ignore_reason=marked[c.line]) if c.line in marked else c for c in extraction.citations))
            extracted.append((item, extraction, None))
        except ExtractError as exc:
            extracted.append((item, None, str(exc)))

    citations = [c for _, ex, _ in extracted if ex for c in ex.citations]
    if citations:
        # Built once, under a lock (16 workers once built 16 copies: 6 s and +160 MB), and in the
        # background, so the first requests need not wait for it.
        warm_journal_table()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        def run(c):
            result = check_citation(c, service)
            if c.ignore_reason:
                result = replace(result, ignored=c.ignore_reason)
            if on_result:
                on_result(result)
            return result

        results = iter(list(pool.map(run, citations)))

    documents = []
    for item, ex, error in extracted:
        if ex is None:
            documents.append(DocumentResult(item.path, error=error))
            continue
        doc_results = borrowed_dois(tuple(check_link_text(r) for r in (next(results) for _ in ex.citations)))
        claims = tuple(annotate_claim(c, doc_results, service) for c in ex.claims)
        documents.append(DocumentResult(item.path, doc_results, ex.in_text, claims, format=ex.format,
                                        uncited=uncited_entries(ex.citations, ex.in_text, ex.lists),
                                        problems=ex.problems, page_starts=ex.page_starts))
    return Report(tuple(documents), source)


def borrowed_dois(results: tuple[CheckResult, ...]) -> tuple[CheckResult, ...]:
    """The results, each whose cited DOI is another entry's work, not its own, saying so: an
    entry written from the one before it, DOI left unchanged (trial 14: WORMS's DOI on an MRI
    study three entries on)."""
    owner: dict[str, int] = {}
    for k, r in enumerate(results):
        if r.match is not None and r.verdict in (Verdict.VERIFIED, Verdict.MISMATCH):
            owner.setdefault(r.match.doi.lower(), k)
    out = []
    for k, r in enumerate(results):
        doi = (r.citation.doi or "").lower()
        j = owner.get(doi, k) if doi else k
        if j != k and (r.match is None or r.match.doi.lower() != doi):
            other = results[j].citation
            said = f"the cited DOI is entry {other.number}'s" if other.number is not None \
                else "the cited DOI is another entry's"
            fields = tuple(replace(f, note=said) if f.name == "doi" and f.status is FieldStatus.MISMATCH else f
                           for f in r.fields)
            # (Entry N's says more than "the DOI of …", which _identified wrote: it takes its place.)
            reason = re.sub(rf'(doi cited as {re.escape(r.citation.doi)}) \({DOI_OF}"[^"]*"\)', r"\1", r.reason, count=1)
            for written in (f"doi cited as {r.citation.doi}", f"DOI {r.citation.doi} belongs to another work"):
                if written in reason:
                    reason = reason.replace(written, f"{written} ({said})", 1)
                    break
            else:
                reason = f"{reason.rstrip()} ({said[0].upper()}{said[1:]}.)"
            r = replace(r, fields=fields, reason=reason)
        out.append(r)
    return tuple(out)


def check_link_text(result: CheckResult) -> CheckResult:
    """A link to a real work whose anchor text describes another (year, journal, topic) is a mismatch."""
    if result.citation.kind != "link" or result.match is None or result.verdict is not Verdict.VERIFIED:
        return result
    wrong_fields, problem = link_problems(result.citation.text, result.match, result.citation.context)
    if problem is None:
        year = link_year_remark(result.citation.text, result.match)
        if year is None:
            return result
        # "A 2006 study (link)" for a work of 2005: accepted, with the remark an entry gets.
        return replace(result, fields=tuple(f for f in result.fields if f.name != "year") + (year,),
                       reason=f"A published work, cited right ({year.note}).")
    wrong = {f.name: f for f in wrong_fields}
    fields = tuple(wrong.pop(f.name, f) for f in result.fields) + tuple(wrong.values())
    return replace(result, verdict=Verdict.MISMATCH, fields=fields,
                   reason=f"The link goes to a real work, but the text around it does not fit it: {problem}. "
                          f"Linked: https://doi.org/{result.match.doi}")


#: Works offered for a claim that names a journal or year but cites nothing (a lead for the editor).
CLAIM_LEADS = 3


def annotate_claim(claim: Claim, results: tuple[CheckResult, ...], service: Service) -> Claim:
    """A claim with its conflicts (when it carries a citation) or, when it cites nothing, works
    in the journal and year it names that share its topic: leads, never evidence that the
    study exists (a journal-year holds many works on any topic)."""
    if claim.reference is not None and 0 <= claim.reference < len(results):
        r = results[claim.reference]
        return replace(claim, conflicts=tuple(claim_conflicts(claim, r.citation, r.match)))
    if not (claim.journal and claim.year):
        return claim
    try:
        found = service.search(search_query(Citation(text=f"{claim.text} {claim.journal} {claim.year}", line=claim.line)),
                               SEARCH_ROWS)
    except ServiceError:
        return claim  # a lead is a courtesy; its failure is not the claim's problem
    leads = [w for w in found if w.years and min(abs(y - claim.year) for y in w.years) <= YEAR_TOLERANCE
             and same_journal(claim.journal, tuple(n for n in (w.journal, *w.short_journal) if n))
             and shares_topic(claim.text, w.title, claim.journal)]
    return replace(claim, candidates=tuple(leads[:CLAIM_LEADS]))
