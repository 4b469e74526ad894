"""Parse one reference-list entry into its fields.

The parser is a set of small heuristics, not a grammar: it peels off the parts
that have a fixed written form first (DOI, PMID, URL), then finds the "source
tail" (volume, issue, pages and often the year, in whichever of the common
styles the entry uses), then the author list from the start, and splits what
is left between title and journal.  Measured on real PubMed Central strings by
``benchmarks/parsing.py``.

Every regular expression here is linear: quantified groups are possessive or
atomic where they could otherwise backtrack, because articles are untrusted
input and extraction must stay fast (target: 5 MB/s).
"""

from __future__ import annotations

import itertools
import re

from citecheck.matching.journals import MEETING_RE, is_known_journal, reads_as_abbreviated_journal
from citecheck.matching.normalize import RETRACTED_MARK_RE, mark_source
from citecheck.models import Author, Citation, Notice
from citecheck.scripts import script_of

# Upper- and lower-case letters, Latin-1, Latin Extended-A and B, and Latin Extended
# Additional included (Vietnamese: "Nguyễn", "Trần"; those blocks mix the cases, so both
# classes hold them).
_UP = r"A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u024F\u1E00-\u1EFF"
_LOW = r"a-z\u00DF-\u00F6\u00F8-\u00FF\u0100-\u024F\u1E00-\u1EFF"

# --- identifiers -----------------------------------------------------------

# A DOI is "10.<registrant>/<suffix>"; the suffix runs to the first white space.
# The prefixes people write in front of it are removed with it.
_DOI_RE = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi\s*[:.]?\s*|\bDOI\s*[:.]?\s*)?"
    r"(?P<doi>10\.\d{4,9}/[^\s\"\u3000-\u303F\uFF01-\uFF5E]++)",
    re.IGNORECASE,
)
# (A DOI ends at full-width and ideographic punctuation: "DOI：10.1016/j.knee.2008.04.009．",
# "…009。", "…009，", "…009）" in Chinese and Japanese text; no registered DOI holds them.)
# Punctuation that ends a sentence rather than a DOI.
_DOI_TRAILING = ".,;:)]}>'\""

_PMID_RE = re.compile(
    r"(?:\bPMID\s*:?\s*(?P<a>\d{1,9})\b"
    r"|https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/(?P<b>\d{1,9})/?)",
    re.IGNORECASE,
)
_PMCID_RE = re.compile(r"\bPMCID\s*:?\s*PMC\d+\b|\bPMC\d{4,}\b", re.IGNORECASE)
_PMC_LINK_RE = re.compile(r"(?:https?://)?(?:www\.)?(?:ncbi\.nlm\.nih\.gov/pmc/articles|pmc\.ncbi\.nlm\.nih\.gov/articles)"
                          r"/PMC\d+/?", re.IGNORECASE)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]++", re.IGNORECASE)

# Bits that carry no bibliographic field and would otherwise end up in a title
# or a journal ("[PubMed]", "Available from:", "Accessed 3 May 2020").
# (The look-ahead names the characters a branch can open with: the engine skips other
# positions at once instead of trying every branch at each; twice as fast, same matches.)
#: The links PubMed Central prints after an entry, copied with it ("[PubMed] [Google Scholar]").
PORTAL_LABELS = r"PubMed|Google Scholar|CrossRef|Crossref|PMC free article|Ref list"
_NOISE_RE = re.compile(
    r"(?=[\[arledpc])"
    rf"(?:\[(?:{PORTAL_LABELS}|"
    r"cited[^\]]{0,40}|Internet|serial online)\]"
    # PubMed's notes of a correction or retraction, naming another issue ("[published correction
    # appears in Am J Public Health. 2004;94:100]"): not where this work is.
    r"|\[(?:published (?:correction|erratum|retraction)|erratum|corrected and republished|retract(?:ion|ed)|comment)"
    r"\b[^\]]{0,300}\]"
    r"|\bAvailable (?:from|at|online)\s*:?"
    r"|\b(?:Accessed|Retrieved|Last accessed)\b[^.]{0,40}\.?"
    r"|\bEpub ahead of print\.?|\bEpub\s+\d{4}[^.]{0,20}\.?"
    r"|\bdoi\s*:?\s*$|\bPMID\s*:?\s*$"
    r"|\b(?-i:Erratum|Comment|Retraction|Retracted) in:.*$)",
    re.IGNORECASE,
)

# --- years, volumes, pages -------------------------------------------------

_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# (Written to open with its first digits, not the look-behind, so that a search skips to
# the places they are at: three times as fast.)
_YEAR_RE = re.compile(r"((?:1[6-9]|20)(?<![\d/.-]..)\d\d)(?![\d/])")
# "(2019)", "(2019a)", "(2019, March 3)", "(2009 Mar)", "(2008 Spring)", "(n.d.)"
_PAREN_YEAR_RE = re.compile(
    rf"\((?P<year>{_YEAR})[a-z]?(?:,?\s*[A-Z][a-z]++\.?(?:\s\d{{1,2}})?)?\)"
)
_PAGE = r"[A-Za-z]{0,2}\d++[A-Za-z]?"
# Pages, or an article number said as one ("Article e17151", "Art. no. 123").
_PAGES = rf"(?:(?:[Aa]rticle|[Aa]rt\.)(?:\s(?:[Nn]o\.|[Nn]umber))?\s)?(?P<pages>{_PAGE}(?:\s?-\s?{_PAGE})?)(?![\d])"
# ... or after "pp." where a colon announces them ("2006;69:pp. 2102-2108", "(2001): pp. 1-9").
_PAGES_PP = rf"(?:pp?\.\s?)?{_PAGES}"
_VOL = r"(?P<volume>\d++[A-Za-z]?)"
_ISS = r"(?:\s?\((?P<issue>[^()]{1,25})\))?"
# A volume or a run of volumes bound as one ("130-132").
_VOL_RANGE = r"(?P<volume>\d++(?:-\d++)?+[A-Za-z]?)"
# A supplement written after the volume, not in parentheses: "26 Suppl 5", "46 Suppl", "12 Suppl A"
# (Crossref's issue is then "Suppl 5"), and PubMed's special issue, "81 Spec No 1".
_SUPPL = r"\s(?P<suppl>(?:[Ss]uppl(?:ement)?\.?|Spec No)(?:\s?[A-Z\d]{1,3}\b)?)"
_MONTH = r"(?:\s+[A-Z][a-z]{2,8}\.?(?:\s?\d{1,2})?(?:\s?-\s?[A-Z]?[a-z]{0,8}\.?\s?\d{0,2})?)?"

# The "source tail" in each style, most specific first.  Which one wins is
# decided in _find_tail (the one reaching furthest right, then the longest).
_TAIL_RES = (
    # AMA / Vancouver / Lancet / NEJM: 1988;20:13-7, 2001; 357: 1-9, 2019 Jan;20(1):e1, a volume's part
    # 2009;8 Pt 3:1380-92; a supplement, 2008;26 Suppl 5:F46-58; and an issue without a volume, as the
    # Cochrane Library's: 2008 Oct 8;(4):CD004376
    re.compile(rf"(?P<year>{_YEAR})[a-z]?{_MONTH}\s?;\s?(?:{_VOL}(?:\s[Pp](?:t|art)\.?\s\d+|{_SUPPL})?|(?=\())"
               rf"{_ISS}(?:\s?:\s?{_PAGES_PP})?"),
    # BMC: 2004, 12:355-359; 2008, 26 Suppl 5:F46-58; ACS and RSC: Circulation 2007, 116, 1832-1844 / Science,
    # 2001, 294, 1071; and Brain Res, 2003, Vol. 975, pp. 179-188
    re.compile(rf"(?P<year>{_YEAR})[a-z]?\s?,\s?(?:[Vv]ol\.\s?)?{_VOL}(?:{_SUPPL})?{_ISS}"
               rf"(?:\s?:\s?|\s?,\s?(?:pp?\.\s?)?){_PAGES}"),
    # Nature / Springer LNCS: 18, 1386-1398 (2012) / 10(5), 336-347 (2007)
    re.compile(rf"(?<![\w(]){_VOL}{_ISS}\s?,\s?(?:pp?\.\s?)?{_PAGES}\s?\((?P<year>{_YEAR})\)"),
    # Elsevier's numbered style: Cell 128 (2007) 721-733
    re.compile(rf"(?<![\w(]){_VOL}\s\((?P<year>{_YEAR})\)\s{_PAGES}"),
    # Frontiers / Royal Society / Elsevier-Harvard: Exp. Brain Res. 156, 39-54; Chem Biol Interact 130-132, 673-683
    re.compile(rf"(?<=[{_LOW}{_UP}.]\s)(?<!\bp\.\s)(?<!pp\.\s){_VOL_RANGE}{_ISS}\s?,\s?{_PAGES}(?=\s?[.;]|\s?$)"),
    # Chicago notes: 3, no. 2 (2001): 1-9 / 3 (2001): 1-9
    re.compile(
        rf"(?<![\w(]){_VOL}(?:,\s?no\.\s?(?P<issue>[\w-]++))?\s?\((?:[A-Z][a-z]++\.?\s)?"
        rf"(?P<year>{_YEAR})\)\s?:\s?{_PAGES_PP}"
    ),
    # IEEE / MLA: vol. 3, no. 2, pp. 1-9
    re.compile(
        r"\bvol\.\s?(?P<volume>\w++)(?:,\s?(?:nos?|iss|issue)\.?\s?(?P<issue>(?:Suppl(?:ement)?\.?\s)?[\w-]++))?"
        rf"(?:,\s?(?:{_YEAR}|[A-Z][a-z]{{2,8}}\.?\s{_YEAR}))?(?:,\s?pp?\.\s?{_PAGES})?",
        re.IGNORECASE,
    ),
    # Springer / Chicago author-date: 16(11):2403-2410, 118:285-296
    re.compile(rf"(?<![\w(;:,.-]){_VOL}{_ISS}\s?:\s?{_PAGES}"),
    # APA / Harvard: , 20(1), 161-169 / , 3(2), pp. 1-9
    re.compile(rf",\s?{_VOL}{_ISS}\s?,\s?(?:pp?\.\s?)?{_PAGES}"),
    # APA without pages: , 20(1).
    re.compile(rf",\s?{_VOL}\s?\((?P<issue>[^()]{{1,25}})\)\s?\.?$"),
)

# The characters (or word) each tail pattern cannot match without, in _TAIL_RES order
# ("vol." lower-cased: that pattern ignores case).
_TAIL_NEEDS = ((";",), (",",), ("(", ","), (") ",), (",",), (":", "("), ("vol.",), (":",), (",",), ("(",))

# Where each tail pattern can start, in _TAIL_RES order: at most this many characters
# before the first digit of the text (its year or volume opens it, or ",\s?" then the
# volume), or anywhere (None: "vol." is no digit).
_TAIL_BACK = (0, 0, 0, 0, 0, 0, None, 0, 2, 2)
_DIGIT_RE = re.compile(r"\d")

# --- authors ---------------------------------------------------------------

_PARTICLE = (r"(?:[Vv](?:an|on|ander)|[Dd](?:e|er|en|el|ella|i|a|u|os|as)|[Ll][ae]|[Tt]e[rn]|[Aa]l|[Ee]l|[Bb]in"
             r"|[Ss]t\.?|[Mm]c|[Zz]ur)")
