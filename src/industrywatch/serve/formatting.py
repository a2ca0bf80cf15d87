"""How figures read in tables: amounts with scale words, growth rates, evidence, the targets table.
Shared by the command line, the web pages and the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from rich.table import Table

if TYPE_CHECKING:  # the analysis brings pandas: the command line's `extract` uses these columns without it
    from industrywatch.analysis import Analysis, Point, TargetStatus

# The columns a claims table shows.
CLAIM_COLUMNS = (
    "doc_id",
    "text",
    "value",
    "unit",
    "bound",
    "metric",
    "relation",
    "period",
    "modality",
    "region",
)
SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def amount(value: float | None, unit: str, bound: str = "eq") -> str:
    """A value as an analyst reads it: > 100 bn CNY, 615,000 t."""
    if value is None:
        return ""
    sign = {"gt": "> ", "ge": "≥ ", "lt": "< ", "le": "≤ ", "approx": "≈ "}.get(bound, "")
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{sign}{value / size:,.4g} {word} {unit}"
    return f"{sign}{value:,.0f} {unit}" if abs(value) >= 1000 else f"{sign}{value:.4g} {unit}"


def clipped(text: str, size: int = 80) -> str:
    """Text a client sent, cut short for a message: an error names what it is about, it does not echo it."""
    return text if len(text) <= size else text[: size - 1] + "…"


def rate(value: float | None) -> str:
    return "" if value is None else f"{value:+.1%}/yr"


TARGET_HEADER = (
    "series", "deadline", "target", "status", "latest actual", "required", "observed", "projected"
)  # fmt: skip


def target_cells(t: TargetStatus) -> list[str]:
    """A target's row of the targets table, cell by cell."""
    latest = ""
    if t.latest:
        latest = f"{amount(t.latest.value, t.latest.unit, t.latest.bound)} ({t.latest.period})"
    return [
        t.series.label, str(t.target.period), amount(t.target.value, t.target.unit, t.target.bound), t.status,
        latest, rate(t.required_rate), rate(t.observed_rate),
        amount(t.projected, t.target.unit) if t.projected else "",
    ]  # fmt: skip


def targets_table(analysis: Analysis) -> Table:
    table = Table(*TARGET_HEADER)
    for t in sorted(analysis.targets, key=lambda t: (t.series.label, t.target.period)):
        table.add_row(*target_cells(t))
    return table


def evidence_line(p: Point) -> str:
    docs = ", ".join(sorted({e.doc_id for e in p.evidence}))
    how = f" ({p.derivation})" if p.derivation else ""
    return f"{amount(p.value, p.unit, p.bound)}{how} [{docs}]"


def csv_lines(records: Iterable[dict], columns: Sequence[str], batch: int = 1000) -> Iterator[str]:
    """Records as CSV text, `batch` lines at a time (the header first): an export of millions of claims
    never holds more than a batch."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    for number, record in enumerate(records, 1):
        writer.writerow(record)
        if number % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
