"""Field-by-field comparison of a citation with a candidate work. Pure functions."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from citecheck.matching.journals import MEETING_RE, journal_key, same_journal
from citecheck.matching.normalize import GREEK_LETTER_NAMES, norm_number, norm_surname, norm_text, split_pages
from citecheck.matching.normalize import american_spelling as _american
from citecheck.models import Author, Citation, FieldCheck, FieldStatus, Work
from citecheck.scripts import cached_script_of

#: Shortest normalised work title we look for inside the whole reference string when the
#: parsed title disagrees: shorter titles ("Chronic pain") would be found in unrelated text.
MIN_TITLE_CHARS_FOR_SEARCH_IN_TEXT = 30
#: rapidfuzz ratio at which two surnames are the same person (transliteration: muller/mueller 92).
SURNAME_FUZZY_MIN = 85.0
#: Scripts whose names are written family name first, with no space: Chinese, Japanese, Korean.
_NAME_FIRST_SCRIPTS = frozenset(("Chinese", "Japanese", "Korean"))
#: A cited year within this many years of any of the record's dates is not wrong (DESIGN.md).
YEAR_TOLERANCE = 1

_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def norm_title(text: str | None) -> str:
    """A title's words as norm_text gives them, with the words a title may write in two ways
    written one way: "coronavirus disease 2019" and "COVID" as "covid 19", "T2D" as "type 2 diabetes",
    "3D" as "3 dimensional", "twofold" as "two fold", "1st" as "first"."""
    text = _TWO_WAYS_RE.sub(_one_way, norm_text(text))
    return _TWICE_RE.sub(r"\1", text) if "covid 19 covid" in text or "cov 2 sars" in text else text


_TWO_WAYS_RE = re.compile(r"\b(?:coronavirus disease 2019|covid19|covid(?! 19)"
                          r"|severe acute respiratory syndrome coronavirus 2|sars cov2|t[12]dm?|[234]d"
                          r"|(?:two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)fold"
                          r"|1st|2nd|3rd|[4-9]th|10th)\b")
#: a name written out and then as its initialism in brackets, "coronavirus disease 2019 (COVID-19)": one name
_TWICE_RE = re.compile(r"\b(covid 19|sars cov 2) \1\b")
_ONE_WAY = {"coronavirus disease 2019": "covid 19", "covid19": "covid 19", "covid": "covid 19",
            "sars cov2": "sars cov 2", "severe acute respiratory syndrome coronavirus 2": "sars cov 2",
            "t1d": "type 1 diabetes", "t2d": "type 2 diabetes", "t1dm": "type 1 diabetes mellitus",
            "t2dm": "type 2 diabetes mellitus", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
            "5th": "fifth", "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth", "10th": "tenth"}


def _one_way(m: re.Match) -> str:
    words = m.group()
    if words in _ONE_WAY:
        return _ONE_WAY[words]
    if words.endswith("fold"):
        return words[:-4] + " fold"  # "twofold"
    return words[0] + " dimensional"  # "3d"


def _title_variants(work: Work, cited: str | None = None) -> list[str]:
    """The published title as compared (normalised), with its subtitle too when the record holds
    it apart, and in the other languages the record gives it in; given the ``cited`` title, also as
    it reads with the societies' initials cut as the citation cuts them (_initials_as_cited)."""
    variants = []
    if work.title:
        titles = [work.title] + ([f"{work.title} {work.subtitle}"] if work.subtitle else []) + list(work.other_titles)
        if cited and "/" in cited and "/" in work.title:
            titles += [t for t in (_initials_as_cited(t, cited) for t in titles) if t]
        variants = [norm_title(t) for t in titles]
    return [v for v in variants if v]


# Initials parted by slashes: the societies behind a guideline ("ACC/AHA/AAPA/ABC").
_SLASH_RUN_RE = re.compile(r"(?<![\w/])[A-Z][A-Za-z]*+(?:/[A-Z][A-Za-z]*+)+")


def _initials_as_cited(title: str, cited: str) -> str | None:
    """The published title with a run of initials parted by slashes cut to the run the citation
    writes, when that opens it: "2017 ACC/AHA guideline …" for "2017 ACC/AHA/AAPA/ABC/ACPM/AGS/
    APhA/ASH/ASPC/NMA/PCNA Guideline …", as the guideline is known. None when nothing is cut."""
    out = title
    for run in _SLASH_RUN_RE.findall(cited):
        parts = run.lower().split("/")
        for published in _SLASH_RUN_RE.findall(out):
            if published.lower().split("/")[:len(parts)] == parts and published.count("/") >= len(parts):
                out = out.replace(published, run, 1)
                break
    return out if out != title else None


#: the fewest words of a title cited in part ("Central sensitization")
SHORT_TITLE_MIN_WORDS = 2


def title_in_part(citation: Citation, work: Work) -> str | None:
    """How the cited title is the published one in part, or None when it is not: "title
    cited shortened" when it is the published title's opening words and the published one
    goes on (a subtitle left out, "Synaptic plasticity and depression" for "…: new insights
    from stress and rapid-acting antidepressants", or a long title cut short), 'title cited
    with words the record lacks: "a randomised trial"' the other way round, naming them.  Clinic
    pages cite long titles so."""
    if not citation.title or not work.title:
        return None
    cited = norm_title(citation.title)
    if len(cited.split()) < SHORT_TITLE_MIN_WORDS:
        return None
    for published in _title_variants(work, citation.title):
        if published.startswith(cited + " "):
            return "title cited shortened"
        if cited.startswith(published + " ") and len(published.split()) >= SHORT_TITLE_MIN_WORDS:
            if work.subtitle and not published.endswith(norm_title(work.subtitle)):
                continue  # words after a title whose record holds its subtitle apart: another_subtitle
            extra = _as_written(cited[len(published) + 1:], citation.title)
            return f'title cited with words the record lacks: "{extra}"'
        if not citation.authors and cited.endswith(" " + published) \
                and len(published.split()) >= SHORT_TITLE_MIN_WORDS:
            # A name before the title, as a group author the parser did not know would be
            # ("Canadian Hypertension Education Program. Etiology and prognosis of …").
            extra = _as_written(cited[: len(cited) - len(published) - 1], citation.title)
            if citation.title.startswith(extra + ". ") and _GROUP_NAME_RE.fullmatch(extra):
                return f'title cited after words the record lacks: "{extra}"'
    return None


#: a group's name: two words or more, capitalised, with no digits, list punctuation or initials at its end
_GROUP_NAME_RE = re.compile(r"[A-Z][^\d,;.]*\s(?![A-Z]{1,3}$)[^\d,;.\s]+")


#: how alike (token set ratio, 0-100) a cited subtitle and the record's must be to be one: "a
#: randomized trial" cited for "A Randomized Clinical Trial" is, "a retrospective analysis" is not
SUBTITLE_ALIKE_MIN = 80


def another_subtitle(cited_title: str, work: Work) -> str | None:
    """What is said when the title is cited with a subtitle other than the one the record holds
    apart from its title (JAMA deposits "A Randomized Clinical Trial" so), or None.  A record
    with no subtitle may have lost it: words after its title are then a remark (title_in_part)."""
    if not work.subtitle or not work.title:
        return None
    # (A note in brackets is no subtitle: "[Article in German]", PubMed's.)
    cited = norm_title(_BRACKETED.sub(" ", cited_title))
    title, subtitle = norm_title(work.title), norm_title(work.subtitle)
    if not cited.startswith(title + " ") or not subtitle:
        return None
    extra = cited[len(title) + 1:]
    if fuzz.token_set_ratio(extra, subtitle) >= SUBTITLE_ALIKE_MIN:
        return None
    return f'subtitle "{_as_written(extra, cited_title)}" cited, "{work.subtitle}" published'


def is_title_of(citation: Citation, work: Work) -> bool:
    """True when the cited title is the work's, word for word (normalised; in any of its forms)."""
    return bool(citation.title) and norm_title(citation.title) in _title_variants(work, citation.title)


