"""Facts and series: the same figure from several documents is one fact with several pieces of evidence,
and a series is one place, industry, product and metric over the years, with the points derived from
growth rates, multiples, changes and shares beside the reported ones."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from industrywatch.analysis.intervals import Interval, interval

SeriesKey = tuple  # (region, industry, product, organization, metric)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure was read: the document and the exact span."""

    doc_id: str
    claim_id: int | None
    text: str
    start: int
    end: int


@dataclass
class Fact:
    """One figure, however many documents report it."""

    series: SeriesKey
    relation: str
    period: int | None
    base_period: int | None
    base_region: str | None
    modality: str
    value: float
    value_max: float | None
    bound: str
    unit: str
    interval: Interval
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Point:
    """A value of a series in one year: reported (actual, target, forecast) or derived."""

    period: int
    kind: str  # actual | target | forecast | derived
    value: float
    bound: str
    unit: str
    interval: Interval
    evidence: list[Evidence]
    derivation: str | None = None


@dataclass
class Series:
    key: SeriesKey
    points: list[Point] = field(default_factory=list)

    @property
    def label(self) -> str:
        region, industry, product, organization, metric = self.key
        parts = [region or "?", industry, product, organization, metric]
        return " / ".join(p for p in parts if p)


def series_key(row: Mapping, region_field: str = "region") -> SeriesKey:
    return (
        row.get(region_field),
        row.get("industry"),
        row.get("product"),
        row.get("organization"),
        row["metric"],
    )


def facts(rows: Iterable[Mapping]) -> list[Fact]:
    """Group claims into facts: same series, relation, period and modality, and values that agree."""
    out: list[Fact] = []
    index: dict[tuple, list[Fact]] = {}
    for row in rows:
        key = series_key(row)
        rng = interval(row["value"], row["bound"], row["text"], row.get("value_max"))
        group_key = (key, row["relation"], row.get("period"), row.get("base_period"), row.get("base_region"),
                     row["modality"], row["unit"], _bound_class(row["bound"]))  # fmt: skip
        evidence = Evidence(row["doc_id"], row.get("id"), row["text"], row["start"], row["end"])
        for fact in index.get(group_key, []):
            if fact.interval.overlaps(rng):
                fact.evidence.append(evidence)
                break
        else:
            fact = Fact(
                key, row["relation"], row.get("period"), row.get("base_period"), row.get("base_region"),
                row["modality"], row["value"], row.get("value_max"), row["bound"], row["unit"], rng,
                [evidence],
            )  # fmt: skip
            index.setdefault(group_key, []).append(fact)
            out.append(fact)
    return out


def _bound_class(bound: str) -> str:
    return {"ge": "gt", "le": "lt"}.get(bound, bound)


def build_series(all_facts: list[Fact]) -> dict[SeriesKey, Series]:
    """Every series with its reported points and the points derived from relations."""
    series: dict[SeriesKey, Series] = {}
    levels: dict[tuple[SeriesKey, int], list[Fact]] = {}
    for f in all_facts:
        if f.relation == "level" and f.period is not None:
            kind = "actual" if f.modality == "actual" else f.modality
            point = Point(f.period, kind, f.value, f.bound, f.unit, f.interval, list(f.evidence))
            series.setdefault(f.series, Series(f.series)).points.append(point)
            if f.modality == "actual":
                levels.setdefault((f.series, f.period), []).append(f)
    for f in all_facts:
        if f.relation == "level" or f.modality != "actual" or f.period is None:
            continue
        for level in levels.get((f.series, f.period), []):
            derived = _derive(f, level)
            if derived is not None:
                key, point = derived
                series.setdefault(key, Series(key)).points.append(point)
    for s in series.values():
        s.points.sort(key=lambda p: (p.period, p.kind))
    return series


def _derive(f: Fact, level: Fact) -> tuple[SeriesKey, Point] | None:
    """The point a growth rate, multiple, change or share implies, given the level it qualifies."""
    evidence = level.evidence + f.evidence
    if f.relation == "share" and f.unit == "%" and f.base_region:
        whole = level.interval / _scaled(f.interval, 0.01)
        region, industry, product, _, metric = f.series
        key = (f.base_region, industry, product, None, metric)
        how = f"{level.evidence[0].text} is {f.evidence[0].text} of {f.base_region}"
        return key, _point(f.period, whole, level.unit, evidence, how, f)
    base_period = (
        f.base_period if f.base_period is not None else (f.period - 1 if f.relation == "growth" else None)
    )
    if base_period is None:
        return None
    if f.relation == "growth" and f.unit == "%":
        base = level.interval / _shifted(_scaled(f.interval, 0.01), 1.0)
        how = f"{level.evidence[0].text} after growth of {f.evidence[0].text} since {base_period}"
    elif f.relation == "multiple" and f.unit == "x":
        base = level.interval / f.interval
        how = f"{level.evidence[0].text} is {f.evidence[0].text} the {base_period} level"
    elif f.relation == "change" and f.unit == level.unit:
        base = level.interval - f.interval
        how = f"{level.evidence[0].text} minus the change of {f.evidence[0].text} since {base_period}"
    else:
        return None
    return f.series, _point(base_period, base, level.unit, evidence, how, f)


def _point(period: int, rng: Interval, unit: str, evidence, how: str, source: Fact) -> Point:
    unbounded = math.isinf(source.interval.lo) or math.isinf(source.interval.hi)
    if math.isinf(rng.hi):
        bound, value = "gt", rng.lo
    elif unbounded:
        bound, value = "lt", rng.hi
    else:
        bound, value = "eq", rng.point
    return Point(period, "derived", value, bound, unit, rng, evidence, how)


def _scaled(rng: Interval, factor: float) -> Interval:
    return Interval(rng.lo * factor, rng.hi * factor)


def _shifted(rng: Interval, offset: float) -> Interval:
    return Interval(rng.lo + offset, rng.hi + offset)
