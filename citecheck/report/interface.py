"""The reporting stage: a Report in, text for a terminal, a file or another program out."""

from __future__ import annotations

import abc
import re

from citecheck.models import Report

# C0 and C1 controls (tab and newline excepted), DEL, and bidirectional overrides/isolates
# that reorder text on screen (issue 7): none of these from an article or Crossref reaches output.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Line and paragraph separators break lines for many readers (found by hypothesis: one split a
# GitHub workflow command in two); they become plain spaces.
_SEPARATORS = re.compile("[\u2028\u2029]")


def safe_text(value, keep_newlines: bool = False) -> str:
    """Untrusted text made printable: control and reordering characters removed."""
    text = "" if value is None else str(value)
    if not keep_newlines:
        text = text.replace("\n", " ").replace("\t", " ")
    return _UNSAFE.sub("", _SEPARATORS.sub(" ", text))


class Reporter(abc.ABC):
    """Renders a Report in one format."""

    #: the --format name
    name: str = ""
    #: True for formats other programs read (the human summary then goes to stderr)
    machine: bool = True

    @abc.abstractmethod
    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """The whole report as text."""
