"""Find an article's reference list(s) and split them into one entry per reference.

Works on lines of text (plain text, Markdown with its syntax stripped, or the
block elements of an HTML page, each treated as one "line").  Two ways in:

- a heading ("References", "Sources:", "## Bibliography", "**Works Cited**",
  ...) followed by entries, until page furniture (a clinic's contact details, a
  disclaimer), a horizontal rule, a new heading or a line that is no entry after a
  numbered or bulleted list ends the list;
- no heading: a trailing block of lines at the end of the article that each
  look like a reference (authors + year + title, or a DOI), or are numbered in
  one run with such lines;
- a label on a line of its own, outside any list ("Source: Smith J, … 2020;…",
  "Study: …", "Quelle: …"), when what follows it reads as a whole reference.

Headings and page furniture are known in English, German, Spanish, French,
Italian, Portuguese and Dutch; headings ("参考文献", "文献", "Список литературы",
"المراجع") and footers (rights reserved, a disclaimer, a phone number) in Chinese,
Japanese, Korean, Russian and Arabic too.

Conservative on purpose: clinic pages end in "Request an appointment",
"Share this", copyright lines and link lists, and none of those may become a
citation.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container, Iterable

from citecheck.extract.parse import ORGANISATION_WORD_RE, PORTAL_LABELS, parse_reference
from citecheck.matching.journals import is_known_journal

# Words that open a reference list (compared after stripping Markdown marks,
# numbering and a trailing colon, lower-cased).
# German, Spanish, French, Italian, Portuguese and Dutch lists are headed in their
# language ("Literatur", "Referencias bibliográficas", "Références", "Bronnen"); the
# accents are optional (a page may drop them). Only a line that is the heading and
# nothing else matches: "Quellen" alone, never "Quellen zufolge …".
_HEADING_RE = re.compile(
    r"(?:\d{1,2}\.?\s*)?(?:references?(?:\s(?:list|cited|and notes))?|sources?(?:\scited)?|"
    r"bibliography|works\scited|cited\sworks|citations|literature(?:\scited)?|"
    r"further\sreading|notes|end\s?notes|sources\sand\sreferences|"
    r"(?:scientific|research|medical)\s(?:references|sources)|studies\scited|"
    r"(?:key|selected|select)\s(?:references|sources|bibliography|reading)|reading\slist|"
    r"(?:suggested|recommended|additional)\s(?:reading|references|sources)|"
    # German
    r"literatur(?:verzeichnis|angaben|hinweise|liste)?|quellen(?:angaben|verzeichnis|\sund\sliteratur)?|"
    r"(?:verwendete|weiterf(?:ü|ue)hrende|zitierte)\sliteratur|literatur\sund\squellen|"
    # Spanish, Portuguese, Italian
    r"referencias(?:\sbibliogr[aá]ficas)?|bibliograf[ií]a|fuentes|"
    r"refer[eê]ncias(?:\sbibliogr[aá]ficas)?|fontes|riferimenti(?:\sbibliografici)?|fonti|"
    # French
    r"r[ée]f[ée]rences\sbibliographiques|r[ée]f[ée]rences|bibliographie|"
    # Dutch
    r"literatuur(?:lijst)?|referenties|bronnen|bronvermelding|"
    # Chinese, Japanese, Korean, Russian, Arabic ("参考文献", "文献", "Список литературы", "المراجع")
    r"参考文献|文献|引用文献|参考资料|參考資料|참고문헌|"
    r"литература|список\s(?:литературы|источников)|источники|"
    r"المراجع|المصادر)"
)
_HEADING_MARKS = " \t#*_:=>|【】"

# A label in front of a reference on its own line, as newsletters and press releases
# write one: "Source: Smith J, … 2020;…", "Journal reference: …", "Study: …", "Quelle: …".
# (A "Sources:" line alone is a heading.)
_LABEL_RE = re.compile(
    r"(?:(?:journal|original|full)\s)?(?:sources?|references?|citations?|study|paper)\s?:\s+"
    r"|(?:quelle|quellenangabe|fuente|fonte|r[ée]f[ée]rence|referencia|refer[eê]ncia)\s?:\s+",
    re.IGNORECASE,
)

# List markers in front of an entry: "1.", "1)", "[1]", "(1)", "-", "*", "•"; "1．", a full-width
# stop that needs no space after it (text.fold_wide keeps it, and folds "［1］" to "[1]").
# Numbers run to 1799: "(2005)." or "2006." opening a wrapped line is a year, not a number,
# and a list is rarely longer (a 2,000-entry list once stopped at 999 when numbers had 3 digits).
_N = r"(?:1[0-7]\d\d|\d{1,3})"
_MARKER_RE = re.compile(rf"^\s*(?:\[{_N}\]|\({_N}\)(?=\s)|{_N}(?:[.)](?=\s)|．)|[-*•·▪◦‣–—](?=\s))\s*")

# Written so that the regex engine can skip to a candidate's first character (no
# look-behind or \b in front): "(?<!\d)YEAR" as "YEAR(?<!\d....)", "\b10." as "1(?<!\w1)0.".
_YEAR_RE = re.compile(r"(?:1[89]\d\d|20\d\d)(?!\d)(?<!\d....)")
_DOI_RE = re.compile(r"1(?<!\w1)0\.\d{4,9}/\S")
_URL_RE = re.compile(r"https?://|www\.", re.IGNORECASE)
# A link to a DOI or PubMed record: a citation on its own ("Sources:" lists of links).
_SCHOLARLY_LINK_RE = re.compile(
    r"(?:doi\.org/|\bdoi:\s?)10\.\d{4,9}/|pubmed\.ncbi\.nlm\.nih\.gov/\d|ncbi\.nlm\.nih\.gov/(?:pubmed/\d|pmc/articles/PMC\d)"
    r"|\bPMID:?\s?\d{5,9}\b|pmc\.ncbi\.nlm\.nih\.gov/articles/PMC\d",
    re.IGNORECASE)
# An author list opening a line: "Zheng, L.", "Ikeda S,", "van der Berg, A.",
# "Smith, John", "J. Smith" ("World Health Organization" is _GROUP_AUTHOR_RE's).
# Cyrillic capitals count as capitals ("Чазова И.Е., Жернакова Ю.В."): a Russian entry
# reads as one among Latin ones.
_AUTHOR_START_RE = re.compile(
    r"^(?:(?:van|von|de|der|den|del|da|di|du|la|le|dos|ter|zur)\s)*"
    r"[A-Z\u00C0-\u00DE\u0401\u0410-\u042F][\w'’\-]+(?:\s[A-Z\u00C0-\u00DE\u0401\u0410-\u042F][\w'’\-]+)?"
    r"(?:,\s?[A-Z\u00C0-\u00DE\u0401\u0410-\u042F]\.|\s[A-Z\u00C0-\u00DE\u0401\u0410-\u042F]{1,4}[,.:\s]"
    r"|,\s[A-Z\u00C0-\u00DE\u0401\u0410-\u042F][a-z\u0430-\u044F\u0451]+[,\s])"
    r"|^[A-Z]\.\s?(?:[A-Z]\.\s?)?[A-Z][\w'’\-]+,"
    # A surname alone, then the year or a quoted title: "Klein (1988) “…", "Balkom, 1994.",
    # "Rychtaříková. “The Case …" (records without given names, as styles print them).
    r"|^[A-Z\u00C0-\u00DE][\w'’\-]+(?:\set\sal\.?)?(?:,\s|\s\(|\.\s\(?)(?:1[89]|20)\d\d[a-z]?[).,]"
    r"|^[A-Z\u00C0-\u00DE][\w'’\-]+(?:,\s[A-Z][\w'’\-]+)*\.\s[“\"]"
)

# An organisation as author, then its year: "National Sleep Foundation (2023) …",
# "World Health Organization. (2023). …", "U.S. Food and Drug Administration. 2021. …"
# (_AUTHOR_START_RE wants personal names). Capitalised words joined by "of", "for",
# "and", "&", "the", "on", "in", after initials ("U.S.") at most.
_NAME_WORD = r"[A-Z\u00C0-\u00DE][\w'’\-]*+"
# An organisation's name: capitalised words and the small words between them.
_ORGANISATION_NAME = rf"{_NAME_WORD}(?:\s(?:(?:of|for|and|the|on|in|&)\s)*+{_NAME_WORD})*+"
_GROUP_AUTHOR_RE = re.compile(
    rf"(?:(?:[A-Z]\.)++\s)?{_ORGANISATION_NAME}"
    r"(?:\.?\s\((?:(?:1[89]|20)\d\d[a-z]?(?:,\s[^()]*+)?|n\.d\.)\)|\.\s(?:1[89]|20)\d\d[a-z]?\.)"
)

# Page furniture: ends a reference list wherever it appears.
_FURNITURE_RE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b)|all rights reserved|request an? (?:appointment|consultation)|"
    r"book (?:an? |your )?(?:appointment|consultation|now)|schedule (?:an? )?(?:appointment|consultation)|"
    r"contact us|call us|share (?:this|post|on)|^share\b|^follow us|privacy policy|terms of (?:use|service)|"
    r"^read more|^related (?:posts|articles)|^you might also|^recent posts|^previous post|^next post|"
    r"^posted in\b|^tags?:|^categor(?:y|ies):|^subscribe|newsletter|leave a (?:comment|reply)|"
    r"^back to top|^skip to|^(?:home|about|blog|menu|search)$|cookie|^about the authors?\b|^disclaimer\b|"
    r"^written by\b|"
    r"^(?:last (?:reviewed|updated|modified)|(?:medically |clinically )?reviewed by|updated on|page last)\b|"
    # German, Spanish, French, Italian, Portuguese, Dutch footers: legal notice, privacy,
    # rights, "Stand: März 2024" and other "last updated" lines, appointments.
    r"^(?:impressum\b|datenschutz|aviso legal\b|mentions l[ée]gales\b|note legali\b|colofon\b)|"
    r"^stand\b\s?:?\s*(?:\d|januar|februar|m(?:ä|ae)rz|april|mai\b|juni|juli|august|september|oktober|november|"
    r"dezember)|"
    r"^(?:zuletzt (?:aktualisiert|ge(?:ä|ae)ndert|gepr(?:ü|ue)ft)|letzte (?:aktualisierung|(?:ä|ae)nderung)|"
    r"(?:ú|u)ltima (?:actualizaci(?:ó|o)n|revisi(?:ó|o)n|modificaci(?:ó|o)n)|derni(?:è|e)re mise (?:à|a) jour|"
    r"mis (?:à|a) jour le)\b|"
    r"rechte vorbehalten|derechos reservados|droits r(?:é|e)serv(?:é|e)s|diritti riservati|direitos reservados|"
    r"rechten voorbehouden|"
    # (at the start of the line or of a field: a title may be about privacy)
    r"(?:^|[·|•] ?)(?:pol(?:í|i)tica de (?:privacidad|cookies)|politique de confidentialit(?:é|e))|"
    r"^(?:termin (?:vereinbaren|buchen)|(?:pedir|solicitar|reservar) (?:una )?cita|prendre rendez-vous)\b",
    re.IGNORECASE,
)

# A clinic's footer, in a line with no DOI or scholarly link: a phone number
# ("Tel 091 555 0199") or a disclaimer ("… is for information only and is not medical advice").
# Each alternative opens with a word, not \b, so that the search skips to candidates.
_PHONE_OR_DISCLAIMER_RE = re.compile(
    r"(?:tel(?:ephone)?\b\.?:?|phone\b:?|call )\s*+\+?\(?\d[\d ().-]{6,}+|"
    r"not (?:intended as |meant as |to be taken as )?(?:professional |personal )?medical advice|"
    r"for (?:general )?information(?:al)?(?: purposes)? only|"
    r"(?:does|do|is|are) not (?:replace|constitute) (?:the |your )?(?:medical |professional |personal )?advice|"
    r"not (?:intended as |meant as |meant to be |intended to be )?a substitute for (?:professional |medical )*+"
    r"(?:advice|diagnosis|treatment|care)|"
    # "ersetzt keine ärztliche Beratung", "no sustituye la consulta médica",
    # "ne remplace pas l'avis d'un médecin", "non sostituisce il parere del medico"
    r"ersetzt (?:keine|nicht (?:die|den|eine|einen)) "
    r"(?:(?:ä|ae)rztliche|medizinische|pers(?:ö|oe)nliche|professionelle|fach|besuch|gang|rat\b|arzt)|"
    r"(?:no|non|n(?:ã|a)o) (?:sustituye|reemplaza|sostituisce|substitui) (?:a |al |el |la |il |o |un |una |um |uma )?"
    r"(?:consejo|consulta|opini(?:ó|o)n|diagn(?:ó|o)stico|atenci(?:ó|o)n|asesoramiento|parere|consiglio|visita|"
    r"consulenza|aconselhamento|m(?:é|e)dic)|"
    r"ne (?:remplace|se substitue) (?:pas|en aucun cas|aucunement) (?:(?:à|a) )?(?:un |une |l[ae] |l['’])?"
    r"(?:avis|consultation|diagnostic|conseil|m(?:é|e)decin)"
)
# ... or, in a line with no year, DOI or URL either, a street address ("12 Harbour Road,")
# or fields set apart by " | " ("Back on Track Physiotherapy | Galway").
_ADDRESS_OR_FIELDS_RE = re.compile(
    r" \| |\b\d{1,5}[A-Za-z]? (?:[A-Z][a-z'’]*+ ){1,3}(?:Road|Street|Lane|Avenue|Drive)\b(?:,|$)"
)

_LINK_LINE_RE = re.compile(r"^(?:https?://|www\.|doi:\s?10\.|10\.\d{4,9}/)", re.IGNORECASE)
_URL_OR_DOI_RE = re.compile(r"https?://|www\.|\b10\.\d{4,9}/", re.IGNORECASE)

#: an entry with no year, DOI or URL this short is furniture, not a reference
MIN_UNDATED_ENTRY_CHARS = 60
# A line of the links a journal's page puts after each entry, wrapped onto a line of its own
# ("[PubMed]", "Scholar]" of "[Google" + "Scholar]"): the entry's tail. Trial 35: it ended the
# list, and an MDPI paper's entries after it were never read (the run passed).
_LABELS_LINE_RE = re.compile(rf"(?:\[?(?:{PORTAL_LABELS}|Google|Scholar|Green Version|Europe PMC|Web of Science)\]?\s*)+")
#: a heading-free trailing block needs this many reference-like lines
MIN_TRAILING_ENTRIES = 2
#: a reference-like line is at least this long ("Smith J. 2001." is not)
MIN_REFERENCE_CHARS = 30
#: a reference-list heading is never longer than this ("Sources and further reading:")
MAX_HEADING_CHARS = 60


def find_entries(lines: list[str]) -> list[tuple[int, str]]:
    """The reference-list entries in an article's lines.

    Returns (1-based line where the entry starts, entry text) pairs, with
    wrapped lines re-joined and list markers removed.
    """
    return find_entries_in(enumerate(lines, start=1), join_wraps=True)


def find_entries_in(items: Iterable[tuple[int, str]], join_wraps: bool) -> list[tuple[int, str]]:
    """Like find_entries over (line, text) items; ``join_wraps`` False when each
    item is already a whole block (an HTML paragraph or list item)."""
    return find_lists(items, join_wraps)[0]


def find_lists(items: Iterable[tuple[int, str]], join_wraps: bool, list_items: Container[int] = frozenset()
               ) -> tuple[list[tuple[int, str]], set[int], list[int | None]]:
    """The entries of every reference list, the set of lines the lists cover
    (headings, entries and wrapped continuations: no prose is read there), and the
    number each entry is printed with ("3." / "[3]" / "(3)"; None when it has none).

    ``list_items``: the lines that are items of a numbered or bulleted list by the
    document's structure (a Word list paragraph, an HTML <li>), as if marked "1."."""
    items = items if isinstance(items, list) else list(items)
    entries: list[tuple[int, str, int | None]] = []
    covered: set[int] = set()
    i = 0
    found_heading = False
    n_items = len(items)
    while i < n_items:
        text = items[i][1]
        # Cheap pre-filter: a heading is short and has a letter of one of the heading words.
        if len(text) <= MAX_HEADING_CHARS and is_heading(text):
            found_heading = True
            start = i
            block, i = _read_list(items, i + 1, join_wraps, list_items)
            if block:
                covered.update(n for n, _ in items[start:i])
            entries.extend((line, _unlabelled(text), number) for line, text, number in block)
        else:
            i += 1
    if not found_heading or not entries:
        trailing, start = _trailing_block(items, join_wraps, list_items)
        if trailing:
            covered.update(n for n, _ in items[start:])
            entries = trailing
    labelled = _labelled_entries(items, covered, join_wraps)
    if labelled:
        entries = sorted(entries + labelled, key=lambda entry: entry[0])
    return [(line, text) for line, text, _ in entries], covered, [number for _, _, number in entries]


