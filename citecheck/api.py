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
from citecheck.config import Settings, default_cache_dir
from citecheck.inputs import Input, read_inputs
from citecheck.models import DocumentResult, Report
from citecheck.run import build_service


def _settings(**options) -> Settings:
    options.setdefault("cache_dir", default_cache_dir())
    options.setdefault("quiet", True)
    return Settings(paths=(), **options)


def check_inputs_with(inputs: list[Input], **options) -> Report:
    """Check prepared inputs; `options` are Settings fields (crossref_url, mailto, cache_dir, use_cache, offline, …)."""
    settings = _settings(**options)
    service, source, workers = build_service(settings, Console(file=io.StringIO()))
    try:
        return check_inputs(inputs, service, source, workers=workers)
    finally:
        service.close()


def check_text(text: str, name: str = "-", **options) -> DocumentResult:
    """Check an article given as a string; `name` decides the format by its suffix (".md", ".html")."""
    return check_inputs_with([Input(name, text.encode("utf-8"))], **options).documents[0]


def check_file(path: str | Path, **options) -> DocumentResult:
    """Check one article file. An unreadable file gives a DocumentResult with `error` set."""
    max_bytes = int(options.pop("max_file_mb", 200)) * 2**20
    return check_inputs_with(read_inputs([str(path)], max_bytes=max_bytes), **options).documents[0]
