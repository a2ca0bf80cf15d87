"""Figures that contradict each other: reported and derived values of one series and year that no
rounding or bound can reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from industrywatch.analysis.series import Point, Series


@dataclass
class Contradiction:
    series: Series
    period: int
    a: Point
    b: Point
    gap: float  # relative: 0.2 is twenty per cent


def contradictions(all_series: dict) -> list[Contradiction]:
    out: list[Contradiction] = []
    for s in all_series.values():
        by_year: dict[tuple[int, str], list[Point]] = {}
        for p in s.points:
            if p.kind in ("actual", "derived"):
                by_year.setdefault((p.period, p.unit), []).append(p)
        for (period, _), points in sorted(by_year.items()):
            for a, b in combinations(points, 2):
                if not a.interval.overlaps(b.interval):
                    out.append(Contradiction(s, period, a, b, a.interval.gap(b.interval)))
    return out
