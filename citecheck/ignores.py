"""Ignore rules and the baseline: citations still checked and shown, but never failing the run.

Rules come from `.citecheckignore` (found like the config file, from the working directory
upward) and from `ignore = [...]` in the config; one rule a line: a DOI, or `text:` and the
start of the reference as written, with an optional `# reason`. An inline
`<!-- citecheck: ignore -->` (optionally `<!-- citecheck: ignore reason -->`) on the line
just before an entry ignores that entry. The baseline file (by default the nearest
`.citecheck-baseline.json`, found the same way) holds the problems a team has accepted;
`check` fails only on problems it does not hold. A problem is known by its file's path
relative to the baseline's folder, so it matches however the file is named on the command line.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from citecheck.inputs import is_url
from citecheck.models import CheckResult, Report, Verdict
from citecheck.policy import FAIL_ON_CHOICES, fails, unread

IGNORE_FILE_NAME = ".citecheckignore"
BASELINE_FILE_NAME = ".citecheck-baseline.json"
BASELINE_FORMAT = 1
#: Written in baselines whose keys hold the path relative to the baseline's folder; baselines
#: without it (older ones) hashed the path as typed, and are matched both ways.
BASELINE_PATHS = "relative to this file"
_INLINE = re.compile(r"<!--\s*citecheck:\s*ignore\b\s*(.*?)\s*-->", re.I)
_INLINE_BYTES = re.compile(rb"<!--\s*citecheck:\s*ignore\b.*?-->", re.I)


@dataclass(frozen=True)
class IgnoreRule:
    """One rule: a DOI or the start of a reference's text, and why it is ignored."""

    doi: str | None = None
    text: str | None = None
    reason: str = "ignored by rule"


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def parse_rule(line: str, origin: str) -> IgnoreRule | None:
    """A rule from one line ('10.1000/x # why' or 'text: Smith J. 2001 # why'); None for blanks and comments."""
    body, _, reason = line.partition("#")
    body = body.strip()
    if not body:
        return None
    reason = reason.strip() or f"ignored by {origin}"
    if body.lower().startswith("text:"):
        text = body[5:].strip()
        return IgnoreRule(text=_squash(text), reason=reason) if text else None
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", body, flags=re.I).strip().lower()
    return IgnoreRule(doi=doi, reason=reason) if doi.startswith("10.") else None


def find_upward(name: str, start: Path | None = None) -> Path | None:
    """The nearest file called `name` in the working directory or a folder above it, as the config file is found."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def find_ignore_file(start: Path | None = None) -> Path | None:
    """The nearest .citecheckignore from the working directory upward."""
    return find_upward(IGNORE_FILE_NAME, start)


def find_baseline_file(start: Path | None = None) -> Path | None:
    """The nearest .citecheck-baseline.json from the working directory upward."""
    return find_upward(BASELINE_FILE_NAME, start)


def load_rules(ignore_file: Path | None, config_rules: list[str] | None = None) -> list[IgnoreRule]:
    """Rules from the ignore file and the config's `ignore` list."""
    rules = []
    if ignore_file is not None:
        for line in ignore_file.read_text(encoding="utf-8", errors="replace").splitlines():
            rule = parse_rule(line, ignore_file.name)
            if rule:
                rules.append(rule)
    for line in config_rules or []:
        rule = parse_rule(str(line), "the config's ignore list")
        if rule:
            rules.append(rule)
    return rules


def rule_reason(result: CheckResult, rules: list[IgnoreRule]) -> str | None:
    """The reason of the first rule covering this result, or None."""
    dois = {d.lower() for d in (result.citation.doi, result.match.doi if result.match else None) if d}
    text = _squash(result.citation.text)
    for rule in rules:
        if rule.doi and rule.doi in dois:
            return rule.reason
        if rule.text and text.startswith(rule.text):
            return rule.reason
    return None


def inline_ignores(text: str) -> dict[int, str]:
    """Line numbers (1-based) that follow an inline ignore marker, with the marker's reason."""
    marked = {}
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        m = _INLINE.search(line)
        if not m:
            continue
        reason = m.group(1) or "ignored by an inline marker"
        following = number + 1
        # The entry may start on the marker's own line (after the comment) or on the next non-blank line.
        if line[m.end():].strip():
            marked[number] = reason
            continue
        while following <= len(lines) and not lines[following - 1].strip():
            following += 1
        marked[following] = reason
    return marked


def take_inline_markers(data: bytes) -> tuple[bytes, dict[int, str]]:
    """The document without its ignore markers (line numbers kept), and the lines they mark."""
    if b"citecheck" not in data:
        return data, {}
    text = data.decode("utf-8", errors="replace")
    return _INLINE_BYTES.sub(b"", data), inline_ignores(text)


