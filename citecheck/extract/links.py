"""Links as citations (issue 4 point 3).

A clinic page often cites by linking: "a [2019 trial in Pain](https://doi.org/…)
found …", or a bare PubMed address in a sentence.  Each such link outside the
reference list is a citation of its own (``kind="link"``): the checker looks
its DOI up, and ``link_fits`` says whether the linked work is what the words
around the link claim it is (journal, year, topic).
"""

from __future__ import annotations

import re
import unicodedata

from citecheck.extract.parse import _doi_of_link, find_doi, normalise_doi
from citecheck.models import Citation, FieldCheck, FieldStatus, Work

# A DOI in a link: doi.org/10.x/…, or a publisher page that carries it in its path
# (".../doi/10.1097/…", ".../doi/full/10.1002/…", "…/article/10.1186/…").
# (Old SICI DOIs hold a part in angle brackets, "10.1352/0895-8017(2001)106<0073:LCOBAE>2.0.CO;2":
# a "<…>" is read as part of the DOI, a lone ">" as the end of a "<https://…>" link.)
_SICI_PART = r"<[^\s<>\"']{1,40}>"
_URL_DOI_RE = re.compile(
    r"(?:doi\.org/|/doi/(?:abs/|full/|pdf/|epdf/|epub/)?|/articles?/|/content/|[?&](?:doi|id)=)"
    rf"(10\.\d{{4,9}}/(?:[^\s?#&\"'<>]|{_SICI_PART})+)",
    re.IGNORECASE)
_URL_PMID_RE = re.compile(r"(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})\b", re.IGNORECASE)
# A link written out in running text.
_DOI_PATH = rf"10\.\d{{4,9}}/(?:[^\s\"<>]|{_SICI_PART})+"
_BARE_RE = re.compile(
    rf"(?:https?://)?(?:dx\.)?doi\.org/{_DOI_PATH}|\bdoi:\s?{_DOI_PATH}"
    r"|(?:https?://)?(?:pubmed\.ncbi\.nlm\.nih\.gov|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed)/\d{1,9}\b/?"
    rf"|https?://[^\s\"<>]+/doi/(?:abs/|full/|pdf/)?{_DOI_PATH}",
    re.IGNORECASE)
#: an anchor with fewer words than this says nothing; the sentence is kept instead
MIN_ANCHOR_WORDS = 4
#: ... and so does one with fewer words than this that are neither boilerplate nor stop words
#: (years count): "here is the paper", "click here to read", "see the full study" say nothing,
#: "Strauss et al. (2009)", "a 2019 trial in Pain" do
MIN_ANCHOR_CONTENT_WORDS = 2


#: the sites of journals, of the databases that hold their articles and of the preprint servers Crossref
#: registers (not arXiv, whose DOIs are DataCite's): a link to one is an article's
#: (a title not found there is not found), unlike a link to any other site (a web page)
_ARTICLE_SITES_RE = re.compile(
    r"(?:^|[/.])(?:ncbi\.nlm\.nih\.gov/pmc|pmc\.ncbi\.nlm\.nih\.gov|pubmed\.ncbi\.nlm\.nih\.gov|europepmc\.org|"
    r"nejm\.org|thelancet\.com|jamanetwork\.com|bmj\.com|sciencedirect\.com|link\.springer\.com|"
    r"onlinelibrary\.wiley\.com|nature\.com|academic\.oup\.com|tandfonline\.com|journals\.lww\.com|"
    r"ahajournals\.org|frontiersin\.org|mdpi\.com|journals\.plos\.org|biomedcentral\.com|cell\.com|"
    r"karger\.com|journals\.sagepub\.com|cambridge\.org/core|acpjournals\.org|atsjournals\.org|"
    r"diabetesjournals\.org|medrxiv\.org|biorxiv\.org|jci\.org|pnas\.org|science\.org|annfammed\.org|"
    r"aafp\.org/pubs|cmaj\.ca|mja\.com\.au|ssrn\.com|researchsquare\.com|preprints\.org)(?:[/:?#]|$)", re.IGNORECASE)


