"""The reporting stage: a Report in, text for a terminal, a file or another program out."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass

from citecheck.models import DocumentResult, Report, Work

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


@dataclass(frozen=True, slots=True)
class TextFinding:
    """Something the article's text says, found beside its citations' verdicts."""

    line: int
    kind: str  # one of FINDING_TITLES
    message: str  # plain text, untrusted parts included as they are (each format escapes)
    leads: tuple[Work, ...] = ()  # for a claim that cites nothing: works on its topic (never a verdict)


#: kind -> heading; a claim whose details disagree with its citation first.
FINDING_TITLES = {
    "claim_conflict": "Claim",
    "uncited_claim": "Claim with no citation",
    "vague_claim": "Research claimed with no source",
    "unmatched_in_text": "Cited in the text but not in the reference list",
    "uncited_entry": "In the reference list but never cited in the text",
}


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_findings(doc: DocumentResult, limit: int = 160) -> list[TextFinding]:
    """A document's in-text and claim findings, one per line they concern: claims that
    disagree with their citation, claims that cite nothing, in-text citations with no
    entry, entries never cited."""
    out = []
    for claim in doc.claims:
        text = shorten(claim.text, limit)
        if not claim.specific:
            out.append(TextFinding(claim.line, "vague_claim",
                                   f"{text} (names no study: cite one, or drop the appeal to research)"))
        elif claim.conflicts:
            out.append(TextFinding(claim.line, "claim_conflict", f"{text} — " + "; ".join(claim.conflicts)))
        elif claim.reference is None:
            named = ", ".join(str(x) for x in (claim.journal, claim.year) if x)
            out.append(TextFinding(claim.line, "uncited_claim", text + (f" (names {named})" if named else ""),
                                   claim.candidates))
    for it in doc.in_text:
        if it.reference is None:
            out.append(TextFinding(it.line, "unmatched_in_text", f"{it.text} has no entry in the reference list"))
    for k in doc.uncited:
        if k < len(doc.results):
            entry = doc.results[k].citation
            out.append(TextFinding(entry.line, "uncited_entry", f"never cited in the text: {shorten(entry.text, limit)}"))
    return out


class Reporter(abc.ABC):
    """Renders a Report in one format."""

    #: the --format name
    name: str = ""
    #: True for formats other programs read (the human summary then goes to stderr)
    machine: bool = True

    @abc.abstractmethod
    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """The whole report as text."""
