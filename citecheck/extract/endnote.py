"""EndNote's XML export (File → Export → XML): a reference list without an article.

Each ``<record>`` holds its fields as elements, their text often wrapped in ``<style>``::

    <record><rec-number>1</rec-number><ref-type name="Journal Article">17</ref-type>
      <contributors><authors><author><style>Kuznetsova, I.</style></author>…</authors></contributors>
      <titles><title>…</title><secondary-title>Nephrol Dial Transplant</secondary-title></titles>
      <periodical><full-title>…</full-title></periodical>
      <pages>1902-1910</pages><volume>35</volume><number>4</number><dates><year>2020</year></dates>
      <electronic-resource-num>10.1093/ndt/gfz123</electronic-resource-num>
      <accession-num>31234567</accession-num><urls><related-urls><url>…</url></related-urls></urls>
    </record>
"""

from __future__ import annotations

import re

from citecheck.extract.bib import ARTICLE, BOOK, CHAPTER, OTHER, _author, _clean, _pages, _record, _year
from citecheck.extract.interface import ExtractError, Extractor
from citecheck.extract.parse import find_doi, normalise_doi
from citecheck.models import Citation, Extraction

NOT_ENDNOTE_XML = "not an article: XML that is not an EndNote export (no <records> of <record>s)"
# EndNote's reference types by name (the number beside it varies between versions).
_CHAPTERS = frozenset({"book section", "conference paper", "conference proceedings", "encyclopedia"})
_BOOKS = frozenset({"book", "edited book", "report", "thesis", "government document", "manuscript", "pamphlet",
                    "standard", "statute", "generic"})
_OTHERS = frozenset({"web page", "blog", "online database", "online multimedia", "dataset", "computer program",
                     "newspaper article", "personal communication", "press release"})


class EndnoteXmlExtractor(Extractor):
    """EndNote XML: every record is a citation, numbered by its record number."""

    name = "endnote-xml"

    def extract(self, data: bytes) -> Extraction:
        from lxml import etree

        # No entities resolved, nothing fetched: the file is data, never instructions.
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 recover=False)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise ExtractError(f"unreadable XML (line {exc.lineno}: {exc.msg})") from None
        except (etree.LxmlError, ValueError):
            raise ExtractError("unreadable XML") from None
        records = root.findall(".//records/record") if root is not None else []
        if not records:
            raise ExtractError(NOT_ENDNOTE_XML)
        return Extraction(citations=tuple(_citation(r) for r in records), format=self.name)


def _text(el) -> str | None:
    """An element's text, its <style> runs joined."""
    return _clean("".join(el.itertext())) if el is not None else None


def _citation(record) -> Citation:
    def field(path: str) -> str | None:
        return _text(record.find(path))

    ref_type = record.find("ref-type")
    kind = (ref_type.get("name") or "").lower() if ref_type is not None else ""
    category = (CHAPTER if kind in _CHAPTERS else BOOK if kind in _BOOKS else OTHER if kind in _OTHERS
                else ARTICLE)
    names = [_text(a) for a in record.findall("contributors/authors/author")]
    authors = tuple(a for a in (_author(n) for n in names if n) if a)
    container = field("titles/secondary-title") or field("periodical/full-title") or field("periodical/abbr-1")
    urls = [u for u in (_text(el) for el in record.findall("urls/related-urls/url")) if u]
    doi = field("electronic-resource-num")
    doi = find_doi(doi) if doi and "10." in doi else None
    doi = normalise_doi(doi) if doi else next((d for d in (find_doi(u) for u in urls) if d), None)
    pmid = field("accession-num")
    number = field("rec-number")
    citation = _record(record.sourceline or 1, category, authors=authors, year=_year(field("dates/year")),
                       title=field("titles/title"), container=container, volume=field("volume"),
                       issue=field("number"), pages=_pages(field("pages")), doi=doi,
                       pmid=pmid if pmid and re.fullmatch(r"\d{1,9}", pmid) else None,
                       url=urls[0] if urls else None, publisher=field("publisher"))
    if number and number.isdigit():
        from dataclasses import replace

        citation = replace(citation, number=int(number))
    return citation
