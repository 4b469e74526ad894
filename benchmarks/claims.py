"""How good are the leads citecheck offers for uncited research claims?  Prints figures, asserts nothing.

    python benchmarks/claims.py              # the default sample (under a minute)
    python benchmarks/claims.py --show 5     # and up to 5 examples of each failure

A clinic page writes "A 2019 study published in Pain Medicine found that ..." and cites
nothing; citecheck finds the sentence (``find_claims``) and, when it names a journal and a
year, asks Crossref for the works it may mean (``annotate_claim``).  This benchmark writes
such sentences from real records of ../shared/data/pmc-references-dev.jsonl.gz, in a few
templates, naming each journal by its full name and by its abbreviation, with the topic
paraphrased from the title three ways, and measures:

1. extraction: the claim is found, with the right year and the right journal;
2. leads, against tests/fake_crossref.py serving the records: the true work first among
   the candidates (hit@1), among them (hit@any), no candidates, only wrong candidates;
3. a control: sentences about records held out of the served corpus, whose leads can
   only be wrong.

The fake serves ~7,000 works, where Crossref holds ~150 million: a journal-year holds a few
works here and hundreds there.  So each measurement is made twice: on the records alone
(the "sparse" corpus, split by whether another work shares the journal within a year) and
with distractors added around every sampled record (the "crowded" corpus: works in its
journal and year titled with the pool's nearest titles).  The fake ranks with BM25, not
with Crossref's engine; the figures say how annotate_claim's filter behaves, not how
Crossref ranks.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "pmc-references-dev.jsonl.gz"
sys.path.insert(0, str(ROOT))

from citecheck.checker import annotate_claim  # noqa: E402
from citecheck.extract.claims import find_claims  # noqa: E402
from citecheck.matching.journals import journal_key, same_journal  # noqa: E402
from citecheck.services.crossref import CrossrefService  # noqa: E402
from citecheck.services.http import HttpTransport  # noqa: E402
from tests.fake_crossref import FakeCrossref  # noqa: E402

SEED = 0
#: Records the claim sentences are written from (served), and records held out for the control.
SAMPLE_SIZE = 1000
CONTROL_SIZE = 400
#: Share of the DOIs (by hash) kept out of the fake's corpus; the control is drawn from them.
HOLDOUT_PERCENT = 10
MAILTO = "benchmark@example.org"
#: The fake is unthrottled: pace the client far above anything it will reach.
MAX_RATE = 5000
CONCURRENCY = 8
WORKERS = 8
#: Distractors per sampled record in the crowded corpus: works in its journal within a year
#: of it, and works of its year elsewhere, titled like it (see ``distractors``).
SAME_VENUE = 20
SAME_YEAR = 20

#: How clinic pages point at research without citing it.
TEMPLATES = {
    "study published in": "A {year} study published in {journal} found that {topic}.",
    "research published": "Research published in {journal} in {year} demonstrated that {topic}.",
    "review in": "A {year} review in {journal} reported {topic}.",
    "journal study": "A {year} {journal} study found that {topic}.",
    "according to": "According to a {year} paper in {journal}, {topic}.",
}
_STOP = set("""a an the of in on for and or to with by from at as is are was were be been its their
this that these those into than via between among during after before without within
""".split())


@dataclass(frozen=True)
class Case:
    """One claim sentence and what it should lead to."""

    sentence: str
    doi: str
    year: int
    journal: str  # as the sentence writes it
    names: tuple[str, ...]  # the record's journal names
    form: str  # "full" or "abbreviation"
    template: str
    topic: str  # how the topic was paraphrased
    accompanied: bool  # another served work in the same journal within a year (sparse corpus)


def load_records() -> list[dict]:
    """The development set's records with a title, a journal and a year, one per DOI."""
    seen, records = set(), []
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)["record"]
            doi = rec["DOI"].lower()
            if doi in seen or not (rec.get("title") and rec.get("container-title") and year_of(rec)):
                continue
            seen.add(doi)
            records.append(rec)
    return records


