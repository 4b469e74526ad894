"""`--format junit`: one test case per citation, a failure per problem (GitLab, Jenkins)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from citecheck.models import Report, Verdict
from citecheck.policy import fails
from citecheck.report.interface import (Reporter, notice_note, place_in, problem_kind, problems_of, reason_with_notices,
                                        safe_text)

# Characters XML 1.0 cannot carry at all, even escaped.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    """Untrusted text that XML can carry (ElementTree escapes &, < and > itself)."""
    return _XML_INVALID.sub("", safe_text(value))


class JunitReport(Reporter):
    """A testsuite per document."""

    name = "junit"

    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """JUnit XML text."""
        suites = ET.Element("testsuites", name="citecheck")
        for doc in report.documents:
            suite = ET.SubElement(suites, "testsuite", name=xml_text(doc.path))
            failures = errors = skipped = 0
            unread_parts = problems_of(doc)
            if doc.error:
                case = ET.SubElement(suite, "testcase", classname=xml_text(doc.path), name="read input")
                ET.SubElement(case, "error", message=xml_text(doc.error))
                errors += 1
            elif unread_parts:
                # Read in part, or a reference list its notes cite went unread: the same test case,
                # in error, so the run shows red while its other entries are listed as checked.
                case = ET.SubElement(suite, "testcase", classname=xml_text(doc.path), name="read input")
                ET.SubElement(case, "error", message=xml_text(" ".join(unread_parts)), type="read_in_part")
                errors += 1
            for r in doc.results:
                number = f"no. {r.citation.number}, " if r.citation.number is not None else ""
                name = f"{number}{place_in(doc, r.citation.line, r.citation.page)}: {r.citation.text[:100]}"
                case = ET.SubElement(suite, "testcase", classname=xml_text(doc.path), name=xml_text(name))
                if fails(r, fail_on):
                    # A retracted work is named as such, its notice first (the verdict alone said "verified").
                    el = ET.SubElement(case, "failure", message=xml_text(reason_with_notices(r)),
                                       type=problem_kind(r, fail_on))
                    el.text = xml_text(r.citation.text)
                    failures += 1
                elif r.verdict is Verdict.ERROR:
                    ET.SubElement(case, "error", message=xml_text(r.reason))
                    errors += 1
                elif r.verdict is Verdict.SKIPPED or r.ignored:
                    ET.SubElement(case, "skipped", message=xml_text(r.ignored or r.reason))
                    skipped += 1
                if r.notices and not fails(r, fail_on):
                    # A passing case still carries its work's notices (a correction, or a retraction
                    # the run does not fail on), as the terminal report shows them.
                    ET.SubElement(case, "system-out").text = xml_text(notice_note(r))
            suite.set("tests", str(len(doc.results) + (1 if doc.error or unread_parts else 0)))
            suite.set("failures", str(failures))
            suite.set("errors", str(errors))
            suite.set("skipped", str(skipped))
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
