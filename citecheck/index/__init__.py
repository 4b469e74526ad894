"""A local copy of Crossref: snapshot ingest (`citecheck index build`) and its on-disk index (issue 8)."""
