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
    return [settle(status, year) for status in target_progress(all_series)]


def target_progress(all_series: dict) -> list[TargetStatus]:
    """Every target's progress, whatever the date (`settle` judges it on one)."""
    return [
        progress(s, target) for s in all_series.values() for target in s.points if target.kind == "target"
    ]


def settle(status: TargetStatus, year: int) -> TargetStatus:
    """The status in `year`: a target still open in the series' progress is missed once its deadline has
    passed. So progress can be kept and judged later, on any date."""
    if status.latest is None or status.status in ("met", "missed") or status.target.period >= year:
        return status
    return TargetStatus(status.series, status.target, "missed", status.latest)


def _power(base: float, exponent: float) -> float:
    """`base ** exponent` for a positive base, infinite past the range of a float (a growth of 10^200 a
    year, carried to a deadline)."""
    try:
        return base**exponent
    except OverflowError:
        return math.inf


def progress(s: Series, target: Point) -> TargetStatus:
    """A target against its series' history, as if its deadline had not passed (see `settle`)."""
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
    if latest.period >= target.period:
        return TargetStatus(s, target, "missed", latest)
    years_left = target.period - latest.period
    required = _power(target.value / latest.value, 1 / years_left) - 1 if latest.value > 0 else None
    closed = [(y, _best(ps)) for y, ps in sorted(history.items()) if y < latest.period]
    closed = [(y, p) for y, p in closed if p.bound == "eq" and p.value > 0]
    if not closed or latest.value <= 0:
        return TargetStatus(s, target, "unknown", latest, required)
    first_year, first = closed[0]
    observed = _power(latest.value / first.value, 1 / (latest.period - first_year)) - 1
    projected = latest.value * _power(1 + observed, years_left)
    if (projected <= target.value) if wants_less else (projected >= target.value):
        status = "on track"
    elif (target.value / projected if wants_less else projected / target.value) >= AT_RISK:
        status = "at risk"
    else:
        status = "off track"
    return TargetStatus(s, target, status, latest, required, observed, projected)
