"""The batch job, engine-neutral: read references, block, judge. Pure functions plus one SQL text.

Both engines (DuckDB in `duck.py`, Spark in `spark.py`) run the same steps with the same code:

1. every input line (JSONL ``{"id", "reference"}``) goes through `parse_line`, and every
   reference through `reference_keys` (parse with the project's parser, then blocking keys);
2. `CANDIDATES_SQL` — the same SQL text on both engines — joins the references' keys with the
   records' keys (``DIR/keys``), drops keys shared by too many records, and keeps each
   reference's `MAX_CANDIDATES` records sharing the most keys (ties broken by DOI, so the choice
   is the same on every engine and partitioning);
3. `verdict_row` builds the `Evidence` the API path would have gathered (`checker.resolve`) and
   calls the project's pure `judge` on it.
"""

from __future__ import annotations

import json

from citecheck.extract.parse import parse_reference
from citecheck.index.records import citation_keys
from citecheck.matching.score import title_similarity
from citecheck.matching.verdict import TITLE_MATCH_MIN, Evidence, judge, skip_reason
from citecheck.models import Citation, CheckResult
from citecheck.services.crossref import work_from_crossref

#: Records judged per reference. The API path judges Crossref's top 10 (checker.SEARCH_ROWS);
#: blocking ranks by shared keys, and the right record shares ~10 (author-year, journal-volume-page,
#: most of the 8 title bands) where a chance one shares 1-2.
MAX_CANDIDATES = 10
#: A blocking key held by more records than this is dropped (a "stop key": "ay:wang|2019" at
#: Crossref's scale); the reference still has its other keys. DOI keys are never dropped.
MAX_BUCKET_RECORDS = 5000

#: Columns of a verdict row, in order (JSONL keys; Parquet/Spark columns).
VERDICT_COLUMNS = ("id", "reference", "verdict", "reason", "doi", "title", "wrong_fields", "retracted", "nearest_doi")

#: The candidate query, the same text for DuckDB and Spark SQL. Inputs: `ref_keys(ref_id, key)`,
#: `work_keys(key, doi)`. Output: (ref_id, doi, by_doi, rk).
CANDIDATES_SQL = f"""
WITH wk AS (
  SELECT key, doi FROM work_keys WHERE key IN (SELECT key FROM ref_keys)
),
sizes AS (
  SELECT key, count(*) AS n FROM wk GROUP BY key
),
usable AS (
  SELECT wk.key, wk.doi FROM wk JOIN sizes ON wk.key = sizes.key
  WHERE sizes.n <= {MAX_BUCKET_RECORDS} OR wk.key LIKE 'doi:%'
),
hits AS (
  SELECT r.ref_id, u.doi, count(*) AS n,
         max(CASE WHEN r.key LIKE 'doi:%' THEN 1 ELSE 0 END) AS by_doi
  FROM ref_keys r JOIN usable u ON r.key = u.key
  GROUP BY r.ref_id, u.doi
),
ranked AS (
  SELECT ref_id, doi, by_doi,
         row_number() OVER (PARTITION BY ref_id ORDER BY by_doi DESC, n DESC, doi) AS rk
  FROM hits
)
SELECT ref_id, doi, by_doi, rk FROM ranked WHERE rk <= {MAX_CANDIDATES}
"""


def parse_line(line: str) -> tuple[str, str] | None:
    """(id, reference) from one JSONL input line; None for a blank or malformed line."""
    line = line.strip()
    if not line:
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    ref, ident = obj.get("reference"), obj.get("id")
    if not isinstance(ref, str) or not ref.strip() or ident is None or isinstance(ident, (dict, list)):
        return None
    return str(ident), ref


def citation_of(reference: str) -> Citation:
    """The reference parsed by the project's parser."""
    return parse_reference(reference, 1)


def reference_keys(reference: str) -> list[str]:
    """The blocking keys of a reference string (none for one the checker would skip)."""
    citation = citation_of(reference)
    if skip_reason(citation):
        return []
    return list(dict.fromkeys(citation_keys(citation)))


def evidence_for(citation: Citation, candidates: list, doi_work=None) -> Evidence:
    """The Evidence `checker.resolve` would gather, from blocked candidates instead of searches.

    As with a local index, a cited DOI absent from the snapshot has no agency (see
    services/index.py): it reads as registered nowhere.
    """
    if citation.doi:
        if doi_work is not None and (not citation.title or title_similarity(citation, doi_work) >= TITLE_MATCH_MIN):
            return Evidence(doi_work=doi_work, doi_known=True)
        doi_known = doi_work is not None
        if not citation.title:
            return Evidence(doi_work=doi_work, doi_known=doi_known)
        return Evidence(tuple(candidates), doi_work, doi_known, None)
    return Evidence(tuple(candidates))


def result_row(ref_id: str, result: CheckResult) -> dict:
    """A verdict as one output row."""
    match = result.match
    return {
        "id": ref_id,
        "reference": result.citation.text,
        "verdict": result.verdict.value,
        "reason": result.reason,
        "doi": match.doi if match else None,
        "title": match.title if match else None,
        "wrong_fields": [f.name for f in result.wrong_fields],
        "retracted": result.retracted,
        "nearest_doi": result.nearest.doi if result.nearest else None,
    }


def verdict_row(ref_id: str, reference: str, candidates: list[tuple[int, int, str]]) -> dict:
    """Judge one reference. `candidates`: (rank, by_doi, record JSON) from `CANDIDATES_SQL`."""
    citation = citation_of(reference)
    works, doi_work = [], None
    for _rank, by_doi, message in sorted(candidates, key=lambda c: c[0]):
        work = work_from_crossref(json.loads(message))
        if work is None:
            continue
        if by_doi and citation.doi and work.doi == citation.doi.lower():
            doi_work = work
        else:
            works.append(work)
    return result_row(ref_id, judge(citation, evidence_for(citation, works, doi_work)))


def read_verdicts(path) -> list[dict]:
    """Verdict rows from a batch output (a JSONL or Parquet file, or Spark's directory of parts), sorted by id."""
    from pathlib import Path

    path = Path(path)
    files = sorted(path.glob("part-*")) if path.is_dir() else [path]
    rows: list[dict] = []
    for f in files:
        if f.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            rows += pq.read_table(f).to_pylist()
        elif f.name.endswith((".json", ".jsonl")) or not path.is_dir():
            with open(f, encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle if line.strip()]
    for row in rows:
        row["wrong_fields"] = list(row.get("wrong_fields") or [])
    return sorted(rows, key=lambda r: r["id"])