# A surname: optional particles, then a capitalised word with ' and - inside.
_SURNAME = rf"(?:{_PARTICLE}\s)*[{_UP}][{_UP}'’\-]*+[{_LOW}][{_LOW}{_UP}'’\-]*+"
# A second surname (Catalan's "Puig i Domingo M" too), or a generation written before the initials
# ("Brown III C"), is taken when initials follow it (the generation is then left out: _author_of_parts).
# An all-capitals surname, only ever taken when initials follow ("ANDERSON DJ").
# (Initials may end the text: the one-name patterns split a list cut where it ends,
# "JOST C, GLOVICZKI P", and the last name is read too.)
_SURNAME_V = rf"(?:{_SURNAME}(?:\s(?:(?:i\s)?{_SURNAME}|II|III|IV)(?=\s[{_UP}]{{1,6}}(?![^,.:;\s(])))?|[{_UP}][{_UP}'’\-]++(?=\s[{_UP}]{{1,4}}(?![^,.:;\s(])))"
# A generation after a name ("Kaelin WG Jr", "Brown C III", "Costa PT, Jr"); _author_of_parts leaves it out.
_GENERATIONS = ("Jr", "Sr", "II", "III", "IV", "2nd", "3rd", "4th")
# Vancouver initials: "TH", "J-P", "A"
_INIT_V = rf"[{_UP}]{{1,6}}+(?:-[{_UP}]{{1,2}})?(?![{_LOW}\w])(?:\s(?:{'|'.join(_GENERATIONS)})\b\.?|,\s?(?:Jr|Sr)\b\.?)?"
# Dotted initials: "R. S.", "J.-P.", "Ø.", "Ch."
_INIT_D = rf"(?:[{_UP}][{_LOW}]?\.(?:\s?-?\s?)?)++(?:,\s?(?:Jr|Sr)\.)?"
_ETAL = r"(?:,?\s?(?:et\.?\s?al\.?|and others|et al))"

# "Ikeda S, Tanaka M, ... et al."; after the first name a stray comma may part a surname
# from its initials ("Kerchner GA, Hess, CP, Xu D").
_VANCOUVER_RE = re.compile(
    rf"(?P<list>{_SURNAME_V}\s{_INIT_V}(?:\.(?=,))?(?:,\s?(?:and\s|&\s)?{_SURNAME_V},?\s{_INIT_V}(?:\.(?=,))?)*+"
    rf"(?:\s(?:and|&)\s{_SURNAME_V},?\s{_INIT_V})?)"
    rf"(?P<etal>{_ETAL})?"
)
# "Zheng, L., Smith, J. K., & Jones, K."
_SURNAME_2 = rf"{_SURNAME}(?:\s{_SURNAME}(?=,))?"
_APA_RE = re.compile(
    rf"(?P<list>{_SURNAME_2},\s?{_INIT_D}(?:[,;]?\s?(?:&\s?|and\s|\.\.\.\s?|…\s?)?{_SURNAME_2},\s?{_INIT_D})*+)"
    rf"(?P<etal>{_ETAL})?"
)
# A surname after the initials, and a second one where the name ends ("J. García López, A. M. Rodríguez
# Pérez", "N. Peñarroya i Farell", "B. Gesink-vd Veer"; not "S. T. Bogardus Jr.")
_SURNAME_IF = rf"{_SURNAME}(?:\s(?:i\s)?(?!(?:Jr|Sr)\b){_SURNAME}(?=[,.;]|\s(?:and|&)\s|\s\(|$))?"
# Chicago / ASM: "Crawford, F., H. Kozono, and J. Kappler"
_CHICAGO_RE = re.compile(
    rf"(?P<list>{_SURNAME},\s?(?:{_INIT_D}|{_INIT_V}(?=,))(?:,\s?(?:and\s|&\s)?(?:{_INIT_D}\s?|{_INIT_V}\s){_SURNAME_IF})++)"
    rf"(?P<etal>{_ETAL})?"
)
# "JM Cavanaugh, Y Lu, C Chen," (initials first, no dots)
_INITIALS_FIRST_V_RE = re.compile(
    rf"(?P<list>{_INIT_V}\s{_SURNAME}(?:,\s?(?:and\s|&\s)?{_INIT_V}\s{_SURNAME})*+)"
    rf"(?P<etal>{_ETAL})?"
)
# "J. Smith, K. Jones, and L. Brown"
_INITIALS_FIRST_RE = re.compile(
    rf"(?P<list>{_INIT_D}\s?{_SURNAME_IF}(?:,?\s?(?:and\s|&\s)?{_INIT_D}\s?{_SURNAME_IF})*+)"
    rf"(?P<etal>{_ETAL})?"
)
_AUTHOR_APA_ONE = re.compile(rf"(?P<s>{_SURNAME_2}),\s?(?P<i>{_INIT_D})")
_AUTHOR_CHICAGO_ONE = re.compile(
    rf"(?P<s>{_SURNAME}),\s?(?P<i>{_INIT_D}|{_INIT_V}(?=,))|(?P<i2>{_INIT_D}|{_INIT_V}(?=\s))\s?(?P<s2>{_SURNAME_IF})")
_AUTHOR_IFV_ONE = re.compile(rf"(?P<i>{_INIT_V})\s(?P<s>{_SURNAME})")
_AUTHOR_V_ONE = re.compile(rf"(?P<s>{_SURNAME_V}),?\s(?P<i>{_INIT_V})")
_AUTHOR_IF_ONE = re.compile(rf"(?P<i>{_INIT_D})\s?(?P<s>{_SURNAME_IF})")
#: where the surname and the initials are in each one-name pattern's groups
_NAME_GROUPS = {p.pattern: (p.groupindex["s"] - 1, p.groupindex["i"] - 1)
                for p in (_AUTHOR_APA_ONE, _AUTHOR_IFV_ONE, _AUTHOR_V_ONE, _AUTHOR_IF_ONE)}
# Three lower-case words in a row: running title text, not names.
_TITLE_LIKE_RE = re.compile(rf"[{_LOW}]{{3,}}\s[{_LOW}]{{3,}}\s[{_LOW}]{{3,}}")
# A lower-case word closing a sentence: the title has begun.
_SENTENCE_END_RE = re.compile(rf"[{_LOW}]{{4,}}[.?!]\s")
_ETAL_RE = re.compile(r"\bet\.?\s?al\b\.?|\band others\b", re.IGNORECASE)
# "20, 2479", "34, D354", "289-301": a volume and pages or a page range, never part of a name.
_SOURCE_NUMBERS_RE = re.compile(r"\d\s?[,:;]\s?[A-Za-z]{0,2}\d|\d\s?-\s?[A-Za-z]{0,2}\d")

# --- title and journal -----------------------------------------------------

# A sentence boundary in the title/journal part: ., ? or ! then a space.
_BOUNDARY_RE = re.compile(r"[.?!]\s++")
_QUOTED_RE = re.compile(r"[\"“”‘’']([^\"“”]{4,}?)[,.]?[\"“”’'](?=[\s,.;:]|$)")
# ... closed by a quote that punctuation follows: where a quote inside the title ("the ‘least
# spread line' in a …', J R Soc Interface") closed it too soon.
_QUOTED_TO_PUNCT_RE = re.compile(r"[\"“”‘’']([^\"“”]{4,}?)(?:[,.][\"“”’'](?=\s|$)|[\"“”’'](?=[,.;:]))")
_QUOTE_OPENERS = frozenset("\"“”‘’'")
# “Title,” Journal / “Title”, Journal: the first ” next to the punctuation that ends the title.
_CURLY_QUOTED_RE = re.compile(r"“([^”]{4,}?(?:”[^”,.;:]{1,200}?)*?)(?:[,.]”|”[,.;:])(?=\s|$)")
_DASHES_MAP = {"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-", "\u00ad": ""}
_SPACES_RE = re.compile(r"\s++")
_STRIP = " \t.,;:-"
_IN_BOOK_RE = re.compile(r"^(?:In\s?:|In\s)", re.IGNORECASE)


def parse_reference(text: str, line: int, kind: str = "reference", number: int | None = None) -> Citation:
    """Parse one reference entry into a Citation; fields not found are None.

    ``text`` is the entry as written (kept as the citation's text); ``line`` is
    where it starts in the document, ``number`` its number in its list.
    """
    work = text
    other = False  # letters beyond ASCII: the entry may be in another script
    if not work.isascii():
        if "Ã" in work or "Â" in work:
            work = _MOJIBAKE_RE.sub(_utf8_read_as_cp1252, work)  # "PrevalÃªncia": "Prevalência"
        # str.replace per dash present: far faster than str.translate with a dict table.
        for dash, repl in _DASH_PAIRS:
            if dash in work:
                work = work.replace(dash, repl)
        # (Most entries are ASCII once their dashes are: the search below is then not made.)
        other = not work.isascii()
        if other and _WIDE_RE.search(work):
            # Full-width forms and ideographic punctuation, as typed in Chinese and Japanese
            # text ("KOWALSKI T， MENSAH A．…［J］．", "DOI：10.1016/…．"): their ASCII forms.
            work = work.translate(_WIDE_TABLE)
    # (White space other than a space is never printable: most entries skip the search.)
    if "  " in work or not work.isprintable() and _OTHER_SPACE_RE.search(work):
        work = " ".join(work.split())  # every run of white space one space
    else:
        work = work.strip()
    noted = _noted_retraction(work) if "etract" in work or "ETRACT" in work else ()
    work = _without_notes(work)
    doi, work, publisher_url = _take_doi(work)
    pmid, work, pubmed_url = _take_pmid(work)
    url, work = _take_url(work)
    url = url or publisher_url or pubmed_url
    low = work.lower()
    if "ahead of print" in low or "epub" in low or ":S0" in work or ":S1" in work or ":S2" in work:
        # PubMed's article online before its issue: "Lancet. 2020 May 22:S0140-6736(20)31180-6." (the
        # publisher's identifier where the pages will be): its date alone, read as an online-first journal's.
        work = _AHEAD_OF_PRINT_ID_RE.sub(r"\1", work)
    if _has_noise_key(low):
        work = _NOISE_RE.sub(" ", work)
    if _may_hold_a_day(work):
        # A day's date ("Updated July 12, 2022", "Published online March 3, 2020", "16 March 2023"):
        # its year alone, since the day and the year were read as a volume and pages.
        work = _years_for_days(work)
    if "  " in work:
        work = _SPACES_RE.sub(" ", work)
    if "suppl" in work:
        work = _in_vancouver_form(work)
    work = work.strip(" .,;")
    mark = None
    if "[" in work and "]" in work:
        mark = _TYPE_MARK_RE.search(work)
        if mark is not None:
            # GB/T 7714's type mark: "Title[J]. Journal, 2019, 12(3): 1-9." ([J] a journal
            # article, [M] a book, [C] a proceedings paper, [EB/OL] a web page ...).
            mark = mark.group(1)
            work = _TYPE_MARK_RE.sub("", work)
    if other:
        script = script_of(work)
        if script is not None:
            fields = _parse_other_script(work, script, mark)
            return Citation(text=text, line=line, kind=kind, doi=doi, pmid=pmid, url=url, number=number,
                            notices=noted, **fields)
    if not _THREE_LETTERS_RE.search(work):
        # Only an identifier or a link: nothing else to read.
        return Citation(text=text, line=line, kind=kind, doi=doi, pmid=pmid, url=url, number=number, notices=noted)

    if work.startswith(_LEAD_IN_OPENERS) and (lead := _LEAD_IN_RE.match(work)) and _opens_author_list(work[lead.end():]):
        work = work[lead.end():]  # a note's words before its reference: "For a review, see Whitaker RC, …"
    fields = _parse_body(work)
    if fields["title"] and (marked := RETRACTED_MARK_RE.match(fields["title"])) and (
            noted or fields.get("volume") or fields.get("pages")):
        # The work's title, without its page's mark; "Retracted: …" in mixed case marks an article's
        # title too (a headline on a web page, with no volume or pages, is left as it is).
        fields["title"] = fields["title"][marked.end():] or None
        noted = noted or (Notice("retraction", None, None, mark_source(marked.group(0), "entry")),)
    return Citation(text=text, line=line, kind=kind, doi=doi, pmid=pmid, url=url, number=number,
                    notices=noted, **fields)


