"""Who is signed in: the seeker of this server-side session, while that session is current."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import g, redirect, request, session, url_for

from models import Seeker
from service.platform.db import get_session
from service.platform.sessions import end_session, start_fresh_session
from service.usecases.seeker_accounts import current_seeker, end_all_sessions

F = TypeVar("F", bound=Callable[..., Any])

SEEKER_KEY = "seeker_id"
VERSION_KEY = "seeker_session_version"


def start(seeker: Seeker) -> None:
    """Sign the seeker in on a fresh session id."""
    start_fresh_session()
    session[SEEKER_KEY] = seeker.id
    session[VERSION_KEY] = seeker.session_version
    g.seeker = seeker


def end() -> None:
    """Sign out: the stored session is deleted, so its cookie opens nothing any more.

    When its store cannot confirm that (the sessions' Redis did not answer), every
    session of the seeker is ended by the database instead, on every device.
    """
    seeker = signed_in()
    if not end_session() and seeker is not None:
        end_all_sessions(session=get_session(), seeker=seeker)
    g.seeker = None


def signed_in() -> Seeker | None:
    """Return the signed-in seeker, or None (also when the account ended the session)."""
    if "seeker" not in g:
        seeker_id, version = session.get(SEEKER_KEY), session.get(VERSION_KEY)
        seeker = None
        if isinstance(seeker_id, int) and isinstance(version, int):
            seeker = current_seeker(session=get_session(), seeker_id=seeker_id, version=version)
            if seeker is None:
                session.clear()
        g.seeker = seeker
    return g.seeker


def seeker_required(view: F) -> F:
    """Send a visitor who is not signed in to the sign-in page, and back afterwards."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if signed_in() is None:
            return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def me() -> Seeker:
    """Return the signed-in seeker (in a view guarded by `seeker_required`)."""
    seeker = signed_in()
    assert seeker is not None
    return seeker
