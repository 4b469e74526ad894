"""Journal names: full names, '&'/'and', leading 'The', NLM and ISO abbreviations.

The NLM list (shared/data/journal_abbreviations_nlm.csv, CC0, 19,506 pairs) ships
gzipped in citecheck/data and is read once, on first use.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import re
import threading
from importlib import resources

from rapidfuzz import fuzz

from citecheck.matching.normalize import american_spelling, norm_text

#: Words abbreviations drop ("Journal of the American ..." -> "J Am ...").
_STOP_WORDS = {"of", "the", "and", "in", "for", "on", "a", "an", "und", "de", "la", "le", "des", "du", "der", "fur", "et"}
#: rapidfuzz ratio at which two normalised journal names are the same journal
#: (absorbs small spelling differences; "pain medicine" vs "pain research" is 0.74).
JOURNAL_FUZZY_MIN = 92.0


#: A meeting named where a journal would be ("Presented at: IDWeek", "ESMO Congress"); the full
#: words only ("Conf Proc IEEE Eng Med Biol Soc" and "AMIA Annu Symp Proc" are journals).
MEETING_RE = re.compile(r"\b(?:[Pp]resented|[Pp]resentation|Congress|Meeting|Sessions|Symposium|Conference|"
                        r"Convention|Summit)\b|Week\b")


def strip_qualifiers(name: str) -> str:
    """A journal's name without the qualifiers Crossref appends: "Pain medicine (Malden,
    Mass.)" and "JAMA : the journal of ..." name the same journal as "Pain medicine", "JAMA"."""
    if "(" in name:
        name = _SECTION_IN_BRACKETS_RE.sub(r" \1", name)  # "J Bone Joint Surg (Br)": a section, part of the name
        name = re.sub(r"\([^)]*\)", " ", name)
    return _COLON_QUALIFIER_RE.split(name.split(" : ")[0], 1)[0]


_SECTION_IN_BRACKETS_RE = re.compile(r"[(\[]((?:Br|Am|British|American)(?: Volume)?)[)\]]", re.IGNORECASE)


#: a colon before a qualifier, with no space before it: "Annals of Oncology: Official Journal of …"
_COLON_QUALIFIER_RE = re.compile(r"\s*:\s+(?=(?:the |an? )?(?:official|journal of|international journal)\b)",
                                 re.IGNORECASE)


_LETTER_RUN_RE = re.compile(r"\b[a-z](?: [a-z]\b){2,}")


def _journal_key(name: str | None) -> str:
    """A journal name normalised: qualifiers and leading 'The' dropped, '&' as 'and', a run
    of three single letters or more one word ("Proc Natl Acad Sci U S A" as "… USA"; "J R
    Soc Med" keeps its initials, which abbreviate words)."""
    if not name:
        return ""
    key = norm_text(strip_qualifiers(name))
    if " " in key:
        key = _LETTER_RUN_RE.sub(lambda m: m.group().replace(" ", ""), key)
    return key[4:] if key.startswith("the ") else key


journal_key = functools.lru_cache(maxsize=1 << 14)(_journal_key)

_table: dict[str, set[str]] | None = None
_table_lock = threading.Lock()


def _nlm_pairs() -> dict[str, set[str]]:
    """key -> keys of the same journal under its other name; built once per process, under a lock."""
    global _table
    if _table is None:
        with _table_lock:
            if _table is None:
                _table = _load_nlm_pairs()
    return _table


def warm_journal_table() -> threading.Thread:
    """Build the journal table in the background while the first requests are in flight.

    It takes 0.4-0.9 s (issue 5 benchmark), which otherwise delays the first answer's matching.
    """
    thread = threading.Thread(target=_nlm_pairs, name="citecheck-journals", daemon=True)
    thread.start()
    return thread


def _nlm_rows() -> list[list[str]]:
    """The NLM list's (full name, abbreviation) rows."""
    data = resources.files("citecheck.data").joinpath("journals_nlm.csv.gz").read_bytes()
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(data)), encoding="utf-8") as handle:
        return [row for row in csv.reader(handle) if len(row) == 2]


#: Short names writers use that the NLM list does not give (its abbreviation of these is
#: longer, or the list lacks the journal), with the full name: "NEJM" must not read as
#: another journal than "New England Journal of Medicine".
ALSO_KNOWN_AS = (
    ("New England Journal of Medicine", "NEJM"),
    ("Proceedings of the National Academy of Sciences of the United States of America", "PNAS"),
    ("Canadian Medical Association Journal", "CMAJ"),
    ("Journal of the American Medical Association", "JAMA"),
    ("British Medical Journal", "BMJ"),
    ("Journal of the National Cancer Institute", "JNCI"),
    ("Journal of the American College of Cardiology", "JACC"),
    ("American Journal of Public Health", "AJPH"),
    ("Morbidity and Mortality Weekly Report", "MMWR"),
)


