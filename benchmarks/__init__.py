"""Benchmarks for citecheck: they print figures and assert nothing about time."""
