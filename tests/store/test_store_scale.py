"""What the store keeps beside the claims (counts per place, each group's targets and contradictions)
against what the claims say, on SQLite and PostgreSQL; times in UTC; the migration that adds it all."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest
from alembic import command
from sqlalchemy import create_engine, insert, text

from industrywatch.analysis import analyze, claim_records, of_region
from industrywatch.records import Claim, Document
from industrywatch.store import Store
from industrywatch.store.models import ClaimRow, DocumentRow
from industrywatch.store.store import _alembic_config


def figure(doc: str, value: float, unit: str, period: int, region: str | None, **more) -> Claim:
    written = f"{value:g} {unit}"
    return Claim(doc_id=doc, start=0, end=len(written), text=written, value=value, unit=unit,
                 metric=more.pop("metric", "output_value"), period=period, region=region,
                 industry=more.pop("industry", "steel"), **more)  # fmt: skip


def reports() -> list[tuple[Document, list[Claim]]]:
    """Reports on two cities and their province: levels, growth, a share of the province, targets, and
    two figures for one year that cannot both hold."""
    made = []
    for number, region in enumerate(("Anyang", "Baoding", "Cangzhou")):
        claims = [
            figure(region, 10e9 * (number + 1) * 1.1 ** (year - 2020), "CNY", year, region)
            for year in range(2020, 2025)
        ]
        claims.append(figure(region, 12.0, "%", 2024, region, relation="growth"))
        claims.append(figure(region, 5e10 * (number + 1), "CNY", 2027, region, modality="target", bound="gt"))
        claims.append(figure(region, 300, "count", 2024, region, metric="enterprise_count", industry=None))
        made.append((Document(id=f"{region}-2024", text=f"{region} report 2024"), claims))
    share = figure("share", 40.0, "%", 2024, "Anyang", relation="share", base_region="Hebei")
    made.append((Document(id="share", text="Anyang is 40 % of Hebei"), [share]))
    province = [
        figure("hebei", 2e10, "CNY", 2021, "Hebei"),
        figure("hebei", 9e10, "CNY", 2030, "Hebei", modality="target", bound="gt"),
    ]
    made.append((Document(id="hebei", text="Hebei plans"), province))
    clash = figure("clash", 99e9, "CNY", 2023, "Baoding")
    made.append((Document(id="clash", text="Baoding 99 billion"), [clash]))
    return made


@pytest.fixture
def store(store_url: str) -> Store:
    store = Store(store_url)
    store.upgrade()
    run = store.start_run()
    for document, claims in reports():
        store.add(document, claims, run)
    store.finish_run(run)
    yield store
    store.close()


def target_facts(targets) -> list[tuple]:
    def value(x):
        return None if x is None else round(x, 9)

    return sorted(
        (t.series.label, t.target.period, t.status, t.latest and (t.latest.period, value(t.latest.value)),
         value(t.required_rate), value(t.observed_rate), value(t.projected),
         sorted((e.doc_id, e.text) for e in t.target.evidence))
        for t in targets
    )  # fmt: skip


def contradiction_facts(found) -> list[tuple]:
    return sorted((c.series.label, c.period, round(c.gap, 9), c.a.value, c.b.value) for c in found)


def whole(store: Store, as_of: date | None = None):
    """The analysis of every claim at once, as the store computed it before it kept any."""
    return analyze(claim_records(store.claims()), as_of=as_of)


@pytest.mark.parametrize("as_of", [date(2025, 6, 30), date(2029, 1, 1), date(2031, 1, 1)])
def test_kept_targets_and_contradictions_are_those_of_every_claim_at_once(store: Store, as_of: date) -> None:
    analysis = whole(store, as_of)
    assert target_facts(store.targets(as_of=as_of)) == target_facts(analysis.targets)
    assert contradiction_facts(store.contradictions()) == contradiction_facts(analysis.contradictions)
    hebei = [t for t in analysis.targets if t.series.key[0] == "Hebei"]
    assert hebei and hebei[0].latest.kind == "derived"  # the share of Anyang, another place's claim
    assert store.contradictions() and store.analysis_counts() == {
        "targets": len(analysis.targets),
        "contradictions": len(analysis.contradictions),
    }
    assert target_facts(store.targets("hebei", as_of=as_of)) == target_facts(hebei)
    labels = sorted(t.series.label for t in analysis.targets)
    assert [t.series.label for t in store.targets(limit=2)] == labels[:2]


def test_a_change_makes_its_group_stale_and_the_next_reader_recomputes_it(store: Store) -> None:
    # No run finishes here (as when one is killed): the reader finds the groups stale.
    def baoding_2023() -> list:
        return [c for c in store.contradictions("Baoding") if c.period == 2023 and c.a.kind == c.b.kind]

    assert baoding_2023()
    agreeing = figure("clash", 2e10 * 1.1**3, "CNY", 2023, "Baoding")  # as its own report says
    store.add(Document(id="clash", text="Baoding agrees"), [agreeing])
    assert contradiction_facts(store.contradictions()) == contradiction_facts(whole(store).contradictions)
    assert not baoding_2023()
    store.replace_claims("hebei", [])
    assert target_facts(store.targets()) == target_facts(whole(store).targets)
    assert not [t for t in store.targets() if t.series.key[0] == "Hebei"]
    assert store.refresh() == 0  # nothing left to do


def test_counts_per_place_follow_every_write(store: Store) -> None:
    def counted() -> dict:
        return {(r, i): n for r, i, n in store.place_counts()}

    def from_claims() -> dict:
        frame = store.claims().fillna({"region": "", "industry": ""})
        counts = frame.groupby(["region", "industry"]).size()
        return {(r or None, i or None): int(n) for (r, i), n in counts.items()}

    assert counted() == from_claims() and counted()[("Anyang", None)] == 1
    store.replace_claims("Anyang-2024", [figure("Anyang-2024", 1.0, "CNY", 2024, "Anyang")])
    assert counted() == from_claims() and ("Anyang", None) not in counted()
    assert store.counts()["claims"] == len(store.claims())
    assert store.busiest_places(2) == [("Baoding", 9), ("Cangzhou", 8)]


def test_a_region_series_are_computed_from_the_claims_they_need(store: Store) -> None:
    records = store.analysis_records("Hebei")
    assert {r["region"] for r in records} == {"Hebei", "Anyang"}  # its own, and the share's place
    assert all(r["relation"] in ("share", "level") for r in records if r["region"] == "Anyang")
    mine = of_region(analyze(records), "Hebei").series
    every = of_region(whole(store), "Hebei").series
    assert mine.keys() == every.keys()
    for key, series in mine.items():
        assert [(p.period, p.kind, p.value) for p in series.points] == [
            (p.period, p.kind, p.value) for p in every[key].points
        ]


def test_pages_and_counts_come_from_sql_in_the_order_of_claims(store: Store) -> None:
    every = list(store.claim_records())
    assert every == claim_records(store.claims())
    total, page = store.claim_page(3, 2, region="BAODING")
    baoding = [r for r in every if r["region"] == "Baoding"]
    assert (total, page) == (len(baoding), baoding[2:5])
    assert store.claim_page(5, 0, lang="xx") == (0, [])
    assert store.claim_page(2, 0, doc_id="clash")[0] == 1
    total, documents = store.document_page(2, 1)
    assert total == len(reports())
    assert [d["doc_id"] for d in documents] == sorted(d.id for d, _ in reports())[1:3]
    assert store.document_summary("share")["claims"] == 1 and store.document_summary("nothing") is None
    choices = store.choices()
    assert choices["region"] == ["Anyang", "Baoding", "Cangzhou", "Hebei"]
    assert choices["metric"] == ["enterprise_count", "output_value"]


def test_stored_times_carry_their_zone(store: Store) -> None:
    ingested = store.documents()["ingested_at"]
    assert all(t.tzinfo is not None and t.utcoffset().total_seconds() == 0 for t in ingested)
    assert store.document_summary("share")["ingested_at"].tzinfo == UTC
    started = store.runs()["started"].iloc[0]
    assert started.utcoffset().total_seconds() == 0


def test_old_rows_without_a_zone_read_as_utc(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store:
        store.upgrade()
        store.add(Document(id="old", text="an old report"), [])
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE documents SET ingested_at = '2025-03-04 05:06:07.000000'"))
        assert store.document_summary("old")["ingested_at"] == datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


def test_the_migration_counts_and_analyses_a_store_it_finds_full(store_url: str) -> None:
    engine = create_engine(store_url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
        for number, (document, claims) in enumerate(reports(), 1):
            connection.execute(insert(DocumentRow.__table__), [{
                "id": number, "doc_key": document.id, "content_hash": document.content_hash,
                "text": document.text, "ingested_at": datetime(2025, 1, 1, tzinfo=UTC),
            }])  # fmt: skip
            rows = [{"document_id": number, **c.to_record()} for c in claims]
            for row in rows:
                del row["doc_id"]
            connection.execute(insert(ClaimRow.__table__), rows)
    engine.dispose()
    with Store(store_url) as store:
        store.upgrade()
        assert store.counts()["claims"] == sum(len(claims) for _, claims in reports())
        assert target_facts(store.targets()) == target_facts(whole(store).targets)
        assert not math.isnan(store.targets()[0].target.value)
