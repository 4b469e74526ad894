"""Which script a text is written in: for entries, titles and names in scripts other than
Latin.  Used by extraction (parsing an entry in its own script) and by matching (comparing
it with a record in the same or another script)."""

from __future__ import annotations

import collections
import functools
import re
import unicodedata

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
    # Each character once, with how often it occurs (in the order of first occurrence, as the scripts
    # are then counted): a long text repeats a few hundred characters.
    for c, times in collections.Counter(text).items():
        if not c.isalpha():
            continue
        o = ord(c)
        if o < 0x0250 or 0x1E00 <= o <= 0x1EFF or 0xFF21 <= o <= 0xFF5A:
            latin += times
            continue
        script = _char_script(c)
        if script == "Latin" or script == "Fullwidth":
            latin += times
        else:
            counts[script] = counts.get(script, 0) + (2 * times if script == "Chinese" else times)
    if not counts:
        return None
    if "Japanese" in counts and "Chinese" in counts:
        counts["Japanese"] += counts.pop("Chinese")
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n > latin else None


#: ``script_of`` remembered, for the titles, names and journals matching compares again and again.
cached_script_of = functools.lru_cache(maxsize=SCRIPT_CACHE_SIZE)(script_of)
