"""Citation markup of Markdown dialects, read as notes and their markers.

- Pandoc inline notes, "^[Smith J. Title. J 2019;1:1-2.]": a note where it stands.
- Pandoc citation keys, "[@smith2019; @lee2020, p. 3]", with the ``bibliography`` file(s)
  the front matter names: each key's entry (BibTeX or CSL-JSON) is a note its key cites.
- A front matter's ``references`` list (YAML or TOML: frontmatter.py), and MDX
  ``<Reference id="1">…</Reference>`` components: entries, cited by Hugo shortcodes
  ("{{< cite 1 >}}", "{{% cite "key" %}}"), MDX ``<Cite id="1" />`` and citation keys.

A marker whose note is missing is still an in-text citation, one with no entry, so that a
run says so rather than passing with nothing read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from citecheck.models import Citation

# "^[" opens an inline note; "]" closes it when brackets inside it are balanced.
_INLINE_OPEN = "^["
#: the most lines an inline note runs on (hard-wrapped), past its first
MAX_NOTE_LINES = 12

# A citation key: "@smith2019", "@{Smith 2019}", "-@smith2019" (author suppressed); not an
# e-mail address ("a@b.org") nor "@@".  Pandoc keys may hold internal punctuation.
_KEY_RE = re.compile(r"(?<![\w@])-?@(?:\{([^{}\n]{1,100})\}|(\w(?:[\w:.#$%&+?<>~/-]*\w)?))")
# A bracketed citation: "[@a]", "[see @a, p. 3; @b]" (a bracket holding an "@"; not a link's "[@a](…)").
_BRACKET_RE = re.compile(r"\[([^\[\]\n]*+)\](?!\()")
# Hugo shortcodes: "{{< cite 1 >}}", "{{% cite "key" %}}", "{{< cite id="a" >}}".
_SHORTCODE_RE = re.compile(r"\{\{[<%]\s*(?:cite|citation)\s+([^{}<>%]*?)\s*/?[>%]\}\}", re.IGNORECASE)
# MDX: "<Cite id="1" />", "<Cite id={1} />", "<Citation refs="1,2"/>".
_CITE_TAG_RE = re.compile(r"<(?:Cite|Citation)\b[^<>]*?\b(?:id|ids|ref|refs|key|keys|refId)\s*=\s*"
                          r"(?:\"([^\"]*)\"|'([^']*)'|\{\s*[\"'\[]?([^{}]*?)[\"'\]]?\s*\})[^<>]*/?>")
# MDX: '<Reference id="1" doi="10.…">' … "</Reference>".
_REFERENCE_OPEN_RE = re.compile(r"<Reference\b([^<>]*)>")
_REFERENCE_CLOSE = "</Reference>"
_ATTR_RE = re.compile(r"([A-Za-z][\w-]*)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|\{\s*[\"']?([^{}\"']*)[\"']?\s*\})")
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
_SPLIT_RE = re.compile(r"[\s,;]+")
_CODE_SPAN_RE = re.compile(r"(`+)[^`].*?\1")
_FENCES = ("```", "~~~")


def code_masked(lines: list[str]) -> list[str]:
    """The lines with code blanked: fenced blocks whole, and inline code spans with spaces
    (offsets kept), so that syntax shown as code ("`{{< cite 1 >}}`") is no citation."""
    out, fenced = [], False
    for line in lines:
        if line.lstrip().startswith(_FENCES):
            fenced = not fenced
            out.append("")
        elif fenced:
            out.append("")
        elif "`" in line:
            out.append(_CODE_SPAN_RE.sub(lambda m: " " * len(m.group()), line))
        else:
            out.append(line)
    return out


def _entry_index(entries: list[tuple[int, str, tuple[str, ...]]]) -> dict[str, int]:
    """Each key of the entries -> its entry; an entry is also cited by its place ("1", "2",
    …) unless another entry's key is that number."""
    by_key: dict[str, int] = {}
    for k, (_, _, keys) in enumerate(entries):
        for key in keys:
            by_key.setdefault(key, k)
    for k in range(len(entries)):
        by_key.setdefault(str(k + 1), k)
    return by_key


# --- inline notes ---------------------------------------------------------------