def year_of(rec: dict) -> int | None:
    """The record's issued year."""
    parts = (rec.get("issued") or {}).get("date-parts") or [[None]]
    return parts[0][0] if parts and parts[0] else None


def held_out(rec: dict) -> bool:
    """True for a fixed share of the DOIs, never served."""
    digest = hashlib.sha1(rec["DOI"].lower().encode()).digest()
    return digest[0] * 100 // 256 < HOLDOUT_PERCENT


def as_written(name: str) -> str:
    """A journal name as an article writes it: no ': Official Journal of ...', no
    '(London, England)', no periods ("Nature Reviews. Cancer")."""
    name = re.sub(r"\([^)]*\)", " ", re.split(r" [:/] ", name)[0])
    return " ".join(name.replace(".", " ").split())


def paraphrase(title: str, style: str, rng: random.Random) -> str:
    """The title as an article retells it.

    ``tail``: lower-cased, its first two words dropped; ``words``: about half of its
    content words, in order; ``gist``: three of its content words.
    """
    words = re.findall(r"[\w'-]+", title.lower())
    content = [w for w in words if w not in _STOP and not w.isdigit()]
    if style == "tail":
        kept = words[2:] if len(words) > 4 else words
    elif style == "words":
        kept = [w for w in content if rng.random() < 0.5] or content[:2]
    else:
        kept = sorted(rng.sample(range(len(content)), min(3, len(content))))
        kept = [content[i] for i in kept]
    # A year in the topic would be read as the claim's year: keep the sentence's own.
    return " ".join(w for w in kept if not re.fullmatch(r"(?:19|20)\d\d", w))


def make_cases(records: list[dict], crowd: dict[tuple[str, int], int], rng: random.Random) -> list[Case]:
    """One sentence per record and journal form (the abbreviation only where it differs)."""
    cases = []
    for rec in records:
        year, full = year_of(rec), rec["container-title"][0]
        names = tuple(rec.get("container-title", []) + rec.get("short-container-title", []))
        forms = [("full", as_written(full))]
        short = (rec.get("short-container-title") or [""])[0]
        if short and journal_key(short) != journal_key(forms[0][1]):
            forms.append(("abbreviation", as_written(short)))
        key = journal_key(full)
        others = sum(crowd.get((key, y), 0) for y in (year - 1, year, year + 1)) - (0 if held_out(rec) else 1)
        for form, journal in forms:
            template = rng.choice(list(TEMPLATES))
            style = rng.choice(("tail", "words", "gist"))
            topic = paraphrase(rec["title"][0], style, rng)
            if template == "journal study":  # "A 2005 Journal of Ecology study", not "A 2005 The Journal ..."
                journal = re.sub(r"^The ", "", journal)
            sentence = TEMPLATES[template].format(year=year, journal=journal, topic=topic)
            cases.append(Case(sentence, rec["DOI"].lower(), year, journal, names, form, template, style, others > 0))
    return cases


def content_words(title: str) -> set[str]:
    """The title's words that say what it is about."""
    return {w for w in re.findall(r"[\w'-]+", title.lower()) if w not in _STOP and len(w) > 2 and not w.isdigit()}


def content_key(title: str) -> str:
    """A title reduced to its content words, to tell copies apart from near ones."""
    return " ".join(sorted(content_words(title)))


