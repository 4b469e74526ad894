"""citecheck's services stage."""
