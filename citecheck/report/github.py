"""`--format github`: workflow commands that annotate the exact line in a pull request."""

from __future__ import annotations

from citecheck.models import Report, Verdict
from citecheck.report.interface import FINDING_TITLES, Reporter, annotation_level, safe_text, text_findings


def escape_data(value: str) -> str:
    """A workflow command's message: %, CR and LF escaped as GitHub requires."""
    return safe_text(value, keep_newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: also ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReport(Reporter):
    """`::error` for failing citations, `::warning` for the rest of the problems and for claims
    that disagree with their citation, `::notice` for skipped and ignored citations (saying why they
    are ignored) and the other text findings."""

    name = "github"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """Workflow command lines."""
        lines = []
        for doc in report.documents:
            if doc.error:
                lines.append(f"::error file={escape_property(doc.path)},title=citecheck::{escape_data('cannot read: ' + doc.error)}")
            for r in doc.results:
                if r.verdict is Verdict.VERIFIED and not r.retracted:
                    continue
                level = annotation_level(r, fail_on)
                flags = ", ".join(flag for flag, on in (("retracted", r.retracted), ("ignored", r.ignored)) if on)
                title = f"citation {r.verdict.value}" + (f" ({flags})" if flags else "")
                # An ignored result says so and why, as the terminal report does.
                message = f"Ignored: {r.ignored.rstrip('.')}. {r.reason}" if r.ignored else r.reason
                lines.append(
                    f"::{level} file={escape_property(doc.path)},line={r.citation.line},title={escape_property(title)}::"
                    f"{escape_data(message)}"
                )
            for f in text_findings(doc):
                # Never an error: claims and in-text findings are for a reader, not the policy.
                level = "warning" if f.kind == "claim_conflict" else "notice"
                lines.append(f"::{level} file={escape_property(doc.path)},line={f.line},"
                             f"title={escape_property(FINDING_TITLES[f.kind])}::{escape_data(f.message)}")
        return "\n".join(lines) + ("\n" if lines else "")