def links_to_an_article(url: str | None) -> bool:
    """True when ``url`` is on a journal's site or in PubMed Central, PubMed or Europe PMC."""
    return bool(url) and _ARTICLE_SITES_RE.search(url.split("://", 1)[-1]) is not None


_PATH_DIGIT_RE = re.compile(r"^https?://[^/?#]+[/?][^#]*\d", re.IGNORECASE)


def journal_page(url: str) -> bool:
    """True for an article's page on a journal's site or in PubMed Central (its address holds a
    number: an article's, not a journal's home page): a link in the prose to one cites a work,
    even with no DOI in the address to look it up by (trial 33)."""
    return links_to_an_article(url) and _PATH_DIGIT_RE.match(url) is not None


_PMC_ID_RE = re.compile(r"\b(PMC\d{4,9})\b", re.IGNORECASE)


def journal_page_reason(url: str) -> str:
    """Why a link to an article's page whose address holds no DOI is skipped."""
    pmc = _PMC_ID_RE.search(url)
    where = f"a PubMed Central page ({pmc.group(1).upper()}): Crossref holds no PMC IDs" if pmc else \
        "a journal's page with no DOI in its address: Crossref cannot look a work up by its page"
    return f"{where}; cite the article's DOI to have it checked"


class LinkAnchor(str):
    """A link's anchor text, with the title the link's markup gives it (Markdown's
    ``[text](url "title")`` or a definition's title, HTML's ``title=``): the title often
    names the work ("Cernunnos, a novel nonhomologous end-joining factor, …"), where the
    anchor says "this paper". A str, so that every reader of anchors reads it unchanged."""

    link_title: str | None

    def __new__(cls, text: str, title: str | None = None) -> "LinkAnchor":
        anchor = super().__new__(cls, text)
        anchor.link_title = title
        return anchor


_PREPRINT_VERSION_RE = re.compile(r"(?:v\d+)?(?:\.(?:full|abstract|article-info)(?:\.pdf)?|\.pdf)?$")
# Publishers' addresses that hold a DOI in another form: The Lancet's and Cell's article pages
# name the PII, which is their DOI after "10.1016/" ("…/article/PIIS0140-6736(20)30183-5/fulltext");
# the BMJ's "bmj.com/content/368/bmj.m1" is 10.1136/bmj.m1; Nature's "nature.com/articles/nm.4050"
# is 10.1038/nm.4050, but for its older "ijo2008155" (10.1038/ijo.2008.155), read as no DOI.
_PII_PATH_RE = re.compile(r"(?:thelancet|cell)\.com/.*?/(?:PII)?(S\d{4}-\d{3}[\dX](?:\(|%28)\d\d(?:\)|%29)\d{5}-[\dX])",
                          re.IGNORECASE)
_BMJ_PATH_RE = re.compile(r"bmj\.com/content/\d+/(bmj\.[a-z]?\d+)\b", re.IGNORECASE)
_NATURE_PATH_RE = re.compile(r"nature\.com/articles/([a-z][a-z0-9.\-]*[a-z0-9])", re.IGNORECASE)
_NATURE_DOTTED_ID_RE = re.compile(r"[a-z]{2,8}(?:19|20)\d{4,}")


def _doi_of_publisher_path(url: str) -> str | None:
    """The DOI an article page's address holds in a publisher's own form, or None."""
    m = _PII_PATH_RE.search(url)
    if m:
        return "10.1016/" + m.group(1).replace("%28", "(").replace("%29", ")").upper()
    m = _BMJ_PATH_RE.search(url)
    if m:
        return "10.1136/" + m.group(1).lower()
    m = _NATURE_PATH_RE.search(url)
    if m and not _NATURE_DOTTED_ID_RE.fullmatch(m.group(1).lower()):
        return "10.1038/" + m.group(1).lower()
    return None