def labelled_reference(text: str) -> str | None:
    """The reference in a line that a label opens ("Source: Smith J, Lee K. Title. Journal.
    2020;12:1-9." gives "Smith J, … 1-9."), or None: no label, or what follows it reads as no
    whole reference ("Source: our clinic's patient survey, 2023.")."""
    text = text.strip()
    m = _label(text)
    if m is None:
        return None
    rest = text[m.end():].strip()
    return rest if _reads_as_whole_reference(rest) else None


def _reads_as_whole_reference(text: str) -> bool:
    """A reference with all its parts, as the parser reads it: authors, a year, a title and a
    journal; or one that opens with its authors and holds a DOI; or a title with its journal
    and year, as newsletters name a study ('"Title" (Chronobiol Int, 2020).', 'Title — Glob
    Chang Biol, 2009')."""
    if _QUOTED_STUDY_RE.match(text):
        citation = parse_reference(text, 0)
        return bool(citation.title and citation.journal and citation.year)
    if not (looks_like_reference(text) or _opens_with_group_author(text)):
        return False
    citation = parse_reference(text, 0)
    if citation.doi:
        return bool(_AUTHOR_START_RE.match(text) or _GROUP_AUTHOR_RE.match(text))
    return bool(citation.authors and citation.year and citation.title and citation.journal)


