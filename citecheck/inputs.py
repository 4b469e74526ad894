"""Reading inputs: files, directories, standard input. Each gives bytes or a one-line error."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

#: Inputs larger than this are refused with a clear message (issue 7: 200 MB by default).
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
#: Suffixes a directory is searched for.
ARTICLE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm"}


@dataclass(frozen=True)
class Input:
    """One document to check: its name as given, and its bytes or the reason it has none."""

    path: str
    data: bytes | None = None
    error: str | None = None


def read_inputs(paths: Iterable[str], stdin=None, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> list[Input]:
    """Read each path (a file, a directory of articles, or '-' for standard input)."""
    inputs = []
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                inputs.append(Input(path, error=f"larger than the {max_bytes // 2**20} MB limit (--max-file-mb)"))
            else:
                inputs.append(Input(path, data))
            continue
        p = Path(path)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES)
            if not found:
                inputs.append(Input(path, error="a directory with no articles (.txt, .md, .html) in it"))
            inputs.extend(_read_file(f, str(f), max_bytes) for f in found)
        else:
            inputs.append(_read_file(p, path, max_bytes))
    return inputs


def _read_file(p: Path, name: str, max_bytes: int) -> Input:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            return Input(name, error=f"{size // 2**20} MB, larger than the {max_bytes // 2**20} MB limit (--max-file-mb)")
        return Input(name, p.read_bytes())
    except FileNotFoundError:
        return Input(name, error="no such file" if not p.is_symlink() else "a link to a file that does not exist")
    except PermissionError:
        return Input(name, error="permission denied")
    except IsADirectoryError:
        return Input(name, error="a directory")
    except OSError as exc:
        return Input(name, error=exc.strerror or str(exc))


