"""Pages that are safe to open: every response carries a strict Content-Security-Policy and the other
security headers, the pages work under it in Chromium without a single violation, and only http and https
URLs become links, on the pages and in the report."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from industrywatch.claims import extract
from industrywatch.records import Document
from industrywatch.serve.report import write_report
from industrywatch.store.store import Store

HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "https:alert(1)",
    "//evil.example/x",
]
SAFE_URL = "https://example.org/reports/jinan-laser?lang=en"
TEXT = "In 2024 the output value of the laser industry in Jinan reached 50 billion yuan, report {n}."


class Links(html.parser.HTMLParser):
    """Every URL an HTML page would follow or load: href, src, action, formaction, xlink:href."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "xlink:href") and value is not None:
                self.urls.append(value)


def links(page: str) -> list[str]:
    parser = Links()
    parser.feed(page)
    return parser.urls


def unsafe(urls: list[str]) -> list[str]:
    """The URLs that are neither on the same site (a path or a fragment) nor http(s) with a host."""
    return [
        u
        for u in urls
        if not (u.startswith(("/", "#")) and not u.startswith("//"))
        and not (urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname)
    ]


@pytest.fixture(scope="module")
def hostile(writable, auth) -> str:
    """The writable server holding a document for each hostile URL, and one with a safe URL."""
    for n, url in enumerate([*HOSTILE_URLS, SAFE_URL]):
        body = {"text": TEXT.format(n=n), "id": f"link-{n}", "url": url, "title": f"Report {n}"}
        assert httpx.post(f"{writable}/api/documents", json=body, headers=auth).status_code == 201
    return writable


@pytest.mark.parametrize(
    "path",
    ["/", "/claims", "/documents", "/docs", "/static/style.css", "/api/claims", "/openapi.json",
     "/no-such-page", "/api/claims?limit=0", "/api/documents/no-such-document"],
)  # fmt: skip
def test_every_response_carries_the_security_headers(server, path):
    response = httpx.get(server + path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value, (path, name)
    directives = response.headers["content-security-policy"].split(";")
    policy = dict(directive.strip().split(" ", 1) for directive in directives)
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == policy["style-src"] == policy["font-src"] == "'self'"


def test_refusals_carry_the_security_headers_too(served, auth):
    response = httpx.post(f"{served.base}/api/documents", content=b"[" * (2 << 20), headers=auth)
    assert response.status_code == 413
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("n", range(len(HOSTILE_URLS)))
def test_a_url_that_is_not_http_never_becomes_a_link(hostile, n):
    page = httpx.get(f"{hostile}/documents/link-{n}").text
    assert unsafe(links(page)) == []
    assert "source" in page  # shown, as text


def test_an_http_url_becomes_a_link(hostile):
    page = httpx.get(f"{hostile}/documents/link-{len(HOSTILE_URLS)}").text
    assert SAFE_URL.replace("&", "&amp;") in page and SAFE_URL in links(page)


def test_no_page_links_to_anything_but_the_site_and_the_web(hostile):
    for path in ("/", "/documents", "/claims", "/contradictions", "/docs", "/places/Jinan"):
        page = httpx.get(hostile + path)
        assert page.status_code == 200, path
        assert unsafe(links(page.text)) == [], path


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> str:
    """A store holding a document for each hostile URL, and one with a safe URL, for the report."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'industrywatch.db'}"
    with Store(url) as store:
        store.upgrade()
        for n, link in enumerate([*HOSTILE_URLS, SAFE_URL]):
            text = TEXT.format(n=n)
            store.add(Document(id=f"link-{n}", text=text, url=link, title=f"Report {n}"), extract(text, "en"))
    return url


def test_the_report_makes_links_of_http_urls_only(hostile_store, tmp_path):
    out = tmp_path / "report.html"
    with Store(hostile_store) as store:
        write_report(store, out)
    report = out.read_text(encoding="utf-8")
    assert unsafe(links(report)) == []
    assert SAFE_URL in links(report)
    assert "javascript:alert(document.cookie)" in report  # shown as text


def watch(page) -> list[str]:
    """Collects what the browser says about the page: CSP violations and script errors."""
    said: list[str] = []
    page.on("console", lambda m: said.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda error: said.append(str(error)))
    return said


def test_the_pages_work_under_the_policy_without_a_violation(server, store, page):
    said = watch(page)
    (urdu,) = [d for d in store.documents()["doc_id"] if "-ur-" in d and d.startswith("seed-")]
    for path in ("/", "/places/Guangyuan", "/claims", "/claims?limit=0", "/documents",
                 f"/documents/{quote(urdu)}", "/contradictions", "/docs", "/no-such-page"):  # fmt: skip
        page.goto(server + path)
        assert page.locator("header.bar").evaluate("el => getComputedStyle(el).display") == "flex", path
    assert said == []
    # What the document page styled inline before is styled from the stylesheet now.
    page.goto(f"{server}/documents/{quote(urdu)}")
    record = page.locator("table.claim-records td.record").first
    assert record.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-line"


def test_the_report_has_its_own_policy_and_works_under_it(db, browser, tmp_path: Path):
    out = tmp_path / "report.html"
    with Store(db) as store:
        write_report(store, out)
    page = browser.new_context(offline=True).new_page()
    said = watch(page)
    page.goto(out.as_uri())
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert "default-src 'none'" in policy and "'sha256-" in policy and "unsafe-inline" not in policy
    assert page.locator("header.bar").evaluate("el => getComputedStyle(el).display") == "flex"
    # A script that slipped into the file would not run.
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                  " document.body.append(s); }")  # fmt: skip
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in s for s in said)