def identifiers_of(url: str) -> tuple[str | None, str | None]:
    """(DOI, PMID) a link points at, either may be None."""
    doi = pmid = None
    m = _URL_DOI_RE.search(url)
    if m:
        raw = m.group(1)
        # Percent-escapes decoded, as a browser copies a link ("0165-1781%2889%2990047-4"
        # is 10.1016/0165-1781(89)90047-4): parse.py's reading of an entry's doi.org link.
        doi = _doi_of_link(raw) if "%" in raw else normalise_doi(raw)
        # Landing-page suffixes are no part of the DOI, nor a preprint server's version ("…v2.full").
        doi = re.sub(r"/(?:full|abstract|pdf|epdf|html)$", "", doi, flags=re.IGNORECASE)
        if doi.startswith("10.1101/"):
            doi = _PREPRINT_VERSION_RE.sub("", doi)
    elif url.lower().startswith("doi:"):
        doi = normalise_doi(url[4:])
    else:
        doi = _doi_of_publisher_path(url)
    m = _URL_PMID_RE.search(url)
    if m:
        pmid = m.group(1)
    return doi, pmid


def link_citations(prose: list[str], links: list[tuple[int, str, str]] | tuple = (),
                   covered: set[int] | frozenset[int] = frozenset()) -> tuple[Citation, ...]:
    """The link citations of a document.

    ``prose``: the document's lines (index = line - 1).  ``links``: (line, anchor
    text, URL) of marked-up hyperlinks (an anchor may be a LinkAnchor, with the link's
    title).  Lines in ``covered`` (reference lists) are skipped: an entry's own link is
    part of that entry.
    """
    from citecheck.extract.claims import Paragraphs

    found: list[Citation] = []
    paragraphs = Paragraphs(prose, covered)
    # Every link first, each (line, identifier) once, so that a sentence holding two or
    # more is cut between them (each link's text is its own part of it).
    todo: list[tuple[int, str, str, int | None, str | None, str | None, str]] = []
    seen: set[tuple[int, str]] = set()
    # (line, DOI a link shows) -> the link it really is, when its target is another DOI; and
    # (line, that target's DOI) -> the link's text
    misleading: dict[tuple[int, str], str] = {}
    behind: dict[tuple[int, str], str] = {}

    def take(line: int, anchor: str, url: str, pos: int | None) -> None:
        doi, pmid = identifiers_of(url)
        if not doi and not pmid and not journal_page(url):
            return
        key = (line, (doi or "").lower() or (f"pmid:{pmid}" if pmid else url))
        if key in seen:
            return
        seen.add(key)
        shown = _doi_shown(anchor)
        if doi and shown and shown.lower() != doi.lower():
            # "<a href="https://doi.org/Y">https://doi.org/X</a>": both are checked, the DOI a
            # reader sees (as the line writes it) and the one a click goes to, each saying so.
            misleading[(line, shown.lower())] = url
            behind[key] = anchor.strip()
        title = anchor.link_title if isinstance(anchor, LinkAnchor) else None
        todo.append((line, anchor.strip(), url, pos, doi, pmid, title))

    for line, anchor, url in links:
        if line not in covered:
            take(line, anchor, url.strip(), None)
    for number, text in enumerate(prose, start=1):
        if number in covered or not text:
            continue
        low = text.lower()
        if "doi" not in low and "pubmed" not in low:  # what every _BARE_RE match holds
            continue
        for m in _BARE_RE.finditer(text):
            url = m.group().rstrip(".,;:)]'\"")
            take(number, "", url, m.start())
    # line -> (anchor, URL, whether the line writes the URL) of each of its links, in order
    on_line: dict[int, list[tuple[str, str, bool]]] = {}
    for line, anchor, url, *_ in todo:
        on_line.setdefault(line, []).append((anchor, url, 0 < line <= len(prose) and url in prose[line - 1]))
    taken: dict[int, int] = {}  # line -> how many of its links are read
    for line, anchor, url, pos, doi, pmid, title in todo:
        # Found by its URL where the line writes it, else by its anchor ("[5]" of a
        # Markdown shortcut link, an HTML link's words).
        k = taken[line] = taken.get(line, -1) + 1
        shown_as = behind.get((line, (doi or "").lower()))
        written = on_line[line][k][2] and not shown_as  # (a link showing another DOI: found by what it shows)
        part = url if written or not anchor else anchor
        sentence = paragraphs.sentence_holding(line, part) if 0 < line <= len(prose) else None
        first = last = line
        if sentence is None:
            sentence = _sentence_at(prose[line - 1] if 0 < line <= len(prose) else "", anchor, pos)
        else:
            first, last = paragraphs.around(line)
        context = None
        if _descriptive(anchor, url):
            text = anchor
            context = sentence if sentence and sentence != anchor else None
        else:
            count = sum(len(on_line.get(n, ())) for n in range(first, last + 1))
            if 2 <= count <= MAX_LINKS_CUT and sentence:
                others = [o for n in range(first, last + 1) for o in on_line.get(n, ())]
                sentence = _own_part(sentence, anchor, url, written, others)
            text = sentence or anchor or url
        if title and _names_a_work(title) and title not in text:
            text = f'{text} "{title}"'
        target = misleading.get((line, (doi or "").lower()))
        if target:
            text = f"{text} (its link goes to another DOI: {target})"
        elif shown_as:
            text = f"{text} (the link on {shown_as} goes to {url})"
        found.append(Citation(text=text, line=line, kind="link", doi=doi, pmid=pmid, url=url, context=context))
    found.sort(key=lambda c: c.line)
    return tuple(found)


