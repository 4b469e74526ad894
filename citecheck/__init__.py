"""citecheck: check an article's citations against Crossref."""

__version__ = "0.1.0"
HOMEPAGE = "https://github.com/citecheck/citecheck"
