"""A shareable report: one self-contained HTML file (inline CSS, inline SVG charts, tables and evidence)
that opens offline."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from industrywatch.analysis import claim_records
from industrywatch.serve.formatting import TARGET_HEADER
from industrywatch.serve.web import STATIC, environment
from industrywatch.serve.web.views import (
    NO_PLACE,
    IndustryView,
    contradiction_rows,
    load_analysis,
    place_industries,
    target_rows,
)
from industrywatch.store.store import Store


@dataclass
class PlaceSection:
    region: str
    industries: list[IndustryView]


def render_report(
    store: Store, region: str | None = None, industry: str | None = None, as_of: date | None = None
) -> str:
    """The report's HTML: the targets as `industrywatch targets` lists them (same filters), then each
    place's series with charts and evidence, the contradictions and the source documents."""
    analysis = load_analysis(store, region, industry, as_of=as_of)
    regions = sorted({s.key[0] or "" for s in analysis.series.values()}, key=lambda r: (r == "", r))
    places = [PlaceSection(r or NO_PLACE, place_industries(analysis, r)) for r in regions]
    claims = store.claims(region=region, industry=industry)
    used = set(claims["doc_id"])
    documents = [d for d in claim_records(store.documents()) if d["doc_id"] in used]
    title = "industrywatch report" + "".join(f" · {f}" for f in (region, industry) if f)
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    return (
        environment()
        .get_template("report.html")
        .render(
            standalone=True,
            css=css,
            policy=report_policy(css),
            title=title,
            made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            as_of=as_of or date.today(),
            target_header=TARGET_HEADER,
            targets=target_rows(analysis),
            places=places,
            contradictions=contradiction_rows(analysis),
            documents=documents,
            claims=len(claims),
        )
    )


def report_policy(css: str) -> str:
    """The report's own Content-Security-Policy: nothing loads or runs but its inline stylesheet (allowed
    by its hash), so a file opened offline cannot run a script even if one slipped into its text."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def write_report(
    store: Store, out: Path, region: str | None = None, industry: str | None = None, as_of: date | None = None
) -> None:
    out.write_text(render_report(store, region, industry, as_of), encoding="utf-8")
