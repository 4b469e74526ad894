"""Reading inputs: files, directories, standard input and article URLs.

Each input gives bytes or a one-line error naming what went wrong; one bad
input never stops the others (issue 7).  Article URLs are untrusted: only
http and https, every redirect re-checked, no loopback, private or
link-local address unless the user allows it, a size cap and a deadline.
"""

from __future__ import annotations

import contextlib
import functools
import fnmatch
import ipaddress
import logging
import os
import re
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from citecheck.extract import ARTICLE_SUFFIXES, EXPORT_SUFFIXES, SNIFF_BYTES, is_reference_export

#: Inputs larger than this are refused with a clear message (issue 7: 200 MB by default).
DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
#: Directories never searched (version control, dependencies, caches).
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv",
                          ".tox", ".mypy_cache", ".pytest_cache"})
#: An article page is a few hundred KB; a larger download is refused.
DEFAULT_MAX_URL_BYTES = 20 * 1024 * 1024
#: The whole download, redirects included, must finish within this.
DEFAULT_URL_DEADLINE_SECS = 30.0
#: Redirects followed at most (each one re-checked).
MAX_REDIRECTS = 5
#: Content types accepted from an article URL.
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "citecheck (citation checker; reads one article page)"
_CHUNK_BYTES = 64 * 1024
#: the longest wait for a server's next packet (connecting, headers, or the body)
_STALL_SECS = 10.0
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")

log = logging.getLogger(__name__)

Resolver = Callable[..., list]


@dataclass(frozen=True)
class Input:
    """One document to check: its name as given, and its bytes or the reason it has none."""

    path: str
    data: bytes | None = None
    error: str | None = None


def is_url(path: str) -> bool:
    """True for an argument that names a URL rather than a file ("http://", "ftp://", ...)."""
    # Any scheme, however long ("javascript://", "chrome-extension://"): such an
    # argument is refused as a URL, not looked for as a file.
    return _SCHEME_RE.match(path) is not None


def read_inputs(paths: Iterable[str], stdin=None, max_bytes: int = DEFAULT_MAX_FILE_BYTES, *,
                include: Iterable[str] = (), exclude: Iterable[str] = (), force_exclude: bool = False,
                allow_private_urls: bool = False, url_deadline_secs: float = DEFAULT_URL_DEADLINE_SECS,
                max_url_bytes: int = DEFAULT_MAX_URL_BYTES, session=None,
                resolve: Resolver | None = None, on_warning: Callable[[str], None] | None = None) -> list[Input]:
    """Read each path: a file, a directory (recursively), '-' for standard input, or an
    http(s) URL of an article page.

    ``include``/``exclude``: glob patterns for the files found in directories,
    matched against the path below the directory ("drafts/*.md"), the path as
    given or from the working directory ("content/drafts/*.md") and the file
    name ("*.docx"); files named on the command line are always read, unless
    ``force_exclude``: then ``exclude`` leaves them out too (pre-commit names every file).
    ``allow_private_urls``: let URLs reach loopback, private and link-local
    addresses (an intranet CMS); refused by default.
    ``on_warning``: told of each --exclude pattern that excluded nothing in the directories.
    """
    include, exclude = tuple(include), tuple(exclude)
    inputs: list[Input] = []
    walked: list[str] = []
    used: set[str] = set()
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                inputs.append(Input(path, error=f"larger than the {max_bytes // 2**20} MB limit (--max-file-mb)"))
            else:
                inputs.append(Input(path, data))
            continue
        if is_url(path):
            inputs.append(fetch_url(path, allow_private=allow_private_urls, deadline_secs=url_deadline_secs,
                                    max_bytes=min(max_bytes, max_url_bytes), session=session, resolve=resolve))
            continue
        p = Path(path)
        if p.is_dir():
            walked.append(path)
            found = list(walk(p, include, exclude, used))
            if not found:
                what = "matching --include/--exclude" if include or exclude else \
                    "(.txt, .md, .html, .docx, .pdf, .bib, .ris, .nbib, or CSL and EndNote exports)"
                inputs.append(Input(path, error=f"a directory with no articles {what} in it"))
            inputs.extend(_read_file(f, str(f), max_bytes) for f in found)
        elif force_exclude and _named_file_excluded(path, exclude, used):
            log.info("%s: skipped, excluded by --exclude (--force-exclude)", path)
        else:
            inputs.append(_read_file(p, path, max_bytes))
    if walked and on_warning:
        for pattern in dict.fromkeys(_patterns(exclude)):
            if pattern not in used:
                on_warning(f"--exclude {pattern!r} excluded nothing in {', '.join(walked)}")
    return inputs


