"""Use-cases: the one place where models and matching meet; no Flask, plain results."""