def _cited_variants(title: str) -> list[str]:
    variants = [norm_title(title)]
    # Non-English titles are often cited with an English translation in brackets.
    inner = [m.group(0)[1:-1] for m in _BRACKETED.finditer(title)]
    outer = _BRACKETED.sub(" ", title)
    variants += [norm_title(t) for t in inner + [outer]]
    return [v for v in variants if len(v) >= 3]


def title_similarity(citation: Citation, work: Work) -> float:
    """0-100: how well the work's title matches the cited title (or, failing that, the entry)."""
    work_titles = _title_variants(work, citation.title)
    if not work_titles:
        return 0.0
    best = 0.0
    if citation.title:
        for cited in _cited_variants(citation.title):
            for title in work_titles:
                best = max(best, fuzz.ratio(cited, title))
    if best < 100 and not _other_numbers(citation.title, work.title):
        # The parser may have cut the title in the wrong place; a long title found whole
        # in the entry is as good as a parsed one.  (Not one whose numbers the cited title
        # writes otherwise: "2016 ESC/EAS Guidelines …" is found in "2019 ESC/EAS Guidelines
        # …: a subtitle. Eur Heart J. 2016;37(39)", its year in the entry's date.)
        text = norm_title(citation.text)
        for title in work_titles:
            if len(title) >= MIN_TITLE_CHARS_FOR_SEARCH_IN_TEXT and len(text) >= len(title):
                found = fuzz.partial_ratio(title, text)
                if found > best and _words_all_in(title, text):
                    best = found
    return best


#: function words only English titles use, and only Spanish, Portuguese, French, German and Italian ones
_ENGLISH_WORDS = frozenset("the of and with for on an to among after from by at is are versus during their".split())
_OTHER_LANGUAGE_WORDS = frozenset(
    "el los las del y con para por una sobre entre os as do da dos das e em com uma no na le les des du et dans "
    "pour chez une sur avec der die das und bei mit von im fur zur zum dem ein eine il lo gli di della nel nella "
    "dei degli delle de la en al su sus ao aos".split())
#: cognates a translated title shares with its original: at least this many word stems, and this share
#: of the shorter title's words ("Depression in old age: diagnosis and treatment" for "Depression im
#: Alter: Diagnostik und Therapie": depression, diagnosis)
TRANSLATION_STEMS_MIN = 2
TRANSLATION_STEMS_SHARE = 0.4
#: spellings a word's stem takes in one language and not another ("hypertension", "hipertensión")
_STEM_SPELLINGS = (("ph", "f"), ("th", "t"), ("y", "i"), ("k", "c"), ("ll", "l"), ("ss", "s"), ("cc", "c"),
                   ("ct", "c"), ("ti", "ci"), ("z", "s"))


#: endings of German, Spanish, Portuguese, Italian and French words no English word has ("physiologische",
#: "untersuchungen", "evaluacion", "avaliacao", "valutazione", "gestione")
_FOREIGN_ENDING_RE = re.compile(r"(?:ische|ischen|ungen|ierung|heit|keit|cion|ciones|cao|coes|idad|idade|ione|ioni"
                                r"|logie)$")


def _language_side(words: list[str]) -> int:
    """1 for a title in English, -1 for one in another Latin-script language, 0 when it cannot be told
    (a title with English function words among another language's words is none: a grafted title)."""
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    other = sum(1 for w in words if w in _OTHER_LANGUAGE_WORDS or _FOREIGN_ENDING_RE.search(w))
    if english and other:
        return 0
    if not english and not other and "in" in words:
        # "in" alone: English ("Socioeconomic inequalities in lung cancer mortality"); German and Italian
        # titles that use it use words of their own too
        return 1
    return (english > other) - (other > english)


def _stems(words: list[str]) -> set[str]:
    stems = set()
    for word in words:
        if len(word) >= 4 and not word.isdigit() and word not in _FUNCTION_WORDS \
                and word not in _OTHER_LANGUAGE_WORDS:
            for a, b in _STEM_SPELLINGS:
                word = word.replace(a, b)
            stems.add(word[:5])
    return stems


def translated_title(cited_title: str | None, work: Work) -> str | None:
    """What is said of a title cited in another language than the record's ("title cited in
    translation; the record's title: …"), or None: one title is English and the other not, and they
    share cognates (TRANSLATION_STEMS_MIN, _SHARE).  PubMed gives a non-English article's title in
    English, in brackets, and records of such journals often hold the original only.  Not enough alone:
    the work is identified so only when every other detail agrees (matching.verdict)."""
    if not cited_title or not work.title:
        return None
    cited = norm_title(_BRACKETED.sub(lambda m: m.group(0)[1:-1], cited_title)).split()
    side = _language_side(cited)
    titles = [(published, norm_title(published).split()) for published in [work.title, *work.other_titles]]
    sides = [_language_side(words) for _, words in titles]
    if side == 0 or side in sides and not bracketed_title(cited_title):
        # The record has the title in the cited language, and the cited title is not it; unless the
        # entry marks it as a translation of its own (PubMed's, which need not be the journal's).
        return None
    for (published, words), other_side in zip(titles, sides):
        if other_side != -side:
            continue
        a, b = _stems(cited), _stems(words)
        shared = len(a & b)
        if shared >= TRANSLATION_STEMS_MIN and shared >= TRANSLATION_STEMS_SHARE * min(len(a), len(b)):
            return f'{TRANSLATED}"{published}"'
    return None


def bracketed_title(title: str) -> bool:
    """True when the whole title is in brackets: PubMed's mark of a title it gives in translation."""
    title = title.strip()
    return title.startswith("[") and title.endswith("]")


#: how a title cited in translation is said, before the record's title
TRANSLATED = "title cited in translation; the record's title: "


def _other_numbers(cited_title: str | None, published_title: str | None) -> bool:
    """True when each title writes a number the other does not ("2019 …" cited, "2016 …" published)."""
    if not cited_title or not published_title:
        return False
    cited, published = set(_DIGITS_RE.findall(cited_title)), set(_DIGITS_RE.findall(published_title))
    return bool(cited - published) and bool(published - cited)


def _words_all_in(title: str, text: str) -> bool:
    """True when each word of the (normalised) published title that says something is in the
    (normalised) entry, as written or spelled another way: a title found in the entry whole.
    Found in part it is another title ("…popliteus tendon: a cross-sectional analysis of
    national survey data" for "…: a case report" is 90% alike, character by character)."""
    words = set(text.split())
    american = {_american(w) for w in words}
    for word in title.split():
        if word in words or word in _FUNCTION_WORDS or len(word) < 3 or _american(word) in american:
            continue
        if len(words) > _MOST_WORDS_COMPARED or \
                not any(_spelled_alike(word, other) for other in words if abs(len(other) - len(word)) <= 4):
            return False
    return True


#: the most words of an entry each missing title word is compared with, spelling aside (an entry is
#: a few dozen words; a runaway one of thousands is not searched word by word)
_MOST_WORDS_COMPARED = 400


#: how alike (rapidfuzz ratio) two words found apart must be to be one word spelled two ways:
#: stricter than SPELLING_MIN, which compares words in the same place of two titles ("case" and
#: "caused" are 80% alike)
SPELLED_ALIKE_MIN = 88.0


def _spelled_alike(word: str, other: str) -> bool:
    """True when ``other`` is ``word`` spelled another way ("behaviour", "tumour", "fibre"), or
    another form of it ("disorders"), and no word that says something else."""
    if frozenset((word, other)) in _SAME_WORDS or _american(word) == _american(other):
        return True
    if not other.isalpha() or len(other) < 3 or _other_by_prefix(word, other):
        return False
    short, long = sorted((word, other), key=len)
    if long.startswith(short) and long[len(short):] in _SAME_WORD_ENDINGS or sorted(word) == sorted(other):
        return True  # a plural; "fibre" for "fiber"
    return fuzz.ratio(word, other) >= SPELLED_ALIKE_MIN