def inline_notes(lines: list[str], taken_labels: set[str]) -> list[tuple[str, int, str]]:
    """The Pandoc inline notes of the lines, (label, line, text) in order, each written back
    in its place as a footnote reference "[^N]" (N a number no footnote uses) and its text
    taken out of the lines; ``lines`` is changed in place."""
    notes: list[tuple[str, int, str]] = []
    view = code_masked(lines)
    label = 0
    for i in range(len(lines)):
        while _INLINE_OPEN in view[i]:
            start = view[i].find(_INLINE_OPEN)
            end = _inline_note_end(view, i, start)
            if end is None:
                break
            last, stop = end
            label += 1
            while str(label) in taken_labels:
                label += 1
            marker = f"[^{label}]"
            if last == i:
                text = lines[i][start + 2:stop - 1]
                lines[i] = lines[i][:start] + marker + lines[i][stop:]
                view[i] = view[i][:start] + marker + view[i][stop:]
            else:
                text = " ".join([lines[i][start + 2:]] + lines[i + 1:last] + [lines[last][:stop - 1]])
                lines[i], view[i] = lines[i][:start] + marker, view[i][:start] + marker
                for k in range(i + 1, last):
                    lines[k] = view[k] = ""
                lines[last], view[last] = lines[last][stop:], view[last][stop:]
            notes.append((str(label), i + 1, " ".join(text.split())))
    return notes


def _inline_note_end(lines: list[str], i: int, start: int) -> tuple[int, int] | None:
    """(line, offset just past its "]") of the inline note opening at ``start`` of line i,
    or None when it is not closed within its paragraph."""
    depth = 0
    for k in range(i, min(len(lines), i + MAX_NOTE_LINES + 1)):
        line = lines[k]
        if k > i and not line.strip():
            return None  # a paragraph ends: no note
        for pos in range(start + 2 if k == i else 0, len(line)):
            ch = line[pos]
            if ch == "[":
                depth += 1
            elif ch == "]":
                if depth == 0:
                    return k, pos + 1
                depth -= 1
    return None


# --- MDX components --------------------------------------------------------------

def mdx_references(lines: list[str], view: list[str]) -> list[tuple[int, str, tuple[str, ...]]]:
    """The ``<Reference …>…</Reference>`` components outside code (``view``: the lines with
    code blanked), (line, entry, keys) in order, their lines blanked in both; a ``doi``
    attribute is added to the entry when its text lacks it."""
    out = []
    i = 0
    while i < len(lines):
        m = _REFERENCE_OPEN_RE.search(view[i]) if "<Reference" in view[i] else None
        if m is None or m.group(1).rstrip().endswith("/"):
            i += 1
            continue
        parts, last = [view[i][m.end():]], i
        while _REFERENCE_CLOSE not in parts[-1] and last + 1 < len(view) and last - i < MAX_NOTE_LINES:
            last += 1
            parts.append(view[last])
        if _REFERENCE_CLOSE not in parts[-1]:
            i += 1
            continue
        parts[-1] = parts[-1][:parts[-1].index(_REFERENCE_CLOSE)]
        text = " ".join(_TAG_RE.sub(" ", " ".join(parts)).split())
        attrs = {a.group(1).lower(): next(v for v in a.groups()[1:] if v is not None)
                 for a in _ATTR_RE.finditer(m.group(1))}
        doi = attrs.get("doi", "").strip()
        if doi and doi.lower() not in text.lower():
            text = f"{text} doi:{doi}"
        keys = tuple(attrs[a].strip() for a in ("id", "key", "label") if attrs.get(a, "").strip())
        if text:
            out.append((i + 1, text, keys))
        for k in range(i, last + 1):
            lines[k] = view[k] = ""
        i = last + 1
    return out


# --- markers ---------------------------------------------------------------------

def site_markers(number: int, line: str) -> list[tuple[int, str, str]]:
    """(line, marker as written, key) of the Hugo shortcodes and MDX ``<Cite>`` components
    on a line; a marker naming several keys gives one each."""
    out = []
    if "{{" in line:
        for m in _SHORTCODE_RE.finditer(line):
            out.extend((number, m.group(), key) for key in _keys(m.group(1)))
    if "<Cit" in line:
        for m in _CITE_TAG_RE.finditer(line):
            value = next((v for v in m.groups() if v is not None), "")
            out.extend((number, m.group(), key) for key in _keys(value))
    return out


