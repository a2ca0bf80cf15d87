"""Targets against the reported actuals: met, missed, on track, at risk, off track or unknown, with the
growth rate a target requires and the rate the series has shown."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from industrywatch.analysis.series import Point, Series

AT_RISK = 0.9  # projected to reach at least this share of the target: at risk rather than off track


@dataclass
class TargetStatus:
    series: Series
    target: Point
    status: str  # met | missed | on track | at risk | off track | unknown
    latest: Point | None = None
    required_rate: float | None = None  # per year, from the latest actual to the target
    observed_rate: float | None = None  # per year, over the available history
    projected: float | None = None  # at the deadline, at the observed rate


def _best(points: list[Point]) -> Point:
    """Of several points for one year, a reported one before a derived one, a closed one before a bound."""
    return min(points, key=lambda p: (p.kind != "actual", p.bound != "eq"))


def target_statuses(all_series: dict, as_of: date | None = None) -> list[TargetStatus]:
    year = (as_of or date.today()).year
    out: list[TargetStatus] = []
    for s in all_series.values():
        for target in (p for p in s.points if p.kind == "target"):
            out.append(_status(s, target, year))
    return out


def _status(s: Series, target: Point, year: int) -> TargetStatus:
    history: dict[int, list[Point]] = {}
    for p in s.points:
        if p.kind in ("actual", "derived") and p.unit == target.unit and not math.isinf(p.value):
            history.setdefault(p.period, []).append(p)
    if not history:
        return TargetStatus(s, target, "unknown")
    latest = _best(history[max(history)])
    wants_less = target.bound in ("lt", "le")
    reached = latest.value <= target.value if wants_less else latest.value >= target.value
    if reached:
        return TargetStatus(s, target, "met", latest)
    if latest.period >= target.period or target.period < year:
        return TargetStatus(s, target, "missed", latest)
    years_left = target.period - latest.period
    required = (target.value / latest.value) ** (1 / years_left) - 1 if latest.value > 0 else None
    closed = [(y, _best(ps)) for y, ps in sorted(history.items()) if y < latest.period]
    closed = [(y, p) for y, p in closed if p.bound == "eq" and p.value > 0]
    if not closed or latest.value <= 0:
        return TargetStatus(s, target, "unknown", latest, required)
    first_year, first = closed[0]
    observed = (latest.value / first.value) ** (1 / (latest.period - first_year)) - 1
    projected = latest.value * (1 + observed) ** years_left
    if (projected <= target.value) if wants_less else (projected >= target.value):
        status = "on track"
    elif (target.value / projected if wants_less else projected / target.value) >= AT_RISK:
        status = "at risk"
    else:
        status = "off track"
    return TargetStatus(s, target, status, latest, required, observed, projected)
