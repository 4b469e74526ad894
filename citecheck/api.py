"""A small Python API for editors' tools and notebooks: the same results the reports use.

    >>> from citecheck.api import check_file
    >>> doc = check_file("article.md", mailto="editor@example.org")
    >>> [(r.citation.line, r.verdict.value) for r in doc.results]
"""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from citecheck.checker import check_inputs
from citecheck.config import Settings, check_settings, default_cache_dir
from citecheck.inputs import Input, read_inputs
from citecheck.models import DocumentResult, Report
from citecheck.run import build_service


def _settings(**options) -> Settings:
    """Settings from keyword options; ValueError for a limit the command line would refuse too."""
    options.setdefault("cache_dir", default_cache_dir())
    options.setdefault("quiet", True)
    return check_settings(Settings(paths=(), **options))


def _check(inputs: list[Input], settings: Settings) -> Report:
    service, source, workers = build_service(settings, Console(file=io.StringIO()))
    try:
        return check_inputs(inputs, service, source, workers=workers)
    finally:
        service.close()


def check_inputs_with(inputs: list[Input], **options) -> Report:
    """Check prepared inputs; `options` are Settings fields (crossref_url, mailto, cache_dir, use_cache, offline, …).

    Raises ValueError for a limit no run can work with (max_rate or timeout_secs of 0, concurrency 0, …).
    """
    return _check(inputs, _settings(**options))


def check_text(text: str, name: str = "-", **options) -> DocumentResult:
    """Check an article given as a string; `name` decides the format by its suffix (".md", ".html")."""
    return check_inputs_with([Input(name, text.encode("utf-8"))], **options).documents[0]


def check_file(path: str | Path, **options) -> DocumentResult:
    """Check one article file. An unreadable file gives a DocumentResult with `error` set."""
    settings = _settings(**options)
    return _check(read_inputs([str(path)], max_bytes=settings.max_file_mb * 2**20), settings).documents[0]
