"""Use-cases: the one place where models and matching meet; no Flask, plain results."""

# Importing any use-case registers the listener that announces writes to the matcher.
from service.usecases import changes as _changes  # noqa: F401