#: how alike (rapidfuzz ratio) two words must be to be one word spelled two ways
#: ("behaviour"/"behavior" 94, "anaesthesia"/"anesthesia" 95, "mice"/"rats" 25)
SPELLING_MIN = 80.0
#: words that say the same written two ways
_SAME_WORDS = frozenset(frozenset(pair) for pair in (
    ("vs", "versus"), ("i", "1"), ("ii", "2"), ("iii", "3"), ("iv", "4"), ("v", "5"), ("st", "saint"),
    ("centre", "center"), ("program", "programme"), ("grey", "gray"), ("mouse", "mice"), ("foot", "feet"),
    ("tooth", "teeth"), ("person", "people"), ("disc", "disk"), ("discs", "disks"), ("haem", "heme"),
    ("mould", "mold"), ("plough", "plow"), ("tyre", "tire"), ("aluminium", "aluminum"), ("v", "vs")))
#: endings that make another form of the same word ("child"/"children", "disorder"/"disorders");
#: "with"/"without" stays two words
_SAME_WORD_ENDINGS = ("s", "es", "ren", "ing", "ed", "al", "ly", "ic", "ical", "ity")
#: Greek letters by name: words a record that lost its Greek letters lacks (norm_text spells the
#: letters out, so "α-TEA" and "alpha-TEA" are already one title)
_GREEK_NAMES = GREEK_LETTER_NAMES
#: words whose swap changes no finding ("in" for "among" is short already)
_FUNCTION_WORDS = frozenset("a an the of in on at to for from by as and or its their this these that is are was were "
                            "be been into onto via upon among within between during after before".split())
#: words that join words run on to a title ("… Disease with a Mediterranean Diet supplemented …",
#: "… using a randomised design"): function words, and these
_JOINING_WORDS = _FUNCTION_WORDS | frozenset("with using versus vs compared following through across under "
                                             "plus".split())


def _aligned_words(cited_title: str, work: Work, title_match_min: float):
    """The cited and the published title's words (normalised) and difflib's opcodes between
    them, or None when the titles are the same or too far apart to be one title."""
    from difflib import SequenceMatcher

    cited = norm_title(cited_title)
    variants = [(fuzz.ratio(cited, t), t) for t in _title_variants(work, cited_title)]
    ratio, published = max(variants, default=(0.0, ""))
    if ratio < title_match_min or ratio == 100:
        return None
    a, b = cited.split(), published.split()
    return a, b, SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _says_something(words: list[str]) -> bool:
    """True when the words hold one that is no function word, Greek letter or number."""
    return any(w not in _FUNCTION_WORDS and w not in _GREEK_NAMES and not w.isdigit() for w in words)


def changed_words(cited_title: str, work: Work, title_match_min: float) -> list[tuple[str, str]]:
    """(cited, published) words of a cited title that matched, where they say something else:
    words put in place of the published title's, one for one or up to six for others (up to
    eight for its closing words: "in low-income countries" for "of transcription 1"), that are
    not the same word spelled another way (("adults", "children"), ("spinal cord", "brain"),
    ("24", "12")), and words added inside it (("in older adults", "")) or run on from either
    end (see added_words).  Words left out (see left_out_words) are none; nor is anything in a
    title that matched only as part of the entry's text."""
    aligned = _aligned_words(cited_title, work, title_match_min)
    if aligned is None:
        return []
    a, b, opcodes = aligned
    changed = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "replace" and i2 - i1 == j2 - j1:
            before = len(changed)
            for i, j in zip(range(i1, i2), range(j1, j2)):
                if _other_word(a[i], b[j]):
                    # A letter alone says little: with the word before it, "hepatitis a" for "hepatitis b".
                    lead = 1 if len(a[i]) == 1 and i > 0 and j > 0 else 0
                    changed.append((" ".join(a[i - lead:i + 1]), " ".join(b[j - lead:j + 1])))
            if len(changed) == before and all(w in _FUNCTION_WORDS for w in b[j1:j2]) and _other_words(a[i1:i2], b[j1:j2]):
                changed.append((" ".join(a[i1:i2]), " ".join(b[j1:j2])))  # "bisexual progression" for "of the"
        elif op == "replace" and max(i2 - i1, j2 - j1) <= (
                _MOST_WORDS_AT_END if i2 == len(a) and j2 == len(b) else _MOST_WORDS_REPLACED):
            x, y = " ".join(a[i1:i2]), " ".join(b[j1:j2])
            if j2 == len(b) and j2 - j1 == 1 and a[i1].startswith(b[j1]) and a[i1] != b[j1]:
                continue  # "GABAA receptors" for a record's "GABA": a title cut where its markup began
            if _other_words(a[i1:i2], b[j1:j2]):
                changed.append((x, y))  # "spinal cord" for "brain"
        elif op == "delete" and i2 < len(a) and _prefix_words(a[i1:i2]):
            changed.append((" ".join(a[i1:i2 + 1]), a[i2]))  # "non pathogenic" cited, "pathogenic" published
        elif op == "insert" and j2 < len(b) and _prefix_words(b[j1:j2]):
            changed.append((b[j2], " ".join(b[j1:j2 + 1])))  # "pathogenic" cited, "non pathogenic" published
        elif op in ("delete", "insert") and _NEGATIONS.intersection(a[i1:i2] if op == "delete" else b[j1:j2]):
            # A negation added or left out, anywhere: "No effects of …", "does fit all" for "does not fit all".
            lead = 1 if i1 > 0 and j1 > 0 else 0
            follow = 1 if i2 < len(a) and j2 < len(b) else 0
            changed.append((" ".join(a[i1 - lead:i2 + follow]), " ".join(b[j1 - lead:j2 + follow])))
        elif op == "delete" and 0 < i1 and i2 < len(a) and len(a[i1 - 1]) > 1 and a[i1 - 1].isalpha() \
                and a[i1 - 1] not in _FUNCTION_WORDS and all(w.isdigit() and len(w) <= 2 for w in a[i1:i2]):
            # "HIV-2" for "HIV": a number added to a name. (Not a letter's, nor at the title's end: a record
            # that lost its subscript, "coenzyme Q" for "Q<sub>10</sub>", or was cut where it began.)
            changed.append((" ".join(a[i1 - 1:i2]), a[i1 - 1]))
        elif op == "delete" and 0 < i1 and i2 < len(a) and i2 - i1 <= _MOST_WORDS_CHANGED and _says_something(a[i1:i2]):
            changed.append((" ".join(a[i1:i2]), ""))  # words inside the title the published one lacks
    return changed + [(words, "") for words in _run_on(cited_title, a, opcodes, work.title or "")
                      if not _NEGATIONS.intersection(words.split())]


#: words that deny what follows: one added to a title or left out of it says the opposite
_NEGATIONS = frozenset("no not lack lacks absence without never neither nor cannot".split())
#: beginnings a title may write as words of their own ("non-pathogenic", "pre-operative", normalised
#: to "non pathogenic"): one added or left out before a word changes what it says
_PREFIX_WORDS = frozenset("""
non anti pre post un hypo hyper extra intra inter sub supra super semi multi poly mono over under counter
mis dis co re de pro peri trans ultra micro macro
""".split())


def _prefix_words(words: list[str]) -> bool:
    """True when the words are one or two such beginnings alone ("non", "anti")."""
    return 0 < len(words) <= 2 and all(w in _PREFIX_WORDS for w in words)


def added_words(cited_title: str, work: Work) -> list[str]:
    """Words (normalised) a cited title runs on with, before or after the published title, not
    set off by a colon, stop or bracket, and joined to it by a word such as "in" or "of": "Sex
    differences in" before "Fingolimod (FTY720): discovery and development …", "in patients
    with type 2 diabetes" after "… predicts progression to AIDS".  They make another claim of
    the same paper.  A subtitle the record lacks (": a randomised trial"), or a note
    ("[Article in German]"), is set off, and none."""
    aligned = _aligned_words(cited_title, work, 0.0)
    return [] if aligned is None else _run_on(cited_title, aligned[0], aligned[2], work.title or "")