# An entry's own word that the work it cites was retracted: PubMed's note ("Retraction in: Lancet.
# 2010;375(9713):445."), AMA's after the title ("[retracted in: Lancet. 2010;375(9713):445]"), APA's
# "(Retraction published 2010, The Lancet, 375(9713), 445)", AMA's older "[published retraction appears
# in …]", and the mark retracted works' pages put on their titles ("RETRACTED: …", "RETRACTED ARTICLE:
# …", "“RETRACTED: …”", "… [Retracted]"), or PubMed on a withdrawn Cochrane Review's ("WITHDRAWN: …").
# PubMed's "Retraction of:" is a notice's own note (the notice is what is cited), and "Partial
# retraction in:" no retraction of the work. "Retracted: …" in mixed case counts only on an article's
# title (parse_reference): a web page's headline may open with it.
_RETRACTION_NOTE_RE = re.compile(
    r"(?<![Pp]artial )\b(?i:retraction|retracted(?: and republished)?) in:(?P<where>[^\]]{0,300}?)(?=\]|\s*+\bPMID\b|$)"
    r"|\[(?i:published retraction appears in)(?P<ama>[^\]]{0,300})\]"
    r"|\((?i:retraction) published (?P<apa>[^()]*+(?:\([^()]*+\)[^()]*+)*+)\)"
    r"|[\[(](?i:retracted(?: article)?)[\])]"
    r"|(?:^|[.:)] )[\"“‘']?(?P<mark>RETRACTED|WITHDRAWN)(?: (?i:article))?: ")


def _noted_retraction(work: str) -> tuple[Notice, ...]:
    """The retraction notice ``work`` records of the work it cites (with the notice's DOI and year
    where the note gives them), or ()."""
    m = _RETRACTION_NOTE_RE.search(work)
    if m is None:
        return ()
    where = m.group("where") or m.group("ama") or m.group("apa") or ""
    doi = _DOI_RE.search(where)
    year = _YEAR_RE.search(where)
    return (Notice("retraction", normalise_doi(doi.group("doi")) if doi else None, year.group(1) if year else None,
                   mark_source(m.group("mark") or "", "entry")),)


# A date and the identifier PubMed gives an article ahead of print: "2020 May 22:S0140-6736(20)31180-6"
# (Elsevier's PII, also without "Epub ahead of print" after it), "2020 Mar 9:ciaa237".
_AHEAD_OF_PRINT_ID_RE = re.compile(rf"(\b{_YEAR}\s[A-Z][a-z]{{2}}\s\d{{1,2}}):\s?[A-Za-z]*+\d[\w()-]*+")

# UTF-8's two bytes of a Latin-1 letter read as Windows-1252 (or Latin-1) characters: "Ã©" for "é",
# "Ã§" for "ç", "Ã‰" for "É", text copied through a program that took UTF-8 for Windows-1252.
_MOJIBAKE_RE = re.compile("[ÂÃ][\u00a0-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]")


def _utf8_read_as_cp1252(m: re.Match) -> str:
    """The letter a _MOJIBAKE_RE pair stands for (the pair itself when it stands for none)."""
    try:
        return m.group().encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return m.group()


# Pre-filter for _NOISE_RE: each of its branches needs one of these (lower-cased).
_NOISE_KEYS = ("[", "available", "accessed", "retrieved", "epub", "doi", "pmid", "erratum", "comment in",
               "retract")


# PubMed's note of a later notice and where it is printed, up to the entry's own PMID: "Erratum in:
# Lancet. 2020;395(10229):1038. doi:10.1016/S0140-6736(20)30638-3. PMID: 31986264"; APA's in
# brackets: "(Erratum published 2020, The Lancet, 395(10223), 496)".
_LATER_NOTE_RE = re.compile(r"\b(?:Erratum|Comment|Retraction|Retracted|Retracted and republished|Partial retraction|"
                            r"Update|Corrected and republished|Republished|Expression of [Cc]oncern|Summary for patients|"
                            r"Reprint|Original report) in:"
                            r".*?(?=\s*+\bPMID\b|$)"
                            r"|\((?:Erratum|Correction|Retraction) published [^()]*+(?:\([^()]*+\)[^()]*+)*+\)")
# PubMed's note of the work a notice, comment or reprint is about ("Retraction of: Lancet. 1998 Feb
# 28;351(9103):637-41."), once the entry's own source is given: "Comment on: …" can open a title.
_EARLIER_NOTE_RE = re.compile(r"\b(?:Erratum for|Comment on|Retraction of|Partial retraction of|Update of|Republished from|"
                              r"Retracted and republished from|Corrected and republished from|Expression of [Cc]oncern for|"
                              r"Reprint of|Summary for patients of): .*?(?=\s*+\bPMID\b|$)")
#: a source before such a note: a volume and its issue or pages ("375(9713):445", ";375:", "375(9713), 445")
_SOURCE_BEFORE_RE = re.compile(r"\d\s?\([\w\s-]{1,20}\)\s?[:,]\s?[A-Za-z]?\d|;\s?\d{1,4}\s?[(:]|\b\d{1,4}\s?:\s?[A-Za-z]?\d")


def _without_notes(work: str) -> str:
    """``work`` without PubMed's (and APA's) notes of other works: a later notice's ("Erratum in: …")
    and, after the entry's own source, the earlier work a notice is about ("Retraction of: …")."""
    if (" in:" in work or "ublished 20" in work or "ublished 19" in work) and (note := _LATER_NOTE_RE.search(work)):
        work = work[: note.start()] + work[note.end():]  # another work's details, DOI and all
    if (" of: " in work or " for: " in work or " on: " in work or " from: " in work) \
            and (note := _EARLIER_NOTE_RE.search(work)) and _SOURCE_BEFORE_RE.search(work, 0, note.start()):
        work = work[: note.start()] + work[note.end():]
    return work


def _has_noise_key(low: str) -> bool:
    """``any(k in low for k in _NOISE_KEYS)``, unrolled (no generator per entry)."""
    return ("[" in low or "available" in low or "accessed" in low or "retrieved" in low or "epub" in low
            or "doi" in low or "pmid" in low or "erratum" in low or "comment in" in low or "retract" in low)


# ASCO's meeting abstracts as ASCO cites them: "J Clin Oncol 38, 2020 (suppl; abstr 8000)", "J Clin
# Oncol 39, 2021 (suppl 6; abstr 4)", and "J Clin Oncol. 2020;38:15_suppl, 8000".
_ASCO_ABSTRACT_RE = re.compile(rf"\s(?P<volume>\d{{1,4}}),?:?\s(?P<year>{_YEAR})\s?\((?P<suppl>[^;()]{{0,12}}suppl[^;()]{{0,12}});"
                               r"\s?abstr(?:act)?\.?\s?(?P<page>[A-Za-z]{0,4}\d+[A-Za-z]{0,3})\)")
_ASCO_ISSUE_RE = re.compile(r"(?P<volume>\d{1,4}):\s?(?P<suppl>\d{1,3}_suppl),\s?(?P<page>[A-Za-z]{0,4}\d+)\b")


def _in_vancouver_form(work: str) -> str:
    """``work`` with ASCO's forms of a meeting abstract written as Vancouver writes an issue and
    pages: "J Clin Oncol. 2020;38(suppl):8000"."""
    work = _ASCO_ABSTRACT_RE.sub(lambda m: f". {m['year']};{m['volume']}({m['suppl'].strip()}):{m['page']}", work)
    return _ASCO_ISSUE_RE.sub(lambda m: f"{m['volume']}({m['suppl']}):{m['page']}", work)


def _may_hold_a_day(text: str) -> bool:
    """_DAY_DATE_RE's pre-filter: a year after a comma ("July 12, 2022"), or what a web page says of
    its date ("Page last reviewed: 23 October 2019"), and a month's abbreviation."""
    if not (", 20" in text or ", 19" in text or "eviewed" in text or "pdated" in text or "ublished" in text
            or "evised" in text or "osted" in text):
        return False
    return ("Jan" in text or "Feb" in text or "Mar" in text or "Apr" in text or "May" in text or "Jun" in text
            or "Jul" in text or "Aug" in text or "Sep" in text or "Oct" in text or "Nov" in text or "Dec" in text)


_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
# A day's date: "July 12, 2022", "23 October 2019"; a meeting's days: "June 22-26, 2018",
# "September 29-October 3, 2021".
_DAY_DATE_RE = re.compile(rf"(?:\b{_MONTH_NAME}\s\d{{1,2}}(?P<days>\s?-\s?(?:{_MONTH_NAME}\s)?\d{{1,2}})?,\s"
                          rf"|\b\d{{1,2}}\s{_MONTH_NAME},?\s)(?P<year>(?:19|20)\d\d)\b")
# What a web page or an online-first article says of a date, just before it: "Updated", "Page last
# reviewed:", "Published online".
_DATE_LABEL_RE = re.compile(
    r"\b(?:(?:[Pp]age\s)?[Ll]ast\s(?:[Rr]eviewed|[Uu]pdated|[Mm]odified)|[Uu]pdated|[Rr]eviewed|[Rr]evised|"
    r"[Pp]ublished(?:\s[Oo]nline)?|(?:[Pp]reprint\s)?[Pp]osted(?:\s[Oo]nline)?)\s?:?\s$")


def _years_for_days(text: str) -> str:
    """``text`` with each day's date that a label names or that is a sentence of its own ("Updated
    July 12, 2022", "The New York Times. April 11, 2022."), and each meeting's days ("Presented at:
    ADA Scientific Sessions; June 22-26, 2018"), written as its year, the label left out.  (Not a
    day in a title: "… as of 31 December 2006".)"""
    out, at = [], 0
    for m in _DAY_DATE_RE.finditer(text):
        label = _DATE_LABEL_RE.search(text, max(at, m.start() - 30), m.start())
        if label is not None:
            start = label.start()
        elif m.group("days") and text[m.end():m.end() + 1] in (";", ",", ".", "") \
                or text[max(at, m.start() - 2):m.start()] in (". ", "; "):
            start = m.start()
        else:
            continue
        out.append(text[at:start])
        out.append(m.group("year"))
        at = m.end()
    return "".join(out) + text[at:] if out else text


# Full-width forms (U+FF01-FF5E) and the ideographic space and punctuation, folded to ASCII.
_WIDE_RE = re.compile(r"[\uFF01-\uFF5E\u3000-\u3002\u3010\u3011]")
_WIDE_TABLE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_WIDE_TABLE.update({0x3000: " ", 0x3001: ", ", 0x3002: ". ", 0x3010: "[", 0x3011: "]"})
# GB/T 7714's document type marks, closing the title: [J] journal article, [M] book, [C]
# proceedings, [D] thesis, [R] report, [N] newspaper, [P] patent, [S] standard, [G], [A], [Z],
# with "/OL" (online) and the like; and [EB/OL], [DB/OL], [CP/DK].
_TYPE_MARK_RE = re.compile(r"(?<=\S)\s?\[((?:[JMCDRNPSGAZ]|EB|DB|CP)(?:/(?:OL|MT|DK|CD))?)\](?=\s?[.,:;/]|\s?$)")

# White space other than a plain space (tab, line break, no-break and thin spaces ...).
_OTHER_SPACE_RE = re.compile(r"[^\S ]")
_DASH_PAIRS = tuple(_DASHES_MAP.items())
_THREE_LETTERS_RE = re.compile(rf"[{_LOW}{_UP}]{{3}}")


_DOUBLE_SLASH_RE = re.compile(r"^(10\.\d{4,9})//")
_DOI_PREFIX_RE = re.compile(r"^(?:https?://)?(?:dx\.)?doi\.org/|^doi\s*:?\s*", re.I)


