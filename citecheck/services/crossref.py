"""The Crossref REST API as a Service: requests out, Work values in."""

from __future__ import annotations

import html
import re

from citecheck.matching.normalize import RETRACTED_MARK_RE, mark_source
from citecheck.models import Author, Notice, Work
from citecheck.services.http import Transport, quote_doi
from citecheck.services.interface import Service, ServiceError

DEFAULT_CROSSREF_URL = "https://api.crossref.org"

#: Fields asked for with `select`, to keep list answers small (issue 3, point 4).
SELECT_FIELDS = (
    "DOI", "title", "original-title", "subtitle", "container-title", "short-container-title", "issued",
    "published-print", "published-online", "volume", "issue", "page", "article-number",
    "author", "type", "updated-by", "update-to", "score", "relation",
)

#: Crossref's notice types, as the report names them.
NOTICE_TYPES = {
    "retraction": "retraction",
    "removal": "retraction",
    "withdrawal": "retraction",
    "correction": "correction",
    "erratum": "correction",
    "corrigendum": "correction",
    "expression_of_concern": "expression_of_concern",
    "expression-of-concern": "expression_of_concern",
}

_TAG = re.compile(r"<[^>]{0,200}>")


class CrossrefService(Service):
    """Looks works up in Crossref: `/works/{doi}`, `query.bibliographic`, `/works/{doi}/agency`."""

    def __init__(self, transport: Transport):
        self.transport = transport

    def work(self, doi: str) -> Work | None:
        """The work under a DOI, None on Crossref's 404."""
        answer = self.transport.get(f"/works/{quote_doi(doi)}", kind="single")
        if answer.status == 404:
            return None
        message = _message(answer, "work")
        work = work_from_crossref(message)
        if work is None:
            raise ServiceError(f"Crossref's record for {doi} has no usable DOI")
        return work

    def search(self, query: str, rows: int) -> list[Work]:
        """Works ranked for a whole reference string (Crossref's query.bibliographic)."""
        params = {"query.bibliographic": query, "rows": rows, "select": ",".join(SELECT_FIELDS)}
        answer = self.transport.get("/works", params, kind="list")
        message = _message(answer, "work-list")
        items = message.get("items") if isinstance(message, dict) else None
        if not isinstance(items, list):
            raise ServiceError("Crossref's list answer has no items")
        works = [work_from_crossref(item) for item in items if isinstance(item, dict)]
        return [w for w in works if w is not None]

    def agency(self, doi: str) -> str | None:
        """The DOI's registration agency id ("crossref", "datacite", ...), None when no agency knows it."""
        answer = self.transport.get(f"/works/{quote_doi(doi)}/agency", kind="single")
        if answer.status == 404:
            return None
        message = _message(answer, "work-agency")
        agency = message.get("agency") if isinstance(message, dict) else None
        if isinstance(agency, dict) and isinstance(agency.get("id"), str):
            return agency["id"].lower()
        raise ServiceError(f"Crossref's agency answer for {doi} names no agency")

    def close(self) -> None:
        """Close the transport."""
        self.transport.close()


def _message(answer, expected_type: str):
    if answer.status != 200:
        raise ServiceError(f"Crossref answered HTTP {answer.status}: {answer.text[:200]!r}")
    body = answer.body
    if not isinstance(body, dict) or body.get("status") != "ok" or "message" not in body:
        raise ServiceError(f"Crossref's answer is not a {expected_type} message")
    return body["message"]


