"""Synthetic Crossref-shaped records and reference strings, for the scale benchmarks.

How they are made (issue 8 asks that they be drawn from learnt distributions, not copied):
a `Model` reads ``../shared/data/pmc-references-dev.jsonl.gz`` (7,765 real records) and keeps
only *marginal* distributions: the frequency of each title word, the title length in words,
the number of authors, surnames and given initials, journal (full name, NLM short name) pairs,
years, volumes, issues, first pages and page spans. Each synthetic record draws every field
independently from those distributions: its title is a sequence of words sampled by frequency
(so the index sees a realistic vocabulary and word-frequency curve, and no real title is
reproduced: the chance of drawing one of the 7,765 real 12-word titles word by word is nil),
its authors are surnames drawn independently, its journal is a real journal name with a real
volume range of some other journal. A quarter of the records get a made-up journal
("<Word> <Word> Research", abbreviated the NLM way) so that the index holds ~20,000 venues
rather than the ~2,600 the dev set names. DOIs use Crossref's test prefix 10.5555.

Reference strings are rendered from records in Vancouver style ("Surname AB, ... Title.
Journal. 2019;12(3):345-56.") with four kinds: right (`verified` expected), a wrong year
(`mismatch`), a fabricated work absent from the records (`not_found`) and a right citation with
its DOI.
"""

from __future__ import annotations

import bisect
import gzip
import itertools
import json
import random
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "data" / "pmc-references-dev.jsonl.gz"
#: Crossref's prefix for test DOIs: nothing real lives under it.
SYNTHETIC_PREFIX = "10.5555"
#: Share of records given a made-up journal, to widen the venue distribution.
MADE_UP_JOURNAL_SHARE = 0.25
#: Share of records carrying a retraction notice (real Crossref: ~0.03%; raised so runs see some).
RETRACTED_SHARE = 0.002
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+|\d+")


class _Sampler:
    """Draws values with their observed frequencies (cumulative table + bisect)."""

    def __init__(self, counter: Counter):
        self.values = list(counter)
        self.cum = list(itertools.accumulate(counter[v] for v in self.values))

    def __call__(self, rng: random.Random):
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


