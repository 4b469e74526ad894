"""Normal forms for comparing what an article cites with what Crossref holds."""

from __future__ import annotations

import functools
import re
import unicodedata

from citecheck.scripts import cached_script_of

# Letters NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l",
    "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "ð": "d",
})
# Greek letters in a Latin title, by name, as records and citations spell them as often as they
# write them ("IκBα" and "IkappaBalpha", "IFN-α" and "IFNalpha"; "µ" is "μ" once folded).
_GREEK_LETTER_NAMES = str.maketrans({
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta",
    "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron",
    "π": "pi", "ρ": "rho", "σ": "sigma", "ς": "sigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi",
    "χ": "chi", "ψ": "psi", "ω": "omega",
})
#: the Greek letters' names (words a title may hold where another writes the letters)
GREEK_LETTER_NAMES = frozenset(name for name in _GREEK_LETTER_NAMES.values())
#: the mark a retracted work's title carries on its publisher's page and, for some publishers, in its
#: record: "RETRACTED: …" (Elsevier), "RETRACTED ARTICLE: …" (Springer Nature), "Retracted: …", and a
#: withdrawn one's: "WITHDRAWN: …" (PubMed's title of a Cochrane Review withdrawn from publication)
RETRACTED_MARK_RE = re.compile(r"(?-i:RETRACTED|Retracted|WITHDRAWN)(?: (?i:article))?: ")


def mark_source(mark: str, source: str) -> str:
    """A notice's source for a title's mark: ``source`` ("entry", "record-title"), or, for the mark of
    a withdrawn work, ``source`` + "-withdrawn"."""
    return f"{source}-withdrawn" if mark.startswith("WITHDRAWN") else source


_TAG = re.compile(r"<[^>]{0,200}>")
_NON_WORD = re.compile(r"[^0-9a-z]+")
# Word characters of any script: for text written in a script other than Latin.
_NON_WORD_ANY = re.compile(r"[\W_]+")


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
    """Words only: markup gone, folded, '&' read as 'and', Greek letters by name, punctuation as spaces."""
    if not text:
        return ""
    text = fold(_TAG.sub(" ", text)).replace("&amp;", " and ").replace("&", " and ")
    if not text.isascii() and cached_script_of(text):
        # Written in another script ("Домашнее мониторирование"): its letters are the words.
        return " ".join(_NON_WORD_ANY.sub(" ", text).split())
    if not text.isascii():
        text = text.translate(_GREEK_LETTER_NAMES)
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


#: Cell Press's online pages after a range ("271-280.e8"): no part of where the article is printed
_E_PAGES_RE = re.compile(r"\.e\d+$")


def split_pages(pages: str | None) -> tuple[str | None, str | None]:
    """(first, last) page in a comparable form; compressed ranges expanded ("1425-37" -> 1437).

    Prefixes such as "e" and "S" are kept; letters are lower-cased.
    """
    if not pages:
        return None, None
    text = fold(str(pages)).replace(" ", "")
    text = re.sub(r"^(pp?\.?)", "", text)
    if ".e" in text:
        text = _E_PAGES_RE.sub("", text)  # Cell Press's online pages after the printed ones: "271-280.e8"
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


# British spellings as American ones: "sulphur" "sulfur", "anaemia" "anemia", "oedema" "edema",
# "fibre" "fiber", "behaviour" "behavior", "analyse" "analyze", "catalogue" "catalog".
_BRITISH_SPELLINGS = (("sulph", "sulf"), ("ae", "e"), ("oe", "e"), ("our", "or"), ("yse", "yze"), ("ise", "ize"),
                      ("ogue", "og"), ("mme", "m"))
_BRITISH_ENDINGS = (("tre", "ter"), ("bre", "ber"), ("res", "ers"))


def american_spelling(word: str) -> str:
    """The word in American spelling, as far as the usual British endings and letters tell."""
    for british, american in _BRITISH_SPELLINGS:
        if british in word:
            word = word.replace(british, american)
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british):
            return word[: -len(british)] + american
    return word
