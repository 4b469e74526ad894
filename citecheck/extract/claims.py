"""Research claims: sentences that point at research ("A 2019 meta-analysis
confirmed ...", "Research in 2021 indicated ...", "A study published in The
Lancet found ...").  A claim that carries an in-text citation is linked to the
cited entry; one without is what an editor should look at.
"""

from __future__ import annotations

import re

from citecheck.models import Citation, Claim, InText

_RESEARCH_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|meta-analys[ie]s|(?:systematic\s)?reviews?|research|researchers|"
    r"scientists|survey|analysis|paper|report|experiments?|investigation|findings|data|evidence)\b",
    re.IGNORECASE)
_VERB_RE = re.compile(
    r"\b(?:found|finds|showed|shows|shown|demonstrated|demonstrates|confirmed|confirms|indicated|indicates|"
    r"suggested|suggests|revealed|reveals|reported|reports|concluded|highlighted|observed|proved|published)\b",
    re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<![\d(,])\b(?:19[5-9]\d|20\d\d)\b(?![)\d])")
_PUBLISHED_IN_RE = re.compile(
    r"\b(?:published|appearing|reported|review|study|article|paper|trial|meta-analysis)\s+in\s+(?:the\s+journal\s+)?(?P<journal>(?:The\s+)?"
    r"[A-Z][\w&-]*(?:\s+(?:of|and|for|in|&|[A-Z][\w&-]*))*)")
_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(•])")
# A period that does not end a sentence: "et al.", an initial, "e.g.", "vs.", "Dr."
_NOT_AN_END_RE = re.compile(r"(?:\bet al|\b[A-Z]|\be\.g|\bi\.e|\bvs|\bDr|\bProf|\bFig|\bNo)\.$")
_BULLET_RE = re.compile(r"^[\s•·▪*\-–]+")
# A cited parenthesis "(Zheng et al., 2019)" must not count as the claim's year.
_PAREN_RE = re.compile(r"\([^()]*\)")


def find_claims(lines: list[str], citations: tuple[Citation, ...],
                in_text: tuple[InText, ...]) -> tuple[Claim, ...]:
    """Sentences in the prose that point at specific research."""
    entry_lines = {c.line for c in citations}
    by_line: dict[int, list[InText]] = {}
    for it in in_text:
        by_line.setdefault(it.line, []).append(it)
    claims: list[Claim] = []
    for number, line in enumerate(lines, start=1):
        if number in entry_lines or not _RESEARCH_RE.search(line):
            continue
        for sentence in split_sentences(line):
            claim = _claim(sentence, number, by_line.get(number, []))
            if claim:
                claims.append(claim)
    return tuple(claims)


def split_sentences(line: str) -> list[str]:
    """The sentences of one line of prose, list bullets removed."""
    sentences: list[str] = []
    for piece in _SPLIT_RE.split(line.strip()):
        if sentences and _NOT_AN_END_RE.search(sentences[-1]):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return [_BULLET_RE.sub("", s).strip() for s in sentences if s.strip()]


def _claim(sentence: str, number: int, cited: list[InText]) -> Claim | None:
    bare = _PAREN_RE.sub(" ", sentence)
    if not (_RESEARCH_RE.search(bare) and _VERB_RE.search(bare)):
        return None
    year_m = _YEAR_RE.search(bare)
    journal_m = _PUBLISHED_IN_RE.search(bare)
    if not (year_m or journal_m):
        return None  # "Research shows ..." names nothing anyone could look up
    journal = _trim_journal(journal_m.group("journal")) if journal_m else None
    reference = next((it.reference for it in cited if it.text in sentence and it.reference is not None), None)
    return Claim(sentence, number, int(year_m.group()) if year_m else None, journal, reference)


def _trim_journal(name: str) -> str:
    # "The Lancet Found" cannot happen (verbs are lower-case), but a trailing
    # sentence-initial word can: stop at the first lower-case run.
    return name.strip()