# '"Title" (Journal, 2020)': a quoted title of some length, then its journal and year; or
# 'Title — Journal, 2009'.
_QUOTED_STUDY_RE = re.compile(r"[\"“][^\"“”]{20,400}[\"”]\s?\([A-Z][^(),]{1,120},\s?(?:19|20)\d\d\)"
                              r"|[A-Z][^—–]{20,400}\s[—–-]\s[A-Z][^,—–]{1,120},\s?(?:19|20)\d\d\.?$")


#: the longest label ("Journal reference: ", "Quellenangabe: ") a colon closes
_LABEL_CHARS = 24


def _label(text: str) -> re.Match | None:
    """``_LABEL_RE.match(text)``, quickly: no label without a colon in its first characters."""
    return _LABEL_RE.match(text) if ":" in text[:_LABEL_CHARS] else None


def _unlabelled(text: str) -> str:
    """A list entry without the label in front of it ("Source: …"), when it has one."""
    rest = labelled_reference(text) if _label(text) else None
    return text if rest is None else rest


#: a labelled reference wrapped over lines is read over this many lines at most
MAX_LABELLED_LINES = 4


def _labelled_entries(items: list[tuple[int, str]], covered: set[int], join_wraps: bool
                      ) -> list[tuple[int, str, int | None]]:
    """The labelled references ("Source: Smith J, … 2020;…") outside the lists found, each
    on the line of its label, its text without the label (wrapped lines re-joined when
    ``join_wraps``); their lines are added to ``covered``."""
    out: list[tuple[int, str, int | None]] = []
    n_items = len(items)
    for i, (line, raw) in enumerate(items):
        text = raw.strip()
        m = _label(text)
        if m is None or line in covered:
            continue
        fragments = [text[m.end():].strip()]
        j = i + 1
        while True:
            joined = _join(fragments)
            if not joined.endswith(("-", ",", ";", ":", "/")) and _reads_as_whole_reference(joined):
                out.append((line, joined, None))
                covered.update(items[k][0] for k in range(i, j))
                break
            if not join_wraps or j >= n_items or len(fragments) >= MAX_LABELLED_LINES:
                break
            following = items[j][1].strip()
            if not following or items[j][0] in covered or _label(following) or is_furniture(following):
                break
            fragments.append(following)
            j += 1
    return out


