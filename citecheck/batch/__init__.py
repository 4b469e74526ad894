"""`citecheck batch`: verify many references against a snapshot as a data job (DuckDB or Spark; issue 8)."""
