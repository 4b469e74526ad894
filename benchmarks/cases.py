"""Labelled citation cases for the accuracy benchmark, built from the PMC development set.

Source: ``../shared/data/pmc-references-dev.jsonl.gz`` (real reference strings from PubMed
Central articles, each with its true DOI and a Crossref-shaped record).

The records are split twice, both times by a hash of the DOI so the split never moves
with ``--seed`` or ``--limit``:

* **served / kept out**: about one record in eight is kept out of the fake Crossref.
  Citing one of those is citing a real-looking work that the service does not hold,
  which the checker must call ``not_found``.
* **tune / heldout**: 80/20. The held-out slice is reported beside the tuning slice and
  must never be used to choose thresholds.

Case groups and their expected verdicts:

* ``right`` → ``verified``: the raw PMC string and the same record rendered in each CSL
  style, about half of them with the DOI.
* ``altered`` → ``mismatch`` naming exactly the altered fields: year (moved by ≥ 2 from
  every date of the record), volume, issue, pages, journal (another real journal of the
  corpus), first author (a surname from elsewhere in the corpus), two or three of these
  combined, and a wrong DOI (another served work's) on an otherwise right entry.
* ``fabricated`` → ``not_found``: kept-out works, kept-out works with an invented DOI,
  an invented title grafted onto a served work's authors, journal, volume and pages,
  and short plausible titles in the corpus's own journals.
"""

from __future__ import annotations

import copy
import gzip
import hashlib
import json
import random
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from benchmarks import styles as styles_mod

# Share of DOIs kept out of the served corpus (as a share of 100 hash buckets).
KEPT_OUT_PERCENT = 12
# Share of DOIs in the held-out slice (issue 3: 80/20).
HELDOUT_PERCENT = 20
# Share of right-work entries rendered with their DOI (the rest cite none).
WITH_DOI_PERCENT = 50
# Share of kept-out works cited with their (real, but unserved) DOI.
KEPT_OUT_WITH_DOI_PERCENT = 30
# A generated title is "made up" only when no corpus title is this similar (rapidfuzz
# token_sort_ratio, 0–100, word order ignored); 60 leaves only chance overlaps of common
# words. (token_set_ratio would reject every short title whose words a long one holds.)
MAX_INVENTED_TITLE_SIMILARITY = 60

FIELD_KEYS = ("title", "authors", "journal", "year", "volume", "issue", "pages", "doi")

RIGHT = "right"
ALTERED = "altered"
FABRICATED = "fabricated"
GROUP_EXPECTED = {RIGHT: "verified", ALTERED: "mismatch", FABRICATED: "not_found"}

# category → group. Order is the order of the printed tables.
CATEGORIES: dict[str, str] = {
    "right": RIGHT,
    "right_main_title": RIGHT,
    "right_cut_title": RIGHT,
    "right_record_short": RIGHT,
    "alter_year": ALTERED,
    "alter_volume": ALTERED,
    "alter_issue": ALTERED,
    "alter_pages": ALTERED,
    "alter_journal": ALTERED,
    "alter_author": ALTERED,
    "alter_combined": ALTERED,
    "alter_doi": ALTERED,
    "fab_kept_out": FABRICATED,
    "fab_invented_doi": FABRICATED,
    "fab_grafted_title": FABRICATED,
    "fab_short_title": FABRICATED,
    "fab_main_title": FABRICATED,
    "fab_cut_title": FABRICATED,
}

# The fields each single alteration changes; alter_combined draws two or three of these.
_SINGLE_ALTERATIONS = {
    "alter_year": "year",
    "alter_volume": "volume",
    "alter_issue": "issue",
    "alter_pages": "pages",
    "alter_journal": "journal",
    "alter_author": "authors",
}

_STOPWORDS = frozenset(
    """a an and are as at by for from in into is of on or the to with without within via
    its their than that this these those after before between during under over among
    versus vs not using use new study studies two three one""".split()
)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*|[^A-Za-z\s]+")
_DESIGNS = (
    "a randomized controlled trial",
    "a prospective cohort study",
    "a systematic review",
    "a case-control study",
    "a multicentre study",
    "results of a pilot study",
    "a population-based analysis",
)


