"""Thin command-line programs: benchmarks, demo data, imports."""

# Importing matching first sets OpenBLAS's spin timeout before any script loads numpy.
import matching  # noqa: F401
