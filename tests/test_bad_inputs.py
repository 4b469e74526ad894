"""Bad inputs through the command line (issue 7): each bad file gets one line on stderr
naming it, the other inputs are still checked, the run exits 2, never a traceback;
text in any encoding and line ending keeps its line numbers; article URLs are
fenced in.  docs/bad-inputs.md lists every case with the test behind it.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
import responses

import citecheck.inputs
from tests.conftest import FIXTURES, ROOT, run_cli
from tests.conftest import encrypted_pdf as _encrypted_pdf
from tests.conftest import make_zip as _zip

#: One reference the fake Crossref verifies (fixtures/sample-article.md, line 68).
BERMAN = ("Berman, R. M., Cappiello, A., Anand, A., Oren, D. A., Heninger, G. R., Charney, D. S., & Krystal, J. H. "
          "(2000). Antidepressant effects of ketamine in depressed patients. *Biological Psychiatry, 47*(4), 351–354.")
GOOD_ARTICLE = f"# Ketamine\n\nKetamine helps (Berman et al., 2000).\n\n## References\n\n- {BERMAN}\n"
#: A reference list in plain text; the entries start on lines 5 and 6.
ARTICLE = ("Ketamine for Chronic Pain\n"
           "Ketamine infusions reduced pain in fibromyalgia (Zheng et al., 2019).\n"
           "\n"
           "References\n"
           "Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.\n"
           "Müller, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.\n")


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")
    return path


def check(fake, *paths: str, extra: tuple[str, ...] = (), input=None):
    """`citecheck check` against the fake Crossref, JSON on stdout, nothing but errors on stderr."""
    return run_cli("check", *paths, "--crossref-url", fake.url, "--no-cache", "--quiet", "--format", "json", *extra,
                   input=input)


def assert_one_bad_input(run, bad: str, message: str, good: Path) -> None:
    """Exit 2; exactly one stderr line, naming the bad input; the good article still checked."""
    assert run.exit_code == 2, run.stderr
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"citecheck: {bad}: "), lines
    assert message in lines[0], lines
    docs = {d["path"]: d for d in run.json()["documents"]}
    assert message in docs[bad]["error"]
    assert docs[bad]["citations"] == []
    assert docs[str(good)]["error"] is None
    assert [c["verdict"] for c in docs[str(good)]["citations"]] == ["verified"]




def _zip_bomb(unpacked_mb: int) -> bytes:
    """A .docx-looking zip whose one extra member inflates to ``unpacked_mb`` MB of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w/>")
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buf.getvalue()


def _docx_members() -> dict[str, bytes]:
    with zipfile.ZipFile(FIXTURES / "articles" / "clinic.docx") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _lying_zip_bomb() -> bytes:
    """A real .docx whose document.xml inflates to 16 MB but declares 2 KB (headers rewritten)."""
    members = _docx_members()
    body = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * (16 * 2**20 // 34)
    members["word/document.xml"] = members["word/document.xml"].replace(b"<w:body>", b"<w:body>" + body, 1)
    data = bytearray(_zip(members))
    # The uncompressed size of word/document.xml, in its local and its central header.
    for signature, size_at, name_len_at, header_len in ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)):
        pos = 0
        while (pos := data.find(signature, pos)) >= 0:
            name_len = struct.unpack_from("<H", data, pos + name_len_at)[0]
            if bytes(data[pos + header_len:pos + header_len + name_len]) == b"word/document.xml":
                struct.pack_into("<I", data, pos + size_at, 2048)
            pos += 4
    return bytes(data)


