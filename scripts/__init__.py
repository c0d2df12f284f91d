"""Thin command-line programs: benchmarks, demo data, imports."""
