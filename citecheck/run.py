"""A check run from Settings to ExitCode: build the service, check, report."""

from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from citecheck.checker import check_citation, check_inputs
from citecheck.extract import extract_document
from citecheck.extract.interface import ExtractError
from citecheck.extract.parse import parse_reference
from citecheck.inputs import read_inputs
from citecheck.config import plus_token
from citecheck.exit_codes import ExitCode
from citecheck.ignores import (BASELINE_FILE_NAME, apply_ignores, find_baseline_file, find_ignore_file, load_baseline,
                               load_rules, write_baseline)
from citecheck.models import CheckResult, DocumentResult, Report, SourceInfo, Verdict
from citecheck.policy import exit_code, fails, unread
from citecheck.progress import RunProgress
from citecheck.report.interface import (UNSOURCED_CLAIMS, incomplete_note, place, plural, problems_of, safe_text,
                                        text_findings)
from citecheck.report.github import GithubReport
from citecheck.report.json import JsonReport, notice_json
from citecheck.report.junit import JunitReport
from citecheck.report.markdown import MarkdownReport
from citecheck.report.sarif import SarifReport
from citecheck.report.terminal import TerminalReport
from citecheck.services.cached import Cache, CachedService, CacheUnavailable
from citecheck.services.crossref import DEFAULT_CROSSREF_URL, CrossrefService
from citecheck.services.http import MAX_WORKERS, HttpTransport
from citecheck.services.interface import ServiceError
from citecheck.services.recorded import RecordingTransport, ReplayTransport

log = logging.getLogger("citecheck")

REPORTERS = {
    "rich": TerminalReport, "json": JsonReport, "markdown": MarkdownReport,
    "sarif": SarifReport, "junit": JunitReport, "github": GithubReport,
}


def _setup_logging(quiet: bool, verbose: int) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.getLogger("citecheck").setLevel(level)
    if not logging.getLogger().handlers:
        logging.basicConfig(format="citecheck: %(message)s")


def is_public_crossref(url: str) -> bool:
    """True for Crossref's own API, whose public pool a contact address speeds up; a mirror
    or a local stand-in has pools of its own, or none."""
    return (urlsplit(url).hostname or "").lower() == urlsplit(DEFAULT_CROSSREF_URL).hostname


def build_service(settings, err: Console):
    """The service stack: transport (HTTP, replay or recording) -> Crossref -> cache; or a local index."""
    if settings.source:
        from citecheck.services.index import build_source

        try:
            service = build_source(settings.source)
        except ValueError as exc:
            raise ServiceError(str(exc)) from None
        # One worker: answering from the local index is CPU-bound, not waiting on a network.
        return service, SourceInfo(**service.source_info()), 1
    if settings.recorded:
        transport = ReplayTransport(settings.recorded)
        source = SourceInfo(url=f"{settings.recorded} ({transport.note})" if transport.note else str(settings.recorded), recorded=True)
    else:
        if not settings.mailto and not settings.quiet and not settings.offline and is_public_crossref(settings.crossref_url):
            err.print("citecheck: no contact address: Crossref's public pool is slow (1 search a second). "
                      "Set --mailto you@example.org or CITECHECK_MAILTO for the polite pool.", markup=False)
        transport = HttpTransport(settings.crossref_url, mailto=settings.mailto, plus_token=plus_token(),
                                  timeout_secs=settings.timeout_secs, max_rate=settings.max_rate,
                                  concurrency=settings.concurrency, breaker_failures=settings.breaker_failures)
        source = SourceInfo(url=settings.crossref_url)
        if settings.record:
            transport = RecordingTransport(transport, settings.record, f"from {settings.crossref_url}")
    service = CrossrefService(transport)
    if settings.use_cache and not settings.recorded:
        try:
            # --record reads no cached answer: each must come from the service to be recorded.
            service = CachedService(service, Cache(settings.cache_dir), offline=settings.offline,
                                    found_ttl_secs=settings.cache_ttl_days * 86400,
                                    not_found_ttl_secs=settings.not_found_ttl_hours * 3600,
                                    base_url=settings.crossref_url, read=not settings.record)
        except CacheUnavailable as exc:
            err.print(f"citecheck: {exc}; going on without a cache", markup=False)
    elif settings.offline and not settings.recorded:
        service = CachedService(None, None, offline=True)  # type: ignore[arg-type]
    # Sized for the most the headers may allow later, not for the announced start: the
    # Limiter's buckets, not the pool's size, keep requests within Crossref's limits.
    workers = settings.concurrency or MAX_WORKERS
    return service, source, max(1, workers)