# Each case: (file name, bytes or a maker, message on stderr).
BAD_FILES = {
    "binary": ("data.txt", bytes(range(256)) * 40, "binary file, not an article"),
    "binary-no-suffix": ("blob", b"\x01\x02" + random.Random(0).randbytes(4096) + b"\0" * 512,
                         "binary file, not an article"),
    "png": ("figure.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "not an article: a PNG image"),
    "png-named-md": ("article.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64,
                     "not an article: a PNG image"),
    "jpeg": ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64, "not an article: a JPEG image"),
    "docx-not-zip": ("draft.docx", b"Hello, this is a plain text draft saved as .docx\n",
                     "not a Word document: a .docx file is a zip archive and this one is not"),
    "docx-broken-zip": ("draft.docx", (FIXTURES / "articles" / "clinic.docx").read_bytes()[:5000],
                        "not an article: a broken zip archive"),
    "docx-zip-bomb": ("bomb.docx", lambda: _zip_bomb(300), "a zip bomb?"),
    "docx-lying-zip-bomb": ("liar.docx", _lying_zip_bomb, "a broken Word document"),
    "docx-bad-xml": ("broken.docx", lambda: _zip({**_docx_members(), "word/document.xml": b"<w:document><not xml"}),
                     "a broken Word document (XMLSyntaxError"),
    "pdf-encrypted": ("locked.pdf", _encrypted_pdf, "an encrypted PDF: it needs a password to open"),
    # (found by benchmarks/fuzz.py: pypdf raises NotImplementedError for a filter it does not know)
    "pdf-unknown-filter": ("filter.pdf", lambda: (FIXTURES / "articles" / "clinic.pdf").read_bytes()
                           .replace(b"/FlateDecode", b"/FlateDecodX"), "a broken PDF (NotImplementedError"),
    "pdf-broken": ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer\n%%EOF",
                   "a broken PDF (PdfReadError"),
    "pdf-truncated": ("cut.pdf", (FIXTURES / "articles" / "clinic.pdf").read_bytes()[:1200], "a broken PDF"),
    "pdf-not-pdf": ("fake.pdf", b"just some text\n", "not a PDF: the file does not start with %PDF-"),
    # (trial 16: an empty PDF was "not a PDF: the file does not start with %PDF-")
    "pdf-empty": ("empty.pdf", b"", "an empty file (0 bytes)"),
    "docx-empty": ("empty.docx", b"\n\n", "an empty file (white space only)"),
    "excel": ("sheet.docx", lambda: _zip({"xl/workbook.xml": b"<x/>"}), "not an article: an Excel spreadsheet"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_file_is_named_and_the_others_still_checked(fake_crossref, tmp_path, good, case):
    name, content, message = BAD_FILES[case]
    bad = tmp_path / name
    bad.write_bytes(content() if callable(content) else content)
    run = check(fake_crossref, str(bad), str(good))
    assert_one_bad_input(run, str(bad), message, good)


def test_missing_path(fake_crossref, tmp_path, good):
    bad = str(tmp_path / "missing.md")
    assert_one_bad_input(check(fake_crossref, bad, str(good)), bad, "no such file", good)


def test_dangling_symlink(fake_crossref, tmp_path, good):
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "deleted.md")
    assert_one_bad_input(check(fake_crossref, str(link), str(good)), str(link),
                         "a link to a file that does not exist", good)


def test_dangling_symlink_inside_a_directory_is_reported(fake_crossref, tmp_path, good):
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "old.md").symlink_to(tmp_path / "deleted.md")
    run = check(fake_crossref, str(folder), str(good))
    assert_one_bad_input(run, str(folder / "old.md"), "a link to a file that does not exist", good)


def test_directory_with_no_articles(fake_crossref, tmp_path, good):
    folder = tmp_path / "pictures"
    folder.mkdir()
    (folder / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "notes.xyz").write_text("not an article")
    assert_one_bad_input(check(fake_crossref, str(folder), str(good)), str(folder),
                         "a directory with no articles (.txt, .md, .html, .docx, .pdf, .bib, .ris, .nbib, or CSL and EndNote exports) in it", good)


def test_file_over_the_size_cap(fake_crossref, tmp_path, good):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Ketamine. " * (2 * 2**20 // 10 + 1))
    run = check(fake_crossref, str(big), str(good), extra=("--max-file-mb", "1"))
    assert_one_bad_input(run, str(big), "2 MB, larger than the 1 MB limit (--max-file-mb)", good)


def test_standard_input_over_the_size_cap(fake_crossref):
    run = check(fake_crossref, "-", extra=("--max-file-mb", "1"), input=b"x" * (2**20 + 1))
    assert run.exit_code == 2
    assert run.stderr == "citecheck: -: larger than the 1 MB limit (--max-file-mb)\n"