class Model:
    """Marginal distributions learnt from the PMC dev set."""

    def __init__(self, path: Path = DEV_SET):
        if not path.exists():
            raise FileNotFoundError(f"{path} is absent: the synthetic data is learnt from it")
        words, lengths, n_authors, surnames, givens = Counter(), Counter(), Counter(), Counter(), Counter()
        journals, years, volumes, issues, first_pages, spans = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
        journal_words = Counter()
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                rec = json.loads(line)["record"]
                title = (rec.get("title") or [""])[0]
                toks = _WORD.findall(title)
                if toks:
                    lengths[len(toks)] += 1
                    words.update(t.lower() if not t.isupper() else t for t in toks)
                authors = rec.get("author") or []
                n_authors[len(authors)] += 1
                for a in authors:
                    if a.get("family"):
                        surnames[a["family"]] += 1
                    if a.get("given"):
                        givens[a["given"]] += 1
                full = (rec.get("container-title") or [""])[0]
                short = (rec.get("short-container-title") or [full])[0]
                if full:
                    journals[(full, short)] += 1
                    journal_words.update(w for w in _WORD.findall(full) if len(w) > 4 and w[0].isupper())
                years[(rec.get("issued") or {}).get("date-parts", [[None]])[0][0]] += 1
                volumes[rec.get("volume")] += 1
                issues[rec.get("issue")] += 1
                m = re.match(r"(\d+)(?:-(\d+))?", rec.get("page") or "")
                if m:
                    first_pages[int(m.group(1))] += 1
                    if m.group(2):
                        spans[max(0, min(40, int(m.group(2)) - int(m.group(1)) if len(m.group(2)) >= len(m.group(1)) else 7))] += 1
        self.word, self.length, self.n_authors = _Sampler(words), _Sampler(lengths), _Sampler(n_authors)
        self.surname, self.given, self.journal = _Sampler(surnames), _Sampler(givens), _Sampler(journals)
        self.year, self.volume, self.issue = _Sampler(years), _Sampler(volumes), _Sampler(issues)
        self.first_page, self.span = _Sampler(first_pages), _Sampler(spans or Counter({8: 1}))
        self.journal_word = _Sampler(journal_words)

    def title(self, rng: random.Random) -> str:
        """A title of sampled words."""
        n = max(3, self.length(rng))
        text = " ".join(self.word(rng) for _ in range(n))
        return text[:1].upper() + text[1:]

    def _made_up_journal(self, rng: random.Random) -> tuple[str, str]:
        a, b = self.journal_word(rng), self.journal_word(rng)
        return f"{a} and {b} Research", f"{a[:5]} {b[:4]} Res"

    def record(self, rng: random.Random, doi: str) -> dict:
        """One Crossref work message."""
        full, short = self._made_up_journal(rng) if rng.random() < MADE_UP_JOURNAL_SHARE else self.journal(rng)
        year = self.year(rng) or 2010
        first = self.first_page(rng)
        authors = [{"given": self.given(rng), "family": self.surname(rng),
                    "sequence": "first" if i == 0 else "additional"} for i in range(max(1, self.n_authors(rng)))]
        msg = {
            "DOI": doi, "type": "journal-article", "title": [self.title(rng)],
            "container-title": [full], "short-container-title": [short],
            "volume": self.volume(rng) or str(rng.randint(1, 80)), "author": authors,
            "issued": {"date-parts": [[year]]}, "published-print": {"date-parts": [[year]]},
            "page": f"{first}-{first + self.span(rng)}", "ISSN": [f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"],
        }
        issue = self.issue(rng)
        if issue:
            msg["issue"] = issue
        if rng.random() < RETRACTED_SHARE:
            msg["updated-by"] = [{"type": "retraction", "DOI": f"{doi}.retraction", "source": "publisher",
                                  "updated": {"date-parts": [[year + 2, 1, 1]]}}]
        return msg

    def records(self, n: int, seed: int = 1, start: int = 0):
        """`n` records with DOIs 10.5555/syn.<seed>.<i>; the same seed gives the same records."""
        for i in range(start, start + n):
            rng = random.Random(seed * 1_000_003 + i)
            yield self.record(rng, f"{SYNTHETIC_PREFIX}/syn.{seed}.{i}")


def vancouver(msg: dict, *, year: int | None = None, with_doi: bool = False) -> str:
    """A Vancouver-style reference string for a record."""
    names = []
    for a in msg.get("author", [])[:6]:
        initials = "".join(p[0] for p in re.split(r"[\s.-]+", a.get("given", "")) if p)
        names.append(f"{a['family']} {initials}".strip())
    if len(msg.get("author", [])) > 6:
        names.append("et al")
    y = year or msg["issued"]["date-parts"][0][0]
    issue = f"({msg['issue']})" if msg.get("issue") else ""
    first, _, last = msg["page"].partition("-")
    text = (f"{', '.join(names)}. {msg['title'][0]}. {msg['short-container-title'][0]}. "
            f"{y};{msg['volume']}{issue}:{first}-{last}.")
    if with_doi:
        text += f" doi:{msg['DOI']}"
    return text


#: Kinds of reference and their shares; the expected verdict of each.
REFERENCE_KINDS = (("right", 0.55, "verified"), ("doi", 0.15, "verified"),
                   ("wrong_year", 0.15, "mismatch"), ("invented", 0.15, "not_found"))


def references(model: Model, n: int, n_records: int, seed: int = 1, ref_seed: int = 7):
    """`n` labelled reference strings citing the first `n_records` records of `seed`.

    Yields {"id", "reference", "kind", "expected"}.
    """
    rng = random.Random(ref_seed)
    cum = list(itertools.accumulate(share for _, share, _ in REFERENCE_KINDS))
    for i in range(n):
        kind, _, expected = REFERENCE_KINDS[bisect.bisect_right(cum, rng.random() * cum[-1])]
        if kind == "invented":
            msg = model.record(rng, f"{SYNTHETIC_PREFIX}/invented.{i}")
            text = vancouver(msg)
        else:
            j = rng.randrange(n_records)
            msg = model.record(random.Random(seed * 1_000_003 + j), f"{SYNTHETIC_PREFIX}/syn.{seed}.{j}")
            year = msg["issued"]["date-parts"][0][0]
            text = vancouver(msg, year=year + 3 if kind == "wrong_year" else None, with_doi=kind == "doi")
        yield {"id": f"r{i}", "reference": text, "kind": kind, "expected": expected}