def _can_write(path: Path | None, err: Console) -> bool:
    """True when the report (or baseline) can go to ``path`` (None is stdout); else says why on stderr."""
    from citecheck.services.recorded import write_problem

    problem = write_problem(Path(path)) if path else None
    if problem:
        err.print(f"citecheck: cannot write {path}: {problem}", markup=False, soft_wrap=True)
    return problem is None


def make_report(settings, err: Console, stdin=None, use_baseline: bool = True,
                problems_in_report: bool = False) -> Report | None:
    """Read, check and annotate (ignores, baseline) every input; None when the run cannot start.

    Each unreadable input's error goes to stderr, and so does what could not be read of an
    input read in part, unless ``problems_in_report``: the rich report on stdout says it
    under the file's name (one line in the right place, not the same line twice)."""
    try:
        service, source, workers = build_service(settings, err)
        rules = load_rules(find_ignore_file(), list(settings.ignore))
    except (ServiceError, OSError) as exc:
        err.print(f"citecheck: {exc}", markup=False, soft_wrap=True)
        return None
    baseline = None
    baseline_path = settings.baseline or find_baseline_file()
    if baseline_path is not None and use_baseline:
        try:
            baseline = load_baseline(baseline_path)
        except (OSError, ValueError) as exc:
            err.print(f"citecheck: cannot read baseline {baseline_path}: {exc}", markup=False)
            return None

    def warn(message: str) -> None:
        if not settings.quiet:
            err.print(f"citecheck: {safe_text(message)}", markup=False, soft_wrap=True)

    inputs = read_inputs(settings.paths, stdin=stdin, max_bytes=settings.max_file_mb * 2**20, include=settings.include,
                         exclude=settings.exclude, force_exclude=settings.force_exclude,
                         allow_private_urls=settings.allow_private_urls, on_warning=warn)
    try:
        with RunProgress(err, service, quiet=settings.quiet, verbose=settings.verbose) as progress:
            report = check_inputs(inputs, service, source, workers=workers, on_result=progress.advance)
    finally:
        service.close()
    for doc in report.documents:
        if doc.error:
            err.print(f"citecheck: {safe_text(doc.path)}: {safe_text(doc.error)}", markup=False, soft_wrap=True)
        for problem in () if problems_in_report else doc.problems:
            err.print(f"citecheck: {safe_text(doc.path)}: {safe_text(problem)}", markup=False, soft_wrap=True)
    return apply_ignores(report, rules, baseline)


def _output_dash_is_stdout(settings):
    """The settings with `--output -` read as standard output, as `-` is standard input for the paths
    (and the way back to stdout when a config file names an output)."""
    return replace(settings, output=None) if settings.output is not None and str(settings.output) == "-" else settings


def run_check(settings, stdin=None) -> ExitCode:
    """Check the settings' paths and write the report; the exit code follows DESIGN.md."""
    settings = _output_dash_is_stdout(settings)
    _setup_logging(settings.quiet, settings.verbose)
    err = Console(stderr=True, highlight=False)
    if not _can_write(settings.output, err):
        return ExitCode.INPUT_ERROR
    rich_on_stdout = not settings.output and (settings.format or "rich") == "rich"
    report = make_report(settings, err, stdin, problems_in_report=rich_on_stdout)
    if report is None:
        return ExitCode.INPUT_ERROR
    return write_report(report, settings, err)


def run_lookup(settings) -> ExitCode:
    """Check one reference given on the command line; an empty one is a usage error."""
    settings = _output_dash_is_stdout(settings)
    _setup_logging(settings.quiet, settings.verbose)
    err = Console(stderr=True, highlight=False)
    text = " ".join(settings.paths).strip()
    if not text:  # a user trial got a `skipped` verdict for "": there was nothing to look up
        err.print("citecheck: lookup: the reference is empty; give it as written, in quotes", markup=False)
        return ExitCode.INPUT_ERROR
    if not _can_write(settings.output, err):
        return ExitCode.INPUT_ERROR
    try:
        service, source, _ = build_service(settings, err)
    except ServiceError as exc:
        err.print(f"citecheck: {exc}", markup=False, soft_wrap=True)
        return ExitCode.INPUT_ERROR
    try:
        result = check_citation(parse_reference(text, 1), service)
    finally:
        service.close()
    report = Report((DocumentResult("lookup", (result,), format="text"),), source)
    return write_report(report, settings, err)