def _load_nlm_pairs() -> dict[str, set[str]]:
    same: dict[str, set[str]] = {}
    for row in [*_nlm_rows(), *map(list, ALSO_KNOWN_AS)]:
        full, abbr = _journal_key(row[0]), _journal_key(row[1])
        if full and abbr and full != abbr:
            same.setdefault(full, set()).add(abbr)
            same.setdefault(abbr, set()).add(full)
        elif full:
            same.setdefault(full, set())  # "Radiology": known, under one name
    return same


_WORD_RE = re.compile(r"[A-Za-z]+")
#: an abbreviation word is in at least this many NLM abbreviations ...
_ABBREVIATION_MIN_USES = 3
#: ... and this many times as often as it stands as a word of a full name
_ABBREVIATION_MIN_RATIO = 10


@functools.cache
def _abbreviation_words() -> frozenset[str]:
    """The words NLM abbreviations are made of that full names hardly use: "Technol",
    "Genet", "Sci", "Clin", "Soc" (not "Health" or "Policy": full names use those as much)."""
    in_abbreviations: dict[str, int] = {}
    in_full_names: dict[str, int] = {}
    for full, abbr in _nlm_rows():
        for word in _WORD_RE.findall(abbr):
            in_abbreviations[word] = in_abbreviations.get(word, 0) + 1
        for word in _WORD_RE.findall(full):
            in_full_names[word.lower()] = in_full_names.get(word.lower(), 0) + 1
    return frozenset(word for word, uses in in_abbreviations.items()
                     if len(word) >= 2 and word[0].isupper() and uses >= _ABBREVIATION_MIN_USES
                     and uses >= _ABBREVIATION_MIN_RATIO * in_full_names.get(word.lower(), 0))


def reads_as_abbreviated_journal(name: str) -> bool:
    """True when ``name`` is written the way NLM abbreviates journals: two words or more,
    one of them a word only abbreviations use ("Forensic Sci Int Genet", "Drying Technol")."""
    words = name.split()
    return len(words) >= 2 and any(w.rstrip(".") in _abbreviation_words() for w in words)


def is_known_journal(name: str | None) -> bool:
    """True when ``name`` is a journal of the NLM list (or ALSO_KNOWN_AS), by its full name
    or its abbreviation."""
    key = journal_key(name)
    return bool(key) and key in _nlm_pairs()


#: the small words that join a journal's words in Spanish, Portuguese, Italian, Catalan and German ("Revista
#: de Psiquiatría y Salud Mental", "Epidemiologia e Serviços de Saúde", "Rivista di Psichiatria"), which
#: NLM's abbreviations leave out; not as a name's last word ("Physical Review E" is not "Physical Review")
_OTHER_LANGUAGE_JOINERS = frozenset("y e i do da di dos das del della delle degli dei em na no zur zum".split())


def _content_words(key: str) -> list[str]:
    words = key.split()
    last = len(words) - 1
    return [w for k, w in enumerate(words)
            if w not in _STOP_WORDS and (w not in _OTHER_LANGUAGE_JOINERS or k == last)]


def is_abbreviation_of(short: str, full: str) -> bool:
    """True when each word of `short` begins the matching word of `full`, in order.

    "anesth analg" / "anesthesia and analgesia", "j neurosci" / "journal of neuroscience".
    Every content word of the full name must be covered, so "j pain" is not "journal of pain research".
    """
    s, f = _content_words(short), _content_words(full)
    if not s or len(s) != len(f) or s == f:
        return bool(s) and s == f
    # (A word with an "s" more is another word, no abbreviation: "Cancer" is not "Cancers".)
    return all(fw.startswith(sw) and fw != sw + "s" for sw, fw in zip(s, f))


