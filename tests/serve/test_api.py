"""The JSON API over HTTP: reading, strict parameters, and adding documents with the token only."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import httpx
import pytest

from industrywatch.analysis import analyze, claim_records

PAGE = b"""<!doctype html><html lang="en"><head><title>Wuxi photovoltaics</title></head><body><article>
<h1>Wuxi photovoltaics</h1>
<p>In 2024 the output value of the photovoltaic industry in Wuxi reached 86.5 billion yuan, up 12% year on
year. By 2027 the city aims to raise it to more than 150 billion yuan.</p>
<p>The industry now counts 68 enterprises above designated size in the city of Wuxi in Jiangsu.</p>
</article></body></html>"""


def test_reading_endpoints(server, store):
    documents = httpx.get(f"{server}/api/documents", params={"limit": 2}).json()
    assert documents["total"] == len(store.documents()) and len(documents["items"]) == 2
    every = httpx.get(f"{server}/api/claims", params={"limit": 1000}).json()
    assert every["total"] == len(store.claims())
    window = httpx.get(f"{server}/api/claims", params={"limit": 3, "offset": 4}).json()
    assert window["items"] == every["items"][4:7]
    guangyuan = httpx.get(f"{server}/api/claims", params={"region": "guangyuan", "modality": "target"}).json()
    assert guangyuan["total"] == len(store.claims(region="Guangyuan", modality="target")) > 0
    doc_id = documents["items"][0]["doc_id"]
    document = httpx.get(f"{server}/api/documents/{doc_id}").json()
    for claim in document["claim_records"]:
        assert document["text"][claim["start"] : claim["end"]] == claim["text"]
    places = {p["name"]: p for p in httpx.get(f"{server}/api/places").json()}
    assert places["Guangyuan"]["industries"]["aluminium"] == len(store.claims(region="Guangyuan"))

    analysis = analyze(claim_records(store.claims()), as_of=None)
    targets = httpx.get(f"{server}/api/targets", params={"as_of": "2025-06-30"}).json()
    assert len(targets) == len(analysis.targets)
    output = [t for t in targets if t["series"]["label"] == "Guangyuan / aluminium / output_value"]
    assert [(t["deadline"], t["target"]["value"], t["target"]["bound"]) for t in output] == [
        (2027, 1e11, "gt")
    ]
    assert output[0]["latest"]["period"] == 2024 and output[0]["status"] == "on track"
    series = httpx.get(
        f"{server}/api/series", params={"region": "Guangyuan", "metric": "output_value"}
    ).json()
    kinds = {(p["kind"], p["period"]) for s in series for p in s["points"]}
    assert {("actual", 2024), ("derived", 2020), ("derived", 2023), ("target", 2027)} <= kinds
    contradictions = httpx.get(f"{server}/api/contradictions").json()
    assert len(contradictions) == len(analysis.contradictions)
    schema = httpx.get(f"{server}/openapi.json").json()
    assert {"/api/documents", "/api/claims", "/api/places", "/api/series", "/api/targets",
            "/api/contradictions", "/api/documents/from-url"} <= set(schema["paths"])  # fmt: skip


MALFORMED = [
    "/api/claims?limit=0",
    "/api/claims?limit=abc",
    "/api/claims?limit=100000",
    "/api/claims?offset=-1",
    "/api/claims?from=20x5",
    "/api/claims?from=2030&to=2020",
    "/api/claims?modality=maybe",
    "/api/claims?regoin=Guangyuan",
    "/api/documents?limit=-5",
    "/api/documents?lnag=ur",
    "/api/documents/seed-000-ur-jinan-laser?full=1",
    "/api/documents/no-such-document",
    "/api/places?region=Jinan",
    "/api/series?metirc=output_value",
    "/api/targets?as_of=2025-13-01",
    "/api/targets?as_of=yesterday",
    "/api/contradictions?as_of=2025-01-01",
]


@pytest.mark.parametrize("path", MALFORMED)
def test_malformed_parameters_get_a_4xx_with_a_message(server, path):
    response = httpx.get(server + path)
    assert 400 <= response.status_code < 500
    detail = response.json()["detail"]
    message = detail if isinstance(detail, str) else " ".join(d["msg"] for d in detail)
    assert len(message) > 10


@pytest.fixture(scope="module")
def website() -> Iterator[str]:
    """A page on 127.0.0.1 to add by URL, and a 404 beside it."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            found = self.path == "/wuxi.html"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE if found else b"not here")

        def log_message(self, *_args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


TEXT = {
    "text": "By 2027 Jinan aims for a laser industry output value of more than 100 billion yuan.",
    "id": "t1",
}


@pytest.mark.parametrize("given", [None, "Bearer wrong", "bare"], ids=["none", "wrong", "not-bearer"])
def test_writes_refuse_requests_without_the_token(writable, website, token, given):
    headers = {} if given is None else {"Authorization": token if given == "bare" else given}
    by_url = {"url": f"{website}/wuxi.html"}
    for path, body in (("/api/documents", TEXT), ("/api/documents/from-url", by_url)):
        response = httpx.post(writable + path, json=body, headers=headers)
        assert response.status_code == 401, path
        assert "Authorization: Bearer" in response.json()["detail"]
        assert response.headers["www-authenticate"] == "Bearer"
    assert httpx.get(f"{writable}/api/documents").json()["total"] == 0


def test_a_server_without_a_token_takes_no_writes(server, auth):
    response = httpx.post(f"{server}/api/documents", json=TEXT, headers=auth)
    assert response.status_code == 403 and "--token" in response.json()["detail"]


def test_adding_text_with_the_token(writable, auth):
    response = httpx.post(f"{writable}/api/documents", json=TEXT, headers=auth)
    assert response.status_code == 201
    added = response.json()
    assert added["outcome"] == "added" and added["claims"] >= 1
    claims = httpx.get(f"{writable}/api/claims", params={"doc_id": "t1"}).json()["items"]
    assert {c["modality"] for c in claims} == {"target"} and claims[0]["value"] == 1e11
    assert httpx.get(f"{writable}/api/documents/t1").json()["lang"] == "en"  # detected, and stored
    again = httpx.post(f"{writable}/api/documents", json=TEXT, headers=auth).json()
    assert again["outcome"] == "unchanged"
    bad = httpx.post(f"{writable}/api/documents", json={"text": ""}, headers=auth)
    assert bad.status_code == 422


def test_adding_by_url_with_the_token(writable, website, auth):
    url = f"{website}/wuxi.html"
    response = httpx.post(f"{writable}/api/documents/from-url", json={"url": url}, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["doc_id"] == url and response.json()["claims"] >= 2
    document = httpx.get(f"{writable}/api/documents/{url}").json()
    assert document["title"] == "Wuxi photovoltaics" and document["lang"] == "en" and document["url"] == url
    assert any(c["value"] == 86.5e9 for c in document["claim_records"])


@pytest.mark.parametrize(
    ("path", "reason"), [("/missing.html", "answered 404"), (None, "ConnectError")], ids=["404", "refused"]
)
def test_a_url_that_cannot_be_fetched_is_reported(writable, website, closed_url, auth, path, reason):
    url = f"{website}{path}" if path else closed_url
    response = httpx.post(f"{writable}/api/documents/from-url", json={"url": url}, headers=auth)
    assert response.status_code == 502
    assert url in response.json()["detail"] and reason in response.json()["detail"]
    bad = httpx.post(f"{writable}/api/documents/from-url", json={"url": "not a url"}, headers=auth)
    assert bad.status_code == 422
