"""Reading inputs: directories with globs, bad files, and article URLs (no network: `responses`)."""

from __future__ import annotations

import http.server
import io
import os
import socket
import threading
import time

import pytest
import responses

from citecheck.inputs import check_url, fetch_url, read_inputs, UrlRefused

PAGE = b"<html><body><h2>References</h2><ol><li>Zheng L. Ketamine. Pain. 2019;160:1-9.</li></ol></body></html>"


def public(host, port, *args, **kwargs):
    return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]


def resolver(*addresses):
    def resolve(host, port, *args, **kwargs):
        return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in addresses]
    return resolve


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.md").write_text("# A\n")
    (tmp_path / "drafts" / "b.docx").write_bytes(b"PK")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "c.txt").write_text("c")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("d")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "refs.bib").write_text("@article{x, title={T}}")
    return tmp_path


def _names(inputs, root):
    return [os.path.relpath(i.path, root) for i in inputs]


def test_directory_is_read_recursively_with_every_article_format(tree):
    assert _names(read_inputs([str(tree)]), tree) == ["drafts/a.md", "drafts/b.docx", "old/c.txt", "refs.bib"]


def test_include_and_exclude_globs(tree):
    assert _names(read_inputs([str(tree)], include=["*.md", "*.txt"]), tree) == ["drafts/a.md", "old/c.txt"]
    assert _names(read_inputs([str(tree)], exclude=["old/"]), tree) == ["drafts/a.md", "drafts/b.docx", "refs.bib"]
    assert _names(read_inputs([str(tree)], exclude=["*.docx", "*.bib"]), tree) == ["drafts/a.md", "old/c.txt"]
    assert _names(read_inputs([str(tree)], include=["drafts/*"]), tree) == ["drafts/a.md", "drafts/b.docx"]
    [empty] = read_inputs([str(tree)], include=["*.rtf"])
    assert empty.error == "a directory with no articles matching --include/--exclude in it"


def test_bad_paths_give_one_line_errors(tmp_path):
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2048)
    inputs = read_inputs([str(tmp_path / "missing.txt"), str(tmp_path / "dangling"), str(big)], max_bytes=1024)
    assert [i.error for i in inputs] == ["no such file", "a link to a file that does not exist",
                                         "0 MB, larger than the 0 MB limit (--max-file-mb)"]


def test_stdin_is_read_and_bounded():
    assert read_inputs(["-"], stdin=io.BytesIO(b"hello"))[0].data == b"hello"
    assert "limit" in read_inputs(["-"], stdin=io.BytesIO(b"x" * 10), max_bytes=5)[0].error


@responses.activate
def test_url_page_is_fetched():
    responses.get("https://clinic.example/ketamine", body=PAGE, content_type="text/html; charset=utf-8")
    [item] = read_inputs(["https://clinic.example/ketamine"], resolve=public)
    assert item.data == PAGE and item.error is None
    from citecheck.extract import extract_bytes
    assert extract_bytes(item.data, item.path).citations[0].journal == "Pain"


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://clinic.example/a.html", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("https://user:pw@clinic.example/", "user name or password"),
])
def test_only_http_and_https(url, message):
    assert message in fetch_url(url, resolve=public).error


@pytest.mark.parametrize(("addresses", "kind"), [
    (("127.0.0.1",), "loopback"),
    (("10.1.2.3",), "private"),
    (("192.168.0.10",), "private"),
    (("169.254.169.254",), "link-local"),
    (("::1",), "loopback"),
    (("::ffff:127.0.0.1",), "loopback"),
    (("93.184.215.14", "10.0.0.7"), "private"),  # every resolved address is checked
])
def test_private_addresses_are_refused(addresses, kind):
    with pytest.raises(UrlRefused, match=f"a {kind} address.*--allow-private-urls"):
        check_url("http://intranet.example/", resolve=resolver(*addresses))
    check_url("http://intranet.example/", allow_private=True, resolve=resolver(*addresses))


@responses.activate
def test_redirect_to_a_private_address_is_refused():
    responses.get("https://clinic.example/a", status=302, headers={"Location": "http://internal.example/admin"})

    def resolve(host, port, *args, **kwargs):
        return resolver("10.0.0.5" if host == "internal.example" else "93.184.215.14")(host, port)

    item = fetch_url("https://clinic.example/a", resolve=resolve)
    assert "private address" in item.error
    assert len(responses.calls) == 1  # the private address was never asked