#: a paragraph with more links than this is a list of links, not prose: its sentences are not
#: cut between them (cutting costs each link a search for every other)
MAX_LINKS_CUT = 30
# Where the words between two links of a sentence part: a clause's end (a comma, a
# semicolon, a dash, "and", "while"): the words before it go with the link before,
# those after it with the link after ("the overview by [Ceserani et al.][7] and the
# later work of [Buniatian][8]"). With none, they go with the link after, which
# they lead up to.
_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\s[–—]\s|\s-\s|\b(?:and|but|while|whereas|or|as\s+well\s+as|then)\b")


def _own_part(sentence: str, anchor: str, url: str, written: bool, others: list[tuple[str, str, bool]]) -> str:
    """The part of ``sentence`` that is the link's (``anchor``, ``url``, whether its line
    writes the URL) own, when the sentence holds two or more links (``others``: every link
    of its paragraph, the same way): its anchor and the words nearest it, up to the links
    either side. The sentence itself when it holds fewer than two of them."""
    spans: list[list[int]] = []
    for span in sorted(filter(None, (_span_in(sentence, a, u, written) for a, u, written in others))):
        if spans and span[0] < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], span[1])  # a link found twice (its anchor, its URL)
        else:
            spans.append(list(span))
    mine = _span_in(sentence, anchor, url, written)
    if len(spans) < 2 or mine is None:
        return sentence
    k = next((i for i, (start, end) in enumerate(spans) if start <= mine[0] < end), None)
    if k is None:
        return sentence
    start = 0 if k == 0 else _cut(sentence, spans[k - 1][1], spans[k][0])[1]
    end = len(sentence) if k == len(spans) - 1 else _cut(sentence, spans[k][1], spans[k + 1][0])[0]
    return sentence[start:end].strip(" ,;:") or sentence


def _span_in(sentence: str, anchor: str, url: str, written: bool) -> tuple[int, int] | None:
    """Where a link is written in ``sentence``: its anchor and the URL written after it
    (Markdown's prose, "Strauss et al. https://…"), its URL (a bare link), or, when its line
    does not write its URL (``written``), its anchor as whole words (HTML's prose, a
    Markdown note "[5]"); None when it is not in the sentence."""
    if written:
        pos = sentence.find(url)
        if pos < 0:
            return None
        before = sentence[:pos].rstrip()
        if anchor and anchor != url and before.endswith(anchor):
            return len(before) - len(anchor), pos + len(url)
        return pos, pos + len(url)
    if anchor:
        m = re.search(rf"(?<!\w){re.escape(anchor)}(?!\w)", sentence)
        if m:
            return m.span()
    return None


def _doi_shown(anchor: str) -> str | None:
    """The DOI a link's text shows when the text is a DOI or a DOI link alone ("https://doi.org/…",
    "doi:10.…"), else None."""
    if "10." not in anchor or not LINK_OR_DOI_RE.fullmatch(anchor.strip()):
        return None
    return identifiers_of(anchor.strip())[0] or (find_doi(anchor) if anchor.strip().startswith("10.") else None)