def normalise_doi(raw: str) -> str:
    """A DOI without its resolver prefix or trailing punctuation."""
    doi = raw.strip()
    if "](" in doi:
        # A Markdown link's text that is the DOI's link, run on into the link's target: no DOI holds "](".
        doi = doi.split("](", 1)[0]
    if not doi.startswith("10."):
        doi = _DOI_PREFIX_RE.sub("", doi)
    doi = doi.rstrip(_DOI_TRAILING)
    if "//" in doi:
        # Old APA citations write "10.1037//0012-1649.15.6.608" for 10.1037/0012-1649.15.6.608.
        doi = _DOUBLE_SLASH_RE.sub(r"\1/", doi, count=1)
    # A closing parenthesis belongs to the DOI only when it opens one too:
    # 10.1016/S0140-6736(03)12345-6 keeps it, "(doi:10.1/abc)" does not.
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1].rstrip(_DOI_TRAILING)
    if doi.startswith("10.1101/") and (version := _PREPRINT_VERSION_RE.search(doi)):
        doi = doi[: version.start()]
    return doi


# The version and view a medRxiv or bioRxiv link adds to the DOI: ".../10.1101/2020.06.22.20137273v1.full.pdf".
_PREPRINT_VERSION_RE = re.compile(r"(?<=\d)v\d{1,2}(?:\.(?:full|abstract|article-info|supplementary-material)"
                                  r"(?:\.pdf|-text)?)?$|(?<=\d)\.full(?:\.pdf)?$")


def find_doi(text: str) -> str | None:
    """The first DOI written anywhere in ``text``, normalised, or None."""
    m = _DOI_RE.search(text)
    return normalise_doi(m.group("doi")) if m else None


def find_dois(text: str) -> list[str]:
    """Every DOI written in ``text``, normalised, in order."""
    return [normalise_doi(m.group("doi")) for m in _DOI_RE.finditer(text)]


# PDF-to-text tools break DOIs after the "/" or after a "." ("10.1016/j. neuron.2004");
# the pieces are re-joined only where a DOI cannot end.
_DOI_BREAK_RE = re.compile(r"(10\.\d{4,9}//?)\s(?=\S)|(10\.\d{4,9}/[^\s\"<>]*?\.)\s(?=[a-z0-9])")


# ... and around the "." of a labelled DOI ("doi:10. 1111/j.1365", "doi:10 .1038/nature08944").
_LABELLED_DOI_BREAK_RE = re.compile(r"(\bdoi\s?:?\s?10)(?:\s\.\s?|\.\s)(?=\d{4,9}/)", re.IGNORECASE)
_WHITE_RE = re.compile(r"\s")
_DOI_BODY_RE = re.compile(r"10\.\d{4,9}/[^\s\"]")
#: the longest prefix (resolver, "doi:") looked for in front of a DOI without a full search
_DOI_PREFIX_WINDOW = 24
#: how each prefix _DOI_RE allows opens (lower-cased)
_DOI_PREFIX_OPENERS = ("http", "dx.", "doi")


def _search_doi(work: str):
    """``_DOI_RE.search(work)``, fast: _DOI_RE's optional prefix makes the regex
    engine try it at every position, while a DOI's body ("10.") is found at once.

    The leftmost match of _DOI_RE has its body at the first place a body starts
    (no prefix holds a digit), so it starts at the first place before the body where
    a prefix opens ("http", "dx.", "doi") and runs up to the body, or at the body.
    Only those places are tried; a match reaching further back than the window is
    searched again from the start.
    """
    body = _DOI_BODY_RE.search(work)
    if body is None:
        return None
    at = body.start()
    lo = at - 2 * _DOI_PREFIX_WINDOW
    if lo <= 0:
        return _DOI_RE.search(work)
    window = _folded(work[lo:at])
    if len(window) != at - lo:
        return _DOI_RE.search(work)
    starts = sorted(i for opener in _DOI_PREFIX_OPENERS for i in _find_all(window, opener))
    for i in starts:
        m = _DOI_RE.match(work, lo + i)
        if m is not None and m.start("doi") == at:
            if m.start() < at - _DOI_PREFIX_WINDOW:
                return _DOI_RE.search(work)
            return m
    return _DOI_RE.match(work, at)


def _find_all(text: str, part: str):
    """Every index where ``part`` occurs in ``text``."""
    i = text.find(part)
    while i >= 0:
        yield i
        i = text.find(part, i + 1)


def _take_doi(work: str) -> tuple[str | None, str, str | None]:
    """(DOI, text without it, the link to a publisher's page it was read from)."""
    if ("10 ." in work or "10. " in work) and _LABELLED_DOI_BREAK_RE.search(work):
        work = _LABELLED_DOI_BREAK_RE.sub(r"\1.", work)
    if "10." not in work:
        return None, work, None
    if _WHITE_RE.search(work, work.find("10.")):
        # (Both break patterns need white space after a "10.": none after the first, no break.)
        work = _DOI_BREAK_RE.sub(lambda m: m.group(1) or m.group(2), work)
    m = _search_doi(work)
    if not m:
        return None, work, None
    raw = m.group("doi")
    if ("?" in raw or "#" in raw or "%" in raw) and "doi.org/" in _folded(m.group()[:m.start("doi") - m.start()]):
        doi, end = _doi_of_link(raw), m.start("doi") + len(raw.rstrip(_DOI_TRAILING))
    else:
        doi = normalise_doi(raw)
        end = m.start("doi") + len(doi)
        if doi.startswith("10.1101/") and work[end:end + 1] in ("v", "."):
            end = m.start("doi") + len(raw.rstrip(_DOI_TRAILING))  # the preprint's version goes with it
        if doi.endswith("ER") and doi[-3:-2].islower() and not work[end:].strip(_DOI_TRAILING + " "):
            # An RIS record's end tag ("ER  -") glued to the DOI that closes the entry
            # ("…/nn901392mER"); DOIs that end in capitals have digits before them ("-1051OC").
            doi = doi[:-2]
    start = m.start()
    link = None
    if start == m.start("doi"):
        # No resolver or label before it: the DOI may close a link to a publisher's page
        # ("https://www.nejm.org/doi/full/10.1056/…"), which goes with it, whole.
        opening = work.rfind(" ", 0, start) + 1
        if _folded(work[opening:opening + 8]).startswith(("http://", "https://", "www.")):
            start, link = opening, work[opening:end]
    # The punctuation after a DOI may end the title before it: keep it.
    return doi, _joined(work[:start], work[end:]), link


def _doi_of_link(raw: str) -> str:
    """The DOI of a doi.org link's path: without its query or fragment ("?utm_source=…",
    "#abstract"), percent-escapes decoded ("%3C2824::AID-ELPS2824%3E" of a SICI DOI)."""
    from urllib.parse import unquote

    return normalise_doi(unquote(re.split(r"[?#]", raw, maxsplit=1)[0]))


def _joined(left: str, right: str) -> str:
    """The text either side of a cut, with one space where it was cut."""
    return left.rstrip(" ") + " " + right.lstrip(" ")


def _folded(text: str) -> str:
    """``text`` lower-cased for substring pre-filters of IGNORECASE patterns: the
    non-ASCII letters such a pattern takes for "i" and "s" ("İ", "ı", "ſ") folded too."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("i\u0307", "i").replace("ı", "i").replace("ſ", "s")
    return low


def _take_pmid(work: str) -> tuple[str | None, str, str | None]:
    """(PMID, text without it, the PubMed link when it was written as one)."""
    low = _folded(work)
    pmc_link = None
    if "pmc" in low:
        if "/pmc" in low or "pmc." in low:
            # A link to the article in PubMed Central: the article's link, out of the text whole.
            if link := _PMC_LINK_RE.search(work):
                pmc_link, work = link.group().rstrip("/."), _joined(work[: link.start()], work[link.end():])
        work = _PMCID_RE.sub(" ", work)
    if "pmid" not in low and "ncbi" not in low:
        return None, work, pmc_link
    m = _PMID_RE.search(work)
    if not m:
        return None, work, pmc_link
    link = m.group() if m.group("b") else pmc_link
    return m.group("a") or m.group("b"), _joined(work[: m.start()], work[m.end():]), link


def _take_url(work: str) -> tuple[str | None, str]:
    low = _folded(work)
    if "http" not in low and "www." not in low:
        return None, work
    m = _URL_RE.search(work)
    if not m:
        return None, work
    url = m.group().rstrip(".,;:)]'\"")
    return url, _joined(work[: m.start()], work[m.start() + len(url):])


_BARE_YEAR_RE = re.compile(rf"(?P<year>{_YEAR})[a-z]?(?=[.,:;)]|\s\(|\s[{_UP}\d])")


def _parse_body(work: str) -> dict:
    """Authors, year, title, journal, volume, issue, pages from the entry's words."""
    fields: dict = {}
    authors, et_al, rest = _take_authors(work)
    fields["authors"], fields["et_al"] = authors, et_al
    if rest[:2] in ("on", "On") and (group := _ON_BEHALF_RE.match(rest)):
        rest = rest[group.end():]  # the group the authors write for: no author, and no title

    year = None
    leading = None  # a bare year and a space after the authors: maybe the title's own ("2013 ACCF/AHA guideline")
    m = _PAREN_YEAR_RE.match(rest) or _BARE_YEAR_RE.match(rest)
    if m:
        # Author-date styles: the year follows the authors.
        year = int(m.group("year"))
        if m.re is _BARE_YEAR_RE and rest[m.end():m.end() + 1] == " ":
            leading = m.group()
        rest = rest[m.end():].lstrip(_STRIP)
    elif rest[:1] == "(" and (undated := _NO_DATE_RE.match(rest)):
        rest = rest[undated.end():].lstrip(_STRIP)  # APA's "(n.d.)" in the year's place: no title

    tail = _find_tail(rest)
    if tail:
        middle = rest[: tail.start()]
        if "year" in tail.re.groupindex and tail.start("year") == tail.start():
            # EndNote's and old JAMA's date, its month before the year: "Biochemistry. Oct 1986;25:830-840."
            middle = _MONTH_AT_END_RE.sub("", middle)
        groups = tail.groupdict()
        if not groups.get("year") and year is None and (dated := _YEAR_AT_END_RE.search(middle)):
            # "Am J Transplant, 2005, Vol. 5, No. 6, pp. 1397": the year between journal and "Vol."
            year, middle = int(dated.group(1)), middle[: dated.start()]
        fields["volume"] = groups.get("volume")
        fields["issue"] = _clean_issue(groups.get("issue") or groups.get("suppl"))
        fields["pages"] = _clean_pages(groups.get("pages"))
        if leading and groups.get("year"):
            # Vancouver's year is in the tail ("J Am Coll Cardiol. 2013;62(16):e147"): the year
            # after the authors opens the title, as a guideline's does ("2017 ACC/AHA … Guideline").
            year, middle = None, f"{leading} {middle}"
        if year is None and groups.get("year"):
            year = int(groups["year"])
    else:
        middle = rest
    if year is None:
        year = _any_year(rest)
    fields["year"] = year
    title, journal = _split_title_journal(middle.strip(_STRIP), has_tail=tail is not None)
    if title and "resent" in title and (note := _PRESENTED_NOTE_RE.search(title)):
        title = title[: note.start()]  # "Title. Presented at: ADA Scientific Sessions; 2018. Diabetes. 2018;67…"
    fields["title"], fields["journal"] = title, journal
    volume = fields.get("volume")
    if journal and volume and _YEAR_WORD_RE.fullmatch(volume) and MEETING_RE.search(journal):
        # A meeting's name and its year read as a journal and a volume ("Presented at: IDWeek 2021;
        # 2021; virtual"): a meeting is no journal's issue.
        fields["volume"] = fields["issue"] = fields["pages"] = volume = None
    if volume and year and volume == str(year) and not fields.get("issue") and work.count(volume) == 1:
        # The year read as a volume, the year and pages of a book or a newspaper ("Philadelphia:
        # Wolters Kluwer; 2015:42-107", "The New York Times. 2017:A1"): no volume; and a
        # publisher with its place is no journal.
        fields["volume"] = None
        if journal and _PLACE_PUBLISHER_RE.fullmatch(journal):
            fields["journal"] = None
    return fields


