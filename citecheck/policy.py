"""Which results fail a run, and the exit code a run ends with."""

from __future__ import annotations

import re

from citecheck.exit_codes import ExitCode
from citecheck.models import CheckResult, DocumentResult, FieldStatus, InText, Report, Verdict

#: What fails a run unless --fail-on says otherwise (DESIGN.md).
DEFAULT_FAIL_ON = ("mismatch", "not_found", "retracted")
#: Words --fail-on accepts: the verdicts that can fail a run, and the flags ("remark": a verified
#: citation with a remark, for those who want every detail as the record has it).
FAIL_ON_CHOICES = ("mismatch", "not_found", "skipped", "error", "retracted", "remark")
#: The --fail-on word for a run that reports and never fails.
FAIL_ON_NOTHING = "none"
_SEPARATORS = re.compile(r"[\s,]+")


def parse_fail_on(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Split and check a --fail-on value (words separated by commas or spaces); () for `none`.

    Raises ValueError for an unknown word, for `none` beside other words, and for a value
    with no word at all (an unset shell variable must not turn the policy off).
    """
    if isinstance(value, str):
        value = [value]
    tokens = [t.lower().replace("-", "_") for item in value for t in _SEPARATORS.split(item) if t]
    # "not_found", "not-found" and "not found" (as the report writes it) are one word; "remarks" is "remark".
    words: list[str] = []
    for token in tokens:
        if token == "found" and words and words[-1] == "not":
            words[-1] = "not_found"
        else:
            words.append("remark" if token == "remarks" else token)
    words = list(dict.fromkeys(words))
    choices = f"choose from {', '.join(FAIL_ON_CHOICES)}, or {FAIL_ON_NOTHING} for a report that never fails"
    if not words:
        raise ValueError(f"--fail-on is empty; {choices}")
    if FAIL_ON_NOTHING in words:
        if len(words) > 1:
            raise ValueError(f"--fail-on {FAIL_ON_NOTHING} cannot be combined with {', '.join(w for w in words if w != FAIL_ON_NOTHING)}")
        return ()
    unknown = [w for w in words if w not in FAIL_ON_CHOICES]
    if "verified" in unknown:
        raise ValueError(f"--fail-on verified would fail the run on its good citations; for a report that "
                         f"never fails, use --fail-on {FAIL_ON_NOTHING}")
    if unknown:
        raise ValueError(f"unknown --fail-on value {unknown[0]!r}; {choices}")
    return tuple(words)


def fail_on_words(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """parse_fail_on of a --fail-on value, or the default when none was given."""
    return parse_fail_on(value) if value else DEFAULT_FAIL_ON


def fails(result: CheckResult, fail_on: tuple[str, ...]) -> bool:
    """True when this result fails the policy (ignored results never do)."""
    if result.ignored:
        return False
    return result.verdict.value in fail_on or ("retracted" in fail_on and result.retracted) \
        or ("remark" in fail_on and verified_remark(result) is not None)


def verified_remark(result: CheckResult) -> str | None:
    """What is worth an editor's look in a verified citation, or None: a year within one of the
    record's ("year 2006, published 2005 (within a year: accepted)"), a title cited shortened,
    authors cut without "et al."."""
    if result.verdict is not Verdict.VERIFIED:
        return None
    # (A year cited as one of the record's dates is no remark, whatever its note says.)
    notes = [f for f in result.fields if f.status is FieldStatus.MATCH and f.note
             and not (f.name == "year" and f.cited == f.found)]
    if not notes:
        return None
    return "; ".join(f"year {f.cited}, published {f.found} ({f.note})" if f.name == "year" and f.cited != f.found
                     else f.note for f in notes)


#: numbered notes pointing at nothing, with no reference list read, that say a list went unread
NO_LIST_MIN_NOTES = 3


def unread_list_notes(doc: DocumentResult) -> list[InText]:
    """The numbered notes of a document whose reference list could not be read (a list in
    columns read across, an image, a heading in a language not known): three or more notes
    ("[1]", superscripts) pointing at nothing and no entry read; or, where entries were read,
    three or more notes numbered past the last of them (trial 35: a line the list reader took
    for the list's end left ten of fourteen entries unread, and the run passed); else []."""
    numbered = [it for it in doc.in_text if it.reference is None and it.text.startswith("[")]
    if len(numbered) < NO_LIST_MIN_NOTES:
        return []
    last = last_entry_number(doc)
    if last is None:
        return numbered
    if doc.problems:
        return []  # the list's reader has said what it left unread ("entries numbered 4 … were not read")
    past = [it for it in numbered if (n := _first_number(it.text)) is not None and n > last]
    return past if len({_first_number(it.text) for it in past}) >= NO_LIST_MIN_NOTES else []


def last_entry_number(doc: DocumentResult) -> int | None:
    """The number of the last reference entry read (as printed, or its place in its list), or
    None when no entry was read."""
    entries = [r.citation for r in doc.results if r.citation.kind == "reference"]
    return max(c.number or place for place, c in enumerate(entries, start=1)) if entries else None


def _first_number(note: str) -> int | None:
    """The first number a note marker gives: 5 for "[5]", "[^5]", "[5-7]" or "[5, 9]"."""
    digits = note[1:].lstrip("^")
    end = 0
    while end < len(digits) and digits[end].isdigit():
        end += 1
    return int(digits[:end]) if end else None


def unread(doc: DocumentResult) -> bool:
    """True when some of a document went unread, so the run cannot vouch for it: the whole
    input (``error``), part of it (``problems``: a BibTeX entry, RIS record or CSL-JSON item
    that could not be read, the rest checked), or the reference list its numbered notes cite.
    The one rule behind exit code 2 and every report's "check incomplete"."""
    return bool(doc.error or doc.problems or unread_list_notes(doc))


def exit_code(report: Report, fail_on: tuple[str, ...]) -> ExitCode:
    """1 if a citation fails the policy; else 2 if an input, part of one, or a reference list
    its notes cite, was unreadable (`unread`); else 3 on errors; else 0."""
    results = [r for d in report.documents for r in d.results]
    if any(fails(r, fail_on) for r in results):
        return ExitCode.POLICY_FAILED
    if any(unread(d) for d in report.documents):
        return ExitCode.INPUT_ERROR
    if any(r.verdict is Verdict.ERROR for r in results):
        return ExitCode.CHECK_ERROR
    return ExitCode.OK