def write_report(report: Report, settings, err: Console) -> ExitCode:
    """Write the report in the chosen format to stdout or --output; the run's exit code."""
    fmt = settings.format or "rich"
    reporter = REPORTERS[fmt]()
    # README: with GITHUB_ACTIONS=true and no --format, the annotations go to stdout beside the
    # report, wherever the report goes (a user trial lost them with -o).
    annotate = settings.format is None and os.environ.get("GITHUB_ACTIONS") == "true"
    if settings.output:
        try:
            with open(settings.output, "w", encoding="utf-8") as stream:
                if hasattr(reporter, "write"):
                    reporter.write(report, settings.fail_on, stream)
                else:
                    stream.write(reporter.render(report, settings.fail_on))
        except OSError as exc:
            err.print(f"citecheck: cannot write {settings.output}: {exc.strerror or exc}", markup=False)
            return ExitCode.INPUT_ERROR
    elif fmt == "rich":
        console = Console(highlight=False)
        # make_report has put each unreadable input's error on stderr: not again where stderr goes
        # too (a terminal, a CI log), but again when only the report is kept (`> report.txt`, trial 33).
        reporter.show(report, settings.fail_on, console, unread_on_stderr=console.is_terminal == err.is_terminal)
    else:
        sys.stdout.write(reporter.render(report, settings.fail_on))
    if annotate:
        sys.stdout.write(GithubReport().render(report, settings.fail_on))
    if (reporter.machine or settings.output) and not settings.quiet:
        s = report.summary()
        failing = sum(1 for d in report.documents for r in d.results if fails(r, settings.fail_on))
        incomplete = incomplete_note(report)
        # (The claims that cite nothing are in the report only: said here too, trial 33.)
        unsourced = sum(1 for d in report.documents for f in text_findings(d) if f.kind in UNSOURCED_CLAIMS)
        err.print("citecheck: " + ", ".join(f"{n} {k}" for k, n in s.items()) + f"; {failing} failing"
                  + (f"; {plural(unsourced, 'research claim')} with no source" if unsourced else "")
                  + (f"; check incomplete: {incomplete}" if incomplete else ""), markup=False)
    return exit_code(report, settings.fail_on)


def run_baseline(settings, stdin=None) -> ExitCode:
    """Check the paths and write their current problems to the baseline file."""
    _setup_logging(settings.quiet, settings.verbose)
    err = Console(stderr=True, highlight=False)
    target = settings.output or Path(BASELINE_FILE_NAME)
    if not _can_write(target, err):
        return ExitCode.INPUT_ERROR
    # The baseline records everything that fails now, so an existing baseline must not hide anything.
    report = make_report(settings, err, stdin, use_baseline=False)
    if report is None:
        return ExitCode.INPUT_ERROR
    try:
        done = write_baseline(report, target, settings.fail_on)
    except OSError as exc:
        err.print(f"citecheck: cannot write {target}: {exc.strerror or exc}", markup=False)
        return ExitCode.INPUT_ERROR
    err.print(f"citecheck: wrote {plural(done.written, 'problem')} to {target}{_kept_note(done)}", markup=False)
    if any(unread(d) for d in report.documents):
        return ExitCode.INPUT_ERROR  # the baseline holds nothing new of what went unread
    if any(r.verdict is Verdict.ERROR for d in report.documents for r in d.results):
        return ExitCode.CHECK_ERROR  # nor of what Crossref could not answer for
    return ExitCode.OK


def _kept_note(done) -> str:
    """What a baseline kept from the file it replaced, and dropped, in words; '' when nothing."""
    parts = []
    if done.kept:
        parts.append(f"kept {plural(done.kept, 'problem')} it held of what this run did not check")
    if done.dropped:
        parts.append(f"dropped {plural(done.dropped, 'problem')} of files that no longer exist")
    return f" ({'; '.join(parts)})" if parts else ""


def run_extract(paths, fmt: str, max_file_mb: int, allow_private_urls: bool = False) -> ExitCode:
    """Print what extraction finds in each input, without looking anything up.

    Written document by document and item by item, so a huge article is never held twice
    (issue 7: a 100 MB article must stay under 1 GB).
    """
    err = Console(stderr=True, highlight=False)
    code = ExitCode.OK
    if fmt == "json":
        sys.stdout.write('{"documents": [')
    for number, item in enumerate(read_inputs(paths, max_bytes=max_file_mb * 2**20, allow_private_urls=allow_private_urls)):
        extraction = None
        if item.error is None:
            try:
                extraction = extract_document(item.data, item.path)
            except ExtractError as exc:
                item = replace(item, error=str(exc))
        item = replace(item, data=None)
        if item.error:
            err.print(f"citecheck: {safe_text(item.path)}: {safe_text(item.error)}", markup=False, soft_wrap=True)
            code = ExitCode.INPUT_ERROR
        if extraction is not None:  # and the list its notes cite, unread, as `check` says it (trial 40)
            extraction = replace(extraction, problems=tuple(problems_of(_unchecked(item.path, extraction))))
        for problem in extraction.problems if extraction else ():
            err.print(f"citecheck: {safe_text(item.path)}: {safe_text(problem)}", markup=False, soft_wrap=True)
            code = ExitCode.INPUT_ERROR
        if fmt == "json":
            _extract_json(item, extraction, first=number == 0)
        else:
            _extract_text(item, extraction)
    if fmt == "json":
        sys.stdout.write("\n]}\n")
    return code


