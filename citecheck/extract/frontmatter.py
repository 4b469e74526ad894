"""Front matter of static-site Markdown: a YAML ("---") or TOML ("+++") block at the top
that may list the article's references or name its bibliography files.

Hugo, Jekyll, Quarto, R Markdown and Pandoc write the keys read here: ``references``
(a list of entries as written, of tables with one, or of CSL items as Pandoc reads them:
title, author, issued …), ``bibliography`` (a file or a list of them) and ``nocite``.
TOML is read with the standard library's tomllib, YAML with PyYAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citecheck.extract.bib import CSL_KEYS

#: the keys whose list is the article's reference list
REFERENCE_KEYS = ("references", "refs", "reference", "citations", "sources", "bibliography_entries")
#: the fields a reference item written as a mapping holds its entry in (the first present)
ENTRY_FIELDS = ("text", "citation", "reference", "entry", "ref", "source", "full", "value")
#: the fields a reference item written as a mapping holds its key in
KEY_FIELDS = ("id", "key", "label", "citekey", "name")
#: a mapping with a CSL field (bib.CSL_KEYS: Pandoc's and Quarto's "references") is read as
#: CSL-JSON is, unless it holds its entry in one of these too ("source" and "ref" are no
#: entry beside them: Zotero writes "source: PubMed")
WHOLE_ENTRY_FIELDS = ("text", "citation", "reference", "entry", "full")

_TOML_KEY_RE = re.compile(r"^\s*\[*\s*([A-Za-z_][\w-]*)")


@dataclass
class FrontMatter:
    """What the front matter says about the article's sources; ``end`` is the line of its
    closing fence (lines 1 to ``end`` are the front matter)."""

    end: int
    references: list[tuple[int, str, str | None]] = field(default_factory=list)  # (line, entry, key)
    csl: list[tuple[int, dict]] = field(default_factory=list)  # (line, CSL item)
    bibliography: list[tuple[int, str]] = field(default_factory=list)  # (line, file as named)
    nocite: list[str] = field(default_factory=list)  # keys ("*": every entry)
    problem: str | None = None  # why the references it lists or names were not read

    @property
    def cites(self) -> bool:
        """True when it lists references or names a bibliography."""
        return bool(self.references or self.csl or self.bibliography)


def front_matter(lines: list[str]) -> FrontMatter | None:
    """The front matter of a Markdown document's lines, or None when it has none."""
    fence = lines[0].strip() if lines else ""
    if fence not in ("---", "+++"):
        return None
    end = next((k for k in range(1, len(lines)) if lines[k].strip() in (fence, "...")), None)
    if end is None:
        return None
    body = lines[1:end]
    if fence == "+++":
        return _toml(body, end + 1)
    return _yaml(body, end + 1)


# --- TOML ---------------------------------------------------------------------

def _toml(body: list[str], end: int) -> FrontMatter | None:
    import tomllib

    try:
        data = tomllib.loads("\n".join(body))
    except tomllib.TOMLDecodeError:
        return None
    fm = FrontMatter(end)
    key_lines = {}
    for k, line in enumerate(body, start=2):
        m = _TOML_KEY_RE.match(line)
        if m:
            key_lines.setdefault(m.group(1).lower(), k)
    for key in REFERENCE_KEYS:
        if key in data:
            first = key_lines.get(key, 1)
            references, fm.csl = _sorted(data[key], [first] * _count(data[key]))
            fm.references = _placed([(text, k) for _, text, k in references], body, first)
            break
    fm.bibliography = [(key_lines.get("bibliography", 1), name) for name in _names(data.get("bibliography"))]
    fm.nocite = _nocite(data.get("nocite"))
    return fm


def _placed(items: list[tuple[str, str | None]], body: list[str], first: int) -> list[tuple[int, str, str | None]]:
    """Each item with the line it starts on: where its first words are written, in order
    (a TOML parser gives values, not lines)."""
    out, at = [], first - 2
    for text, key in items:
        probe = text[:30]
        for k in range(max(at, 0), len(body)):
            if probe in body[k]:
                at = k
                break
        out.append((at + 2 if at >= 0 else first, text, key))
    return out


def _count(value) -> int:
    return len(value) if isinstance(value, (list, dict)) else 1