# A note that the work was presented at a meeting, closing the title: ". Abstract presented at:",
# ". Poster presentation at", ". Presented to".
_PRESENTED_NOTE_RE = re.compile(r"\.\s++(?:[A-Z][\w-]*(?:\s[a-z][\w-]*)?\s)?(?:[Pp]resented|[Pp]resentation)\s(?:at|to)\b")
# A publisher after its place: "Philadelphia: Wolters Kluwer", "New York, NY: McGraw-Hill".
_PLACE_PUBLISHER_RE = re.compile(rf"[{_UP}][\w.]*(?:\s[{_UP}][\w.]*)*(?:,\s[{_UP}]{{2}}|\s\([{_UP}]{{2}}\))?:\s.+")


# A year closing the title and journal part after a comma: "Am J Transplant, 2005, ".
_YEAR_AT_END_RE = re.compile(rf",\s?({_YEAR}),?\s*+$")
# A month (and a day) closing the title and journal part, after its punctuation: "Biochemistry. Oct ".
_MONTH_AT_END_RE = re.compile(rf"(?<=[.,;])\s*+{_MONTH_NAME}(?:\s\d{{1,2}})?,?\s*+$")
# APA's date of an undated work: "(n.d.)", "(n.d)", "(no date)".
_NO_DATE_RE = re.compile(r"\((?:n\.\s?d\.?|no date|undated|in press)\)", re.IGNORECASE)
# "…, Sallustio Y, on behalf of the Collaborative Investigators. Title …"
_ON_BEHALF_RE = re.compile(r"[Oo]n behalf of\s[^.]{3,150}?\.\s")


# The words a note puts before the reference it gives (trial 34: "See the cohort analysis by
# Whitaker RC, …" was read with no authors and a title of both): "See", "See also:", "For a
# review, see", "As cited in", "Data from", "Source:".
_LEAD_IN_RE = re.compile(
    r"(?:(?:[Ss]ee|[Ff]or|[Aa]s|[Cc]f\.?)\b[^.:;\d“\"]{0,60}?\b(?:see(?: also)?|by|in|from)"
    r"|(?:See|see)(?: also)?(?:,? e\.g\.|,? for example)?|[Cc]f\."
    r"|(?:[Rr]eviewed|[Cc]ited|[Qq]uoted|[Dd]iscussed) in|(?:[Aa]dapted|[Mm]odified|[Rr]eprinted|[Rr]eproduced|[Dd]ata) from"
    r"|Sources?)[,:]?\s++(?![A-Z]{1,3}[,\s])")
#: the words a lead-in opens with (a quick test before the pattern)
_LEAD_IN_WORDS = ("See", "For", "As", "Cf", "Reviewed", "Cited", "Quoted", "Discussed", "Adapted", "Modified",
                  "Reprinted", "Reproduced", "Data", "Source")
_LEAD_IN_OPENERS = _LEAD_IN_WORDS + tuple(word.lower() for word in _LEAD_IN_WORDS)


def _opens_author_list(text: str) -> bool:
    """True when the text opens with an author list one of the list patterns reads whole, or
    with the names of an IEEE entry or a Chicago note before its quoted title."""
    return any((m := regex.match(text)) is not None and _ends_author_list(text, m.end())
               for regex in (_APA_RE, _VANCOUVER_RE, _INITIALS_FIRST_RE, _CHICAGO_RE, _INITIALS_FIRST_V_RE)) \
        or _take_ieee_authors(text) is not None


def _take_authors(work: str) -> tuple[tuple[Author, ...], bool, str]:
    """The author list at the start of the entry, and the text after it."""
    for sep in ("; ", ", "):
        cut = work.find(sep, 0, _MOST_GROUP_CHARS)
        if cut > 0 and _is_group_name(work[:cut], initials=sep == "; "):
            # PubMed's group before the persons: "SPRINT Research Group; Wright JT Jr, Williamson JD, …";
            # APA's with a comma, the persons' names then in a style's list: "US Preventive Services
            # Task Force, Davidson, K. W., Barry, M. J., … (2021)."
            names = work[cut + 2:]
            if sep == "; " or _APA_RE.match(names) or _VANCOUVER_RE.match(names):
                authors, et_al, rest = _take_authors(names)
                if authors:
                    return (Author(work[:cut], ""), *authors), et_al, rest
    authors, et_al, rest = _take_persons(work)
    if authors and rest[:1].isupper():
        stop = rest.find(". ", 0, _MOST_GROUP_CHARS)
        if stop > 0 and _is_group_name(rest[:stop]):
            # PubMed's group after the persons: "Wright JT Jr, …, et al; SPRINT Research Group. A randomized …"
            return (*authors, Author(rest[:stop], "")), et_al, rest[stop + 2:]
    return authors, et_al, rest


#: the most characters of a group's name written before or after the persons of an author list
_MOST_GROUP_CHARS = 120
#: the words a group's name ends with
_GROUP_ENDINGS = ("Group", "Committee", "Investigators", "Collaborators", "Collaboration", "Collaborative",
                  "Consortium", "Task Force", "Taskforce", "Panel", "Working Party", "Network", "Trialists", "Council")
# A name in capitalised words and the small words of a name ("Writing Committee for the ACCORD Study Group").
_GROUP_WORDS_RE = re.compile(r"[A-Z(][^\s.;:,]*+(?:\s(?:of|and|for|the|on|in|to|&|[A-Z0-9(][^\s.;:,]*+))*+")
# An organisation's initials alone ("USPSTF", "KDIGO").
_GROUP_INITIALS_RE = re.compile(r"[A-Z]{3,}")


def _is_group_name(text: str, initials: bool = True) -> bool:
    """True when ``text`` is a group's name written with an author list: capitalised words that end
    with a group's word ("SPRINT Research Group", "PEACE Investigators", read as _names_a_group
    reads them), or (``initials``) an organisation's initials alone ("USPSTF")."""
    if initials and _GROUP_INITIALS_RE.fullmatch(text):
        return True
    return text.endswith(_GROUP_ENDINGS) and _GROUP_WORDS_RE.fullmatch(text) is not None and _names_a_group(text)


#: words a title opens with that a group's name does not ("Report of the Joint Committee")
_DOCUMENT_WORDS = frozenset("Report Reports Summary Statement Recommendations Update Evaluation Review Proceedings "
                            "Minutes Consensus Guidelines Guideline".split())


def _names_a_group(text: str) -> bool:
    """True when ``text``, capitalised words with small words among them, reads as a group's name, not
    a title's words: no small word ("Diabetes Control and Complications Trial Research Group"), a group
    word before the first ("Canadian Task Force on Preventive Health Care"), or a group word to end it
    that no title's first word opens ("GBD 2017 Causes of Death Collaborators"; "Report of the Task
    Force on …" and "Report of the Joint Committee" are titles)."""
    lower = _TITLE_WORD_RE.search(text)
    if lower is None or ORGANISATION_WORD_RE.search(text, 0, lower.start()) is not None:
        return True
    return text.endswith(_GROUP_ENDINGS) and text.split(None, 1)[0] not in _DOCUMENT_WORDS


def _take_persons(work: str) -> tuple[tuple[Author, ...], bool, str]:
    """The author list at the start of the entry, and the text after it (see _take_authors)."""
    ieee = _take_ieee_authors(work)
    if ieee is not None:
        return ieee
    best = None
    for regex, splitter in (
        (_APA_RE, _AUTHOR_APA_ONE),
        (_VANCOUVER_RE, _AUTHOR_V_ONE),
        (_INITIALS_FIRST_RE, _AUTHOR_IF_ONE),
        (_CHICAGO_RE, _AUTHOR_CHICAGO_ONE),
        (_INITIALS_FIRST_V_RE, _AUTHOR_IFV_ONE),
    ):
        m = regex.match(work)
        if m and _ends_author_list(work, m.end()) and (best is None or m.end() > best[0].end()):
            best = (m, splitter)
    if best is None:
        return _take_loose_authors(work)
    m, splitter = best
    end, block = m.end(), m.group("list")
    more: tuple[Author, ...] = ()
    close = _list_close(work, end)
    if close is not None:
        # The list pattern stopped at an odd name ("D' Agostino, M.", "D. Carr Locke", a
        # group author); the year soon after still closes the author list.
        names_end, rest_at, other_names = close
        if other_names is None:
            block = work[:names_end]
        else:  # the names past the list pattern's, read in the order they are written
            more = _authors_in(work[end:names_end], other_names)
        end = rest_at
    authors = _authors_in(block, splitter) + more
    # APA 7 writes a cut list as the first names, "…", and the last: a list cut short too.
    et_al = bool(m.group("etal")) or bool(_ETAL_RE.search(work, m.end(), end)) or "…" in block or "..." in block
    return authors, et_al, work[end:].lstrip(_STRIP)


def author_list_end(text: str) -> tuple[int, str] | None:
    """Where the author list that opens a reference ends (its "et al." included), and how
    it is written: "vancouver" ("Ikeda S, Tanaka M") or "apa" ("Zheng, L., & Smith, J. K.");
    None for any other form.  For rewriting an entry's authors in its own style."""
    best = None
    for regex, style in ((_APA_RE, "apa"), (_VANCOUVER_RE, "vancouver")):
        m = regex.match(text)
        if m and _ends_author_list(text, m.end()) and (best is None or m.end() > best[0]):
            best = (m.end(), style)
    if best is None:
        return None
    end, style = best
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end, style


# ". 1985. " after a name: the year that closes a Chicago author-date list.
_CHICAGO_YEAR_RE = re.compile(rf"\.\s(?={_YEAR}[a-z]?\.\s)")
#: how far after where the list pattern stopped the year that closes the list is looked for
_LIST_CLOSE_WINDOW = 300


def _list_close(work: str, end: int) -> tuple[int, int, re.Pattern | None] | None:
    """Where the author list really ends when the list pattern stopped at ``end``, before
    names it cannot read: (end of the names, where the rest starts, the one-name pattern
    for the names past ``end``, or None when the whole list is read again with the list
    pattern's own), or None.

    A parenthesised year ("… Smith, J., D' Agostino, M. (2019).") closes it; so does
    Chicago's ". 1985. " after a list that went on past a comma ("Gregg, J., P. De
    Girolami, and D. Carr Locke. 1985."). What lies between must read as names: not
    running title words, a sentence end, or a volume and pages ("Title. Journal 20,
    2479-2481 (2004)").
    """
    year = _PAREN_YEAR_RE.search(work, end, end + _LIST_CLOSE_WINDOW)
    if year is not None:
        close = (year.start(), year.start(), None)
    else:
        gap = work[end:end + 2].lstrip()
        dot = _CHICAGO_YEAR_RE.search(work, end, end + _LIST_CLOSE_WINDOW) if gap.startswith(",") else None
        if dot is None:
            return None
        close = (dot.start(), dot.end(), _AUTHOR_CHICAGO_ONE)
    between = work[end:close[0]]
    if _TITLE_LIKE_RE.search(between) or _SENTENCE_END_RE.search(between) or _SOURCE_NUMBERS_RE.search(between) \
            or "“" in between or '"' in between or _lower_words(between) >= _TITLE_WORDS_MIN:
        return None  # a title ("quoted" in Chicago: “A Novel Class …” Science 294 (2001)), not names
    return close


#: words in lower case (no particle, "and" or "of") that make the text before a year a title, not names:
#: "Neural circuits of fear memory (2009) BMC Neuroscience" (Scopus); "ASTRA study Group (2008)" is names
_TITLE_WORDS_MIN = 3
_NAME_LOWER_WORDS = frozenset("van von de der den del della di da du la le dos das ter ten al el bin zur and et of the "
                              "for on in".split())


def _lower_words(text: str) -> int:
    """How many words of the text are in lower case, particles aside."""
    words = (w.strip(",.;:") for w in text.split())
    return sum(1 for w in words if w.isalpha() and w.islower() and w not in _NAME_LOWER_WORDS)


