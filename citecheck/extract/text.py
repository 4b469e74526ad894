"""Plain-text articles, and the one path every format ends in.

Each extractor turns its document into "blocks": (line, text) pairs, where a
block is a line of a text file, an HTML element, a DOCX paragraph or a line of
a PDF's text.  ``build_extraction`` finds the reference lists in the blocks,
parses the entries, and reads the prose around them for in-text citations,
research claims and links that are citations of their own.
"""

from __future__ import annotations

import codecs
import functools
import operator
import re
from collections.abc import Container
from dataclasses import fields, replace

from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import find_dois, parse_reference
from citecheck.extract.references import MAX_HEADING_CHARS, find_lists, is_heading, is_repeat_note
from citecheck.models import Citation, Extraction

#: share of control characters (other than tab/newline/CR/FF) above which a
#: file is binary, not an article; measured in the first block of text
MAX_CONTROL_SHARE = 0.01
SNIFF_CHARS = 8192
#: why a note that repeats the one above ("Ibid., p. 125.") is not looked up
REPEAT_NOTE = "a repeat of the note above (Ibid.), not looked up again"

# Unicode superscript digits as clinic pages paste them ("relief.¹²"): read as
# numeric in-text citations "[1]" / "[1,2]".
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPERSCRIPT_RUN_RE = re.compile(r"(?<=[\w.,;:)\]’\"”])[⁰¹²³⁴⁵⁶⁷⁸⁹](?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]|,(?=[⁰¹²³⁴⁵⁶⁷⁸⁹]))*")

# A unit a superscript number is the power of, not a note marker: "kg/m²", "30 cm³".
_UNIT_END_RE = re.compile(r"(?:^|[\s/\d])(?:[kcmdµμn]?m|ft)$|(?:^|[\s×x·*(])10$")

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
# The same control characters as bytes: UTF-8, cp1252 and latin-1 decode each of
# them to itself and no other byte to one of them.
_CONTROL_BYTES = bytes(range(32)).translate(None, b"\t\n\x0c\r")
_SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

# Full-width ASCII forms (U+FF01-U+FF5E: "［1］", "1．", "［2，3］", "２０１９") as Chinese and
# Japanese text writes them, the ideographic space U+3000, and Arabic-Indic digits (U+0660-0669,
# Extended U+06F0-06F9: "[٤]", "٢٠٠٥") read as their ASCII forms: one character for one, so
# that a line's length, offsets and numbering stay as they were.
_WIDE_TO_ASCII = {0xFF01 + k: 0x21 + k for k in range(0x5E)}
_WIDE_TO_ASCII[0x3000] = 0x20
_WIDE_TO_ASCII.update({0x0660 + k: 0x30 + k for k in range(10)})
_WIDE_TO_ASCII.update({0x06F0 + k: 0x30 + k for k in range(10)})
_FOLDABLE_RE = re.compile("[\uff01-\uff5e\u3000\u0660-\u0669\u06f0-\u06f9]")
# A list number written "1．" keeps its full-width stop: "1．Shin S" has no space after it,
# and "1.Shin" would read as no list marker (references.py takes "1．" as one).
_WIDE_NUMBER_RE = re.compile(r"\s*[0-9０-９]{1,4}(．)")


