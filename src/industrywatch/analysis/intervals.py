"""A reported figure as the interval of values it admits: rounding, "about" and bounds widen it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from industrywatch.text import normalize

APPROX = 0.10  # "about", "nearly": within ten per cent
SLACK = 0.005  # how far apart two intervals may be and still overlap, relative
NUMBER = regex.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Interval:
    lo: float
    hi: float

    def overlaps(self, other: Interval, slack: float = SLACK) -> bool:
        return self.lo <= other.hi * (1 + slack) + 1e-9 and other.lo <= self.hi * (1 + slack) + 1e-9

    def gap(self, other: Interval) -> float:
        """How far apart two intervals are, relative to the smaller end: 0.2 is twenty per cent."""
        if self.overlaps(other, 0.0):
            return 0.0
        low, high = (self, other) if self.hi < other.lo else (other, self)
        return (high.lo - low.hi) / abs(low.hi) if low.hi else math.inf

    @property
    def point(self) -> float:
        """The value to plot: the middle of a closed interval, else its finite end."""
        if math.isinf(self.lo):
            return self.hi
        if math.isinf(self.hi):
            return self.lo
        return (self.lo + self.hi) / 2

    def __truediv__(self, other: Interval) -> Interval:
        return _combine(self, other, lambda a, b: a / b if b else math.copysign(math.inf, a))

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)


def _combine(a: Interval, b: Interval, op) -> Interval:
    values = [op(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi) if not (math.isinf(x) and math.isinf(y))]
    return Interval(min(values), max(values))


def half_unit(value: float, text: str) -> float:
    """Half the place of the last digit as written, scaled: "41.9 billion" -> 0.05e9, "30%" -> 0.5.
    A figure written in words is taken to half a per cent."""
    written = NUMBER.search(normalize(text).text.replace(",", ""))
    if not written or not float(written.group()):
        return abs(value) * 0.005
    digits = written.group()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = abs(value) / float(digits)
    return 0.5 * 10**-decimals * scale


def interval(value: float, bound: str, text: str, value_max: float | None = None) -> Interval:
    """The values a figure admits: its rounding for a point, the open side for a bound."""
    if value_max is not None:
        return Interval(value - half_unit(value, text), value_max + half_unit(value_max, text))
    if bound in ("gt", "ge"):
        return Interval(value, math.inf)
    if bound in ("lt", "le"):
        return Interval(-math.inf, value)
    if bound == "approx":
        return Interval(value * (1 - APPROX), value * (1 + APPROX))
    h = half_unit(value, text)
    return Interval(value - h, value + h)