def _cut(sentence: str, after: int, before: int) -> tuple[int, int]:
    """Where the words between two links (``sentence[after:before]``) part: the last
    clause break among them (the first link's words end where it starts, the second's
    begin where it ends), else where the first link ends."""
    breaks = list(_CLAUSE_BREAK_RE.finditer(sentence, after, before))
    return breaks[-1].span() if breaks else (after, after)


# A link's title that names no work: what a page says of the link itself.
_LINK_TITLE_NOISE_RE = re.compile(r"\b(?:window|tab|external|opens?|google\s+scholar|pubmed|crossref|pmc|"
                                  r"doi|go\s+to|link\s+to|full\s+text|download|abstract)\b", re.IGNORECASE)
#: a link's title with fewer words than this that say something of a work is no title of one
MIN_TITLE_CONTENT_WORDS = 3


def _names_a_work(title: str) -> bool:
    """True when a link's title can be a work's title (words that describe it), not a page's
    words for the link ("Opens in a new window", "PubMed", "Link to DOI")."""
    return _content_words(title) >= MIN_TITLE_CONTENT_WORDS and not _LINK_TITLE_NOISE_RE.search(title)


def _descriptive(anchor: str, url: str) -> bool:
    """True when a link's anchor says enough of the work to stand for it (else its sentence is read)."""
    return bool(anchor) and anchor not in url and len(anchor.split()) >= MIN_ANCHOR_WORDS \
        and "://" not in anchor and not anchor.lower().startswith(("doi", "10.")) \
        and _content_words(anchor) >= MIN_ANCHOR_CONTENT_WORDS


def _content_words(anchor: str) -> int:
    """How many of an anchor's words say something of a work: its years, and words that are
    neither stop words nor a link's boilerplate ("read", "here", "click", "full", "paper")."""
    words = [w for w in _words(anchor) if w not in _STOP and w not in _BOILERPLATE]
    return len(_YEAR_RE.findall(anchor)) + len(words)


def _sentence_at(line: str, anchor: str, pos: int | None) -> str:
    """The sentence of ``line`` holding the link (found by its anchor text or position)."""
    from citecheck.extract.claims import split_sentences

    if not line:
        return ""
    if pos is None and anchor:
        pos = line.find(anchor)
    sentences = split_sentences(line)
    if pos is None or pos < 0:
        return sentences[0] if len(sentences) == 1 else ""
    offset = 0
    for s in sentences:
        found = line.find(s[:20], offset)
        if found < 0:
            continue
        if found <= pos < found + len(s) + 1:
            return s
        offset = found + 1
    return sentences[-1] if sentences else ""


# --- does the linked work fit the words around the link? -------------------

_YEAR_RE = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_JOURNAL_RE = re.compile(
    r"\b(?:published\s+in|appearing\s+in|reported\s+in|(?:study|trial|review|article|paper|report|"
    r"meta-analysis|analysis|research)\s+(?:published\s+)?in)\s+(?:the\s+journal\s+)?"
    r"(?P<journal>(?:[Tt]he\s+)?[A-Z][\w&'-]*(?:\s+(?:of|and|for|in|&|[A-Z][\w&'-]*))*)")
# Words that say nothing of a study's topic.
_STOP = frozenset("""
a an the and or of in on for to with by from at as is are was were be been this that these those it its
their there which who whom what when where how why than then also can could may might will would should
study studies trial trials research review reviews paper article report analysis meta found find finds
shows show showed shown suggest suggests suggested demonstrated demonstrates published journal new
evidence data patients patient people results result effect effects according recent researchers
scientists year years one two three more most less many some much very significant significantly
effective effectiveness improved improve improves reduced reduce reduces treatment treatments help helps
first second later earlier previous previously another other others again above below well known since
before after still both such only same recently however although because while into over under about
within without between among work works team group authors author confirm confirms confirmed agree agrees
agreed reported reports explain explains explained described describes describe noted note notes argued
says said claim claims example here now just even like time times our we you your they them has have had
not all any each every out further
""".split())
# The words of a link's anchor that point at it, not at what it holds ("read the full study here",
# "click for the source", "see the paper"): no topic words, and no description of the work.
_BOILERPLATE = frozenset("""
read reading here link links click clicking source sources full full-text paper papers article articles
see more view abstract pdf download
summarised summarized summarise summarize summarises summarizes summarising summarizing summary often
cited cite cites citing frequently widely
""".split())
# Authors named in the text ("Berman et al.", "Duman and Aghajanian"): names, not its topic.
_AUTHOR_MENTION_RE = re.compile(r"\b[A-Z][\w'’-]+(?:\s+et\s+al\b\.?|\s+(?:and|&)\s+[A-Z][\w'’-]+)")
#: a topic check needs at least this many topic words in the text
MIN_TOPIC_WORDS = 3
#: characters of a word compared (a crude stem: "infusions" ~ "infusion")
STEM_CHARS = 6


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z0-9-]{2,}", _fold(text))