def is_heading(text: str) -> bool:
    """True when a line is a reference-list heading ("References:", "## Sources")."""
    if len(text) > MAX_HEADING_CHARS:
        return False
    core = text.strip(_HEADING_MARKS).strip().lower()
    if not core.isascii():
        core = unicodedata.normalize("NFC", core)  # "Re\u0301fe\u0301rences" from a PDF
    return bool(_HEADING_RE.fullmatch(core))


# Cheap pre-filter for _FURNITURE_RE (issue 4 target: 5 MB/s): a line can only be
# furniture when it opens with one of these or holds one of the substrings.
_FURNITURE_STARTS = ("©", "(c)", "copyright", "share", "follow us", "read more", "related", "you might",
                     "recent posts", "previous post", "next post", "posted in", "tag", "categor", "subscribe",
                     "back to top", "skip to", "home", "about", "blog", "menu", "search", "last ", "medically ",
                     "clinically ", "reviewed by", "updated on", "page last", "disclaimer", "written by",
                     "impressum", "datenschutz", "aviso legal", "mentions l", "note legali", "colofon", "stand",
                     "zuletzt ", "letzte ", "última ", "ultima ", "dernière ", "derniere ", "mis à", "mis a",
                     "termin ", "pedir ", "solicitar ", "reservar ", "prendre rendez")
_FURNITURE_PARTS = ("rights reserved", "request a", "book ", "schedule a", "contact us", "call us", "share ",
                    "privacy policy", "terms of", "newsletter", "leave a", "cookie", "rechte vorbehalten",
                    "derechos reservados", "droits r", "diritti riservati", "direitos reservados",
                    "rechten voorbehouden", "tica de ", "politique de confidentialit")
# The same for _PHONE_OR_DISCLAIMER_RE and _ADDRESS_OR_FIELDS_RE: a line (lower-cased)
# can only match one when it holds one of these.
_CONTACT_PARTS = ("tel", "phone", "call ", "advice", "only", "substitute", " | ", "road", "street", "lane", "avenue",
                  "drive", "ersetzt ", "sustituye", "reemplaza", "sostituisce", "substitui", "remplace", "substitue")


def is_furniture(text: str) -> bool:
    """True for page furniture: footers, calls to action, share/contact lines, a clinic's
    address or phone number, a disclaimer."""
    return _is_site_furniture(text) or _is_contact_or_disclaimer(text)


def _is_site_furniture(text: str) -> bool:
    """True for the furniture of a site's pages: copyright lines, calls to action,
    share/contact/review lines."""
    low = text.strip().lower()
    if not low.isascii() and len(low) <= _FOREIGN_FURNITURE_MAX_CHARS and _OTHER_SCRIPT_RE.search(low) \
            and _FOREIGN_FURNITURE_RE.search(low):
        return True
    if not (low.startswith(_FURNITURE_STARTS) or any(map(low.__contains__, _FURNITURE_PARTS))):
        return False
    return bool(_FURNITURE_RE.search(low))


