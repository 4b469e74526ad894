"""The extraction stage: a document's bytes in, an Extraction (citations, in-text, claims) out."""

from __future__ import annotations

import abc

from citecheck.models import Extraction


class ExtractError(Exception):
    """The document cannot be read at all (binary, broken, too large...).

    The message is one line an editor can act on; the caller adds the path.
    """


class Extractor(abc.ABC):
    """Reads one document format."""

    #: short format name shown in reports ("text", "markdown", "html", ...)
    name: str = "text"
    #: the document's path as given ("-" for standard input, a URL), None when unknown;
    #: set by extract_bytes (a Markdown front matter's bibliography is found beside it)
    source: str | None = None

    @abc.abstractmethod
    def extract(self, data: bytes) -> Extraction:
        """Find the citations in a document's raw bytes. Raises ExtractError."""