def test_permission_denied_in_process(fake_crossref, tmp_path, good, monkeypatch):
    """The OSError a read-protected file raises, on any OS and as any user."""
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD_ARTICLE)
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    assert_one_bad_input(check(fake_crossref, str(secret), str(good)), str(secret), "permission denied", good)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX permissions and fork only")
def test_permission_denied_for_real(fake_crossref):
    """chmod 000, really read: as an ordinary user in-process; as root (who reads
    anything) in a forked child that has dropped to user nobody first."""
    import citecheck.run  # noqa: F401 - imported before the fork: nobody may not read the venv

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)
        good = folder / "good.md"
        good.write_text(GOOD_ARTICLE)
        good.chmod(0o644)
        secret = folder / "secret.md"
        secret.write_text(GOOD_ARTICLE)
        secret.chmod(0o000)
        args = ("check", str(secret), str(good), "--crossref-url", fake_crossref.url, "--no-cache", "--quiet",
                "--format", "json")
        if os.geteuid() != 0:
            assert_one_bad_input(run_cli(*args), str(secret), "permission denied", good)
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: drop root, run, send the outcome, leave at once
            try:
                os.close(read_end)
                os.setgid(65534)
                os.setuid(65534)
                run = run_cli(*args)
                payload = [run.exit_code, run.stdout, run.stderr]
            except BaseException as exc:  # noqa: BLE001 - reported to the parent
                payload = [-1, "", f"child failed: {exc!r}"]
            with os.fdopen(write_end, "w") as out:
                out.write(json.dumps(payload))
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as inp:
            exit_code, stdout, stderr = json.loads(inp.read())
        os.waitpid(pid, 0)
        assert exit_code == 2, stderr
        assert stderr == f"citecheck: {secret}: permission denied\n"
        docs = {d["path"]: d for d in json.loads(stdout)["documents"]}
        assert [c["verdict"] for c in docs[str(good)]["citations"]] == ["verified"]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"\xef\xbb\xbf", "Ketamine helps. Nothing is cited here.\n".encode()])
def test_empty_files_and_files_without_references_are_not_errors(fake_crossref, tmp_path, good, content):
    empty = tmp_path / "empty.md"
    empty.write_bytes(content)
    run = check(fake_crossref, str(empty), str(good))
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    docs = {d["path"]: d for d in run.json()["documents"]}
    assert docs[str(empty)]["error"] is None and docs[str(empty)]["citations"] == []


def test_empty_standard_input_is_not_an_error(fake_crossref):
    run = check(fake_crossref, "-", input=b"")
    assert run.exit_code == 0 and run.stderr == ""
    assert run.json()["documents"][0]["citations"] == []


@pytest.mark.parametrize("reference", [[""], ["   "], ["\t", " \n"]])
def test_lookup_of_an_empty_reference_is_a_usage_error(fake_crossref, reference):
    run = run_cli("lookup", *reference, "--crossref-url", fake_crossref.url, "--no-cache", "--format", "json")
    assert run.exit_code == 2 and run.stdout == ""
    assert run.stderr == "citecheck: lookup: the reference is empty; give it as written, in quotes\n"
    assert fake_crossref.requests == []


def test_many_bad_inputs_one_line_each_in_a_real_process_without_traceback(fake_crossref, tmp_path, good):
    """As a shell runs it: a subprocess, so nothing (logging, warnings, a traceback) hides from capture."""
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    (tmp_path / "draft.docx").write_bytes(b"plain text")
    (tmp_path / "bomb.docx").write_bytes(_zip_bomb(300))
    (tmp_path / "locked.pdf").write_bytes(_encrypted_pdf())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "big.txt").write_bytes(b"x" * (2**20 + 10))
    (tmp_path / "empty.txt").write_bytes(b"")
    bad = ["missing.md", "dangling.md", "empty-dir", "image.md", "draft.docx", "bomb.docx", "locked.pdf",
           "broken.pdf", "binary.txt", "big.txt"]
    paths = [str(tmp_path / n) for n in bad] + [str(tmp_path / "empty.txt"), str(good)]
    proc = subprocess.run([sys.executable, "-m", "citecheck", "check", *paths, "--crossref-url", fake_crossref.url,
                           "--no-cache", "--format", "json", "--max-file-mb", "1"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "COLUMNS": "200", "CITECHECK_MAILTO": "test@example.org"})
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    errors = [line for line in proc.stderr.splitlines() if not line.startswith("citecheck: 1 verified")]
    assert all(line.startswith("citecheck: ") for line in errors), errors
    assert [line.split(": ")[1] for line in errors] == [str(tmp_path / n) for n in bad]
    docs = {d["path"]: d for d in json.loads(proc.stdout)["documents"]}
    assert docs[str(tmp_path / "empty.txt")]["error"] is None
    assert [c["verdict"] for c in docs[str(good)]["citations"]] == ["verified"]


# --- text as it comes ----------------------------------------------------------

