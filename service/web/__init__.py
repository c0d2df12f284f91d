"""Pages for job seekers (the `web` audience): a blueprint nothing but the factory imports."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("web", __name__)


@bp.get("/")
def index() -> ResponseReturnValue:
    """Show what Jumush is, in the visitor's language."""
    return render_template("index.html")