def _sorted(value, lines: list[int]) -> tuple[list[tuple[int, str, str | None]], list[tuple[int, dict]]]:
    """A references value's entries written as text, (line, entry, key), and its CSL items,
    (line, item): a list of strings or of mappings, or a mapping of key -> entry; ``lines``
    the line of each item."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, dict):
        return [(line, " ".join(v.split()), str(k)) for line, (k, v) in zip(lines, value.items())
                if isinstance(v, str) and v.strip()], []
    texts, csl = [], []
    for line, item in zip(lines, value if isinstance(value, list) else ()):
        if isinstance(item, str) and item.strip():
            texts.append((line, " ".join(item.split()), None))
        elif isinstance(item, dict):
            if any(k in item for k in CSL_KEYS) and not any(isinstance(item.get(f), str) for f in WHOLE_ENTRY_FIELDS):
                csl.append((line, item))
                continue
            text = next((item[f] for f in ENTRY_FIELDS if isinstance(item.get(f), str)), None)
            key = next((str(item[f]) for f in KEY_FIELDS if item.get(f) is not None), None)
            if text and text.strip():
                texts.append((line, " ".join(text.split()), key))
    return texts, csl


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _nocite(value) -> list[str]:
    text = " ".join(_names(value)) if not isinstance(value, str) else value
    return re.findall(r"@(\*|[\w][\w:.#$%&+?<>~/-]*)", text or "")


# --- YAML ----------------------------------------------------------------------

def _yaml(body: list[str], end: int) -> FrontMatter:
    """Read with PyYAML when a key lists references or names a bibliography: its nodes give
    each reference item its line (the body starts on the document's line 2)."""
    fm = FrontMatter(end)
    text = "\n".join(body)
    if not _NAMES_SOURCES_RE.search(text):
        return fm  # a title, a date, tags: nothing cited
    import yaml

    from citecheck.extract.yamlread import YamlUnreadable, read_yaml

    try:
        root, data = read_yaml(text, first_line=2)
    except YamlUnreadable as exc:
        fm.references = _loose_items(body)
        fm.problem = (f"the front matter is not valid YAML ({exc}), so a site builder would not read it: "
                      + (f"its {len(fm.references)} reference list items were read line by line"
                         if fm.references else "the references it lists or names were not read"))
        return fm
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return fm
    nodes = {str(k.value).lower(): (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    data = {str(k).lower(): v for k, v in data.items()}
    for key in REFERENCE_KEYS:
        if key in data and key in nodes:
            node, value = nodes[key][1], data[key]
            if isinstance(value, list) and isinstance(node, yaml.SequenceNode):
                lines = [item.start_mark.line + 2 for item in node.value]
            elif isinstance(value, dict) and isinstance(node, yaml.MappingNode):
                lines = [v.start_mark.line + 2 for _, v in node.value]
            else:
                lines = [node.start_mark.line + 2] * _count(value)
            fm.references, fm.csl = _sorted(value, lines)
            break
    if "bibliography" in data and "bibliography" in nodes:
        line = nodes["bibliography"][0].start_mark.line + 2  # the key's line
        fm.bibliography = [(line, name) for name in _names(data["bibliography"])]
    fm.nocite = _nocite(data.get("nocite"))
    return fm


def _loose_items(body: list[str]) -> list[tuple[int, str, str | None]]:
    """(line, entry, None) of each "- " item under a top-level references key, its indented
    lines read with it: front matter that is not valid YAML ("- WHO: Fact sheet …"), read as
    its writer meant it."""
    items: list[tuple[int, list[str]]] = []
    inside = False
    for number, line in enumerate(body, start=2):
        if line[:1].strip() and not line.startswith("-"):
            inside = bool(_REFERENCE_KEY_RE.match(line))  # a top-level key opens or closes the list
            continue
        stripped = line.strip()
        if not inside or not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- "):
            items.append((number, [stripped[2:]]))
        elif items:
            items[-1][1].append(stripped)
    out = []
    for number, parts in items:
        text = " ".join(" ".join(parts).split())
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
            text = text[1:-1]
        if text:
            out.append((number, text, None))
    return out


_REFERENCE_KEY_RE = re.compile(rf"(?:{'|'.join(REFERENCE_KEYS)})\s*:\s*$", re.IGNORECASE)
# A top-level key that lists references or names a bibliography.
_NAMES_SOURCES_RE = re.compile(rf"^(?:{'|'.join(REFERENCE_KEYS)}|bibliography)\s*:", re.IGNORECASE | re.MULTILINE)
