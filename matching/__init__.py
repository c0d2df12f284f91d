"""Pure matching library: no Flask, no database; plain data in, ranked results out."""

import os

# OpenBLAS worker threads spin for ~2^28 cycles after each product before they sleep; on a
# small machine that spin starves the sentence encoder's threads and tripled ranking p95
# (benchmarks/RESULTS.md). Set before numpy loads OpenBLAS; an explicit setting wins.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")
# The same fight from the other side: torch's OpenMP threads spin after every encoder
# forward and starve the OpenBLAS scan that follows. Letting them sleep at once took
# 100k ranking p95 from 136 ms to 46 ms in one run and left bulk encoding unchanged
# (benchmarks/RESULTS.md). Read when torch loads its OpenMP runtime.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

# Imported after the setting above on purpose.

from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.ranker import Matcher
from matching.scoring import ScoreModel
from matching.types import RankedItem, Ranking, Reason, SeekerProfile, VacancyDoc

__all__ = [
    "DEFAULT_ENCODER",
    "Encoder",
    "Matcher",
    "RankedItem",
    "Ranking",
    "Reason",
    "ScoreModel",
    "SeekerProfile",
    "VacancyDoc",
    "load_encoder",
]