def walk(root: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = (),
         used: set[str] | None = None) -> Iterable[Path]:
    """Article files below ``root``, sorted, filtered by the globs; ``used`` collects the
    exclude patterns that excluded something.

    Symbolic links to directories are not followed (no loops); a link to a
    file is listed, and a dangling one too, so that it is reported.
    """
    include, exclude = _patterns(include), _patterns(exclude)
    used = used if used is not None else set()
    prefixes = _root_prefixes(root)
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root)
        kept = []
        for d in sorted(dirnames):
            if d in SKIPPED_DIRS or d.startswith("."):
                continue
            if _excluded(_spellings((rel_dir / d).as_posix() + "/", prefixes), d, exclude, used):
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in filenames:
            if name.startswith("."):
                continue
            spellings = _spellings((rel_dir / name).as_posix(), prefixes)
            if include:
                if not _matching(spellings, name, include):
                    continue
            elif Path(name).suffix.lower() in EXPORT_SUFFIXES:
                if not _holds_export(Path(dirpath) / name):
                    log.info("%s: skipped, not a CSL-JSON, CSL-YAML or EndNote XML reference list (name it, "
                             "or --include it, to check it)", Path(dirpath) / name)
                    continue
            elif Path(name).suffix.lower() not in ARTICLE_SUFFIXES:
                # Said with -v: a file a walk leaves out is never silently unchecked.
                log.info("%s: skipped, not a kind of file citecheck reads (name it, or --include it, "
                         "to check it)", Path(dirpath) / name)
                continue
            if _excluded(spellings, name, exclude, used):
                continue
            out.append(Path(dirpath) / name)
    return sorted(out)


