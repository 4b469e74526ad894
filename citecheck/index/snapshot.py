"""Read Crossref snapshot files as Crossref ships them, one record at a time.

Formats (recognised by name, then by content):

* the public data file: a directory of ``*.json.gz`` files, each ``{"items": [work, ...]}``;
* Metadata Plus snapshots: ``.jsonl.gz`` files (one work per line), or a ``.tar``/``.tar.gz`` of
  such files or of ``{"items": [...]}`` files;
* plain JSONL of ``/works`` items (``.jsonl``, ``.ndjson``, optionally gzipped); a line may also
  be a whole ``/works/{doi}`` answer (``{"status": "ok", "message": {...}}``).

Every record comes with its *unit* (a file, or ``archive.tar::member``) and its position in it,
which is what the ingest records as done to resume after an interruption. A record that is not
a JSON object with a DOI comes out as `Malformed`, never as an exception.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterator

#: Suffixes read as snapshot files (a directory is searched for these, recursively).
SNAPSHOT_SUFFIXES = (".json", ".json.gz", ".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".tar", ".tar.gz", ".tgz")


@dataclass(frozen=True)
class Malformed:
    """A record that could not be read, and why."""

    why: str


class SnapshotError(Exception):
    """A source that cannot be read at all (missing, not a snapshot file)."""


def _is_snapshot_name(name: str) -> bool:
    return name.lower().endswith(SNAPSHOT_SUFFIXES)


def expand_sources(sources: list[str]) -> list[Path]:
    """The snapshot files named, directories expanded (sorted, so that the order is stable).

    Raises SnapshotError for a source that does not exist, or a directory of files none of
    which is named as a snapshot file (an empty directory gives no file, and no error).
    """
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_snapshot_name(p.name))
            if not found and any(p.is_file() for p in path.rglob("*")):
                raise SnapshotError(f"{source}: no snapshot file in it (named {', '.join('*' + s for s in SNAPSHOT_SUFFIXES)})")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise SnapshotError(f"{source}: no such file or directory")
    return files


def _work_of(obj) -> dict | Malformed:
    if isinstance(obj, dict) and isinstance(obj.get("message"), dict) and "DOI" not in obj:
        obj = obj["message"]  # a /works/{doi} answer
    if not isinstance(obj, dict):
        return Malformed(f"not a JSON object: {type(obj).__name__}")
    doi = obj.get("DOI")
    if not isinstance(doi, str) or not doi.strip().startswith("10."):
        return Malformed("no DOI")
    return obj


def _jsonl(handle: IO[bytes], skip: int) -> Iterator[tuple[int, dict | Malformed]]:
    for pos, line in enumerate(handle):
        if pos < skip:
            continue
        line = line.strip()
        if not line:
            continue  # a blank line holds no record: not malformed, only nothing
        try:
            yield pos, _work_of(json.loads(line))
        except (ValueError, UnicodeDecodeError) as exc:
            yield pos, Malformed(f"bad JSON: {str(exc)[:80]}")


def _items(data: bytes, skip: int) -> Iterator[tuple[int, dict | Malformed]]:
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        # Mislabelled JSONL, or a truncated file: read what lines can be read.
        yield from _jsonl(io.BytesIO(data), skip)
        return
    if isinstance(doc, dict) and isinstance(doc.get("message"), dict) and isinstance(doc["message"].get("items"), list):
        doc = doc["message"]  # a /works list answer
    if isinstance(doc, dict) and isinstance(doc.get("items"), list):
        items = doc["items"]
    elif isinstance(doc, list):
        items = doc
    else:
        items = [doc]
    for pos, item in enumerate(items):
        if pos >= skip:
            yield pos, _work_of(item)


def _read_member(name: str, handle: IO[bytes], skip: int) -> Iterator[tuple[int, dict | Malformed]]:
    lower = name.lower()
    if lower.endswith(".gz"):
        handle = gzip.GzipFile(fileobj=handle)  # type: ignore[assignment]
        lower = lower[:-3]
    try:
        if lower.endswith((".jsonl", ".ndjson")):
            yield from _jsonl(handle, skip)
        else:
            yield from _items(handle.read(), skip)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:  # truncated or corrupt compression
        yield -1, Malformed(f"unreadable ({exc}); the rest of {name} is lost")


def read_file(path: Path, done: Callable[[str], int], position: Callable[[int], None] | None = None
              ) -> Iterator[tuple[str, int, dict | Malformed]]:
    """Yield (unit, position, work or Malformed) for one snapshot file.

    ``done(unit)`` says how many records of a unit an earlier run already took (-1: all of it);
    ``position(bytes)`` is told how far into the file (compressed bytes) reading has got.
    """
    name = path.name.lower()
    with open(path, "rb") as raw:
        if name.endswith((".tar", ".tar.gz", ".tgz")):
            try:
                archive = tarfile.open(fileobj=raw, mode="r|*")
            except tarfile.TarError as exc:
                yield str(path), -1, Malformed(f"not a tar archive: {exc}")
                return
            members = 0
            try:
                for member in archive:
                    if not member.isfile() or not _is_snapshot_name(member.name) or member.name.lower().endswith((".tar", ".tar.gz", ".tgz")):
                        continue
                    members += 1
                    unit = f"{path}::{member.name}"
                    skip = done(unit)
                    if skip < 0:
                        continue
                    handle = archive.extractfile(member)
                    if handle is None:
                        continue
                    for pos, rec in _read_member(member.name, handle, skip):
                        yield unit, pos, rec
                    if position:
                        position(raw.tell())
            except (tarfile.TarError, OSError, EOFError) as exc:
                yield str(path), -1, Malformed(f"archive broken off: {exc}")
                return
            if not members:
                yield str(path), -1, Malformed("an archive with no .json, .jsonl or .json.gz file in it")
            return
        unit = str(path)
        skip = done(unit)
        if skip < 0:
            return
        for pos, rec in _read_member(name, raw, skip):
            yield unit, pos, rec
            if position and pos % 1024 == 0:
                position(raw.tell())
