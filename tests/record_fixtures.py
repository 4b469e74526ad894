"""Regenerate fixtures/sample-article.crossref.json: the sample article's Crossref answers.

Crossref itself cannot be reached from the machines this project is built on, so the
answers are those of the fake Crossref (tests/fake_crossref.py) serving fixtures/corpus/,
whose records are real works' metadata. Run from the project root:

    python -m tests.record_fixtures
"""

from __future__ import annotations

import sys
from pathlib import Path

from citecheck.cli import app
from tests.fake_crossref import FakeCrossref, load_corpus

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "fixtures" / "sample-article.md"
RECORDING = ROOT / "fixtures" / "sample-article.crossref.json"


def main() -> int:
    """Run the sample article against the fake server, recording every answer."""
    with FakeCrossref(load_corpus(ROOT / "fixtures" / "corpus"), rate_limit=100, concurrency=5) as fake:
        try:
            app(["check", str(ARTICLE), "--crossref-url", fake.url, "--no-cache", "--quiet",
                 "--format", "json", "--output", "/dev/null", "--record", str(RECORDING)], prog_name="citecheck")
        except SystemExit as done:
            print(f"recorded {RECORDING.relative_to(ROOT)} (check exit code {done.code})")
    note = "fake Crossref serving fixtures/corpus (real works' metadata), via python -m tests.record_fixtures"
    text = RECORDING.read_text(encoding="utf-8").replace(f'"recorded": "from {fake.url}"', f'"recorded": "{note}"', 1)
    RECORDING.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
