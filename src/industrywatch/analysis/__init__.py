"""Analysis: facts and series, derived points, contradictions, and targets against actuals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from industrywatch.analysis.consistency import Contradiction, contradictions
from industrywatch.analysis.series import Evidence, Fact, Point, Series, build_series, facts
from industrywatch.analysis.targets import TargetStatus, target_statuses


@dataclass
class Analysis:
    facts: list[Fact]
    series: dict[tuple, Series]
    contradictions: list[Contradiction]
    targets: list[TargetStatus]


def analyze(claims: Iterable[Mapping], as_of: date | None = None) -> Analysis:
    """Everything the claims say together. `claims` are claim records (with doc_id, and id when stored);
    `as_of` decides which deadlines have passed (today by default)."""
    all_facts = facts(claims)
    series = build_series(all_facts)
    return Analysis(all_facts, series, contradictions(series), target_statuses(series, as_of))


def of_region(analysis: Analysis, region: str) -> Analysis:
    """Only what is about one region's series (its name matched case-insensitively)."""

    def mine(key: tuple) -> bool:
        return (key[0] or "").casefold() == region.casefold()

    return Analysis(
        [f for f in analysis.facts if mine(f.series)],
        {key: s for key, s in analysis.series.items() if mine(key)},
        [c for c in analysis.contradictions if mine(c.series.key)],
        [t for t in analysis.targets if mine(t.series.key)],
    )


__all__ = [
    "Analysis", "Contradiction", "Evidence", "Fact", "Point", "Series", "TargetStatus", "analyze",
    "claim_records", "of_region",
]  # fmt: skip


def claim_records(frame) -> list[dict]:
    """Rows of a claims DataFrame (Store.claims()) as claim records, with None for missing values."""
    return [
        {
            k: (None if v is None or (isinstance(v, float) and v != v) or v is pd.NA else v)
            for k, v in row.items()
        }
        for row in frame.to_dict("records")
    ]