def extract_json(tmp_path: Path, name: str, data: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(data)
    run = run_cli("extract", str(path), "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    return run.json()["documents"][0]


@pytest.mark.parametrize(("encoding", "data"), [
    ("utf-8", ARTICLE.encode()),
    ("utf-8-bom", codecs.BOM_UTF8 + ARTICLE.encode()),
    ("latin-1", ARTICLE.encode("latin-1")),
    ("cp1252", ARTICLE.replace("Ketamine pharmacology", "Ketamine\u2019s \u201crole\u201d \u2013 a review")
     .encode("cp1252")),
    ("utf-16-le-bom", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be")),
    ("utf-8-invalid-byte", ARTICLE.encode().replace(b"Low-dose", b"Low\xffdose")),
])
def test_encodings_keep_text_and_lines(tmp_path, encoding, data):
    doc = extract_json(tmp_path, "article.txt", data)
    assert [c["line"] for c in doc["citations"]] == [5, 6]
    assert doc["citations"][1]["authors"][0] == "Müller"  # never "MÃ¼ller"
    assert doc["citations"][1]["journal"] == "The Lancet"
    if encoding == "cp1252":
        assert doc["citations"][1]["title"] == "Ketamine\u2019s \u201crole\u201d - a review"
    if encoding == "utf-8-invalid-byte":
        assert doc["citations"][0]["title"] == "Low\ufffddose ketamine in fibromyalgia"


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_mixed_line_endings_keep_line_numbers(tmp_path, fmt):
    lines = ["Ketamine for pain", "Infusions helped (Zheng et al., 2019).", "", "References",
             "Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-169.",
             "", "Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8.",
             "Mion G, Villela JL. Ketamine pharmacology. Lancet. 2003;362:395-402."]
    if fmt == "html":
        lines = ["<html><body>", "<p>Infusions helped.</p>", "", "<h2>References</h2>",
                 "<p>Zheng L, Patel K. Low-dose ketamine in fibromyalgia. Pain Med. 2019;20(1):161-169.</p>", "",
                 "<p>Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8.</p>",
                 "<p>Mion G, Villela JL. Ketamine pharmacology. Lancet. 2003;362:395-402.</p></body></html>"]
    # (an empty line after a "\r" must not end in "\n": "\r" + "\n" is one "\r\n")
    endings = ["\r\n", "\n", "\r", "\r\n", "\r", "\r", "\n", "\r\n"]
    data = "".join(line + end for line, end in zip(lines, endings)).encode()
    doc = extract_json(tmp_path, f"article.{fmt}", data)
    assert [c["line"] for c in doc["citations"]] == [5, 7, 8]
    assert [c["year"] for c in doc["citations"]] == [2019, 2014, 2003]


def test_nul_bytes_are_dropped(tmp_path):
    data = ARTICLE.encode().replace(b"Low-dose", b"Low-\x00dose").replace(b"References", b"Refer\x00ences")
    doc = extract_json(tmp_path, "article.txt", data)
    assert [c["line"] for c in doc["citations"]] == [5, 6]
    assert doc["citations"][0]["title"] == "Low-dose ketamine in fibromyalgia"


@pytest.mark.parametrize(("opener", "closer"), [
    ("<div>", "</div>"),
    ("<div>", ""),  # never closed
    ("<sup>", "</sup>"),  # each <sup> is looked at as a note marker
    ("<b><i>", "</i></b>"),
    ("<ol><li>", "</li></ol>"),
    ("<a href='https://doi.org/10.1/x'>", "</a>"),  # each link's anchor text is read
])
def test_deeply_nested_html_has_no_recursion_error(tmp_path, opener, closer):
    depth = 30_000
    html = ("<html><body><p>Ketamine helps.</p>" + opener * depth + "deep" + closer * depth
            + "\n<h2>References</h2>\n<ol><li>Zheng L. Ketamine in pain. Pain. 2019;160:1-9.</li></ol></body></html>")
    run = run_cli("extract", str(_write(tmp_path / "deep.html", html.encode())), "--format", "json")
    assert run.exit_code == 0, run.stderr[-2000:]
    doc = run.json()["documents"][0]
    assert [(c["line"], c["journal"]) for c in doc["citations"]][-1] == (3, "Pain")


def test_markdown_runs_of_brackets_parse_in_time(tmp_path):
    """benchmarks/fuzz.py: 20,000 "[" then "]" on one line took seconds a line (quadratic link regexes)."""
    line = "Ketamine " + "[" * 20_000 + "x" + "]" * 20_000 + " (2019)."
    data = f"# A\n\n{line}\n\n## References\n\n1. Zheng L. Ketamine in pain. Pain. 2019;160:1-9.\n" * 20
    doc = extract_json(tmp_path, "brackets.md", data.encode())
    assert len(doc["citations"]) >= 1 and doc["citations"][0]["journal"] == "Pain"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_long_entry_full_of_quotes_parses_in_time(tmp_path):
    """benchmarks/fuzz.py found a 256 KB entry of "<a href='...'>" that took minutes to parse."""
    entry = "1. Smith J. Ketamine " + "<a href='https://doi.org/10.1/x'>" * 6000 + ". Pain. 2019;1:1-9."
    doc = extract_json(tmp_path, "long.md", f"# A\n\n## References\n\n{entry}\n".encode())
    assert doc["citations"][0]["line"] == 5


# --- article URLs through the command line ------------------------------------------

PAGE = b"<html><body><h2>References</h2><ol><li>Zheng L. Ketamine. Pain. 2019;160:1-9.</li></ol></body></html>"


@pytest.fixture
def dns(monkeypatch):
    """Host names resolve as the test says (default: a public address); no real DNS."""
    table: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in table and not host.endswith(".example"):
            return real(host, port, *args, **kwargs)  # the fake Crossref's 127.0.0.1
        addr = table.get(host, "93.184.215.14")
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (addr, port))]

    monkeypatch.setattr(citecheck.inputs.socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.fixture
def web(fake_crossref):
    """`responses` for the article pages; the fake Crossref still answers for real."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_passthru(fake_crossref.url)
        yield mock


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://clinic.example/a.html", "only http and https URLs are read, not ftp:"),
    ("file:///etc/passwd", "only http and https URLs are read, not file:"),
    ("javascript://alert(1)", "only http and https URLs are read, not javascript:"),
    ("https://user:pw@clinic.example/", "a URL with a user name or password is not read"),
])
def test_url_schemes_other_than_http_are_refused(fake_crossref, web, dns, good, url, message):
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, message, good)
    assert not [c for c in web.calls if "clinic.example" in c.request.url]


@pytest.mark.parametrize(("host", "address", "kind"), [
    ("localhost", "127.0.0.1", "loopback"),
    ("metadata.internal", "169.254.169.254", "link-local"),
    ("intranet.example", "10.20.30.40", "private"),
    ("v6.example", "::1", "loopback"),
    ("v6mapped.example", "::ffff:192.168.1.1", "private"),
])
def test_private_addresses_refused_unless_allowed(fake_crossref, web, dns, good, host, address, kind):
    dns[host] = address
    url = f"http://{host}/article"
    web.get(url, body=PAGE, content_type="text/html")
    run = check(fake_crossref, url, str(good))
    assert_one_bad_input(run, url, f"{host} is a {kind} address", good)
    assert "--allow-private-urls" in run.stderr
    assert not [c for c in web.calls if host in c.request.url]

    allowed = check(fake_crossref, url, str(good), extra=("--allow-private-urls",))
    assert allowed.exit_code in (0, 1), allowed.stderr  # read and checked
    docs = {d["path"]: d for d in allowed.json()["documents"]}
    assert docs[url]["error"] is None and len(docs[url]["citations"]) == 1


def test_literal_private_address_is_refused(fake_crossref, web, good):
    url = "http://169.254.169.254/latest/meta-data/"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "a link-local address", good)
    assert not [c for c in web.calls if "169.254" in c.request.url]


def test_redirect_is_rechecked(fake_crossref, web, dns, good):
    dns["internal.example"] = "10.0.0.5"
    web.get("https://clinic.example/a", status=302, headers={"Location": "http://internal.example/admin"})
    url = "https://clinic.example/a"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "internal.example is a private address", good)
    assert [c.request.url for c in web.calls if "example" in c.request.url] == ["https://clinic.example/a"]


def test_redirect_to_another_scheme_is_refused(fake_crossref, web, dns, good):
    web.get("https://clinic.example/a", status=301, headers={"Location": "file:///etc/passwd"})
    url = "https://clinic.example/a"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "only http and https", good)


def test_redirects_are_bounded(fake_crossref, web, dns, good):
    for i in range(10):
        web.get(f"https://clinic.example/{i}", status=302, headers={"Location": f"/{i + 1}"})
    url = "https://clinic.example/0"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "more than 5 redirects", good)
    assert len([c for c in web.calls if "clinic.example" in c.request.url]) == 6


def test_page_over_the_size_cap(fake_crossref, web, dns, good):
    web.get("https://clinic.example/big", body=b"<html>" + b"x" * (2 * 2**20), content_type="text/html")
    web.get("https://clinic.example/declared", body=b"<html></html>", content_type="text/html",
            headers={"Content-Length": str(50 * 2**20)}, auto_calculate_content_length=False)
    url = "https://clinic.example/big"
    assert_one_bad_input(check(fake_crossref, url, str(good), extra=("--max-file-mb", "1")), url,
                         "the page is larger than the 1 MB limit", good)
    url = "https://clinic.example/declared"  # refused on its Content-Length, before the body
    assert_one_bad_input(check(fake_crossref, url, str(good)), url,
                         "the page is 50 MB, larger than the 20 MB limit", good)


def test_page_over_the_deadline(fake_crossref, web, dns, good, monkeypatch):
    """A page that trickles in: the clock jumps 10 s per look; the deadline is 30 s."""

    class Clock:
        now = 0.0

        def monotonic(self):
            self.now += 10.0
            return self.now

    monkeypatch.setattr(citecheck.inputs, "time", Clock())
    web.get("https://clinic.example/slow", body=b"<html>" + b"x" * (512 * 1024), content_type="text/html")
    url = "https://clinic.example/slow"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "the download took longer than 30 s", good)


def test_page_that_never_answers(fake_crossref, web, dns, good):
    import requests

    web.get("https://clinic.example/hang", body=requests.exceptions.ReadTimeout())
    url = "https://clinic.example/hang"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, "no answer for 10 s", good)


@pytest.mark.parametrize(("status", "ctype", "message"), [
    (404, "text/html", "the server answered 404 Not Found"),
    (200, "application/pdf", "not an HTML page (application/pdf)"),
    (200, "image/png", "not an HTML page (image/png)"),
])
def test_page_status_and_type(fake_crossref, web, dns, good, status, ctype, message):
    web.get("https://clinic.example/x", status=status, body=b"%PDF-1.7", content_type=ctype)
    url = "https://clinic.example/x"
    assert_one_bad_input(check(fake_crossref, url, str(good)), url, message, good)


def test_page_is_read_and_checked(fake_crossref, web, dns, good):
    web.get("https://clinic.example/ok", body=GOOD_ARTICLE.replace("# Ketamine", "<html><body>").encode()
            .replace(b"## References", b"<h2>References</h2>"), content_type="text/html; charset=utf-8")
    run = check(fake_crossref, "https://clinic.example/ok")
    assert run.exit_code == 0, run.stderr


def test_any_failure_of_the_pdf_library_is_a_broken_pdf(monkeypatch):
    # pypdf's failures on damaged files are many and unlisted (LimitReachedError on a
    # self-referencing object was another the fuzzer found): each is one line, never a traceback.
    import pypdf

    from citecheck.extract.interface import ExtractError
    from citecheck.extract.pdf import page_texts

    class Unforeseen(Exception):
        pass

    def explode(*args, **kwargs):
        raise Unforeseen("a loop in the object graph")

    monkeypatch.setattr(pypdf, "PdfReader", explode)
    with pytest.raises(ExtractError, match=r"a broken PDF \(Unforeseen: a loop in the object graph\)"):
        page_texts((FIXTURES / "articles" / "clinic.pdf").read_bytes())


def test_a_failure_nobody_foresaw_is_one_line_and_the_others_still_checked(fake_crossref, tmp_path, good, monkeypatch):
    from citecheck.extract.text import TextExtractor

    def broken(self, data):
        raise RuntimeError("an extractor bug")

    monkeypatch.setattr(TextExtractor, "extract", broken)  # good.md is Markdown: still read
    bad = tmp_path / "notes.txt"
    bad.write_text("Some notes.\n", encoding="utf-8")
    run = check(fake_crossref, str(bad), str(good))
    assert_one_bad_input(run, str(bad), "citecheck failed on this file (RuntimeError: an extractor bug); "
                                        "please report it", good)
    extract = run_cli("extract", str(bad), str(good))
    assert extract.exit_code == 2 and "Traceback" not in extract.stderr
    assert "citecheck failed on this file (RuntimeError" in extract.stderr
