"""Adding a document by URL on a server others can reach: private addresses refused in every spelling,
every redirect hop checked, one deadline and a size cap for the whole fetch. Real HTTP servers on
127.0.0.1 (and 127.0.0.2) play the pages, the slow servers and the internal services."""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from industrywatch.serve.fetch import FetchPolicy

SLOW = 8.0  # seconds a slow server keeps a request waiting: longer than any deadline here
LATE = 1.5  # seconds before each redirect of /late, less than a deadline but many of them more

PAGE = b"""<!doctype html><html lang="en"><head><title>Wuxi photovoltaics</title></head><body><article>
<h1>Wuxi photovoltaics</h1>
<p>In 2024 the output value of the photovoltaic industry in Wuxi reached 86.5 billion yuan, up 12% year on
year. By 2027 the city aims to raise it to more than 150 billion yuan.</p>
</article></body></html>"""
BOMB = gzip.compress(b"\0" * (64 << 20))  # 64 MiB of zeros in about 64 kB


@dataclass
class Site:
    """A web server on 127.0.0.x and the paths it was asked for."""

    base: str
    port: int
    hits: list[str] = field(default_factory=list)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        path, _, query = self.path.partition("?")
        if path == "/page.html":
            self.answer(200, PAGE, "text/html; charset=utf-8")
        elif path == "/redirect":
            self.send_response(302)
            self.send_header("Location", query)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/late":  # redirects to itself, each time a little late
            time.sleep(LATE)
            self.send_response(302)
            self.send_header("Location", "/late")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/silent":  # accepts, never answers
            time.sleep(SLOW)
        elif path == "/drip":  # answers at once, then a byte at a time, never done
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.dribble()
        elif path == "/huge":  # a body that never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.flood()
        elif path == "/bomb":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            self.wfile.write(BOMB)
        else:
            self.answer(404, b"not here", "text/plain")

    def answer(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def dribble(self) -> None:
        try:
            for _ in range(int(SLOW / 0.2)):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    def flood(self) -> None:
        try:
            for _ in range(1000):
                self.wfile.write(b"1 billion yuan " * 70_000)
        except OSError:
            pass

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture(scope="module")
def site_at() -> Iterator:
    """Starts sites on addresses of the loopback network; all are stopped at the end."""
    servers = []

    def start(host: str) -> Site:
        httpd = http.server.ThreadingHTTPServer((host, 0), Handler)
        httpd.daemon_threads = True
        port = httpd.server_address[1]
        httpd.hits = []
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        site = Site(f"http://{host}:{port}", port)
        site.hits = httpd.hits
        return site

    yield start
    for httpd in servers:
        httpd.shutdown()


@pytest.fixture(scope="module")
def site(site_at) -> Site:
    return site_at("127.0.0.1")


@pytest.fixture(scope="module")
def internal(site_at) -> Site:
    """A service on 127.0.0.2 that no fetch should ever reach."""
    return site_at("127.0.0.2")


@pytest.fixture(scope="module")
def loopback_only(start_server) -> str:
    """A server that may fetch from 127.0.0.1 but from no other address that is not public."""
    return start_server(fetch=FetchPolicy(timeout=2.0, allowed=("127.0.0.1/32",)))


def add(server: str, url: str, token: str = "test-token-7f3a") -> httpx.Response:
    return httpx.post(
        f"{server}/api/documents/from-url",
        json={"url": url},
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )


LOOPBACK = ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "017700000001", "127.1", "[::1]",
            "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[2002:7f00:1::]"]  # fmt: skip


@pytest.mark.parametrize("host", LOOPBACK)
def test_loopback_is_refused_in_every_spelling(guarded, site, host):
    response = add(guarded, f"http://{host}:{site.port}/page.html")
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert "a loopback address" in detail and "--allow-private-urls" in detail
    assert site.hits == [] or "/page.html" not in site.hits


@pytest.mark.parametrize(
    ("host", "kind"),
    [
        ("169.254.169.254", "a link-local address"),
        ("[fe80::1]", "a link-local address"),
        ("[::ffff:169.254.169.254]", "a link-local address"),
        ("10.0.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("172.16.0.1", "a private address"),
        ("[fd00::1]", "a private address"),
        ("[64:ff9b::a00:1]", "a private address"),  # 10.0.0.1 through NAT64
        ("0.0.0.0", "an unspecified address"),
        ("224.0.0.251", "a multicast address"),
        ("100.64.0.1", "not a public address"),
    ],
)
def test_private_link_local_multicast_and_unspecified_addresses_are_refused(guarded, host, kind):
    response = add(guarded, f"http://{host}/latest/meta-data/")
    assert response.status_code == 422, response.text
    assert kind in response.json()["detail"]


def test_only_http_and_https_are_fetched(guarded):
    for url in ("file:///etc/passwd", "ftp://example.org/report.txt", "gopher://127.0.0.1:70/"):
        assert add(guarded, url).status_code == 422, url


def test_the_server_flag_lets_private_addresses_be_fetched(writable, site):
    response = add(writable, f"{site.base}/page.html")
    assert response.status_code == 201, response.text
    assert response.json()["claims"] >= 2


@pytest.mark.parametrize("spelling", ["127.0.0.2", "2130706434", "[::ffff:127.0.0.2]"])
def test_a_redirect_to_a_refused_address_is_refused_at_its_hop(loopback_only, site, internal, spelling):
    target = f"http://{spelling}:{internal.port}/page.html"
    response = add(loopback_only, f"{site.base}/redirect?{target}")
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert f"redirected to http://{spelling}:{internal.port}/page.html" in detail
    assert "a loopback address" in detail
    assert internal.hits == []


def test_redirects_are_followed_a_bounded_number_of_times(writable, site, internal):
    # A redirect to an allowed address is followed,
    response = add(writable, f"{site.base}/redirect?{internal.base}/page.html")
    assert response.status_code == 201, response.text
    internal.hits.clear()
    # a redirect loop is not followed for ever,
    response = add(writable, f"{site.base}/loop")
    assert response.status_code == 502 and "redirects more than 5 times" in response.json()["detail"]
    # and a redirect to another scheme is refused.
    response = add(writable, f"{site.base}/redirect?file:///etc/passwd")
    assert response.status_code == 422 and "only http and https" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/silent", "/drip", "/late"])
def test_one_deadline_holds_for_the_whole_fetch(writable, writable_policy, site, path):
    deadline = writable_policy.timeout
    started = time.monotonic()
    response = add(writable, f"{site.base}{path}")
    took = time.monotonic() - started
    assert response.status_code == 504, response.text
    assert f"took longer than {deadline:g} s" in response.json()["detail"]
    assert LATE < deadline * 0.9 < took < deadline + 2 < SLOW


@pytest.mark.parametrize("path", ["/huge", "/bomb"], ids=["endless", "gzip-bomb"])
def test_a_page_larger_than_the_cap_is_refused(writable, site, path):
    response = add(writable, f"{site.base}{path}")
    assert response.status_code == 502, response.text
    assert "larger than the limit of 10,485,760 bytes" in response.json()["detail"]


def test_a_host_that_does_not_resolve_is_reported(guarded):
    response = add(guarded, "http://no-such-host.invalid/report.html")
    assert response.status_code == 502 and "cannot look up no-such-host.invalid" in response.json()["detail"]