def distractors(targets: list[dict], pool: list[dict], rng: random.Random) -> list[dict]:
    """Works that crowd each target as Crossref's millions would: SAME_VENUE works in its
    journal within a year of it, and SAME_YEAR works of its year in other journals, titled
    with the pool's titles nearest its topic (most content words shared).  A title goes to
    a journal at most once, and never a target's own title: no distractor copies a work."""
    taken = {content_key(rec["title"][0]) for rec in targets}
    pool = [rec for rec in pool if content_key(rec["title"][0]) not in taken]
    by_word: dict[str, list[int]] = {}
    for i, rec in enumerate(pool):
        for w in content_words(rec["title"][0]):
            by_word.setdefault(w, []).append(i)
    out = []
    lent = {(journal_key(rec["container-title"][0]), content_key(rec["title"][0])) for rec in pool}
    for rec in targets:
        shared: dict[int, int] = {}
        for w in content_words(rec["title"][0]):
            for i in by_word.get(w, ()):
                shared[i] = shared.get(i, 0) + 1
        # sorted(shared): ties draw rng.random() in a fixed order, whatever PYTHONHASHSEED is.
        near = sorted(sorted(shared), key=lambda i: (-shared[i], rng.random()))
        near += rng.sample(range(len(pool)), 2 * (SAME_VENUE + SAME_YEAR))
        venue, year, made = journal_key(rec["container-title"][0]), year_of(rec), 0
        for i in dict.fromkeys(near):
            if made == SAME_VENUE + SAME_YEAR:
                break
            work = {key: value for key, value in pool[i].items() if key not in ("published-print", "published-online")}
            if made < SAME_VENUE:
                work["container-title"] = rec["container-title"]
                work["short-container-title"] = rec.get("short-container-title", [])
                work["issued"] = {"date-parts": [[year + rng.choice((-1, 0, 0, 1))]]}
            else:
                elsewhere = rng.choice(pool)
                if journal_key(elsewhere["container-title"][0]) == venue:
                    continue
                work["container-title"] = elsewhere["container-title"]
                work["short-container-title"] = elsewhere.get("short-container-title", [])
                work["issued"] = {"date-parts": [[year]]}
            key = (journal_key(work["container-title"][0]), content_key(work["title"][0]))
            if key in lent:
                continue
            lent.add(key)
            work["DOI"] = f"10.5555/claims-benchmark.{len(out)}"  # Crossref's test prefix
            out.append(work)
            made += 1
    return out


def judge_case(case: Case, service=None) -> dict:
    """Extraction, and with a ``service`` the leads, for one sentence."""
    claims = find_claims([case.sentence], ())
    out = {"found": bool(claims), "year": False, "journal": False, "named": False, "asked": False, "leads": []}
    if not claims:
        return out
    claim = claims[0]
    out["year"] = claim.year == case.year
    out["journal"] = bool(claim.journal) and same_journal(claim.journal, case.names)
    out["claim_journal"] = claim.journal
    out["named"] = bool(claim.year and claim.journal)
    if out["named"] and service is not None:
        out["asked"] = True
        said = content_words(claim.text) - content_words(claim.journal)
        # Each lead: DOI, title, journal, year, and the share of its title's content words the sentence has.
        out["leads"] = [(w.doi, w.title, w.journal, w.year, shared_share(said, w.title or ""))
                        for w in annotate_claim(claim, (), service).candidates]
    return out


def shared_share(said: set[str], title: str) -> float:
    """The share of the title's content words that the sentence uses."""
    words = content_words(title)
    return len(words & said) / len(words) if words else 0.0


def rate(k: int, n: int) -> str:
    """`0.42 (21/50)`, or a dash for n = 0."""
    return f"{k / n:5.2f} ({k:>4}/{n:<4})" if n else f"{'-':>5} {'':13}"


def print_extraction(rows: list[tuple[Case, dict]]) -> None:
    """Found / year right / journal right, per template and journal form."""
    print("\nextraction (find_claims): share of sentences")
    print(f"  {'':28s} {'found':19s} {'year right':19s} {'journal right':19s} {'year and journal':19s}")
    groups = [("all", rows)]
    groups += [(f"template: {t}", [r for r in rows if r[0].template == t]) for t in TEMPLATES]
    groups += [(f"journal: {f}", [r for r in rows if r[0].form == f]) for f in ("full", "abbreviation")]
    for name, group in groups:
        n = len(group)
        print(f"  {name:28s} {rate(sum(o['found'] for _, o in group), n)} {rate(sum(o['year'] for _, o in group), n)} "
              f"{rate(sum(o['journal'] for _, o in group), n)} {rate(sum(o['named'] for _, o in group), n)}")


