"""citecheck's report stage."""
