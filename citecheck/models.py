"""The values that flow through the pipeline: extract -> resolve -> match -> report.

Every stage passes these frozen dataclasses, never raw JSON dicts.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Verdict(str, enum.Enum):
    """The one verdict each citation gets."""

    VERIFIED = "verified"
    MISMATCH = "mismatch"
    NOT_FOUND = "not_found"
    SKIPPED = "skipped"
    ERROR = "error"


class FieldStatus(str, enum.Enum):
    """How one cited field compares with the matched work."""

    MATCH = "match"
    MISMATCH = "mismatch"
    ABSENT = "absent"


@dataclass(frozen=True, slots=True)
class Author:
    """One cited or published author: surname plus initials (or given names)."""

    surname: str
    initials: str = ""


@dataclass(frozen=True, slots=True)
class Citation:
    """One thing an article cites: a reference-list entry or a link.

    Fields the extractor could not find are None (or empty tuples).
    """

    text: str
    line: int
    kind: str = "reference"  # "reference" or "link"
    authors: tuple[Author, ...] = ()
    et_al: bool = False
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    url: str | None = None
    page: int | None = None  # PDF page number, where known
    ignore_reason: str | None = None  # set by an inline ignore marker
    number: int | None = None  # a list entry's number: as printed ("47."), else its place in its list
    context: str | None = None  # a link read by its anchor alone: the sentence around it
    #: notices the entry itself records of the work it cites (PubMed's "Retraction in: …", a title
    #: marked "RETRACTED:"), with source "entry": the work's record may lack them
    notices: tuple[Notice, ...] = ()


@dataclass(frozen=True, slots=True)
class Notice:
    """An editorial notice on a work: retraction, correction, expression of concern."""

    type: str
    doi: str | None
    date: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class Work:
    """A published work as a bibliographic source (Crossref) describes it."""

    doi: str
    title: str | None = None
    subtitle: str | None = None
    journal: str | None = None
    short_journal: tuple[str, ...] = ()
    year_issued: int | None = None
    year_print: int | None = None
    year_online: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    article_number: str | None = None
    authors: tuple[Author, ...] = ()
    type: str | None = None
    notices: tuple[Notice, ...] = ()
    score: float | None = None  # the source's relevance score; comparable within one query only
    #: a preprint's journal versions: the DOIs of the articles it became (Crossref's relation
    #: "is-preprint-of")
    journal_versions: tuple[str, ...] = ()
    #: the record's titles in other languages (Crossref's further `title` entries, `original-title`)
    other_titles: tuple[str, ...] = ()

    @property
    def year(self) -> int | None:
        """The year to show: issued, else print, else online."""
        return self.year_issued or self.year_print or self.year_online

    @property
    def years(self) -> tuple[int, ...]:
        """Every year the record gives, for the ±1 year rule."""
        return tuple(y for y in (self.year_issued, self.year_print, self.year_online) if y)

    @property
    def retracted(self) -> bool:
        """True when a retraction notice is attached."""
        return any(n.type == "retraction" for n in self.notices)


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """One field compared: the cited value, the published one, and the outcome."""

    name: str
    cited: object
    found: object
    status: FieldStatus
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Nearest:
    """The closest candidate rejected for a not_found verdict, and why."""

    doi: str
    title: str | None
    similarity: float
    why: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    """A citation with its verdict and the evidence behind it."""

    citation: Citation
    verdict: Verdict
    reason: str
    match: Work | None = None
    fields: tuple[FieldCheck, ...] = ()
    nearest: Nearest | None = None
    ignored: str | None = None

    @property
    def notices(self) -> tuple[Notice, ...]:
        """The matched work's notices, then those the entry records of a type the record lacks
        (a retraction the entry notes and Crossref's record does not)."""
        found = self.match.notices if self.match else ()
        if not self.citation.notices:
            return found
        return found + tuple(n for n in self.citation.notices if all(f.type != n.type for f in found))

    @property
    def retracted(self) -> bool:
        """True when the cited work has been retracted, as its record or the entry itself says."""
        return any(n.type == "retraction" for n in self.notices)

    @property
    def wrong_fields(self) -> tuple[FieldCheck, ...]:
        """The fields that disagree with the matched work."""
        return tuple(f for f in self.fields if f.status is FieldStatus.MISMATCH)


@dataclass(frozen=True, slots=True)
class InText:
    """An in-text citation such as "(Zheng et al., 2019)" or "[3]"."""

    text: str
    line: int
    reference: int | None  # index into the document's citations, or None
    page: int | None = None  # PDF page number, where known


@dataclass(frozen=True, slots=True)
class Claim:
    """A sentence that points at research ("A 2019 meta-analysis found ...")."""

    text: str
    line: int
    year: int | None = None
    journal: str | None = None
    reference: int | None = None  # the citation the sentence carries, if any
    conflicts: tuple[str, ...] = ()  # what the sentence says that disagrees with its citation
    candidates: tuple["Work", ...] = ()  # works on its topic in the journal and year it names (a lead, never a verdict)
    page: int | None = None  # PDF page number, where known
    specific: bool = True  # False: names no year, journal or citation ("Research has shown ...")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What an extractor found in one document."""

    citations: tuple[Citation, ...] = ()
    in_text: tuple[InText, ...] = ()
    claims: tuple[Claim, ...] = ()
    format: str = "text"
    lists: tuple[int, ...] = ()  # the list each entry is in (its heading's line, 0: none), in citation order
    #: what could not be read of a document that was otherwise read, one sentence each ("2 BibTeX
    #: entries could not be read (lines 14, 40: ...)"): its other citations are checked, the run is incomplete
    problems: tuple[str, ...] = ()
    #: a PDF's pages: the document line each starts on (``line`` counts through the document)
    page_starts: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One input's results, or the error that stopped it being read.

    ``problems``: what could not be read of an input that was read in part (its
    Extraction's problems); the results are those of the rest, and the run is incomplete.
    """

    path: str
    results: tuple[CheckResult, ...] = ()
    in_text: tuple[InText, ...] = ()
    claims: tuple[Claim, ...] = ()
    error: str | None = None
    format: str | None = None
    uncited: tuple[int, ...] = ()  # entries no in-text citation points to
    problems: tuple[str, ...] = ()  # what of a partly read input could not be read (Extraction.problems)
    page_starts: tuple[int, ...] = ()  # a PDF's pages: the line each starts on (Extraction.page_starts)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Which bibliographic source answered, and whether the answers were recorded."""

    name: str = "crossref-api"
    url: str = "https://api.crossref.org"
    recorded: bool = False
    snapshot: str | None = None  # the snapshot date, for a local copy of Crossref


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a run found, ready for any report format."""

    documents: tuple[DocumentResult, ...]
    source: SourceInfo = field(default_factory=SourceInfo)

    def summary(self) -> dict[str, int]:
        """Counts of each verdict over all documents."""
        counts = {v.value: 0 for v in Verdict}
        for doc in self.documents:
            for r in doc.results:
                counts[r.verdict.value] += 1
        return counts
