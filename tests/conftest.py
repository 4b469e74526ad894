"""Shared fixtures: the local fake Crossref, the CLI runner, and paths to test material."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from citecheck.cli import app
from tests.fake_crossref import FakeCrossref, load_corpus

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared (the seed articles) is not beside the project")


@dataclass
class Run:
    """What one CLI run gave."""

    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        """The JSON report on stdout."""
        return json.loads(self.stdout)


def run_cli(*args: str, input: bytes | str | None = None, env: dict | None = None) -> Run:
    """Run citecheck in-process, as a user would from the shell."""
    env = {"COLUMNS": "200", **(env or {})}  # long temporary paths stay on one line
    result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def corpus() -> list[dict]:
    """The Crossref records of fixtures/corpus."""
    return load_corpus(FIXTURES / "corpus")


@pytest.fixture()
def fake_crossref(corpus):
    """A fake Crossref on 127.0.0.1 serving the fixture corpus, with generous limits."""
    with FakeCrossref(corpus, rate_limit=200, concurrency=10) as server:
        yield server


@pytest.fixture()
def refused_url():
    """The address of a port on 127.0.0.1 that refuses connections: a socket bound to it and held,
    never listening. (A port bound and let go may be taken by another process before it is asked.)"""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


def make_zip(members: dict[str, bytes]) -> bytes:
    """A zip archive (such as a .docx) holding the given members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def encrypted_pdf() -> bytes:
    """A one-page PDF locked with a password (skips the test when pypdf is missing)."""
    pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def verdicts(report: dict) -> list[str]:
    """The verdicts of the first document, in order."""
    return [c["verdict"] for c in report["documents"][0]["citations"]]