def _run_on(cited_title: str, a: list[str], opcodes, published_title: str) -> list[str]:
    """The words ``a`` (the cited title's, normalised) has before or after the published title's
    (``opcodes``), that say something and are not set off from it in ``cited_title``."""
    out = []
    for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
        at_start, at_end = k == 0 and i1 == 0 and j1 == 0, k == len(opcodes) - 1 and i2 == len(a) and j2 > 0
        if op != "delete" or not (at_start or at_end) or i2 - i1 == len(a) or not _says_something(a[i1:i2]):
            continue
        if _NEGATIONS.intersection(a[i1:i2]):
            out.append(" ".join(a[i1:i2]))  # "…, but not in women", "No …": another claim, however set off
            continue
        if (a[i1] if at_end else a[i2 - 1]) not in _JOINING_WORDS and not (
                at_start and _opens_sentence_before(cited_title, " ".join(a[i1:i2]), published_title)):
            # Words joined to the title by none of its own ("in patients with …", "Sex differences
            # in …"): a record that lost words in italics ("In vivo", "Burkholderia cenocepacia" at
            # the start of a PubMed Central record) lacks them, no citation adds them.  Unless the
            # published title's capital opening word follows them in lower case ("Fatal bone
            # fracture …" for "Bone fracture …"): they open its sentence.
            continue
        if at_end and a[i1] == "a" and i1 > 0 and _as_written(a[i1 - 1], cited_title).isupper():
            continue  # "GABA A receptors" (GABA with A set below it, lost by a record cut there): no article
        words = " ".join(a[i1:i2])
        written = _as_written(words, cited_title)
        at = cited_title.lower().rfind(written.lower()) if at_end else cited_title.lower().find(written.lower())
        if at < 0:
            continue
        beside = cited_title[:at].rstrip()[-1:] if at_end else cited_title[at + len(written):].lstrip()[:1]
        if at_end and i1 > 0 and len(a[i1 - 1]) <= 2 and a[i1 - 1] not in _FUNCTION_WORDS \
                and beside and not beside.isalnum():
            # A record that ends "… induced by elevated K", cut at the "+" the citation writes
            # after it ("elevated K + and lowered Ca 2+ …"). Words run on straight after a short
            # last word ("lactococcin G in older adults", "cryptdin-4 in patients with …") are added.
            continue
        if beside not in _SETS_OFF:
            out.append(words)
    return out


def _opens_sentence_before(title: str, words: str, other_title: str) -> bool:
    """True when ``title`` opens with ``words`` (normalised) and goes on, in lower case, with the
    word ``other_title`` opens with a capital ("Fatal bone fracture …" for "Bone fracture …",
    "Brain tumors" for "Pediatric brain tumors": the other way round).  A name leaked from the
    authors ("Reid L. Clonogenic …") leaves the capital; a word in italics a record lost
    ("Burkholderia cenocepacia in …") leaves the record opening in lower case."""
    first = _FIRST_WORD_RE.match(other_title)
    if first is None or not first.group(1)[0].isupper() or first.group(1).isupper():
        return False
    written = _as_written(words, title)
    if not title.lower().lstrip(_QUOTES + " ").startswith(written.lower()):
        return False
    after = _FIRST_WORD_RE.match(title, title.lower().find(written.lower()) + len(written))
    return after is not None and after.group(1)[0].islower() and after.group(1).lower() == first.group(1).lower()


_FIRST_WORD_RE = re.compile(r"[\W_]*(\w+)")


#: what sets words off from the title before or after them: a subtitle, a note, a translation
_SETS_OFF = frozenset(":.?!;—–-([)]/")
#: the most closing words of a title replaced that are read as a change (more: a title that
#: ends otherwise, and the similarity that matched them says by how much)
_MOST_WORDS_AT_END = 8


def left_out_words(cited_title: str, work: Work, title_match_min: float) -> list[str]:
    """Words of the published title left out inside a cited title that matched ("intranasal" of
    "Efficacy of intranasal esketamine in adults" cited as "Efficacy of esketamine in adults"):
    the work is still the one cited, but the title claims more than the paper, a remark for
    the editor.  Function words, Greek letters and numbers alone are none; so are words
    left out at either end (a title cited shortened, title_in_part)."""
    aligned = _aligned_words(cited_title, work, title_match_min)
    if aligned is None:
        return []
    a, b, opcodes = aligned
    return [" ".join(b[j1:j2]) for op, i1, i2, j1, j2 in opcodes
            if op == "insert" and i1 < len(a) and j2 - j1 <= _MOST_WORDS_CHANGED and _says_something(b[j1:j2])
            and (i1 > 0 or _opens_sentence_before(work.title or "", " ".join(b[j1:j2]), cited_title))]


def _as_written(words: str, title: str) -> str:
    """``words`` (normalised, lower case) as ``title`` writes them ("hepatitis B" for "hepatitis b"),
    or as they are when the title does not hold them so."""
    spelled = r"\W+".join(map(re.escape, words.split()))
    m = re.search(rf"(?<!\w){spelled}(?!\w)", title, re.IGNORECASE) if spelled else None
    return m.group() if m else words


#: the most words on either side of a change read as one (more: the titles differ, and the
#: similarity that matched them says by how much)
_MOST_WORDS_CHANGED = 3
#: the most words on either side of words put in place of others inside a title: a long title
#: stays 90% alike with "369 diseases and injuries" cited for "87 risk factors" (a twin's words)
_MOST_WORDS_REPLACED = 6


def _other_words(x: list[str], y: list[str]) -> bool:
    """True when cited words ``x`` say something else than published words ``y`` (their counts
    differ): not function words, an initialism of the other side ("rct"), or the same words
    run together or apart ("healthcare", "health care")."""
    if all(w in _FUNCTION_WORDS or w in _GREEK_NAMES for w in x):
        return False
    if all(w in _FUNCTION_WORDS for w in y):
        # Words that say something put in place of small ones ("in the neostriatum bisexual progression
        # rat" for "… of the rat"): two of them or more, no figure alone.
        return sum(1 for w in x if w not in _FUNCTION_WORDS and w not in _GREEK_NAMES and not w.isdigit()) >= 2
    short, long = sorted(([w for w in x if w not in _FUNCTION_WORDS], [w for w in y if w not in _FUNCTION_WORDS]),
                         key=len)
    if len(short) == 1 and short[0] == "".join(w[0] for w in long):
        return False  # "an rct" for "a randomized controlled trial"
    joined_x, joined_y = "".join(x), "".join(y)
    if _other_by_prefix(joined_x, joined_y):
        return True  # "pre operative" (pre-operative) for "postoperative"
    return fuzz.ratio(joined_x, joined_y) < SPELLING_MIN


#: beginnings that turn a word into another ("nonspecific", "asymptomatic", "female",
#: "esketamine", "antagonist", "inactivation"): a word with one is no spelling of the word without
_MEANING_PREFIXES = frozenset("""
non un in im il ir a an ant anti dis de counter mis es ar lev levo dex dextro fe wo co re pre post
sub super supra hyper hypo over under semi multi poly mono bi uni intra extra inter trans ex out
""".split())
#: beginnings that say the opposite of each other ("hypotension" for "hypertension")
_OPPOSITE_PREFIXES = frozenset(frozenset(pair) for pair in (
    ("hyper", "hypo"), ("hyper", "normo"), ("hypo", "normo"), ("pre", "post"), ("pre", "peri"), ("peri", "post"),
    ("ante", "post"), ("intra", "extra"), ("inter", "intra"), ("sub", "supra"), ("over", "under"), ("in", "out"),
    ("in", "ex"), ("im", "ex"), ("micro", "macro"), ("mono", "poly"), ("uni", "bi"), ("up", "down"),
    ("hetero", "homo"), ("endo", "exo"), ("ad", "ab"), ("tachy", "brady"), ("pro", "anti"), ("ana", "cata"),
    ("in", "de"), ("hyper", "de"), ("over", "de")))
#: the fewest letters the rest of a word keeps after a beginning is set apart
_STEM_MIN = 4


def _other_by_prefix(x: str, y: str) -> bool:
    """True when two words are one stem with beginnings that say different things: one adds a
    beginning that turns the word into another ("nonspecific"/"specific", "female"/"male"), or the
    two begin oppositely ("hypotension"/"hypertension", "preoperative"/"postoperative").  British
    spellings that add a letter ("oestrogen"/"estrogen", "aetiology"/"etiology") are no prefix."""
    short, long = sorted((x, y), key=len)
    if long.endswith(short) and len(short) >= _STEM_MIN:
        head = long[: len(long) - len(short)]
        return head in _MEANING_PREFIXES and not (head in ("a", "o") and short[0] == "e")
    for cut in range(1, 7):
        stem = x[cut:]
        if len(stem) >= _STEM_MIN and y.endswith(stem) \
                and frozenset((x[:cut], y[: len(y) - len(stem)])) in _OPPOSITE_PREFIXES:
            return True
    return False