# IEEE: "J. Gregg, P. De Girolami, and D. Carr Locke, “Effects of …”": the list ends at the
# comma before the quoted title, and every name opens with its dotted initials. Chicago's notes
# write the names so with given names in full: "Robert C. Whitaker et al., “Predicting …,”".
_IEEE_TITLE_OPENERS = (", “", ', "')
_IEEE_NAME_RE = re.compile(rf"(?P<i>(?:[{_UP}]\.\s?-?)+)\s?(?P<s>[{_UP}{_LOW}][^,]*)")
_GIVEN_NAME = rf"[{_UP}][{_LOW}'’]+(?:-[{_UP}][{_LOW}'’]+)?"
_GIVEN_FIRST_NAME_RE = re.compile(
    rf"(?P<g>{_GIVEN_NAME}(?:\s(?:[{_UP}]\.|{_GIVEN_NAME}))?)\s(?P<s>{_SURNAME}(?:[\s-]{_SURNAME})?)")
# A given name in full, to open a Chicago note's list: "Robert ", "Jean-Pierre ".
_GIVEN_OPENER_RE = re.compile(rf"{_GIVEN_NAME}\s")
_IEEE_SPLIT_RE = re.compile(r",\s(?:and\s)?|\sand\s")
#: the longest author list read this way (characters)
_IEEE_MAX_LIST = 400


def _take_ieee_authors(work: str) -> tuple[tuple[Author, ...], bool, str] | None:
    """An IEEE author list (initials first, closed by ', “') or a Chicago note's (given names
    in full: "Robert C. Whitaker et al., “…"), or None when this is none.

    The list patterns stop at names they cannot read ("Carr Locke", "MØLLER"); here the
    quote says where the list ends, so each comma-separated part only has to open
    with dotted initials, or be a given name, an initial or a second name, and a surname."""
    if not work[:1].isupper() or work[1:2] != "." and _GIVEN_OPENER_RE.match(work) is None:
        return None
    cut = min((i for i in (work.find(o, 0, _IEEE_MAX_LIST) for o in _IEEE_TITLE_OPENERS) if i > 0), default=-1)
    if cut < 0:
        return None
    block = work[:cut]
    et_al = False
    etal = _ETAL_RE.search(block)
    if etal:
        if block[etal.end():].strip(_STRIP):
            return None
        et_al, block = True, block[: etal.start()]
    authors = []
    for part in _IEEE_SPLIT_RE.split(block.strip(_STRIP)):
        part = part.strip()
        m = _IEEE_NAME_RE.fullmatch(part)
        if m is None and (given := _GIVEN_FIRST_NAME_RE.fullmatch(part)) is not None:
            initials = "".join(name[0] for name in given.group("g").replace("-", " ").split())
            authors.append(Author(_clean_surname(given.group("s")), initials))
            continue
        if not m or len(m.group("s").split()) > 4:
            return None
        authors.append(Author(_clean_surname(m.group("s")), _bare_initials(m.group("i"))))
    return tuple(authors), et_al, work[cut + 1:].lstrip()


def _bare_initials(initials: str) -> str:
    """Initials without their dots and spaces: "J. -P." -> "J-P"."""
    return "".join(initials.split()).replace(".", "")


def _authors_in(block: str, splitter: re.Pattern) -> tuple[Author, ...]:
    """The authors ``splitter`` (a one-name pattern with groups s and i, or also s2 and
    i2 for the other name order) finds in ``block``, in order."""
    if splitter is _AUTHOR_CHICAGO_ONE:  # groups s, i, i2, s2
        names = [(g[0] or g[3], g[1] or g[2]) for g in splitter.findall(block)]
    else:
        s, i = _NAME_GROUPS[splitter.pattern]  # (hashing a compiled pattern hashes all its code: µs)
        names = [(g[s], g[i]) for g in splitter.findall(block)]
    # (_clean_surname written out: a list, not a generator, and no call per name.)
    return tuple([Author(surname.strip(_SURNAME_STRIP), initials)
                  if (not initials or initials.isalpha()) and " " not in surname
                  else _author_of_parts(surname, initials) for surname, initials in names])


def _author_of_parts(surname: str, initials: str) -> Author:
    """The author whose surname or initials are of more than one part: initials written with
    stops or spaces ("J. -P." is "J-P"), and a generation, left out wherever it is written
    ("Brown III C", "Brown C III", "Kaelin WG Jr", "Costa, P. T., Jr."), since a record
    and an in-text citation name the author without it."""
    initials = _bare_initials(_without_generation(initials)).rstrip(",")
    return Author(_clean_surname(_without_generation(surname)), initials)


def _without_generation(name: str) -> str:
    """The name without the generation that ends it ("Brown III" -> "Brown", "W G Jr" -> "W G")."""
    words = name.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1].rstrip(".") in _GENERATIONS else name


_YEAR_WORD_RE = re.compile(_YEAR + r"\b")


def _ends_author_list(work: str, end: int) -> bool:
    """True when the author list stops where an author list can stop."""
    last = end  # work[:end].rstrip()[-1:], without copying work[:end]
    while last > 0 and work[last - 1].isspace():
        last -= 1
    if last > 0 and work[last - 1] in ".:":
        return True
    rest = work[end:end + 6].lstrip()
    return rest == "" or rest[0] in ".:,;(\"“'" or _YEAR_WORD_RE.match(rest) is not None


_LONE_SURNAME_YEAR_RE = re.compile(rf"(?P<s>{_SURNAME})(?P<etal>\set\sal\.?)?,\s(?P<year>{_YEAR}[a-z]?\.\s)")


_LOOSE_END_RE = re.compile(r"[\"“]|\(\s?(?:1[6-9]|20)\d\d|(?<![\s.][A-Z])(?<!\b[A-Z][a-z])[.:]\s")
_LOOSE_SPLIT_RE = re.compile(r",?\s(?:and|&)\s|;\s|,\s(?=[A-Z][a-z]+\s[A-Z])")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _take_loose_authors(work: str) -> tuple[tuple[Author, ...], bool, str]:
    """Authors written with full given names, or a group author.

    "Smith, John, and Karen Jones." / "NIMH Trial Group." — the list runs to the
    first quote, parenthesised year, or sentence end that does not follow an
    initial.
    """
    lone = _LONE_SURNAME_YEAR_RE.match(work)
    if lone:
        # "Rohr, 2010. Snoopy ..." (Elsevier-Harvard with a record that has no given names)
        et_al = bool(lone.group("etal"))
        return (Author(_clean_surname(lone.group("s")), ""),), et_al, work[lone.start("year"):]
    m = _LOOSE_END_RE.search(work)
    if not m or m.start() > 200:
        return (), False, work
    if work[m.start()] == ":" and (stop := work.find(". ", m.end(), m.end() + _GROUP_AFTER_COLON_CHARS)) > 0 \
            and ORGANISATION_WORD_RE.search(work, m.end(), stop) and not _TITLE_WORD_RE.search(work, m.end(), stop):
        # A group named with a colon: "Kidney Disease: Improving Global Outcomes (KDIGO) Diabetes
        # Work Group. KDIGO 2020 Clinical Practice Guideline …"
        m = _FIRST_STOP_RE.match(work, stop)
    first_stop = work.find(". ", 0, m.start())
    if first_stop > 0 and _TITLE_WORD_RE.search(work, first_stop, m.start()):
        # "Xu. Infants' metaphysics.": the stop after a short name was taken for an
        # initial's ("Ch."), but what follows it is title text (a word in lower case).
        m = _FIRST_STOP_RE.match(work, first_stop)
    year = _BLOCK_YEAR_RE.search(work, 0, m.start())
    if year:
        # "Klein, Lawrence R. 1988. Components …": the stop after an initial did not end
        # the names, the one after the year did; the year goes with the rest.
        block, rest = work[: year.start()].strip(_STRIP), work[year.start(1):]
    else:
        block = work[: m.start()].strip(_STRIP)
        rest = work[m.start():].lstrip(".: ") if work[m.start()] in ".:" else work[m.start():]
    et_al = bool(_ETAL_RE.search(block))
    block = _ETAL_RE.sub("", block).strip(_STRIP)
    if not block or len(block.split()) > 12 or not block[0].isupper():
        return (), False, work
    if not _names_a_group(block):
        # "Age differences in personality: Evidence from …": a title's words before its
        # subtitle (a word in lower case), not names; "Report of the Task Force on Blood
        # Pressure Control in Children" too, unlike "Canadian Task Force on Preventive Health Care".
        return (), False, work
    # One organisation, "and" included ("Centers for Disease Control and Prevention", "Food Allergy
    # Research & Education": a name of one word after "and" is no person's).
    first = _LOOSE_SPLIT_RE.split(block)
    if "," not in block and ";" not in block and (ORGANISATION_WORD_RE.search(block)
                                                  or len(first) > 1 and " " not in first[-1].strip(_STRIP)):
        first = [block]
    if len(first) > 1 and " " not in first[0].strip() and block.startswith(first[0] + ", ") \
            and _ENDS_WITH_INITIAL_RE.search(first[1]):
        # "Hatsopoulos, George N., Paul R. Krugman": the first author's given names follow
        # the surname after a comma, which the split took for the end of a name.
        first[:2] = [first[0] + ", " + first[1]]
    authors = []
    for part in first:
        part = part.strip(_STRIP)
        if not part:
            continue
        if ORGANISATION_WORD_RE.search(part) or _ORGANISATION_END_RE.search(part):
            surname, given = part, ""  # "American Diabetes Association", "Mayo Clinic", "Macmillan Cancer Support"
        elif vancouver := _LOOSE_VANCOUVER_NAME_RE.fullmatch(part):  # "Woods SP"
            authors.append(Author(_clean_surname(vancouver.group("s")), vancouver.group("i")))
            continue
        elif "," in part:  # "Smith, John"
            surname, given = part.split(",", 1)
        elif len(authors) > 0 or len(part.split()) <= 3:  # "Karen Jones"
            words = part.split()
            surname, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else (part, "")
        else:
            surname, given = part, ""
        authors.append(Author(_clean_surname(surname), _initials_of(given)))
    return tuple(authors), et_al, rest


# A word in lower case that no name holds (particles and "and" aside): title text.
_TITLE_WORD_RE = re.compile(
    r"\s(?!(?:van|von|de|der|den|del|della|di|da|du|la|le|dos|das|ter|ten|al|el|bin|zur|and|et|al)\b)[a-z]{2,}")
_FIRST_STOP_RE = re.compile(r"\.\s")
#: how far after a colon a group author's name may go on ("Kidney Disease: Improving Global Outcomes …")
_GROUP_AFTER_COLON_CHARS = 120
# Given names that end with a middle initial ("George N.", "Paul A").
_ENDS_WITH_INITIAL_RE = re.compile(rf"\s[{_UP}]\.?$")
# A year closing the names read loosely: "Klein, Lawrence R. 1988".
_BLOCK_YEAR_RE = re.compile(rf"\s({_YEAR}[a-z]?)\s*$")
# A name written surname first with its initials, as Vancouver writes it ("Woods SP").
_LOOSE_VANCOUVER_NAME_RE = re.compile(rf"(?P<s>{_SURNAME})\s(?P<i>[{_UP}]{{1,3}})")
# A word that makes a name an organisation's: the whole name is the author (here, and in
# an author-year citation: "(National Sleep Foundation, 2023)").
ORGANISATION_WORD_RE = re.compile(
    r"\b(?:Association|Society|Organi[sz]ation|Institutes?|Clinic|Foundation|Cent(?:er|re)s?|Hospital|University|"
    r"College|Academy|Council|Agency|Administration|Department|Ministry|Committee|Commission|Federation|"
    r"Consortium|Collaboration|Coalition|Alliance|Group|Network|Services?|Office|Board|Trust|Authority|Bureau|"
    r"Task ?[Ff]orce|Working Party|Panel|Investigators|Collaborators)\b")


# Words that end a charity's name, never a person's ("Macmillan Cancer Support", "Carers
# Research"): only where the names are read already (a title may open with "Care of …").
_ORGANISATION_END_RE = re.compile(r"\s(?:Support|Care|Research|Charity|Campaign)$")


