"""Normal forms for comparing what an article cites with what Crossref holds."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "ð": "d",
})
_TAG = re.compile(r"<[^>]{0,200}>")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Word characters of any script: for text written in a script other than Latin.
_NON_WORD_ANY = re.compile(r"[\W_]+")

# --- scripts ------------------------------------------------------------------

#: Letters of scripts other than Latin, in the blocks entries are written in (a search for
#: one is the cheap test before counting letters). Greek and Coptic to Mongolian, Greek
#: Extended, CJK radicals to Yi, Hangul, CJK compatibility ideographs.
_OTHER_SCRIPT_RE = re.compile(r"[\u0370-\u1DBF\u1F00-\u1FFF\u2E80-\uA4CF\uAC00-\uD7FF\uF900-\uFAFF]")
#: (first, last code point, script) for the common blocks; other letters go by their Unicode
#: name's first word ("THAI CHARACTER KO KAI" -> Thai).
_SCRIPT_BLOCKS = (
    (0x0370, 0x03FF, "Greek"), (0x0400, 0x052F, "Cyrillic"), (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"), (0x0750, 0x077F, "Arabic"), (0x0E00, 0x0E7F, "Thai"),
    (0x1F00, 0x1FFF, "Greek"), (0x3040, 0x30FF, "Japanese"), (0x31F0, 0x31FF, "Japanese"),
    (0x3400, 0x4DBF, "Chinese"), (0x4E00, 0x9FFF, "Chinese"), (0xAC00, 0xD7AF, "Korean"),
    (0xF900, 0xFAFF, "Chinese"),
)
_NAME_SCRIPT = {"CJK": "Chinese", "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean"}


def _char_script(c: str) -> str:
    o = ord(c)
    for first, last, script in _SCRIPT_BLOCKS:
        if first <= o <= last:
            return script
    word = unicodedata.name(c, "LATIN").split(" ", 1)[0]
    return _NAME_SCRIPT.get(word, word.title())


#: Scripts kept per process (titles, names and journals of entries in other scripts).
SCRIPT_CACHE_SIZE = 1 << 12


def script_of(text: str | None) -> str | None:
    """The script ``text`` is written in when it is not Latin ("Cyrillic", "Chinese",
    "Japanese", "Korean", "Greek", "Arabic", ...), or None: Latin, or no letters.

    The script of most of its letters: a Latin title with a Greek letter in it ("TGF-β")
    is Latin, a Cyrillic entry with "MRI" in it Cyrillic.  Chinese characters among
    Japanese kana are Japanese.  A Chinese character counts as two letters (one is a
    syllable, often a word), so "2型糖尿病" outweighs a stray "DNA".  ASCII text costs one
    test."""
    if not text or text.isascii() or not _OTHER_SCRIPT_RE.search(text):
        return None
    latin, counts = 0, {}
    for c in text:
        if not c.isalpha():
            continue
        o = ord(c)
        if o < 0x0250 or 0x1E00 <= o <= 0x1EFF or 0xFF21 <= o <= 0xFF5A:
            latin += 1
            continue
        script = _char_script(c)
        if script == "Latin" or script == "Fullwidth":
            latin += 1
        else:
            counts[script] = counts.get(script, 0) + (2 if script == "Chinese" else 1)
    if not counts:
        return None
    if "Japanese" in counts and "Chinese" in counts:
        counts["Japanese"] += counts.pop("Chinese")
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n > latin else None


#: ``script_of`` remembered, for the titles, names and journals matching compares again and again.
cached_script_of = functools.lru_cache(maxsize=SCRIPT_CACHE_SIZE)(script_of)


def fold(text: str) -> str:
    """Lower-case ASCII: diacritics removed, ligatures and special letters transliterated."""
    if text.isascii():
        return text.lower()  # most references: skip the Unicode work (issue 8: 35% of index-check time)
    text = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


#: Normal forms kept per process: the same titles and names are compared with up to 20
#: candidates each (issue 5 benchmark: 850,000 calls for 2,000 cached citations).
NORM_CACHE_SIZE = 1 << 13


@functools.lru_cache(maxsize=NORM_CACHE_SIZE)
def norm_text(text: str | None) -> str:
    """Words only: markup gone, folded, '&' read as 'and', punctuation as spaces."""
    if not text:
        return ""
    text = fold(_TAG.sub(" ", text)).replace("&amp;", " and ").replace("&", " and ")
    if not text.isascii() and cached_script_of(text):
        # Written in another script ("Домашнее мониторирование"): its letters are the words.
        return " ".join(_NON_WORD_ANY.sub(" ", text).split())
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=NORM_CACHE_SIZE)
def norm_surname(name: str | None) -> str:
    """A surname folded to letters only ("van der Berg" -> "vanderberg", "O'Neil" -> "oneil");
    a name in another script keeps its letters ("Смирнова" -> "смирнова")."""
    folded = fold(name or "")
    if not folded.isascii() and cached_script_of(folded):
        return _NON_WORD_ANY.sub("", folded)
    return _NON_WORD.sub("", folded)


_PAGE = re.compile(r"^([a-z]*)(\d+)([a-z]*)$")


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    """(first, last) page in a comparable form; compressed ranges expanded ("1425-37" -> 1437).

    Prefixes such as "e" and "S" are kept; letters are lower-cased.
    """
    if not pages:
        return None, None
    text = fold(str(pages)).replace(" ", "")
    text = re.sub(r"^(pp?\.?)", "", text)
    parts = [p for p in re.split(r"[-\u2010-\u2015,]+", text) if p]
    if not parts:
        return None, None
    first = _page_token(parts[0])
    last = _page_token(parts[1]) if len(parts) > 1 else None
    if first and last:
        m1, m2 = _PAGE.match(first), _PAGE.match(last)
        if m1 and m2 and not m2.group(1) and m1.group(1):
            last = m1.group(1) + last  # "e676-682" -> e682
            m2 = _PAGE.match(last)
        if m1 and m2 and len(m2.group(2)) < len(m1.group(2)):
            digits = m1.group(2)[: len(m1.group(2)) - len(m2.group(2))] + m2.group(2)
            last = m2.group(1) + digits + m2.group(3)
    return first, last


def _page_token(token: str) -> str | None:
    token = token.strip(".:;")
    m = _PAGE.match(token)
    if not m:
        return token or None
    return m.group(1) + str(int(m.group(2))) + m.group(3)


def norm_number(value: str | None) -> str:
    """Volume or issue in a comparable form: 'Vol. 07' -> '7'; a supplement as 'suppl1' however
    written ('Suppl. 1', 'Supplement_1', 'Suppl 1', 'S1')."""
    if not value:
        return ""
    text = fold(str(value)).replace("_", " ")
    text = re.sub(r"\b(vol|volume|no|issue|nr|num)\b\.?", "", text)
    text = re.sub(r"\bsupp(?:l|lement)?\b", "suppl", text)
    text = re.sub(r"[^0-9a-z]+", "", text)
    text = re.sub(r"^s(?=\d+$)", "suppl", text)
    return re.sub(r"^0+(?=\d)", "", text)
