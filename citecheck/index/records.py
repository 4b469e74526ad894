"""One Crossref work message as the local index keeps it: trimmed, searchable text, blocking keys.

Pure functions shared by the ingest (``citecheck index build``), the local source
(``IndexService``) and the batch job (DuckDB and Spark), so that every path reads a record
and a reference the same way.
"""

from __future__ import annotations

import json
import re
import hashlib
import struct

from citecheck.matching.journals import journal_key
from citecheck.matching.normalize import norm_number, norm_surname, norm_text, split_pages
from citecheck.services.crossref import SELECT_FIELDS

#: Fields kept from each record: what `work_from_crossref` reads (the API path's `select`),
#: plus the filter fields. Dropping `reference`, `license`, `link` … keeps ~1/10 of a record.
KEPT_FIELDS = tuple(f for f in SELECT_FIELDS if f != "score") + ("ISSN",)

#: Words too common to say anything in a title (for MinHash shingles and search queries).
STOP_WORDS = frozenset(
    "a an and are as at by for from in into is of on or the to with without its their"
    " de la le les des du der die und et".split()
)

#: MinHash signature: NUM_BANDS bands of ROWS_PER_BAND hashes over a title's word set.
#: With 8 bands of 2 rows, two titles sharing 70% of their words become candidates with
#: probability 1 - (1 - 0.7^2)^8 = 0.995, and at 50% with 0.90; unrelated titles (20%) with
#: 0.28, which the per-reference candidate cap (`batch.job.MAX_CANDIDATES`) trims.
NUM_BANDS = 8
ROWS_PER_BAND = 2
# The 16 hash functions are the 16 32-bit words of one 64-byte BLAKE2b digest of the word, under
# a fixed key: one C call per word, the same keys on every machine, engine and Python process
# (unlike hash(), which is salted per process).
_HASH_KEY = b"citecheck-minhash-1"
_SIGNATURE = struct.Struct("<16I")
_WORDS = re.compile(r"[0-9a-z]+")
_TAG = re.compile(r"<[^>]{0,200}>")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def norm(text: str | None) -> str:
    """`norm_text`, with a fast path for ASCII text (most records): the same result, 5x faster."""
    if not text:
        return ""
    if not text.isascii():
        return norm_text(text)
    text = _TAG.sub(" ", text).lower().replace("&amp;", " and ").replace("&", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def trim(message: dict) -> dict:
    """The record with only the fields citecheck reads."""
    return {k: message[k] for k in KEPT_FIELDS if k in message}


def dumps(message: dict) -> str:
    """Compact JSON for storage."""
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def _first(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return value if isinstance(value, str) else ("" if value is None else str(value))


def year_of(message: dict) -> int | None:
    """The record's earliest year among issued, print and online."""
    years = []
    for key in ("issued", "published-print", "published-online"):
        try:
            y = message[key]["date-parts"][0][0]
            if y is not None:
                years.append(int(y))
        except (KeyError, IndexError, TypeError, ValueError):
            continue
    return min(years) if years else None


def search_text(message: dict) -> dict[str, str]:
    """Normalised text per field group, as the local search indexes it."""
    authors = " ".join(
        _first(a.get("family")) or _first(a.get("name")) for a in message.get("author") or [] if isinstance(a, dict)
    )
    titles = [_first(message.get("title")), _first(message.get("subtitle"))]
    containers = [_first(message.get("container-title")), _first(message.get("short-container-title"))]
    year = year_of(message)
    other = [str(year or ""), _first(message.get("volume")), _first(message.get("issue")), _first(message.get("page"))]
    return {
        "title": norm(" ".join(t for t in titles if t)),
        "author": norm(authors),
        "container": norm(" ".join(c for c in containers if c)),
        "other": norm(" ".join(o for o in other if o)),
    }


def title_words(title: str | None) -> set[str]:
    """The content words of a title, for MinHash."""
    return {w for w in _WORDS.findall(norm(title)) if w not in STOP_WORDS and len(w) > 1}


def minhash_bands(title: str | None) -> list[str]:
    """The title's MinHash band keys ("<band>:<hex>"); empty for titles of fewer than 3 words."""
    words = title_words(title)
    if len(words) < 3:
        return []
    rows = [_SIGNATURE.unpack(hashlib.blake2b(w.encode(), digest_size=64, key=_HASH_KEY).digest()) for w in words]
    sig = [min(col) for col in zip(*rows)]
    return [
        f"{band}:{'.'.join(f'{v:x}' for v in sig[band * ROWS_PER_BAND:(band + 1) * ROWS_PER_BAND])}"
        for band in range(NUM_BANDS)
    ]


def journal_initials(name: str | None) -> str:
    """First letters of a journal's content words: "Journal of Affective Disorders" and its NLM
    abbreviation "J Affect Disord" both give "jad" — a blocking key that survives abbreviation."""
    key = journal_key(name)
    return "".join(w[0] for w in key.split() if w not in STOP_WORDS)


def first_page(pages: str | None) -> str:
    """The first page in comparable form ('' when none)."""
    first, _ = split_pages(pages)
    return first or ""


def blocking_keys(*, doi: str | None, surname: str | None, year: int | None, journals: list[str],
                  volume: str | None, pages: str | None, title: str | None, years_around: int = 0) -> list[str]:
    """Blocking keys of a record (years_around=0) or a reference (years_around=1, the ±1 year rule).

    Kinds: ``doi:<doi>``; ``ay:<first-author surname>|<year>``; ``jvp:<journal initials>|<volume>|<first
    page>``; ``mh:<band>:<hash>`` (title MinHash bands).
    """
    keys = []
    if doi:
        keys.append(f"doi:{doi.lower()}")
    s = norm_surname(surname)
    if s and year:
        keys += [f"ay:{s}|{y}" for y in range(year - years_around, year + years_around + 1)]
    vol, page = norm_number(volume), first_page(pages)
    if vol and page:
        for initials in sorted({journal_initials(j) for j in journals if j}):
            if initials:
                keys.append(f"jvp:{initials}|{vol}|{page}")
    keys += [f"mh:{b}" for b in minhash_bands(title)]
    return keys


def record_keys(message: dict) -> list[str]:
    """Blocking keys of a Crossref record."""
    first_author = next((a for a in message.get("author") or [] if isinstance(a, dict)), {})
    journals = [_first(message.get("container-title")), _first(message.get("short-container-title"))]
    return blocking_keys(
        doi=_first(message.get("DOI")), surname=_first(first_author.get("family")) or _first(first_author.get("name")),
        year=year_of(message), journals=journals, volume=_first(message.get("volume")),
        pages=_first(message.get("page")) or _first(message.get("article-number")), title=_first(message.get("title")),
    )


def citation_keys(citation) -> list[str]:
    """Blocking keys of a parsed reference (a `Citation`)."""
    return blocking_keys(
        doi=citation.doi, surname=citation.authors[0].surname if citation.authors else None, year=citation.year,
        journals=[citation.journal] if citation.journal else [], volume=citation.volume, pages=citation.pages,
        title=citation.title, years_around=1,
    )