def _initials_of(given: str) -> str:
    return "".join(w[0] for w in _WORD_RE.findall(given) if w[0].isupper())


_SURNAME_STRIP = _STRIP + "’'"


def _clean_surname(surname: str) -> str:
    return surname.strip(_SURNAME_STRIP)


def _find_tail(rest: str):
    """The volume/issue/pages group: the match reaching furthest right, longest first."""
    best = None
    digit = _DIGIT_RE.search(rest)
    first_digit = digit.start() if digit else len(rest)
    # Only the patterns whose characters the text holds can match (_TAIL_NEEDS).
    present = (";" in rest, "," in rest, ":" in rest, "(" in rest, "vol." in rest.lower(), ") " in rest)
    for regex, back in _TAILS_FOR[present]:
        # No match starts before the first digit less ``back``: scanning from there
        # gives the same matches (look-behinds still see the text before it).
        for m in regex.finditer(rest, 0 if back is None else max(0, first_digit - back)):
            if not (m.group("volume") or m.groupdict().get("pages")):
                continue
            if m.start() < 8:  # nothing before it could be a title and journal
                continue
            if best is None or (m.end(), -m.start()) > (best.end(), -best.start()):
                best = m
    return best


def _tails_for(present: tuple[bool, ...]) -> tuple[tuple[re.Pattern, int | None], ...]:
    """The tail patterns (with their _TAIL_BACK) that can match a text holding the
    characters ``present`` says it holds, in order: ;  ,  :  (  vol.  and ") "."""
    holds = dict(zip((";", ",", ":", "(", "vol.", ") "), present))
    return tuple((regex, back) for regex, needs, back in zip(_TAIL_RES, _TAIL_NEEDS, _TAIL_BACK)
                 if all(holds[n] for n in needs))


_TAILS_FOR = {present: _tails_for(present) for present in itertools.product((False, True), repeat=6)}


_PAGE_DASH_RE = re.compile(r"\s?-\s?")


def _clean_pages(pages: str | None) -> str | None:
    if not pages:
        return None
    if "-" in pages and len(pages.split(None, 1)) > 1:  # white space around the dash
        pages = _PAGE_DASH_RE.sub("-", pages)
    return _restore_lost_dash(pages)


def _restore_lost_dash(pages: str) -> str:
    """"12591262" -> "1259-1262": PDF extraction often drops the range dash.

    Only for six digits or more, where a single page number is rare, and only
    when the second half reads as a later page than the first.
    """
    if not pages.isdigit() or len(pages) < 6:
        return pages
    half = (len(pages) + 1) // 2
    first, last = pages[:half], pages[half:]
    if int(last) > int(first[-len(last):]):
        return f"{first}-{last}"
    return pages


def _clean_issue(issue: str | None) -> str | None:
    return issue.strip() if issue else None


# Page numbers that read like years: "pp. 1977–81", "1693–705" (MLA prints the year before them).
_PAGE_LIKE_RE = re.compile(r"(?=[p\d])(?:\bpp?\.\s?\S+|\d+\s?-\s?\d+)")


def _any_year(text: str) -> int | None:
    if "p." in text or "-" in text:
        text = _PAGE_LIKE_RE.sub(" ", text)
    years = _YEAR_RE.findall(text)
    return int(years[-1]) if years else None


def _split_title_journal(middle: str, has_tail: bool) -> tuple[str | None, str | None]:
    """Split "Title. Journal" (or "'Title', Journal") into its two parts."""
    if not middle:
        return None, None
    # Only a quote opening the title counts: try the first three positions, not
    # search() over the whole text (quadratic on an entry full of "'"; found by
    # benchmarks/fuzz.py: a 256 KB entry took minutes).
    quoted = None
    for i in range(min(3, len(middle))):
        if middle[i] in _QUOTE_OPENERS:  # what _QUOTED_RE opens with
            # A curly-quoted title closes with ”: it may quote words inside ('“new
            # crown indicator”') or hold an apostrophe ("pharmacists' interventions").
            quoted = (_CURLY_QUOTED_RE.match(middle, i) if middle[i] == "“" else None) or _QUOTED_RE.match(middle, i)
            if quoted:
                break
    if quoted and middle[quoted.end():].lstrip()[:1].islower():
        # The title goes on past the quote that closed it: a quote inside it.
        quoted = _QUOTED_TO_PUNCT_RE.match(middle, quoted.start()) or quoted
    if quoted:
        title = quoted.group(1).strip(_STRIP)
        after = middle[quoted.end():]
        named = _PAREN_JOURNAL_YEAR_RE.match(after)
        if named:  # '"Title" (Chronobiol Int, 2020)', as newsletters name a study
            return title or None, named.group(1).strip()
        journal = _without_in(after).strip(_STRIP + "\"“”'’")
        if not has_tail:
            journal = _bare_journal(journal)
        return title or None, journal or None
    # Harvard / APA with a parenthesised year already taken: "Title, Journal" has no
    # period between them only in Harvard's quoted form, handled above.
    if not has_tail:
        # No volume or pages: a book, a web page, or an article cited without them. The
        # title is the first sentence; what follows is a journal only when it reads as one
        # ("Genome Res. 2007."), never a publisher or a site.
        cuts = [m for m in _BOUNDARY_RE.finditer(middle) if not _is_initial_before(middle, m.start())]
        if not cuts:
            dash = middle.rfind(" - ")
            journal = _bare_journal(middle[dash + 3:]) if dash > 0 else None
            if journal:  # "Title — Glob Chang Biol, 2009", as newsletters name a study
                return _clean_title(middle[:dash]), journal
            return _clean_title(middle), None
        body = _strip_bare_tail(middle)
        listed = _listed_journal_after(body)
        if listed is not None:
            return listed
        ends = [m for m in cuts if m.end() <= len(body)]
        if ends:
            idx = len(ends) - 1
            while idx > 0 and _is_abbrev_segment(body[ends[idx - 1].end(): ends[idx].start() + 1]):
                idx -= 1
            journal = _bare_journal(body[ends[idx].end():])
            if journal:
                return _clean_title(body[: ends[idx].start() + 1]), journal
        return _clean_title(middle[: cuts[0].start() + 1]), None
    # (The cheap tests first: most entries part title and journal with ". ", and then no regex is run.)
    scopus = _TITLE_YEAR_JOURNAL_RE.fullmatch(middle) if ")" in middle and ". " not in middle else None
    if scopus:  # Scopus's export: "Title (1975) Psychological Bulletin, 82 (5), pp. 738-783"
        return _clean_title(scopus.group("title")), _clean_journal(scopus.group("journal"))
    cuts = list(_BOUNDARY_RE.finditer(middle))
    if "(" in middle:
        cuts = _outside_brackets(middle, cuts)
    if not cuts:
        if len(middle) <= _MOST_JOURNAL_ALONE_CHARS and _bare_journal(middle) == middle.strip(_STRIP):
            # No title, a journal alone before the volume: chemistry's styles ("E. Grove, Science, 2001, 294, 1071")
            return None, middle.strip(_STRIP)
        return _clean_title(middle), None
    # Journal = the last sentence, extended left over one-word abbreviated
    # segments ("Nat. Rev. Cancer", "J. Virol. Methods").
    idx = len(cuts) - 1
    if idx > 0 and _is_section_letter(middle[cuts[idx].end():]):
        idx -= 1  # a journal's section: "Journal of Chromatography. A"
    while idx > 0 and _is_abbrev_segment(middle[cuts[idx - 1].end(): cuts[idx].start() + 1]) \
            and not (idx == 1 and middle[: cuts[0].start()].isdigit()):
        # (Not when only a section's number would be left for the title: "6. Glycemic Targets. Diabetes Care")
        idx -= 1
    if idx == 0 and len(middle) <= _MOST_JOURNAL_ALONE_CHARS and is_known_journal(middle.strip(_STRIP)):
        # No title, a journal abbreviated with stops alone: "C. Lin, Free Radic. Biol. Med., 2006, 40, 1466"
        return None, middle.strip(_STRIP)
    title = middle[: cuts[idx].start() + 1]
    journal = middle[cuts[idx].end():]
    scopus = _TITLE_YEAR_JOURNAL_RE.fullmatch(journal) if ")" in journal else None
    if scopus:  # Scopus's export of a title with stops inside: "Title. Its group. (1999) Journal, 45, pp. 677-685"
        return _clean_title(middle[: cuts[idx].end()] + scopus.group("title")), _clean_journal(scopus.group("journal"))
    return _clean_title(title), _clean_journal(journal)


def _listed_journal_after(body: str) -> tuple[str | None, str] | None:
    """(title, journal) when ``body`` ends in a journal's name that the journal list knows and
    that holds stops or punctuation a journal read from its words alone cannot: "… resistance.
    J. Am. Soc. Echocardiogr" (its initials hide the cut before it from the rule that skips
    initials inside a title), "Stroke; a Journal of Cerebral Circulation", "Plant, Cell &
    Environment", "Micron (Oxford, England : 1993)"."""
    for m in _BOUNDARY_RE.finditer(body):
        rest = body[m.end():].strip(_STRIP)
        if len(rest) <= _MOST_JOURNAL_ALONE_CHARS and _LISTED_ONLY_RE.search(rest) and is_known_journal(rest):
            return _clean_title(body[: m.start() + 1]), rest
    return None


#: what a journal's name holds that _bare_journal does not read: a stop inside it, ",", ";", "/", "("
_LISTED_ONLY_RE = re.compile(r"\. |[,;/(]")


# The year between the title and the journal, in parentheses (Scopus).
_TITLE_YEAR_JOURNAL_RE = re.compile(rf"(?P<title>.{{10,}}?)\s\({_YEAR}\)\s(?P<journal>[{_UP}][^()]{{2,120}}+)")
#: the longest text before the volume read as a journal alone, with no title
_MOST_JOURNAL_ALONE_CHARS = 60


def _outside_brackets(text: str, cuts: list[re.Match]) -> list[re.Match]:
    """The sentence ends of ``text`` that no parenthesis holds: "Cerebral Cortex (New York, N.Y. :
    1991)" is one journal's name, not a sentence ending at "N.Y.".  (A parenthesis never closed,
    "… candidates (Ashton K, et al. 2009;5:257-62. Surg Obes Relat Dis", holds nothing.)"""
    return [m for m in cuts if text.count("(", 0, m.start()) <= text.count(")", 0, m.start())
            or ")" not in text[m.end():]]


# A journal and year in parentheses after a quoted title: ' (Chronobiol Int, 2020)'.
_PAREN_JOURNAL_YEAR_RE = re.compile(rf"\s?\(([{_UP}][^(),]{{1,120}}),\s?{_YEAR}\)")
# What follows a title when no volume or pages do: the year in its forms, and notes (an
# article online before its issue: "Advance online publication", "Online ahead of print").
_MONTH_NAME = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
# Possessive throughout, and only ever run over an entry's last characters: "12" repeated
# once took minutes when a run of digits could be split into years and days many ways.
_BARE_TAIL_RE = re.compile(rf"(?:[,;.\s]*+(?:\[[^\]]{{1,30}}+\]|Published online|Epub(?: ahead of print)?+|"
                           r"Advance online publication|(?:Published )?+[Oo]nline ahead of print|Ahead of print|In press|"
                           rf"\({_YEAR}[a-z]?+\)|{_YEAR}[a-z]?+|{_MONTH_NAME}|\d{{1,2}}+))++[\s.;,]*+$")
#: the most characters the year and notes after a title take ("[Preprint]. Published online 2007.")
_BARE_TAIL_WINDOW = 80


def _strip_bare_tail(text: str) -> str:
    """``text`` without the year, date and notes that end it."""
    cut = max(0, len(text) - _BARE_TAIL_WINDOW)
    return text[:cut] + _BARE_TAIL_RE.sub("", text[cut:])
