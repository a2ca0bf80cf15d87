"""The API serves what its schema says: numbers finite or null where the schema says nullable, times with
their zone, every status code documented, empty and malformed values refused. Schemathesis checks every
operation of /openapi.json against a real server on 127.0.0.1, with positive and negative examples."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from industrywatch.serve.fetch import FetchPolicy

EXAMPLES = 25  # per operation and phase: the whole run takes well under a minute
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
CONFIG = Path(__file__).with_name("schemathesis.toml")


@pytest.fixture(scope="module")
def copied(db, tmp_path_factory) -> str:
    """A copy of the seeded store that this module may change."""
    path = tmp_path_factory.mktemp("schema") / "industrywatch.db"
    shutil.copy(db.removeprefix("sqlite:///"), path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="module")
def seeded(copied, start_server) -> str:
    """A writable server over the seeded store; fetches give up after half a second (there is no network)."""
    return start_server(copied, fetch=FetchPolicy(timeout=0.5))


@pytest.fixture(scope="module")
def out_of_range(copied, seeded) -> str:
    """The seeded server, with one claim's value stored as infinity, as an older store may hold it."""
    with create_engine(copied).begin() as connection:
        connection.execute(text("UPDATE claims SET value = 9e999 WHERE id = (SELECT min(id) FROM claims)"))
        doc_id = connection.execute(
            text("SELECT d.doc_key FROM claims c JOIN documents d ON d.id = c.document_id ORDER BY c.id")
        ).scalar()
    return doc_id


def test_a_value_out_of_range_is_served_as_null_under_a_nullable_type(seeded, out_of_range):
    claims = httpx.get(f"{seeded}/api/claims", params={"doc_id": out_of_range, "limit": 1000}).json()
    assert [c for c in claims["items"] if c["value"] is None]
    for path in ("/api/series", "/api/targets", "/api/contradictions", "/api/places"):
        assert httpx.get(seeded + path).status_code == 200, path
    claim = httpx.get(f"{seeded}/openapi.json").json()["components"]["schemas"]["ClaimOut"]
    assert {"type": "null"} in claim["properties"]["value"]["anyOf"]


def test_times_carry_their_zone(server):
    for item in httpx.get(f"{server}/api/documents").json()["items"]:
        assert datetime.fromisoformat(item["ingested_at"]).utcoffset() is not None


def test_every_status_code_a_route_returns_is_documented(server):
    paths = httpx.get(f"{server}/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert "422" in codes, (method, path)
            if method == "post":
                assert {"201", "400", "401", "403", "413"} <= codes, path
    assert "404" in paths["/api/documents/{doc_id}"]["get"]["responses"]
    assert {"502", "504"} <= set(paths["/api/documents/from-url"]["post"]["responses"])


@pytest.mark.parametrize(
    "path",
    ["/api/targets?as_of=", "/api/targets?as_of=0", "/api/targets?as_of=1735689600", "/api/claims?region=",
     "/api/claims?from=", "/api/documents?lang=", "/api/claims?modality=", "/api/series?metric=",
     "/api/claims?doc_id=%00", "/api/documents/%00", "/api/claims?offset=1125899906842625"],
)  # fmt: skip
def test_empty_and_malformed_query_values_get_422(server, path):
    response = httpx.get(server + path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"]


def test_a_date_in_a_body_is_written_as_a_date(seeded, auth):
    body = {"text": "In 2024 Jinan's laser output reached 50 billion yuan.", "published": 0}
    response = httpx.post(f"{seeded}/api/documents", json=body, headers=auth)
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "published"]


def test_the_same_text_again_answers_with_the_id_it_is_stored_under(seeded, auth):
    text = "In 2024 the output value of Jinan's laser industry reached 52 billion yuan."
    first = httpx.post(f"{seeded}/api/documents", json={"text": text, "id": "first"}, headers=auth).json()
    again = httpx.post(f"{seeded}/api/documents", json={"text": text, "id": "again"}, headers=auth).json()
    assert (first["outcome"], again["outcome"]) == ("added", "unchanged")
    assert again["doc_id"] == "first"
    assert httpx.get(f"{seeded}/api/documents/{again['doc_id']}").status_code == 200


def test_a_method_not_allowed_names_every_method_the_path_takes(server):
    response = httpx.request("DELETE", f"{server}/api/documents")
    assert response.status_code == 405 and response.headers["allow"] == "GET, POST"


def test_a_page_refuses_what_no_store_holds(server):
    response = httpx.get(f"{server}/documents/%00")
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]


def test_the_pages_forms_may_leave_fields_empty(server, store):
    response = httpx.get(f"{server}/claims", params={"region": "", "industry": "", "from": "", "to": ""})
    assert response.status_code == 200
    assert f"{len(store.claims())} claims" in response.text


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"], ids=["nul", "lone-surrogate"])
def test_text_that_no_store_can_hold_is_refused(seeded, auth, escape):
    body = '{"text": "Output rose to ' + escape + ' 5 billion yuan in 2024."}'
    headers = {**auth, "Content-Type": "application/json"}
    response = httpx.post(f"{seeded}/api/documents", content=body.encode(), headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


@pytest.mark.parametrize(
    "text",
    ["The output value reached 10^400 yuan in 2024.", "It grew 2^1024 times.", "A share of 0^-1 per cent.",
     "1," * 1000, "三千五百亿元" * 300],
)  # fmt: skip
def test_odd_numbers_get_an_answer_never_a_server_error(seeded, auth, text):
    body = {"text": text, "lang": "en"}
    response = httpx.post(f"{seeded}/api/documents", json=body, headers=auth, timeout=120)
    assert response.status_code in (201, 422), response.text
    if response.status_code == 422:
        assert response.json()["detail"]


def test_every_operation_keeps_to_its_schema(seeded, auth, token, tmp_path):
    """Schemathesis' own runner, as its command line runs it, over every operation of /openapi.json with
    every check, positive and negative examples, and a fixed seed."""
    warm_up = {"text": "By 2027 Jinan aims for 100 billion yuan."}  # the first text loads the extractor
    assert httpx.post(f"{seeded}/api/documents", json=warm_up, headers=auth, timeout=120).status_code == 201
    paths = httpx.get(f"{seeded}/openapi.json").json()["paths"]
    command = [str(SCHEMATHESIS), "--config-file", str(CONFIG), "run", f"{seeded}/openapi.json",
               "--max-examples", str(EXAMPLES), "--seed", "20261207", "--generation-database", "none",
               "--header", f"Authorization: Bearer {token}", "--request-timeout", "30",
               "--no-color"]  # fmt: skip
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-30_000:]
    assert f"Tested: {sum(len(operations) for operations in paths.values())}" in done.stdout