@responses.activate
def test_redirects_are_bounded_and_followed():
    for i in range(7):
        responses.get(f"https://clinic.example/{i}", status=301, headers={"Location": f"/{i + 1}"})
    responses.get("https://clinic.example/7", body=PAGE, content_type="text/html")
    assert "more than 5 redirects" in fetch_url("https://clinic.example/0", resolve=public).error
    assert fetch_url("https://clinic.example/3", resolve=public).data == PAGE


@responses.activate
def test_size_type_and_status_limits():
    responses.get("https://clinic.example/big", body=b"x" * 5000, content_type="text/html")
    responses.get("https://clinic.example/paper.pdf", body=b"%PDF-1.7", content_type="application/pdf")
    responses.get("https://clinic.example/gone", status=404)
    assert "larger than" in fetch_url("https://clinic.example/big", max_bytes=1000, resolve=public).error
    assert "not an HTML page (application/pdf)" in fetch_url("https://clinic.example/paper.pdf", resolve=public).error
    assert fetch_url("https://clinic.example/gone", resolve=public).error.startswith("the server answered 404")


@responses.activate
def test_network_failure_is_an_input_error():
    import requests
    responses.get("https://clinic.example/slow", body=requests.exceptions.ConnectTimeout())
    responses.get("https://clinic.example/reset", body=requests.exceptions.ConnectionError("reset"))
    assert "no answer for 10 s" in fetch_url("https://clinic.example/slow", resolve=public).error
    assert "could not fetch" in fetch_url("https://clinic.example/reset", resolve=public).error


#: pieces of the trickled page sent (trial 12, F6)
TRICKLE_PIECES = 100


class _Pages(http.server.BaseHTTPRequestHandler):
    sent: list = []  # how many pieces of /trickle each request sent

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path == "/trickle":
            # The headers at once, then the page a few bytes at a time, 0.1 s apart (10 s in all).
            body = b"<html><body><p>" + b"x" * TRICKLE_PIECES + b"</p></body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:15])
            self.sent.append(0)
            try:
                for k in range(TRICKLE_PIECES):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    self.sent[-1] += 1
                    time.sleep(0.1)
                self.wfile.write(body[-18:])
            except OSError:  # the client hung up
                pass
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


@pytest.fixture()
def local_page():
    """An HTML page served on 127.0.0.1 (the port it listens on)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_the_download_connects_to_the_address_that_was_checked(local_page):
    # The host name exists only in our resolver: the page arrives, so the connection went
    # to the address the resolver gave, not to a second, system look-up of the name.
    asked = []

    def resolve(host, port, *args, **kwargs):
        asked.append(host)
        return resolver("127.0.0.1")(host, port)

    item = fetch_url(f"http://clinic.example:{local_page}/a", allow_private=True, resolve=resolve)
    assert item.error is None and item.data == PAGE
    assert asked == ["clinic.example"]


def test_dns_rebinding_after_the_check_is_refused(local_page):
    # The first answer (the check) is public; the next (the connection) is loopback.
    answers = iter(["93.184.215.14", "127.0.0.1"])

    def rebinding(host, port, *args, **kwargs):
        return resolver(next(answers, "127.0.0.1"))(host, port)

    item = fetch_url(f"http://clinic.example:{local_page}/a", resolve=rebinding)
    assert item.data is None and "loopback address (127.0.0.1)" in item.error


def test_a_page_trickled_slowly_is_given_up_at_the_deadline_not_after_it_arrives(local_page):
    # Trial 12, F6: a server sending its page a packet every 2 s held a 30 s limit for 122 s:
    # the deadline was checked only once a 64 KB chunk had come in.  Now each packet is checked.
    _Pages.sent.clear()
    item = fetch_url(f"http://127.0.0.1:{local_page}/trickle", allow_private=True, deadline_secs=1)
    assert item.error == "the download took longer than 1 s"
    assert _Pages.sent and _Pages.sent[0] < TRICKLE_PIECES  # given up while the page was still coming

