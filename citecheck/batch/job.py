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

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

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

#: Columns of a verdict row, in order (JSONL keys; Parquet/Spark columns; the CSV header).
VERDICT_COLUMNS = ("id", "reference", "verdict", "reason", "doi", "title", "wrong_fields", "retracted", "nearest_doi")
#: Output formats by the suffix of `-o`; no suffix writes JSON lines. Anything else is refused,
#: never written as JSON lines under a name that says otherwise (a user trial: -o x.csv).
OUTPUT_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet", "": "jsonl"}
#: In CSV, a row's wrong fields are one cell, joined by this.
CSV_LIST_SEPARATOR = ";"
#: What a batch input line holds, for messages.
INPUT_SHAPE = '{"id": ..., "reference": "..."}'

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


class MalformedLine(ValueError):
    """An input line that is not a JSON object with an id and a reference; the message says why."""


def parse_line(line: str) -> tuple[str, str] | None:
    """(id, reference) from one JSONL input line; None for a blank line. Raises MalformedLine."""
    line = line.strip()
    if not line:
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        raise MalformedLine("not JSON") from None
    if not isinstance(obj, dict):
        raise MalformedLine(f"not a JSON object but {type(obj).__name__}")
    ref, ident = obj.get("reference"), obj.get("id")
    if not isinstance(ref, str) or not ref.strip():
        raise MalformedLine('no "reference" text')
    if ident is None or isinstance(ident, (dict, list)):
        raise MalformedLine('no "id" (a string or a number)')
    return str(ident), ref


@dataclass
class InputTally:
    """What reading one input file gave: its references, and the malformed lines skipped."""

    path: Path
    references: int = 0
    skipped: int = 0
    first_skipped: str = ""

    def skip(self, number: int, why: str) -> None:
        """Count a malformed line (1-based `number`)."""
        self.skipped += 1
        self.first_skipped = self.first_skipped or f"line {number}: {why}"

    def summary(self) -> str | None:
        """One line on the lines skipped (None when none were)."""
        if not self.skipped:
            return None
        lines = "line" if self.skipped == 1 else "lines"
        return f"skipped {self.skipped:,} malformed {lines} in {self.path} (first: {self.first_skipped})"

    def problem(self) -> str | None:
        """Why the file is no input of references at all: not one good line, and malformed ones."""
        if self.references or not self.skipped:
            return None
        return (f"{self.path}: not JSON lines of references ({INPUT_SHAPE} a line): "
                f"{self.skipped:,} malformed, first: {self.first_skipped}")


def read_input(path: Path, tally: InputTally) -> Iterator[tuple[str, str]]:
    """(id, reference) for every good line of a JSONL input; malformed lines are counted in `tally`."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            try:
                parsed = parse_line(line)
            except MalformedLine as exc:
                tally.skip(number, str(exc))
                continue
            if parsed is not None:
                tally.references += 1
                yield parsed


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


def tally_inputs(paths: list[Path]) -> list[InputTally]:
    """What each input gives, read only to count (the Spark job reads the inputs itself)."""
    tallies = []
    for path in paths:
        tally = InputTally(path)
        for _ in read_input(path, tally):
            pass
        tallies.append(tally)
    return tallies


def output_format(path: Path) -> str:
    """The format `-o PATH` asks for (jsonl, csv, parquet); ValueError naming a suffix batch cannot write."""
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        known = ", ".join(s for s in OUTPUT_FORMATS if s)
        raise ValueError(f"--output {path}: batch cannot write {suffix} files; name it {known} (no suffix: JSON lines)")
    return OUTPUT_FORMATS[suffix]


def csv_cells(row: dict) -> list[str]:
    """A verdict row as CSV cells: wrong fields joined, booleans as true/false (as Spark writes them), None empty."""
    cells = []
    for name in VERDICT_COLUMNS:
        value = row[name]
        if name == "wrong_fields":
            value = CSV_LIST_SEPARATOR.join(value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        cells.append("" if value is None else value)
    return cells


def _csv_rows(handle) -> list[dict]:
    rows = []
    for cells in csv.DictReader(handle):
        row: dict = {k: (v if v != "" else None) for k, v in cells.items()}
        row["wrong_fields"] = [f for f in (cells["wrong_fields"] or "").split(CSV_LIST_SEPARATOR) if f]
        row["retracted"] = cells["retracted"] == "true"
        rows.append(row)
    return rows


def read_verdicts(path) -> list[dict]:
    """Verdict rows from a batch output (a JSONL, CSV or Parquet file, or Spark's directory of parts), sorted by id."""
    path = Path(path)
    files = sorted(path.glob("part-*")) if path.is_dir() else [path]
    rows: list[dict] = []
    for f in files:
        if f.name.endswith(".parquet"):
            import pyarrow.parquet as pq

            rows += pq.read_table(f).to_pylist()
        elif f.name.endswith(".csv"):
            with open(f, encoding="utf-8", newline="") as handle:
                rows += _csv_rows(handle)
        elif f.name.endswith((".json", ".jsonl")) or not path.is_dir():
            with open(f, encoding="utf-8") as handle:
                rows += [json.loads(line) for line in handle if line.strip()]
    for row in rows:
        row["wrong_fields"] = list(row.get("wrong_fields") or [])
    return sorted(rows, key=lambda r: r["id"])