def _stems(text: str) -> set[str]:
    """The stems of the text's words, and of each part of a hyphenated one ("inter-laboratory")."""
    parts = (p for w in _words(text) for p in (w, *w.split("-")) if len(p) >= 3)
    return {p[:STEM_CHARS] for p in parts if p not in _STOP}


_TRAILING_CONNECTOR_RE = re.compile(r"(?:\s+(?:in|of|and|for|&|In|And|Of|For))+$")


def journal_named(text: str) -> str | None:
    """The journal a sentence names ("published in The Lancet", "a 2019 JAMA review"), or None."""
    from citecheck.extract.claims import journal_before

    m = _JOURNAL_RE.search(text) or journal_before(text)
    if m is None:
        return None
    # "The Lancet Neurology Found" cannot happen (verbs are lower-case); a
    # trailing sentence-initial word ("In") can.
    return _TRAILING_CONNECTOR_RE.sub("", m.group("journal").strip()) or None


def names_the_journal(text: str, work: Work) -> bool:
    """True when ``text`` holds one of the work's journal names whole, or the name before its
    section ("American Journal of Physiology" of "… . Endocrinology and Metabolism"): the
    text then names that journal, however far a pattern reads the name."""
    words = f" {_journal_words(text)} "
    for name in (work.journal, *work.short_journal):
        for part in filter(None, (name, *(_SECTION_RE.split(name or "")[:1]))):
            key = _journal_words(part)
            if len(key) >= 3 and f" {key} " in words:
                return True
    return False


# What parts a journal's name from its section or publisher's note: ". ", " / ", " : ".
_SECTION_RE = re.compile(r"\.\s|\s/\s|\s:\s")


def _journal_words(text: str) -> str:
    """Lower-case words and numbers only, "&" as "and": "J. Consult. Clin. Psychol." -> "j consult clin psychol"."""
    return " ".join(re.findall(r"[a-z0-9]+", _fold(text.replace("&", " and "))))


def journals_agree(named: str, work: Work) -> bool:
    """True when ``named`` is the work's journal, written in full or abbreviated."""
    return journal_names_agree(named, (work.journal or "", *work.short_journal))


def journal_names_agree(named: str, names) -> bool:
    """True when ``named`` is one of ``names`` (full or abbreviated, "The" and case aside,
    or a short name writers use: "NEJM", "CMAJ"); True as well when ``names`` is empty
    (nothing to contradict).  The reference matcher's rule (matching.journals)."""
    from citecheck.matching.journals import same_journal

    names = tuple(n for n in names if n)
    return not names or same_journal(named, names)


# A link or DOI in a text: its digits are no year ("…/j.neuron.2019.02.005"), its words no
# topic or journal (links and claims both read around them).
LINK_OR_DOI_RE = re.compile(r"(?:https?://|www\.)\S+|\b(?:doi:\s?)?10\.\d{4,9}/\S+", re.IGNORECASE)


def link_fits(anchor_text: str, work: Work) -> str | None:
    """None when the linked ``work`` fits what ``anchor_text`` says of it, else one
    line an editor can act on (the author, year, journal or topic that disagrees)."""
    return link_problems(anchor_text, work)[1]


