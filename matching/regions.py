"""Regions as data: commuting pairs, neighbours, seasonal destinations, and the names by
which a free text says where a person wants to work (matching/data/regions.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from matching import text as textlib

DATA_FILE = Path(__file__).with_name("data") / "regions.json"

# How a vacancy's place stands to a seeker, best first. "home": the seeker's own region
# or one their text names; "commute": a daily-commuting pair (Bishkek-Chuy); "near": a
# bordering region the seeker accepts; "seasonal": seasonal work the seeker accepts away
# from home; "anywhere": the seeker accepts all; "far": none of these; "unknown": a side
# gave no region. A remote vacancy is told apart by the ranker, not here.
PLACES = ("home", "commute", "near", "seasonal", "anywhere", "far", "unknown")


def _forms(value: str) -> set[str]:
    """Return the forms a text is compared in: normalised and folded, as written and in
    Cyrillic (an English sentence keeps its Latin "Bishkek", a Kyrgyz one turns Cyrillic)."""
    normal = textlib.normalize(value)
    return {textlib.fold(normal), textlib.fold(textlib.to_cyrillic(normal))} - {""}


def _pairs(rows: Iterable[list[str]]) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(row) for row in rows)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class Regions:
    """Which regions people move between, and how texts name them."""

    commute: frozenset[frozenset[str]]
    adjacent: frozenset[frozenset[str]]
    seasonal: frozenset[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def from_json(cls, path: Path) -> Regions:
        """Read the regions file."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        patterns = []
        for region, names in raw["names"].items():
            prefix = sorted({form for name in names["prefix"] for form in _forms(name)})
            exact = sorted({form for name in names["exact"] for form in _forms(name)})
            alternatives = [re.escape(p) + r"\S*" for p in prefix]
            alternatives += [re.escape(e) for e in exact]
            if alternatives:
                joined = "|".join(alternatives)
                patterns.append((region, re.compile(rf"(?<=\s)(?:{joined})(?=\s)")))
        return cls(
            commute=_pairs(raw["commute"]),
            adjacent=_pairs(raw["adjacent"]) | _pairs(raw["commute"]),
            seasonal=frozenset(raw["seasonal"]),
            patterns=tuple(patterns),
        )

    @classmethod
    @cache
    def default(cls) -> Regions:
        """Return the shipped regions (read once per process)."""
        return cls.from_json(DATA_FILE)

    def named_in(self, *texts: str) -> frozenset[str]:
        """Return the regions that the texts name, by oblast, city or town, in any case."""
        found: set[str] = set()
        for value in texts:
            if not value:
                continue
            key = f" {' | '.join(sorted(_forms(value)))} "
            found.update(region for region, pattern in self.patterns if pattern.search(key))
        return frozenset(found)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 (one Regions per process, never freed)
    def place(
        self,
        *,
        home: str,
        named: frozenset[str],
        work_area: str,
        seasonal: bool,
        region: str,
        employment_type: str,
    ) -> str:
        """Return how a vacancy in `region` stands to a seeker (one of PLACES)."""
        if not region or not (home or named):
            return "unknown"
        if region == home or region in named:
            return "home"
        if seasonal and (employment_type == "seasonal" or region in self.seasonal):
            return "seasonal"
        if work_area == "anywhere":
            return "anywhere"
        if work_area != "own_region" and frozenset((home, region)) in self.commute:
            return "commute"
        if work_area == "neighbouring" and any(
            frozenset((base, region)) in self.adjacent for base in {home, *named} if base
        ):
            return "near"
        return "far"
