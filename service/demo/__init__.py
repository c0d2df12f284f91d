"""The demo data set: typed text tables (`texts`, read from `data/*.json`) and the loader."""

from service.demo.loader import PLAIN_KEYBOARD, database_is_empty, seed_demo

__all__ = ["PLAIN_KEYBOARD", "database_is_empty", "seed_demo"]
