"""Request bodies on a server others can reach: capped before anything reads them (declared or chunked),
the token checked before the body, errors that name the field without echoing the input, and memory that
oversized requests do not grow."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import psutil
import pytest

MARKER = "ECHO-MARKER-5c1e"
LIMIT = 2000  # bytes: the body limit of the `capped` server


@pytest.fixture(scope="module")
def capped(start_server) -> str:
    """A server that takes bodies of at most LIMIT bytes."""
    return start_server(max_body=LIMIT)


def document(size: int) -> bytes:
    """A JSON body of exactly `size` bytes adding one English report."""
    head = b'{"text": "By 2027 Jinan aims for a laser industry output value of more than 100 billion yuan. '
    return head + b" " * (size - len(head) - 2) + b'"}'


def chunks(data: bytes, size: int = 64 << 10) -> Iterator[bytes]:
    """The body sent in chunks, without a Content-Length."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


def post(base: str, content, headers: dict[str, str]) -> httpx.Response:
    headers = {"Content-Type": "application/json", **headers}
    return httpx.post(f"{base}/api/documents", content=content, headers=headers, timeout=120)


def test_a_body_within_the_limit_is_taken(capped, auth):
    assert post(capped, document(LIMIT), auth).status_code == 201


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_body_over_the_limit_gets_413_with_the_limit(capped, auth, declared):
    body = document(LIMIT + 1)
    response = post(capped, body if declared else chunks(body, 500), auth)
    assert response.status_code == 413
    assert response.json() == {
        "detail": f"the request body is larger than the server's limit of {LIMIT:,} bytes (--max-body)"
    }


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
@pytest.mark.parametrize("given", [None, "Bearer wrong"], ids=["no-token", "wrong-token"])
def test_the_token_is_checked_before_the_body(guarded, given, declared):
    """Not JSON, and 2 MB of it: a client without the token learns nothing but 401."""
    body = b"{not json " + MARKER.encode() * 200_000
    headers = {"Authorization": given} if given else {}
    response = post(guarded, body if declared else chunks(body), headers)
    assert response.status_code == 401
    assert MARKER not in response.text and len(response.content) < 200


@pytest.mark.parametrize(
    "body",
    [
        b"{not json " + MARKER.encode() * 10_000,
        json.dumps({"text": MARKER * 10_000, "lang": MARKER}).encode(),
        json.dumps({"text": 5, "title": [MARKER] * 1000}).encode(),
        json.dumps({"text": "x", "published": MARKER}).encode(),
    ],
    ids=["not-json", "bad-language", "wrong-types", "bad-date"],
)
def test_errors_name_the_field_without_echoing_the_input(guarded, auth, body):
    response = post(guarded, body, auth)
    assert response.status_code == 422
    assert MARKER not in response.text and len(response.content) < 2000
    for problem in response.json()["detail"]:
        assert set(problem) == {"loc", "msg", "type"} and problem["loc"][0] == "body"


def test_an_unknown_field_is_named_in_short(guarded, auth):
    response = post(guarded, json.dumps({"text": "x", "z" * 100_000: 1}).encode(), auth)
    (problem,) = response.json()["detail"]
    assert problem["type"] == "extra_forbidden" and problem["loc"][1] == "z" * 79 + "…"


def test_the_limit_is_the_one_given_to_the_command(served, auth):
    response = post(served.base, b"[" + b" " * (1 << 20) + b"]", auth)
    assert response.status_code == 413 and "1,048,576 bytes" in response.json()["detail"]


def test_oversized_requests_do_not_grow_the_servers_memory(served, auth):
    """Fifty-megabyte bodies, declared or chunked, with and without the token, to a real server."""
    body = b"{not json " + b"x" * (50 << 20)
    server = psutil.Process(served.process.pid)
    post(served.base, document(1000), auth)  # warm up: the first document loads the extractor
    before = server.memory_info().rss
    for content, headers in [(body, auth), (chunks(body), auth), (body, {}), (chunks(body), {})]:
        try:
            response = post(served.base, content, headers)
        except httpx.TransportError:
            continue  # the server answered and closed the connection while the body was still going out
        assert response.status_code in (401, 413), response.text[:200]
    grown = server.memory_info().rss - before
    assert grown < 20 << 20, f"the server grew by {grown / 2**20:.0f} MiB"