def _holds_export(path: Path) -> bool:
    """True when the file opens as a reference export (read errors: True, to be reported)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return True
    return is_reference_export(head, path.suffix.lower())


def _patterns(patterns: Iterable[str]) -> tuple[str, ...]:
    """Glob patterns without blanks and without a leading "./" (paths are matched without one)."""
    out = []
    for pat in patterns:
        pat = pat.strip()
        while pat.startswith("./"):
            pat = pat[2:]
        if pat:
            out.append(pat)
    return tuple(out)


def _root_prefixes(root: Path) -> tuple[str, ...]:
    """How paths below ``root`` may be spelt before the part below it: "" (below the root), the
    root as given ("content/"), and the root from the working directory (for "$PWD/content")."""
    prefixes = [""]
    given = root.as_posix()
    if given != ".":
        prefixes.append(given.rstrip("/") + "/")
    with contextlib.suppress(OSError, ValueError):
        from_cwd = Path(os.path.abspath(root)).relative_to(Path.cwd()).as_posix()
        prefixes.append("" if from_cwd == "." else from_cwd + "/")
    return tuple(dict.fromkeys(prefixes))


def _spellings(rel: str, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(prefix + rel for prefix in prefixes)


def _matching(paths: tuple[str, ...], name: str, patterns: tuple[str, ...]) -> str | None:
    """The first pattern that matches one of the spellings of a path, or its name; else None."""
    for pat in patterns:
        if "/" not in pat and fnmatch.fnmatch(name, pat):
            return pat
        regex = _glob_regex(pat)
        if any(regex.match(rel) for rel in paths):
            return pat
    return None


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern:
    """A path glob as a regex, as shells and .gitignore read it: ``*`` and ``?`` within one
    folder ("refs/*.bib" is not "refs/old/a.bib"), ``**`` across folders, ``[…]`` a class."""
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        c = pattern[i]
        end = pattern.find("]", i + 2) if c == "[" else -1
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif end > 0:
            inner = pattern[i + 1:end]
            out.append("[" + ("^" + inner[1:] if inner.startswith("!") else inner).replace("\\", "\\\\") + "]")
            i = end + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def _excluded(paths: tuple[str, ...], name: str, patterns: tuple[str, ...], used: set[str]) -> bool:
    """True when a pattern excludes the path; the pattern is added to ``used``."""
    pattern = _matching(paths, name, patterns)
    if pattern is None:
        # "drafts/" or "drafts" excludes everything below that folder.
        pattern = next((p for p in patterns for rel in paths if rel.startswith(p.rstrip("/") + "/")), None)
    if pattern is None:
        return False
    used.add(pattern)
    return True


def _named_file_excluded(path: str, exclude: tuple[str, ...], used: set[str]) -> bool:
    """True when an exclude pattern covers a file named on the command line: matched against
    the path as given and from the working directory, its name, and (a pattern without "/")
    the name of each folder it is in, as a walk would skip that folder."""
    patterns = _patterns(exclude)
    if not patterns:
        return False
    given = Path(path)
    spellings = [given.as_posix().removeprefix("./")]
    with contextlib.suppress(OSError, ValueError):
        spellings.append(Path(os.path.abspath(given)).relative_to(Path.cwd()).as_posix())
    if _excluded(tuple(dict.fromkeys(spellings)), given.name, patterns, used):
        return True
    for folder in given.parent.parts:
        pattern = next((p for p in patterns if "/" not in p.rstrip("/") and fnmatch.fnmatch(folder, p.rstrip("/"))), None)
        if pattern is not None:
            used.add(pattern)
            return True
    return False


def read_file(path: str, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Input:
    """One file's bytes, or the one-line reason it has none (as for an input named on the
    command line)."""
    return _read_file(Path(path), path, max_bytes)


def _read_file(p: Path, name: str, max_bytes: int) -> Input:
    try:
        size = p.stat().st_size
        if size > max_bytes:
            return Input(name, error=f"{size // 2**20} MB, larger than the {max_bytes // 2**20} MB limit (--max-file-mb)")
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # a file that grows while read is still bounded
        if len(data) > max_bytes:
            return Input(name, error=f"larger than the {max_bytes // 2**20} MB limit (--max-file-mb)")
        return Input(name, data)
    except FileNotFoundError:
        return Input(name, error="no such file" if not p.is_symlink() else "a link to a file that does not exist")
    except PermissionError:
        return Input(name, error="permission denied")
    except IsADirectoryError:
        return Input(name, error="a directory")
    except OSError as exc:
        return Input(name, error=exc.strerror or str(exc))


# --- article URLs ------------------------------------------------------------

class UrlRefused(Exception):
    """A URL citecheck will not fetch, with the one-line reason."""


def check_url(url: str, allow_private: bool = False, resolve: Resolver | None = None) -> None:
    """Raise UrlRefused unless ``url`` is http(s) and every address its host resolves to is public.

    Every address is checked, not the first: a host name that resolves to a public
    and a private address is refused (a DNS answer can list both).
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UrlRefused(f"only http and https URLs are read, not {parts.scheme or 'this'}:")
    host = parts.hostname
    if not host:
        raise UrlRefused("a URL with no host")
    if parts.username or parts.password:
        raise UrlRefused("a URL with a user name or password is not read")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        raise UrlRefused("a URL with an invalid port") from None
    checked_addresses(host, port, allow_private, resolve)


def checked_addresses(host: str, port: int, allow_private: bool = False,
                      resolve: Resolver | None = None) -> list[str]:
    """The addresses ``host`` resolves to, in the resolver's order; UrlRefused when it
    resolves to none, or (unless ``allow_private``) when any of them is not public."""
    try:
        infos = (resolve or socket.getaddrinfo)(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise UrlRefused(f"cannot resolve {host}: {getattr(exc, 'strerror', None) or exc}") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise UrlRefused(f"cannot resolve {host}")
    for addr in addresses if not allow_private else ():
        ip = ipaddress.ip_address(addr.split("%", 1)[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise UrlRefused(f"{host} is a {_kind_of(ip)} address ({ip}); "
                             "use --allow-private-urls to read pages on your own network")
    return addresses


def pinned_session(allow_private: bool = False, resolve: Resolver | None = None):
    """A requests Session whose connections go only to addresses checked_addresses approved.

    The host is resolved once per connection, checked, and connected to by address
    (TLS still verifies the certificate against the host name): a DNS answer that
    changes between the check and the connection ("DNS rebinding") cannot steer the
    download to a private address. Through a proxy (HTTP(S)_PROXY) the proxy resolves
    the name, and only check_url's look-up guards it.
    """
    import requests
    from requests.adapters import HTTPAdapter
    from urllib3.connection import HTTPConnection, HTTPSConnection
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    def pinned(base):
        class Pinned(base):
            def _new_conn(self):
                last = None
                for address in checked_addresses(self.host, self.port, allow_private, resolve):
                    self._dns_host = address
                    try:
                        return super()._new_conn()
                    except (NewConnectionError, ConnectTimeoutError) as exc:
                        last = exc  # try the host's next address, as a name look-up would
                raise last
        return Pinned

    pools = {
        "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": pinned(HTTPConnection)}),
        "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": pinned(HTTPSConnection)}),
    }

    class PinnedAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            self.poolmanager.pool_classes_by_scheme = pools

    session = requests.Session()
    session.mount("http://", PinnedAdapter())
    session.mount("https://", PinnedAdapter())
    return session


