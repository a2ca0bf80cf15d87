"""What the store keeps beside the claims so that reading never scans them all: claims per place and
industry, counted by every write; and each analysis group's targets and contradictions, recomputed from
that group's claims when a write has made them stale (`Store.refresh`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from industrywatch.analysis.consistency import Contradiction, contradictions
from industrywatch.analysis.intervals import Interval
from industrywatch.analysis.series import Evidence, Point, Series, build_series, facts
from industrywatch.analysis.targets import TargetStatus, target_progress
from industrywatch.store.models import AnalysisGroupRow, ContradictionRow, PlaceCountRow, TargetRow

GroupKey = tuple[str, str, str]  # industry, product, metric; '' for none
SERIES_COLUMNS = ("region", "industry", "product", "organization", "metric")


def group_key(claim: Mapping) -> GroupKey:
    """The analysis group of a claim (a record or a `Claim`'s fields)."""
    return (claim["industry"] or "", claim["product"] or "", claim["metric"])


def place_key(claim: Mapping) -> tuple[str, str]:
    return (claim["region"] or "", claim["industry"] or "")


def _upsert(connection: Connection, table, rows: list[dict], keys: Sequence[str], column: str) -> None:
    """Insert `rows`, or add their `column` to the rows already there under the same `keys`."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={column: getattr(table, column) + statement.excluded[column]}
    )
    connection.execute(statement, rows)


def count_claims(connection: Connection, claims: Sequence[Mapping], sign: int) -> None:
    """Claims added (sign 1) or removed (-1), in the caller's transaction: their places' counts move and
    their groups turn stale."""
    if not claims:
        return
    places = Counter(place_key(c) for c in claims)
    groups = {group_key(c) for c in claims}
    rows = [{"region": r, "industry": i, "claims": sign * n} for (r, i), n in sorted(places.items())]
    _upsert(connection, PlaceCountRow, rows, ("region", "industry"), "claims")
    if sign < 0:
        connection.execute(delete(PlaceCountRow).where(PlaceCountRow.claims <= 0))
    new = {"changes": 1, "analysed": 0, "targets": 0, "contradictions": 0}
    changed = [{"industry": i, "product": p, "metric": m, **new} for i, p, m in sorted(groups)]
    _upsert(connection, AnalysisGroupRow, changed, ("industry", "product", "metric"), "changes")


def stale_groups(connection: Connection) -> list[tuple[int, GroupKey, int]]:
    """The groups whose stored analysis is older than their claims: id, key and count of changes."""
    query = select(
        AnalysisGroupRow.id,
        AnalysisGroupRow.industry,
        AnalysisGroupRow.product,
        AnalysisGroupRow.metric,
        AnalysisGroupRow.changes,
    ).where(AnalysisGroupRow.changes != AnalysisGroupRow.analysed)
    return [
        (row.id, (row.industry, row.product, row.metric), row.changes) for row in connection.execute(query)
    ]


def store_group(connection: Connection, group_id: int, changes: int, records: list[dict]) -> None:
    """Replace a group's targets and contradictions with those of its claims (`records`, in the order
    `Store.claims` gives them), computed when `changes` was its count. The first statement takes the
    group's row lock, so two processes refreshing one group write one after the other."""
    series = build_series(facts(records))
    targets = [_target_row(group_id, t) for t in target_progress(series)]
    found = [_contradiction_row(group_id, c) for c in contradictions(series)]
    done = update(AnalysisGroupRow).where(AnalysisGroupRow.id == group_id)
    connection.execute(done.values(analysed=changes, targets=len(targets), contradictions=len(found)))
    connection.execute(delete(TargetRow).where(TargetRow.group_id == group_id))
    connection.execute(delete(ContradictionRow).where(ContradictionRow.group_id == group_id))
    if not records:  # its last claims are gone; a write in the meantime would have counted a change
        stale = AnalysisGroupRow.changes == changes
        connection.execute(delete(AnalysisGroupRow).where(AnalysisGroupRow.id == group_id, stale))
    if targets:
        connection.execute(insert(TargetRow), targets)
    if found:
        connection.execute(insert(ContradictionRow), found)


def _series_columns(s: Series) -> dict:
    return {**dict(zip(SERIES_COLUMNS, s.key, strict=True)), "label": s.label}


def _target_row(group_id: int, t: TargetStatus) -> dict:
    return {
        "group_id": group_id,
        **_series_columns(t.series),
        "deadline": t.target.period,
        "status": t.status,
        "target": point_json(t.target),
        "latest": point_json(t.latest) if t.latest else None,
        "required_rate": t.required_rate,
        "observed_rate": t.observed_rate,
        "projected": t.projected,
    }


def _contradiction_row(group_id: int, c: Contradiction) -> dict:
    return {
        "group_id": group_id,
        **_series_columns(c.series),
        "period": c.period,
        "a": point_json(c.a),
        "b": point_json(c.b),
        "gap": c.gap,
    }


def target_status(row: Mapping) -> TargetStatus:
    """A stored target row as the analysis had it (its progress; `settle` it on a date)."""
    latest = point_from(row["latest"]) if row["latest"] else None
    return TargetStatus(
        _series(row), point_from(row["target"]), row["status"], latest, row["required_rate"],
        row["observed_rate"], row["projected"],
    )  # fmt: skip


def contradiction(row: Mapping) -> Contradiction:
    return Contradiction(_series(row), row["period"], point_from(row["a"]), point_from(row["b"]), row["gap"])


def _series(row: Mapping) -> Series:
    """The series a stored row is about, without its points."""
    return Series(tuple(row[name] for name in SERIES_COLUMNS))


def point_json(p: Point) -> str:
    """A point as JSON text (infinite interval ends as Infinity, which Python's json reads back)."""
    return json.dumps(
        {
            "period": p.period,
            "kind": p.kind,
            "value": p.value,
            "bound": p.bound,
            "unit": p.unit,
            "interval": [p.interval.lo, p.interval.hi],
            "evidence": [[e.doc_id, e.claim_id, e.text, e.start, e.end] for e in p.evidence],
            "derivation": p.derivation,
        },
        ensure_ascii=False,
    )


def point_from(text: str) -> Point:
    data = json.loads(text)
    return Point(
        data["period"],
        data["kind"],
        data["value"],
        data["bound"],
        data["unit"],
        Interval(*data["interval"]),
        [Evidence(*e) for e in data["evidence"]],
        data["derivation"],
    )
