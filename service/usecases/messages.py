"""Translatable message markers: use-cases name a text, the edge says it in a language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Message:
    """An English message id and its parameters, rendered later with Babel's catalogues.

    The text is the msgid of `service/translations`; `pybabel extract -k msg` finds it.
    """

    text: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        # The untranslated text: what logs and a caller without a locale see.
        return self.text % self.params if self.params else self.text


def msg(text: str, /, **params: Any) -> Message:
    """Mark `text` for translation, with the `%(name)s` parameters it is formatted with."""
    return Message(text, params)