def link_problems(anchor_text: str, work: Work, context: str | None = None) -> tuple[list[FieldCheck], str | None]:
    """What the text around a link says that the linked ``work`` does not: the wrong fields
    (link_field_checks, and a "title" field whose cited value lists the text's topic words
    when none is the work's), and link_fits's line, which also names a topic that disagrees.
    The topic is judged only when the text names no journal that agrees with the work, nor
    a year that agrees along with an author who does: those details identify the work; and a
    topic word of the sentence around an anchor read alone (``context``) is as good as the
    anchor's ("Depression is [a disorder of several brain circuits](…)" for "Neurobiology of
    depression").

    Pure: the checker calls it with a link citation's text and the work its DOI
    resolved to.
    """
    wrong, agree = _link_fields(anchor_text, work)
    problems = [_SAYS[f.name].format(cited=f.cited[0] if f.name == "authors" else f.cited,
                                     found=", ".join(f.found) if f.name == "authors" else f.found)
                for f in wrong]
    if "journal" in agree or ("year" in agree and len(agree) >= 2) \
            or (not wrong and _cites_its_author(anchor_text, work)):
        # The journal the text names is the work's (or its year and its author are, beside the
        # link or anywhere in its sentence): those details identify the work, and blog prose
        # seldom repeats a paper's title words.
        return wrong, "; ".join(problems) if problems else None
    skip = _stems(journal_named(_without_links(anchor_text)) or "")
    topic_words = [w for w in _topic_words(anchor_text) if w[:STEM_CHARS] not in skip]
    topic = {w[:STEM_CHARS] for w in topic_words}
    if len(topic) >= MIN_TOPIC_WORDS and work.title:
        record = _stems(" ".join(filter(None, (work.title, work.subtitle, work.journal))))
        around = {w[:STEM_CHARS] for w in _topic_words(context)} if context else set()
        if record and not (topic & record) and not (around & record):
            shown = ", ".join(topic_words[:4])
            problems.append(f"none of the text's topic words ({shown}) appear in the linked work's title "
                            f"\"{work.title}\"")
            # A field of its own, so a report shows what disagrees rather than only a DOI cited right.
            wrong = [*wrong, FieldCheck("title", f"topic words: {shown}", work.title, FieldStatus.MISMATCH,
                                        "no topic word of the text in it")]
    return wrong, "; ".join(problems) if problems else None


def _without_links(text: str) -> str:
    """The text without its links, DOIs and "(full text)": none of them names a topic or journal."""
    return _FULL_TEXT_RE.sub(" ", LINK_OR_DOI_RE.sub(" ", text))


def _topic_words(text: str) -> list[str]:
    """The words of a text that can name a work's topic, in order, once each: no links, authors,
    years, stop words or a link's boilerplate."""
    text = _AUTHOR_MENTION_RE.sub(" ", _without_links(text))
    return [w for w in dict.fromkeys(_words(_YEAR_RE.sub(" ", text))) if w not in _STOP and w not in _BOILERPLATE]


# "(full text)", "[Full-text PDF]": words for the link, not the work's topic.
_FULL_TEXT_RE = re.compile(r"\bfull[\s-]+text\b", re.IGNORECASE)
# An author-year citation anywhere in the text: "Huynen et al. (1996)", "Duman & Aghajanian, 2012".
_AUTHOR_YEAR_RE = re.compile(
    r"\b([A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*)(?:\s+et\s+al\b\.?|\s+(?:and|&)\s+[A-Z][^\W\d_]+)?,?\s+\(?(\d{4})[a-z]?\b")


def _cites_its_author(text: str, work: Work) -> bool:
    """True when the text cites the linked work's author and year, however far from the link
    ("Huynen et al. (1996) describe the programme ([full text](…))"): the work is then the one
    meant, whatever topic words the sentence has. Only ever agreement: a name elsewhere in the
    sentence may be another study's, so one that differs says nothing."""
    from citecheck.matching.score import same_surname

    if not work.authors or not work.years:
        return False
    for m in _AUTHOR_YEAR_RE.finditer(LINK_OR_DOI_RE.sub(" ", text)):
        if int(m.group(2)) in work.years and any(same_surname(m.group(1), a.surname) for a in work.authors):
            return True
    return False


