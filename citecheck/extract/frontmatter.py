"""Front matter of static-site Markdown: a YAML ("---") or TOML ("+++") block at the top
that may list the article's references or name its bibliography files.

Hugo, Jekyll, Quarto, R Markdown and Pandoc write the keys read here: ``references``
(a list of entries as written, or of tables with one), ``bibliography`` (a file or a
list of them) and ``nocite``.  TOML is read with the standard library's tomllib; YAML
is not a dependency, so only the small subset front matter uses is read: top-level
keys, scalars (plain, quoted, block), lists (block or flow) and list items that are
mappings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: the keys whose list is the article's reference list
REFERENCE_KEYS = ("references", "refs", "reference", "citations", "sources", "bibliography_entries")
#: the fields a reference item written as a mapping holds its entry in (the first present)
ENTRY_FIELDS = ("text", "citation", "reference", "entry", "ref", "source", "full", "value")
#: the fields a reference item written as a mapping holds its key in
KEY_FIELDS = ("id", "key", "label", "citekey", "name")
# A list item is a mapping when it opens with one of these ("- id: smith"), not with any
# "word:" ("- WHO: Fact sheet …" is an entry).
_MAPPING_FIELDS = frozenset(ENTRY_FIELDS + KEY_FIELDS + ("type", "title", "author", "issued", "doi", "url"))

_YAML_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:(?:\s+(.*)|\s*)$")
_TOML_KEY_RE = re.compile(r"^\s*\[*\s*([A-Za-z_][\w-]*)")


@dataclass
class FrontMatter:
    """What the front matter says about the article's sources; ``end`` is the line of its
    closing fence (lines 1 to ``end`` are the front matter)."""

    end: int
    references: list[tuple[int, str, str | None]] = field(default_factory=list)  # (line, entry, key)
    bibliography: list[tuple[int, str]] = field(default_factory=list)  # (line, file as named)
    nocite: list[str] = field(default_factory=list)  # keys ("*": every entry)

    @property
    def cites(self) -> bool:
        """True when it lists references or names a bibliography."""
        return bool(self.references or self.bibliography)


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
            fm.references = _placed(_items(data[key]), body, key_lines.get(key, 1))
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


def _items(value) -> list[tuple[str, str | None]]:
    """(entry, key) of a references value: a list of strings or of mappings, or a mapping
    of key -> entry."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, dict):
        return [(" ".join(v.split()), str(k)) for k, v in value.items() if isinstance(v, str) and v.strip()]
    out = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, str) and item.strip():
            out.append((" ".join(item.split()), None))
        elif isinstance(item, dict):
            text = next((item[f] for f in ENTRY_FIELDS if isinstance(item.get(f), str)), None)
            key = next((str(item[f]) for f in KEY_FIELDS if item.get(f) is not None), None)
            if text and text.strip():
                out.append((" ".join(text.split()), key))
    return out


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    return [v.strip() for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []


def _nocite(value) -> list[str]:
    text = " ".join(_names(value)) if not isinstance(value, str) else value
    return re.findall(r"@(\*|[\w][\w:.#$%&+?<>~/-]*)", text or "")


# --- YAML (the subset front matter uses) ----------------------------------------

def _yaml(body: list[str], end: int) -> FrontMatter:
    fm = FrontMatter(end)
    for key, line, inline, block in _yaml_keys(body):
        name = key.lower()
        if name in REFERENCE_KEYS and not fm.references:
            fm.references = [(n, text, k) for n, text, k in _yaml_items(inline, block, line) if text]
        elif name == "bibliography":
            fm.bibliography = [(line, v) for _, v, _ in _yaml_items(inline, block, line) if v]
        elif name == "nocite":
            fm.nocite = _nocite(" ".join([inline] + [t for _, t in block]))
    return fm


def _yaml_keys(body: list[str]):
    """(key, line, value on its line, [(line, text) of the indented block below]) of each
    top-level key."""
    out = []
    for k, text in enumerate(body, start=2):
        if not text.strip() or text.lstrip().startswith("#"):
            if out:
                out[-1][3].append((k, text))
            continue
        m = _YAML_KEY_RE.match(text) if not text[0].isspace() and not text.startswith("- ") else None
        if m:
            out.append((m.group(1), k, (m.group(2) or "").strip(), []))
        elif out:
            out[-1][3].append((k, text))
    return out


def _yaml_items(inline: str, block: list[tuple[int, str]], line: int) -> list[tuple[int, str, str | None]]:
    """(line, text, key) of a key's value: a flow list "[a, b]", a scalar, or a block
    list whose items may run on over indented lines or be mappings."""
    if inline.startswith("["):
        return [(line, _scalar(v), None) for v in _flow_items(inline)]
    if inline and inline[0] not in "|>":
        return [(line, _scalar(inline), None)]
    if inline:  # a block scalar: the indented lines are the value
        return [(line, " ".join(t.strip() for _, t in block if t.strip()), None)]
    items: list[list] = []  # [line, [parts], {mapping}]
    for n, text in block:
        stripped = text.strip()
        if stripped.startswith("- ") or stripped == "-":
            items.append([n, [stripped[2:].strip()], {}])
        elif items and stripped and not stripped.startswith("#"):
            items[-1][1].append(stripped)
    return [_yaml_item(n, parts) for n, parts, _ in items]


def _yaml_item(line: int, parts: list[str]) -> tuple[int, str, str | None]:
    """One list item: a scalar over one or more lines, or a mapping ("id: smith" / "text: …")."""
    first = parts[0]
    if first[:1] in "|>":
        return line, " ".join(parts[1:]), None
    m = _YAML_KEY_RE.match(first)
    if m and m.group(1).lower() in _MAPPING_FIELDS:
        fields_, last = {}, None
        for part in parts:
            pm = _YAML_KEY_RE.match(part)
            if pm:
                last = pm.group(1).lower()
                fields_[last] = (pm.group(2) or "").strip()
            elif last:
                fields_[last] = f"{fields_[last]} {part}".strip()
        text = next((_scalar(fields_[f]) for f in ENTRY_FIELDS if fields_.get(f)), "")
        key = next((_scalar(fields_[f]) for f in KEY_FIELDS if fields_.get(f)), None)
        return line, text, key
    return line, _scalar(" ".join(parts)), None


def _flow_items(text: str) -> list[str]:
    inner = text.strip()[1:].rstrip()
    inner = inner[:-1] if inner.endswith("]") else inner
    return [v for v in re.findall(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|[^,]+', inner) if v.strip()]


def _scalar(text: str) -> str:
    """A YAML scalar's value: quotes taken off ('' and \\" unescaped), a comment dropped."""
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text.rstrip().endswith('"'):
        return " ".join(text[1:-1].replace('\\"', '"').replace("\\\\", "\\").split())
    if len(text) >= 2 and text[0] == "'" and text.endswith("'"):
        return " ".join(text[1:-1].replace("''", "'").split())
    if " #" in text:
        text = text.split(" #", 1)[0]
    return " ".join(text.split())
