"""The format extractors and extract_bytes' choice between them."""

from __future__ import annotations

import codecs

import pytest

from citecheck.extract import ExtractError, extract_bytes
from citecheck.extract.html import HtmlExtractor
from citecheck.extract.markdown import MarkdownExtractor, strip_markdown
from citecheck.extract.text import TextExtractor

ARTICLE = (
    "Ketamine for Chronic Pain\n"
    "Ketamine infusions reduced pain in fibromyalgia (Zheng et al., 2019).\n"
    "\n"
    "References\n"
    "Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. Pain Medicine, 20(1), 161-169.\n"
    "Mion, G., & Villela, J. L. (2003). Ketamine pharmacology. The Lancet, 362(9392), 395-402.\n"
)


def test_text_utf8():
    ex = TextExtractor().extract(ARTICLE.encode())
    assert ex.format == "text"
    assert [c.line for c in ex.citations] == [5, 6]
    assert ex.citations[1].journal == "The Lancet"


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + ARTICLE.encode(),
    ARTICLE.encode("utf-16"),  # carries a BOM
    ARTICLE.replace("\n", "\r\n").encode("cp1252"),
    ARTICLE.replace("\n", "\r").encode(),
])
def test_text_encodings_and_line_endings(data):
    ex = TextExtractor().extract(data)
    assert [c.line for c in ex.citations] == [5, 6]


def test_cp1252_curly_quotes_decoded():
    data = "References\nSmith, J. (2001) \u2018Ketamine\u2019s role\u2019, Pain, 3(2), pp. 1-9.\n".encode("cp1252")
    ex = TextExtractor().extract(data)
    assert "\u2019" in ex.citations[0].text


def test_binary_is_refused():
    with pytest.raises(ExtractError, match="binary"):
        TextExtractor().extract(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ExtractError, match="not an article: a broken zip"):
        extract_bytes(b"PK\x03\x04\x14\x00\x06\x00", "article.txt")


def test_markdown_link_keeps_doi_and_lines():
    md = (
        "# Ketamine and Pain\n"
        "\n"
        "Ketamine *may* help **neuropathic** pain.\n"
        "\n"
        "## References\n"
        "\n"
        "1. Zheng L, Patel K. [Ketamine dosing for neuropathic pain](https://doi.org/10.1097/j.pain.0000000000001234). "
        "*Pain*. 2019;160:1-9.\n"
        "2. Ikeda S. Ketamine in neuropathy. _Anesth Analg_. 2014;119:813-8.\n"
    )
    ex = MarkdownExtractor().extract(md.encode())
    assert ex.format == "markdown"
    assert [c.line for c in ex.citations] == [7, 8]
    assert ex.citations[0].doi == "10.1097/j.pain.0000000000001234"
    assert ex.citations[0].title == "Ketamine dosing for neuropathic pain"
    assert ex.citations[1].journal == "Anesth Analg"


def test_strip_markdown_removes_syntax():
    assert strip_markdown("**References**") == "References"
    assert strip_markdown("### Sources ###") == "Sources"
    assert strip_markdown("See [the trial](https://example.org/t) and `code`") == "See the trial https://example.org/t and code"


HTML = """<!DOCTYPE html>
<html><head><title>Ketamine</title><script>var refs = "References";</script></head>
<body>
<nav><a href="/">Home</a><a href="/refs">References</a></nav>
<article>
<h1>Ketamine for Chronic Pain</h1>
<p>Ketamine infusions reduced pain (Zheng et al., 2019).</p>
<h2>References</h2>
<ol>
<li>Zheng, L., et al. (2019). Low-dose ketamine in fibromyalgia. <i>Pain Medicine</i>, 20(1), 161-169.
 <a href="https://doi.org/10.1093/pm/pny123">Link</a></li>
<li>Mion, G., &amp; Villela, J. L. (2003). Ketamine pharmacology.
 The Lancet, 362(9392), 395-402.</li>
</ol>
<div class="share-buttons"><p>Share this: Facebook, Twitter 2024</p></div>
</article>
<footer><p>&copy; 2024 Clinic. Smith, J. (2020). Not a reference. Journal, 1(1), 1-2.</p></footer>
</body></html>
"""


def test_html_list_after_heading_with_source_lines_and_doi_href():
    ex = HtmlExtractor().extract(HTML.encode())
    assert ex.format == "html"
    assert [c.line for c in ex.citations] == [10, 12]
    assert ex.citations[0].doi == "10.1093/pm/pny123"
    assert ex.citations[0].journal == "Pain Medicine"
    assert ex.citations[1].authors[1].surname == "Villela"


def test_html_paragraph_entries_after_bold_heading():
    html = ("<html><body><p>Ketamine helps.</p>\n<p><strong>Sources:</strong></p>\n"
            "<p>Zheng L, Patel K. Ketamine dosing. Pain. 2019;160:1-9.</p>\n"
            "<p>Ikeda S. Ketamine in neuropathy. Anesth Analg. 2014;119:813-8.</p>\n"
            "<p>Book your consultation today</p></body></html>")
    ex = HtmlExtractor().extract(html.encode())
    assert [c.line for c in ex.citations] == [3, 4]


def test_html_deep_nesting_does_not_recurse():
    depth = 5000
    html = "<html><body>" + "<div>" * depth + "<p>Ketamine helps.</p>" + "</div>" * depth
    html += "<h2>References</h2><ol><li>Zheng L. Ketamine. Pain. 2019;160:1-9.</li></ol></body></html>"
    ex = HtmlExtractor().extract(html.encode())
    assert len(ex.citations) == 1


@pytest.mark.parametrize(("name", "data", "fmt"), [
    ("a.txt", ARTICLE.encode(), "text"),
    ("a.MD", b"# T\n", "markdown"),
    ("a.htm", HTML.encode(), "html"),
    ("-", HTML.encode(), "html"),
    ("-", b"# Ketamine\n\nSee [x](https://doi.org/10.1/x)\n", "markdown"),
    ("-", ARTICLE.encode(), "text"),
    ("page.php", b"<!doctype html><html><body><p>x</p></body></html>", "html"),
])
def test_extract_bytes_chooses_by_suffix_or_content(name, data, fmt):
    assert extract_bytes(data, name).format == fmt


@pytest.mark.parametrize("closing", [
    "*This article is for information only and is not medical advice.*",
    "*Riverside Clinic has cared for patients with chronic pain in Galway for over twenty years.*",
])
def test_markdown_horizontal_rule_ends_the_list(closing):
    md = ("Depression is complex (Nestler, 2002).\n\n## References\n\n"
          "Nestler, E. J. (2002). Neurobiology of depression. *Neuron*, *34*(1), 13–25.\n\n"
          "Duman, R. S. (2016). Synaptic plasticity and depression. *Nature Medicine*, *22*(3), 238–249.\n\n"
          f"---\n\n{closing}\n")
    ex = MarkdownExtractor().extract(md.encode())
    assert [c.line for c in ex.citations] == [5, 7]