def lead_counts(group: list[tuple[Case, dict]]) -> tuple[int, int, int, int]:
    """(hit@1, hit@any, no leads, only wrong leads) over a group of claims."""
    first = sum(bool(o["leads"]) and o["leads"][0][0] == c.doi for c, o in group)
    anywhere = sum(any(d == c.doi for d, *_ in o["leads"]) for c, o in group)
    none = sum(not o["leads"] for _, o in group)
    return first, anywhere, none, len(group) - anywhere - none


def print_leads(corpus: str, rows: list[tuple[Case, dict]], control: list[tuple[Case, dict]], sparse: bool) -> None:
    """hit@1, hit@any, none and only-wrong over the claims annotate_claim asked about, and the control."""
    print(f"\nleads (annotate_claim), {corpus}: share of the claims it asked about (year and journal extracted)")
    print(f"  {'':28s} {'hit@1':19s} {'hit@any':19s} {'no leads':19s} {'only wrong leads':19s}")
    asked = [(c, o) for c, o in rows if o["asked"]]
    groups = [("all", asked), ("year and journal right", [r for r in asked if r[1]["year"] and r[1]["journal"]])]
    groups += [(f"journal: {f}", [r for r in asked if r[0].form == f]) for f in ("full", "abbreviation")]
    groups += [(f"topic: {s}", [r for r in asked if r[0].topic == s]) for s in ("tail", "words", "gist")]
    if sparse:
        groups += [("others in its journal-year", [r for r in asked if r[0].accompanied]),
                   ("alone in its journal-year", [r for r in asked if not r[0].accompanied])]
    for name, group in groups:
        print(f"  {name:28s} " + " ".join(rate(k, len(group)) for k in lead_counts(group)))
    print("  control: held-out works      any leads (all wrong) mean leads")
    c_asked = [(c, o) for c, o in control if o["asked"]]
    c_groups = [("all", c_asked)]
    if sparse:
        c_groups += [("others in its journal-year", [r for r in c_asked if r[0].accompanied]),
                     ("alone in its journal-year", [r for r in c_asked if not r[0].accompanied])]
    for name, group in c_groups:
        n = len(group)
        mean = sum(len(o["leads"]) for _, o in group) / n if n else float("nan")
        print(f"    {name:26s} {rate(sum(bool(o['leads']) for _, o in group), n)}       {mean:5.2f}")


#: Shares of a lead's title words the sentence must use, tried as a floor on the first lead
#: (0.01: any one word).
SHARE_FLOORS = (0.01, 0.2, 0.3, 0.5)


def print_share_filter(rows: list[tuple[Case, dict]], control: list[tuple[Case, dict]]) -> None:
    """What a floor on the share of the first lead's title words found in the sentence would
    keep of the right first leads, and drop of the control's (all wrong) first leads."""
    right = [o["leads"][0][4] for c, o in rows if o["leads"] and o["leads"][0][0] == c.doi]
    wrong = [o["leads"][0][4] for _, o in control if o["leads"]]
    print("  a floor on the first lead's title words in the sentence: right first leads kept, control's dropped")
    for t in SHARE_FLOORS:
        print(f"    share >= {t:<4}               {rate(sum(x >= t for x in right), len(right))} "
              f"{rate(sum(x < t for x in wrong), len(wrong))}")


