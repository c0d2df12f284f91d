"""Page forms, shared by the seekers' and the staff pages: read what someone typed,
check it with the API's own schemas and use-cases, and keep every answer and every
message for the page to show again.

Flask-WTF checks each form's CSRF token; the fields' rules are the marshmallow
schemas the API validates with, so a rule is written once for both doors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

from marshmallow import Schema, ValidationError
from werkzeug.datastructures import MultiDict

from service.i18n.messages import translate_messages
from service.platform.errors import status_of
from service.usecases.errors import DomainError

T = TypeVar("T")

# Fields whose empty answer means "not given".
_SPLIT_SKILLS = re.compile(r"[\n,;]+")


@dataclass
class FormState:
    """What the form shows: the answers as typed, and the messages for each field."""

    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    # The code of the use-case's refusal, when there was one ("already_registered").
    refusal: str | None = None
    # The status to answer with: 200 until something is wrong.
    status: int = 200

    @property
    def ok(self) -> bool:
        """Tell whether nothing is wrong."""
        return not self.errors

    def refuse(self, exc: DomainError, field: str = "_") -> None:
        """Record a use-case's refusal: its messages (under `field` when it names none)
        and the status the platform answers such a refusal with."""
        self.refusal = exc.code
        self.status = status_of(exc)
        self.add(exc.errors or {field: [exc.message]})

    def add(self, messages: Mapping[str, Any], rename: Mapping[str, str] | None = None) -> None:
        """Add messages keyed by field (schema or use-case names, renamed for the form)."""
        if self.status == 200:
            self.status = 422
        for name, problems in translate_messages(dict(messages)).items():
            target = (rename or {}).get(str(name), str(name))
            items = problems if isinstance(problems, list) else [problems]
            for problem in items:
                texts = (
                    [t for nested in problem.values() for t in _texts(nested)]
                    if isinstance(problem, dict)  # a list field's per-item messages
                    else [str(problem)]
                )
                known = self.errors.setdefault(target, [])
                known.extend(t for t in texts if t not in known)

    def first(self, name: str) -> str:
        """Return the answer to show in a text input."""
        value = self.values.get(name)
        return "" if value is None else str(value)


def _texts(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def whole_number(text: str, *, digits: int = 10) -> int | None:
    """Read a whole number typed in ASCII digits (not "²" or "٣"), or None."""
    text = (text or "").strip()
    if text.isascii() and text.isdigit() and len(text) <= digits:
        return int(text)
    return None


def skills_from_text(text: str) -> list[str]:
    """Split skills written one per line or separated by commas."""
    return [part.strip() for part in _SPLIT_SKILLS.split(text or "") if part.strip()]


def read(
    form: MultiDict[str, str],
    *,
    text: tuple[str, ...],
    lists: tuple[str, ...] = (),
    flags: tuple[str, ...] = (),
    choices: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Read answers: stripped texts (empty ones left out), lists, yes/no flags, choices."""
    values: dict[str, Any] = {}
    for name in (*text, *choices):
        value = form.get(name, "").strip()
        if value:
            values[name] = value
    for name in lists:
        values[name] = [v for v in form.getlist(name) if v]
    for name in flags:
        values[name] = form.get(name) in {"yes", "on", "true", "1"}
    return values


def run(
    state: FormState,
    schema: Schema,
    data: Mapping[str, Any],
    action: Callable[[dict[str, Any]], T],
    *,
    rename: Mapping[str, str] | None = None,
) -> T | None:
    """Check `data` with `schema`, then call `action` with the loaded fields.

    Every refusal lands in `state` as messages in the page's language; nothing is
    written unless everything is right (use-cases commit only at their end).
    """
    try:
        loaded = schema.load(dict(data))
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_": exc.messages}
        state.add(messages, rename)
        return None
    try:
        return action(loaded)
    except DomainError as exc:
        if exc.errors:
            state.add(exc.errors, rename)
            state.refusal, state.status = exc.code, status_of(exc)
        else:
            state.refuse(exc)
        return None


def precheck(state: FormState, step: Callable[[], object]) -> None:
    """Run one check of a use-case ahead, so the form says every problem at once (the
    use-case checks it again before it writes)."""
    try:
        step()
    except DomainError as exc:
        state.add(exc.errors or {})


def safe_next(target: str | None, default: str) -> str:
    """Return a local path to go to after signing in; never another site.

    Browsers drop tabs and newlines from URLs and read a backslash as a slash, so
    "/<tab>/evil.example" would leave the site: any such character refuses the target.
    """
    if not target or any(ord(c) < 32 or c in "\\\x7f" for c in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target