# Footers in Chinese, Japanese, Korean, Russian and Arabic (searched in a line that is not
# ASCII, lower-cased): rights reserved ("版权所有", "無断転載", "Все права защищены",
# "جميع الحقوق محفوظة"), privacy, a disclaimer ("不能替代医生的诊断", "診療の代わりにはなりません",
# "не заменяет консультацию врача", "لا تغني عن استشارة الطبيب") or a phone number after its word
# ("电话：021-5550-0142", "Тел. +7 (495) 555-01-42", "هاتف").
# A letter of those scripts: the cheap test before _FOREIGN_FURNITURE_RE (a line with a dash or a
# quote is not ASCII either).
#: the longest line read for those footers (a footer is a line, not a paragraph of prose)
_FOREIGN_FURNITURE_MAX_CHARS = 300
_OTHER_SCRIPT_RE = re.compile("[\u0400-\u04ff\u0600-\u06ff\u3040-\u9fff\uac00-\ud7af]")
_FOREIGN_FURNITURE_RE = re.compile(
    r"版权所有|版權所有|著作権|無断(?:転載|複製)|未经许可|저작권|무단\s?전재|все права защищены|"
    r"جميع الحقوق محفوظة|حقوق (?:الطبع|النشر)|"
    r"隐私政策|隱私政策|プライバシーポリシー|개인정보\s?처리방침|политика конфиденциальности|سياسة الخصوصية|"
    r"不能(?:替代|代替)|不可(?:替代|代替)|代わりにはなりません|代わりとなるものではありません|"
    r"代わりになるものではありません|대신할 수 없|не заменяет|не является (?:медицинской )?консультаци|"
    r"لا (?:تغني|يغني) عن|لا (?:تحل|يحل) محل|"
    r"(?:电话|電話|전화|тел\.?|телефон|هاتف)\s*+[:：]?\s*+\+?\(?\d[\d ().-]{6,}+"
)


def _is_contact_or_disclaimer(text: str) -> bool:
    """True for a clinic's address, phone number or fields set apart by " | ", or a
    disclaimer: no reference holds them."""
    text = text.strip()
    low = text.lower()
    if not any(map(low.__contains__, _CONTACT_PARTS)):
        return False
    if _PHONE_OR_DISCLAIMER_RE.search(low) is None and (
            _ADDRESS_OR_FIELDS_RE.search(text) is None or _YEAR_RE.search(text) or has_url(text)):
        return False
    return not (_DOI_RE.search(text) or _SCHOLARLY_LINK_RE.search(text))


_RULE_MARKS = "-*_=~–—─━ "


def is_rule(text: str) -> bool:
    """True for a horizontal rule: "---", "* * *", "________", "=====" (three marks or more)."""
    return text[:1] in _RULE_MARKS and not text.strip(_RULE_MARKS) and len(text.replace(" ", "")) >= 3


def looks_like_reference(text: str) -> bool:
    """A line that reads like a reference on its own: a DOI, or authors + year + more."""
    text = _MARKER_RE.sub("", text.strip())
    if _DOI_RE.search(text) or _SCHOLARLY_LINK_RE.search(text):
        return True
    return (
        len(text) >= MIN_REFERENCE_CHARS
        and bool(_YEAR_RE.search(text))
        and bool(_AUTHOR_START_RE.match(text))
        and text.count(".") + text.count(",") >= 2
    )


_NUMBER_RE = re.compile(r"^\s*[\[(]?(\d+)")


def _as_next_number(text: str, number: int | None) -> tuple[str, int | None]:
    """A line that opens with the list's next number, its marker made short enough to be seen.

    Past 1799 a number could be a year, so "2019." alone never opens an entry; it does when
    the entry before was numbered 2018 ("1800. Smith J…" after "1799. …").
    """
    if number is None or number < 1799:
        return text, None
    expected = str(number + 1)
    for opening, closing in (("", "."), ("", ")"), ("[", "]"), ("(", ")")):
        marker = f"{opening}{expected}{closing}"
        if text.startswith(marker) and text[len(marker):len(marker) + 1].isspace():
            return "1." + text[len(marker):], number + 1
    return text, None


def _number_of(text: str, marker: re.Match | None) -> int | None:
    """The number of a line whose list marker (``_MARKER_RE.match(text)``) is ``marker``."""
    m = marker and _NUMBER_RE.match(text)
    return int(m.group(1)) if m else None


def _without_marker(text: str, marker: re.Match | None) -> str:
    """``_MARKER_RE.sub("", text)`` given the marker match (the pattern is anchored)."""
    return text[marker.end():] if marker else text


def _read_list(items: list[tuple[int, str]], i: int, join_wraps: bool, list_items: Container[int] = frozenset()
               ) -> tuple[list[tuple[int, str, int | None]], int]:
    """(line, text, printed number) of the entries from items[i:] until furniture, a new
    heading, a horizontal rule or a non-entry line."""
    entries: list[tuple[int, str, int | None]] = []
    current: list | None = None  # [line, [fragments], list is numbered/bulleted, printed number]
    list_marked: bool | None = None
    number: int | None = None  # the number of the entry being read, in a numbered list
    blank_run = 0
    while i < len(items):
        line_no, raw = items[i]
        text, next_number = _as_next_number(raw.strip(), number)
        if not text:
            blank_run += 1
            current = _close(current, entries)
            i += 1
            continue
        if (len(text) <= MAX_HEADING_CHARS and is_heading(text)) or _is_site_furniture(text):
            break
        if number is not None and _is_page_furniture(text, number) \
                and not (join_wraps and current and text.isdigit() and _broken_link(current[1][-1])):
            i += 1
            continue  # a page's running foot or number, pasted from a PDF with the list around it
        if is_rule(text):
            if current is not None or entries:
                break  # a rule after the entries: the page goes on with something else
            i += 1
            continue  # the heading's underline ("References" over "----------")
        if current is not None and text[-1:] == "]" and _LABELS_LINE_RE.fullmatch(text):
            if join_wraps:
                current[1].append(text)
            i += 1
            continue
        marker = _MARKER_RE.match(text)
        marked = marker is not None or line_no in list_items
        # (A long line never ends the list: the length is the quick test.)
        if not marked and len(text) < MIN_UNDATED_ENTRY_CHARS and _ends_list(text) \
                and not _continues(current, join_wraps) and not (current and _link_tail(current[1][-1], text)) \
                and not (join_wraps and current and _link_goes_on(current[1][-1], text)):
            break
        # A numbered or bulleted list ends at an unmarked line that is no part of an item
        # (it follows a blank line unindented, or each item is a whole block) and reads as
        # no entry: a clinic's address, a closing note.
        if not marked and list_marked and (current is None or not join_wraps) and not raw[:1].isspace() \
                and not _reads_as_entry(text):
            break
        starts_entry = _starts_entry(text, current, join_wraps, marked)
        # Contact details or a disclaimer end the list too. Neither is a list item, nor a line
        # that opened an entry by reading like one (authors, a year): those, most lines, are
        # not tested.
        if not marked and (current is None or not join_wraps or not starts_entry) \
                and _is_contact_or_disclaimer(text):
            break
        if current is None or starts_entry or not join_wraps:
            current = _close(current, entries)
            if list_marked is None:
                list_marked = marked  # the first entry says how the list is written
            number = next_number or _number_of(text, marker)
            current = [line_no, [_without_marker(text, marker)], list_marked, number]
        else:
            current[1].append(text)
        blank_run = 0
        i += 1
    _close(current, entries)
    # Drop short undated leftovers ("Click here", a stray caption).
    # ... and a chat answer's sign-off ("Let me know if you'd like …!").
    kept = [entry for entry in entries if _is_entry(entry[1]) and not is_sign_off(entry[1])]
    return kept, i