def _kind_of(ip) -> str:
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_private:
        return "private"
    return "non-public"


def _arriving(resp):
    """The body's bytes as each packet arrives (decoded): urllib3's read1 returns what one read
    of the socket gives, so a server sending a few bytes every second meets the deadline check
    as often; iter_content waits until a whole chunk has come in (a page trickled over two
    minutes held a 30 s limit for all of them)."""
    raw = resp.raw
    if not hasattr(raw, "read1"):  # urllib3 before 2.3
        yield from resp.iter_content(_CHUNK_BYTES)
        return
    from urllib3.exceptions import HTTPError, ReadTimeoutError

    while True:
        try:
            data = raw.read1(_CHUNK_BYTES, decode_content=True)
        except ReadTimeoutError:
            raise UrlRefused(f"the server stopped sending the page for {_STALL_SECS:g} s") from None
        except HTTPError as exc:  # a connection cut, a body that does not decompress
            raise UrlRefused(f"could not fetch the page ({type(exc).__name__})") from None
        if not data:
            return
        yield data


def fetch_url(url: str, *, allow_private: bool = False, deadline_secs: float = DEFAULT_URL_DEADLINE_SECS,
              max_bytes: int = DEFAULT_MAX_URL_BYTES, session=None, resolve: Resolver | None = None) -> Input:
    """Download an article page: an Input with its bytes, or with the reason it has none."""
    import requests

    own = session is None
    session = session or pinned_session(allow_private, resolve)
    deadline = time.monotonic() + deadline_secs
    current = url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private, resolve)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise UrlRefused(f"no answer within {deadline_secs:g} s")
            # The read timeout bounds each wait for the next packet; the deadline, checked as
            # each arrives, bounds the whole download.
            stall = min(_STALL_SECS, remaining)
            with session.get(current, stream=True, allow_redirects=False, timeout=(stall, stall),
                             headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"}) as resp:
                if resp.is_redirect or resp.status_code in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location")
                    if not location:
                        raise UrlRefused(f"a redirect ({resp.status_code}) with no Location")
                    current = urljoin(current, location)
                    continue
                if resp.status_code >= 400:
                    raise UrlRefused(f"the server answered {resp.status_code} {resp.reason or ''}".rstrip())
                ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype and ctype not in HTML_TYPES:
                    raise UrlRefused(f"not an HTML page ({ctype}); download it and check the file instead")
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > max_bytes:
                    raise UrlRefused(f"the page is {int(length) // 2**20} MB, larger than the "
                                     f"{max_bytes // 2**20} MB limit")
                body = bytearray()
                for chunk in _arriving(resp):
                    body.extend(chunk)
                    if len(body) > max_bytes:
                        raise UrlRefused(f"the page is larger than the {max_bytes // 2**20} MB limit")
                    if time.monotonic() > deadline:
                        raise UrlRefused(f"the download took longer than {deadline_secs:g} s")
                return Input(url, bytes(body))
        raise UrlRefused(f"more than {MAX_REDIRECTS} redirects")
    except UrlRefused as exc:
        return Input(url, error=str(exc))
    except requests.exceptions.Timeout:
        return Input(url, error=f"no answer for {min(_STALL_SECS, deadline_secs):g} s")
    except requests.exceptions.ConnectionError as exc:
        if "timed out" in str(exc).lower():  # a read timeout while streaming the body
            return Input(url, error=f"the server stopped sending the page for {_STALL_SECS:g} s")
        return Input(url, error=f"could not fetch the page ({type(exc).__name__})")
    except requests.exceptions.RequestException as exc:
        reason = type(exc).__name__
        return Input(url, error=f"could not fetch the page ({reason})")
    finally:
        if own:
            session.close()
