"""The lookup stage: questions a bibliographic source answers, as values."""

from __future__ import annotations

import abc

from citecheck.models import Work


class ServiceError(Exception):
    """The source could not answer (timeout, 5xx, 429 after retries, bad body).

    Never a verdict: the checker turns it into an `error` citation, and it is
    never cached (DESIGN.md rule 2).
    """


class Service(abc.ABC):
    """A bibliographic source such as the Crossref REST API."""

    @abc.abstractmethod
    def work(self, doi: str) -> Work | None:
        """The work registered under `doi`, or None when the source does not know it."""

    @abc.abstractmethod
    def search(self, query: str, rows: int) -> list[Work]:
        """Works ranked by the source's relevance to a free-text reference string."""

    @abc.abstractmethod
    def agency(self, doi: str) -> str | None:
        """The registration agency of a DOI ("crossref", "datacite", ...), or None if none knows it."""

    def close(self) -> None:
        """Release connections and files."""