def _keys(spec: str) -> list[str]:
    """The keys a shortcode or component names: '1', '"smith"', 'id="a"', '"a","b"'."""
    keys = []
    for token in _SPLIT_RE.split(spec):
        token = token.split("=", 1)[-1].strip("\"'[]{}() ")
        if token:
            keys.append(token)
    return keys


def citation_keys(number: int, line: str, known: set[str] | frozenset[str] = frozenset()) -> list[tuple[int, str, str]]:
    """(line, "@key", key) of the Pandoc citations on a line: every key in brackets ("[@a;
    @b, p. 3]"), and a bare "@key" in the text when it is a bibliography's (else it may be a
    handle: "@WHO")."""
    out = []
    spans = []
    if "[" in line:
        for m in _BRACKET_RE.finditer(line):
            if "@" not in m.group(1):
                continue
            for k in _KEY_RE.finditer(m.group(1)):
                key = k.group(1) or k.group(2)
                out.append((number, k.group().lstrip("-"), key))
                spans.append(m.span())
    if known:
        for k in _KEY_RE.finditer(line):
            key = k.group(1) or k.group(2)
            if key in known and not any(a <= k.start() < b for a, b in spans):
                out.append((number, k.group().lstrip("-"), key))
    return out


# --- bibliography files ----------------------------------------------------------

_BIB_KEY_RE = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")
#: the bibliography formats read: BibTeX (what Pandoc, R Markdown and Quarto name most),
#: CSL-JSON (Zotero's export) and CSL-YAML (Pandoc's and Quarto's own)
BIB_SUFFIXES = (".bib", ".bibtex", ".json", ".yaml", ".yml")


def read_bibliography(name: str, article: str | None) -> tuple[dict[str, Citation], list[str]]:
    """The entries of a bibliography file the front matter names (key -> Citation), and the
    problems reading it (one sentence each): its path is taken from the article's folder."""
    from citecheck.extract.interface import ExtractError
    from citecheck.inputs import is_url, read_file

    unread = f"the bibliography {name} named in the front matter was not read"
    if article in (None, "", "-"):
        where = "the article came from standard input" if article == "-" else "the article's folder is unknown"
        return {}, [f"{unread} ({where}): the references it cites were not checked; check the "
                    "article as a file, or check the bibliography itself"]
    if is_url(article):
        return {}, [f"{unread} (the article is a web page): the references it cites were not checked"]
    if not name.lower().endswith(BIB_SUFFIXES):
        return {}, [f"{unread} (only BibTeX, CSL-JSON and CSL-YAML files are read as a bibliography): the "
                    "references it cites were not checked; check the file itself"]
    item = read_file(os.path.join(os.path.dirname(article), os.path.expanduser(name)))
    if item.error:
        return {}, [f"{unread} ({item.error}): the references it cites were not checked"]
    try:
        suffix = os.path.splitext(name.lower())[1]
        keyed, problems = (_csl_json if suffix == ".json" else _csl_yaml if suffix in (".yaml", ".yml")
                           else _bibtex)(item.data)
    except ExtractError as exc:
        return {}, [f"{unread} ({exc}): the references it cites were not checked"]
    return keyed, [f"{name}: {p}" for p in problems]


def _bibtex(data: bytes) -> tuple[dict[str, Citation], tuple[str, ...]]:
    """A BibTeX file's entries by key (read by bib.py; the key from each entry's "@type{key,"
    line, which is the line bib.py gives the entry)."""
    from citecheck.extract.bib import BibtexExtractor

    extraction = BibtexExtractor().extract(data)
    text_lines = data.decode("utf-8", errors="replace").splitlines()
    keyed = {}
    for c in extraction.citations:
        m = _BIB_KEY_RE.search(text_lines[c.line - 1]) if 0 < c.line <= len(text_lines) else None
        if m:
            keyed.setdefault(m.group(1), c)
    return keyed, extraction.problems


def _csl_json(data: bytes) -> tuple[dict[str, Citation], tuple[str, ...]]:
    """A CSL-JSON file's items by their "id" (read by bib.py, which keeps the items that are
    objects with a "type", in order)."""
    import json

    from citecheck.extract.bib import CslJsonExtractor

    extraction = CslJsonExtractor().extract(data)
    value = json.loads(data.decode("utf-8", errors="replace"))
    items = [value] if isinstance(value, dict) else value
    ids = [str(i.get("id")) for i in items if isinstance(i, dict) and isinstance(i.get("type"), str)]
    if len(ids) != len(extraction.citations):
        return {}, extraction.problems + ("its items' ids could not be matched to its entries",)
    return dict(zip(ids, extraction.citations)), extraction.problems