def show_examples(corpus: str, rows: list[tuple[Case, dict]], control: list[tuple[Case, dict]], count: int) -> None:
    """Up to ``count`` sentences of each failure kind, with what came of them."""
    named_after_in = [r for r in rows if r[0].template not in ("journal study", "according to")]
    kinds = {
        "not found as a claim": [r for r in rows if not r[1]["found"]],
        "journal wrong or missing (templates naming it after 'in')":
            [r for r in named_after_in if r[1]["found"] and not r[1]["journal"]],
        f"only wrong leads ({corpus})":
            [r for r in rows if r[1]["leads"] and not any(d == r[0].doi for d, *_ in r[1]["leads"])],
        f"no leads, year and journal right ({corpus})":
            [r for r in rows if r[1]["asked"] and r[1]["year"] and r[1]["journal"] and not r[1]["leads"]],
        f"control with leads ({corpus})": [r for r in control if r[1]["leads"]],
    }
    for kind, group in kinds.items():
        print(f"\n{kind}: {len(group)}")
        for case, out in group[:count]:
            print(f"  {case.sentence}")
            print(f"    true: {case.doi} ({case.year}); extracted journal: {out.get('claim_journal')!r}")
            for doi, title, journal, year, share in out["leads"]:
                print(f"    lead: {doi} {journal} {year} (shares {share:.2f}): {(title or '')[:90]}")


def ask(corpus: list[dict], cases: list[Case]) -> tuple[list[dict], int]:
    """Each case judged against a fake Crossref serving ``corpus``; and the searches made."""
    with FakeCrossref(corpus, rate_limit=10_000, concurrency=16) as fake:
        # Built as run.build_service builds it for --crossref-url, --max-rate and --concurrency.
        transport = HttpTransport(fake.url, mailto=MAILTO, max_rate=MAX_RATE, concurrency=CONCURRENCY)
        service = CrossrefService(transport)
        try:
            with ThreadPoolExecutor(max_workers=WORKERS) as pool:
                outcomes = list(pool.map(lambda c: judge_case(c, service), cases))
        finally:
            service.close()
        return outcomes, len(fake.requests)


def main() -> int:
    """Write the sentences, ask the fake Crossref (sparse, then crowded), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=SAMPLE_SIZE, help="served records to write claims from")
    parser.add_argument("--control", type=int, default=CONTROL_SIZE, help="held-out records for the control")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=0, help="print up to this many examples of each failure")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} is absent (../shared beside the project holds the references)")
        return 0
    start = time.perf_counter()
    records = load_records()
    served = [r for r in records if not held_out(r)]
    kept_out = [r for r in records if held_out(r)]
    crowd: dict[tuple[str, int], int] = {}
    for rec in served:
        key = (journal_key(rec["container-title"][0]), year_of(rec))
        crowd[key] = crowd.get(key, 0) + 1
    rng = random.Random(args.seed)
    sample = rng.sample(served, min(args.n, len(served)))
    control_sample = rng.sample(kept_out, min(args.control, len(kept_out)))
    cases = make_cases(sample, crowd, rng) + make_cases(control_sample, crowd, rng)
    extra = distractors(sample + control_sample, records, rng)
    control_dois = {r["DOI"].lower() for r in control_sample}
    is_control = [c.doi in control_dois for c in cases]

    print(f"claim leads: {len(records):,} records, one per DOI ({len(served):,} served, {len(kept_out):,} held out); "
          f"seed {args.seed}; {len(sample)} served records -> {sum(not c for c in is_control)} sentences, "
          f"{len(control_sample)} held-out records -> {sum(is_control)} sentences (control)")
    print_extraction([(c, judge_case(c)) for c, ctl in zip(cases, is_control) if not ctl])
    corpora = [("sparse corpus", served),
               (f"crowded corpus (+{SAME_VENUE} same-journal, +{SAME_YEAR} same-year works per sampled record)",
                served + extra)]
    searches = 0
    for corpus, works in corpora:
        outcomes, made = ask(works, cases)
        searches += made
        rows = [(c, o) for c, o, ctl in zip(cases, outcomes, is_control) if not ctl]
        control = [(c, o) for c, o, ctl in zip(cases, outcomes, is_control) if ctl]
        print_leads(f"{corpus}, {len(works):,} works", rows, control, sparse=works is served)
        print_share_filter(rows, control)
        if args.show:
            show_examples(corpus.split(" (")[0], rows, control, args.show)
    print(f"\n{searches:,} searches; {time.perf_counter() - start:.1f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