@dataclass(frozen=True)
class Case:
    """One labelled citation: the entry as written and the verdict it should get."""

    id: str
    category: str
    group: str
    style: str
    slice: str
    source_doi: str
    expected: str
    expected_fields: tuple[str, ...]
    text: str
    with_doi: bool
    true_doi: str | None = None  # the work a real-work case cites (None when fabricated)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


@dataclass
class Corpus:
    """The PMC records, deduplicated by DOI and split into served and kept-out."""

    served: list[dict[str, Any]]
    kept_out: list[dict[str, Any]]
    raw: dict[str, str]  # DOI (lower) → the PMC reference string
    all_dois: frozenset[str] = field(default_factory=frozenset)

    def works(self) -> list[dict[str, Any]]:
        """The served records as Crossref work messages for the fake server."""
        out = []
        for record in self.served:
            work = copy.deepcopy(record)
            work["type"] = "journal-article"
            work["URL"] = f"https://doi.org/{record['DOI']}"
            work.setdefault("publisher", "PMC development set")
            out.append(work)
        return out


def bucket(salt: str, doi: str) -> int:
    """A stable 0–99 bucket for a DOI; independent of ``--seed``."""
    digest = hashlib.sha256(f"{salt}:{doi.lower()}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100


def slice_of(doi: str) -> str:
    """``heldout`` for about 20 % of DOIs, else ``tune``."""
    return "heldout" if bucket("slice", doi) < HELDOUT_PERCENT else "tune"


def _order_key(seed: int, category: str, doi: str) -> str:
    return hashlib.sha256(f"{seed}:{category}:{doi.lower()}".encode()).hexdigest()


def _rng(seed: int, *parts: str) -> random.Random:
    digest = hashlib.sha256(":".join([str(seed), *parts]).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def norm_title(title: str) -> str:
    """Lower case, letters and digits only: how titles are compared for duplicates."""
    return " ".join(re.findall(r"[a-z0-9]+", title.lower()))


def usable(record: dict[str, Any]) -> bool:
    """Leave out records the development set mangled: a DOI with a space in it
    ("10.3389/ neuro.01.002.2008"), or no named author (CSL then prints the title twice)."""
    if re.search(r"\s", record.get("DOI", "")):
        return False
    return any(a.get("family") for a in record.get("author") or [])


_NAME_WORD_RE = re.compile(r"[^\W\d_][\w'’-]+")
_NOT_SURNAMES = frozenset({"jr", "sr", "et", "al", "and", "in", "the", "eds", "ed"})


def raw_names_all_authors(record: dict[str, Any], raw: str) -> bool:
    """Whether every surname the PMC string names before the title is among the record's
    authors. The records list authors as GROBID read them, and it missed some ("Li L,
    Stoeckert CJ Jr, Roos DS" → Li, Roos); citing such a string would look like a wrong
    author list against the served record, through no fault of the checker."""
    title = record["title"][0].lower()
    where = raw.lower().find(title[:40])
    if where < 0:
        return False
    families = set()
    for author in record.get("author") or []:
        families.update(re.findall(r"[^\W\d_]+", (author.get("family") or "").lower()))
    for word in _NAME_WORD_RE.findall(raw[:where]):
        if word.isupper() or len(word) < 2 or word.lower() in _NOT_SURNAMES:
            continue  # initials ("CJ", "A-M") and connecting words
        if not set(re.findall(r"[^\W\d_]+", word.lower())) <= families:
            return False
    return True


def raw_names_record_authors(record: dict[str, Any], raw: str) -> bool:
    """Whether the PMC string names every author of the record before the title (so the
    record's list is the cited one with names left out, never another one)."""
    title = record["title"][0].lower()
    where = raw.lower().find(title[:40])
    if where < 0:
        return False
    cited = {w.lower() for w in _NAME_WORD_RE.findall(raw[:where])}
    for author in record.get("author") or []:
        if not set(re.findall(r"[^\W\d_][\w'’-]+", (author.get("family") or "").lower())) <= cited:
            return False
    return bool(record.get("author"))


def load_corpus(path: Path) -> Corpus:
    """Read the PMC development set and split it into served and kept-out records."""
    seen: set[str] = set()
    records: list[dict[str, Any]] = []
    raw: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            doi = row["doi"].lower()
            if doi in seen or not usable(row["record"]):
                continue
            seen.add(doi)
            records.append(row["record"])
            raw[doi] = " ".join(row["reference"].split())
    served = [r for r in records if bucket("kept-out", r["DOI"]) >= KEPT_OUT_PERCENT]
    served_titles = {norm_title(r["title"][0]) for r in served}
    kept_out = [
        r
        for r in records
        if bucket("kept-out", r["DOI"]) < KEPT_OUT_PERCENT
        # A kept-out work whose title a served work shares is not absent from the corpus.
        and norm_title(r["title"][0]) not in served_titles
    ]
    return Corpus(served=served, kept_out=kept_out, raw=raw, all_dois=frozenset(seen))


# --- dates and fields -------------------------------------------------------------------


def main_title_of(record: dict[str, Any]) -> str | None:
    """The record's title before its subtitle ("Main title: subtitle"), or None when it has
    none, when the record keeps the subtitle apart, when the main title is one word, or when
    the subtitle is shorter than the main title (then the two titles are alike enough for
    the usual title rule, and these cases would not measure the rule for main titles)."""
    if record.get("subtitle"):
        return None
    main, sep, rest = record["title"][0].partition(": ")
    words = len(norm_title(main).split())
    if not sep or words < 2 or len(norm_title(rest).split()) < words:
        return None
    return main.strip()


#: the fewest words of a title cut short in the cut-title cases
CUT_TITLE_MIN_WORDS = 12


def cut_title_of(record: dict[str, Any]) -> str | None:
    """A long title without subtitle cut to its first two thirds of words ("Consensus
    guidelines on the use of intravenous ketamine infusions for acute pain management" of
    "… From the American Society of …"), or None when the title is shorter or has a subtitle."""
    title = record["title"][0]
    words = title.split()
    if record.get("subtitle") or ": " in title or len(words) < CUT_TITLE_MIN_WORDS:
        return None
    return " ".join(words[: 2 * len(words) // 3]).rstrip(",;:-–")


#: category -> (the part of a record's title it cites, whether the citation is right)
PART_TITLE_CATEGORIES = {
    "right_main_title": (main_title_of, True),
    "right_cut_title": (cut_title_of, True),
    "fab_main_title": (main_title_of, False),
    "fab_cut_title": (cut_title_of, False),
}


def record_years(record: dict[str, Any]) -> set[int]:
    """Every year among the record's dates (issued, published-print, published-online)."""
    years = set()
    for key in ("issued", "published-print", "published-online"):
        parts = (record.get(key) or {}).get("date-parts") or []
        if parts and parts[0] and parts[0][0]:
            years.add(int(parts[0][0]))
    return years


def _first_page(page: str) -> int | None:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", page or "")
    return int(match.group(1)) if match else None


def _alter(
    field_name: str,
    record: dict[str, Any],
    rng: random.Random,
    pools: "_Pools",
) -> tuple[dict[str, Any], str] | None:
    """A copy of ``record`` with one field made wrong, and a note; None when not possible."""
    new = copy.deepcopy(record)
    if field_name == "year":
        years = record_years(record)
        if not years:
            return None
        base = min(years)
        for _ in range(20):
            year = base + rng.choice([-1, 1]) * rng.randint(2, 6)
            if all(abs(year - y) >= 2 for y in years) and year <= 2025:
                new["issued"] = {"date-parts": [[year]]}
                return new, f"year {base}→{year}"
        return None
    if field_name == "volume":
        if not re.fullmatch(r"\d+", record.get("volume") or ""):
            return None
        old = int(record["volume"])
        value = old + rng.choice([-1, 1]) * rng.randint(1, 12)
        if value < 1:
            value = old + rng.randint(1, 12)
        new["volume"] = str(value)
        return new, f"volume {old}→{value}"
    if field_name == "issue":
        if not re.fullmatch(r"\d+", record.get("issue") or ""):
            return None
        old = int(record["issue"])
        value = old + rng.randint(1, 6) if old <= 6 else old - rng.randint(1, 6)
        new["issue"] = str(value)
        return new, f"issue {old}→{value}"
    if field_name == "pages":
        match = re.fullmatch(r"(\d+)(?:-(\d+))?", record.get("page") or "")
        if not match:
            return None
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else None
        span = (last - first) if last is not None and last >= first else 0
        shift = rng.randint(span + 10, span + 400)
        if first - shift > 0 and rng.random() < 0.5:
            shift = -shift
        start = first + shift
        new["page"] = f"{start}-{start + span}" if last is not None else str(start)
        return new, f"pages {record['page']}→{new['page']}"
    if field_name == "journal":
        own = {norm_title(t) for t in record.get("container-title", []) + record.get("short-container-title", [])}
        for _ in range(50):
            other = rng.choice(pools.journal_records)
            names = {norm_title(t) for t in other["container-title"] + other["short-container-title"]}
            if names & own:
                continue
            new["container-title"] = list(other["container-title"])
            new["short-container-title"] = list(other["short-container-title"])
            return new, f"journal {record['container-title'][0]}→{other['container-title'][0]}"
        return None
    if field_name == "authors":
        authors = record.get("author") or []
        if not authors or not authors[0].get("family"):
            return None
        own = {(a.get("family") or "").lower() for a in authors}
        for _ in range(50):
            surname = rng.choice(pools.surnames)
            if surname.lower() in own or len(surname) < 3:
                continue
            new["author"][0] = {**authors[0], "family": surname}
            return new, f"first author {authors[0]['family']}→{surname}"
        return None
    raise ValueError(field_name)


# --- invented things --------------------------------------------------------------------


@dataclass
class _Pools:
    """Material drawn from the corpus to make wrong details and fabrications look real."""

    surnames: list[str]
    journal_records: list[dict[str, Any]]
    words_by_journal: dict[str, list[str]]
    all_words: list[str]
    titles: list[str]
    doi_prefixes: list[str]
    known_dois: frozenset[str]


def _pools(corpus: Corpus) -> _Pools:
    surnames = sorted(
        {
            a["family"]
            for r in corpus.served + corpus.kept_out
            for a in r.get("author") or []
            if a.get("family") and re.fullmatch(r"[A-Z][a-z]+", a["family"])
        }
    )
    by_journal: dict[str, dict[str, None]] = defaultdict(dict)
    all_words: dict[str, None] = {}
    for r in corpus.served:
        journal = r["container-title"][0]
        for phrase in title_phrases(r["title"][0]):
            by_journal[journal][phrase] = None
            all_words[phrase] = None
    journals: dict[str, dict[str, Any]] = {}
    for r in corpus.served:
        journals.setdefault(r["container-title"][0], r)
    prefixes = sorted({r["DOI"].split("/", 1)[0] for r in corpus.served})
    return _Pools(
        surnames=surnames,
        journal_records=list(journals.values()),
        words_by_journal={j: list(w) for j, w in by_journal.items()},
        all_words=list(all_words),
        titles=[r["title"][0] for r in corpus.served + corpus.kept_out],
        doi_prefixes=prefixes,
        known_dois=corpus.all_dois,
    )


def title_phrases(title: str) -> list[str]:
    """Runs of one or two content words in a title ("bone marrow", "HIV"), as material
    for invented titles; plain capitalised words are lower-cased, acronyms kept."""
    phrases: list[str] = []
    run: list[str] = []
    for token in _TOKEN_RE.findall(title) + ["."]:
        word = token.lower() if token[:1].isupper() and token[1:].islower() else token
        if token[:1].isalpha() and len(token) >= 3 and token.lower() not in _STOPWORDS:
            run.append(word)
            continue
        while run:
            size = 2 if len(run) >= 2 else 1
            phrases.append(" ".join(run[:size]))
            run = run[size:]
    return phrases


class _TitleChecker:
    """Says whether an invented title is far enough from every corpus title."""

    def __init__(self, titles: list[str]) -> None:
        self._titles = [norm_title(t) for t in titles]
        try:
            from rapidfuzz import fuzz, process
        except ImportError:  # pragma: no cover - rapidfuzz is a bench dependency
            self._process = None
            self._index = {frozenset(t.split()) for t in self._titles}
        else:
            self._process, self._fuzz = process, fuzz

    def is_new(self, title: str) -> bool:
        normalized = norm_title(title)
        if self._process is None:
            words = frozenset(normalized.split())
            return all(len(words & t) / max(1, len(words | t)) < 0.5 for t in self._index)
        best = self._process.extractOne(
            normalized,
            self._titles,
            scorer=self._fuzz.token_sort_ratio,
            score_cutoff=MAX_INVENTED_TITLE_SIMILARITY,
        )
        return best is None


def _invent_title(rng: random.Random, phrases: list[str], short: bool) -> str:
    chosen = iter(rng.sample(phrases, 4))

    def pick(_n: int = 1) -> str:
        return next(chosen)

    if short:
        templates = [
            lambda: f"{pick()} in {pick()}",
            lambda: f"{pick()}",
            lambda: f"{pick()} and {pick()}",
            lambda: f"Update on {pick()}",
            lambda: f"{pick()}: a review",
            lambda: f"{pick()} after {pick()}",
        ]
    else:
        templates = [
            lambda: f"Effect of {pick()} on {pick()} in {pick()}",
            lambda: f"{pick()} and {pick()}: {rng.choice(_DESIGNS)}",
            lambda: f"Association between {pick()} and {pick()} in {pick()}",
            lambda: f"Role of {pick()} in {pick()}",
            lambda: f"{pick()} modulates {pick()} during {pick()}",
            lambda: f"Long-term outcomes of {pick()} in patients with {pick()}",
            lambda: f"{pick()} as a predictor of {pick()} after {pick()}",
            lambda: f"{pick()} {pick()} in {pick()}",
        ]
    title = rng.choice(templates)()
    return title[0].upper() + title[1:]


def _invented_doi(rng: random.Random, pools: _Pools, year: int) -> str:
    """A DOI shaped like a real one that no work in the corpus (or anywhere) holds."""
    for _ in range(100):
        kind = rng.randrange(4)
        prefix = rng.choice(pools.doi_prefixes)
        if kind == 0:
            journal = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(3, 6)))
            suffix = f"j.{journal}.{year}.{rng.randint(1, 12):02d}.{rng.randint(1, 999):03d}"
        elif kind == 1:
            suffix = f"s{rng.randint(10000, 99999)}-{year % 100:02d}{rng.randint(0, 99):02d}-{rng.randint(1000, 9999)}-{rng.randint(0, 9)}"
        elif kind == 2:
            prefix = f"10.{rng.randint(50000, 99999)}"
            suffix = "".join(rng.choice("abcdefghjkmnpqrstuvwxyz0123456789") for _ in range(8))
        else:
            suffix = f"{rng.choice(['jama', 'nm', 'ncomms', 'bmj', 'pone', 'cid'])}.{year}.{rng.randint(1000, 99999)}"
        doi = f"{prefix}/{suffix}"
        if doi.lower() not in pools.known_dois:
            return doi
    raise RuntimeError("could not invent a DOI")


def _fake_authors(rng: random.Random, pools: _Pools) -> list[dict[str, str]]:
    count = rng.choice([1, 2, 3, 3, 4, 5, 6])
    out = []
    for i, surname in enumerate(rng.sample(pools.surnames, count)):
        initials = "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.choice([1, 1, 2])))
        out.append({"given": initials, "family": surname, "sequence": "first" if i == 0 else "additional"})
    return out


# --- building the cases -----------------------------------------------------------------


class CaseBuilder:
    """Builds the labelled cases; every random choice is seeded by (seed, category, DOI)."""

    def __init__(self, corpus: Corpus, seed: int, style_labels: list[str]) -> None:
        self.corpus = corpus
        self.seed = seed
        self.styles = list(style_labels)  # CSL labels; RAW_STYLE is added where it fits
        self.pools = _pools(corpus)
        self._title_checker = _TitleChecker(self.pools.titles)
        self._served_dois = [r["DOI"] for r in corpus.served]
        self._served_by_doi = {r["DOI"].lower(): r for r in corpus.served}
        #: PMC strings not used as right citations: they name authors the record lacks.
        self.raw_left_out = 0

    def _ordered(self, records: Iterable[dict[str, Any]], category: str, slice_name: str) -> list[dict[str, Any]]:
        chosen = [r for r in records if slice_of(r["DOI"]) == slice_name]
        return sorted(chosen, key=lambda r: _order_key(self.seed, category, r["DOI"]))

    def _case(
        self,
        category: str,
        style: str,
        record: dict[str, Any],
        text: str,
        *,
        with_doi: bool,
        fields: Iterable[str] = (),
        true_doi: str | None = None,
        note: str = "",
    ) -> Case:
        group = CATEGORIES[category]
        doi = record["DOI"]
        return Case(
            id=f"{category}:{style}:{doi}",
            category=category,
            group=group,
            style=style,
            slice=slice_of(doi),
            source_doi=doi,
            expected=GROUP_EXPECTED[group],
            expected_fields=tuple(sorted(fields)),
            text=text,
            with_doi=with_doi,
            true_doi=true_doi,
            note=note,
        )

    def _with_doi(self, category: str, doi: str, style: str, percent: int) -> bool:
        return bucket(f"{self.seed}:doi:{category}:{style}", doi) < percent

    def build(self, limit: int, slices: list[str]) -> list[Case]:
        """All cases: ``limit`` per category and slice (per style too for right works)."""
        cases: list[Case] = []
        for slice_name in slices:
            cases += self.right(limit, slice_name)
            for category in _SINGLE_ALTERATIONS:
                cases += self.altered(category, limit, slice_name)
            cases += self.altered("alter_combined", limit, slice_name)
            cases += self.wrong_doi(limit, slice_name)
            cases += self.kept_out(limit, slice_name)
            cases += self.invented_doi(limit, slice_name)
            cases += self.grafted(limit, slice_name)
            cases += self.short_titles(limit, slice_name)
            for category in PART_TITLE_CATEGORIES:
                cases += self.titles_in_part(category, limit, slice_name)
            cases += self.record_short(limit, slice_name)
        return cases

    def _style_cycle(self, category: str, with_raw: bool) -> Iterator[str]:
        labels = ([styles_mod.RAW_STYLE] if with_raw else []) + self.styles
        rng = _rng(self.seed, "styles", category)
        while True:
            order = labels[:]
            rng.shuffle(order)
            yield from order

    def right(self, limit: int, slice_name: str) -> list[Case]:
        """The same ``limit`` served works, as printed in PMC and in every CSL style."""
        out = []
        for record in self._ordered(self.corpus.served, "right", slice_name)[:limit]:
            doi = record["DOI"]
            raw = self.corpus.raw[doi.lower()]
            if raw_names_all_authors(record, raw):
                out.append(self._case("right", styles_mod.RAW_STYLE, record, raw,
                                      with_doi=doi.lower() in raw.lower(), true_doi=doi))
            else:
                self.raw_left_out += 1
            for style in self.styles:
                with_doi = self._with_doi("right", doi, style, WITH_DOI_PERCENT)
                text = styles_mod.render(record, style, with_doi=with_doi)
                out.append(self._case("right", style, record, text, with_doi=with_doi, true_doi=doi))
        return out

    def record_short(self, limit: int, slice_name: str) -> list[Case]:
        """Served works as printed in PMC, where the string names authors the record lacks
        (GROBID missed them; Crossref's own records stop short too): right citations whose
        every published author is cited, with names more."""
        out = []
        for record in self._ordered(self.corpus.served, "right_record_short", slice_name):
            if len(out) >= limit:
                break
            doi = record["DOI"]
            raw = self.corpus.raw[doi.lower()]
            if not raw_names_all_authors(record, raw) and raw_names_record_authors(record, raw):
                out.append(self._case("right_record_short", styles_mod.RAW_STYLE, record, raw,
                                      with_doi=doi.lower() in raw.lower(), true_doi=doi))
        return out

    def altered(self, category: str, limit: int, slice_name: str) -> list[Case]:
        """Served works with one field (or two or three, when combined) made wrong."""
        out = []
        style_cycle = self._style_cycle(category, with_raw=False)
        for record in self._ordered(self.corpus.served, category, slice_name):
            if len(out) >= limit:
                break
            rng = _rng(self.seed, category, record["DOI"])
            if category == "alter_combined":
                options = [f for f in _SINGLE_ALTERATIONS.values()]
                wanted = rng.sample(options, rng.choice([2, 2, 3]))
            else:
                wanted = [_SINGLE_ALTERATIONS[category]]
            changed, notes, singles = record, [], []
            for name in wanted:
                result = _alter(name, changed, rng, self.pools)
                if result is None:
                    break
                single = _alter(name, record, _rng(self.seed, category, record["DOI"], name), self.pools)
                changed, note = result
                notes.append(note)
                singles.append(single[0] if single else result[0])
            else:
                # Not every style prints every field (BMJ, Lancet, Nature print no issue):
                # take the next style in which each altered field shows.
                for _ in range(len(self.styles)):
                    style = next(style_cycle)
                    with_doi = self._with_doi(category, record["DOI"], style, WITH_DOI_PERCENT)
                    plain = styles_mod.render(record, style, with_doi=with_doi)
                    if all(styles_mod.render(one, style, with_doi=with_doi) != plain for one in singles):
                        break
                else:
                    continue
                text = styles_mod.render(changed, style, with_doi=with_doi)
                out.append(self._case(category, style, record, text, with_doi=with_doi, fields=wanted,
                                      true_doi=record["DOI"], note="; ".join(notes)))
        return out

    def wrong_doi(self, limit: int, slice_name: str) -> list[Case]:
        """A right entry that carries another served work's DOI."""
        out = []
        style_cycle = self._style_cycle("alter_doi", with_raw=False)
        for record in self._ordered(self.corpus.served, "alter_doi", slice_name)[:limit]:
            rng = _rng(self.seed, "alter_doi", record["DOI"])
            other = record["DOI"]
            while other.lower() == record["DOI"].lower():
                other = rng.choice(self._served_dois)
            style = next(style_cycle)
            text = styles_mod.render(record, style, with_doi=True, doi=other)
            out.append(self._case("alter_doi", style, record, text, with_doi=True, fields=["doi"],
                                  true_doi=record["DOI"], note=f"doi {record['DOI']}→{other}"))
        return out

    def kept_out(self, limit: int, slice_name: str) -> list[Case]:
        """Real works the fake Crossref does not serve, as printed in PMC or in a style."""
        out = []
        style_cycle = self._style_cycle("fab_kept_out", with_raw=True)
        for record in self._ordered(self.corpus.kept_out, "fab_kept_out", slice_name)[:limit]:
            style = next(style_cycle)
            doi = record["DOI"]
            if style == styles_mod.RAW_STYLE:
                text = self.corpus.raw[doi.lower()]
                with_doi = doi.lower() in text.lower()
            else:
                with_doi = self._with_doi("fab_kept_out", doi, style, KEPT_OUT_WITH_DOI_PERCENT)
                text = styles_mod.render(record, style, with_doi=with_doi)
            out.append(self._case("fab_kept_out", style, record, text, with_doi=with_doi,
                                  note="work kept out of the served corpus"))
        return out

    def invented_doi(self, limit: int, slice_name: str) -> list[Case]:
        """Kept-out works cited with a DOI that no agency registered."""
        out = []
        style_cycle = self._style_cycle("fab_invented_doi", with_raw=False)
        for record in self._ordered(self.corpus.kept_out, "fab_invented_doi", slice_name)[:limit]:
            rng = _rng(self.seed, "fab_invented_doi", record["DOI"])
            year = min(record_years(record) or {2015})
            doi = _invented_doi(rng, self.pools, year)
            style = next(style_cycle)
            text = styles_mod.render(record, style, with_doi=True, doi=doi)
            out.append(self._case("fab_invented_doi", style, record, text, with_doi=True,
                                  note=f"kept-out work with invented DOI {doi}"))
        return out

    def grafted(self, limit: int, slice_name: str) -> list[Case]:
        """A made-up title on a served work's authors, journal, year, volume and pages."""
        out = []
        style_cycle = self._style_cycle("fab_grafted_title", with_raw=False)
        for record in self._ordered(self.corpus.served, "fab_grafted_title", slice_name):
            if len(out) >= limit:
                break
            rng = _rng(self.seed, "fab_grafted_title", record["DOI"])
            words = self.pools.words_by_journal.get(record["container-title"][0], [])
            if len(words) < 12:
                words = self.pools.all_words
            title = self._new_title(rng, words, short=False)
            if title is None:
                continue
            fake = copy.deepcopy(record)
            fake["title"] = [title]
            style = next(style_cycle)
            text = styles_mod.render(fake, style, with_doi=False)
            out.append(self._case("fab_grafted_title", style, record, text, with_doi=False,
                                  note=f"title {record['title'][0]!r} replaced"))
        return out

    def short_titles(self, limit: int, slice_name: str) -> list[Case]:
        """Short plausible titles by corpus surnames in a journal of the corpus."""
        out = []
        style_cycle = self._style_cycle("fab_short_title", with_raw=False)
        for record in self._ordered(self.corpus.served, "fab_short_title", slice_name):
            if len(out) >= limit:
                break
            rng = _rng(self.seed, "fab_short_title", record["DOI"])
            words = self.pools.words_by_journal.get(record["container-title"][0], [])
            if len(words) < 12:
                words = self.pools.all_words
            title = self._new_title(rng, words, short=True)
            if title is None:
                continue
            year = rng.randint(1985, 2022)
            first = rng.randint(1, 2400)
            fake = {
                "DOI": record["DOI"],
                "title": [title],
                "container-title": record["container-title"],
                "short-container-title": record["short-container-title"],
                "volume": str(rng.randint(1, 160)),
                "page": f"{first}-{first + rng.randint(2, 14)}",
                "author": _fake_authors(rng, self.pools),
                "issued": {"date-parts": [[year]]},
            }
            style = next(style_cycle)
            text = styles_mod.render(fake, style, with_doi=False)
            out.append(self._case("fab_short_title", style, record, text, with_doi=False,
                                  note=f"invented title in {record['container-title'][0]}"))
        return out

    def titles_in_part(self, category: str, limit: int, slice_name: str) -> list[Case]:
        """Served works cited by part of their title (PART_TITLE_CATEGORIES: the title before
        its subtitle, or a long title's first two thirds), as clinic pages often cite them
        ("Synaptic plasticity and depression"); in the fab_ categories under another served
        work's authors, journal, year, volume and pages: then a citation of no published work."""
        title_of, right = PART_TITLE_CATEGORIES[category]
        out = []
        style_cycle = self._style_cycle(category, with_raw=False)
        for record in self._ordered(self.corpus.served, category, slice_name):
            if len(out) >= limit:
                break
            part = title_of(record)
            if part is None:
                continue
            if right:
                cited, note = copy.deepcopy(record), "title cited in part"
            else:
                rng = _rng(self.seed, category, record["DOI"])
                other = record["DOI"]
                while other.lower() == record["DOI"].lower():
                    other = rng.choice(self._served_dois)
                cited, note = copy.deepcopy(self._served_by_doi[other.lower()]), f"on the details of {other}"
            cited["title"] = [part]
            style = next(style_cycle)
            text = styles_mod.render(cited, style, with_doi=False)
            out.append(self._case(category, style, record, text, with_doi=False,
                                  true_doi=record["DOI"] if right else None, note=f"{part!r}: {note}"))
        return out

    def _new_title(self, rng: random.Random, words: list[str], short: bool) -> str | None:
        for _ in range(20):
            title = _invent_title(rng, words, short)
            if self._title_checker.is_new(title):
                return title
        return None