# Never in a journal's name: publishers, links, dates, notes.
_NOT_JOURNAL_RE = re.compile(
    r"\b(?:Press|Publish\w*|Books?|Inc|Ltd|LLC|Verlag|Editions?|eds?|Springer|Wiley|Elsevier|McGraw|"
    r"Lippincott|Saunders|Mosby|Routledge|Retrieved|Accessed|Available|Website|Blog|Chapter|In)\b"
    r"|https?:|www\.|\.(?:com|org|gov|net)\b|\d")
_JOURNAL_MARK_RE = re.compile(r"\b(?:Journal|J|Annals|Ann|Archives|Arch|Proceedings|Proc|Transactions|Trans|"
                              r"Bulletin|Bull|Review|Rev|Letters|Lett)\b")
_JOURNAL_WORD_OK_RE = re.compile(r"(?:[A-Z][\w'’&.-]*|of|and|the|in|for|on|&|de|der|und|et)$")
_TRAILING_PAREN_RE = re.compile(r"\s*\([^()]{1,40}\)\s*$")


def _bare_journal(text: str) -> str | None:
    """``text`` (what follows a title in an entry with no volume or pages) as a journal's
    name when it reads as one: a few capitalised words, abbreviated or not ("Genome Res",
    "The Journal of Pain"); None for a publisher, a site, a report or anything else."""
    text = _strip_bare_tail(text)
    text = _TRAILING_PAREN_RE.sub("", text.split(" : ", 1)[0]).strip(_STRIP)  # "(Oxford, England)", ": the Official Journal of"
    if not text or len(text) > 120 or ":" in text:
        return None
    words = text.split()
    if len(words) > 12 or not words[0][0].isupper() or _NOT_JOURNAL_RE.search(text):
        return None
    if not all(_JOURNAL_WORD_OK_RE.match(w) for w in words):
        return None
    if _JOURNAL_MARK_RE.search(text):
        return text  # "Journal of …", "J Clin Med", "Annals of …": a journal, real or not
    # Otherwise only a journal the NLM list knows ("Genome Res", "Radiology") or a name
    # abbreviated as it abbreviates ("Forensic Sci Int Genet"): "WebMD", "CDC" or "FDA
    # News Release" after a title name a site or an agency.
    return text if is_known_journal(text) or reads_as_abbreviated_journal(text) else None


def _is_section_letter(text: str) -> bool:
    """True for a journal section's letter alone ("A" of "Journal of Chromatography. A"), or with
    the section's name ("Part A, Theory and Practice" of "Clinical and Experimental Hypertension")."""
    text = text.strip(_STRIP)
    return len(text) == 1 and text.isupper() or text.startswith("Part ") and _PART_RE.match(text) is not None


_PART_RE = re.compile(rf"Part [A-Z](?:,\s[{_UP}][\w ,]{{0,60}})?$")


def _is_initial_before(text: str, pos: int) -> bool:
    """True when the "." at ``pos`` closes a single capital (an initial in a title)."""
    return text[pos] == "." and pos >= 1 and text[pos - 1].isupper() and (pos < 2 or not text[pos - 2].isalpha())


_ABBREV_WORD = rf"(?:[{_UP}][\w'-]{{0,11}}|&|of|and|in)"
_ABBREV_SEGMENT_RE = re.compile(rf"{_ABBREV_WORD}(?:\s{_ABBREV_WORD}){{0,3}}\.")


def _is_abbrev_segment(seg: str) -> bool:
    """Up to four short capitalised words ending in "." — a piece of a dotted
    journal abbreviation ("J.", "Mass Spectrom.", "N Y Acad.")."""
    seg = seg.strip()
    return bool(_ABBREV_SEGMENT_RE.fullmatch(seg)) and len(seg.split()[-1]) <= 12


def _clean_title(title: str) -> str | None:
    title = title.strip(" ,;:").rstrip(".").strip()
    title = title.strip("\"“”'’‘").strip()
    if " - " in title or " | " in title or " – " in title:
        title = _without_tab_suffix(title)
    return title or None


# What a browser tab adds to an article's title, copied with it as a link's words ("… - PubMed",
# "… | International Journal of Obesity"): a site's name, or the journal's after a bar (trial 33).
_TAB_SUFFIX_RE = re.compile(r"\s[-–|]\s(?:PubMed|PMC|PubMed Central|Europe PMC|ScienceDirect|SpringerLink|"
                            r"Wiley Online Library|JAMA Network|Google Scholar|ResearchGate)$")
_BAR_SUFFIX_RE = re.compile(r"\s\|\s([^|]{3,120})$")


def _without_tab_suffix(title: str) -> str:
    """The title without a site's or a journal's name a browser tab put after it."""
    title = _TAB_SUFFIX_RE.sub("", title)
    bar = _BAR_SUFFIX_RE.search(title)
    if bar and is_known_journal(bar.group(1).strip()):
        title = title[: bar.start()]
    return title


def _without_in(text: str) -> str:
    """``text`` without the "In:" that opens a book's title."""
    return _IN_BOOK_RE.sub("", text) if _folded(text[:2]) == "in" else text


def _clean_journal(journal: str) -> str | None:
    journal = _without_in(journal.strip()).strip(_STRIP)
    return journal or None


# --- entries in other scripts ---------------------------------------------------
#
# An entry written in Cyrillic, Chinese, Japanese, Korean, Greek, Arabic ... : its numbers are
# ASCII digits in the usual tails (Vancouver "2021;26(7):88-96", GB/T 7714 "2019, 12(3): 1-9",
# GOST "2019. Т. 5, № 2. С. 10-20"), read as in a Latin entry; its names, title and journal
# are read by their punctuation alone.  Matching compares them only with a record in the same
# script (citecheck.matching.verdict).

# GOST 7.1 / 7.0.5: "2019. Т. 5, № 2. С. 10-20", "2019. Vol. 5, no. 2. P. 10-20", "2019. № 2. С. 10-20"
_GOST_TAIL_RE = re.compile(
    rf"(?P<year>{_YEAR})\s?[.,]\s?"
    r"(?:(?:Т|Том|Vol|V)\.?\s?(?P<volume>\d++[A-Za-z]?)\s?[.,]?\s?)?"
    r"(?:(?:№|N|No|Вып|Iss)\.?\s?(?P<issue>[\w-]{1,12}+)\s?[.,]?\s?)?"
    r"(?:С|P|Pp|pp|p|Стр)\.\s?(?P<pages>[A-Za-z]{0,2}\d++[A-Za-z]?(?:\s?-\s?[A-Za-z]{0,2}\d++[A-Za-z]?)?)")
# Upper- and lower-case letters of the cased scripts (Cyrillic, Greek) with the Latin ones.
_UP_ANY = _UP + r"\u0400-\u042F\u0460-\u0480\u048A-\u052E\u0391-\u03A9"
_LOW_ANY = _LOW + r"\u0430-\u045F\u0461-\u0481\u048B-\u052F\u03AC-\u03CE"
_CASED_SURNAME = rf"[{_UP_ANY}][{_LOW_ANY}'’]++(?:-[{_UP_ANY}][{_LOW_ANY}'’]++)?"
_CASED_INITIALS = rf"(?:[{_UP_ANY}][{_LOW_ANY}]?\.\s?-?\s?){{1,3}}|[{_UP_ANY}]{{1,3}}(?![{_LOW_ANY}])"
_CASED_NAME = rf"(?:{_CASED_SURNAME}\s?(?:{_CASED_INITIALS})|(?:{_CASED_INITIALS})\s?{_CASED_SURNAME})"
# "Смирнова М.И., Горбунов В.М., Волков Д.А.", "А.В. Иванов, Б.Г. Петров и др."
_CASED_AUTHORS_RE = re.compile(
    rf"(?P<list>{_CASED_NAME}(?:,\s?{_CASED_NAME})*+)"
    r"(?P<etal>,?\s?(?:и\s?др\.?|и\s?соавт\.?|κ\.\s?ά\.|et\.?\s?al\.?))?")
_CASED_ONE_RE = re.compile(rf"(?P<s>{_CASED_SURNAME})\s?(?P<i>{_CASED_INITIALS})|(?P<i2>{_CASED_INITIALS})\s?(?P<s2>{_CASED_SURNAME})")
# Chinese, Japanese, Korean names: a few letters each, parted by commas ("王明, 李华, 张伟",
# "山田 太郎, 佐藤 花子"), closed by "等" / "他" / "et al" and a full stop or a colon.
_PLAIN_NAME = r"[^\W\d_]{1,6}+(?:\s[^\W\d_]{1,5}+)?"
_PLAIN_AUTHORS_RE = re.compile(
    rf"(?P<list>{_PLAIN_NAME}(?:\s?[,，、]\s?{_PLAIN_NAME})*+)"
    r"(?P<etal>\s?[,，、]?\s?(?:等|他|ほか|외|et\.?\s?al\.?))?(?=\s?[.:])")
# Where a title ends and a journal begins: GOST's "//", a full stop (with or without a space
# after it in CJK text), a question or exclamation mark.
_OTHER_CUT_RE = re.compile(r"\s?//\s?|[.?!](?:\s++|(?=[^\W\d_]))")
_CASED_SCRIPTS = frozenset(("Cyrillic", "Greek"))
#: the longest segment of a dotted abbreviation of a journal's name ("Рос. кардиол. журн.")
_ABBREV_PIECE_MAX = 10


def _parse_other_script(work: str, script: str, mark: str | None) -> dict:
    """Authors, year, title, journal, volume, issue, pages of an entry in ``script`` (not
    Latin), as far as its punctuation tells them; ``mark`` is its GB/T 7714 type mark."""
    fields: dict = {"authors": (), "et_al": False}
    tail = _GOST_TAIL_RE.search(work) or _find_tail(work)
    if tail is not None:
        head = work[: tail.start()]
        groups = tail.groupdict()
        fields["volume"] = groups.get("volume")
        fields["issue"] = _clean_issue(groups.get("issue"))
        fields["pages"] = _clean_pages(groups.get("pages"))
        year = int(groups["year"]) if groups.get("year") else _any_year(work)
    else:
        head, year = work, _any_year(work)
    fields["year"] = year
    head = head.strip(_STRIP)
    if script in _CASED_SCRIPTS:
        m = _CASED_AUTHORS_RE.match(head)
        if m and not _ends_author_list(head, m.end()):
            m = None
        if m:
            fields["authors"] = tuple(
                Author(_clean_surname(g[0] or g[3]), _bare_initials(g[1] or g[2]))
                for g in _CASED_ONE_RE.findall(m.group("list")))
    else:
        m = _PLAIN_AUTHORS_RE.match(head)
        if m:
            names = re.split(r"\s?[,，、]\s?", m.group("list"))
            if len(names[-1]) > 2 and names[-1][-1] in "等他":  # "王明等": et al. written on
                names[-1], fields["et_al"] = names[-1][:-1], True
            fields["authors"] = tuple(Author(name.strip(), "") for name in names)
    if m:
        fields["et_al"] = fields["et_al"] or bool(m.group("etal"))
        head = head[m.end():].lstrip(_STRIP)
    if tail is None:
        head = _strip_bare_tail(head)
    pieces = [p.strip(_STRIP) for p in _OTHER_CUT_RE.split(head)]
    pieces = [p for p in pieces if p]
    title, journal = None, None
    if pieces:
        if len(pieces) == 1 or mark in ("M", "D", "R", "S", "P", "EB/OL"):
            title = pieces[0]
        else:
            # The journal is the last piece, with the dotted abbreviations before it.
            at = len(pieces) - 1
            while at > 1 and len(pieces[at - 1]) <= _ABBREV_PIECE_MAX and " " not in pieces[at - 1]:
                at -= 1
            title, journal = ". ".join(pieces[:at]), ". ".join(pieces[at:])
    fields["title"] = _clean_title(title) if title else None
    fields["journal"] = _clean_journal(journal) if journal else None
    return fields