def _unchecked(path: str, extraction) -> DocumentResult:
    """An extraction as a document none of whose citations was looked up."""
    return DocumentResult(path, tuple(CheckResult(c, Verdict.SKIPPED, "") for c in extraction.citations),
                          in_text=extraction.in_text, format=extraction.format, problems=extraction.problems,
                          page_starts=extraction.page_starts)


def _citation_fields(c) -> dict:
    return {"kind": c.kind, "line": c.line, "page": c.page, "number": c.number, "text": c.text,
            "authors": [a.surname for a in c.authors],
            "et_al": c.et_al, "year": c.year, "title": c.title, "journal": c.journal, "volume": c.volume,
            "issue": c.issue, "pages": c.pages, "doi": c.doi, "pmid": c.pmid, "url": c.url,
            "notices": [notice_json(n) for n in c.notices]}


def _extract_json(item, extraction, first: bool) -> None:
    out = sys.stdout
    out.write(("" if first else ",") + "\n{" + f'"path": {json.dumps(item.path)}')
    if extraction is None:
        out.write(f', "error": {json.dumps(item.error)}}}')
        return
    out.write(f', "format": {json.dumps(extraction.format)}, "error": null, "problems": {json.dumps(list(extraction.problems))}')
    parts = (
        ("citations", extraction.citations, _citation_fields),
        ("in_text", extraction.in_text, lambda i: {"text": i.text, "line": i.line, "reference": i.reference}),
        ("claims", extraction.claims,
         lambda c: {"text": c.text, "line": c.line, "year": c.year, "journal": c.journal, "specific": c.specific,
                    "reference": c.reference}),
    )
    for key, values, shape in parts:
        out.write(f', "{key}": [')
        for k, value in enumerate(values):
            out.write(("," if k else "") + "\n  " + json.dumps(shape(value), ensure_ascii=True))
        out.write("]")
    out.write("}")


def _extract_text(item, extraction) -> None:
    if extraction is None:
        return  # run_extract has named the input and its error on stderr
    print(safe_text(f"{item.path}: {extraction.format}, {plural(len(extraction.citations), 'citation')}, "
                    f"{len(extraction.in_text)} in-text, {plural(len(extraction.claims), 'claim')}"))
    def where(item) -> str:  # "line 40"; "paragraph 12" in Word; "page 3, line 7" in a PDF
        return place(extraction.format, item.line, item.page, extraction.page_starts)

    for c in extraction.citations:
        fields = _citation_fields(c)
        print(safe_text(f"  {where(c)}: {c.text}"))
        for key in ("authors", "year", "title", "journal", "volume", "issue", "pages", "doi", "pmid", "url"):
            if fields[key] not in (None, [], ""):
                value = ", ".join(fields[key]) + (" et al." if c.et_al else "") if key == "authors" else fields[key]
                print(safe_text(f"      {key:<8} {value}"))
        for n in c.notices:  # "Retraction in: …": the entry's own word that the work was retracted
            said = ", ".join(x for x in (n.doi, n.date) if x)
            print(safe_text(f"      notice   {n.type}, noted in the entry" + (f" ({said})" if said else "")))
    for i in extraction.in_text:
        # the entry by its printed number, else its place, and where it is: "entry 7 (line 40)"
        entry = extraction.citations[i.reference] if i.reference is not None else None
        target = "NO ENTRY" if entry is None else \
            f"entry {entry.number or i.reference + 1} ({where(entry)})" if entry.kind == "reference" else f"link ({where(entry)})"
        print(safe_text(f"  in-text, {where(i)}: {i.text} -> {target}"))
    for c in extraction.claims:
        named = ", ".join(str(x) for x in (c.journal, c.year) if x) if c.specific else "names no study"
        print(safe_text(f"  claim, {where(c)}: {c.text[:150]}" + (f" ({named})" if named else "")))