@dataclass(frozen=True)
class Baseline:
    """The accepted problems of a baseline file, and where the file is."""

    keys: frozenset[str]
    folder: Path  # document paths in the keys are relative to this folder
    name: str  # the file as named to the user
    legacy: bool = False  # written before keys used normalised paths: also match the path as typed

    def holds(self, path: str, result: CheckResult) -> bool:
        """True when the baseline holds this problem of the document at `path`."""
        if baseline_key(baseline_path(path, self.folder), result) in self.keys:
            return True
        return self.legacy and baseline_key(path, result) in self.keys


def baseline_path(path: str, folder: Path) -> str:
    """A document's path as a baseline records it: relative to the baseline's folder when the
    file is under it (POSIX separators), else absolute; both resolved, so `./a.md`, `$PWD/a.md`
    and `../ci/a.md` are one file. Standard input (`-`) and URLs stay as they are."""
    if path == "-" or is_url(path):
        return path
    try:
        resolved = Path(path).resolve()
    except (OSError, ValueError):  # a name no file system holds (a NUL byte)
        return path
    try:
        return resolved.relative_to(folder.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def baseline_key(path: str, result: CheckResult) -> str:
    """What identifies a problem across runs: the file, the entry as written, and the verdict."""
    raw = f"{path}\n{_squash(result.citation.text)}\n{result.verdict.value}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class BaselineWrite:
    """What `write_baseline` did: problems recorded from this run, kept from the file, dropped."""

    written: int
    kept: int = 0  # of files this run did not check, or could not read in full, or could not look up
    dropped: int = 0  # of files that no longer exist


def write_baseline(report: Report, path: Path, fail_on: tuple[str, ...]) -> BaselineWrite:
    """Write every failing problem of the report to a baseline file, merged with what the file
    held: its problems of other files stay (a baseline of part of a site keeps the rest), and so
    do those of a file read only in part and of a citation Crossref could not answer for now.
    Problems of files that no longer exist are dropped."""
    entries, fully_checked, unanswered = [], set(), set()
    for doc in report.documents:
        recorded_path = baseline_path(doc.path, path.parent)
        if not unread(doc):
            fully_checked.add(recorded_path)
        for r in doc.results:
            if fails(replace(r, ignored=None), fail_on):
                entries.append({"key": baseline_key(recorded_path, r), "path": recorded_path, "line": r.citation.line,
                                "verdict": r.verdict.value, "text": r.citation.text[:200]})
            if r.verdict is Verdict.ERROR:
                unanswered.update(baseline_key(recorded_path, replace(r, verdict=v)) for v in Verdict)
    written = len(entries)
    keys = {e["key"] for e in entries}
    kept = dropped = 0
    for old in _recorded_problems(path):
        if old["key"] in keys or (old["path"] in fully_checked and old["key"] not in unanswered):
            continue
        if not _still_there(old["path"], path.parent):
            dropped += 1
            continue
        entries.append(old)
        keys.add(old["key"])
        kept += 1
    data = {"citecheck_baseline": BASELINE_FORMAT, "paths": BASELINE_PATHS, "problems": entries}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return BaselineWrite(written, kept, dropped)


def _recorded_problems(path: Path) -> list[dict]:
    """The problems an existing baseline at `path` records by relative path; [] when there is
    none, it cannot be read, or it was written before paths were recorded that way (such a
    file is rewritten whole, as before)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("citecheck_baseline") != BASELINE_FORMAT \
            or data.get("paths") != BASELINE_PATHS or not isinstance(data.get("problems"), list):
        return []
    return [p for p in data["problems"]
            if isinstance(p, dict) and isinstance(p.get("key"), str) and isinstance(p.get("path"), str)]


def _still_there(recorded_path: str, folder: Path) -> bool:
    """False for a file the baseline names that no longer exists; URLs and standard input stay."""
    if recorded_path == "-" or is_url(recorded_path):
        return True
    try:
        return (folder / recorded_path).exists()
    except (OSError, ValueError):
        return False


def load_baseline(path: Path) -> Baseline:
    """The problems a baseline file holds. Raises ValueError when it is not a baseline."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("citecheck_baseline") != BASELINE_FORMAT:
        raise ValueError(f"{path} is not a citecheck baseline file")
    keys = frozenset(p["key"] for p in data.get("problems", []) if isinstance(p, dict) and "key" in p)
    return Baseline(keys, path.parent, str(path), legacy=data.get("paths") != BASELINE_PATHS)


def apply_ignores(report: Report, rules: list[IgnoreRule], baseline: Baseline | None = None) -> Report:
    """Mark covered results as ignored (with the reason); their verdicts stay as they are."""
    documents = []
    for doc in report.documents:
        results = []
        for r in doc.results:
            reason = r.ignored or rule_reason(r, rules)
            # (Any result some policy fails: a verified one too, retracted or with a remark.)
            if reason is None and baseline and fails(r, FAIL_ON_CHOICES) and baseline.holds(doc.path, r):
                reason = f"in the baseline ({baseline.name})"
            results.append(replace(r, ignored=reason) if reason else r)
        documents.append(replace(doc, results=tuple(results)))
    return replace(report, documents=tuple(documents))
