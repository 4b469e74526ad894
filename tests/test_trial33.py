"""What a web editor checking published pages by URL found (trial 33: ten clinic pages on a local
server): `extract` refused a private address and had no --allow-private-urls; an empty page, a page
built by scripts, a bot check and a meta refresh passed as "no references found", exit 0; a blog's
"Previous / Next" post links were read as a reference."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from citecheck.extract import extract_bytes
from citecheck.extract.html import HtmlExtractor
from citecheck.extract.interface import ExtractError
from tests.conftest import FIXTURES, run_cli

ARTICLE = (FIXTURES / "sample-article.md").read_text()

SPA_SHELL = ('<!doctype html><html><head><title>Heart Health | Clinic</title></head><body><div id="root"></div>'
             '<noscript>You need to enable JavaScript to run this app.</noscript>'
             '<script src="/static/js/main.8f2a.js"></script></body></html>')
BOT_CHECK = ('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser '
             'before accessing clinic.example</h1><p>This process is automatic.</p>'
             '<script>setTimeout(function(){location.reload()},5000)</script></body></html>')
REFRESH = ('<html><head><meta http-equiv="refresh" content="0; url=/blog/a/"><title>Moved</title></head>'
           '<body>This page has moved.</body></html>')


@pytest.mark.parametrize("page, why", [
    (SPA_SHELL, "its text is built by scripts in a browser; open it in a browser, save the page, and check that file"),
    (BOT_CHECK, "a bot check answered instead of the article; open it in a browser, save the page, and check that file"),
    (REFRESH, "a page that sends the browser elsewhere (meta refresh); open it in a browser, save the page, and "
              "check that file"),
    ("", "no text in it"),
    ("<html><body><div></div></body></html>", "no text in it"),
])
def test_a_page_with_no_article_text_is_refused_and_says_why(page, why):
    with pytest.raises(ExtractError) as raised:
        HtmlExtractor().extract(page.encode())
    assert str(raised.value) == f"no article text in the page: {why}"


def test_a_short_page_with_a_reference_is_still_read():
    page = ("<html><body><h2>References</h2><ol><li>Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition-"
            "independent antidepressant actions of ketamine metabolites. Nature. 2016;533(7604):481-486."
            "</li></ol><script>var x = 1;</script></body></html>")
    assert len(HtmlExtractor().extract(page.encode()).citations) == 1


def test_a_page_whose_list_a_script_fills_is_read_as_far_as_it_goes():
    prose = " ".join(["Beetroot juice lowers blood pressure in adults with hypertension [1]."] * 6)
    page = f"<html><body><p>{prose}</p><div id='refs'></div><script>load('#refs')</script></body></html>"
    ex = HtmlExtractor().extract(page.encode())
    assert ex.citations == () and [it.text for it in ex.in_text][:1] == ["[1]"]


def test_previous_and_next_post_links_are_no_reference():
    page = ("<html><body><article><p>" + "Knee pain is common after fifty. " * 10 + "</p>"
            "<h2>Sources</h2><p>Zanos P, Moaddel R, Morris PJ, et al. NMDAR inhibition-independent antidepressant "
            "actions of ketamine metabolites. Nature. 2016;533(7604):481-486.</p>"
            "<div class='BlogItem-pagination'><a href='/blog/knee' class='BlogItem-pagination-link--prev'>Previous: "
            "Knee Pain After 50 — What a 2018 Review Found</a><a href='/blog/posture'>Next: Posture Myths</a></div>"
            "</article></body></html>")
    texts = [c.text for c in extract_bytes(page.encode(), "knee.html").citations]
    assert len(texts) == 1 and texts[0].startswith("Zanos P")


@pytest.fixture()
def site(tmp_path):
    """A local web server on 127.0.0.1 serving tmp_path."""
    (tmp_path / "article.html").write_text(
        "<html><body>" + "".join(f"<p>{line}</p>" for line in ARTICLE.splitlines() if line.strip()) + "</body></html>")
    (tmp_path / "shell.html").write_text(SPA_SHELL)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_extract_reads_a_private_address_when_allowed(site):
    url = f"{site}/article.html"
    refused = run_cli("extract", url)
    assert refused.exit_code == 2 and "--allow-private-urls" in refused.stderr
    allowed = run_cli("extract", url, "--allow-private-urls")
    assert allowed.exit_code == 0, allowed.stderr
    assert "Zanos" in allowed.stdout
    assert run_cli("extract", url, env={"CITECHECK_ALLOW_PRIVATE_URLS": "1"}).exit_code == 0


def test_a_page_built_by_scripts_fetched_by_url_is_an_input_error_and_the_others_are_checked(site):
    run = run_cli("check", f"{site}/shell.html", f"{site}/article.html", "--allow-private-urls", "--offline",
                  "--no-cache", "--format", "json")
    assert run.exit_code == 2
    assert f"citecheck: {site}/shell.html: no article text in the page: its text is built by scripts" in run.stderr
    docs = {d["path"]: d for d in run.json()["documents"]}
    assert docs[f"{site}/shell.html"]["error"].startswith("no article text in the page")
    assert len(docs[f"{site}/article.html"]["citations"]) >= 9


def test_a_corrected_reference_leaves_out_the_links_pubmed_central_prints_after_an_entry():
    from citecheck.extract.parse import parse_reference
    from citecheck.matching.verdict import Evidence, judge
    from citecheck.models import Author, Work
    from citecheck.report.correct import corrected_reference

    page = ('<html><body><p>' + "Back pain is common in adults. " * 10 + '</p><h2>References</h2><ol><li id="ref2">'
            'Hill JC, Dunn KM, Lewis M, Mullis R, Main CJ, Foster NE, Hay EM. A primary care back pain screening tool: '
            'identifying patient subgroups for initial treatment. Arthritis Rheum. 2008;61(5):632–641. '
            '[<a href="https://pubmed.ncbi.nlm.nih.gov/18438893/">PubMed</a>] '
            '[<a href="https://scholar.google.com/scholar_lookup?journal=X&amp;title=Y">Google Scholar</a>]</li></ol>'
            '</body></html>')
    [entry] = extract_bytes(page.encode(), "pmc-copy.html").citations
    assert "[PubMed]" in entry.text
    work = Work(doi="10.1002/art.23563", title="A primary care back pain screening tool: identifying patient "
                "subgroups for initial treatment", journal="Arthritis & Rheumatism", short_journal=("Arthritis Rheum",),
                year_issued=2008, volume="59", issue="5", pages="632-641",
                authors=(Author("Hill", "JC"), Author("Dunn", "KM"), Author("Lewis", "M")), type="journal-article")
    result = judge(parse_reference(entry.text, entry.line), Evidence(candidates=(work,)))
    corrected = corrected_reference(result)
    assert corrected.endswith("Arthritis Rheum. 2008;59(5):632–641. https://doi.org/10.1002/art.23563"), corrected


@pytest.mark.parametrize("words, title", [
    ("A primary care back pain screening tool: identifying patient subgroups for initial treatment - PubMed",
     "A primary care back pain screening tool: identifying patient subgroups for initial treatment"),
    ("Human colonic microbiota associated with diet, obesity and weight loss | International Journal of Obesity",
     "Human colonic microbiota associated with diet, obesity and weight loss"),
    ("Obesity and the gut - a review | Zenodo", "Obesity and the gut - a review | Zenodo"),  # no journal after the bar
])
def test_a_title_copied_from_a_browser_tab_loses_the_sites_name(words, title):
    page = f'<html><body><h2>Sources</h2><ul><li><a href="https://pubmed.ncbi.nlm.nih.gov/18438893/">{words}</a></li></ul></body></html>'
    [entry] = extract_bytes(page.encode(), "sources.html").citations
    assert entry.title == title


def test_the_summary_on_stderr_counts_the_claims_with_no_source(tmp_path):
    article = tmp_path / "claims.md"
    article.write_text("# Sleep\n\nA 2019 meta-analysis confirmed that naps help. Research has shown that sleep "
                       "matters for weight.\n")
    run = run_cli("check", str(article), "--offline", "--no-cache", "--format", "json", "-o", str(tmp_path / "r.json"))
    assert run.exit_code == 0
    assert "0 failing; 2 research claims with no source" in " ".join(run.stderr.split())


def test_a_report_redirected_to_a_file_keeps_why_an_input_was_not_read(tmp_path):
    # `citecheck check URL … > report.txt`: the reason went to the terminal only (stderr), the
    # report said "could not be read". Said in the report when stdout and stderr go apart.
    import os
    import subprocess
    import sys

    pty = pytest.importorskip("pty", reason="needs a pseudo-terminal (POSIX)")
    good = tmp_path / "ok.txt"
    good.write_text("Nothing cited here.\n")
    primary, secondary = pty.openpty()
    try:
        run = subprocess.run([sys.executable, "-m", "citecheck", "check", str(tmp_path / "missing.md"), str(good),
                              "--offline", "--no-cache"], stdout=subprocess.PIPE, stderr=secondary, timeout=120,
                             env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    finally:
        os.close(secondary)
        os.close(primary)
    assert run.returncode == 2
    assert "missing.md  could not be read: no such file" in run.stdout.decode()