def decode(data: bytes) -> str:
    """Bytes to text: a BOM decides (UTF-8, UTF-16), else UTF-8, else cp1252/latin-1.

    Line endings become "\\n". Raises ExtractError for binary content.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data:
        if data.count(b"\x00") * 100 < len(data) and not _control_heavy(data[:SNIFF_CHARS]):
            # A few stray NULs in an otherwise textual file (a bad export): drop them.
            data = data.replace(b"\x00", b"")
            return decode(data)
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return decode(utf16)
        # Many NULs without a UTF-16 BOM: an image, a program, an archive ...
        raise ExtractError("binary file, not an article")
    else:
        text = _decode_8bit(data)
        if len(data.translate(None, _CONTROL_BYTES)) == len(data):
            return _unix_newlines(text)  # no control byte, so no control character: not binary
    if "\x00" in text:
        text = text.replace("\x00", "")
    if _control_share(text[:SNIFF_CHARS]) > MAX_CONTROL_SHARE:
        raise ExtractError("binary file, not an article")
    return _unix_newlines(text)


#: the fewest bytes read as UTF-16 without a BOM (eight characters)
MIN_UTF16_BYTES = 16


def _bomless_utf16(data: bytes) -> bytes | None:
    """UTF-16 text saved without its BOM (as some Windows tools write it), with the BOM put
    back; None when the bytes are not that: text in a Latin script has a NUL as every other
    byte, the high byte of each character, and those bytes are all NUL or nearly, and what
    they decode to is mostly letters and spaces."""
    size = min(len(data), SNIFF_CHARS)
    sample = data[:size - size % 2]  # whole characters
    if len(sample) < MIN_UTF16_BYTES:
        return None
    for bom, high in ((codecs.BOM_UTF16_LE, sample[1::2]), (codecs.BOM_UTF16_BE, sample[0::2])):
        if high.count(0) * 10 >= len(high) * 9:  # nine high bytes in ten are NUL
            text = (bom + sample).decode("utf-16", errors="replace")
            words = sum(ch.isalpha() or ch.isspace() for ch in text)
            if words * 2 >= len(text) and _control_share(text) <= MAX_CONTROL_SHARE:
                return bom + data
    return None


def _decode_8bit(data: bytes) -> str:
    """Bytes without a BOM to text: UTF-8, else cp1252/latin-1."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    if bad > non_ascii - bad:
        # Mostly invalid: an 8-bit file.  Older Windows editors save cp1252;
        # latin-1 maps every byte.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    # Else UTF-8 with a few broken bytes (a bad paste): kept as UTF-8, the broken
    # bytes alone become U+FFFD (as cp1252, every "é" would become "Ã©").
    return text


def _unix_newlines(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _control_heavy(sample: bytes) -> bool:
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 13, 12))
    return controls * 100 > len(sample)


def _control_share(sample: str) -> float:
    if not sample:
        return 0.0
    return len(_CONTROL_RE.findall(sample)) / len(sample)


def holds_superscript_digits(text: str) -> bool:
    """True when the text holds a superscript digit ("¹", "²", ...)."""
    return not text.isascii() and any(map(text.__contains__, _SUPERSCRIPT_CHARS))


def superscripts_as_markers(text: str) -> str:
    """"relief.¹²" -> "relief.[1,2]"; "¹⁻³" -> "[1-3]" (superscript note markers); a caret's
    "relief.^3" or "^3,4^" -> "relief.[3]", "[3,4]", as text without superscripts writes them."""
    if "^" in text:
        text = _CARET_RE.sub(lambda m: _caret_marker(m, text), text)
    if not holds_superscript_digits(text):
        return text
    return _SUPERSCRIPT_RUN_RE.sub(lambda m: _as_marker(m, text), text)


# "treated in the clinic.^3", "stones^2,3", Pandoc's "^3^": a caret before a note's number (trial 38)
_CARET_RE = re.compile(r"(?<=[\w.,;:)\]’\"”])\^(\d{1,3}(?:[,–-]\d{1,3}){0,20})\^?(?![\d^])")


def _caret_marker(m: re.Match, text: str) -> str:
    """A caret's number as a note marker; left as it is when it is a power: of a number
    ("10^6"), of a unit ("kg/m^2") or of a letter ("x^2")."""
    start = m.start()
    last = text[start - 1]
    if last.isdigit() or ends_in_unit(text, start) or last.isalpha() and (start == 1 or not text[start - 2].isalnum()):
        return m.group()
    return f"[{m.group(1)}]"