def _other_word(x: str, y: str) -> bool:
    """True when cited word ``x`` says something else than published word ``y``."""
    if x == y:
        return False
    if len(x) == 1 and len(y) == 1 and x.isalpha() and y.isalpha():
        return True  # a letter that names a kind: "hepatitis A" for "hepatitis B", "vitamin D" for "vitamin C"
    if frozenset((x, y)) in _OPPOSITE_WORDS:
        return True  # "before treatment" for "after treatment", "maternal" for "paternal"
    if x in _FUNCTION_WORDS or y in _FUNCTION_WORDS or frozenset((x, y)) in _SAME_WORDS or _american(x) == _american(y):
        return False
    if _other_by_prefix(x, y):
        return True
    nx, ny = _number(x), _number(y)
    if nx is not None and ny is not None:
        return nx != ny  # "24 weeks" for "12 weeks", "5 years" for "ten years", "phase II" for "phase III"
    if x.isdigit() or y.isdigit():
        # A number for a name's letters or a name with letters added: "Bcl-xL" for "Bcl-2", "IL-6R"
        # (the receptor) for "IL-6". A number for a longer word says nothing of it.
        number, other = (x, y) if x.isdigit() else (y, x)
        if other.endswith(number) and other[: -len(number)] in _GREEK_NAMES:
            return False  # "1" for "beta1": a record or a copy that lost its Greek letter
        return len(other) <= 3 or any(c.isdigit() for c in other)
    if any(c.isdigit() for c in x) and _DIGITS_RE.sub("", x) == _DIGITS_RE.sub("", y):
        return True  # "BRCA1" for "BRCA2", "D1" for "D2": one name's number for another's ("a2" is "alpha2")
    if len(x) < 3 or len(y) < 3:
        # Two initialisms or symbols that differ ("US" for "UK", "AD" for "PD"); one for a word is an
        # initialism of it.
        return len(x) < 3 and len(y) < 3 and x.isalpha() and y.isalpha()
    short, long = sorted((x, y), key=len)
    if long.startswith(short) and long[len(short):] in _SAME_WORD_ENDINGS:
        return False  # a plural, another form of the word
    if long == short + "r" and len(short) <= _MOST_LIGAND_LETTERS:
        return True  # "EGFR" for "EGF", "TNFR" for "TNF": the receptor for the molecule it binds
    if x[0] != y[0]:
        return True  # "maternal" for "paternal", "renal" for "adrenal": spellings keep a word's first letter
    if _other_by_suffix(x, y) or _differ_inside(x, y):
        return True
    return fuzz.ratio(x, y) < SPELLING_MIN


def _differ_inside(x: str, y: str) -> bool:
    """True when two words differ inside, their last letters the same, in letters no spelling
    changes: "injection"/"infection", "marine"/"murine", "spiral"/"spinal", "atrial"/"arterial".
    One letter added or left out ("signalling", "judgement", a slip: "hyperactivty"), c/k or
    s/z ("leucocyte", "organisation") is a spelling; so is a change in a word's ending ("analyses").
    ("inulin" for "insulin" is one letter left out, and stays a slip.)"""
    if len(x) < _INSIDE_MIN or len(y) < _INSIDE_MIN or not (x.isalpha() and y.isalpha()):
        return False
    start = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
    end = 0  # the letters both end with, after ``start``
    while end < min(len(x), len(y)) - start and x[-1 - end] == y[-1 - end]:
        end += 1
    if end < _INSIDE_END_MIN:
        return False
    dx, dy = x[start:len(x) - end], y[start:len(y) - end]
    if frozenset((dx, dy)) in _SPELLING_SWAPS:
        return False
    if not (dx and dy) and len(dx or dy) == 1 or sorted(dx) == sorted(dy):
        # a letter added or left out ("signalling", "judgement", "hyperactivty"), two swapped: a spelling or a slip
        return False
    return True


#: the most letters of a name read as a molecule whose receptor adds an "R" ("VEGF", "VEGFR")
_MOST_LIGAND_LETTERS = 5
#: the fewest letters of two words told apart by a change inside, and the fewest they end with alike
_INSIDE_MIN = 5
_INSIDE_END_MIN = 2
#: letters spellings swap inside a word ("leucocyte", "organisation", "sulphate")
_SPELLING_SWAPS = frozenset(frozenset(pair) for pair in (("c", "k"), ("s", "z"), ("f", "ph"), ("i", "y")))


#: endings that name a kind of disease or procedure ("dermatitis", "dermatosis"; "colectomy", "colostomy")
_MEANING_SUFFIXES = ("itis", "osis", "oma", "emia", "pathy", "algia", "ectomy", "ostomy", "otomy", "plasty",
                     "scopy", "graphy", "trophy", "plasia", "lysis")


def _other_by_suffix(x: str, y: str) -> bool:
    """True when two words name another disease or procedure by their endings: one stem with two of
    _MEANING_SUFFIXES ("dermatitis", "dermatosis"), or one such ending after stems that are no
    spellings of each other ("arthritis", "arteritis")."""
    sx = next((e for e in _MEANING_SUFFIXES if x.endswith(e)), None)
    sy = next((e for e in _MEANING_SUFFIXES if y.endswith(e)), None)
    if sx is None or sy is None:
        return False
    stem_x, stem_y = x[: -len(sx)], y[: -len(sy)]
    if sx != sy:
        return stem_x == stem_y and len(stem_x) >= 3
    return min(len(stem_x), len(stem_y)) >= 3 and fuzz.ratio(stem_x, stem_y) < SPELLED_ALIKE_MIN


#: words that say the opposite of each other, or another time, however alike they are spelled or
#: however small ("before" and "after" are function words elsewhere)
_OPPOSITE_WORDS = frozenset(frozenset(pair) for pair in (
    ("before", "after"), ("before", "during"), ("during", "after"), ("prior", "after"), ("with", "without"),
    ("increase", "decrease"), ("increases", "decreases"), ("increased", "decreased"), ("increasing", "decreasing"),
    ("higher", "lower"), ("high", "low"), ("more", "less"), ("most", "least"), ("positive", "negative"),
    ("maternal", "paternal"), ("upper", "lower"), ("early", "late"), ("acute", "chronic"), ("benign", "malignant"),
    ("inhibits", "activates"), ("inhibition", "activation"), ("men", "women"), ("boys", "girls"),
    ("inflow", "outflow"), ("input", "output"), ("left", "right"), ("anterior", "posterior"),
    ("superior", "inferior"), ("proximal", "distal"), ("medial", "lateral"), ("dorsal", "ventral")))