def _starts_entry(text: str, current: list | None, join_wraps: bool, marked: bool) -> bool:
    """Does this line open a new entry, or continue the one being read?  ``marked``:
    the line is a list item (has a list marker, or is one by the document's structure)."""
    if current is None or not join_wraps or marked:
        return True
    if current[2]:
        return False  # a numbered or bulleted list: only a marker opens an entry
    if _LINK_LINE_RE.match(text):
        # A DOI or link wrapped onto a line of its own closes the entry above it,
        # unless that entry already has one (a "Sources:" list of bare links).
        return bool(_URL_OR_DOI_RE.search(" ".join(current[1])))
    # A line that merely holds a DOI ("…Pain. 2019;20:1-9. doi:10…") is a wrapped
    # tail; only a line that opens like a reference (authors, then a year) starts one,
    # and only after a line that could end an entry.
    if not _closed(current):
        return False
    if _opens_like_reference(text) or _GROUP_AUTHOR_RE.match(text):
        return True
    if _opens_with_organisation(text) and _YEAR_RE.search(" ".join(current[1])):
        return True  # "World Health Organization. Report of …; 2016." after a whole entry
    if _label(text) and labelled_reference(text) is not None:
        return True  # "Source: Smith J, …" under "Sources:"
    # MLA and others put the year last: authors alone open the entry when the one
    # above is complete (has its year).
    return bool(_AUTHOR_START_RE.match(text)) and bool(_YEAR_RE.search(" ".join(current[1])))


_OPEN_END_RE = re.compile(r"(?:https?://\S+|\b10\.\d{4,9}/\S+|\d)$")


def _closed(current: list) -> bool:
    """True when the entry being read could end here (not mid-word, mid-list or mid-clause)."""
    last = current[1][-1].rstrip()
    if len(current[1]) > 1 and " " not in last:
        last = _join(current[1][-2:])  # the tail of a link: "…/j.1440-" + "1746.2006.04559.x"
    if last.endswith((".", ")", "]", "”", '"', "’")):
        return True
    # A match of _OPEN_END_RE lies in the line's last word: the search starts there
    # (\b still sees the character before it).
    last_word = last.rsplit(None, 1)[-1] if last else ""
    return _OPEN_END_RE.search(last, len(last) - len(last_word)) is not None


def _opens_like_reference(text: str) -> bool:
    return (len(text) >= MIN_REFERENCE_CHARS and text.count(".") + text.count(",") >= 2
            and bool(_AUTHOR_START_RE.match(text)) and bool(_YEAR_RE.search(text)))


def _continues(current: list | None, join_wraps: bool) -> bool:
    """True when the entry being read cannot have ended: its last line breaks
    mid-word or mid-clause, or it has no year yet (a wrapped first line)."""
    if not join_wraps or current is None:
        return False
    last = current[1][-1].rstrip()
    if last.endswith(("-", ",", ":", ";", "/")) or not _YEAR_RE.search(" ".join(current[1])):
        return True
    # Narrow columns (a two-column PDF's 45 characters) wrap an entry after its year or in its
    # title: "Hartvigsen, J., & Hancock, M. J. (2018). What" + "low back pain is and why …",
    # "Rubinstein, S. M., & de Zoete, A. (2019)." + "Benefits and harms of …" (trial 40).
    return not _closed(current) or _ENDS_WITH_YEAR_RE.search(last) is not None


# An APA entry's authors and year, the title still to come: "… & de Zoete, A. (2019)."
_ENDS_WITH_YEAR_RE = re.compile(r"\((?:19|20)\d\d[a-z]?\)\.$")


def _close(current: list | None, entries: list[tuple[int, str, int | None]]) -> None:
    if current is not None:
        entries.append((current[0], _join(current[1]), current[3]))
    return None


# A note that repeats the one above: "Ibid.", "Ibid., p. 125.", "Id. at 5.", "Op. cit."
_REPEAT_NOTE_RE = re.compile(r"(?:ibid(?:em)?\.?|id\.|(?:op|loc)\.\s?cit\.?)(?:,?\s[^\n]{0,60})?", re.IGNORECASE)


def is_repeat_note(text: str) -> bool:
    """True for a note that cites the source of the note above ("Ibid., p. 125."): it keeps
    its place in the list, so that the notes after it keep their numbers."""
    return text[:1] in "IiOoLl" and _REPEAT_NOTE_RE.fullmatch(text.strip()) is not None


def has_url(text: str) -> bool:
    """``_URL_RE.search(text)`` as a bool: the lower-cased text holds "http://", "https://"
    or "www.", or the regex finds one spelt with "ſ" (the one character IGNORECASE takes
    for one of h, t, p, s or w beyond the letter's two cases)."""
    low = text.lower()
    if "http://" in low or "https://" in low or "www." in low:
        return True
    return "\u017f" in text and _URL_RE.search(text) is not None


