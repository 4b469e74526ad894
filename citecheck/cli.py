"""The command line: parse options into Settings, run, return an ExitCode. No logic here."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from citecheck import __version__
from citecheck.config import ConfigError, default_cache_dir, find_config, load_config, plus_token
from citecheck.exit_codes import ExitCode
from citecheck.policy import DEFAULT_FAIL_ON, parse_fail_on
from citecheck.services.cached import Cache, CacheUnavailable

app = typer.Typer(add_completion=True, no_args_is_help=True, help="Check an article's citations against Crossref.")
cache_app = typer.Typer(no_args_is_help=True, help="Inspect or clear the local cache of Crossref answers.")
app.add_typer(cache_app, name="cache")

FORMATS = ("rich", "json", "markdown", "sarif", "junit", "github")
err = Console(stderr=True, highlight=False)


@dataclass(frozen=True)
class Settings:
    """Everything a check run needs, after flags, variables and the config file are merged."""

    paths: tuple[str, ...]
    crossref_url: str
    mailto: str | None
    cache_dir: Path
    use_cache: bool
    offline: bool
    format: str | None
    output: Path | None
    fail_on: tuple[str, ...]
    recorded: Path | None
    record: Path | None
    max_rate: float | None
    concurrency: int | None
    timeout_secs: float
    max_file_mb: int
    quiet: bool
    verbose: int


def _version(value: bool):
    if value:
        print(f"citecheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
):
    """Load the config file so that its values become the options' defaults."""
    try:
        config = load_config(find_config())
    except ConfigError as exc:
        err.print(f"citecheck: {exc}", markup=False)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    ctx.default_map = {"check": config}


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Articles to check: files, directories, or - for standard input."),
    crossref_url: str = typer.Option("https://api.crossref.org", envvar="CITECHECK_CROSSREF_URL", help="Crossref API base URL (a mirror or local stand-in)."),
    mailto: Optional[str] = typer.Option(None, envvar="CITECHECK_MAILTO", help="Your contact address: puts requests in Crossref's faster polite pool."),
    cache_dir: Optional[Path] = typer.Option(None, envvar="CITECHECK_CACHE_DIR", help="Where the cache of Crossref answers lives."),
    no_cache: bool = typer.Option(False, "--no-cache", envvar="CITECHECK_NO_CACHE", help="Neither read nor write the cache."),
    offline: bool = typer.Option(False, "--offline", envvar="CITECHECK_OFFLINE", help="Answer from the cache only; uncached citations are errors."),
    format: Optional[str] = typer.Option(None, "--format", "-f", envvar="CITECHECK_FORMAT", help=f"Report format: {', '.join(FORMATS)} (default rich on a terminal)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", envvar="CITECHECK_OUTPUT", help="Write the report to this file instead of standard output."),
    fail_on: str = typer.Option(",".join(DEFAULT_FAIL_ON), envvar="CITECHECK_FAIL_ON", help="Verdicts and flags that fail the run (comma-separated)."),
    recorded: Optional[Path] = typer.Option(None, envvar="CITECHECK_RECORDED", help="Answer from a file of recorded Crossref answers instead of the network."),
    record: Optional[Path] = typer.Option(None, envvar="CITECHECK_RECORD", help="Write every Crossref answer of this run to a recording file."),
    max_rate: Optional[float] = typer.Option(None, envvar="CITECHECK_MAX_RATE", help="Requests per second, overriding Crossref's headers."),
    concurrency: Optional[int] = typer.Option(None, envvar="CITECHECK_CONCURRENCY", help="Requests in flight, overriding Crossref's headers."),
    timeout: float = typer.Option(30.0, envvar="CITECHECK_TIMEOUT", help="Seconds to wait for each Crossref answer."),
    max_file_mb: int = typer.Option(200, envvar="CITECHECK_MAX_FILE_MB", help="Refuse inputs larger than this many MB."),
    quiet: bool = typer.Option(False, "--quiet", "-q", envvar="CITECHECK_QUIET", help="No warnings or progress on stderr."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More detail on stderr (-vv for requests)."),
):
    """Check the citations of one or more articles."""
    try:
        fail_words = parse_fail_on(fail_on)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-on")
    if format is not None and format not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}", param_hint="--format")
    settings = Settings(
        paths=tuple(paths), crossref_url=crossref_url, mailto=mailto or None,
        cache_dir=cache_dir or default_cache_dir(), use_cache=not no_cache, offline=offline, format=format,
        output=output, fail_on=fail_words, recorded=recorded, record=record, max_rate=max_rate,
        concurrency=concurrency, timeout_secs=timeout, max_file_mb=max_file_mb, quiet=quiet, verbose=verbose,
    )
    from citecheck.run import run_check

    raise typer.Exit(int(run_check(settings)))


def _cache(cache_dir: Optional[Path]) -> Cache:
    try:
        return Cache(cache_dir or default_cache_dir())
    except CacheUnavailable as exc:
        err.print(f"citecheck: {exc}", markup=False)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))


@cache_app.command("info")
def cache_info(cache_dir: Optional[Path] = typer.Option(None, envvar="CITECHECK_CACHE_DIR", help="The cache directory.")):
    """Show where the cache is and how much it holds."""
    info = _cache(cache_dir).info()
    print(f"cache: {info['path']}\nentries: {info['entries']} (+{info['expired']} expired)\nsize: {info['bytes']:,} bytes")


@cache_app.command("clear")
def cache_clear(cache_dir: Optional[Path] = typer.Option(None, envvar="CITECHECK_CACHE_DIR", help="The cache directory.")):
    """Delete every cached answer."""
    count = _cache(cache_dir).clear()
    print(f"cleared {count} cached answers")


def main() -> None:
    """Entry point: the only place the process exits."""
    logging.basicConfig(level=logging.WARNING, format="citecheck: %(message)s")
    app(prog_name="citecheck")
