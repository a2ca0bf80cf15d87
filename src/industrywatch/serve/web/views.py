"""What the pages and the report show, computed from the store: the places-by-industries matrix, target
rows as `industrywatch targets` prints them, a place's series with their charts, a document's text cut
into plain and highlighted pieces."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote_plus

import regex
from markupsafe import Markup

from industrywatch.analysis import Analysis, Contradiction, Series, TargetStatus, analyze, of_region
from industrywatch.errors import IndustrywatchError
from industrywatch.langid import detect
from industrywatch.serve.formatting import amount, evidence_line, target_cells
from industrywatch.serve.web.charts import series_charts
from industrywatch.store.store import Store

NO_PLACE = "(no place)"
_RTL_LETTER = regex.compile(r"[\p{Arabic}\p{Hebrew}\p{Syriac}\p{Thaana}\p{Nko}]")
_LETTER = regex.compile(r"\p{L}")


def load_analysis(
    store: Store,
    region: str | None = None,
    industry: str | None = None,
    metric: str | None = None,
    as_of: date | None = None,
) -> Analysis:
    """The analysis of the stored claims (filtered by industry and metric): of every series, or of one
    region's series with the points derived for them from other places' shares, computed from the claims
    those need."""
    analysis = analyze(store.analysis_records(region, industry, metric), as_of=as_of)
    return analysis if region is None else of_region(analysis, region)


@dataclass
class TargetRow:
    region: str | None
    status: str
    cells: list[str]


def target_rows(analysis: Analysis) -> list[TargetRow]:
    """The rows of the `industrywatch targets` table, cell for cell, with each row's place and status."""
    ordered = sorted(analysis.targets, key=lambda t: (t.series.label, t.target.period))
    return [TargetRow(t.series.key[0], t.status, target_cells(t)) for t in ordered]


@dataclass
class PlaceRow:
    name: str
    counts: dict[str, int]
    total: int

    def links(self) -> dict[str, str]:
        """For each industry it has claims in, the claims page of them."""
        place = "" if self.name == NO_PLACE else f"region={quote_plus(self.name)}&"
        return {i: f"/claims?{place}industry={quote_plus(i)}" for i in self.counts}


def place_matrix(counts: Sequence[tuple[str | None, str | None, int]]) -> tuple[list[str], list[PlaceRow]]:
    """Industries (columns) and, for each place, how many claims it has in each, from claims counted per
    place and industry (`Store.place_counts`)."""
    rows: dict[str, PlaceRow] = {}
    for region, industry, claims in counts:
        row = rows.setdefault(region or NO_PLACE, PlaceRow(region or NO_PLACE, {}, 0))
        name = industry or "other"
        row.counts[name] = row.counts.get(name, 0) + claims
        row.total += claims
    industries = sorted({name for row in rows.values() for name in row.counts})
    return industries, sorted(rows.values(), key=lambda r: (r.name == NO_PLACE, r.name))


@dataclass
class SeriesView:
    series: Series
    charts: list[Markup]
    targets: list[TargetStatus]


@dataclass
class IndustryView:
    name: str
    series: list[SeriesView] = field(default_factory=list)


def place_industries(analysis: Analysis, region: str) -> list[IndustryView]:
    """A place's series grouped by industry, each with its charts and targets."""
    by_industry: dict[str, IndustryView] = {}
    for s in sorted(analysis.series.values(), key=lambda s: s.label):
        if (s.key[0] or "").casefold() != region.casefold():
            continue
        targets = [t for t in analysis.targets if t.series is s]
        view = by_industry.setdefault(s.key[1] or "other", IndustryView(s.key[1] or "other"))
        view.series.append(SeriesView(s, series_charts(s, targets), targets))
    return sorted(by_industry.values(), key=lambda v: v.name)


@dataclass
class ContradictionRow:
    label: str
    region: str | None
    period: int
    one: str
    other: str
    gap: str
    contradiction: Contradiction


def contradiction_rows(analysis: Analysis) -> list[ContradictionRow]:
    return [
        ContradictionRow(
            c.series.label,
            c.series.key[0],
            c.period,
            evidence_line(c.a),
            evidence_line(c.b),
            f"{c.gap:.0%}",
            c,
        )
        for c in analysis.contradictions
    ]


@dataclass
class Highlight:
    """A highlighted span and the claims it holds (several when their spans coincide or overlap)."""

    start: int
    end: int
    text: str
    claims: list[Mapping]

    @property
    def anchor(self) -> str:
        return f"c{self.start}-{self.end}"

    @property
    def tip(self) -> str:
        return "\n\n".join(claim_summary(c) for c in self.claims)


def claim_summary(claim: Mapping) -> str:
    """A claim record in a few lines, for a tooltip."""
    where = " · ".join(
        str(claim[k]) for k in ("region", "industry", "product", "organization") if claim.get(k)
    )
    when = f"{claim['period']} " if claim.get("period") is not None else ""
    value = amount(claim["value"], claim["unit"], claim["bound"])
    return "\n".join(
        line
        for line in (
            f"{claim['metric']} ({claim['relation']}): {value}",
            f"{when}{claim['modality']}"
            + (f", base {claim['base_period']}" if claim.get("base_period") else ""),
            where,
            f"confidence {claim['confidence']:.2f}",
        )
        if line
    )


def highlight(text: str, claims: Sequence[Mapping]) -> list[str | Highlight]:
    """The text as plain strings and highlights at the claims' start and end offsets. A claim whose span
    overlaps an earlier one joins that highlight, so every highlight is exactly its first claim's span."""
    pieces: list[str | Highlight] = []
    position = 0
    current: Highlight | None = None
    for claim in sorted(claims, key=lambda c: (c["start"], -c["end"])):
        if current is not None and claim["start"] < current.end:
            current.claims.append(claim)
            continue
        if claim["start"] > position:
            pieces.append(text[position : claim["start"]])
        current = Highlight(claim["start"], claim["end"], text[claim["start"] : claim["end"]], [claim])
        pieces.append(current)
        position = claim["end"]
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def text_language(text: str, lang: str | None) -> str | None:
    """The document's language code: as stored, else detected from the text."""
    if lang:
        return lang
    try:
        return detect(text)
    except IndustrywatchError:
        return None


def text_direction(text: str) -> str:
    """'rtl' when most letters are of a right-to-left script (Arabic, as Urdu is written), else 'ltr'."""
    sample = text[:4000]
    letters = len(_LETTER.findall(sample))
    return "rtl" if letters and len(_RTL_LETTER.findall(sample)) * 2 > letters else "ltr"