def _is_entry(text: str) -> bool:
    if len(text) >= MIN_UNDATED_ENTRY_CHARS or is_repeat_note(text):
        return True
    return bool(_YEAR_RE.search(text) or _DOI_RE.search(text) or has_url(text))


# What a PDF's page margin holds, pasted as text between a list's entries: a running head or
# foot with the page number set at the margin after a wide gap ("J Clin Med Pract
# 2024;12:1-9            7"), a page number alone, "Page 7 of 12", "7/12", a journal site's
# download stamp ("Downloaded from https://… by guest on 3 May 2024").
_PAGE_FURNITURE_RE = re.compile(
    r"\S.{0,120}?\s{3,}\d{1,4}|\d{1,4}|(?:Page|p\.)\s?\d{1,4}(?:\s?(?:of|/)\s?\d{1,4})?|\d{1,4}\s?(?:of|/)\s?\d{1,4}"
    r"|Downloaded\sfrom\s\S+(?:\s(?:by|on|at)\s.{0,80})?",
    re.IGNORECASE)


def _is_page_furniture(text: str, number: int) -> bool:
    """A page's margin text between the entries of a numbered list (``number``: the entry
    read last); not the next entry's number alone on its line."""
    if len(text) > 160 or not (text[-1].isdigit() or text[:10].lower() == "downloaded"):
        return False  # (a quick test: every form but the download stamp ends in a digit)
    return _PAGE_FURNITURE_RE.fullmatch(text) is not None and text != str(number + 1)


def _ends_list(text: str) -> bool:
    """A short line with no year, DOI or URL and no sentence end: a new section
    title or a navigation link, not a reference."""
    stripped = _without_marker(text, _MARKER_RE.match(text))
    if len(stripped) >= MIN_UNDATED_ENTRY_CHARS or stripped.endswith((".", ",")):
        return False
    return not (_YEAR_RE.search(text) or _DOI_RE.search(text) or has_url(text))


def _join(fragments: list[str]) -> str:
    """Re-join wrapped lines; a hyphen at a line end joins a split word, unless the word
    holds a hyphen already ("Interferon-alpha-" + "related" is a compound going on)."""
    out = fragments[0]
    for frag in fragments[1:]:
        if out.endswith("-") and out[-2:-1].isalpha() and frag[:1].islower() \
                and "-" not in out[out.rfind(" ") + 1:-1]:
            out = out[:-1] + frag  # "fibro-" + "myalgia"
        elif out.endswith(("-", "/")) or _in_link(out) or _link_tail(out, frag):
            out = out + frag  # "10.1000/" + "abc", "low-" + "Dose", "…1746.2006." + "04559.x"
        else:
            out = out + " " + frag
    return out


def _in_link(text: str) -> bool:
    """True when the text ends inside a URL or DOI that a line break split."""
    last = text.rsplit(" ", 1)[-1]
    return ("://" in last or last.startswith("10.")) and not last.endswith((".", ","))


#: the longest rest of a link a line break left on a line of its own
_LINK_REST_MAX_CHARS = 40


def _broken_link(text: str) -> bool:
    """True when the text ends in a DOI or URL broken at "-" or "/" ("doi:10.1210/en.2006-"): the
    number on the next line is its tail (trial 35), no page number."""
    last = text.rsplit(" ", 1)[-1]
    return text.endswith(("-", "/")) and ("://" in last or "10." in last)


def _link_goes_on(text: str, frag: str) -> bool:
    """True when ``frag`` is the rest of a link that ``text`` ends in, broken anywhere by a
    PDF's line wrap ("…/impacts-of-cancer/work-and-canc" + "er"): one short word, opening in
    lower case, a digit or a link's punctuation, after a link not closed by a stop."""
    return _in_link(text) and len(frag) <= _LINK_REST_MAX_CHARS and " " not in frag \
        and (frag[0].islower() or frag[0].isdigit() or frag[0] in "/-_.?=&#%~")


# The rest of a link or DOI broken after a dot: one word with a digit ("04559.x").
_LINK_TAIL_RE = re.compile(r"(?:[^\W\d]|[.\-/()])*+\d[\w.\-/()]*+")


def _link_tail(text: str, frag: str) -> bool:
    """True when ``frag`` is the rest of a link or DOI that ``text`` ends in, broken after a dot."""
    if not text.endswith(".") or _LINK_TAIL_RE.fullmatch(frag) is None:
        return False
    last = text.rsplit(" ", 1)[-1]
    return "://" in last or last.startswith(("10.", "doi:10.", "DOI:10."))


def _trailing_block(items: list[tuple[int, str]], join_wraps: bool, list_items: Container[int] = frozenset()
                    ) -> tuple[list[tuple[int, str, int | None]], int]:
    """Reference-like lines that end the article (after skipping trailing furniture and a
    closing sign-off), and the index of the block's first item."""
    end = len(items)
    while end > 0 and (not items[end - 1][1].strip() or is_furniture(items[end - 1][1])
                       or (_ends_list(items[end - 1][1].strip()) and not looks_like_reference(items[end - 1][1]))
                       or is_sign_off(items[end - 1][1].strip())):
        end -= 1
    start = end
    below: int | None = None  # the number of the entry below, when it is numbered
    while start > 0:
        text = items[start - 1][1].strip()
        if text:
            if _opens_trailing_entry(text):
                below = _number_of(text, _MARKER_RE.match(text))
            elif (number := _numbered_in_run(items, start - 1, end, below)) is not None:
                below = number
            elif not text.isascii() and _foreign_item_in_run(items, start - 1, end, list_items):
                below = None
            else:
                break
        start -= 1
    block = []
    for n, t in items[start:end]:
        t = t.strip()
        if t:
            marker = _MARKER_RE.match(t)
            block.append((n, _without_marker(t, marker), _number_of(t, marker)))
    return (block, start) if len(block) >= MIN_TRAILING_ENTRIES else ([], end)