def link_year_remark(anchor_text: str, work: Work) -> FieldCheck | None:
    """The year the text around a link gives, when it is within a year of the linked work's
    but not its year: a year field with the matcher's note ("within a year: accepted"), as a
    reference entry's gets; None otherwise."""
    from citecheck.matching.score import check_year

    for year in _YEAR_RE.findall(LINK_OR_DOI_RE.sub(" ", anchor_text)):
        found = check_year(int(year), work)
        if found.status is FieldStatus.MATCH:
            return found if found.note and int(year) not in work.years else None
    return None


#: How link_fits says each wrong field.
_SAYS = {"year": "the text says {cited} but the linked work is from {found}",
         "journal": "the text names {cited} but the linked work is in {found}",
         "authors": "the text names {cited} but the linked work is by {found}"}
# "Berman et al. https://doi.org/…", "Duman & Aghajanian, 2012 https://…", "(Shi et al.) https://…": the
# authors a link's own words name (right before the link, as its anchor), not any name elsewhere in the
# sentence ("… (Schlaich et al., 2009)." after it cites another work).
_NAME = r"[A-Z][^\W\d_]+(?:[-'’][^\W\d_]+)*"
# A link's own anchor text names them at its end: "[Strauss et al. (2007)](…)". Case matters:
# a name is capitalised ("pain and depression https://…" names nobody); two names joined by
# "and" need their year ("Anxiety and Depression https://…" is a title's words).
_CITED_YEAR = r"\(?\d{4}[a-z]?\)?[,.]?\s*"
# One name needs its year in parentheses ("[Barton (1998)](…)"), and must be no journal's ("JAMA (2019)").
_NAMED_AUTHOR_RE = re.compile(
    rf"(?:\b({_NAME})\s+et\s+al\b\.?[,.]?\s*(?:{_CITED_YEAR})?|\b({_NAME})\s+(?:and|&)\s+{_NAME}[,.]?\s*{_CITED_YEAR}"
    rf"|\b({_NAME})\s+\(\d{{4}}[a-z]?\)[,.]?\s*)"
    r"(?:\)?\s*(?:[Hh][Tt][Tt][Pp][Ss]?://|[Dd][Oo][Ii]:)|\)?$)")


def link_field_checks(anchor_text: str, work: Work) -> list[FieldCheck]:
    """The author, year and journal the text around a link gives that the linked ``work``
    does not have, as wrong fields (cited: what the text says; found: the work's)."""
    return _link_fields(anchor_text, work)[0]


def _link_fields(anchor_text: str, work: Work) -> tuple[list[FieldCheck], set[str]]:
    """link_field_checks's wrong fields, and the names of those the text gives that agree
    with the work ("authors", "year", "journal")."""
    from citecheck.matching.journals import is_known_journal
    from citecheck.matching.score import same_surname

    wrong: list[FieldCheck] = []
    agree: set[str] = set()
    named = _NAMED_AUTHOR_RE.search(anchor_text.rstrip(" .;,"))
    if named and named.group(3) and is_known_journal(named.group(3)):
        named = None  # "JAMA (2019)" names a journal
    named = named and (named.group(1) or named.group(2) or named.group(3))
    anchor_text = LINK_OR_DOI_RE.sub(" ", anchor_text)
    surnames = [a.surname for a in work.authors]
    if named and surnames:
        if any(same_surname(named, s) for s in surnames):
            agree.add("authors")
        else:
            wrong.append(FieldCheck("authors", [named], surnames[:3], FieldStatus.MISMATCH))
    years = [int(y) for y in _YEAR_RE.findall(anchor_text)]
    if years and work.years:
        if any(abs(y - wy) <= 1 for y in years for wy in work.years):
            agree.add("year")
        else:
            wrong.append(FieldCheck("year", years[0], work.year, FieldStatus.MISMATCH))
    named = journal_named(anchor_text)
    if named and work.journal:
        if journals_agree(named, work) or names_the_journal(anchor_text, work):
            agree.add("journal")
        else:
            wrong.append(FieldCheck("journal", named, work.journal, FieldStatus.MISMATCH))
    return wrong, agree
