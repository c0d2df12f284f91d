"""The process's matcher: built once from the settings, kept on the Flask application."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from matching.encoders import DEFAULT_ENCODER, load_encoder
from matching.occupations import OccupationVocabulary
from matching.ranker import Matcher
from service.usecases.indexing import LiveIndex


def build_matcher(config: Mapping[str, Any]) -> LiveIndex:
    """Build this process's matcher from the settings (the model loads on first use)."""
    encoder = load_encoder(config.get("ENCODER") or DEFAULT_ENCODER)
    return LiveIndex(Matcher(encoder, vocabulary=OccupationVocabulary.default()))


def get_matcher(app: Flask) -> LiveIndex:
    """Return the process-wide matcher of `app`, building it on first use."""
    live: LiveIndex | None = app.extensions.get("jumush.matcher")
    if live is None:
        live = app.extensions.setdefault("jumush.matcher", build_matcher(app.config))
    return live