def clean_text(value) -> str | None:
    """Plain text from a Crossref string field: markup (JATS, MathML) removed, entities decoded."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    text = html.unescape(_TAG.sub("", value))
    text = " ".join(text.split())
    return text or None


def _all_texts(value) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(t for t in (clean_text(v) for v in value) if t)


def _year(value) -> int | None:
    try:
        year = value["date-parts"][0][0]
        return int(year) if year is not None else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _scalar(value) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    return clean_text(value)


def _authors(value) -> tuple[Author, ...]:
    if not isinstance(value, list):
        return ()
    authors = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        family = clean_text(entry.get("family")) or clean_text(entry.get("name"))
        if family:
            authors.append(Author(family, clean_text(entry.get("given")) or ""))
    return tuple(authors)


def _notices(value) -> tuple[Notice, ...]:
    if not isinstance(value, list):
        return ()
    notices = []
    for entry in value:
        if not isinstance(entry, dict):
            continue
        kind = NOTICE_TYPES.get(str(entry.get("type", "")).lower())
        if not kind:
            continue
        updated = entry.get("updated")
        date = None
        if isinstance(updated, dict):
            date = updated.get("date-time") or None
            if date is None:
                parts = (updated.get("date-parts") or [[None]])[0]
                date = "-".join(str(p) for p in parts if p is not None) or None
        notice_doi = entry.get("DOI") if isinstance(entry.get("DOI"), str) else None
        notices.append(Notice(kind, notice_doi, date, _scalar(entry.get("source"))))
    return tuple(notices)


def _preprint_of(value) -> tuple[str, ...]:
    """The DOIs a preprint's ``relation`` names as the articles it became: ``{"is-preprint-of":
    [{"id-type": "doi", "id": "10.1/x", "asserted-by": "subject"}, ...]}`` (each once)."""
    if not isinstance(value, dict) or not isinstance(value.get("is-preprint-of"), list):
        return ()
    dois = (entry.get("id") for entry in value["is-preprint-of"]
            if isinstance(entry, dict) and str(entry.get("id-type", "")).lower() == "doi")
    return tuple(dict.fromkeys("".join(doi.split()).lower() for doi in dois if isinstance(doi, str) and doi.strip()))


def work_from_crossref(message: dict) -> Work | None:
    """A Work from a Crossref work message, tolerating missing and wrongly typed fields."""
    if not isinstance(message, dict):
        return None
    # A DOI is an identifier, not text: old Wiley DOIs hold "<...>", which tag stripping would eat.
    doi = message.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        return None
    doi = "".join(doi.split())
    score = message.get("score")
    titles = _all_texts(message.get("title"))
    title = titles[0] if titles else None
    # The record's titles in other languages: SciELO and other multilingual journals deposit one per
    # language, and a translation's record may give its original's (original-title).
    other_titles = tuple(t for t in dict.fromkeys(titles[1:] + _all_texts(message.get("original-title")))
                         if t != title)
    notices = _notices(message.get("updated-by"))
    if title and not message.get("update-to") and (mark := RETRACTED_MARK_RE.match(title)):
        # A record that marks its title as retracted (or withdrawn): the work's title is the rest, and
        # the mark is a retraction notice when the record has none (the notice's DOI is then unknown). A
        # record with `update-to` is a notice itself, titled "Retracted: <the work's title>" by some publishers.
        title = title[mark.end():] or None
        if not any(n.type == "retraction" for n in notices):
            notices += (Notice("retraction", None, None, mark_source(mark.group(0), "record-title")),)
    return Work(
        doi=doi.lower(),
        title=title,
        subtitle=clean_text(message.get("subtitle")),
        journal=clean_text(message.get("container-title")),
        short_journal=_all_texts(message.get("short-container-title")) + _all_texts(message.get("container-title"))[1:],
        year_issued=_year(message.get("issued")),
        year_print=_year(message.get("published-print")),
        year_online=_year(message.get("published-online")),
        volume=_scalar(message.get("volume")),
        issue=_scalar(message.get("issue")),
        pages=_scalar(message.get("page")),
        article_number=_scalar(message.get("article-number")),
        authors=_authors(message.get("author")),
        type=_scalar(message.get("type")),
        notices=notices,
        score=float(score) if isinstance(score, (int, float)) and not isinstance(score, bool) else None,
        journal_versions=_preprint_of(message.get("relation")),
        other_titles=other_titles,
    )