def _as_marker(m: re.Match, text: str) -> str:
    """A run of superscript digits as a note marker; left as it is when it is a power of a
    unit ("kg/m²") or the rest of a mass number ("¹⁸F": the run matched is "⁸")."""
    start = m.start()
    if text[start - 1] in _SUPERSCRIPT_CHARS or ends_in_unit(text, start):
        return m.group()
    return _marker(m.group().translate(_SUPERSCRIPT_DIGITS))


def ends_in_unit(text: str, end: int | None = None) -> bool:
    """True when ``text[:end]`` ends in a unit a superscript number is the power of ("kg/m", "30 cm")."""
    end = len(text) if end is None else end
    return _UNIT_END_RE.search(text, max(0, end - 4), end) is not None


def _marker(digits: str) -> str:
    if "," in digits or "-" in digits:
        return f"[{digits}]"
    # "¹²" without a comma: two notes (1, 2) when ascending by one, else note 12.
    if len(digits) == 2 and int(digits[1]) == int(digits[0]) + 1:
        return f"[{digits[0]},{digits[1]}]"
    return f"[{digits}]"


def fold_wide(text: str) -> str:
    """``text`` with full-width ASCII forms, the ideographic space and Arabic-Indic digits as
    ASCII ("［2，3］" -> "[2,3]", "[٤]" -> "[4]"), one character for one; a list number's
    full-width stop ("1．") is kept. ASCII text is returned as it is, at once."""
    if text.isascii() or _FOLDABLE_RE.search(text) is None:
        return text  # (most lines that are not ASCII hold a dash or a quote: translate() is dearer)
    folded = text.translate(_WIDE_TO_ASCII)
    if "．" in text:
        m = _WIDE_NUMBER_RE.match(text)
        if m:
            folded = folded[:m.start(1)] + "．" + folded[m.end(1):]
    return folded


