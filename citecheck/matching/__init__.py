"""citecheck's matching stage."""