@functools.lru_cache(maxsize=1 << 13)
def same_journal(cited: str | None, names: tuple[str, ...]) -> bool:
    """True when the cited journal is one of `names` (the record's full and short titles)."""
    a = journal_key(cited)
    if not a:
        return False
    related_a = _nlm_pairs().get(a, set()) | {a}
    cited_section = _section(a)
    if cited_section and any(_section(journal_key(n)) not in (None, cited_section) for n in names):
        return False  # "J Chromatogr B" is not "J Chromatogr A", nor "J Hand Surg Br" "J Hand Surg Am"
    for name in names:
        b = journal_key(name)
        if not b:
            continue
        related_b = _nlm_pairs().get(b, set())
        if b in related_a or not related_a.isdisjoint(related_b):  # (related_a holds a itself)
            return True  # one name of the other, or both of a third ("Br Med J", "BMJ": British Medical Journal)
        if a in _nlm_pairs() and b in _nlm_pairs() and not _one_with_a_section(a, b):
            continue  # two journals of the NLM list, unrelated: "J Appl Phys" is not "Journal of Applied Physiology"
        if is_abbreviation_of(a, b) or is_abbreviation_of(b, a):
            return True
        if fuzz.ratio(a, b) >= JOURNAL_FUZZY_MIN and a + "s" != b and b + "s" != a and _words_alike(a, b):
            # (A name and its plural are two: "Cell" and "Cells", "Cancer" and "Cancers", "Gene" and "Genes".)
            return True
        # The NLM name of one side may abbreviate the other's ("j neurosci"), or extend it
        # ("proceedings of the national academy of sciences [of the united states of america]").
        if any(is_abbreviation_of(x, b) or is_abbreviation_of(b, x) or _extends(x, b) for x in related_a) \
                or any(is_abbreviation_of(a, y) or _extends(a, y) for y in related_b):
            return True
    if cited_section and not any(_section(journal_key(n)) for n in names) \
            and any(_one_with_a_section(a, journal_key(n)) for n in names):
        # A section or edition the record's names leave out ("J Bone Joint Surg Am", "The Journal of Bone &
        # Joint Surgery"): the record does not contradict it, when the name without it is the record's.
        return True
    subtitled = [n for n in (cited, *names) if ": " in n]
    if len(subtitled) == 1 and _subtitle_of_a_journal(subtitled[0]):
        # One side names the journal with a subtitle the other leaves out ("Langmuir: the ACS Journal of
        # Surfaces and Colloids", "BioEssays: News and Reviews in …"): compare the names without it.
        return same_journal(cited.split(": ", 1)[0], tuple(n.split(": ", 1)[0] for n in names))
    return False


def _subtitle_of_a_journal(name: str) -> bool:
    """True when what follows the colon in ``name`` is a subtitle, no part of the name: it opens in
    lower case ("Protein Science: a Publication of the Protein Society"), or the name before it is a
    journal of the NLM list and the whole is not ("BioEssays: News and Reviews …"; "Journal of
    Physics: Condensed Matter" is one journal of many "Journal of Physics: …")."""
    head, tail = name.split(": ", 1)
    return tail[:1].islower() or (is_known_journal(head) and not is_known_journal(name))


def _one_with_a_section(a: str, b: str) -> bool:
    """True when one journal is the other with its section or edition named ("J Chromatogr",
    "Journal of Chromatography A"), both in the NLM list."""
    sa, sb = (key.rsplit(" ", 1)[0] if _section(key) else key for key in (a, b))
    return (sa != a) != (sb != b) and (sa == sb or sb in _nlm_pairs().get(sa, ()))


def _words_alike(a: str, b: str) -> bool:
    """False when two names of as many words differ in a word that is no spelling of the other
    ("experimental brain research", "experimental aging research"; "national", "indiana"):
    another journal, however alike the names are letter by letter."""
    x, y = _content_words(a), _content_words(b)
    return len(x) != len(y) or all(p == q or p[:1] == q[:1] and fuzz.ratio(p, q) >= _WORD_SPELLING_MIN
                                   or american_spelling(p) == american_spelling(q) for p, q in zip(x, y))


#: how alike (rapidfuzz ratio) two words of journal names must be to be one word spelled two ways
#: ("paediatrics"/"pediatrics", "adolescence"/"adolescent")
_WORD_SPELLING_MIN = 80.0


#: the last words that name a journal's section or edition ("Journal of Chromatography A", "J Hand Surg Br")
_SECTION_WORDS = frozenset(("am", "br", "eur"))


def _section(key: str) -> str | None:
    """The section or edition a journal's key ends with: a letter alone, or "am", "br", "eur"."""
    last = key.rsplit(" ", 1)[-1]
    return last if " " in key and (len(last) == 1 and last.isalpha() or last in _SECTION_WORDS) else None


def _extends(a: str, b: str) -> bool:
    """True when one long name is the other with a qualifier added at the end ("... of the
    united states of america"), not another journal that begins the same way ("breast cancer
    research" and "breast cancer research and treatment")."""
    shorter, longer = sorted((a, b), key=len)
    if len(_content_words(shorter)) < 3 or not longer.startswith(shorter + " "):
        return False
    return longer[len(shorter) + 1:].split(" ", 1)[0] in _QUALIFIER_OPENERS


#: How an added qualifier opens: "of the ...", "official journal of ...".
_QUALIFIER_OPENERS = frozenset(("of", "official", "the", "journal"))
