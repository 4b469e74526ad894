"""Research claims: sentences that point at research ("A 2019 meta-analysis
confirmed ...", "Research in 2021 indicated ...", "A study published in The
Lancet found ...").  A claim that carries an in-text citation is linked to the
cited entry; one without is what an editor should look at.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from citecheck.extract.intext import MONTH_NAMES, alike_entries, fits_alike
from citecheck.extract.links import LINK_OR_DOI_RE
from citecheck.models import Citation, Claim, InText, Work

_RESEARCH_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|meta-analys[ie]s|(?:systematic\s)?reviews?|research|researchers|"
    r"scientists|survey|analysis|paper|report|experiments?|investigation|findings|data|evidence|cohorts?|registry)\b",
    re.IGNORECASE)
# Substrings (lower case) one of which every match of _RESEARCH_RE holds: a quicker test
# for a line that most often holds none (see _may_name_research).
_RESEARCH_PARTS = ("stud", "trial", "analys", "review", "research", "scientists", "survey", "paper",
                   "report", "experiment", "investigation", "findings", "data", "evidence", "proven", "science",
                   "cohort", "registry", "agree", "team", "published", "shown", "documented", "literature")
_VERB_RE = re.compile(
    r"\b(?:found|finds|showed|shows|shown|demonstrated|demonstrates|confirmed|confirms|indicated|indicates|"
    r"suggested|suggests|revealed|reveals|reported|reports|concluded|highlighted|observed|proved|published|"
    r"described|describes|argued|argues|discovered|identified|established|documented|linked|calculated|conclusion|"
    r"projected|estimated|predicted|noted|examined|assessed|evaluated|followed|tracked|analy[sz]ed|"
    r"supports|supported|called\s+for|calls\s+for|recommended|recommends|urged|urges)\b",
    re.IGNORECASE)
# The same two patterns for lower-cased text, case-sensitive: several times faster than
# IGNORECASE.  Exact for any text without the few characters whose lower case is no
# single character or that IGNORECASE takes for an ASCII letter (İ, ı, ſ, K, a combining
# dot); text with one of them goes to the IGNORECASE pattern.
_RESEARCH_LOW_RE = re.compile(_RESEARCH_RE.pattern)
_VERB_LOW_RE = re.compile(_VERB_RE.pattern)
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a", "\u0307")


def _has(low_re: re.Pattern, ci_re: re.Pattern, text: str) -> bool:
    """``ci_re.search(text)`` as a bool, fast: ``low_re`` (the same pattern without
    IGNORECASE) over the lower-cased text."""
    if text.isascii() or not any(c in text for c in _ODD_CASE):
        return low_re.search(text.lower()) is not None
    return ci_re.search(text) is not None


# Research as the subject of a finding ("Studies show", "Research has consistently shown",
# "a large body of research showing that"),
# or a finding said to rest on it ("well documented in numerous clinical studies").
_VAGUE_RE = re.compile(
    r"\b(?:research|stud(?:y|ies)|(?:clinical\s)?trials?|evidence|scientists|researchers|data|"
    r"meta-analys[ie]s|systematic\sreviews?)\s(?:\w+\s){0,3}?(?:shown|shows?|found|finds|demonstrated|"
    r"demonstrates?|suggests?|suggested|indicates?|indicated|confirms?|confirmed|proven|proved|reveals?|revealed)\b"
    r"|\b(?:(?:body|wealth|lots|plenty)\sof|there\s(?:is|are))\s(?:\w+\s){0,3}?(?:research|evidence|studies|data|trials)\s"
    r"(?:showing|suggesting|indicating|demonstrating|confirming)\sthat\b"
    r"|\b(?:shown|documented|proven|demonstrated|established|supported)\s(?:\w+\s){0,3}?(?:in|by)\s"
    r"(?:[\w-]+\s){0,3}?(?:studies|trials|research)\b",
    re.IGNORECASE)
_VAGUE_LOW_RE = re.compile(_VAGUE_RE.pattern)
_ACCORDING_RE = re.compile(r"\b[Aa]ccording\s+to\s+(?:an?|the|one|this)\s+(?:(?:19|20)\d\d\s+)?"
                           r"(?:stud(?:y|ies)|trials?|meta-analys[ie]s|review|paper|article|report|survey)\b")
# Research vouched for with no research named: "clinically proven", "proven to work",
# "Science says", "There is some evidence that" (trial 36: the marketing claims a regulator
# flags first went unreported).
_PROVEN_RE = re.compile(
    r"\b(?:clinically|scientifically|medically)\s+(?:proven|tested|validated)\b|\bproven\s+to\s+[a-z]"
    r"|\bscience\s+(?:says|shows|tells\s+us|has\s+shown)\b"
    r"|\bthere\s+is\s+(?:some|good|strong|growing|increasing|emerging|solid|little|limited|no\s+good)\s+evidence\b"
    r"|\bbody\s+of\s+(?:\w+\s+)?evidence\s+(?:that|for)\b",
    re.IGNORECASE)
# More ways of vouching for research (trial 38), each searched for only where one of the rarer words
# it must hold is: one regex of them all cost the clinic articles a fifth of their speed.
_VOUCHED = (
    # "It has been shown time and again that", "Combination gels have been shown to work faster"
    (("shown", "proven", "proved", "demonstrated"), re.compile(r"\b(?:has|have)\s+been\s+(?:\w+\s+)?(?:shown|proven|proved|demonstrated)\s+"
                            r"(?:(?:\w+\s+){0,3}?that\b|to\s+[a-z])", re.IGNORECASE)),
    (("documented", "established"), re.compile(r"\bit\s+is\s+(?:well|widely|firmly)\s+(?:documented|established)\b",
                                               re.IGNORECASE)),
    (("literature",), re.compile(r"\b(?:in|by)\s+the\s+(?:medical|scientific|published|research)\s+literature\b",
                                 re.IGNORECASE)),
    # "Evidence supports glue closure", "a growing body of evidence now favours", "Research points to";
    # "The evidence is clear that", "the research on this is unambiguous"
    (("support", "favo", "point", "strong", "clear", "compelling", "overwhelming", "unambiguous", "conclusive",
      "robust", "solid", "consistent"), re.compile(
        r"\b(?:evidence|research)(?<!what\sthe\s(?:evidence|research))\s+(?:\w+\s+){0,2}?(?:supports|favou?rs"
        r"|points\s+to|pointed\s+to)\b"
        r"|\b(?:evidence|research|science)\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:\w+\s+)?(?:strong|clear|compelling"
        r"|overwhelming|unambiguous|conclusive|robust|solid|consistent)\b", re.IGNORECASE)),
    (("backed", "supported", "underpinned"), re.compile(
        r"\b(?:backed|supported|underpinned)\s+by\s+(?:\w+\s+){0,3}?(?:research|evidence|science|studies|trials)\b",
        re.IGNORECASE)),
    # "Experts agree", "Most dermatologists agree", "Experts in continence care agree" (not "our
    # physiotherapists")
    (("agree",), re.compile(
        r"(?<!our\s)\b(?:experts|specialists|scientists|researchers|doctors|physicians|clinicians|\w+ologists"
        r"|\w*therapists|dietitians|nutritionists)\s+(?:(?:in|on)\s+(?:[\w-]+\s+){1,3}?)?(?:\w+\s+)?agree\b",
        re.IGNORECASE)),
)
# Research done at a named place by people not called researchers, saying what it found: "A team
# at Johns Hopkins University found …", "Dietitians at Monash University showed …" (trial 37).
_TEAM_AT_RE = re.compile(
    r"(?<![Oo]ur\s)\b(?:[Tt]eams?|[Dd]octors|[Pp]hysicians|[Dd]ietitians|[Nn]urses|[Ee]xperts|[Ss]pecialists"
    r"|[Ee]pidemiologists)"
    r"\s+(?:at|from)\s+(?:the\s+)?[A-Z][\w&'’.-]+(?:\s+(?:of\s+)?[A-Z][\w&'’.-]+){0,4}"
    r"\s+(?:\w+\s+){0,8}?(?:found|showed|shown|demonstrated|reported|concluded|discovered|revealed)\b")
# A journal as the subject of a finding: "The Lancet reported in 2021 that …", "Archives of Internal
# Medicine published those results" (trials 36 and 37).
_JOURNAL_SUBJECT_RE = re.compile(
    r"(?:^|[,;:]\s+|\b(?:In|in)\s+(?:19|20)\d\d,?\s+)(?:[Tt]he\s+)?(?P<journal>[A-Z][\w&'’-]*+(?:\s+(?:of|and|the|on|for|in|&"
    r"|[A-Z][\w&'’-]*+)){0,6})\s+(?:(?:has|had|have)\s+)?(?:reported|published|found|showed)\b")
# Research placed with no year or journal, by who did it or on whom (trial 36: "Researchers at
# Johns Hopkins followed 639 adults …", "According to a study from the University of Toronto",
# "One UK study of more than 150,000 women showed …" went unreported, the very sentences a
# language model writes for a study it does not name): an institution, a country's study, or
# a number of people studied.
_CAP_WORD = r"[A-Z][\w&'’.-]+"
_INSTITUTION = r"(?:University|College|Institute|Hospital|School|Cent(?:er|re)|Clinic|Foundation|Academy|Council)"
_WHO_RE = re.compile(
    r"\b(?:[Rr]esearchers|[Ss]cientists|[Ii]nvestigators|[Ee]xperts|[Tt]eams?|[Ss]tud(?:y|ies)|[Tt]rials?|[Ss]urvey"
    rf"|[Rr]eview|[Aa]nalysis|[Rr]eport)\s+(?:at|from|by|in|led\s+by)\s+(?:the\s+)?{_CAP_WORD}"
    rf"|\b(?:at|from)\s+(?:the\s+)?(?:{_CAP_WORD}\s+){{0,3}}{_INSTITUTION}\b"
    rf"|\b(?P<by>{_CAP_WORD}(?:\s+{_CAP_WORD})?)\s+(?:researchers|scientists|investigators|study|trial|team)\b"
    r"|\b(?:UK|U\.K\.|US|U\.S\.|NHS|British|English|Scottish|Welsh|Irish|American|Canadian|Australian|Swedish"
    r"|Danish|Norwegian|Finnish|Icelandic|Dutch|German|French|Italian|Spanish|Portuguese|Swiss|Austrian|Belgian"
    r"|Japanese|Chinese|Korean|Taiwanese|Indian|Israeli|Brazilian|Mexican|European|Scandinavian|Nordic)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:stud(?:y|ies)|trials?|team|cohort|survey|review|researchers|scientists|analysis"
    r"|registry)\b")
#: capitalised words before "researchers" or "study" that name no one ("Recent studies", "Some researchers")
_NOT_WHO = frozenset("A An The This That These Those Some Several Many Most Other Others Recent New Newer Our Their "
                     "Previous Earlier Later Independent Leading Top Clinical Medical Scientific Further Large Small "
                     "Larger Smaller One Two Three Both All Such Early Pilot Landmark Major Few Research Study Studies "
                     "However Yet But And In Its Each Every Another Any No Current Ongoing Follow-up Long-term "
                     "Short-term Randomised Randomized Controlled Observational Big Huge Key Important Separate "
                     "Similar Subsequent Additional More Latest First Second Third Original Same".split())
_PEOPLE = (r"(?:people|persons|adults|women|men|patients|participants|children|kids|subjects|volunteers|infants|babies"
           r"|newborns|adolescents|teenagers|teens|students|athletes|players|runners|smokers|veterans|workers|employees"
           r"|nurses|doctors|individuals|pregnancies|births|couples|mothers|fathers|parents|users|respondents|cases"
           r"|residents|seniors|survivors|twins|families|households|footballers)")
_HEADCOUNT_RE = re.compile(
    r"\b(?:\d[\d,.]*+(?:\s+(?:million|thousand))?|(?:one|two|three|four|five|six|seven|eight|nine|ten|a)\s+"
    r"(?:hundred|thousand|million))\s+(?:[A-Za-z-]+\s+){0,2}?" + _PEOPLE + r"\b")
# A study and the people in it, which says what was found without a verb for finding: "In a 2017
# study of 3,063 children …, one-third still had symptoms", "… shortened recovery in a randomised
# trial of 118 adolescents" (trial 38).
_STUDY_OF_RE = re.compile(
    r"\b(?:study|trial|analysis|cohort|survey)\s+of\s+(?:(?:more\s+than|over|nearly|almost|about|around|some)\s+)?"
    + _HEADCOUNT_RE.pattern[2:])
# The clinic's own figures, no published research: "Our 2023 patient survey found", "our clinic
# data show", "We surveyed 200 patients"; nor are a clinician's biography and history (trial 38).
_OWN_RE = re.compile(
    r"\b(?:(?:[Oo]ur|[Mm]y)\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?|[Ii]nternal\s+)(?:survey|audit|data|study|studies|research|records|figures"
    r"|results|review|trial|evaluation|analysis|findings|follow-up)\b"
    r"|\b[Ww]e\s+(?:have\s+)?(?:surveyed|audited|studied|reviewed|analy[sz]ed|tracked|followed|asked|found)\b"
    # a clinician's biography: "published her first paper on scalp disorders in 2009"
    r"|\b(?:published|wrote|authored|co-authored|presented)\s+(?:his|her|their)\s+(?:first\s+)?(?:[\w-]+\s+)?"
    r"(?:paper|papers|article|articles|study|studies|research|thesis)\b"
    r"|\b(?:has|have)\s+(?:published|authored|co-authored)\s+(?:(?:more\s+than|over|some)\s+)?(?:\d+\s+)?"
    r"(?:widely\s+|extensively\s+)?(?:research|papers|articles|studies|on)\b"
    # history: "first described by French and German researchers in 1965"
    r"|\bfirst\s+(?:described|identified|named|recogni[sz]ed|isolated)\b")
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’')\]]*$")
# A year not in a citation: "(?<![\d(,])\bYEAR\b(?![)\d])", written to start with the year
# (the regex engine then skips to a "1" or "2"): \w holds \d, and \b next to a digit is "no \w".
_YEAR_RE = re.compile(r"(?:19[5-9]\d|20\d\d)(?<![\w(,]....)(?![\w)])")
# A journal's name as prose writes it: capitalised words joined by of/and/the/on/a/for/in/&
# ("Journal of the American Medical Association", "Lab on a Chip", "Journal of Women's
# Health"), or a list of them closed by "and" ("Diabetes, Obesity and Metabolism").
_NAME_WORD = r"[A-Z][\w&'’-]*+\.?"  # (a stop after it: "J. Neurochem.", "Brain Res.")
_JOURNAL = (rf"(?:The\s+)?(?:{_NAME_WORD}(?:,\s+{_NAME_WORD})+,?\s+(?:and|&)\s+{_NAME_WORD}"
            rf"|{_NAME_WORD})(?:\s+(?:of|and|the|on|a|for|in|&|{_NAME_WORD}))*")
_PUBLISHED_IN_RE = re.compile(
    r"\b(?:published|appearing|reported|report|review|study|article|paper|trial|meta-analysis)\s+in\s+"
    rf"(?:the\s+)?(?:journal\s+)?(?P<journal>{_JOURNAL})")
# "A 2019 JAMA study", "a 2021 Journal of Pain review": a journal named before the study
# only counts when it is unmistakably one (not "a 2019 Harvard study", "a 2018 Canadian study").
_JOURNAL_BEFORE_RE = re.compile(  # "\b(?:19|20)", written to start with the year's digits
    rf"(?:19|20)(?<!\w..)\d\d\s+(?P<journal>{_JOURNAL})"
    r"\s+(?:study|trial|meta-analysis|review|paper|article|analysis)\b")
# "A recent Cochrane review found …": a review in the Cochrane Library's journal.
_COCHRANE_RE = re.compile(r"\b(?P<journal>Cochrane)\s+(?:systematic\s+)?review")
COCHRANE_JOURNAL = "Cochrane Database of Systematic Reviews"
_JOURNAL_WORD_RE = re.compile(r"\b(?:Journal|Annals|Archives|Proceedings|Lancet|Bulletin|Reviews?)\b")
_FAMOUS_JOURNALS = frozenset({"JAMA", "BMJ", "NEJM", "PNAS", "Nature", "Science", "Cell", "PLOS ONE", "PLoS ONE",
                              "Pediatrics", "Neurology", "Circulation", "Lancet", "The Lancet"})
# A sentence's end, the note markers after it ("relief.[5] According", "relief.¹ A" once
# read as "relief.[1] A") and the white space after them, before a capital, a quote, "("
# or a bullet.  (Splitting on "(?<=[.!?])\s+(?=…)" tries every position; this skips to a stop.)
_SENTENCE_GAP_RE = re.compile(r"[.!?](?P<marks>(?:\[\^?[\w][\w,\s–-]*+\])*+)\s++(?=[A-ZÀ-ÞА-ЯЁ\"“‘(•])")
# The same for text without "!" or "?": the regex engine skips to a literal first
# character several times faster than to one of a set.
_PERIOD_GAP_RE = re.compile(r"\.(?P<marks>(?:\[\^?[\w][\w,\s–-]*+\])*+)\s++(?=[A-ZÀ-ÞА-ЯЁ\"“‘(•])")
# Chinese and Japanese sentences end with an ideographic stop and no space.
_WIDE_STOP_GAP_RE = re.compile(r"[。！？](?P<marks>(?:\[\d[\d,\s–-]*+\])*+)\s*+")
# A period that does not end a sentence: "et al.", an initial, "e.g.", "vs.", "Dr."
_NOT_AN_END_RE = re.compile(r"(?:\bet al|\b[A-Z]|\be\.g|\bi\.e|\bvs|\bDr|\bProf|\bFig|\bNo)\.$")
#: the longest match of _NOT_AN_END_RE ("et al." before a final newline): it is searched
#: for in the last characters only (\b still sees the character before them)
_NOT_AN_END_CHARS = 7
# The last letter before the period in each of them.
_NOT_AN_END_LAST = frozenset("lgesrfoABCDEFGHIJKLMNOPQRSTUVWXYZ")
_BULLET_RE = re.compile(r"^[\s•·▪*\-–]+")
_BULLETS = "•·▪*-–"
# A cited parenthesis "(Zheng et al., 2019)" must not count as the claim's year.
_PAREN_RE = re.compile(r"\([^()]*\)")


def find_claims(lines: list[str], in_text: tuple[InText, ...],
                skip: set[int] | frozenset[int] = frozenset()) -> tuple[Claim, ...]:
    """Sentences in the prose that point at specific research.

    A sentence is read across the lines of its paragraph (hard-wrapped prose breaks it at
    line ends), reported on the line it starts on, and cites what those lines cite.
    ``skip``: line numbers of the reference lists themselves (never prose); a footnote's
    citation carries the line of the paragraph that cites it, which is prose.
    """
    by_line: dict[int, list[InText]] = {}
    for it in in_text:
        by_line.setdefault(it.line, []).append(it)
    paragraphs = Paragraphs(lines, skip)
    claims: list[Claim] = []
    done = 0  # the last line of the last paragraph read
    for number, line in enumerate(lines, start=1):
        if number <= done or not line or number in skip:
            continue
        parts = _research_parts(line)
        if not line.isascii() and _OTHER_LANGUAGE_RE.search(line):
            parts = _RESEARCH_PARTS  # a line in another language: any sentence may name research
        elif not parts:
            continue
        first, done = paragraphs.around(number)
        if first == done:  # a paragraph of one line
            every = split_sentences(line)
            # Only the sentences that hold one of the line's parts of research words can name research.
            sentences = [(sentence, number, number, every[k + 1] if k + 1 < len(every) else "")
                         for k, sentence in enumerate(every)
                         if parts is _RESEARCH_PARTS or any(map(sentence.lower().__contains__, parts))]
        else:
            spans = paragraphs.sentences(first, done)
            sentences = [(sentence, top, bottom, spans[k + 1][0] if k + 1 < len(spans) else "")
                         for k, (sentence, top, bottom) in enumerate(spans)]
        for sentence, top, bottom, after in sentences:
            cited = by_line.get(top, []) if top == bottom else \
                [it for n in range(top, bottom + 1) for it in by_line.get(n, ())]
            claim = _claim(sentence, top, cited)
            if claim and not claim.specific and after and _cites(after, first, done, by_line):
                continue  # "Studies show X. Whooley et al. [1] found …": the next sentence gives the source
            if claim and claim.reference is None and any(it.text in sentence for it in cited):
                continue  # "… (Brittenden et al., 2019)" with no such entry: cited; the in-text finding tells
            if claim:
                claims.append(claim)
    return tuple(claims)


def _cites(sentence: str, first: int, last: int, by_line: dict[int, list[InText]]) -> bool:
    """True when ``sentence``, of the paragraph on lines ``first``..``last``, gives a source for the
    research the sentence before it appeals to: it carries an in-text citation and names research
    or what it found ("Whooley et al. [1] found …"), or cites by author ("… (Smith et al., 2019)").
    "The clinic runs a walking group on Mondays [2]" cites something else (trial 16, F6)."""
    cited = [it.text for n in range(first, last + 1) for it in by_line.get(n, ()) if it.text in sentence]
    if not cited:
        return False
    return any(any(c.isalpha() for c in text) for text in cited) or "et al" in sentence \
        or _has(_RESEARCH_LOW_RE, _RESEARCH_RE, sentence) or _has(_VERB_LOW_RE, _VERB_RE, sentence)


# Hard-wrapped prose (Markdown and text filled to 70-100 columns: Emacs's fill-column 70,
# Pandoc's --columns 72, Vim's textwidth 79, Prettier's and mdformat's 80) breaks its
# sentences at line ends.  A longer line is a paragraph of its own (a block of HTML or
# Word, unwrapped Markdown, a PDF paragraph already re-joined), never a wrapped line.
_WIDEST_WRAP = 150
# A line that opens a list item or a table row: it starts a paragraph of its own.
_ITEM_START_RE = re.compile(r"[•·▪*\-–|]|\d{1,3}[.)]\s")
# What a Markdown rule ("---", "***") or heading underline ("===") is made of.
_RULE_CHARS = "-*_= "
# A line's end that ends its sentence: a stop, closing quotes or brackets, note markers.
_LINE_END_RE = re.compile(r"[.!?][\"”’')\]]*+(?:\[\^?\w[\w,\s–-]*+\])*+$")
# What no sentence, heading or paragraph ends with: a comma, a dash, a word that joins.
_GOES_ON = (",", ";", "-", "–", "—")
_JOINING_WORDS = frozenset("a an the of in on at by for from to with and or as than that".split())
# What a line that _LINE_END_RE matches ends with.
_LINE_END_LAST = frozenset(".!?\"”’')]")
#: the longest line end _LINE_END_RE is tried on (a bound on its work on a long line)
_LINE_END_CHARS = 40


def _is_rule(line: str) -> bool:
    """True for a Markdown rule or heading underline ("---", "===")."""
    return bool(line) and line[0] in _RULE_CHARS and not line.strip(_RULE_CHARS)


class Paragraphs:
    """A document's prose lines as paragraphs: runs of non-blank lines, each line that is
    wrapped read on with the next (not across blank lines, list items or ``skip``)."""

    def __init__(self, lines: list[str], skip: set[int] | frozenset[int]):
        self.lines = lines
        self.skip = skip

    @functools.cached_property
    def width(self) -> int:
        """The longest line of the prose that has a line beside it (a wrapped paragraph's fill
        column, at most): a line alone between blank lines, a rule and a heading over its
        underline are no wrapped paragraph's (trial 38: a 103-character leaflet number line
        over prose filled to 80 columns made no line of it wrapped)."""
        lines = self.lines
        last = len(lines) - 1
        return max((len(line.rstrip()) for k, line in enumerate(lines)
                    if len(line) <= _WIDEST_WRAP and k + 1 not in self.skip
                    and (k > 0 and lines[k - 1] or k < last and lines[k + 1])
                    and not _is_rule(line) and not (k < last and _is_rule(lines[k + 1]))), default=0)

    def around(self, number: int) -> tuple[int, int]:
        """The first and last line of the paragraph that holds line ``number``."""
        lines = self.lines
        if (number == 1 or not lines[number - 2]) and (number == len(lines) or not lines[number]):
            return number, number  # blank lines around it, as most paragraphs of text and Markdown have
        first = last = number
        while first > 1 and self.wrapped(first - 1):
            first -= 1
        while last < len(lines) and self.wrapped(last):
            last += 1
        return first, last

    def wrapped(self, number: int) -> bool:
        """True when line ``number``'s sentence goes on on the next line: the line ends no
        sentence, and the next line opens in lower case, or this one ends with a comma or a
        joining word ("published in"), or the next one's first word would not have fitted
        on this one (a heading or a short line ends its paragraph)."""
        line, after = self.lines[number - 1], self.lines[number]
        if not line or not after or len(line) > _WIDEST_WRAP or len(after) > _WIDEST_WRAP \
                or number in self.skip or number + 1 in self.skip:
            return False  # a blank line, a line too long to be wrapped, a reference list's line
        line, after = line.rstrip(), after.lstrip()
        if not line or not after:
            return False
        if _ends_sentence(line) or _is_rule(line) or line[0] == "|" \
                or _ITEM_START_RE.match(after):
            return False  # a sentence's end, a rule ("---"), a table row, a list item next
        if after[0].islower() or line.endswith(_GOES_ON) or line.rsplit(None, 1)[-1] in _JOINING_WORDS:
            return True
        return len(line) + 1 + len(after.split(None, 1)[0]) > self.width

    def sentence_holding(self, number: int, part: str) -> str | None:
        """The sentence of a wrapped paragraph that holds ``part`` on line ``number``; None
        when the line is a paragraph of its own (its sentences are the line's)."""
        first, last = self.around(number)
        if first == last:
            return None
        return next((sentence for sentence, top, bottom in self.sentences(first, last)
                     if top <= number <= bottom and part in sentence), None)

    def sentences(self, first: int, last: int) -> list[tuple[str, int, int]]:
        """(sentence, line it starts on, line it ends on) of the paragraph on lines
        ``first``..``last``, its lines joined with a space."""
        parts = [self.lines[n - 1].strip() for n in range(first, last + 1)]
        starts = list(itertools.accumulate((len(part) + 1 for part in parts[:-1]), initial=0))  # of each line

        def line_at(offset: int) -> int:
            return first + bisect.bisect_right(starts, offset) - 1

        spans = _sentence_spans(" ".join(parts))
        return [(sentence, line_at(start), line_at(end - 1)) for sentence, start, end in spans]


def _ends_sentence(line: str) -> bool:
    """True when the (right-stripped) line ends a sentence: "relief.", "(2019).", "pain.[3]",
    not "et al."."""
    last = line[-1]
    if last == ".":
        return not _no_end(line)
    if last not in _LINE_END_LAST:
        return False  # a quick test: most wrapped lines end in a letter
    return _LINE_END_RE.search(line[-_LINE_END_CHARS:]) is not None and not _no_end(line)


def _may_name_research(text: str) -> bool:
    """False when the text holds no part of _RESEARCH_RE, so that neither it nor a sentence
    of it can name research (a cheap test, for a whole line)."""
    if not text.isascii() and any(c in text for c in _ODD_CASE):
        return True
    low = text.lower()
    return any(map(low.__contains__, _RESEARCH_PARTS))


def _research_parts(text: str) -> tuple[str, ...]:
    """The parts of _RESEARCH_PARTS the text holds (lower-cased); all of them when it holds a
    character lower-casing cannot be trusted on (_ODD_CASE)."""
    if not text.isascii() and any(c in text for c in _ODD_CASE):
        return _RESEARCH_PARTS
    return tuple(filter(text.lower().__contains__, _RESEARCH_PARTS))


def split_sentences(line: str) -> list[str]:
    """The sentences of one line of prose, list bullets removed."""
    text = line.strip()
    sentences: list[str] = []
    for start, end in _split_at_gaps(text):
        if sentences and _no_end(sentences[-1]):
            sentences[-1] += " " + text[start:end]
        else:
            sentences.append(text[start:end])
    return [_unbulleted(s).strip() for s in sentences if s.strip()]


def _sentence_spans(text: str) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of each sentence of the text, as split_sentences splits it:
    where in the text it starts and where it ends."""
    sentences: list[tuple[str, int, int]] = []
    for start, end in _split_at_gaps(text):
        if sentences and _no_end(sentences[-1][0]):
            sentence, first, _ = sentences[-1]
            sentences[-1] = (f"{sentence} {text[start:end]}", first, end)
        else:
            sentences.append((text[start:end], start, end))
    return [(_unbulleted(s).strip(), start, end) for s, start, end in sentences if s.strip()]


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of the text ends, as split_sentences splits it (its note markers
    included), in order."""
    return [end for _, _, end in _sentence_spans(text)]


def _no_end(sentence: str) -> bool:
    """True when the sentence's final period ends no sentence ("et al.", "Dr.")."""
    if sentence.endswith("."):
        before = sentence[-2:-1]
    elif sentence.endswith(".\n"):
        before = sentence[-3:-2]
    else:
        return False
    return before in _NOT_AN_END_LAST and \
        _NOT_AN_END_RE.search(sentence, max(0, len(sentence) - _NOT_AN_END_CHARS)) is not None


def _unbulleted(sentence: str) -> str:
    """The sentence without the list bullet it opens with (``_BULLET_RE.sub("", sentence)``)."""
    first = sentence[:1]
    return _BULLET_RE.sub("", sentence) if first.isspace() or (first and first in _BULLETS) else sentence


def _split_at_gaps(text: str) -> list[tuple[int, int]]:
    """Where each piece of the text starts and ends, the text split after each sentence end
    and its note markers, the white space that follows left out."""
    pieces: list[tuple[int, int]] = []
    start = 0
    if "。" in text or "！" in text or "？" in text:
        gap_re = _WIDE_STOP_GAP_RE
    else:
        gap_re = _SENTENCE_GAP_RE if "!" in text or "?" in text else _PERIOD_GAP_RE
    for gap in gap_re.finditer(text):
        pieces.append((start, gap.end("marks")))
        start = gap.end()
    pieces.append((start, len(text)))
    return pieces


def _claim(sentence: str, number: int, cited: list[InText]) -> Claim | None:
    bare = _PAREN_RE.sub(" ", sentence)
    if "10." in bare or "www." in bare or "://" in bare:
        bare = LINK_OR_DOI_RE.sub(" ", bare)  # "…/j.ejpain.2005.06.009" names no year
    if not _may_name_research(bare) or not _has(_RESEARCH_LOW_RE, _RESEARCH_RE, bare):
        found = any(map(bare.__contains__, _FINDING_WORDS))  # (a quick test: most sentences here say none)
        subject = _journal_subject(bare) or _reported_in(bare) if found else None
        if subject is not None or found and _TEAM_AT_RE.search(bare):
            century = _first_century(bare)
            year_m = _YEAR_RE.search(bare, century) if century >= 0 else None
            tied = _citation_of(sentence, cited, [])
            return Claim(sentence, number, int(year_m.group()) if year_m else None, subject,
                         tied.reference if tied else None)
        if _vouched(bare) and _SENTENCE_END_RE.search(sentence) and not any(it.text in sentence for it in cited):
            return Claim(sentence, number, specific=False)  # "Clinically proven to …": research, unnamed
        # Another language's words for research: letters beyond ASCII, or, in ASCII, one that
        # holds an English part ("Studien", "estudio"; the others hold none, so the line
        # filter has dropped them).
        foreign = _OTHER_LANGUAGE_RE.search(bare) if not bare.isascii() else "stud" in bare.lower()
        return _other_language_claim(sentence, bare, number, cited) if foreign else None
    # A year, and a journal named before a study, open with "19" or "20": the regex
    # searches begin at the first of them.
    century = _first_century(bare)
    year_m = _YEAR_RE.search(bare, century) if century >= 0 else None
    journal_m = _published_in(bare) or (journal_before(bare, century) if century >= 0 else None) \
        or ("Cochrane" in bare and _COCHRANE_RE.search(bare) or None)
    if not (year_m or journal_m) and _may_name_who(bare) \
            and _says_found(bare) and _names_who(bare) and _OWN_RE.search(bare) is None:
        tied = _citation_of(sentence, cited, [])  # "Researchers at Johns Hopkins found … [4]"
        return Claim(sentence, number, reference=tied.reference if tied else None)
    if not (year_m or journal_m):
        # "Research has shown ...", "well documented in numerous clinical studies": research
        # said to stand behind a sentence (not a heading), naming nothing anyone could look
        # up. Worth an editor's look only when the sentence cites nothing either.
        if not _SENTENCE_END_RE.search(sentence) or any(it.text in sentence for it in cited) \
                or not (_has(_VAGUE_LOW_RE, _VAGUE_RE, bare) or _vouched(bare)) or _OWN_RE.search(bare):
            return None
        return Claim(sentence, number, specific=False)
    if journal_m is None and _OWN_RE.search(bare):
        return None  # "Our 2023 patient survey found …": the clinic's own figures, no published study
    if not _says_found(bare):
        return None
    journal = _trim_journal(journal_m.group("journal")) if journal_m else None
    if journal and "," not in journal:
        journal = _whole_journal(journal, bare, journal_m.start("journal") + len(journal))
    tied = _citation_of(sentence, cited, [m.group() for m in (year_m, journal_m) if m])
    year = int(year_m.group()) if year_m else None
    if journal:
        # "published in Journal of Rural Health (2006)": the year the journal is given is the
        # study's, before any other ("SPRINGFIELD, 2 April 2024 — A study … (2006)").
        dated = re.search(re.escape(journal) + r"\s?\(((?:19|20)\d\d)\)", sentence)
        year = int(dated.group(1)) if dated else year
        if journal == "Cochrane":
            journal = COCHRANE_JOURNAL
    if year is None and tied is not None:
        # "A review in X ... (Duman & Aghajanian, 2012)": the citation dates the study.
        cited_year = _CITED_YEAR_RE.search(tied.text)
        year = int(cited_year.group()) if cited_year else None
    return Claim(sentence, number, year, journal, tied.reference if tied else None)


# Research named in other languages (Russian, Spanish, Portuguese, French, German, Italian,
# Chinese, Japanese): a study, trial, meta-analysis or review, and a verb for what it found.
# A line is read for them when it holds a letter of those languages beyond ASCII, or a part of
# an English word for research ("Studie", "estudio").
_OTHER_LANGUAGE_RE = re.compile(r"[À-ÖØ-öø-ÿА-яЁё\u0600-\u06ff\u3040-\u30ff\u4e00-\u9fff]")
_OTHER_RESEARCH_RE = re.compile(
    r"исследовани|испытани|мета-?анализ|обзор"
    r"|\b(?:estudios?|ensayos?|meta-?an[aá]lisis|investigaci[oó]n|estudos?|ensaios?|meta-?an[aá]lise|pesquisas?"
    r"|[ée]tudes?|essais?|m[ée]ta-?analyse|studien?|metaanalyse|untersuchung(?:en)?|studio|studi|sperimentazion[ei]"
    r"|meta-?analisi)\b"
    r"|研究|试验|試驗|試験|荟萃分析|薈萃分析|メタ分析|メタアナリシス"
    r"|دراس[ةات]|الدراس[ةات]|أبحاث|الأبحاث|البحوث|تجرب[ةات]",
    re.IGNORECASE)
_OTHER_FINDING_RE = re.compile(
    r"показал|показыва|выявил|обнаружил|доказ[аы]|подтвержд|подтвердил|продемонстрир|установил|свидетельству"
    r"|\b(?:encontr[oó]|mostr[oó]|demostr[oó]|revel[oó]|confirm[oó]|conclu[yi][oó]|hall[oó]|indic[oó]"
    r"|demuestran?|muestran?|indican?|sugieren?|confirman?"
    r"|mostrou|demonstrou|revelou|confirmou|concluiu|constatou|encontrou|indicou|mostram|demonstram|indicam|sugerem"
    r"|montr[ée]|d[ée]montr[ée]|r[ée]v[ée]l[ée]|confirm[ée]|constat[ée]|trouv[ée]|montrent|d[ée]montrent"
    r"|sugg[èe]rent|indiquent|zeigte|zeigt|zeigen|belegte|belegen|best[äa]tigte|best[äa]tigen|ergab|fand|deuten"
    r"|dimostrato|mostrato|rilevato|confermato|scoperto|evidenziato|mostrano|dimostrano|indicano|suggeriscono)\b"
    r"|发现|發現|表明|显示|顯示|证实|證實|证明|證明|示した|明らかにした|報告した|確認した|示され"
    r"|أظهرت|وجدت|تشير|أثبتت|أكدت",
    re.IGNORECASE)
#: how far after the word for research the verb of an undated claim may come ("Исследования
#: показывают", "研究表明", "تشير الدراسات" has it before: both ways)
_OTHER_VAGUE_SPAN = 40
# A sentence's end, ideographic stops included.
_WIDE_SENTENCE_END_RE = re.compile(r"[.!?。！？][\"”’')\]」]*$")
# A study's year: "в 2019 году", "2019年", "de 2019" (not one of a citation's "(…, 2019)").
_OTHER_YEAR_RE = re.compile(r"(?<![\d(,./-])(?:19[5-9]\d|20\d\d)(?![\d)/])")


def _other_language_claim(sentence: str, bare: str, number: int, cited: list[InText]) -> Claim | None:
    """Research said to have found something, in one of the other languages, or None: a
    study of a given year ("Исследование 2019 года показало …", "Un estudio de 2021 demostró …",
    "2019年的一项研究发现…"), or research with no year right beside its verb, in a sentence
    that cites nothing ("Исследования показывают, что …", "研究表明…": a vague claim)."""
    research = _OTHER_RESEARCH_RE.search(bare)
    if research is None:
        return None
    year = _OTHER_YEAR_RE.search(bare)
    if year is None:
        near = bare[max(0, research.start() - _OTHER_VAGUE_SPAN): research.end() + _OTHER_VAGUE_SPAN]
        if not _WIDE_SENTENCE_END_RE.search(sentence) or any(it.text in sentence for it in cited) \
                or not _OTHER_FINDING_RE.search(near):
            return None  # a heading ("Что показывают исследования"), a cited sentence, or no finding
        return Claim(sentence, number, specific=False)
    if not _OTHER_FINDING_RE.search(bare):
        return None
    tied = _citation_of(sentence, cited, [year.group()])
    return Claim(sentence, number, int(year.group()), None, tied.reference if tied else None)


#: words one of which a journal or a team as the subject of a finding (_JOURNAL_SUBJECT_RE, _TEAM_AT_RE) needs
_FINDING_WORDS = ("reported", "published", "found", "showed", "shown", "demonstrated", "concluded", "discovered",
                  "revealed")
#: parts (lower case) one of which every match of _PROVEN_RE holds
_PROVEN_PARTS = ("proven", "tested", "validated", "science", "evidence")


def _says_found(text: str) -> bool:
    """True when the text says what research found: a verb for it ("showed", "concluded"),
    "according to a study", or a study of so many people ("a trial of 118 adolescents")."""
    return _has(_VERB_LOW_RE, _VERB_RE, text) or _ACCORDING_RE.search(text) is not None \
        or " of " in text and _STUDY_OF_RE.search(text) is not None


def _vouched(text: str) -> bool:
    """True when research is vouched for with none named (_PROVEN_RE, _VOUCHED), with quick tests first."""
    low = text.lower()
    if any(map(low.__contains__, _PROVEN_PARTS)) and _PROVEN_RE.search(text) is not None:
        return True
    words = _VOUCHED_WORD_RE.findall(low)  # (one scan for the words of every family)
    return bool(words) and any(rx.search(text) is not None for rx in {_VOUCHED_BY_WORD[w]: None for w in words})


#: each word of _VOUCHED's families -> that family's regex, and one regex for them all
_VOUCHED_BY_WORD = {word: rx for parts, rx in _VOUCHED for word in parts}
_VOUCHED_WORD_RE = re.compile("|".join(sorted(_VOUCHED_BY_WORD, key=len, reverse=True)))


def _reported_in(text: str) -> str | None:
    """The journal a finding is said to be published or reported in with no study named ("It
    was reported in the BMJ in 2015 that …"), when the name reads as a journal's, or None."""
    m = _published_in(text) if "published in " in text or "reported in " in text else None
    if m is None:
        return None
    name = _trim_journal(m.group("journal"))
    return name if reads_as_journal(name) else None


def _journal_subject(text: str) -> str | None:
    """The journal a sentence makes the subject of a finding ("The Lancet reported …"), when the
    name reads as a journal's (reads_as_journal), or None."""
    m = _JOURNAL_SUBJECT_RE.search(text)
    if m is None:
        return None
    name = _trim_journal(m.group("journal"))
    if _PRESS_RE.search(name):
        return None  # "The New York Times reported …": the press, no journal
    return name if reads_as_journal(name) and name not in _PLACES else None


_PRESS_RE = re.compile(r"\b(?:Times|Post|News|Guardian|Telegraph|Daily|Herald|Tribune|Magazine|Publishing|Press|Reuters"
                       r"|Associated|Mail|Express|Independent|Observer|Globe|Journal\s+Sentinel|Street\s+Journal)\b")


def _may_name_who(text: str) -> bool:
    """False when the text cannot place research by who or on whom: no capital after its first
    letter, no digit, and no "researchers" or "study" after its first word ("Harvard researchers
    found"): a quick test before _names_who."""
    rest = text[1:]
    if rest.lower() != rest or _DIGIT_RE.search(rest) is not None:
        return True
    words = text.split(None, 2)
    return len(words) > 1 and words[1] in _WHO_NOUNS


_WHO_NOUNS = frozenset("researchers scientists investigators study trial team".split())
_DIGIT_RE = re.compile(r"\d")


def _names_who(text: str) -> bool:
    """True when the text places research by who did it or on whom (_WHO_RE, _HEADCOUNT_RE)."""
    for m in _WHO_RE.finditer(text):
        by = m.group("by")
        if by is None or any(word not in _NOT_WHO for word in by.split()):
            return True
    return _HEADCOUNT_RE.search(text) is not None


def _citation_of(sentence: str, cited: list[InText], named: list[str]) -> InText | None:
    """The in-text citation of the study the sentence names (its year or journal, ``named``):
    the first one after where it is named ("… [2], and a 2015 study in CMAJ found … [3]"
    is [3]'s), else the first one in the sentence."""
    ties = [(sentence.find(it.text), it) for it in cited if it.reference is not None and it.text in sentence]
    if len(ties) < 2:
        return ties[0][1] if ties else None
    at = min((i for i in (sentence.find(n) for n in named) if i >= 0), default=0)
    return min((t for t in ties if t[0] >= at), key=lambda t: t[0], default=min(ties, key=lambda t: t[0]))[1]


_CITED_YEAR_RE = re.compile(r"(?:19|20)\d\d")
# What kind of study a sentence or a title says it is.
_KINDS = (
    ("meta-analysis", re.compile(r"\bmeta-?analys[ie]s\b", re.IGNORECASE)),
    ("systematic review", re.compile(r"\bsystematic\s+review", re.IGNORECASE)),
    ("randomized trial", re.compile(r"\brandomi[sz]ed\b|\bcontrolled\s+trial\b", re.IGNORECASE)),
    ("review", re.compile(r"\breview\b", re.IGNORECASE)),
)


def _kinds(text: str) -> set[str]:
    return {name for name, rx in _KINDS if rx.search(text)}


def claim_conflicts(claim: Claim, citation: Citation | None, work: Work | None) -> list[str]:
    """What a claim sentence says of the study that disagrees with the entry it
    cites (``citation``) or the work that entry matched (``work``): one line an
    editor can act on per conflict, none when all agree or nothing is known.

    Pure; the checker calls it for each claim with a ``reference``.  Seed 001:
    "A review in The Journal of Neuroscience ... (Duman & Aghajanian, 2012)" with an
    entry in Nature Medicine, matched to Nature Medicine 2016, gives two conflicts.
    """
    from citecheck.extract.links import journal_names_agree

    out: list[str] = []
    if claim.journal:
        if citation is not None and citation.journal and not journal_names_agree(claim.journal, [citation.journal]):
            out.append(f"the sentence names {claim.journal}, but the entry it cites is in {citation.journal}")
        if work is not None and work.journal and not journal_names_agree(claim.journal, (work.journal, *work.short_journal)):
            if not out or citation is None or not citation.journal or \
                    not journal_names_agree(citation.journal, (work.journal, *work.short_journal)):
                out.append(f"the sentence names {claim.journal}, but the published work is in {work.journal}")
    if claim.year:
        stated = _YEAR_RE.search(_PAREN_RE.sub(" ", claim.text))
        entry_differs = bool(stated and citation is not None and citation.year and abs(citation.year - claim.year) > 1)
        if entry_differs:
            out.append(f"the sentence dates the study {claim.year}, but the entry it cites says {citation.year}")
        if work is not None and work.years and not any(abs(y - claim.year) <= 1 for y in work.years):
            # Said once when the entry's year is the work's: the entry line already names it.
            if not (entry_differs and any(abs(y - citation.year) <= 1 for y in work.years)):
                out.append(f"the sentence dates the study {claim.year}, but the published work is from {work.year}")
    if work is not None and work.title:
        said, titled = _kinds(_PAREN_RE.sub(" ", claim.text)), _kinds(work.title)
        if said and titled and not (said & titled) and not ({"review"} & said and {"systematic review"} & titled):
            out.append(f"the sentence calls it a {sorted(said)[0]}, but the published work's title says "
                       f"{sorted(titled)[0]}: \"{work.title}\"")
    return out


def uncited_entries(citations: tuple[Citation, ...], in_text: tuple[InText, ...],
                    lists: tuple[int, ...] = ()) -> tuple[int, ...]:
    """Indices of the reference-list entries no in-text citation points to.

    Only in a list the text cites at all: a list no in-text citation points to (further
    reading, a clinic page whose only inline citations are links) has nothing to be compared
    with.  ``lists``: the list of each entry (Extraction.lists); without it, one list.  Link
    citations are never "uncited", and an entry the prose links to (its DOI or PubMed ID) is cited.
    """
    used = {it.reference for it in in_text if it.reference is not None}
    alike = alike_entries(citations)
    if alike:  # "(Mustillo et al., 2003)" with two Mustillo 2003 entries cites either: neither is uncited
        used.update(i for it in in_text for i in fits_alike(it, alike))
    linked = {key for c in citations if c.kind == "link" for key in _link_keys(c)}

    def list_of(i: int) -> int | None:
        return lists[i] if i < len(lists) else None

    cited_lists = {list_of(i) for i in used if 0 <= i < len(citations) and citations[i].kind == "reference"}
    return tuple(i for i, c in enumerate(citations)
                 if c.kind == "reference" and i not in used and list_of(i) in cited_lists
                 and not (linked and linked.intersection(_link_keys(c))))


def _link_keys(citation: Citation) -> tuple[str, ...]:
    """What a link and an entry are matched by: the DOI, the PubMed ID."""
    return tuple(key for key in (citation.doi and citation.doi.lower(), citation.pmid and f"pmid:{citation.pmid}")
                 if key)


def years_differ(in_text: tuple[InText, ...], citations: tuple[Citation, ...]) -> tuple[tuple[InText, int], ...]:
    """Author-year citations linked to an entry of another year, with that year: "(Fischer &
    Walsh, 2018)" for an entry of 2017, linked as the year either side the matcher allows (an
    article's online and print years), to be put right in the text or the list (trial 39)."""
    out = []
    for it in in_text:
        if it.reference is None or it.text.startswith("[") or not 0 <= it.reference < len(citations):
            continue
        year = citations[it.reference].year
        cited = _CITED_YEARS_RE.findall(it.text)
        if year and cited and str(year) not in cited:
            out.append((it, year))
    return tuple(out)


_CITED_YEARS_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def unmatched_in_text(in_text: tuple[InText, ...]) -> tuple[InText, ...]:
    """In-text citations that name no entry of the reference list ("(Kessler et al., 2021)")."""
    return tuple(it for it in in_text if it.reference is None)


# Words any claim or title may use: sharing one says nothing about the topic.
_NOT_TOPIC = frozenset("""
about after also among and been before between both could does during each from have into
more most only over such than that their them these they this those through under were what
when which while with within without would
study studies trial trials research review reviews paper article report analysis meta
evidence data finding findings found shows showed shown published journal patients patient
results effect effects treatment therapy clinical randomized randomised controlled systematic
""".split())
_TOPIC_WORD_RE = re.compile(r"[a-z]{4,}")


def _topic_words(text: str) -> set[str]:
    return {w.rstrip("s") for w in _TOPIC_WORD_RE.findall(text.lower()) if w not in _NOT_TOPIC}


def shares_topic(sentence: str, title: str | None, journal: str | None = None) -> bool:
    """True when a work's ``title`` shares a topic word with the claim ``sentence`` (words of
    four letters or more, the journal's own name and the vocabulary of any claim left out):
    a work in the named journal and year that shares none is no lead, only a neighbour."""
    if not title:
        return False
    return bool((_topic_words(sentence) - _topic_words(journal or "")) & _topic_words(title))


def _first_century(text: str) -> int:
    """Where "19" or "20" first appears in the text, -1 when neither does."""
    nineteen, twenty = text.find("19"), text.find("20")
    return min(nineteen, twenty) if nineteen >= 0 and twenty >= 0 else max(nineteen, twenty)


def _published_in(text: str) -> re.Match | None:
    """"published in X", "a study in the X": the first such X that can be a journal, which
    a place cannot ("a 2019 study in Denmark", "a trial in the United States"), nor one
    letter ("in the U.S.": the name pattern stops at the first stop)."""
    for m in _PUBLISHED_IN_RE.finditer(text):
        name = _trim_journal(m.group("journal"))
        if len(name) > 1 and name not in _PLACES and name not in MONTH_NAMES \
                and not _names_people(name, text, m.start("journal") + len(name)):
            return m
    return None


# More of a journal's name after a comma: "Knee Surgery, Sports Traumatology, Arthroscopy"
_MORE_NAME_RE = re.compile(rf",\s+{_NAME_WORD}(?:\s+(?:of|and|the|on|for|in|&|{_NAME_WORD}))*")


def _whole_journal(name: str, text: str, end: int) -> str:
    """``name``, found at ``text[:end]``, with the parts after commas that make it the name of a
    journal the NLM list knows ("Knee Surgery, Sports Traumatology, Arthroscopy"; "Journal of
    Bone and Joint Surgery, American Volume"); ``name`` alone when no longer name is known."""
    from citecheck.matching.journals import is_known_journal

    longest, longer = name, name
    while m := _MORE_NAME_RE.match(text, end):
        longer, end = longer + m.group(), m.end()
        if is_known_journal(_trim_journal(longer)):
            longest = _trim_journal(longer)
    return longest


# A word for a people: "Egyptian", "Japanese", "Swedish", "Israeli", "Hispanic", "African American".
_PEOPLE_WORD_RE = re.compile(r"[A-Z][a-z]+(?:an|ese|ish|i|ic)")
_LOWER_WORD_RE = re.compile(r"\s+[a-z]")


def _names_people(name: str, text: str, end: int) -> bool:
    """True when ``name``, found at ``text[:end]``, is who a study was in, not where it was
    published: words for a people, or one possessive word, before a word in lower case ("a study
    in Egyptian children", "a trial in Swedish adults", trial 16 read them as journals; "a trial in
    Parkinson's disease patients", trial 38)."""
    return (all(_PEOPLE_WORD_RE.fullmatch(word) for word in name.split())
            or " " not in name and name.endswith(("'s", "’s"))) and \
        _LOWER_WORD_RE.match(text, end) is not None


# Places studies are said to be "in": countries and regions clinic pages name most.
_PLACES = frozenset("""
Africa|America|North America|South America|Latin America|Asia|East Asia|South Asia|Europe|Scandinavia|
Middle East|Australia|New Zealand|Canada|Mexico|Brazil|Argentina|Chile|Colombia|Peru|Cuba|
United States|US|USA|UK|United Kingdom|Britain|Great Britain|England|Scotland|Wales|Ireland|
Northern Ireland|France|Germany|Italy|Spain|Portugal|Netherlands|Holland|Belgium|Switzerland|Austria|
Denmark|Sweden|Norway|Finland|Iceland|Poland|Czech Republic|Czechia|Hungary|Romania|Greece|Russia|Ukraine|
Turkey|Israel|Iran|Iraq|Saudi Arabia|Egypt|Nigeria|Kenya|Ethiopia|Uganda|Ghana|Tanzania|South Africa|
China|Hong Kong|Taiwan|Japan|Korea|South Korea|India|Pakistan|Bangladesh|Nepal|Sri Lanka|Thailand|
Vietnam|Singapore|Malaysia|Indonesia|Philippines|California|Texas|Florida|New York|Boston|London|Ontario|
Quebec""".replace("\n", "").split("|"))


def journal_before(text: str, start: int = 0) -> re.Match | None:
    """"a 2019 JAMA study", "a 2004 Am J Gastroenterol review": the journal named before a
    study (group "journal"), when the name reads as a journal's (reads_as_journal)."""
    m = _JOURNAL_BEFORE_RE.search(text, start)
    return m if m is not None and reads_as_journal(_trim_journal(m.group("journal"))) else None


def reads_as_journal(name: str) -> bool:
    """True for a journal's name as prose writes it before "study": a journal word or a famous
    journal, or a name of two words or more the NLM list knows or that is abbreviated as NLM
    abbreviates ("Pain Medicine", "Am J Gastroenterol"); one word is too often something else
    ("a 2019 Canadian study": Canadian is a journal too; "a 2019 Harvard study")."""
    if _JOURNAL_WORD_RE.search(name) or name in _FAMOUS_JOURNALS:
        return True
    from citecheck.matching.journals import is_known_journal, reads_as_abbreviated_journal

    return len(name.split()) >= 2 and (is_known_journal(name) or reads_as_abbreviated_journal(name))


def _trim_journal(name: str) -> str:
    # "The Lancet Found" cannot happen (verbs are lower-case), but a trailing
    # sentence-initial word can: stop at the first lower-case run.
    return re.sub(r"(?:\s+(?:in|of|and|for|&|the|on|a|In|And|Of|For|The|On|A))+$", "", name.strip().rstrip("."))
