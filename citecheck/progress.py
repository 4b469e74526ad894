"""A progress line on stderr while the citations are being looked up (issue 5, point 3).

Shown only when stderr is a terminal, not with --quiet, and only once a run has lasted
SHOW_AFTER_SECS: a run answered from the cache in a second has nothing to show. It is
transient (erased when the run ends), so the report on stdout and a log on stderr stay
clean. It reads its figures from the service stack it is given: citations checked (from
the checker's `on_result`), answers found in the cache (CachedService.hits), requests
waiting on Crossref's rate limit (the Limiter's buckets) and, with -v, requests sent,
retries and 429s (HttpTransport.stats).
"""

from __future__ import annotations

import threading
from typing import Callable

from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, TimeElapsedColumn
from rich.text import Text

from citecheck.models import CheckResult

#: A run shorter than this shows no progress at all (the issue: "runs longer than a couple
#: of seconds"); flashing a bar for a cached run would only be noise.
SHOW_AFTER_SECS = 2.0
#: Redraws per second: enough to look alive, little enough to cost nothing.
REFRESHES_PER_SEC = 4


def find_parts(service) -> tuple[object | None, object | None]:
    """(the CachedService, the HttpTransport) inside a service stack, either None if absent."""
    cached, transport, seen = None, None, 0
    node = service
    while node is not None and seen < 10:
        seen += 1
        if hasattr(node, "hits") and cached is None:
            cached = node
        if hasattr(node, "limiter") and hasattr(node, "stats"):
            transport = node
            break
        node = getattr(node, "inner", None) or getattr(node, "transport", None)
    return cached, transport


class _Figures(ProgressColumn):
    """The live figures, read at every redraw (they change between results too)."""

    def __init__(self, describe: Callable[[], str]):
        super().__init__()
        self._describe = describe

    def render(self, task) -> Text:
        """The figures as plain text (nothing from the article or Crossref is shown)."""
        return Text(self._describe())


class RunProgress:
    """Context manager showing the run's progress; call `advance` for every citation checked."""

    def __init__(self, console: Console, service, *, quiet: bool = False, verbose: int = 0,
                 show_after_secs: float = SHOW_AFTER_SECS):
        self.console = console
        self.enabled = console.is_terminal and not quiet
        self.verbose = verbose
        self.show_after_secs = show_after_secs
        self.checked = 0
        self._cached, self._transport = find_parts(service)
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task = None
        self._timer: threading.Timer | None = None
        self._done = False

    def describe(self) -> str:
        """One line: checked, from cache, waiting on the rate limit (and more with -v)."""
        parts = [f"{self.checked} checked"]
        if self._cached is not None:
            parts.append(f"{self._cached.hits} answers from cache")
        if self._transport is not None:
            parts.append(f"{self._transport.limiter.waiting()} waiting on the rate limit")
            if self.verbose:
                stats = self._transport.stats
                parts.append(f"{stats['requests']} requests, {stats['retries']} retries, {stats['too_many']} × 429")
        return " · ".join(parts)

    def __enter__(self) -> "RunProgress":
        if self.enabled:
            self._timer = threading.Timer(self.show_after_secs, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        with self._lock:
            if self._done:
                return
            self._progress = Progress(
                SpinnerColumn(), _Figures(self.describe), TimeElapsedColumn(),
                console=self.console, transient=True, refresh_per_second=REFRESHES_PER_SEC,
                redirect_stdout=False, redirect_stderr=False,
            )
            self._task = self._progress.add_task("checking", total=None)
            self._progress.start()

    def advance(self, result: CheckResult) -> None:
        """Count one checked citation (the checker's on_result callback; any thread)."""
        with self._lock:
            self.checked += 1

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._done = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
