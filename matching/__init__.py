"""Pure matching library: no Flask, no database; plain data in, ranked results out."""

from matching.encoders import DEFAULT_ENCODER, Encoder, load_encoder
from matching.ranker import Matcher, Weights
from matching.types import RankedItem, Ranking, Reason, SeekerProfile, VacancyDoc

__all__ = [
    "DEFAULT_ENCODER",
    "Encoder",
    "Matcher",
    "RankedItem",
    "Ranking",
    "Reason",
    "SeekerProfile",
    "VacancyDoc",
    "Weights",
    "load_encoder",
]
