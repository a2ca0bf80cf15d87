"""Each request reads the rows it shows, not the store: over a real server on 127.0.0.1, on a SQLite store
holding many times more claims than any page needs, count the rows SQLite hands back per request."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import event

from industrywatch.records import Claim, Document
from industrywatch.serve.api import create_app
from industrywatch.store import Store

REGIONS = 40
DOCUMENTS = 800
CLAIMS_PER_DOCUMENT = 10  # 8,000 claims, 200 a region
BOUND = 600  # rows one request may read: a page, a region's claims, the counts; far below 8,000


def report(number: int) -> tuple[Document, list[Claim]]:
    """Report `number`: ten figures of one region's steel output, the last a target."""
    region = f"Region {number % REGIONS:02d}"
    text = f"Report {number} on {region}:"
    claims = []
    for k in range(CLAIMS_PER_DOCUMENT):
        written = f"{k + 1} billion yuan"
        text += " "
        target = k == CLAIMS_PER_DOCUMENT - 1
        claims.append(Claim(doc_id=None, start=len(text), end=len(text) + len(written), text=written,
                            value=(k + 1) * 1e9 * (1 + number % 7), unit="CNY", metric="output_value",
                            period=2030 if target else 2015 + k, modality="target" if target else "actual",
                            region=region, industry="steel", bound="gt" if target else "eq"))  # fmt: skip
        text += written + "."
    return Document(id=f"report-{number:04d}", text=text, lang="en"), claims


class RowCounter:
    """Counts the rows SQLite returns on the connections of an engine opened after it is installed."""

    def __init__(self) -> None:
        self.rows = 0

    def install(self, dbapi_connection: sqlite3.Connection, _record: object) -> None:
        def count(_cursor: sqlite3.Cursor, row: tuple) -> tuple:
            self.rows += 1
            return row

        dbapi_connection.row_factory = count


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory, serving) -> Iterator[tuple[str, RowCounter]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('many') / 'industrywatch.db'}"
    with Store(url) as store:
        store.upgrade()
        run = store.start_run()
        for number in range(DOCUMENTS):
            store.add(*report(number), run_id=run)
        store.finish_run(run)
        assert store.counts()["claims"] == DOCUMENTS * CLAIMS_PER_DOCUMENT
    app = create_app(url)
    counter = RowCounter()
    engine = app.state.store.engine
    event.listen(engine, "connect", counter.install)
    engine.dispose()  # every connection from now on counts
    with serving(app) as base:
        yield base, counter


REQUESTS = [
    "/api/claims?region=Region 07&metric=output_value&limit=50",
    "/api/claims?limit=50&offset=100",
    "/api/documents?limit=50",
    "/api/documents/report-0007",
    "/api/places",
    "/api/targets?region=Region 07",
    "/api/series?region=Region 07",
    "/api/contradictions?region=Region 07",
    "/",
    "/claims?region=Region 07",
    "/documents",
    "/places/Region 07",
    "/contradictions",
]


@pytest.mark.parametrize("path", REQUESTS)
def test_a_request_reads_a_bounded_number_of_rows(counted, path: str) -> None:
    base, counter = counted
    httpx.get(base + quote(path, safe="/?=&")).raise_for_status()  # warm: the first request may refresh
    counter.rows = 0
    response = httpx.get(base + quote(path, safe="/?=&"))
    assert response.status_code == 200, response.text
    assert 0 < counter.rows <= BOUND, f"{path} read {counter.rows} rows"


def test_pages_hold_what_the_store_holds(counted) -> None:
    base, _ = counted
    page = httpx.get(f"{base}/api/claims", params={"region": "region 07", "limit": 50, "offset": 150}).json()
    assert page["total"] == DOCUMENTS * CLAIMS_PER_DOCUMENT // REGIONS and len(page["items"]) == 50
    assert {c["region"] for c in page["items"]} == {"Region 07"}
    targets = httpx.get(f"{base}/api/targets", params={"region": "Region 07", "as_of": "2025-01-01"}).json()
    (target,) = targets  # "more than" each of its values: one target that every report gives
    assert target["deadline"] == 2030 and len(target["target"]["evidence"]) == DOCUMENTS // REGIONS
    places = httpx.get(f"{base}/api/places").json()
    assert len(places) == REGIONS and all(p["claims"] == 200 for p in places)
    documents = httpx.get(f"{base}/api/documents", params={"limit": 10, "offset": 790}).json()
    assert documents["total"] == DOCUMENTS and documents["items"][-1]["doc_id"] == "report-0799"
