"""`python -m citecheck`."""

from citecheck.cli import main

main()
