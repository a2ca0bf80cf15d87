"""Small SVG charts of a series, written on the server so that pages and reports need no script."""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from industrywatch.analysis import Point, Series, TargetStatus
from industrywatch.serve.formatting import amount, rate

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 96, 24, 28, 44
KINDS = ("actual", "derived", "forecast", "target")


def series_charts(series: Series, targets: Sequence[TargetStatus]) -> list[Markup]:
    """One chart for each unit the series is reported in, each with the targets of that unit."""
    units = sorted({p.unit for p in series.points if _plottable(p)})
    return [
        series_chart(series, unit, [t for t in targets if t.target.unit == unit and t.series is series])
        for unit in units
    ]


def series_chart(series: Series, unit: str, targets: Sequence[TargetStatus]) -> Markup:
    """The points of one unit as distinct markers (actual, derived, forecast, target), an arrow on each
    bound, and a dashed line from the latest actual to each target: the path that target requires."""
    points = [p for p in series.points if p.unit == unit and _plottable(p)]
    years = [p.period for p in points]
    first, last = min(years), max(years)
    top = _nice_top(max(p.value for p in points))

    def x(year: float) -> float:
        span = max(last - first, 1)
        return LEFT + (year - first + 0.5) / (span + 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM)

    title = f"{series.label} ({unit})"
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in range(5):
        value = top * tick / 4
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
            f'<text class="tick y" x="{LEFT - 6}" y="{y(value) + 4:.1f}">{escape(amount(value, unit))}</text>'
        )
    step = max(1, math.ceil((last - first + 1) / 12))
    for year in range(first, last + 1, step):
        parts.append(f'<text class="tick x" x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 18}">{year}</text>')
    for t in targets:
        if t.latest is not None and _plottable(t.latest):
            how = f"required {rate(t.required_rate)}" if t.required_rate is not None else t.status
            parts.append(
                f'<line class="required" data-from="{t.latest.period}" data-to="{t.target.period}" '
                f'x1="{x(t.latest.period):.1f}" y1="{y(t.latest.value):.1f}" '
                f'x2="{x(t.target.period):.1f}" y2="{y(t.target.value):.1f}">'
                f"<title>{escape(f'from {t.latest.period} to the {t.target.period} target: {how}')}</title>"
                "</line>"
            )
    for p in points:
        parts.append(_marker(p, x(p.period), y(p.value)))
    parts.append(_legend())
    parts.append("</svg>")
    return Markup("".join(parts))


def _plottable(p: Point) -> bool:
    return math.isfinite(p.value)


def _nice_top(value: float) -> float:
    """A round number a little above `value`, for the top of the value axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(
        m * magnitude for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * magnitude >= value * 1.05
    )


def _shape(kind: str, cx: float, cy: float) -> str:
    """Actual and derived points are circles (filled and hollow, by style), forecasts diamonds, targets
    triangles."""
    if kind in ("actual", "derived"):
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5"/>'
    if kind == "forecast":
        return f'<path d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z"/>'
    return f'<path d="M{cx:.1f},{cy - 7:.1f} l7,11 h-14 z"/>'


def _marker(p: Point, cx: float, cy: float) -> str:
    """One point: its shape, an arrow when it is only a bound (> or <), and its year, kind and value."""
    label = f"{p.period} {p.kind}: {amount(p.value, p.unit, p.bound)}"
    if p.derivation:
        label += f" ({p.derivation})"
    arrow = ""
    if p.bound in ("gt", "ge", "lt", "le"):
        sign = -1 if p.bound in ("gt", "ge") else 1
        head = f"m-3,{-sign * 4} l3,{sign * 4} l3,{-sign * 4}"
        arrow = f'<path class="bound" d="M{cx:.1f},{cy + sign * 7:.1f} v{sign * 12} {head}"/>'
    return (
        f'<g class="point {p.kind}" data-kind="{p.kind}" data-period="{p.period}" data-value="{p.value:g}" '
        f'data-bound="{p.bound}" tabindex="0">'
        f"<title>{escape(label)}</title>{_shape(p.kind, cx, cy)}{arrow}</g>"
    )


def _legend() -> str:
    parts = []
    for i, kind in enumerate(KINDS):
        cx = LEFT + 10 + i * 100
        label = f'<text x="{cx + 10}" y="16">{kind}</text>'
        parts.append(f'<g class="legend point {kind}">{_shape(kind, cx, 12)}{label}</g>')
    cx = LEFT + 10 + len(KINDS) * 100
    parts.append(
        f'<g class="legend"><line class="required" x1="{cx - 8}" y1="12" x2="{cx + 8}" y2="12"/>'
        f'<text x="{cx + 12}" y="16">required path</text></g>'
    )
    return "".join(parts)