def _fold_blocks(blocks: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each block's text through fold_wide (the list itself when every block is ASCII)."""
    out = None
    for k, (n, text) in enumerate(blocks):
        if not text.isascii():
            folded = fold_wide(text)
            if folded != text:
                if out is None:
                    out = list(blocks)
                out[k] = (n, folded)
    return blocks if out is None else out


def build_extraction(blocks: list[tuple[int, str]], fmt: str, *, join_wraps: bool,
                     links: list[tuple[int, str, str]] = (), notes: list[tuple[int, str]] = (),
                     note_markers: list[tuple[int, str, int]] = (),
                     list_items: Container[int] = frozenset(),
                     pages: dict[int, int] | None = None,
                     line_map: dict[int, int] | None = None,
                     prose_blocks: list[tuple[int, str]] | None = None,
                     note_numbers: list[int] | tuple = ()) -> Extraction:
    """Citations, in-text citations, claims and link citations of a document.

    ``blocks``: (line, text) of the document in order.  ``links``: (line,
    anchor text, URL) of the hyperlinks its format marks up.  ``notes``:
    (line, text) of footnotes and endnotes (DOCX), each a possible reference;
    ``note_markers``: (line, marker text, note index) where the body cites a
    note.  ``list_items``: the lines that are list items by the document's
    structure (a Word list paragraph, an HTML <li>).  ``pages``: line -> page
    (PDF).  ``line_map``: block number -> line to report, when the blocks are
    numbered apart from the document's lines (HTML).
    ``prose_blocks``: the prose as re-joined paragraphs, each on its first line
    (PDF), when it differs from ``blocks``.  ``note_numbers``: the number each note is
    shown with (Word's footnote and endnote numbers), its entry's ``number``.
    """
    # Imported here: intext, claims and links are layered on the citations.
    from citecheck.extract.claims import find_claims
    from citecheck.extract.intext import find_in_text, mark_glued_notes
    from citecheck.extract.links import link_citations
    from citecheck.models import InText

    # Full-width forms as ASCII, where lists, entries and citations are found; entries and
    # in-text citations show the folded text (what was parsed and what the search and the
    # corrected line are built from: only the width of its punctuation differs).
    blocks = _fold_blocks(blocks)
    if prose_blocks is not None:
        prose_blocks = _fold_blocks(prose_blocks)
    if notes:
        notes = _fold_blocks(notes)
    entries, covered, printed = find_lists(blocks, join_wraps, list_items)
    lists = _list_of_each(blocks, entries)
    printed = _fill_printed(printed, lists)
    numbers = _entry_numbers(printed, lists)
    citations = [Citation(text, line, ignore_reason=REPEAT_NOTE, number=number) if is_repeat_note(text)
                 else parse_reference(text, line, number=number) for (line, text), number in zip(entries, numbers)]
    note_index: dict[int, int] = {}
    for i, (line, text) in enumerate(notes):
        if _note_is_reference(text):
            note_index[i] = len(citations)
            citations.append(parse_reference(text, line, number=note_numbers[i] if i < len(note_numbers) else None))
    citations_t = tuple(citations)
    prose = _sparse_lines(prose_blocks if prose_blocks is not None else blocks, covered)
    prose_notes = {line for i, (line, _) in enumerate(notes) if i not in note_index}
    for i, (line, text) in enumerate(notes):
        if i not in note_index:  # a note of prose ("Reviewed by Haddad and Lim (2017), who found …"): read as prose
            prose.extend([""] * (line - len(prose)))
            prose[line - 1] = f"{prose[line - 1]} {text}" if prose[line - 1] else text
    if prose_notes & covered:  # a Markdown note written after the list, on a line its reader took
        covered = covered - prose_notes
    in_text = list(find_in_text(prose, citations_t, skip=covered, printed=printed))
    if not in_text and citations_t:
        marked = mark_glued_notes(prose, covered, citations_t, printed)
        if marked is not None:  # note numbers pasted as plain digits ("adults.1 A")
            prose = marked
            in_text = list(find_in_text(prose, citations_t, skip=covered, printed=printed))
    in_text.extend(InText(text, line, note_index[i]) for line, text, i in note_markers if i in note_index)
    in_text.sort(key=lambda it: (it.line, _at(prose, it)))
    link_cites = link_citations(prose, links, covered)
    in_text_t = _tie_in_text_to_links(tuple(in_text), link_cites, links, len(citations_t))
    claims = find_claims(prose, in_text_t, skip=covered)
    lists += (-1,) * (len(citations_t) - len(entries))  # notes: a list of their own
    all_citations = citations_t + link_cites
    if link_cites:
        claims = _tie_claims_to_links(claims, link_cites, len(citations_t))
    if pages:
        all_citations = tuple(replace(c, page=pages.get(c.line)) if c.page is None else c for c in all_citations)
        in_text_t = tuple(replace(i, page=pages.get(i.line)) for i in in_text_t)
        claims = tuple(replace(c, page=pages.get(c.line)) for c in claims)
    if line_map:
        all_citations = tuple(_with_line(c, line_map) for c in all_citations)
        in_text_t = tuple(_with_line(i, line_map) for i in in_text_t)
        claims = tuple(_with_line(c, line_map) for c in claims)
    # Outside a PDF, an entry the list reader missed can only follow the list's start, on a line
    # no list took (a PDF read across its columns puts them anywhere).
    unread = blocks if fmt == "pdf" or not entries else \
        [(line, text) for line, text in blocks if line >= entries[0][0] and line not in covered]
    problems = run_together(all_citations[:len(citations_t)], place_word(fmt)) \
        + lost_entries(unread, citations_t, fmt, line_map)
    return Extraction(citations=all_citations, in_text=in_text_t, claims=claims, format=fmt, lists=lists,
                      problems=problems)


def place_word(fmt: str) -> str:
    """What a document's places are called in its problems: a Word document's paragraphs, the
    other formats' lines."""
    return "paragraph" if fmt == "docx" else "line"


# A numbered Vancouver entry's opening, at a line's start or inside other text: "9. Iatridis J, …".
_ENTRY_OPENING_RE = re.compile(r"(?<![\d.])(\d{1,3})\.\s[A-Z][\w'’-]+\s[A-Z]{1,3}[,.]")
#: how far past the last number read a lost entry's number is looked for
_LOST_ENTRIES_AHEAD = 5


def lost_entries(blocks: list[tuple[int, str]], citations: tuple[Citation, ...], fmt: str,
                 line_map: dict[int, int] | None = None) -> tuple[str, ...]:
    """A problem naming the entries of a numbered list that are in the text but were not read
    as entries: the list ended early (at a page's margin text pasted with it, a line the list
    reader took for the page going on) or, in a PDF whose columns pypdf read across, an entry
    sits in the middle of the other column's prose ("…proportion of patients 9. Iatridis J,
    …").  The numbers looked for are the list's missing ones and the few after its last."""
    numbers = {c.number for c in citations if c.kind == "reference" and c.number}
    if len(numbers) < 2:
        return ()
    wanted = set(range(1, max(numbers) + _LOST_ENTRIES_AHEAD + 1)) - numbers
    found: dict[int, int] = {}
    for line, text in blocks:
        for m in _ENTRY_OPENING_RE.finditer(text):
            if int(m.group(1)) in wanted:
                found.setdefault(int(m.group(1)), (line_map or {}).get(line, line))
    if not found:
        return ()
    shown = ", ".join(f"{n} ({place_word(fmt)} {line})" for n, line in sorted(found.items()))
    why = "the page may have been read across its columns" if fmt == "pdf" else \
        "the list was read only up to a line between its entries"
    return (f"entries numbered {shown} of the reference list are in the text but were not read ({why}): "
            "check those entries by hand",)


# Where a note on a reference's later history begins: a DOI after it is that notice's, not a
# second work's ("… doi:10.1/a. Erratum in: Lancet. 2020;395:e1. doi:10.1/b").
_LATER_NOTICE_RE = re.compile(r"\b(?:Erratum|Comment|Retraction|Retracted|Update|Corrected|Republished|Expression of "
                              r"concern)\s(?:in|of|on)\b", re.IGNORECASE)


def run_together(citations: tuple[Citation, ...], where: str = "line") -> tuple[str, ...]:
    """A problem naming each entry that holds two DOIs of different works: two references run
    together (a list whose line breaks were lost), read and checked as one, so the second went
    unchecked; or a link whose target is another work than the DOI it shows. No real reference
    holds two (none of 12,030 PubMed Central ones does), notices of its later history aside."""
    lines = []
    for c in citations:
        if c.kind != "reference" or c.text.count("10.") < 2:
            continue
        text = c.text[:m.start()] if (m := _LATER_NOTICE_RE.search(c.text)) else c.text
        dois = {d.lower() for d in find_dois(text)}
        if len(dois) >= 2 and not _prefixes(dois):
            lines.append(str(c.line))
    if not lines:
        return ()
    one = len(lines) == 1
    return (f"the entr{'y' if one else 'ies'} at {where} {', '.join(lines)} hold{'s' if one else ''} "
            "the DOIs of two works (two references run together, or a link to another work than the DOI "
            f"shown), checked as one; check {'it' if one else 'them'} by hand",)


def _prefixes(dois: set[str]) -> bool:
    """True when one DOI is the start of another: the same DOI, once cut short."""
    return any(a != b and b.startswith(a) for a in dois for b in dois)


def _fill_printed(printed: list[int | None], lists: tuple[int, ...]) -> list[int | None]:
    """The printed numbers, with an entry that prints none given its place in its list, in a
    list that prints numbers and where every number printed is its entry's place ("1.",
    "2.", "3.", an entry with no label, "5.": that entry is 4, as a PubMed Central page whose
    labels some entries lack means). A list that prints no numbers ("Further reading", notes)
    keeps none; so does one whose numbers are not the places: they cannot say which entry an
    unnumbered one is."""
    if None not in printed or all(n is None for n in printed):
        return printed  # every entry numbered, or none (the common cases)
    places, place = [], {}
    for heading in lists[:len(printed)]:
        place[heading] = place.get(heading, 0) + 1
        places.append(place[heading])
    numbered, unfit = set(), set()
    for n, p, heading in zip(printed, places, lists):
        if n is not None:
            (numbered if n == p else unfit).add(heading)
    fill = numbered - unfit
    if not fill:
        return printed
    return [p if n is None and heading in fill else n for n, p, heading in zip(printed, places, lists)]


def _entry_numbers(printed: list[int | None], lists: tuple[int, ...]) -> list[int]:
    """Each entry's number: as printed ("47."), else its place in its list (a Word or HTML
    list numbered by its markup, an unnumbered list), so that a reader can find it."""
    out, place = [], {}
    for i, heading in enumerate(lists):
        place[heading] = place.get(heading, 0) + 1
        out.append(printed[i] if i < len(printed) and printed[i] is not None else place[heading])
    return out


def _list_of_each(blocks: list[tuple[int, str]], entries: list[tuple[int, str]]) -> tuple[int, ...]:
    """The list each entry is in: the line of the last list heading above it, 0 for none
    ("References" and "Further reading" are two lists)."""
    headings = [n for n, text in blocks if len(text) <= MAX_HEADING_CHARS and is_heading(text)]
    out, k, heading = [], 0, 0
    for line, _ in entries:
        while k < len(headings) and headings[k] < line:
            heading, k = headings[k], k + 1
        out.append(heading)
    return tuple(out)


def _with_line(item, line_map: dict[int, int]):
    """``item`` with its line mapped; the item itself when the line stays.

    As ``replace(item, line=line)``, in half the time: replace() looks each field up by name.
    """
    line = line_map.get(item.line, item.line)
    if line == item.line:
        return item
    line_at, values_of = _fields_of(type(item))
    values = list(values_of(item))
    values[line_at] = line
    return type(item)(*values)


@functools.cache
def _fields_of(cls: type) -> tuple[int, operator.attrgetter]:
    """Where ``line`` is among a model's fields, and a getter of all their values in order."""
    names = tuple(f.name for f in fields(cls))
    return names.index("line"), operator.attrgetter(*names)


def _at(prose: list[str], it) -> int:
    """Where in its line an in-text citation is written (-1 when not found as written): the
    order of a line's citations, footnote markers among them."""
    return prose[it.line - 1].find(it.text) if 0 < it.line <= len(prose) else -1


def _tie_in_text_to_links(in_text: tuple, link_cites: tuple, links, offset: int) -> tuple:
    """An in-text citation with no entry that is itself a link's anchor text ("(<a
    href=doi>Berman et al., 2000</a>)") cites the linked work: tied to that link citation."""
    if not link_cites or all(it.reference is not None for it in in_text):
        return in_text
    anchors = {}  # (line, URL) -> anchor text
    for line, anchor, url in links:
        anchors.setdefault((line, url.strip()), " ".join(anchor.split()))
    out = []
    for it in in_text:
        if it.reference is None:
            inner = it.text.strip("()[] ")
            for k, link in enumerate(link_cites):
                anchor = anchors.get((link.line, link.url), "")
                if link.line == it.line and anchor and (inner in anchor or anchor in it.text):
                    it = replace(it, reference=offset + k)
                    break
        out.append(it)
    return tuple(out)


#: the most lines a wrapped sentence runs on below its first (a link further down is another sentence's)
_SENTENCE_LINES = 8


def _tie_claims_to_links(claims, link_cites, offset: int):
    """A claim sentence that carries a link citation is tied to it (not unsourced); so is the
    one claim of a line whose link stands alone after it ("… (2006). DOI: 10.1111/…")."""
    out = []
    for claim in claims:
        if claim.reference is None:
            for k, link in enumerate(link_cites):
                if link.line == claim.line and (link.text in claim.text or claim.text in link.text
                                                or (link.url and link.url in claim.text)
                                                or _bare_identifier(link.text) and _one_claim_on(claims, claim.line)) \
                        or claim.line < link.line <= claim.line + _SENTENCE_LINES and link.url and link.url in claim.text:
                    claim = replace(claim, reference=offset + k)
                    break
        out.append(claim)
    return tuple(out)


_IDENTIFIER_LABEL_RE = re.compile(r"\b(?:doi|pmid|available\s(?:at|from)|link|source)\b\s*:?", re.IGNORECASE)


def _bare_identifier(text: str) -> bool:
    """True when a link citation's text is its link or DOI alone ("DOI: 10.1111/…")."""
    from citecheck.extract.links import LINK_OR_DOI_RE

    return not _IDENTIFIER_LABEL_RE.sub("", LINK_OR_DOI_RE.sub("", text)).strip(" .,;:()[]")


def _one_claim_on(claims, line: int) -> bool:
    return sum(c.line == line for c in claims) == 1


def _note_is_reference(text: str) -> bool:
    from citecheck.extract.references import is_reference_note

    return is_reference_note(text)


def _sparse_lines(blocks: list[tuple[int, str]], covered: set[int]) -> list[str]:
    """A line list with each block's text on its line ("" elsewhere); list lines kept
    (in-text finders skip ``covered`` themselves, claims skip entry lines)."""
    numbers = [n for n, _ in blocks]
    if numbers == list(range(1, len(numbers) + 1)):
        return [text for _, text in blocks]  # a block a line, in order (text, Markdown, HTML)
    last = max(numbers, default=0)
    lines = [""] * last
    for n, text in blocks:
        if n < 1:
            continue
        lines[n - 1] = (lines[n - 1] + " " + text).strip() if lines[n - 1] else text
    return lines


def extraction_from_lines(lines: list[str], fmt: str, links: list[tuple[int, str, str]] = (),
                          notes: list[tuple[int, str]] = (),
                          note_markers: list[tuple[int, str, int]] = ()) -> Extraction:
    """Citations plus the in-text citations and research claims of the prose (``notes`` and
    ``note_markers`` as build_extraction takes them)."""
    blocks = list(enumerate(lines, start=1))
    return build_extraction(blocks, fmt, join_wraps=True, links=links, notes=notes, note_markers=note_markers)


class TextExtractor(Extractor):
    """Plain text (.txt): one reference per line or per numbered/bulleted item."""

    name = "text"

    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a plain-text article."""
        return extraction_from_lines(superscripts_as_markers(decode(data)).split("\n"), self.name)


# A line that is only a link or an identifier ("https://doi.org/…", "DOI: 10.1000/x", "PMID:
# 12345"): the end of the line above it, broken before its link.
_LINK_ALONE_RE = re.compile(r"(?:(?:doi|pmid|pmcid|url|link|available\s(?:at|from))\s?:?\s?)?"
                            r"(?:https?://\S+|www\.\S+|10\.\d{4,9}/\S+|(?:PMC)?\d{5,9})", re.IGNORECASE)


def is_link_line(text: str) -> bool:
    """True when ``text`` is a link or an identifier alone, which goes with the line above it."""
    return _LINK_ALONE_RE.fullmatch(text.strip()) is not None


# A table row's first cell that numbers it: "1", "1.", "[1]", "(1)"; not a year ("2019").
_ROW_NUMBER_RE = re.compile(r"[\[(]?(\d{1,3})[.)\]]?")


def row_number(cell: str) -> str | None:
    """The number a table row's first cell gives it ("1", "1.", "[1]"), else None."""
    m = _ROW_NUMBER_RE.fullmatch(cell.strip()) if len(cell) <= 8 else None
    return m.group(1) if m else None


def joined_cells(cells: list[str]) -> str:
    """The texts of a table row's cells as one entry: "Jones B, Barnes J" and "Differential …"
    as "Jones B, Barnes J. Differential …" (a stop after a cell that ends without one)."""
    text = cells[0]
    for cell in cells[1:]:
        text += (" " if text.endswith((".", ",", ";", ":", "?", "!")) else ". ") + cell
    return text
