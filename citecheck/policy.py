"""Which results fail a run, and the exit code a run ends with."""

from __future__ import annotations

from citecheck.exit_codes import ExitCode
from citecheck.models import CheckResult, Report, Verdict

#: What fails a run unless --fail-on says otherwise (DESIGN.md).
DEFAULT_FAIL_ON = ("mismatch", "not_found", "retracted")
#: Words --fail-on accepts: the verdicts and the flags.
FAIL_ON_CHOICES = tuple(v.value for v in Verdict) + ("retracted",)


def parse_fail_on(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Split and check a --fail-on value; raises ValueError naming an unknown word."""
    if isinstance(value, str):
        value = [value]
    # "not_found", "not-found" and "not found" (as the report writes it) are one word.
    words = tuple(dict.fromkeys(w.strip().lower().replace("-", "_").replace(" ", "_")
                                for item in value for w in item.split(",") if w.strip()))
    unknown = [w for w in words if w not in FAIL_ON_CHOICES]
    if unknown:
        raise ValueError(f"unknown --fail-on value {unknown[0]!r}; choose from {', '.join(FAIL_ON_CHOICES)}")
    return words


def fail_on_words(value: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """parse_fail_on of a --fail-on value, or the default when none was given."""
    return parse_fail_on(value) if value else DEFAULT_FAIL_ON


def fails(result: CheckResult, fail_on: tuple[str, ...]) -> bool:
    """True when this result fails the policy (ignored results never do)."""
    if result.ignored:
        return False
    return result.verdict.value in fail_on or ("retracted" in fail_on and result.retracted)


def exit_code(report: Report, fail_on: tuple[str, ...]) -> ExitCode:
    """1 if a citation fails the policy; else 2 if an input was unreadable; else 3 on errors; else 0."""
    results = [r for d in report.documents for r in d.results]
    if any(fails(r, fail_on) for r in results):
        return ExitCode.POLICY_FAILED
    if any(d.error for d in report.documents):
        return ExitCode.INPUT_ERROR
    if any(r.verdict is Verdict.ERROR for r in results):
        return ExitCode.CHECK_ERROR
    return ExitCode.OK
