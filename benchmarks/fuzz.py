"""Fuzz the extractor and the reference parser on mutated articles (issue 7, point 7).

    python benchmarks/fuzz.py                  # 60 seconds
    python benchmarks/fuzz.py --seconds 600    # the issue's 10-minute run

Every input is an article (fixtures/sample-article.md, fixtures/articles/*, and
generated HTML, Markdown and plain text) mutated by byte flips, insertions of
control, escape and bidirectional-override characters, deletions,
duplications, truncation and deep nesting.  Its first byte picks the name it
is read under (``a.txt``, ``a.html``, ``-`` ...), so the same bytes also meet
the wrong extractor.  Each input goes through ``extract_bytes`` and, line by
line, through ``parse_reference``.

A finding is any exception other than ExtractError, or an input that takes
longer than ``--deadline`` seconds.  Each distinct finding (exception type and
the line that raised it) is printed with its traceback and its input saved
under benchmarks/out/fuzz/.  The script prints executions, executions per
second and findings, and exits 1 when there are findings.

The engine is atheris (coverage-guided libFuzzer, ``pip install atheris``) with
the mutations above as its custom mutator; without atheris a plain random loop
applies the same mutations.  The fuzzing runs in a child process: an input that
hangs for good is killed by libFuzzer's ``-timeout`` (or by this script), reported as a
finding, and the child restarted for the time left.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "fuzz"
sys.path.insert(0, str(ROOT))

#: seconds one input may take before it counts as a hang
DEFAULT_DEADLINE_SECS = 5.0
#: an input still running after this many deadlines is killed (libFuzzer -timeout)
KILL_AFTER_DEADLINES = 4
#: largest input the mutator makes (the DOCX seed is ~40 KB; nesting grows inputs)
MAX_INPUT_BYTES = 256 * 1024
#: lines of an input fed to parse_reference directly, and the longest line
PARSE_LINES = 40
PARSE_LINE_CHARS = 2000
#: how often the child writes its figures for the parent
STATS_EVERY_SECS = 1.0

#: the name an input is read under, chosen by its first byte
NAMES = ("a.txt", "a.md", "a.html", "-", "a.docx", "a.pdf", "a.bib", "a.ris", "page.php", "https://x.example/a",
         "a.nbib", "a.yaml", "a.qmd")

# Characters an attacker or a bad export puts into text: C0/C1 controls, ESC
# sequences (CSI, OSC 8 hyperlink, OSC 52 clipboard), bidirectional overrides,
# zero-width and replacement characters, surrogates as UTF-8 would not allow.
NASTY = [
    "\x00", "\x1b", "\x1b[31m", "\x1b[2J", "\x1b]8;;https://evil.example\x07", "\x1b]52;c;ZXZpbA==\x07",
    "\x9b", "\x85", "\x07", "\x08", "\x0b", "\x0c", "\r", "\r\n", "\n\n", "\t", "\u202e", "\u202d", "\u2066",
    "\u2069", "\u200f", "\u200b", "\ufeff", "\ufffd", "\u2028", "\u2029", "\U0001f600", "[bold]", "[link=https://x]",
    "]]>", "<!--", "-->", "<![CDATA[", "&#0;", "&#x1b;", "&amp;", "%0A", "::error::", "|", "`", "\\", "%PDF-",
    "PK\x03\x04", "10.1000/", "https://doi.org/10.1/x", "et al.", "(2019)", "2019;160(1):1-9.", "References\n",
]
NASTY_BYTES = [s.encode("utf-8", "surrogatepass") for s in NASTY] + [
    b"\xff", b"\xfe", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xef\xbb\xbf", b"\xff\xfe",
    b"\xfe\xff", b"\x80\x81\x9f",
]
# Openers for nesting mutations, each with its closer.
NESTERS = [(b"<div>", b"</div>"), (b"<ol><li>", b"</li></ol>"), (b"<b><i>", b"</i></b>"), (b"<table><tr><td>", b""),
           (b"> ", b""), (b"[", b"]"), (b"(", b")"), (b"*", b"*"), (b"{", b"}"), (b"<sup>", b"</sup>"),
           (b"<a href='https://doi.org/10.1/x'>", b"</a>"), (b"- ", b""), (b"<!--", b"")]


# --- seeds -------------------------------------------------------------------

def generated_html(rng: random.Random) -> bytes:
    """A clinic page: prose with superscript notes, furniture, a reference list."""
    refs = "".join(f"<li>Author{i} A, Other B. Title number {i} on ketamine. J Pain. {2000 + i};{i}({i % 4 + 1}):"
                   f"{i}-{i + 9}. <a href='https://doi.org/10.1000/j.{i}'>doi</a></li>\n" for i in range(rng.randint(1, 8)))
    nest = rng.randint(0, 50)
    return (f"<!doctype html><html><head><style>p{{}}</style></head><body><nav class='menu'>Home</nav>\n"
            f"{'<div>' * nest}<p>Ketamine helped<sup>1</sup> (Zheng et al., 2019) in a 2019 meta-analysis in "
            f"<i>Pain</i>.</p>{'</div>' * nest}\n<h2>References</h2>\n<ol>\n{refs}</ol>\n"
            f"<footer>© clinic</footer></body></html>").encode()


def generated_markdown(rng: random.Random) -> bytes:
    """A Markdown article with links, footnotes, emphasis and a numbered list."""
    refs = "\n".join(f"{i}. Smith{i}, J., & Doe, K. ({2000 + i}). *A study {i}*. **Pain Medicine**, {i}({i}), "
                     f"{i}-{i + 5}. [doi](https://doi.org/10.1093/pm/{i})" for i in range(1, rng.randint(2, 9)))
    return (f"# Ketamine\n\nKetamine *may* help[^1] (Smith1 & Doe, 2001). See [the trial][t].\n\n"
            f"[t]: https://doi.org/10.1/t\n[^1]: Zheng L. Ketamine. Pain. 2019;160:1-9.\n\n"
            f"## References\n\n{refs}\n").encode()


def generated_text(rng: random.Random) -> bytes:
    """A plain-text article with entries in several styles and mixed line endings."""
    styles = [
        "Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-169. doi:10.1093/pm/pny123",
        "Mion, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.",
        "Ikeda S. et al. (2014) 'Ketamine in neuropathy', Anesth Analg, 119, pp. 813-8.",
        "[4] A. Author, \"A title,\" IEEE Trans. Med., vol. 3, no. 2, p. 17, 2011.",
        "Smith J. Ketamine. https://pubmed.ncbi.nlm.nih.gov/12345678/",
    ]
    eol = rng.choice(["\n", "\r\n", "\r"])
    lines = ["Ketamine for pain", "", "Infusions helped (Zheng et al., 2019).", "", "References"]
    lines += [f"{i}. {rng.choice(styles)}" for i in range(1, rng.randint(2, 10))]
    return eol.join(lines).encode(rng.choice(["utf-8", "cp1252", "utf-16"]), errors="replace")


def seeds() -> list[bytes]:
    """Seed inputs: a format byte, then an article."""
    rng = random.Random(7)
    out: list[tuple[str, bytes]] = [("a.md", (ROOT / "fixtures" / "sample-article.md").read_bytes())]
    for p in sorted((ROOT / "fixtures" / "articles").iterdir()):
        if p.suffix != ".py":
            out.append(("a" + p.suffix, p.read_bytes()))
    # The Quarto article's front matter alone: a CSL-YAML bibliography.
    out.append(("a.yaml", (ROOT / "fixtures" / "articles" / "clinic.qmd").read_bytes().split(b"---\n")[1]))
    for _ in range(4):
        out += [("a.html", generated_html(rng)), ("a.md", generated_markdown(rng)), ("a.txt", generated_text(rng)),
                ("-", generated_html(rng)), ("-", generated_markdown(rng))]
    return [bytes([NAMES.index(name if name in NAMES else "a.txt")]) + data for name, data in out]


# --- mutations ---------------------------------------------------------------

def mutate(data: bytes, rng: random.Random, max_size: int = MAX_INPUT_BYTES) -> bytes:
    """One to four of: byte flip, nasty insertion, deletion, duplication, truncation, nesting."""
    buf = bytearray(data or b"\x00")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        n = len(buf)
        pos = rng.randrange(n + 1)
        if op == 0 and n:  # byte flips
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(n)
                buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # control / escape / bidi / markup insertion
            buf[pos:pos] = rng.choice(NASTY_BYTES) * rng.choice((1, 1, 1, 3, 50))
        elif op == 2 and n > 1:  # deletion
            end = min(n, pos + rng.choice((1, 4, 64, 1024)))
            del buf[pos:end]
        elif op == 3 and n:  # duplication of a chunk
            start = rng.randrange(n)
            chunk = buf[start:start + rng.choice((8, 80, 800, 8000))]
            buf[pos:pos] = chunk * rng.choice((1, 2, 10))
        elif op == 4 and n > 1:  # truncation
            del buf[rng.randrange(1, n):]
        elif op == 5:  # nesting
            opener, closer = rng.choice(NESTERS)
            depth = rng.choice((10, 100, 1000, 20000))
            end = min(n, pos + rng.randrange(200))
            buf[end:end] = closer * depth
            buf[pos:pos] = opener * depth
        else:  # splice in a freshly generated article
            gen = rng.choice((generated_html, generated_markdown, generated_text))(rng)
            buf[pos:pos] = gen
    if len(buf) > max_size:
        del buf[max_size:]
    return bytes(buf)


# --- one execution -------------------------------------------------------------

def run_one(data: bytes) -> None:
    """The target: extract, then parse lines directly.  Raises what the code raises."""
    from citecheck.extract import ExtractError, extract_bytes
    from citecheck.extract.parse import parse_reference

    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    body = data[1:]
    try:
        extract_bytes(body, name)
    except ExtractError as exc:
        message = str(exc)
        if not message or "\n" in message:
            raise AssertionError(f"ExtractError message is not one line: {message!r}") from None
    text = body[:PARSE_LINES * PARSE_LINE_CHARS].decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines()[:PARSE_LINES], start=1):
        if line.strip():
            parse_reference(line[:PARSE_LINE_CHARS], number)


def finding_key(exc: BaseException) -> str:
    """Type and innermost citecheck frame (else innermost frame): one key per distinct bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "citecheck" in f.filename and "benchmarks" not in f.filename]
    frame = (ours or frames or [None])[-1]
    where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
    return f"{type(exc).__name__} at {where}"


