"""The extraction's fast paths give what the plain formulations they replace give.

Each fast path (a regex written to start with a literal, a cheap test before a
regex, a search begun where a match can first open) is compared with the plain
regex or code it stands for, over random text built from the words, marks and
odd characters (İ, ı, ſ, K, non-ASCII digits and spaces) those patterns care about.
No timing here: only equality.
"""

from __future__ import annotations

import codecs
import dataclasses
import random
import re
import unicodedata

import pytest

from citecheck.extract import claims, html, intext, references, text
from citecheck.extract.interface import ExtractError
from citecheck.models import Author, Citation, Claim, InText

ROUNDS = 3000

TOKENS = (
    "study", "studies", "STUDIES", "trial", "trials", "industrial", "meta-analysis", "meta-analyses",
    "systematic review", "review", "reviews", "research", "researchers", "scientists", "survey", "analysis",
    "analyses", "paper", "report", "reports", "reported", "experiments", "investigation", "findings", "data",
    "database", "evidence", "found", "finds", "showed", "shown", "show", "demonstrated", "confirms", "indicated",
    "suggests", "revealed", "concluded", "proved", "proven", "published", "documented", "established", "supported",
    "in", "In", "by", "the", "journal", "The", "Lancet", "Journal", "of", "Pain", "Medicine", "JAMA", "according",
    "According", "to", "a", "one", "1950", "1949", "2019", "2018a", "19", "20", "(2012)", "(Zheng et al., 2019)",
    "et al.", "Dr.", "e.g.", "i.e.", "vs.", "No.", "A.", "clinical", "İ", "ı", "ſ", "\u212a", "i\u0307",
    "stud\u0131es", "ſtudy", "é", "data2", "_data", "ｄata", "٢٠١٩", "2٠19", "¹", "²³", "⁴⁻⁵", "http://x.org",
    "https://doi.org/10.1000/abc", "www.x.com", "httpſ://x", "HTTP://X", "10.1234/abc", "doi:10.1234/x", "see",
    "See also", "e.g.,", "cf.", "Smith", "Müller", "study in", "published in The Journal of Pain",
    "review in the journal Pain Medicine", "trial\tin  The Lancet", "a 2019 Journal of Pain study",
    "2019 JAMA trial", "Research has shown", "studies show", "shown in several studies",
    "According to a 2019 study", "data suggest", "clinical trials have demonstrated", "documented by three trials",
    "paper in Nature", "xstudy in", "paper\xa0in The BMJ",
)
MARKS = (" ", " ", " ", "  ", ". ", ", ", "[5]", "[1,2]", "[3-4]", "[", "]", "; ", ": ", "(", ")", "[", "]", "-", "–", "\"", "“", "”", "’", "!", "? ",
         "\n", "\t", "\xa0", "\u2009", "\u3000", "\x1c", "•", "*", "/", ".\n", "..", "?", "!")


def _texts(seed: int, rounds: int = ROUNDS):
    rng = random.Random(seed)
    for _ in range(rounds):
        yield "".join(rng.choice(TOKENS) if rng.random() < 0.6 else rng.choice(MARKS)
                      for _ in range(rng.randint(0, 40)))


def _span(m: re.Match | None):
    return None if m is None else (m.span(), m.group())


# --- claims -----------------------------------------------------------------

PLAIN_YEAR_RE = re.compile(r"(?<![\d(,])\b(?:19[5-9]\d|20\d\d)\b(?![)\d])")
PLAIN_JOURNAL_BEFORE_RE = re.compile(
    rf"\b(?:19|20)\d\d\s+(?P<journal>{claims._JOURNAL})"
    r"\s+(?:study|trial|meta-analysis|review|paper|article|analysis)\b")


PLAIN_MARKER_RE = re.compile(r"\[\d[\d,\s–-]*\]")
PLAIN_OPENERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\"“‘(•"


def _plain_split_at_ends(text: str) -> list[str]:
    """Character by character: a piece ends after ".", "!" or "?" and the note markers
    after it, where white space and then a capital (quote, "(", bullet) follow."""
    pieces, start, i = [], 0, 0
    while i < len(text):
        if text[i] in ".!?":
            end = i + 1
            while m := PLAIN_MARKER_RE.match(text, end):
                end = m.end()
            after = end
            while after < len(text) and text[after].isspace():
                after += 1
            if after > end and after < len(text) and text[after] in PLAIN_OPENERS:
                pieces.append(text[start:end])
                start = i = after
                continue
        i += 1
    pieces.append(text[start:])
    return pieces


