"""The store against SQLite and a real PostgreSQL server: migrations, idempotent adds, queries, runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from industrywatch.errors import IndustrywatchError
from industrywatch.ingest import SourceError
from industrywatch.records import Claim, Document
from industrywatch.store import Store
from industrywatch.store.models import Base
from industrywatch.store.store import CLAIM_COLUMNS, IdTaken

JINAN = Document(
    id="jinan-laser",
    text="Jinan has more than 300 laser companies; by 2027 output will top 100 billion yuan.",
    lang="en",
    published=date(2024, 5, 3),
    title="Jinan laser",
)


def claim(start: int, end: int, value: float, unit: str, metric: str, **more: object) -> Claim:
    return Claim(
        doc_id="jinan-laser",
        start=start,
        end=end,
        text=JINAN.text[start:end],
        value=value,
        unit=unit,
        metric=metric,
        **more,
    )


CLAIMS = [
    claim(
        10, 31, 300, "count", "enterprise_count", bound="gt", period=2024, region="Jinan", industry="laser"
    ),
    claim(
        63,
        80,
        1e11,
        "CNY",
        "output_value",
        period=2027,
        modality="target",
        region="Jinan",
        industry="laser",
        bound="gt",
    ),
]


@pytest.fixture
def store(store_url: str) -> Store:
    store = Store(store_url)
    store.upgrade()
    yield store
    store.close()


def test_migrations_build_exactly_the_models(store: Store) -> None:
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
    store.upgrade()  # at head already: nothing to do, nothing fails


def test_same_document_twice_adds_nothing(store: Store) -> None:
    assert store.add(JINAN, CLAIMS) == "added"
    assert store.contains(JINAN)
    assert store.add(JINAN, CLAIMS) == "unchanged"
    assert store.counts() == {"documents": 1, "claims": 2, "places": 1, "runs": 0, "errors": 0}


def test_changed_text_replaces_the_document_and_its_claims(store: Store) -> None:
    store.add(JINAN, CLAIMS)
    revised = Document(id=JINAN.id, text=JINAN.text.replace("300", "350"), lang="en")
    assert not store.contains(revised)
    assert store.add(revised, CLAIMS[:1]) == "replaced"
    claims = store.claims()
    assert list(claims["metric"]) == ["enterprise_count"]
    assert [doc.text for doc in store.texts()] == [revised.text]


def test_same_text_under_another_name_is_not_stored_twice(store: Store) -> None:
    store.add(JINAN, CLAIMS)
    copy = Document(id="jinan-laser-copy", text=JINAN.text)
    assert store.add(copy, CLAIMS) == "unchanged"
    elsewhere = Document(id="https://example.org/jinan", text=JINAN.text, url="https://example.org/jinan")
    assert store.add(elsewhere, CLAIMS) == "added"  # the same text at a URL is another document
    assert store.counts()["documents"] == 2


def test_a_text_met_again_in_the_run_that_stored_it_is_a_duplicate_and_unchanged_in_a_later_one(
    store: Store,
) -> None:
    first = store.start_run()
    copy = Document(id="jinan-laser-copy", text=JINAN.text)
    assert [store.add(doc, CLAIMS, run_id=first) for doc in (JINAN, copy, JINAN)] == [
        "added",
        "duplicate",
        "duplicate",
    ]
    later = store.start_run()
    assert [store.add(doc, CLAIMS, run_id=later) for doc in (JINAN, copy)] == ["unchanged", "unchanged"]
    runs = store.runs().set_index("id")
    assert tuple(runs.loc[first, ["added", "unchanged", "duplicate", "claims"]]) == (1, 0, 2, 2)
    assert tuple(runs.loc[later, ["added", "unchanged", "duplicate", "claims"]]) == (0, 2, 0, 0)


def test_claims_keep_every_field_and_filter(store: Store) -> None:
    store.add(JINAN, CLAIMS)
    other = Document(id="guangyuan", text="Guangyuan made 615000 tons of aluminium in 2023.", lang="pa")
    store.add(
        other,
        [
            Claim(
                doc_id=None,
                start=16,
                end=27,
                text="615000 tons",
                value=615000,
                unit="t",
                metric="production_volume",
                period=2023,
                region="Guangyuan",
                industry="aluminium",
            )
        ],
    )
    frame = store.claims()
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    target = frame[frame["metric"] == "output_value"].iloc[0]
    expected = CLAIMS[1].to_record()
    assert {name: None if pd.isna(target[name]) else target[name] for name in expected} == expected
    assert target["published"] == date(2024, 5, 3) and target["lang"] == "en"
    assert list(store.claims(region="JINAN", modality="target")["value"]) == [1e11]
    assert list(store.claims(industry=["aluminium", "steel"])["doc_id"]) == ["guangyuan"]
    assert list(store.claims(from_year=2024, to_year=2026)["metric"]) == ["enterprise_count"]
    assert list(store.claims(lang="pa")["region"]) == ["Guangyuan"]
    assert store.claims(metric="gdp").empty
    assert store.places() == ["Guangyuan", "Jinan"]
    docs = store.documents()
    assert list(docs["doc_id"]) == ["guangyuan", "jinan-laser"] and list(docs["claims"]) == [1, 2]


def test_runs_count_what_they_did_and_keep_errors(store: Store) -> None:
    run = store.start_run()
    store.add(JINAN, CLAIMS, run_id=run)
    store.add(JINAN, CLAIMS, run_id=run)
    store.record_error(run, SourceError("reports/bad.jsonl", "line 4", "not valid JSON"))
    store.finish_run(run)
    row = store.runs().iloc[0]
    counted = ("status", "added", "unchanged", "duplicate", "claims", "errors")
    assert tuple(row[name] for name in counted) == ("finished", 1, 0, 1, 2, 1)
    assert store.errors(run).to_dict("records") == [
        {"run_id": run, "source": "reports/bad.jsonl", "record": "line 4", "reason": "not valid JSON"}
    ]


def test_one_run_keeps_the_first_text_of_an_id_and_a_later_run_replaces_it(store: Store) -> None:
    first = store.start_run()
    jinan = replace(JINAN, source="a/report.txt")
    assert store.add(jinan, CLAIMS, run_id=first) == "added"
    assert store.add(replace(jinan, source="b/report.txt"), CLAIMS, run_id=first) == "duplicate"
    revised = replace(JINAN, text=JINAN.text.replace("300", "350"), source="c/report.txt")
    with pytest.raises(IdTaken, match="'jinan-laser' is already taken by a/report.txt; rename one"):
        store.add(revised, CLAIMS[:1], run_id=first)
    assert [doc.text for doc in store.texts()] == [JINAN.text] and len(store.claims()) == 2
    assert store.add(revised, CLAIMS[:1], run_id=store.start_run()) == "replaced"
    assert [doc.text for doc in store.texts()] == [revised.text] and len(store.claims()) == 1


def test_replace_claims_recomputes_without_touching_the_text(store: Store) -> None:
    store.add(JINAN, CLAIMS)
    store.replace_claims(JINAN.id, CLAIMS[1:])
    assert list(store.claims()["metric"]) == ["output_value"]
    assert store.documents()["content_hash"].tolist() == [JINAN.content_hash]
    with pytest.raises(KeyError):
        store.replace_claims("no-such-document", CLAIMS)


def test_a_database_without_tables_says_to_upgrade(store_url: str) -> None:
    with pytest.raises(IndustrywatchError, match="industrywatch db upgrade"):
        Store(store_url).claims()


@pytest.mark.parametrize("url", ["industrywatch.db", "mysql://localhost/x", "sqlite:////no/such/dir/x.db"])
def test_bad_urls_say_what_a_good_one_looks_like(url: str) -> None:
    with pytest.raises(IndustrywatchError, match="sqlite:///"):
        Store(url)


def test_url_comes_from_the_environment_then_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("INDUSTRYWATCH_DB", raising=False)
    store = Store()
    store.upgrade()
    assert (tmp_path / "industrywatch.db").is_file()
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    monkeypatch.setenv("INDUSTRYWATCH_DB", f"sqlite:///{tmp_path / 'other.db'}")
    assert Store().url.database == str(tmp_path / "other.db")