def _numbered_in_run(items: list[tuple[int, str]], k: int, end: int, below: int | None) -> int | None:
    """The number of items[k] when it is an entry of a numbered list by its place, though it
    opens with no author the way _opens_trailing_entry wants ("2. Desai. When are children
    …", a surname without initials): its number is one less than the entry's below it, or
    one more than that of the line above it, which opens an entry. It reads like a reference
    still (a year, two full stops, long). None otherwise."""
    text = items[k][1].strip()
    marker = _MARKER_RE.match(text)
    number = _number_of(text, marker)
    if number is None:
        return None
    rest = _without_marker(text, marker)
    if not (rest[:1].isupper() and len(rest) >= MIN_UNDATED_ENTRY_CHARS and rest.count(".") >= 2
            and _YEAR_RE.search(rest) or not rest.isascii() and _reads_as_foreign_entry(rest)) or is_furniture(rest):
        return None
    if below is not None and number == below - 1:
        return number
    if below is None and k + 1 < end:
        return None  # the entry below has no number: no run to join
    # The last line of the block: numbered one after the entry above it.
    j = k - 1
    while j >= 0 and not items[j][1].strip():
        j -= 1
    above = items[j][1].strip() if j >= 0 else ""
    if above and _opens_trailing_entry(above) and _number_of(above, _MARKER_RE.match(above)) == number - 1:
        return number
    return None


def _reads_as_foreign_entry(text: str) -> bool:
    """A line in a script the author patterns do not know (Chinese, Japanese, Arabic ...)
    that reads as a reference still: a year, two stops or commas, and some length ("王明, 李华.
    社区高血压患者自我管理干预效果评价[J]. 中华全科医师杂志, 2019, 18(5): 421-425.")."""
    return (len(text) >= MIN_REFERENCE_CHARS and text.count(".") + text.count(",") >= 2
            and _YEAR_RE.search(text) is not None and not is_furniture(text))


def _foreign_item_in_run(items: list[tuple[int, str]], k: int, end: int, list_items: Container[int]) -> bool:
    """True when items[k], a line that is not ASCII, is an item of the list (an HTML <li>, a
    Word list paragraph) that the entries below it are items of, and reads as a reference
    ("Чазова И.Е. … Кардиология. 2014;54(10):4–12." among Latin entries): one entry the
    author patterns cannot read does not end the list above it."""
    if items[k][0] not in list_items or k + 1 >= end or items[k + 1][0] not in list_items:
        return False
    return _reads_as_foreign_entry(items[k][1].strip())


_DIGIT_RE = re.compile(r"\d")
# A closing line addressed to the reader, as chat answers end: "Let me know if you'd like …!",
# "I hope this helps.", "Feel free to ask …".
_SIGN_OFF_RE = re.compile(r"(?:let me know|i hope|hope this|feel free|if you(?:'d|’d| would) like|"
                          r"would you like|happy to help|i can also)\b", re.IGNORECASE)


def is_sign_off(text: str) -> bool:
    """True for a closing line that is no reference: no digit (no year, journal volume or
    DOI), and it ends in "!" or speaks to the reader ("Let me know if you'd like a version
    formatted for a patient handout!")."""
    core = text.strip(" *_")
    if not core or core[-1] != "!" and (core[0] not in "LlIiHhFfWw" or _SIGN_OFF_RE.match(core) is None):
        return False  # (the quick test first: most lines open and end otherwise)
    return _DIGIT_RE.search(core) is None


def _opens_trailing_entry(text: str) -> bool:
    """A line of a list with no heading: one that opens with its link or DOI, or with authors
    (and holds a DOI, or a year and more), or with an organisation and its year (and more).
    Prose that merely holds a DOI link ("A 2019 study showed … (https://doi.org/…)") is no
    entry: its links are link citations."""
    text = _MARKER_RE.sub("", text)
    if _LINK_LINE_RE.match(text):
        return True
    return (bool(_AUTHOR_START_RE.match(text)) and looks_like_reference(text)) or _opens_with_group_author(text)


#: the longest organisation's name that opens an entry ("Centers for Disease Control and Prevention")
_MOST_ORGANISATION_CHARS = 120


def _opens_with_organisation(text: str) -> bool:
    """A line that opens with an organisation's name, as Vancouver writes an organisation as author
    ("World Health Organization. Report of the commission …. Geneva: WHO; 2016."), and then goes on
    to a year: capitalised words with an organisation's word among them, no journal's name ("Journal
    of the American Heart Association." opens a wrapped line of an entry)."""
    stop = text.find(". ", 0, _MOST_ORGANISATION_CHARS)
    if stop <= 0 or len(text) < MIN_REFERENCE_CHARS or not _YEAR_RE.search(text, stop):
        return False
    name = text[:stop]
    return (ORGANISATION_WORD_RE.search(name) is not None and _ORGANISATION_NAME_RE.fullmatch(name) is not None
            and not is_known_journal(name))


_ORGANISATION_NAME_RE = re.compile(_ORGANISATION_NAME)


def _opens_with_group_author(text: str) -> bool:
    """A line that opens with an organisation and its year, and goes on like a reference."""
    return (len(text) >= MIN_REFERENCE_CHARS and text.count(".") + text.count(",") >= 2
            and _GROUP_AUTHOR_RE.match(text) is not None)


def _reads_as_entry(text: str) -> bool:
    """A line that reads as a reference of its own, wherever it stands: one that opens a
    list without heading, reads like a reference (a DOI; authors, a year and more), or
    holds a web address (a cited web page)."""
    return _opens_trailing_entry(text) or looks_like_reference(text) or has_url(text)


def is_reference_note(text: str) -> bool:
    """A footnote or endnote that cites something (a DOI, a scholarly link, or
    authors + year + title) rather than commenting on the text."""
    text = text.strip()
    return bool(looks_like_reference(text) or _SCHOLARLY_LINK_RE.search(text)
                or (_YEAR_RE.search(text) and len(text) >= MIN_UNDATED_ENTRY_CHARS and text.count(".") >= 2))
