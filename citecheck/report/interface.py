"""The reporting stage: a Report in, text for a terminal, a file or another program out."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass

from citecheck.extract.claims import years_differ
from citecheck.extract.intext import alike_entries, expand_numbers, fits_alike
from citecheck.matching.score import same_surname
from citecheck.models import CheckResult, Citation, DocumentResult, FieldStatus, InText, Notice, Report, Verdict, Work
from citecheck.policy import fails, last_entry_number, unread_list_notes, verified_remark  # noqa: F401 (reports use it from here)

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
    page: int | None = None  # PDF page number, where known


#: kind -> heading; a claim whose details disagree with its citation first.
FINDING_TITLES = {
    "no_list": "No reference list read",
    "list_in_part": "Reference list read in part",  # notes cite entries past the last one read
    "claim_conflict": "Claim",
    "uncited_claim": "Study mentioned with no citation",  # names a year or a journal: a study to cite
    "vague_claim": "Research appealed to in general, no source",  # "Research has shown …"
    "unmatched_in_text": "Cited in the text but not in the reference list",
    "ambiguous_in_text": "Cited in the text, fits more than one entry",
    "in_text_year": "Cited in the text with another year than its entry's",
    "uncited_entry": "In the reference list but never cited in the text",
}


#: The findings of claims about research that cite no source.
UNSOURCED_CLAIMS = frozenset(("uncited_claim", "vague_claim"))


#: What each report calls a document read only in part, before each of its problems.
PARTLY_READ = "Read in part"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def unread_list_message(numbered: list[InText], fmt: str | None = None, last: int | None = None) -> str:
    """What a "no_list" finding says: how many notes cite a list that was not read, or, when its
    entries up to number ``last`` were read, cite entries past them."""
    if last is not None:
        return (f"the text cites {len(numbered)} numbered notes past the last reference entry read "
                f"({last}): {numbered[0].text} … went unchecked (the list's reading stopped early, at a line "
                "taken for its end, or it is laid out in columns read across)")
    scripted = "filled in by the page's scripts, " if fmt == "html" else ""  # not in the page as fetched
    return (f"the text cites {len(numbered)} numbered notes ({numbered[0].text} …) and no reference list was "
            f"read: its entries went unchecked (a list {scripted}laid out in columns read across, an image, or "
            "under a heading citecheck does not know, cannot be read)")


def list_problem(doc: DocumentResult) -> str | None:
    """What a document's numbered notes say of its reference list when it went unread, wholly or
    past the entries read (`unread_list_notes`), or None."""
    numbered = unread_list_notes(doc)
    return unread_list_message(numbered, doc.format, last_entry_number(doc)) if numbered else None


def problems_of(doc: DocumentResult) -> list[str]:
    """What of a readable document went unread: its problems, and the reference list its
    numbered notes cite (`list_problem`); every report says these."""
    problem = list_problem(doc)
    return list(doc.problems) + ([problem] if problem else [])


def place_in(doc: DocumentResult, line: int, page: int | None = None) -> str:
    """Where a citation is, as an editor finds it: a Word draft's paragraph, a PDF's page and line."""
    return place(doc.format, line, page, doc.page_starts)


def place(fmt: str | None, line: int, page: int | None = None, page_starts: tuple[int, ...] = ()) -> str:
    """"paragraph 12" in a Word draft, "page 3, line 7" in a PDF (the line counted on its page
    when the pages' first lines are known), "line 40" in any other text."""
    if fmt == "docx":
        return f"paragraph {line}"
    if not page:
        return f"line {line}"
    if 0 < page <= len(page_starts) and line >= page_starts[page - 1]:
        line = line - page_starts[page - 1] + 1
    return f"page {page}, line {line}"


def binary_format(doc: DocumentResult) -> bool:
    """True for a Word or PDF file: its "lines" are paragraphs and extracted text, no line of
    the file a CI annotation could point at."""
    return doc.format in ("docx", "pdf")


def text_findings(doc: DocumentResult, limit: int = 160) -> list[TextFinding]:
    """A document's in-text and claim findings, one per line they concern: claims that
    disagree with their citation, claims that cite nothing, in-text citations with no
    entry, entries never cited."""
    out = []
    numbered = unread_list_notes(doc)
    if numbered:
        # A list laid out in a way the extractor cannot read (two columns read across, an
        # image) leaves the notes pointing at nothing: say so, or the run looks clean.
        last = last_entry_number(doc)
        out.append(TextFinding(numbered[0].line, "no_list" if last is None else "list_in_part",
                               unread_list_message(numbered, doc.format, last), page=numbered[0].page))
    for claim in doc.claims:
        text = shorten(claim.text, limit)
        if not claim.specific:
            if claim.reference is not None:
                continue  # "Studies show … ([source](doi))": it cites its source, a link
            out.append(TextFinding(claim.line, "vague_claim",
                                   f"{text} (names no study: cite one, or drop the appeal to research)", page=claim.page))
        elif claim.conflicts:
            out.append(TextFinding(claim.line, "claim_conflict", f"{text} — " + "; ".join(claim.conflicts),
                                   page=claim.page))
        elif claim.reference is None:
            named = ", ".join(str(x) for x in (claim.journal, claim.year) if x)
            out.append(TextFinding(claim.line, "uncited_claim", text + (f" (names {named})" if named else ""),
                                   claim.candidates, claim.page))
    # The heading (FINDING_TITLES) says what is wrong; the message only names the citation.
    said = set()  # "[2, 3]" with no entry for either number is one finding, not two
    linked = {(r.citation.line, r.citation.text) for r in doc.results if r.citation.kind == "link"}
    for it in doc.in_text:
        if it.reference is None and (it.line, it.text) not in said and not _cited_by_link(it, linked):
            said.add((it.line, it.text))
            out.append(TextFinding(it.line, "unmatched_in_text", unmatched_label(it, doc), page=it.page))
    for it, year in years_differ(doc.in_text, tuple(r.citation for r in doc.results)):
        if (it.line, it.text) not in said:
            said.add((it.line, it.text))
            entry = doc.results[it.reference].citation
            out.append(TextFinding(it.line, "in_text_year", f"{it.text}: the entry is {entry_label(entry)} "
                                   f"({place_in(doc, entry.line, entry.page)})", page=it.page))
    alike = alike_entries(tuple(r.citation for r in doc.results))
    for it in doc.in_text if alike else ():
        fits = [k for k in fits_alike(it, alike) if k < len(doc.results)]
        if fits and (it.line, it.text) not in said:
            said.add((it.line, it.text))
            cited = [doc.results[k].citation for k in fits]
            entries = ", ".join(f"{entry_label(c)} ({place_in(doc, c.line, c.page)})" for c in cited)
            letters = [f"{cited[0].year}{chr(ord('a') + n)}" for n in range(len(fits))]
            out.append(TextFinding(it.line, "ambiguous_in_text", f"{it.text}: {entries}; write "
                                   f"{', '.join(letters[:-1])} and {letters[-1]}, in the list and the text",
                                   page=it.page))
    for k in doc.uncited:
        if k < len(doc.results):
            entry = doc.results[k].citation
            out.append(TextFinding(entry.line, "uncited_entry", shorten(entry.text, limit), page=entry.page))
    return out


def _cited_by_link(it: InText, linked: set[tuple[int, str]]) -> bool:
    """True when an author-year citation is in the text of a link citation on its line:
    "[Einfeld et al. (2001)](https://doi.org/…)" cites its work by the link, which is
    checked; it is no citation missing from the list. Numbered notes point at a list."""
    return not it.text.startswith("[") and any(line == it.line and it.text in text for line, text in linked)


_NAME_RE = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*")


def unmatched_label(it: InText, doc: DocumentResult) -> str:
    """An in-text citation with no entry, with the entries its author has in the list when
    there are any: "(Woolf, 2011); the list has Woolf, 2009 (line 14)", a year cited wrong (its
    place as place_in gives it: "paragraph 14" in a Word draft); a group of notes with the numbers
    of it that name no entry: "[4-6] (5)"."""
    if it.text[1:2].isdigit() and it.text[:1] in "[(" and any(c in it.text for c in ",-–"):
        linked = {doc.results[o.reference].citation.number for o in doc.in_text if o.line == it.line
                  and o.text == it.text and o.reference is not None and o.reference < len(doc.results)}
        numbers = expand_numbers(it.text.strip("[]()"))
        missing = [n for n in numbers if n not in linked]
        return f"{it.text} ({', '.join(map(str, missing))})" if 0 < len(missing) < len(numbers) else it.text
    name = _NAME_RE.search(it.text)
    if name is None:
        return it.text
    same = [r.citation for r in doc.results if r.citation.kind == "reference" and r.citation.authors
            and same_surname(name.group(), r.citation.authors[0].surname)]
    if not same:
        return it.text
    return f"{it.text}; the list has " + ", ".join(f"{entry_label(c)} ({place_in(doc, c.line, c.page)})"
                                                  for c in same[:3])


#: Characters of an entry's text shown when it has no author and year to name it by.
ENTRY_LABEL_CHARS = 40


def entry_label(citation: Citation) -> str:
    """A short name for a reference-list entry: "Hallworth, 2017", else the start of its text."""
    named = ", ".join(str(x) for x in (citation.authors[0].surname if citation.authors else None, citation.year) if x)
    if named:
        return named
    text = safe_text(citation.text).strip()
    if len(text) <= ENTRY_LABEL_CHARS:
        return text
    return text[:ENTRY_LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:.") + "…"  # cut between words


def in_reading_order(doc: DocumentResult) -> list[CheckResult]:
    """The results in the order an editor reads the document: links in the text come before
    the reference list that ends it (the report's data keeps entries first, then links)."""
    return sorted(doc.results, key=lambda r: (r.citation.page or 0, r.citation.line))


def in_text_to_change(doc: DocumentResult, result: CheckResult) -> str | None:
    """Where the text cites a mismatched entry by the surname or year it got wrong ("line 17
    (Fleming et al., 1998)"): to change with the entry, or None."""
    if result.verdict is not Verdict.MISMATCH:
        return None
    wrong = [str(v) for f in result.fields if f.status is FieldStatus.MISMATCH for v in (
        (f.cited[0],) if f.name == "authors" and f.cited else (f.cited,) if f.name == "year" else ())]
    index = next((k for k, r in enumerate(doc.results) if r is result), None)
    if not wrong or index is None:
        return None
    places = [f"{place_in(doc, it.line, it.page)} {it.text}" for it in doc.in_text
              if it.reference == index and any(w in it.text for w in wrong)]
    return "; ".join(dict.fromkeys(places)) or None


def plural(count: int, noun: str) -> str:
    """'1 citation', '2 citations'."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def incomplete_note(report: Report) -> str | None:
    """What could not be checked ("9 citations could not be checked"), or None when nothing.

    An `error` verdict, an unreadable input, or one read only in part (its ``problems``)
    means the run says nothing about those citations; a summary must not read as a pass
    because of them. Covers every case of `citecheck.policy.unread`."""
    unchecked = sum(1 for d in report.documents for r in d.results if r.verdict is Verdict.ERROR)
    unread = sum(1 for d in report.documents if d.error)
    partly = sum(1 for d in report.documents if not d.error and d.problems)
    unread_lists = [d for d in report.documents if not d.error and unread_list_notes(d)]
    cut = sum(1 for d in unread_lists if last_entry_number(d) is not None)  # read in part
    lists = len(unread_lists) - cut
    parts = []
    if unchecked:
        parts.append(f"{plural(unchecked, 'citation')} could not be checked")
    if unread:
        parts.append(f"{plural(unread, 'input')} could not be read")
    if partly:
        parts.append(f"{plural(partly, 'input')} could be read only in part")
    if lists:
        parts.append(f"{plural(lists, 'reference list')} cited by numbered notes could not be read")
    if cut:
        parts.append(f"{plural(cut, 'reference list')} cited by numbered notes could be read only in part")
    return " and ".join(parts) or None


#: A notice type (citecheck.services.crossref.NOTICE_TYPES) as a reader names it.
NOTICE_NAMES = {"retraction": "retraction", "correction": "correction",
                "expression_of_concern": "expression of concern"}


def notice_name(notice: Notice) -> str:
    """'retraction', 'correction', 'expression of concern'."""
    return NOTICE_NAMES.get(notice.type, notice.type.replace("_", " "))


#: Where the word of a notice came from, when not from Crossref's record of the notice itself.
_NOTICE_SOURCES = {"entry": "noted in the entry itself", "record-title": "marked in the record's title",
                   "entry-withdrawn": "withdrawn, as the entry itself marks it",
                   "record-title-withdrawn": "withdrawn, as the record's title marks it"}


def notice_source(notice: Notice) -> str | None:
    """Where the word of a notice came from when not from a notice's record: 'noted in the entry
    itself', 'marked in the record's title'; None for Crossref's own notices."""
    return _NOTICE_SOURCES.get(notice.source or "")


def notice_where(notice: Notice) -> str:
    """Where a notice is, as far as the record or entry says: 'https://doi.org/10.1/n, 2021-05-02',
    '2010, noted in the entry itself' (or '')."""
    said = notice_source(notice)
    parts = (f"https://doi.org/{notice.doi}" if notice.doi else None, notice.date,
             said or (None if notice.doi else (f"from {notice.source}" if notice.source else None)))
    return ", ".join(p for p in parts if p)


def notice_note(result: CheckResult) -> str:
    """The matched work's editorial notices as sentences, a retraction first, or '' when it has none:
    'Retracted: the work https://doi.org/10.1/w was retracted (retraction notice https://doi.org/10.1/n,
    2021-05-02).', 'Correction notice: https://doi.org/10.1/c, 2020-11-5.'"""
    if not result.notices:
        return ""
    out = []
    if result.retracted:
        work = f" https://doi.org/{result.match.doi}" if result.match and result.match.doi else ""
        if all((n.source or "").endswith("-withdrawn") for n in result.notices if n.type == "retraction"):
            # A withdrawal (a Cochrane Review's), reported as a retraction is, in its own words.
            said = next(notice_source(n) for n in result.notices if n.type == "retraction")
            out.append(f"Withdrawn: the work{work} was {said}.")
        else:
            wheres = list(dict.fromkeys(w for n in result.notices
                                        if n.type == "retraction" and (w := notice_where(n))))
            out.append(f"Retracted: the work{work} was retracted"
                       + (f" (retraction notice {'; '.join(wheres)})" if wheres else "") + ".")
    for n in result.notices:
        if n.type == "retraction":
            continue
        where, name = notice_where(n), notice_name(n)
        out.append(f"{name[:1].upper()}{name[1:]} notice" + (f": {where}." if where else " on the work."))
    return " ".join(out)


def reason_with_notices(result: CheckResult) -> str:
    """A result's reason, its matched work's notices first (a retraction says so before anything else)."""
    note = notice_note(result)
    return f"{note} {result.reason}" if note else result.reason


def problem_kind(result: CheckResult, fail_on: tuple[str, ...] = ()) -> str:
    """What a result's problem is called in a CI report: `retracted` for a retracted work (unless the run
    fails it for its verdict alone, --fail-on without retracted), `remark` for a verified one with a
    remark that the run fails (--fail-on remark), else its verdict."""
    if result.retracted and ("retracted" in fail_on or result.verdict.value not in fail_on):
        return "retracted"
    if result.verdict is Verdict.VERIFIED and "remark" in fail_on and verified_remark(result):
        return "remark"
    return result.verdict.value


def annotation_level(result: CheckResult, fail_on: tuple[str, ...]) -> str:
    """How loudly a CI annotation reports a result: `error` when it fails the policy, `notice`
    for a skipped or ignored one, else `warning`. GitHub and SARIF output share this rule."""
    if fails(result, fail_on):
        return "error"
    if result.verdict is Verdict.SKIPPED or result.ignored:
        return "notice"
    return "warning"


class Reporter(abc.ABC):
    """Renders a Report in one format."""

    #: the --format name
    name: str = ""
    #: True for formats other programs read (the human summary then goes to stderr)
    machine: bool = True

    @abc.abstractmethod
    def render(self, report: Report, fail_on: tuple[str, ...]) -> str:
        """The whole report as text."""
