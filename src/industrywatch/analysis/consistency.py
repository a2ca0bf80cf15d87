"""Figures that contradict each other: reported and derived values of one series and year that no
rounding or bound can reconcile."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from industrywatch.analysis.intervals import SLACK
from industrywatch.analysis.series import Point, Series


@dataclass
class Contradiction:
    series: Series
    period: int
    a: Point
    b: Point
    gap: float  # relative: 0.2 is twenty per cent


def contradictions(all_series: dict) -> list[Contradiction]:
    """For each reported or derived point of a series and year, the nearest point below it that no
    rounding or bound can reconcile with it. One each, not every pair: a year that a crawl reports a
    thousand ways gives at most a thousand contradictions, not half a million."""
    out: list[Contradiction] = []
    for s in all_series.values():
        by_year: dict[tuple[int, str], list[Point]] = {}
        for p in s.points:
            if p.kind in ("actual", "derived"):
                by_year.setdefault((p.period, p.unit), []).append(p)
        for (period, _), points in sorted(by_year.items()):
            for a, b in _disagreeing(points):
                out.append(Contradiction(s, period, a, b, a.interval.gap(b.interval)))
    return out


def _disagreeing(points: list[Point]) -> list[tuple[Point, Point]]:
    """Pairs (in the order of `points`) of each point and the highest point wholly below it, if any."""
    order = sorted(range(len(points)), key=lambda i: _top(points[i]))
    tops = [_top(points[i]) for i in order]
    pairs = []
    for j, b in enumerate(points):
        below = bisect_left(tops, b.interval.lo)  # the points whose top is under b's bottom
        if below:
            i = order[below - 1]
            pairs.append((points[i], b) if i < j else (b, points[i]))
    return pairs


def _top(p: Point) -> float:
    """The least bottom a point above `p` must have to overlap it not (as `Interval.overlaps` reads it)."""
    return p.interval.hi * (1 + SLACK) + 1e-9