_DIGITS_RE = re.compile(r"\d+")
#: number words and Roman numerals, by value ("five-year", "type II")
_NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100, "thousand": 1000, "single": 1, "double": 2, "triple": 3})
_ROMAN_RE = re.compile(r"(x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_DIGITS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}


def _number(word: str) -> int | None:
    """The value a word writes: digits, a number word, a Roman numeral; else None."""
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    m = _ROMAN_RE.fullmatch(word)
    if m is None or not word:
        return None
    return 10 * len(m.group(1)) + _ROMAN_DIGITS.get(m.group(2), 0)


def same_surname(a: str, b: str) -> bool:
    """True when two surnames name the same person, allowing particles and transliteration."""
    if _SUFFIX_RE.search(a) or _SUFFIX_RE.search(b):
        a, b = _SUFFIX_RE.sub("", a), _SUFFIX_RE.sub("", b)  # "Smith Jr." is Smith
    x, y = norm_surname(a), norm_surname(b)
    if not x or not y:
        return False
    if x == y:
        return True
    numbers_a, numbers_b = _DIGITS_RE.findall(a), _DIGITS_RE.findall(b)
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return False  # "GBD 2017 Risk Factors Collaborators" and "GBD 2019 …": two groups
    if not (a + b).isascii() and (x in _umlauts_written_out(b) or y in _umlauts_written_out(a)):
        return True  # "Baer" for "Bär"; "Lv" or "Lyu" for "Lü", as pinyin writes ü
    if not x.isascii() and (x.startswith(y) or y.startswith(x)) and cached_script_of(x) in _NAME_FIRST_SCRIPTS:
        # "王明" cited whole, "王" the record's family name: the family name opens the name.
        return True
    # "van den Berg" cited as "Berg", "Garcia-Lopez" as "Garcia": the names of one are all names of
    # the other, particles aside ("van Dijk" is not "van der Berg", nor "Ricci-Moreno" "Ricci-Vitiani")
    parts_a, parts_b = ({w for w in norm_text(n).split() if w not in _SURNAME_PARTICLES} for n in (a, b))
    if parts_a and parts_b and (parts_a <= parts_b or parts_b <= parts_a) and min(map(len, parts_a | parts_b)) > 2:
        return True
    if (" " in a or " " in b) and _one_spelt_short(a, b):
        return True  # one organisation, named by its initials on one side ("ADA", "USPSTF", "DCCT")
    short, long = sorted((x, y), key=len)
    if long == short + "g" and short.endswith("n"):
        return False  # "Chen" and "Cheng", "Zhan" and "Zhang", "Wan" and "Wang": two family names
    return min(len(x), len(y)) > 3 and fuzz.ratio(x, y) >= SURNAME_FUZZY_MIN


#: words an organisation's initials leave out ("Diabetes Control and Complications Trial": DCCT)
_NAME_FILLERS = frozenset("the of and for on in a an to &".split())
_NAME_WORD_RE = re.compile(r"[^\W_]+")


def _one_spelt_short(a: str, b: str) -> bool:
    """True when one organisation's name writes words of the other's as their initials and the
    rest as they are: "ADA" for "American Diabetes Association", "USPSTF" for "US Preventive
    Services Task Force", "The DCCT Research Group" for "The Diabetes Control and Complications
    Trial Research Group"."""
    words_a, words_b = ([w for w in _NAME_WORD_RE.findall(n) if w.lower() not in _NAME_FILLERS] for n in (a, b))
    for short, long in ((words_a, words_b), (words_b, words_a)):
        if len(short) < len(long) and any(len(w) > 2 and w.isupper() for w in short) and _spells(short, long):
            return True
    return False


def _spells(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is ``long`` with runs of words written as their initials (a word in
    capitals gives all its letters: "US" in "USPSTF")."""
    j = 0
    for word in short:
        if j < len(long) and word.lower() == long[j].lower():
            j += 1
            continue
        if len(word) < 3 or not word.isupper():
            return False  # (two capitals are a person's initials as often as an organisation's)
        spelt = ""
        while j < len(long) and len(spelt) < len(word):
            spelt += long[j] if long[j].isupper() else long[j][0].upper()
            j += 1
        if spelt != word:
            return False
    return j == len(long)


#: a generation after a surname ("Smith Jr.", "Gates III"): no part of the family name
_SUFFIX_RE = re.compile(r"[\s,]+(?:jr|sr|ii|iii|iv|2nd|3rd|4th)\.?$", re.IGNORECASE)


def _umlauts_written_out(name: str) -> set[str]:
    """The surname (norm_surname) with its umlauts written as ASCII writes them: German's
    "ae", "oe", "ue" and, for "ü", pinyin's "v" and "yu"."""
    if not any(c in name for c in "äöüÄÖÜ"):
        return set()
    german = name.translate(_GERMAN_UMLAUTS)
    return {norm_surname(german), norm_surname(name.replace("ü", "v").replace("Ü", "V")),
            norm_surname(name.replace("ü", "yu").replace("Ü", "Yu"))}


_GERMAN_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


#: words that open a surname without naming a family ("van der Berg", "Al-Rashid", "de la Cruz"), and
#: the words that join two family names in Catalan, Spanish and Portuguese ("Puig i Domingo", "Sousa e Silva")
_SURNAME_PARTICLES = frozenset("van von der den de del della di da du la le dos das ter ten al el bin ben st "
                               "i y e".split())


def check_authors(cited: tuple[Author, ...], found: tuple[Author, ...], et_al: bool = True) -> FieldCheck:
    """First cited author must be the first published; every cited surname must be published,
    unless the record is the one that stops short.

    A shortened list is right; without "et al." (``et_al`` False) the note says how short,
    as the list then reads as complete.  A citation that names every author the record
    has, and names more, is right too, with a note: records often lack co-authors (a
    deposit that lists only the first), and a name the record lacks contradicts nothing.
    A record that stores a name family-last (family "Xiaoming", given "Wang") is read as cited."""
    if any(map(_is_group, cited)) or any(map(_is_group, found)):
        apart = _check_groups_apart(cited, found, et_al)
        if apart is not None:
            return apart
    cited_names = [a.surname for a in cited]
    check = _check_surnames(cited_names, [a.surname for a in found], et_al)
    if check.status is FieldStatus.MISMATCH:
        swapped = _given_as_family(cited, found)
        if swapped:
            again = _check_surnames(cited_names, swapped, et_al)
            if again.status is FieldStatus.MATCH:
                return again
    return check


def _is_group(author: Author) -> bool:
    """True for a group's name as an author ("SPRINT Research Group", "USPSTF"): no initials, and
    two words or more, or capitals alone."""
    name = author.surname
    return not author.initials and (" " in name.strip() or len(name) >= 3 and name.isupper())


# What names a body within an organisation, after the organisation's name (and its country's).
_SUB_BODY_RE = re.compile(r",?\s*+(?:\((?:US|U\.S\.|UK)\)\s*+)?(?:[A-Z][a-z]+ ){0,2}?(?:Sub)?(?:[Cc]ommittee|[Pp]anel|Board|"
                          r"Council|Division|Section|Work(?:ing)? Group|Writing Group|Task Force|Commission)\b")


def _is_body_within(body: str, parent: str) -> bool:
    """True when ``body`` names a committee, panel or board of the organisation ``parent`` names,
    as the National Academies' books are cited: "Institute of Medicine (US) Committee on Quality of
    Health Care in America" for a record whose author is "Institute of Medicine"."""
    parent = parent.strip().removeprefix("The ")
    named = body.strip().removeprefix("The ")
    return len(named) > len(parent) and named.startswith(parent) and not named[len(parent)].isalnum() \
        and bool(_SUB_BODY_RE.match(named, len(parent)))


def _same_group(a: str, b: str) -> bool:
    """True when two groups' names name one group, or one a body within the other."""
    return same_surname(a, b) or _is_body_within(a, b) or _is_body_within(b, a)


def _check_groups_apart(cited: tuple[Author, ...], found: tuple[Author, ...], et_al: bool) -> FieldCheck | None:
    """The authors compared with the groups set apart, when that matches; else None.  PubMed lists a
    group before or after the persons ("SPRINT Research Group; Wright JT Jr, …", "…, et al; American
    Diabetes Association Professional Practice Committee"), and records keep either or both: the
    persons, when both sides name some, decide; a group cited that the record lacks is a remark, as a
    co-author is.  A citation that names only groups matches a record that names them, and a record
    that names only groups a citation that names one of them."""
    cited_groups = [a.surname for a in cited if _is_group(a)]
    found_groups = [a.surname for a in found if _is_group(a)]
    cited_persons = [a.surname for a in cited if not _is_group(a)]
    found_persons = [a.surname for a in found if not _is_group(a)]
    missing = [g for g in cited_groups if not any(_same_group(g, f) for f in found_groups)]
    if cited_persons and found_persons:
        check = _check_surnames(cited_persons, found_persons, et_al)
        if check.status is not FieldStatus.MATCH:
            return None
        notes = [note for note in (check.note, missing and f"{', '.join(missing)} not in the record") if note]
        return FieldCheck("authors", [a.surname for a in cited], [a.surname for a in found][: max(len(cited), 3)],
                          FieldStatus.MATCH, "; ".join(notes) or None)
    if not cited_persons and cited_groups and not missing:
        # "The SPRINT Research Group." for a record that lists the group after its persons
        return FieldCheck("authors", [a.surname for a in cited], [a.surname for a in found][:3], FieldStatus.MATCH)
    if not found_persons and len(missing) < len(cited_groups):
        note = f"{', '.join(cited_persons)} not in the record, which lists only " \
               f"{', '.join(found_groups)}: check the author list" if cited_persons else None
        return FieldCheck("authors", [a.surname for a in cited], found_groups, FieldStatus.MATCH, note)
    return None


def _given_as_family(cited: tuple[Author, ...], found: tuple[Author, ...]) -> list[str] | None:
    """The published surnames with each given name that a cited author carries as surname in its
    place (a Chinese name stored family-last), the cited initial the family name's; None when
    there is none."""
    names, swapped = [], False
    for f in found:
        given = f.initials
        if len(given) > 1 and " " not in given and not given.isupper() and any(
                same_surname(c.surname, given) and not same_surname(c.surname, f.surname)
                and (not c.initials or c.initials[0].upper() == f.surname[:1].upper()) for c in cited):
            names.append(given)
            swapped = True
        else:
            names.append(f.surname)
    return names if swapped else None


def _check_surnames(cited_names: list[str], found_names: list[str], et_al: bool) -> FieldCheck:
    if not cited_names or not found_names:
        return FieldCheck("authors", cited_names or None, found_names or None, FieldStatus.ABSENT)
    shown_found = found_names[: max(len(cited_names), 3)]
    if not same_surname(cited_names[0], found_names[0]):
        others = [n for n in cited_names[1:] if not any(same_surname(n, f) for f in found_names)]
        if len(cited_names) > 1 and len(others) == len(cited_names) - 1:
            # Not one cited name is published: the whole list is another's (or invented), not a first
            # author to swap ("first author cited as Takahashi" left Mori and Chen standing).
            return FieldCheck("authors", cited_names, shown_found, FieldStatus.MISMATCH,
                              f"none of the cited authors ({', '.join(cited_names)}) is among the published ones "
                              f"({', '.join(shown_found)}{', …' if len(found_names) > len(shown_found) else ''})")
        return FieldCheck("authors", cited_names, shown_found, FieldStatus.MISMATCH,
                          f"first author cited as {cited_names[0]}, published as {found_names[0]}")
    missing = [n for n in cited_names[1:] if not any(same_surname(n, f) for f in found_names)]
    if missing and all(any(same_surname(f, n) for n in cited_names) for f in found_names[1:]):
        return FieldCheck("authors", cited_names, shown_found, FieldStatus.MATCH,
                          f"{', '.join(missing)} not in the record, which lists {_count(len(found_names), 'author')}: "
                          "check the author list")
    if missing:
        return FieldCheck("authors", cited_names, shown_found, FieldStatus.MISMATCH,
                          f"{', '.join(missing)} not among the published authors")
    swapped = _out_of_order(cited_names, found_names)
    if swapped:
        return FieldCheck("authors", cited_names, shown_found, FieldStatus.MISMATCH,
                          f"authors in another order: {swapped[0]} cited before {swapped[1]}, "
                          f"published after")
    note = None
    if not et_al and len(cited_names) < len(found_names):
        note = f"{len(cited_names)} of {len(found_names)} authors cited, without \"et al.\""
    return FieldCheck("authors", cited_names, shown_found, FieldStatus.MATCH, note)


def _out_of_order(cited: list[str], found: list[str]) -> tuple[str, str] | None:
    """(a, b) when cited author a comes before b but is published after it; None when every
    cited surname has its published place in the cited order.  Each cited name takes the first
    published place after the one before it ("Wang, Li, Wang" has two Wangs); a name with no
    place after that, but a free place before it, is out of order."""
    used = {0}
    at = 0
    for k, name in enumerate(cited[1:], start=1):
        later = next((i for i in range(at + 1, len(found)) if same_surname(name, found[i])), None)
        if later is None:
            if any(i not in used and same_surname(name, found[i]) for i in range(at)):
                return cited[k - 1], name
            return None
        used.add(later)
        at = later
    return None


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def check_year(cited: int | None, work: Work) -> FieldCheck:
    """Within ±1 of any of the record's dates matches; the note says which date when not equal."""
    if cited is None or not work.years:
        return FieldCheck("year", cited, work.year, FieldStatus.ABSENT)
    if cited in work.years:
        note = None
        if work.year_online and work.year_print and work.year_online != work.year_print:
            note = f"published online {work.year_online}, in print {work.year_print}"
        return FieldCheck("year", cited, cited, FieldStatus.MATCH, note)
    nearest = min(work.years, key=lambda y: abs(y - cited))
    if abs(nearest - cited) <= YEAR_TOLERANCE:
        if work.year_online and work.year_print and work.year_online != work.year_print:
            note = f"published online {work.year_online}, in print {work.year_print}; within a year: accepted"
        else:
            note = "within a year: accepted"
        return FieldCheck("year", cited, nearest, FieldStatus.MATCH, note)
    return FieldCheck("year", cited, work.year, FieldStatus.MISMATCH)


def check_journal(cited: str | None, work: Work, text: str = "") -> FieldCheck:
    """Same journal under any of its names or abbreviations."""
    names = tuple(n for n in (work.journal, *work.short_journal) if n)
    if cited and work.type == "posted-content" and not PREPRINT_SERVER_RE.search(cited):
        # A preprint cited as a journal's article: the journal's details are nowhere in the record.
        return FieldCheck("journal", cited, PREPRINT_VENUE, FieldStatus.MISMATCH)
    if not cited or not names:
        return FieldCheck("journal", cited, work.journal, FieldStatus.ABSENT)
    same = same_journal(cited, names) or any(_journal_misread(cited, name, text) for name in names)
    if not same and " Part " in cited and (part := _JOURNAL_PART_RE.search(cited)):
        same = same_journal(cited[: part.start()], names)  # "… Hypertension. Part A, Theory and Practice"
    published = work.journal or names[0]
    if not same and MEETING_RE.search(cited):
        # An abstract cited by the meeting it was presented at, published in the journal's supplement.
        return FieldCheck("journal", cited, published, FieldStatus.MATCH,
                          f"cited by its meeting, published in {published}")
    if not same and work.type == "proceedings-article":
        # A proceedings' paper cited by the journal that prints the proceedings, as PubMed names them
        # ("Conf Proc IEEE Eng Med Biol Soc", "Am J Respir Crit Care Med" for ATS's abstracts), while
        # the record names the proceedings or the session.
        return FieldCheck("journal", cited, published, FieldStatus.MATCH,
                          f"the record names its proceedings: {published}")
    status = FieldStatus.MATCH if same else FieldStatus.MISMATCH
    return FieldCheck("journal", cited, published, status)


#: what a preprint's record has in a journal's place, as a report says it
PREPRINT_VENUE = "a preprint, in no journal"
#: a preprint server's or its publisher's name, cited where a journal's would be
PREPRINT_SERVER_RE = re.compile(r"Rxiv|SSRN|Social Science Research Network|Research Square|\bRes Sq\b|[Pp]reprint|"
                                 r"Cold Spring Harbor Laboratory|\bOSF\b|Authorea|Qeios|Zenodo")
#: A journal's part, named after it, that a record may leave out: ". Part A, Theory and Practice".
_JOURNAL_PART_RE = re.compile(r"[.,]?\s+Part [A-Z]\b[^.]*$")
#: Content words a fragment of a journal name needs before it can stand for the whole name.
MIN_FRAGMENT_WORDS = 2
_QUOTES = "\"“”‘’'"


def _journal_misread(cited: str, name: str, text: str) -> bool:
    """True when the cited journal is the record's name misread at a full stop or a quote.

    Names with full stops inside ("Acta Crystallographica. Section D, ...") lose their head
    when a parser splits at the stop; titles with quotes lend the journal their tail. Only a
    fragment of two content words or more counts, and the whole name must be in the entry, so
    "Journal of Pain" never stands for "European Journal of Pain" (accuracy benchmark, issue 3).
    """
    a, b = journal_key(cited), journal_key(name)
    if not a or not b or a == b:
        return False
    shorter = a if len(a) < len(b) else b
    if len([w for w in shorter.split() if w not in ("of", "the", "and")]) < MIN_FRAGMENT_WORDS:
        return False
    if b.endswith(" " + a):
        return f" {b} " in f" {norm_text(text)} "
    if a.endswith(" " + b):
        return any(q in cited for q in _QUOTES) or ". " in cited
    return False


def check_number(name: str, cited: str | None, found: str | None) -> FieldCheck:
    """Volume or issue: equal once normalised; a combined issue "3-4" contains "3", a volume
    written with its supplement ("76 Suppl 2") the volume."""
    a, b = norm_number(cited), norm_number(found)
    if not a or not b:
        return FieldCheck(name, cited, found, FieldStatus.ABSENT)
    if a == b:
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    parts_a = set(re.split(r"[^0-9a-z]+", fold_range(cited)))
    parts_b = set(re.split(r"[^0-9a-z]+", fold_range(found)))
    if name == "issue" and (b in parts_a or a in parts_b):
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    if name == "issue" and (a in (b + "s", b + "suppl") or b in (a + "s", a + "suppl")):
        # A supplement to the issue, written with it on one side only: PubMed's "98(4S)" or
        # "(4 Suppl)" for Crossref's issue "4" (its pages "S1-S115" say which).
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    if name == "issue" and b.startswith("suppl") and a in ("webserver", "database"):
        # Nucleic Acids Research's supplements as PubMed names them: "36(Web Server issue)" for "suppl_2".
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    if name == "issue" and _same_supplement(cited, found):
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    if name == "volume" and (b.startswith(a + "suppl") or a.startswith(b + "suppl")):
        # The supplement written with the volume on one side only: "76" cited (its "Suppl 2"
        # read as the issue), "76 Suppl 2" in the record.
        return FieldCheck(name, cited, found, FieldStatus.MATCH)
    return FieldCheck(name, cited, found, FieldStatus.MISMATCH)


_SUPPLEMENT_ISSUE_RE = re.compile(r"sup|spec|^s\s?\d+$")


def _same_supplement(cited: str | None, found: str | None) -> bool:
    """True when both issues name a supplement, written in any of the ways they are ("2 Suppl",
    "Suppl 2", "Supplement_2", "2_suppl", "S2", PubMed's special issue "Spec No 2"), and their numbers
    agree or one side has none (a volume's supplement cited "30 Suppl" for the record's "1 Supp")."""
    a, b = fold_range(cited).strip(), fold_range(found).strip()
    if not (_SUPPLEMENT_ISSUE_RE.search(a) and _SUPPLEMENT_ISSUE_RE.search(b)):
        return False
    numbers_a, numbers_b = set(_DIGITS_RE.findall(a)), set(_DIGITS_RE.findall(b))
    return not numbers_a or not numbers_b or bool(numbers_a & numbers_b)


def fold_range(value: str | None) -> str:
    """'3–4' -> '3-4' in lower case, for splitting combined issues."""
    return re.sub(r"[\u2010-\u2015/]", "-", str(value or "")).lower()


def check_pages(cited: str | None, work: Work) -> FieldCheck:
    """First page must agree (and the last, when both give one); article numbers count as pages.
    A Cochrane review's number ("CD001800") is its page, and its DOI holds it when the record has none."""
    found = work.pages or work.article_number
    if not found and cited and (review := _COCHRANE_NUMBER_RE.search(work.doi or "")):
        found = review.group(1)  # 10.1002/14651858.CD001800.pub3
    c_first, c_last = split_pages(cited)
    f_first, f_last = split_pages(found)
    if not c_first or not f_first:
        return FieldCheck("pages", cited, found, FieldStatus.ABSENT)
    if _digits(str(cited)) == _digits(str(found)):
        # The same digits split differently: an article number read as a range ("091802" / "091-802").
        return FieldCheck("pages", cited, found, FieldStatus.MATCH)
    firsts_agree = c_first == f_first or _digits(c_first) == _digits(f_first)
    if not firsts_agree and work.article_number and work.pages:
        a_first, _ = split_pages(work.article_number)
        firsts_agree = a_first is not None and _digits(c_first) == _digits(a_first)
    lasts_agree = not (c_last and f_last) or _digits(c_last) == _digits(f_last)
    status = FieldStatus.MATCH if firsts_agree and lasts_agree else FieldStatus.MISMATCH
    return FieldCheck("pages", cited, found, status)


_COCHRANE_NUMBER_RE = re.compile(r"^10\.1002/14651858\.(CD\d{6})", re.IGNORECASE)


def _digits(page: str) -> str:
    return re.sub(r"\D", "", page) or page


def check_doi(cited: str | None, work: Work) -> FieldCheck:
    """The cited DOI is the work's DOI (case-insensitive)."""
    if not cited:
        return FieldCheck("doi", None, work.doi, FieldStatus.ABSENT)
    status = FieldStatus.MATCH if cited.lower() == work.doi.lower() else FieldStatus.MISMATCH
    return FieldCheck("doi", cited, work.doi, status)


def _changes_said(changed: list[tuple[str, str]], citation: Citation, work: Work) -> str:
    """The changed words of a title, as each title writes them: '"adults" cited, "children"
    published; "in older adults" cited, not in the published title'."""
    return "; ".join(
        f'"{_as_written(cited, citation.title or "")}" cited, "{_as_written(published, work.title or "")}" published'
        if published else f'"{_as_written(cited, citation.title or "")}" cited, not in the published title'
        for cited, published in changed)


def compare_fields(citation: Citation, work: Work, title_sim: float, title_match_min: float,
                   in_part: str | None = None) -> tuple[FieldCheck, ...]:
    """Every field of the contract compared, in report order.  ``in_part``: how the cited
    title is the published one in part (title_in_part), when that identified the work."""
    other = another_subtitle(citation.title, work) if citation.title and work.subtitle else None
    if not citation.title:
        title = FieldCheck("title", None, work.title, FieldStatus.ABSENT)
    elif other and (in_part or title_sim >= title_match_min):
        title = FieldCheck("title", citation.title, work.title, FieldStatus.MISMATCH, other)
    elif title_sim < title_match_min and in_part:
        added = [(words, "") for words in added_words(citation.title, work)]
        title = FieldCheck("title", citation.title, work.title, FieldStatus.MISMATCH,
                           _changes_said(added, citation, work)) if added \
            else FieldCheck("title", citation.title, work.title, FieldStatus.MATCH, in_part)
    elif title_sim < title_match_min and (translated := translated_title(citation.title, work)):
        # Identifies the work only with every other detail agreeing (matching.verdict._in_translation).
        title = FieldCheck("title", citation.title, work.title, FieldStatus.MATCH, translated)
    elif title_sim >= title_match_min:
        # (Words run on from the title are looked for at any similarity: a title matched as found
        # whole in the entry may be far from the cited one, "… AIDS in patients with type 2 diabetes".)
        changed = changed_words(citation.title, work, title_match_min) or \
            [(words, "") for words in added_words(citation.title, work)]
        if changed:
            # The same title but for a word that changes what it says ("adults" for "children").
            title = FieldCheck("title", citation.title, work.title, FieldStatus.MISMATCH,
                               _changes_said(changed, citation, work))
        else:
            # Close enough to match, and still worth a remark when words are left out or added.
            remark = None if is_title_of(citation, work) else title_in_part(citation, work)
            if remark is None:
                left_out = left_out_words(citation.title, work, title_match_min)
                if left_out:
                    remark = "title cited with words left out: " + ", ".join(
                        f'"{_as_written(words, work.title or "")}"' for words in left_out)
            title = FieldCheck("title", citation.title, work.title, FieldStatus.MATCH, remark)
    else:
        title = FieldCheck("title", citation.title, work.title, FieldStatus.MISMATCH)
    return (
        title,
        check_authors(citation.authors, work.authors, citation.et_al),
        check_journal(citation.journal, work, citation.text),
        check_year(citation.year, work),
        check_number("volume", citation.volume, work.volume),
        check_number("issue", citation.issue, work.issue),
        check_pages(citation.pages, work),
        check_doi(citation.doi, work),
    )