def save_input(data: bytes, kind: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return path


# --- the child: atheris or a random loop ----------------------------------------

class Worker:
    """Counts executions, records findings, writes figures, stops at the end time."""

    def __init__(self, stats_path: Path, end: float, deadline: float) -> None:
        self.stats_path, self.end, self.deadline = stats_path, end, deadline
        self.executions = 0
        self.findings: dict[str, dict] = {}
        self.slowest = 0.0
        self.last_write = 0.0
        self.current = stats_path.with_suffix(".current")

    def one(self, data: bytes) -> None:
        # The input on disk first: if it hangs for good, the parent can save it.
        if len(data) > 0:
            self.current.write_bytes(data)
        start = time.perf_counter()
        try:
            run_one(data)
        except Exception as exc:  # noqa: BLE001 - every exception but ExtractError is a finding
            key = finding_key(exc)
            if key not in self.findings:
                path = save_input(data, "crash")
                self.findings[key] = {"key": key, "input": str(path),
                                      "traceback": "".join(traceback.format_exception(exc))[-3000:]}
        took = time.perf_counter() - start
        self.slowest = max(self.slowest, took)
        if took > self.deadline:
            key = f"hang over {self.deadline:g} s ({took:.1f} s) reading as {NAMES[data[0] % len(NAMES)]}"
            bucket = f"hang:{NAMES[data[0] % len(NAMES)]}"
            if bucket not in self.findings:
                self.findings[bucket] = {"key": key, "input": str(save_input(data, "hang")), "traceback": ""}
        self.executions += 1
        now = time.monotonic()
        if now - self.last_write >= STATS_EVERY_SECS or now >= self.end:
            self.write()
        if now >= self.end:
            self.write()
            os._exit(0)  # libFuzzer's loop never returns: leave from here

    def write(self) -> None:
        self.last_write = time.monotonic()
        tmp = self.stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"executions": self.executions, "slowest": self.slowest,
                                   "findings": list(self.findings.values())}))
        os.replace(tmp, self.stats_path)


