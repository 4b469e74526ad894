"""`--format github`: workflow commands that annotate the exact line in a pull request."""

from __future__ import annotations

from citecheck.inputs import is_url
from citecheck.models import Report, Verdict
from citecheck.policy import fails
from citecheck.report.interface import (FINDING_TITLES, PARTLY_READ, Reporter, annotation_level, binary_format,
                                        notice_name, place_in, reason_with_notices, safe_text, text_findings,
                                        verified_remark)


def escape_data(value: str) -> str:
    """A workflow command's message: %, CR and LF escaped as GitHub requires."""
    return safe_text(value, keep_newlines=True).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: also ':' and ','."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReport(Reporter):
    """`::error` for failing citations, `::warning` for the rest of the problems and for claims
    that disagree with their citation, `::notice` for skipped and ignored citations (saying why they
    are ignored), verified ones with a remark, and the other text findings."""

    name = "github"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """Workflow command lines."""
        lines = []
        for doc in report.documents:
            if doc.error:
                where, said = _location(doc)
                lines.append(f"::error {where}title=citecheck::{escape_data(said + 'cannot read: ' + doc.error)}")
            for problem in doc.problems:
                # Part of the file went unread: an error, as an unread file is (the run exits 2).
                where, said = _location(doc)
                lines.append(f"::error {where}title={escape_property(PARTLY_READ)}::{escape_data(said + problem)}")
            for r in doc.results:
                if r.verdict is Verdict.VERIFIED and not r.notices:
                    remark = verified_remark(r)
                    if remark:  # right, but worth a look: a year one off, a title cited shortened
                        where, said = _location(doc, r.citation.line, r.citation.page, r.citation.number)
                        level = "error" if fails(r, fail_on) else "notice"  # an error with --fail-on remark
                        lines.append(f"::{level} {where}title=citation verified with a remark::"
                                     f"{escape_data(said + remark)}")
                    continue
                level = annotation_level(r, fail_on)
                if r.verdict is Verdict.VERIFIED and not r.retracted and level == "warning":
                    level = "notice"  # a correction or expression of concern: for a reader, not a problem
                # A retracted work is titled as one whatever its verdict, as the terminal's table marks it.
                head = "retracted" if r.retracted else r.verdict.value
                others = [] if r.retracted else list(dict.fromkeys(notice_name(n) for n in r.notices))
                if r.retracted and r.verdict is not Verdict.VERIFIED:
                    others.insert(0, r.verdict.value)  # "citation retracted (mismatch)"
                flags = ", ".join(others + (["ignored"] if r.ignored else []))
                title = f"citation {head}" + (f" ({flags})" if flags else "")
                # An ignored result says so and why, as the terminal report does; a work's notices come
                # before the reason ("Retracted: ... (notice https://doi.org/...)").
                reason = reason_with_notices(r)
                message = f"Ignored: {r.ignored.rstrip('.')}. {reason}" if r.ignored else reason
                where, said = _location(doc, r.citation.line, r.citation.page, r.citation.number)
                lines.append(f"::{level} {where}title={escape_property(title)}::{escape_data(said + message)}")
            for f in text_findings(doc):
                # Claims and in-text findings are for a reader, not the policy: never an error, but for
                # a reference list that went unread, which fails the run as an unread input does.
                level = "error" if f.kind in ("no_list", "list_in_part") else "warning" if f.kind == "claim_conflict" else "notice"
                where, said = _location(doc, f.line, f.page)
                lines.append(f"::{level} {where}title={escape_property(FINDING_TITLES[f.kind])}::"
                             f"{escape_data(said + f.message)}")
        return "\n".join(lines) + ("\n" if lines else "")


def _location(doc, line: int | None = None, page: int | None = None, number: int | None = None) -> tuple[str, str]:
    """(the annotation's file and line properties, what its message opens with): a file of the
    repository by its path; a page fetched by URL, or standard input, named in the message
    instead (GitHub can attach an annotation to no file of the checkout for them). A Word or
    PDF file is annotated as a whole, the paragraph or page and line named in the message:
    GitHub would point at a line of the binary file; an entry's ``number`` follows the place
    there ("paragraph 7, no. 6": two footnotes called in one paragraph are told apart)."""
    if is_url(doc.path) or doc.path == "-":
        name = "standard input" if doc.path == "-" else doc.path
        return "", f"{name}{f' line {line}' if line is not None else ''}: "
    if binary_format(doc):
        numbered = f", no. {number}" if number is not None else ""
        said = f"{place_in(doc, line, page)}{numbered}: " if line is not None else ""
        return f"file={escape_property(doc.path)},", said
    return f"file={escape_property(doc.path)}{f',line={line}' if line is not None else ''},", ""
