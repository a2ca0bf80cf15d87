"""The real thing for the dashboard's tests: a SQLite store holding the seeds and the examples, ingested
through the real readers and extractor, the app served by uvicorn on 127.0.0.1, and Debian's Chromium
driven by Playwright."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from industrywatch.claims import extract
from industrywatch.ingest import read_sources
from industrywatch.records import Document
from industrywatch.serve.api import create_app
from industrywatch.serve.fetch import ANYWHERE, FetchPolicy
from industrywatch.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "industrywatch"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TOKEN = "test-token-7f3a"


def ingest(url: str, sources: list[str]) -> None:
    """What `industrywatch ingest` does: read, extract, store."""
    with Store(url) as store:
        store.upgrade()
        for item in read_sources(sources):
            assert isinstance(item, Document), item
            claims = extract(item.text, lang=item.lang, published=item.published, doc_id=item.id)
            store.add(item, claims)


@pytest.fixture(scope="session")
def db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the seeds and the examples."""
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'industrywatch.db'}"
    seeds = sorted(str(p) for p in (shared / "corpus" / "seeds").glob("*.txt"))
    ingest(url, seeds + sorted(str(p) for p in (ROOT / "examples").glob("*.txt")))
    return url


@pytest.fixture(scope="session")
def store(db: str) -> Iterator[Store]:
    with Store(db) as opened:
        yield opened


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free port of 127.0.0.1; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serving():
    """`running`, for tests that serve an app of their own."""
    return running


@pytest.fixture(scope="session")
def server(db: str) -> Iterator[str]:
    """The dashboard over the seeded store, read-only."""
    with running(create_app(db)) as base:
        yield base


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN


@pytest.fixture(scope="session")
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def empty_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('writable') / 'industrywatch.db'}"
    with Store(url) as store:
        store.upgrade()
    return url


@pytest.fixture(scope="module")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Starts the app over the store at `db` (else a new, empty one), with the token and the given options
    of `create_app`, and returns its base URL; every server started is stopped at the end of the module."""
    with ExitStack() as started:

        def start(db: str | None = None, **options) -> str:
            app = create_app(db or empty_store(tmp_path_factory), token=TOKEN, **options)
            return started.enter_context(running(app))

        yield start


@pytest.fixture(scope="session")
def writable_policy() -> FetchPolicy:
    """What the writable server may fetch: anything (--allow-private-urls), within two seconds."""
    return FetchPolicy(timeout=2.0, allowed=ANYWHERE)


@pytest.fixture(scope="module")
def writable(start_server: Callable[..., str], writable_policy: FetchPolicy) -> str:
    """The dashboard over an empty store, started with a token and --allow-private-urls: documents can be
    added, by URL too from the test's own web servers on 127.0.0.1."""
    return start_server(fetch=writable_policy)


@pytest.fixture(scope="module")
def guarded(start_server: Callable[..., str]) -> str:
    """The dashboard over an empty store, started with a token and nothing else: private URLs refused."""
    return start_server()


@dataclass
class Served:
    """`industrywatch serve` in a process of its own, as a user starts it."""

    base: str
    process: subprocess.Popen


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`industrywatch serve --token ... --allow-private-urls --max-body 1MiB --fetch-timeout 2` over an
    empty store, on a free port of 127.0.0.1."""
    port = free_port()
    command = [str(CLI), "serve", "--db", empty_store(tmp_path_factory), "--port", str(port), "--token",
               TOKEN, "--allow-private-urls", "--max-body", "1MiB", "--fetch-timeout", "2"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the server did not start"
        try:
            if httpx.get(f"{base}/api/documents", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    try:
        yield Served(base, process)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def closed_url() -> str:
    """A URL on 127.0.0.1 where nothing listens."""
    return f"http://127.0.0.1:{free_port()}/closed"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs it")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")