def child(args) -> None:
    stats = Path(args.stats)
    worker = Worker(stats, time.monotonic() + args.seconds, args.deadline)
    corpus = seeds()
    try:
        import atheris
    except ImportError:
        atheris = None
    if atheris is None or args.engine == "random":
        import citecheck.extract  # noqa: F401 - import time is not fuzzing time
        import faulthandler

        rng = random.Random(args.seed)
        pool = list(corpus)
        kill_after = max(10.0, args.deadline * KILL_AFTER_DEADLINES)
        while True:
            data = mutate(rng.choice(pool), rng)
            # A watchdog thread: it fires even while a regex holds the GIL in C.
            faulthandler.dump_traceback_later(kill_after, exit=True)
            worker.one(data)
            faulthandler.cancel_dump_traceback_later()
            if rng.random() < 0.02 and len(pool) < 500:
                pool.append(data)  # keep some mutants: mutations stack up
    with atheris.instrument_imports(include=["citecheck"]):
        import citecheck.extract  # noqa: F401
        import citecheck.extract.parse  # noqa: F401

    def custom_mutator(data: bytes, max_size: int, seed: int) -> bytes:
        rng = random.Random(seed)
        if rng.random() < 0.5:
            return atheris.Mutate(data, max_size)
        return mutate(data, rng, max_size)

    corpus_dir = Path(tempfile.mkdtemp(prefix="citecheck-fuzz-corpus-"))
    for i, data in enumerate(corpus):
        (corpus_dir / f"seed-{i:03d}").write_bytes(data)
    kill_after = max(10, int(args.deadline * KILL_AFTER_DEADLINES))
    argv = [sys.argv[0], str(corpus_dir), f"-timeout={kill_after}", f"-max_len={MAX_INPUT_BYTES}",
            f"-seed={args.seed}", "-rss_limit_mb=3072", f"-artifact_prefix={OUT}/", "-print_final_stats=0"]
    OUT.mkdir(parents=True, exist_ok=True)
    atheris.Setup(argv, worker.one, custom_mutator=custom_mutator)
    atheris.Fuzz()