def _csl_yaml(data: bytes) -> tuple[dict[str, Citation], tuple[str, ...]]:
    """A CSL-YAML file's items by their "id" (read by bib.py)."""
    from citecheck.extract.bib import csl_yaml_items

    keyed, problems = csl_items(csl_yaml_items(data))
    return keyed, tuple(problems)


def csl_items(items: list[tuple[int, dict]]) -> tuple[dict[str, Citation], list[str]]:
    """CSL items (line, item), as CSL-YAML writes them, by their "id" (read as bib.py reads
    CSL-JSON), and the problem of the items that have none (no citation key can cite them)."""
    from citecheck.extract.bib import CslJsonExtractor

    keyed: dict[str, Citation] = {}
    keyless = []
    for line, item in items:
        if item.get("id") in (None, ""):
            keyless.append(line)
        else:
            keyed.setdefault(str(item["id"]), CslJsonExtractor.citation(line, item))
    problems = []
    if keyless:
        where = ", ".join(map(str, keyless[:5])) + (", …" if len(keyless) > 5 else "")
        many = len(keyless) > 1
        problems.append(f"{len(keyless)} CSL reference{'s' if many else ''} (line {where}) "
                        f"{'have' if many else 'has'} no \"id\", so no citation key can cite "
                        f"{'them' if many else 'it'}: not checked")
    return keyed, problems


# --- the whole document ----------------------------------------------------------

