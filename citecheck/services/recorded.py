"""Recorded answers: replay a file of Crossref exchanges, or record one while asking.

A recording is JSON: {"recorded": "<when and from where>", "exchanges": [{"request":
"/works?query.bibliographic=...&rows=5", "status": 200, "body": <JSON or text>}]}.
It lets the README's first command show a full report on a machine with no network.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path
from urllib.parse import parse_qsl

from citecheck.services.http import Answer, Transport, request_key
from citecheck.services.interface import ServiceError

log = logging.getLogger(__name__)


class ReplayTransport(Transport):
    """Answers only from a recording; a request it does not hold is an error, never a 404."""

    recorded = True

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            exchanges = data["exchanges"]
            self.note = str(data.get("recorded", ""))
            self._answers = {ex["request"]: Answer(int(ex["status"]), *_body(ex["body"])) for ex in exchanges}
            # A recording made by a version that asked for other fields (`select`) answers the same
            # questions: found by the request without them when the request as asked is not held.
            self._unselected = {_without_select(key): answer for key, answer in self._answers.items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ServiceError(f"cannot read recorded answers {self.path}: {exc}") from None

    def get(self, path: str, params: dict | None = None, kind: str = "single") -> Answer:
        """The recorded answer to this request."""
        key = request_key(path, params)
        answer = self._answers.get(key) or self._unselected.get(_without_select(key))
        if answer is None:
            shown = key if len(key) <= 90 else key[:89] + "…"
            raise ServiceError(f"the recording holds no answer to this request ({shown})")
        return answer


def _without_select(key: str) -> str:
    """A request key (request_key) without its `select` parameter."""
    path, _, query = key.partition("?")
    return request_key(path, dict(item for item in parse_qsl(query, keep_blank_values=True) if item[0] != "select"))


def _body(body) -> tuple[object, str]:
    if isinstance(body, str):
        return None, body
    return body, json.dumps(body)


def write_problem(path: Path) -> str | None:
    """Why no file can be written at ``path`` (it is a directory, its folder is missing, no
    permission), or None: asked before a run, not after it (a user trial lost a whole run to
    a missing directory)."""
    folder = path.parent
    if path.is_dir():
        return "it is a directory"
    if not folder.is_dir():
        return f"no such directory {folder}"
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "permission denied"
    return None


def check_writable(path: Path) -> None:
    """Raise ServiceError unless a recording can be written at `path` (write_problem)."""
    problem = write_problem(path)
    if problem:
        raise ServiceError(f"cannot write recording {path}: {problem}")


class RecordingTransport(Transport):
    """Passes requests to another transport and writes every answer it got to a recording."""

    def __init__(self, inner: Transport, path: Path, note: str):
        self.inner = inner
        self.path = Path(path)
        check_writable(self.path)
        self.note = note
        self._exchanges: dict[str, dict] = {}
        self._lock = threading.Lock()

    def get(self, path: str, params: dict | None = None, kind: str = "single") -> Answer:
        """Ask the inner transport and keep the answer."""
        answer = self.inner.get(path, params, kind)
        body = answer.body if answer.body is not None else answer.text
        with self._lock:
            self._exchanges[request_key(path, params)] = {"request": request_key(path, params), "status": answer.status, "body": body}
        return answer

    def close(self) -> None:
        """Write the recording, then close the inner transport. A failure to write is logged,
        not raised: the run's report still gets written."""
        data = {"recorded": self.note, "exchanges": sorted(self._exchanges.values(), key=lambda e: e["request"])}
        try:
            self.path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            log.error("cannot write recording %s: %s", self.path, exc.strerror or exc)
        finally:
            self.inner.close()