# --- the parent -----------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to fuzz (default 60)")
    parser.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_SECS,
                        help=f"seconds one input may take (default {DEFAULT_DEADLINE_SECS:g})")
    parser.add_argument("--engine", choices=("atheris", "random"), default="atheris",
                        help="atheris when installed (default), else a plain random loop")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0

    try:
        import atheris  # noqa: F401
        engine = args.engine
    except ImportError:
        engine = "random"
        print("atheris is not installed (pip install atheris): using the random mutation loop", file=sys.stderr)
    start = time.monotonic()
    end = start + args.seconds
    executions, slowest, restarts = 0, 0.0, 0
    findings: dict[str, dict] = {}
    kill_after = max(10, args.deadline * KILL_AFTER_DEADLINES)
    seed = args.seed
    with tempfile.TemporaryDirectory(prefix="citecheck-fuzz-") as tmp:
        while time.monotonic() < end - 1:
            stats = Path(tmp) / f"stats-{seed}.json"
            cmd = [sys.executable, __file__, "--child", "--stats", str(stats), "--engine", engine,
                   "--seconds", str(end - time.monotonic()), "--deadline", str(args.deadline), "--seed", str(seed)]
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                _, err = proc.communicate(timeout=end - time.monotonic() + kill_after + 30)
            except subprocess.TimeoutExpired:
                proc.kill()
                _, err = proc.communicate()
            got = json.loads(stats.read_text()) if stats.exists() else {"executions": 0, "findings": [], "slowest": 0}
            executions += got["executions"]
            slowest = max(slowest, got["slowest"])
            for f in got["findings"]:
                findings.setdefault(f["key"], f)
            if proc.returncode != 0:
                # libFuzzer stopped the child: a hang past -timeout, memory past -rss_limit_mb, a crash in C.
                current = stats.with_suffix(".current")
                saved = save_input(current.read_bytes(), "killed") if current.exists() else None
                tail = "\n".join((err or "").strip().splitlines()[-15:])
                key = f"child stopped (exit {proc.returncode})"
                findings.setdefault(key + f" #{restarts}", {"key": key, "input": str(saved), "traceback": tail})
                restarts += 1
                seed += 1
                continue
            break
    elapsed = time.monotonic() - start
    print(f"engine: {engine}; seconds: {elapsed:.0f}; per-input deadline: {args.deadline:g} s")
    print(f"executions: {executions}")
    print(f"executions/s: {executions / elapsed:.1f}")
    print(f"slowest input: {slowest:.2f} s")
    print(f"child restarts: {restarts}")
    print(f"findings: {len(findings)}")
    for f in findings.values():
        print(f"\n--- {f['key']}\ninput: {f['input']}\n{f['traceback']}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
