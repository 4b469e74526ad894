"""How the title-similarity thresholds were chosen: similarity of right and fabricated citations.

Builds the accuracy benchmark's TUNING slice only (never the held-out one), parses each case,
asks the fake Crossref's search engine (in-process, no HTTP) for the top candidates, and prints:
- for right citations: the title similarity to their true work (the lower tail matters);
- for fabricated citations: the highest title similarity to any candidate (the upper tail);
- a sweep: at each threshold, the share of right works missed and of fabrications let through.

    python -m benchmarks.thresholds [--limit 60]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "pmc-references-dev.jsonl.gz"
CANDIDATES = 10


def _percentiles(values: list[float], points=(1, 5, 10, 50)) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    return ", ".join(f"p{p}={ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]:.0f}" for p in points)


def main(argv: list[str] | None = None) -> int:
    """Print the similarity distributions and the threshold sweep."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60, help="cases per category (tuning slice)")
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"thresholds benchmark skipped: {DATA} is absent")
        return 0
    sys.path.insert(0, str(ROOT))
    from benchmarks import cases as cases_mod
    from benchmarks import styles as styles_mod
    from citecheck.extract.parse import parse_reference
    from citecheck.matching.score import title_similarity
    from citecheck.services.crossref import work_from_crossref
    from tests.fake_crossref import _SearchIndex

    corpus = cases_mod.load_corpus(DATA)
    cases = cases_mod.CaseBuilder(corpus, 0, styles_mod.available_styles()).build(args.limit, ["tune"])
    messages = corpus.works()
    index = _SearchIndex(messages)
    right, fabricated = [], []
    for case in cases:
        if case.category not in ("right",) and not case.category.startswith("fab_"):
            continue
        citation = parse_reference(case.text, 1)
        ranked = index.search({"query.bibliographic": case.text})[:CANDIDATES]
        works = [w for w in (work_from_crossref(messages[doc]) for doc, _ in ranked) if w]
        if case.category == "right":
            true = [w for w in works if w.doi == (case.true_doi or "").lower()]
            if true:
                right.append(title_similarity(citation, true[0]))
        else:
            fabricated.append(max((title_similarity(citation, w) for w in works), default=0.0))
    print(f"tuning slice: {len(right)} right citations (true work among the top {CANDIDATES}), {len(fabricated)} fabricated")
    print(f"right: similarity to the true work: {_percentiles(right)}")
    print(f"fabricated: best similarity to any candidate: {_percentiles(fabricated, (50, 90, 95, 99, 100))}")
    print(f"{'threshold':>9}  {'right below':>11}  {'fabricated at or above':>22}")
    for threshold in (70, 75, 80, 85, 88, 90, 92, 95):
        missed = sum(1 for s in right if s < threshold) / max(1, len(right))
        passed = sum(1 for s in fabricated if s >= threshold) / max(1, len(fabricated))
        print(f"{threshold:>9}  {missed:>11.3f}  {passed:>22.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