def _plain_split_sentences(line: str) -> list[str]:
    sentences: list[str] = []
    for piece in _plain_split_at_ends(line.strip()):
        if sentences and claims._NOT_AN_END_RE.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [claims._BULLET_RE.sub("", s).strip() for s in sentences if s.strip()]


@pytest.mark.parametrize("seed", [1, 2])
def test_claim_searches_match_the_plain_regexes(seed):
    for t in _texts(seed):
        assert _span(claims._YEAR_RE.search(t)) == _span(PLAIN_YEAR_RE.search(t)), t
        century = claims._first_century(t)
        year = claims._YEAR_RE.search(t, century) if century >= 0 else None
        assert _span(year) == _span(PLAIN_YEAR_RE.search(t)), t
        before = claims._JOURNAL_BEFORE_RE.search(t, century) if century >= 0 else None
        assert _span(before) == _span(PLAIN_JOURNAL_BEFORE_RE.search(t)), t
        assert claims.split_sentences(t) == _plain_split_sentences(t), t


@pytest.mark.parametrize("seed", [3, 4])
def test_research_prefilter_never_drops_a_claim_sentence(seed):
    for t in _texts(seed):
        if not claims._may_name_research(t):  # then no sentence of it names research
            assert not any(claims._RESEARCH_RE.search(claims._PAREN_RE.sub(" ", s)) for s in claims.split_sentences(t))


# --- in-text citations ----------------------------------------------------------

def _plain_key(surname, year):
    folded = unicodedata.normalize("NFKD", surname)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).casefold()
    return folded, str(year)[:4] if year else ""


def test_in_text_fast_paths_match_the_plain_ones():
    plain_narrative_year = re.compile(rf"\s\({intext._YEAR}\)")
    for t in _texts(5):
        assert bool(intext._NARRATIVE_YEAR_RE.search(t)) == bool(plain_narrative_year.search(t)), t
        assert intext._strip_prefix(t) == intext._PREFIX_RE.sub("", t), t
        assert intext._key(t[:12], 2019) == _plain_key(t[:12], 2019), t
    for spec in ("3", "12", "1-3", "1, 3, 5-7", "2–4", "٣", "7 - 9"):
        expanded = intext._expand(spec)
        if spec.isdecimal():
            assert expanded == [int(spec)]


# --- reference lists ------------------------------------------------------------

def _plain_has_url(t):
    return references._URL_RE.search(t) is not None


def _plain_ends_list(t):
    if references._YEAR_RE.search(t) or references._DOI_RE.search(t) or _plain_has_url(t):
        return False
    stripped = references._MARKER_RE.sub("", t)
    return len(stripped) < references.MIN_UNDATED_ENTRY_CHARS and not stripped.endswith((".", ","))


def _plain_is_entry(t):
    anchored = bool(references._YEAR_RE.search(t) or references._DOI_RE.search(t) or _plain_has_url(t))
    return anchored or len(t) >= references.MIN_UNDATED_ENTRY_CHARS


def _plain_closed(current):
    last = current[1][-1].rstrip()
    return last.endswith((".", ")", "]", "”", '"', "’")) or bool(references._OPEN_END_RE.search(last))


def test_reference_list_tests_match_the_plain_ones():
    for t in _texts(6):
        s = t.strip()
        assert references.has_url(t) == _plain_has_url(t), t
        assert references._ends_list(s) == _plain_ends_list(s), t
        assert references._is_entry(s) == _plain_is_entry(s), t
        current = [1, [t or "x"], False]
        assert references._closed(current) == _plain_closed(current), t
        marker = references._MARKER_RE.match(s)
        assert references._without_marker(s, marker) == references._MARKER_RE.sub("", s), t


# --- text, HTML and the glue ------------------------------------------------------

def test_text_fast_paths_match_the_plain_ones():
    any_superscript = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]")
    for t in _texts(7):
        assert html._single_spaced(t) == " ".join(t.split()), t
        assert text.holds_superscript_digits(t) == bool(any_superscript.search(t)), t


