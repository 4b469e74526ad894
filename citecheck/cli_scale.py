"""`citecheck index build|info` and `citecheck batch`: the local-copy commands of issue 8.

Parse options, call citecheck.index / citecheck.batch, return an exit code. Progress and
summaries go to stderr; verdicts go to the output file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from citecheck.exit_codes import ExitCode

index_app = typer.Typer(no_args_is_help=True, help="Build and inspect a local index of a Crossref snapshot.")
err = Console(stderr=True, highlight=False)

ENGINES = ("duckdb", "spark")


@index_app.command("build")
def index_build(
    sources: List[str] = typer.Argument(..., help="Snapshot files or directories: public data file *.json.gz, Metadata Plus .jsonl.gz or .tar(.gz), plain JSONL."),
    index: Path = typer.Option(..., "--index", envvar="CITECHECK_INDEX", help="The index directory (created; an unfinished build there is resumed)."),
    filter: Optional[List[str]] = typer.Option(None, "--filter", help="Keep a subset: type=journal-article, from-year=2000, issn=0028-0836,@issns.txt, journal=@journals.txt (repeatable)."),
    snapshot_date: Optional[str] = typer.Option(None, "--snapshot-date", help="The snapshot's date for reports (default: the latest 'indexed' date of its records)."),
    fresh: bool = typer.Option(False, "--fresh", help="Discard what the index holds and start over."),
    quiet: bool = typer.Option(False, "--quiet", "-q", envvar="CITECHECK_QUIET", help="No progress bar."),
):
    """Stream Crossref snapshot files into a local index (resumable)."""
    from citecheck.index.build import build_index, parse_filters
    from citecheck.index.snapshot import SnapshotError

    try:
        filt = parse_filters(filter or [])
    except (ValueError, OSError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--filter")
    columns = (TextColumn("[progress.description]{task.description}"), BarColumn(), DownloadColumn(),
               TextColumn("{task.fields[records]:,} records"), TimeElapsedColumn(), TimeRemainingColumn())
    try:
        with Progress(*columns, console=err, disable=quiet, transient=False) as bar:
            task = bar.add_task("indexing", total=None, records=0)

            def progress(done, total, stats):
                bar.update(task, completed=done, total=total, records=stats.added)

            stats = build_index(sources, index, filt, snapshot_date=snapshot_date, fresh=fresh, on_progress=progress)
    except (SnapshotError, ValueError) as exc:
        err.print(f"citecheck: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    except ImportError as exc:
        err.print(f"citecheck: {exc.name} is missing: pip install 'citecheck[index]'", markup=False)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    if stats.empty_files:  # said even with --quiet: an empty source is legitimate, but worth a word
        first = stats.empty_files[0]
        more = f" and {len(stats.empty_files) - 1:,} more" if len(stats.empty_files) > 1 else ""
        err.print(f"citecheck: no records in {first}{more} (empty)", markup=False, soft_wrap=True)
    if not quiet:
        rate = stats.read / stats.seconds if stats.seconds else 0
        err.print(f"citecheck: {stats.added:,} records added, {stats.filtered_out:,} filtered out, "
                  f"{stats.malformed:,} malformed (skipped) in {stats.seconds:.1f} s ({rate:,.0f} records/s)"
                  + (" — resumed an earlier build" if stats.resumed else ""), markup=False, soft_wrap=True)
        for example in stats.malformed_examples[:5]:
            err.print(f"  malformed: {example}", markup=False, soft_wrap=True)
    raise typer.Exit(int(ExitCode.OK))


@index_app.command("info")
def index_info(index: Path = typer.Option(..., "--index", envvar="CITECHECK_INDEX", help="The index directory.")):
    """Show what an index holds (JSON)."""
    from citecheck.index.store import META_FILE, directory_bytes, read_json

    meta = read_json(index / META_FILE, None)
    if meta is None:
        err.print(f"citecheck: {index} holds no citecheck index", markup=False)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    meta["bytes"] = directory_bytes(index)
    print(json.dumps(meta, indent=1, sort_keys=True))


def batch(
    inputs: List[Path] = typer.Argument(..., help="JSONL files of {\"id\": ..., \"reference\": \"...\"}, one reference a line (malformed lines are skipped and counted)."),
    index: Path = typer.Option(..., "--index", envvar="CITECHECK_INDEX", help="An index built by `citecheck index build`."),
    output: Path = typer.Option(..., "--output", "-o", help="Verdicts, in the format its suffix names: .jsonl (or none), .csv, .parquet; a file (duckdb) or a directory of parts (spark)."),
    engine: str = typer.Option("duckdb", "--engine", envvar="CITECHECK_ENGINE", help="duckdb (embedded) or spark."),
    workers: int = typer.Option(1, "--workers", envvar="CITECHECK_WORKERS", help="duckdb: processes for parsing and judging."),
    cores: int = typer.Option(2, "--cores", help="spark local mode: cores (local[N])."),
    master: Optional[str] = typer.Option(None, "--master", envvar="CITECHECK_SPARK_MASTER", help="spark: a cluster master URL instead of local mode."),
    memory: Optional[str] = typer.Option(None, "--memory", help="duckdb memory_limit / spark driver memory, e.g. 4GB."),
    quiet: bool = typer.Option(False, "--quiet", "-q", envvar="CITECHECK_QUIET", help="No progress on stderr."),
):
    """Verify many references against a local index as a data job (DuckDB or Spark)."""
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose from {', '.join(ENGINES)}", param_hint="--engine")
    problem = _batch_problem(inputs, index, output, engine, memory)
    if problem:
        err.print(f"citecheck: {problem}", markup=False, soft_wrap=True)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    try:
        if engine == "duckdb":
            from citecheck.batch.duck import read_references, run_duckdb

            refs, tallies = read_references(list(inputs))
            _report_inputs(tallies)
            with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,}"),
                          TimeElapsedColumn(), console=err, disable=quiet) as bar:
                tasks: dict = {}

                def progress(stage, done, total):
                    if stage not in tasks:
                        tasks[stage] = bar.add_task(stage, total=total)
                    bar.update(tasks[stage], completed=done, total=total)

                counts = run_duckdb(refs, index, output, workers=max(1, workers), memory_limit=memory, on_progress=progress)
        else:
            from citecheck.batch.job import output_format, tally_inputs
            from citecheck.batch.spark import run_spark

            _report_inputs(tally_inputs(list(inputs)))
            counts = run_spark(list(inputs), index, output, cores=cores, memory=memory or "2g", master=master,
                               fmt=output_format(output))
    except ImportError as exc:
        extra = "spark" if engine == "spark" else "index"
        err.print(f"citecheck: {exc.name} is missing: pip install 'citecheck[{extra}]'", markup=False)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    except OSError as exc:  # an output that cannot be written, an index part that cannot be read
        err.print(f"citecheck: {exc.filename or output}: {exc.strerror or exc}", markup=False, soft_wrap=True)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    if not quiet:
        found = ", ".join(f"{n:,} {v}" for v, n in sorted(counts.items())) or "no references"
        err.print(f"citecheck: {found} -> {output}", markup=False)
    raise typer.Exit(int(ExitCode.OK))


def _batch_problem(inputs: List[Path], index: Path, output: Path, engine: str, memory: Optional[str]) -> Optional[str]:
    """Why a batch cannot start, in one line; None when it can."""
    from citecheck.batch.duck import memory_limit_setting
    from citecheck.batch.job import output_format

    try:
        output_format(output)
        if engine == "duckdb":
            memory_limit_setting(memory)
    except ValueError as exc:
        return str(exc)
    missing = next((path for path in inputs if not path.is_file()), None)
    if missing:
        return f"{missing}: no such file"
    if not (index / "keys").is_dir():
        return f"{index} holds no citecheck index; build one with `citecheck index build`"
    if engine == "duckdb" and not output.parent.is_dir():  # (Spark makes its output directory's parents)
        return f"--output {output}: no such directory {output.parent}"
    return None


def _report_inputs(tallies) -> None:
    """Refuse an input with no good line but malformed ones; name the malformed lines of the others.

    Said even with --quiet: a dropped line is never dropped without a word (a user trial).
    """
    problems = [t.problem() for t in tallies if t.problem()]
    for problem in problems:
        err.print(f"citecheck: {problem}", markup=False, soft_wrap=True)
    if problems:
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    for tally in tallies:
        if tally.summary():
            err.print(f"citecheck: {tally.summary()}", markup=False, soft_wrap=True)