@dataclass
class CitedSources:
    """A Markdown document's entries from outside its body (front matter, MDX components, a
    bibliography file) as notes, and the markers that cite them.

    ``notes``: (label, line, text) to read as notes; ``citations``: a bibliography's
    entries as read from it (label -> Citation), which stand for their notes; ``markers``:
    (line, marker as written, label, key), the label None when no entry has the key."""

    notes: list[tuple[str, int, str]] = field(default_factory=list)
    citations: dict[str, Citation] = field(default_factory=dict)
    markers: list[tuple[int, str, str | None, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def completed(self, extraction, notes: list[tuple[str, int, str]], note_texts: list[tuple[int, str]],
                  markers: list[tuple[int, str, int]], lines: list[str]):
        """``extraction`` with a bibliography's entries as the file gives them; every marker of
        these sources whose note is no citation an in-text citation, of the body's list entry
        it numbers ("{{< cite 2 >}}" with a list in the body) or of none; and the problems."""
        from dataclasses import replace

        from citecheck.extract.references import is_reference_note
        from citecheck.models import InText

        read = [k for k, (_, text) in enumerate(note_texts) if is_reference_note(text)]
        first = len(extraction.lists) - len(read)  # build_extraction puts notes after list entries
        citations = list(extraction.citations)
        for place, k in enumerate(read):
            own = self.citations.get(notes[k][0])
            if own is not None and 0 <= first + place < len(citations) \
                    and citations[first + place].line == note_texts[k][0]:
                citations[first + place] = replace(own, line=note_texts[k][0])
        keys = {(line, marker): key for line, marker, _, key in self.markers}
        taken = set(read)
        by_number = _body_entries(citations, extraction.lists)
        missing = [InText(marker, line, None if marker[:1] == "@" else by_number.get(keys[line, marker]))
                   for line, marker, k in markers if (line, marker) in keys and k not in taken]
        in_text, problems = extraction.in_text, list(self.problems)
        if missing:
            def at(it):
                return it.line, lines[it.line - 1].find(it.text) if 0 < it.line <= len(lines) else -1
            in_text = tuple(sorted(in_text + tuple(missing), key=at))
            unread = [it.text for it in missing if it.reference is None]
            if unread and not self.problems and not any(c.kind == "reference" for c in citations):
                problems.append(_unread_list(unread))
        return replace(extraction, citations=tuple(citations), in_text=in_text,
                       problems=extraction.problems + tuple(problems))


def _body_entries(citations: list[Citation], lists: tuple[int, ...]) -> dict[str, int]:
    """The entries of the body's reference lists by their number ("2" -> index), when no
    two share one."""
    numbers: dict[str, int] = {}
    for i, c in enumerate(citations):
        if c.kind == "reference" and i < len(lists) and lists[i] >= 0 and c.number is not None:
            if str(c.number) in numbers:
                return {}
            numbers[str(c.number)] = i
    return numbers


def _unread_list(markers: list[str]) -> str:
    """The problem of a document whose markup cites entries none of which was read."""
    shown = ", ".join(dict.fromkeys(markers[:3])) + (", …" if len(markers) > 3 else "")
    return (f"{len(markers)} citation{'s' if len(markers) > 1 else ''} ({shown}) cite a reference list "
            "or bibliography that was not read (none is in the article or named in its front matter; "
            "a site or project may keep it elsewhere, as Quarto's _quarto.yml and Hugo's data files do): "
            "check that file too")


def cited_sources(lines: list[str], text: str, article: str | None) -> CitedSources:
    """The entries of a Markdown document's front matter, MDX components and bibliography
    files, and the markers citing them; the lines they take are blanked (``lines`` is
    changed in place).  Each kind is looked for only when its mark is in ``text``."""
    from citecheck.extract.frontmatter import front_matter

    out = CitedSources()
    entries: list[tuple[int, str, tuple[str, ...]]] = []
    fm = front_matter(lines) if text[:3] in ("---", "+++") else None
    bibliography: dict[str, Citation] = {}
    bib_line = 1
    own_lines: dict[str, int] = {}  # the front matter's CSL items: key -> the line each is written on
    if fm is not None and (fm.cites or fm.problem):
        for k in range(fm.end):
            lines[k] = ""  # metadata, not prose; its list is read as notes below
        entries += [(line, entry, (key,) if key else ()) for line, entry, key in fm.references]
        if fm.problem:
            out.problems.append(fm.problem)
        found, problems = csl_items(fm.csl)
        for key, c in found.items():
            bibliography.setdefault(key, c)
            own_lines.setdefault(key, c.line)
        out.problems += problems
        for line, name in fm.bibliography:
            bib_line = line
            found, problems = read_bibliography(name, article)
            for key, c in found.items():
                bibliography.setdefault(key, c)
            out.problems += problems
    # Each mark is looked for by a character of it first: found many times faster than two
    # (text that is not ASCII is searched a character at a time for "{{", by memchr for "{").
    tags = "<" in text and ("<Reference" in text, "<Cit" in text)
    has_mdx, has_cite_tag = tags or (False, False)
    has_site = "{" in text and "{{" in text or has_cite_tag
    has_key = "@" in text
    view = code_masked(lines) if has_mdx or has_site or has_key else lines
    if has_mdx:
        entries += mdx_references(lines, view)
    index = _entry_index(entries)
    markers: list[tuple[int, str, str | None, str]] = []
    if has_site or has_key:
        known = frozenset(bibliography) | frozenset(k for _, _, keys in entries for k in keys)
        for number, line in enumerate(view, start=1):
            if has_site:
                markers += [(n, m, f"ref:{index[key]}" if key in index else None, key)
                            for n, m, key in site_markers(number, line)]
            if has_key and "@" in line:
                markers += [(n, m, _key_label(key, bibliography, index), key)
                            for n, m, key in citation_keys(number, line, known)]
    out.notes = [(f"ref:{k}", line, entry) for k, (line, entry, _) in enumerate(entries)]
    # A bibliography entry is in the article when cited (or named by nocite), as Pandoc
    # prints it, and is located where it is first cited, as a Word footnote is: a line of
    # the .bib file would be no line of the article.
    first_cited: dict[str, int] = {}
    for line, _, label, _ in markers:
        if label and label.startswith("@"):
            first_cited.setdefault(label[1:], line)
    nocite = fm.nocite if fm is not None else []
    for key in list(bibliography) if "*" in nocite else [k for k in nocite if k in bibliography]:
        first_cited.setdefault(key, bib_line)
    for key, line in first_cited.items():
        line = own_lines.get(key, line)  # a front matter's item is where it is written
        out.citations[f"@{key}"] = bibliography[key]
        out.notes.append((f"@{key}", line, bibliography[key].text))
    out.markers = markers
    return out


def _key_label(key: str, bibliography: dict[str, Citation], index: dict[str, int]) -> str | None:
    """The note a citation key cites: its bibliography entry, else a front matter's entry
    with that key; None for none."""
    if key in bibliography:
        return f"@{key}"
    return f"ref:{index[key]}" if key in index and not key.isdigit() else None