def _plain_decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        decoded = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decoded = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        if data.count(b"\x00") * 100 < len(data) and not text._control_heavy(data[:text.SNIFF_CHARS]):
            return _plain_decode(data.replace(b"\x00", b""))
        for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
            # UTF-16 without its BOM: mostly letters and spaces, read either way round.
            sample = data[:text.SNIFF_CHARS - text.SNIFF_CHARS % 2][:len(data) - len(data) % 2]
            high = sample[1::2] if codec == "utf-16-le" else sample[0::2]
            if len(sample) >= text.MIN_UTF16_BYTES and high.count(0) * 10 >= len(high) * 9:
                chars = sample.decode(codec, errors="replace")
                if sum(c.isalpha() or c.isspace() for c in chars) >= len(chars) / 2 \
                        and text._control_share(chars) <= text.MAX_CONTROL_SHARE:
                    return _plain_decode(bom + data)
        raise ExtractError("binary file, not an article")
    else:
        try:
            decoded = data.decode("utf-8")
        except UnicodeDecodeError:
            decoded = data.decode("utf-8", errors="replace")
            bad = decoded.count("\ufffd")
            if bad > len(decoded) - len(decoded.encode("ascii", "ignore")) - bad:
                try:
                    decoded = data.decode("cp1252")
                except UnicodeDecodeError:
                    decoded = data.decode("latin-1")
    decoded = decoded.replace("\x00", "")
    if text._control_share(decoded[:text.SNIFF_CHARS]) > text.MAX_CONTROL_SHARE:
        raise ExtractError("binary file, not an article")
    return decoded.replace("\r\n", "\n").replace("\r", "\n")


def _decoded(decode, data):
    try:
        return decode(data)
    except ExtractError as exc:
        return ("refused", str(exc))


def test_decode_matches_the_plain_one():
    rng = random.Random(8)
    pieces = (b"abc ", b"\xc3\xa9", b"\xe2\x80\x93", b"\x81", b"\x9d", b"\xff", b"\x00", b"\x01", b"\x1c",
              b"\r\n", b"\r", b"\n", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\x0c", b"\x0b", b"\xe9",
              b"\xe2\x81\xb4", b"\xc2\xb9")
    for _ in range(ROUNDS):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 60))) * rng.choice((1, 1, 300))
        assert _decoded(text.decode, data) == _decoded(_plain_decode, data), data[:100]


def test_with_line_is_replace():
    items = (Citation("Smith J. Title. 2019.", 3, authors=(Author("Smith", "J"),), year=2019, doi="10.1/x"),
             InText("(Smith, 2019)", 3, 0), Claim("A 2019 study found it.", 3, 2019, None, 0))
    for item in items:
        assert text._with_line(item, {3: 7}) == dataclasses.replace(item, line=7)
        assert text._with_line(item, {4: 7}) is item


def test_sparse_lines_match_the_plain_loop():
    rng = random.Random(9)
    for _ in range(300):
        if rng.random() < 0.5:
            blocks = list(enumerate((rng.choice(("", "a", " b ")) for _ in range(rng.randint(0, 6))), start=1))
        else:
            blocks = [(rng.randint(-1, 6), rng.choice(("", "a", " b "))) for _ in range(rng.randint(0, 6))]
        last = max((n for n, _ in blocks), default=0)
        plain = [""] * last
        for n, block_text in blocks:
            if n >= 1:
                plain[n - 1] = (plain[n - 1] + " " + block_text).strip() if plain[n - 1] else block_text
        assert text._sparse_lines(blocks, set()) == plain, blocks


# --- the reference parser ---------------------------------------------------------

from citecheck.extract import parse  # noqa: E402

DOI_PARTS = ("doi", "DOI", "dOı", "https://", "http://", "dx.", "doi.org/", "10.1000/abc", "10.12345/x.y", "10.",
             " ", ":", ".", "a", "İ", "ſ", "x" * 30, "https://dx.doi.org/", "doi: ", "Doi .", "\t", "(", ")")


@pytest.mark.parametrize("seed", [5, 6])
def test_doi_search_is_the_plain_search(seed):
    rng = random.Random(seed)
    for _ in range(ROUNDS * 5):
        t = "".join(rng.choice(DOI_PARTS) for _ in range(rng.randint(1, 25)))
        assert _span(parse._search_doi(t)) == _span(parse._DOI_RE.search(t)), t


@pytest.mark.parametrize("space", ["\t", "\u2005", "\xa0", "\u3000", "  ", " \n "])
def test_any_white_space_in_an_entry_reads_as_one_space(space):
    entry = ("Ikeda S, Tanaka M. Endoscopic sphincterotomy: long-term results in 408 patients. "
             "Endoscopy. 1988;20:13-7. doi:10.1055/s-2007-1018117 PMID: 3234567")
    plain = parse.parse_reference(entry, 1)
    odd = parse.parse_reference(entry.replace(" ", space), 1)
    assert dataclasses.replace(odd, text=entry) == plain
    assert plain.journal == "Endoscopy" and plain.pmid == "3234567"
