"""The command line: parse options into Settings, run, return an ExitCode. No logic here."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from citecheck import __version__
from citecheck.config import (ConfigError, Settings, check_config_values, check_limit, default_cache_dir, find_config,
                              load_config)
from citecheck.exit_codes import ExitCode
from citecheck.policy import DEFAULT_FAIL_ON, fail_on_words
from citecheck.services.cached import FOUND_TTL_SECS, NOT_FOUND_TTL_SECS, Cache, CacheUnavailable
from citecheck.services.http import DEFAULT_BREAKER_FAILURES

app = typer.Typer(add_completion=True, no_args_is_help=True, help="Check an article's citations against Crossref.")
cache_app = typer.Typer(no_args_is_help=True, help="Inspect or clear the local cache of Crossref answers.")
app.add_typer(cache_app, name="cache")
# Local copy of Crossref (issue 8): `citecheck index build|info`, `citecheck batch`.
from citecheck.cli_scale import batch as _batch, index_app as _index_app  # noqa: E402

app.add_typer(_index_app, name="index")
app.command("batch")(_batch)

FORMATS = ("rich", "json", "markdown", "sarif", "junit", "github")
#: Commands whose options the config file supplies defaults for.
CONFIGURED_COMMANDS = ("check", "baseline", "lookup")
err = Console(stderr=True, highlight=False)


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
        path = find_config()
        config = load_config(path)
        if config and ctx.invoked_subcommand in (*CONFIGURED_COMMANDS, "config"):
            # `config` shows the options of `check`.
            name = "check" if ctx.invoked_subcommand == "config" else ctx.invoked_subcommand
            check_config_values(typer.main.get_command(app).commands[name], config, path)
    except ConfigError as exc:
        err.print(f"citecheck: {exc}", markup=False, soft_wrap=True)
        raise typer.Exit(int(ExitCode.INPUT_ERROR))
    unknown = sorted(set(config) - _option_names()) if config else []
    if unknown:  # a misspelt key ("mailtoo") would otherwise be ignored without a word
        err.print(f"citecheck: {path}: unknown key{'s' if len(unknown) > 1 else ''} "
                  f"{', '.join(repr(k.replace('_', '-')) for k in unknown)} (ignored)", markup=False, soft_wrap=True)
    ctx.default_map = {name: config for name in CONFIGURED_COMMANDS}
    ctx.obj = {"config_path": path, "config": config}


def _option_names() -> set[str]:
    """The option names the config file may set: those of the commands it configures."""
    commands = typer.main.get_command(app).commands
    return {p.name for name in CONFIGURED_COMMANDS for p in commands[name].params if p.param_type_name == "option"}


#: Settings fields named otherwise than their option.
SETTINGS_FIELDS = {"timeout": "timeout_secs"}


def _limit(param: typer.CallbackParam, value):
    """Option callback for the limits (--max-rate, --timeout, …): a value no run can work with is a
    usage error, by the same rule the Python API applies (config.check_limit)."""
    try:
        check_limit(SETTINGS_FIELDS.get(param.name, param.name), value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))
    return value


def _format_choice(value: Optional[str]) -> Optional[str]:
    """Option callback for --format: one of FORMATS."""
    if value is not None and value not in FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}")
    return value


def _fail_on_choice(value: Optional[List[str]]) -> tuple[str, ...]:
    """Option callback for --fail-on: the words in effect (the default when none are given).
    CITECHECK_FAIL_ON set but empty is a usage error, as `--fail-on ''` is (Click reads an empty
    variable as unset): an unset `$VARIABLE` in a CI file must not fall back unnoticed."""
    set_empty = os.environ.get("CITECHECK_FAIL_ON", "x").strip() == ""
    if value is None and set_empty:
        raise typer.BadParameter("CITECHECK_FAIL_ON is set but empty: name the verdicts that fail the run, or none")
    try:
        return fail_on_words(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc))


def _check_command(mode: str):
    """The `check`, `baseline` or `lookup` command: the same options, three ends."""
    what = "One reference, as written (quote it)." if mode == "lookup" else "Articles to check: files, directories, or - for standard input."

    def command(
        ctx: typer.Context,
        paths: List[str] = typer.Argument(..., help=what, metavar="REFERENCE" if mode == "lookup" else "PATH"),
        crossref_url: str = typer.Option("https://api.crossref.org", envvar="CITECHECK_CROSSREF_URL", help="Crossref API base URL (a mirror or local stand-in)."),
        source: Optional[str] = typer.Option(None, "--source", envvar="CITECHECK_SOURCE", help="index:DIR answers from a local Crossref snapshot (citecheck index build); default: the Crossref API."),
        mailto: Optional[str] = typer.Option(None, envvar="CITECHECK_MAILTO", help="Your contact address: puts requests in Crossref's faster polite pool."),
        cache_dir: Optional[Path] = typer.Option(None, envvar="CITECHECK_CACHE_DIR", help="Where the cache of Crossref answers lives."),
        no_cache: bool = typer.Option(False, "--no-cache", envvar="CITECHECK_NO_CACHE", help="Neither read nor write the cache."),
        offline: bool = typer.Option(False, "--offline", envvar="CITECHECK_OFFLINE", help="Answer from the cache only; uncached citations are errors."),
        format: Optional[str] = typer.Option(None, "--format", "-f", envvar="CITECHECK_FORMAT", callback=_format_choice, help=f"Report format: {', '.join(FORMATS)} (default rich; plain text when not a terminal)."),
        output: Optional[Path] = typer.Option(None, "--output", "-o", envvar="CITECHECK_OUTPUT", help="Write the report (or, for baseline, the baseline) to this file."),
        fail_on: Optional[List[str]] = typer.Option(None, envvar="CITECHECK_FAIL_ON", callback=_fail_on_choice, show_default=",".join(DEFAULT_FAIL_ON), help="Verdicts and flags that fail the run, comma- or space-separated (repeatable: the values add up); none for a report that never fails."),
        ignore: Optional[List[str]] = typer.Option(None, "--ignore", envvar="CITECHECK_IGNORE", help="Ignore a DOI, or 'text:<start of the reference>' (repeatable)."),
        baseline: Optional[Path] = typer.Option(None, envvar="CITECHECK_BASELINE", help="Baseline file of accepted problems (default: the nearest .citecheck-baseline.json, from the working directory upward)."),
        recorded: Optional[Path] = typer.Option(None, envvar="CITECHECK_RECORDED", help="Answer from a file of recorded Crossref answers instead of the network."),
        record: Optional[Path] = typer.Option(None, envvar="CITECHECK_RECORD", help="Write every Crossref answer of this run to a recording file. The run then asks Crossref for everything (the cache is written, not read), so the recording is complete."),
        max_rate: Optional[float] = typer.Option(None, envvar="CITECHECK_MAX_RATE", callback=_limit, help="Requests per second, overriding Crossref's headers."),
        concurrency: Optional[int] = typer.Option(None, envvar="CITECHECK_CONCURRENCY", callback=_limit, help="Requests in flight, overriding Crossref's headers."),
        timeout: float = typer.Option(30.0, envvar="CITECHECK_TIMEOUT", callback=_limit, help="Seconds to wait for each Crossref answer."),
        max_file_mb: int = typer.Option(200, envvar="CITECHECK_MAX_FILE_MB", callback=_limit, help="Refuse inputs larger than this many MB."),
        include: Optional[List[str]] = typer.Option(None, "--include", envvar="CITECHECK_INCLUDE", help="In directories, read only files matching this glob (repeatable)."),
        exclude: Optional[List[str]] = typer.Option(None, "--exclude", envvar="CITECHECK_EXCLUDE", help="In directories, skip files matching this glob (repeatable)."),
        extend_exclude: Optional[List[str]] = typer.Option(None, "--extend-exclude", envvar="CITECHECK_EXTEND_EXCLUDE", help="Skip files matching this glob as well as those the config file's exclude names (repeatable; --exclude replaces that list)."),
        force_exclude: bool = typer.Option(False, "--force-exclude", envvar="CITECHECK_FORCE_EXCLUDE", help="Apply --exclude to files named on the command line too (for pre-commit, which names each changed file)."),
        allow_private_urls: bool = typer.Option(False, "--allow-private-urls", envvar="CITECHECK_ALLOW_PRIVATE_URLS", help="Let article URLs point at loopback, link-local or private addresses."),
        cache_ttl_days: float = typer.Option(FOUND_TTL_SECS / 86400, envvar="CITECHECK_CACHE_TTL_DAYS", callback=_limit, help="Days a found work stays in the cache."),
        not_found_ttl_hours: float = typer.Option(NOT_FOUND_TTL_SECS / 3600, envvar="CITECHECK_NOT_FOUND_TTL_HOURS", callback=_limit, help="Hours a 'not found' answer stays in the cache."),
        breaker_failures: int = typer.Option(DEFAULT_BREAKER_FAILURES, envvar="CITECHECK_BREAKER_FAILURES", callback=_limit, help="Stop asking Crossref once this many requests in a row failed every retry."),
        quiet: bool = typer.Option(False, "--quiet", "-q", envvar="CITECHECK_QUIET", help="No warnings or progress on stderr."),
        verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More detail on stderr (-vv for requests)."),
    ):
        # fail_on is the words in effect (_fail_on_choice); typer hands `none`, no words, over as None.
        if record and offline:
            # --record asks Crossref for everything; --offline asks nothing.
            raise typer.BadParameter("cannot record with --offline: a recording needs Crossref's answers", param_hint="--record")
        settings = Settings(
            paths=tuple(paths), crossref_url=crossref_url, source=source or None, mailto=mailto or None,
            cache_dir=cache_dir.expanduser() if cache_dir else default_cache_dir(), use_cache=not no_cache, offline=offline, format=format,
            output=output, fail_on=tuple(fail_on or ()), ignore=tuple(_split_rules(ignore)), baseline=baseline,
            recorded=recorded, record=record, max_rate=max_rate, concurrency=concurrency, timeout_secs=timeout,
            max_file_mb=max_file_mb, quiet=quiet, verbose=verbose,
            include=tuple(_split_list(include)), exclude=tuple(dict.fromkeys(_split_list(exclude) + _split_list(extend_exclude))), force_exclude=force_exclude,
            allow_private_urls=allow_private_urls,
            cache_ttl_days=cache_ttl_days, not_found_ttl_hours=not_found_ttl_hours, breaker_failures=breaker_failures,
        )
        from citecheck import run

        runner = {"check": run.run_check, "baseline": run.run_baseline, "lookup": run.run_lookup}[mode]
        raise typer.Exit(int(runner(settings)))

    command.__doc__ = {
        "check": "Check the citations of one or more articles.",
        "baseline": "Write the problems the articles have now to a baseline file, so that `check` fails only on new ones.",
        "lookup": "Check one reference given on the command line.",
    }[mode]
    return command


def _split_list(values) -> list[str]:
    # Lists from a CITECHECK_* variable or the config may arrive as one comma-separated string.
    return [v.strip() for value in values or [] for v in str(value).split(",") if v.strip()]


def _split_rules(values) -> list[str]:
    # A rule list from CITECHECK_IGNORE or the config may arrive as one comma-separated string.
    out = []
    for value in values or []:
        out.extend(v.strip() for v in (value.split(",") if not str(value).lower().startswith("text:") else [value]) if v.strip())
    return out


for _mode in ("check", "baseline", "lookup"):
    app.command(_mode)(_check_command(_mode))


def _cache(cache_dir: Optional[Path]) -> Cache:
    try:
        return Cache(cache_dir.expanduser() if cache_dir else default_cache_dir())
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


@app.command("extract")
def extract(
    paths: List[str] = typer.Argument(..., help="Articles to read: files, directories, or - for standard input.", metavar="PATH"),
    format: str = typer.Option("text", "--format", "-f", help="text or json"),
    max_file_mb: int = typer.Option(200, envvar="CITECHECK_MAX_FILE_MB", callback=_limit, help="Refuse inputs larger than this many MB."),
    allow_private_urls: bool = typer.Option(False, "--allow-private-urls", envvar="CITECHECK_ALLOW_PRIVATE_URLS", help="Let article URLs point at loopback, link-local or private addresses."),
):
    """Show what citecheck finds in articles and how each entry parsed (asks Crossref nothing)."""
    from citecheck.run import run_extract

    if format not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    raise typer.Exit(int(run_extract(paths, format, max_file_mb, allow_private_urls=allow_private_urls)))


@app.command("config")
def show_config(ctx: typer.Context):
    """Print the effective settings of `check` and where each comes from (flag > variable > file > default)."""
    from citecheck.config import describe_settings

    command = typer.main.get_command(app).commands["check"]
    check_ctx = command.make_context("check", ["-"], parent=ctx.parent, default_map=ctx.parent.default_map["check"])
    print(describe_settings(check_ctx, ctx.obj["config_path"]))


def main() -> None:
    """Entry point: the only place the process exits."""
    logging.basicConfig(level=logging.WARNING, format="citecheck: %(message)s")
    app(prog_name="citecheck")
