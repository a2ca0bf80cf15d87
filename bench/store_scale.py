"""Latency and memory of `industrywatch serve` over stores of 10,000 to 1,000,000 claims, in SQLite and in
PostgreSQL, and the same requests against another checkout (main) at a size it can stand.

For each backend and size it generates a store straight into the database, in bulk: documents of a few
hundred characters, each reporting one to thirteen figures of the series (place, industry, product,
organisation, metric) it is about. Places, industries and metrics are drawn from Zipf-like weights (a few
places and industries take much of the coverage, 10 % of claims name no place, 20 % no industry), and each
series has a fixed history (actuals from 2016 to 2025, growth rates, a forecast, targets for 2027 and
2030) that its documents repeat, one in fifty of them with a figure of its own. The tables are created at
schema 0003 (the one before the store kept counts and analyses), filled, then upgraded to the newest, so
the migration runs on every size; `Store.refresh` then computes the analysis, timed.

It then starts the real server (`industrywatch serve`, uvicorn) on 127.0.0.1 and measures each request
with wrk (Debian: apt-get install wrk), one connection at a time and twenty at once: p50 and p95 latency
and requests per second; and the server's resident memory after the requests (VmRSS, and VmHWM, its
peak). With --baseline CHECKOUT it serves a copy of the smallest SQLite store, at schema 0003, with that
checkout's code, side by side. Results go to bench/results/store.json."""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from quantities_speed import machine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "store"))
sys.path.insert(0, str(ROOT / "src"))

from alembic import command  # noqa: E402

from industrywatch.store.models import ClaimRow, DocumentRow  # noqa: E402
from industrywatch.store.store import Store, _alembic_config  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "store.json"
CLI = Path(sys.executable).with_name("industrywatch")
SEED = 20261207
PLACES = 2000
INDUSTRIES = ("aluminium", "laser", "batteries", "steel", "textiles", "semiconductors", "photovoltaics",
              "robotics", "wind", "electronics", "ceramics", "machinery", "chemicals", "hydrogen",
              "hardware", "furniture", "automotive", "glass", "software", "tea", "pharmaceuticals", "coal",
              "shipbuilding", "garments", "equipment", "biomedicine", "petrochemicals", "paper",
              "graphite", "rare earths")  # fmt: skip
METRICS = {  # metric: (unit, weight, typical value)
    "output_value": ("CNY", 30, 5e10),
    "production_volume": ("t", 12, 5e5),
    "production_capacity": ("t", 12, 8e5),
    "export_value": ("USD", 8, 2e9),
    "revenue": ("CNY", 8, 3e10),
    "enterprise_count": ("count", 7, 300),
    "enterprise_count_above_scale": ("count", 7, 120),
    "investment": ("CNY", 6, 1e10),
    "project_count": ("count", 4, 40),
    "area": ("m2", 3, 2e6),
    "employment": ("count", 3, 5e4),
}
PRODUCTS = ("ingots", "wafers", "modules", "cells", "rebar", "yarn", "chips", "lithium", "sheet", "foil")
LANGS = ("zh", "en", "ur", "pa", "hi")
REPEATED = 0.98  # the share of claims that repeat their series' figure; the others report one of their own
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format('{"p50": %d, "p95": %d, "requests": %d, "errors": %d, "seconds": %f}\\n',
    latency:percentile(50), latency:percentile(95), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout, summary.duration / 1e6))
end
"""


def weights(n: int, s: float) -> list[float]:
    return [1 / (k + 1) ** s for k in range(n)]


class Generator:
    """Documents and claims of a crawl's store, drawn with a fixed seed."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.places = [f"Place {k:04d}" for k in range(PLACES)]
        self.place_weights = weights(PLACES, 0.8)
        self.industry_weights = weights(len(INDUSTRIES), 1.0)
        self.metrics = list(METRICS)
        self.metric_weights = [METRICS[m][1] for m in self.metrics]

    def series(self) -> tuple:
        rng = self.rng
        region = None if rng.random() < 0.10 else rng.choices(self.places, self.place_weights)[0]
        industry = None if rng.random() < 0.20 else rng.choices(INDUSTRIES, self.industry_weights)[0]
        product = rng.choice(PRODUCTS) if rng.random() < 0.10 else None
        organization = f"Group {rng.randrange(500):03d}" if rng.random() < 0.05 else None
        metric = rng.choices(self.metrics, self.metric_weights)[0]
        return region, industry, product, organization, metric

    def figure(self, key: tuple) -> dict:
        """One figure of a series: its history, the same on every call, or (rarely) one of its own."""
        region, industry, product, organization, metric = key
        unit, _, typical = METRICS[metric]
        digest = hashlib.blake2b(repr(key).encode(), digest_size=8).digest()
        own = random.Random(int.from_bytes(digest))
        base = typical * own.lognormvariate(0, 1)
        growth = own.uniform(-0.05, 0.25)
        rng = self.rng if self.rng.random() > REPEATED else own
        kind = self.rng.random()
        if kind < 0.55:  # a reported level
            year = self.rng.randint(2016, 2025)
            value = base * (1 + growth) ** (year - 2016) * (rng.uniform(0.7, 1.3) if rng is self.rng else 1)
            figure = dict(relation="level", modality="actual", period=year, value=value, unit=unit)
        elif kind < 0.75:  # growth over the year before
            year = self.rng.randint(2017, 2025)
            figure = dict(relation="growth", modality="actual", period=year, value=round(growth * 100, 1),
                          unit="%")  # fmt: skip
        elif kind < 0.78 and region is not None:  # a share of its province
            year = self.rng.randint(2020, 2025)
            province = self.places[int.from_bytes(digest[:2]) % 30]
            figure = dict(relation="share", modality="actual", period=year, value=round(own.uniform(5, 60)),
                          unit="%", base_region=province)  # fmt: skip
        elif kind < 0.88:  # a forecast
            figure = dict(relation="level", modality="forecast", period=2026, value=base * (1 + growth) ** 10,
                          unit=unit, bound="gt")  # fmt: skip
        else:  # a target
            year = 2027 if self.rng.random() < 0.6 else 2030
            ambition = own.uniform(0.9, 1.6)
            figure = dict(relation="level", modality="target", period=year, unit=unit, bound="gt",
                          value=base * (1 + growth) ** (year - 2016) * ambition)  # fmt: skip
        value = figure["value"]
        figure["value"] = float(round(value, -max(int(math.log10(abs(value))) - 2, 0))) if value else 0.0
        return {
            "region": region,
            "industry": industry,
            "product": product,
            "organization": organization,
            "metric": metric,
            "bound": "eq",
            "base_region": None,
            **figure,
        }

    def documents(self, claims: int) -> Iterator[tuple[dict, list[dict]]]:
        """Documents with `claims` claims in all, each about one series (and now and then a second)."""
        made = 0
        number = 0
        while made < claims:
            number += 1
            key = self.series()
            count = min(self.rng.randint(1, 13), claims - made)
            keys = [key if self.rng.random() < 0.8 else self.series() for _ in range(count)]
            figures = [self.figure(k) for k in keys]
            parts, spans = [f"Report {number} on {key[0] or 'the region'}."], []
            for f in figures:
                written = f"{f['value']:g} {f['unit']}"
                offset = sum(len(p) + 1 for p in parts) + len("It reported ")
                parts.append(f"It reported {written} for {f['period']}.")
                spans.append((offset, offset + len(written), written))
            text = " ".join(parts)
            doc_key = hashlib.sha1(str(number).encode()).hexdigest()[:16]
            document = {
                "doc_key": f"crawl-{doc_key}",
                "content_hash": hashlib.sha256(text.encode()).hexdigest(),
                "url": f"https://news.example/{doc_key}",
                "title": f"Report {number}",
                "lang": LANGS[number % len(LANGS)],
                "published": date(2024, 1, 1) + timedelta(days=number % 700),
                "source": "generated",
                "text": text,
                "ingested_at": datetime(2026, 12, 7, tzinfo=UTC),
                "run_id": None,
            }
            rows = [
                {
                    **f,
                    "start": s,
                    "end": e,
                    "text": t,
                    "value_max": None,
                    "base_period": None,
                    "confidence": 0.8,
                }
                for f, (s, e, t) in zip(figures, spans, strict=True)
            ]
            made += len(rows)
            yield document, rows


def fill(url: str, claims: int, batch: int = 20000) -> dict:
    """A store of `claims` generated claims at schema 0003, in bulk; how long it took."""
    started = time.perf_counter()
    engine = create_engine(url)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    document_id = 0
    pending_docs: list[dict] = []
    pending_claims: list[dict] = []
    with engine.begin() as connection:

        def flush() -> None:
            connection.execute(insert(DocumentRow.__table__), pending_docs)
            connection.execute(insert(ClaimRow.__table__), pending_claims)
            pending_docs.clear()
            pending_claims.clear()

        for document, rows in Generator().documents(claims):
            document_id += 1
            pending_docs.append({"id": document_id, **document})
            pending_claims.extend({"document_id": document_id, **row} for row in rows)
            if len(pending_claims) >= batch:
                flush()
        flush()
        connection.exec_driver_sql(
            "INSERT INTO places (name) SELECT region FROM claims WHERE region IS NOT NULL UNION "
            "SELECT base_region FROM claims WHERE base_region IS NOT NULL"
        )
    engine.dispose()
    return {"documents": document_id, "claims": claims, "fill_s": round(time.perf_counter() - started, 1)}


def upgrade_and_refresh(url: str) -> dict:
    """Bring a filled store to the newest schema (the migration counts its claims) and analyse it."""
    started = time.perf_counter()
    with Store(url) as store:
        store.upgrade()
        migrated = time.perf_counter()
        groups = store.refresh()
        if store.engine.dialect.name == "postgresql":  # as autovacuum does after a bulk load
            with store.engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
        counts = {**store.counts(), **store.analysis_counts()}
    done = time.perf_counter()
    return {"upgrade_s": round(migrated - started, 1), "refresh_s": round(done - migrated, 1),
            "groups": groups, **counts}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, src: Path) -> tuple[subprocess.Popen, str]:
    """`industrywatch serve` over `url` with the code in `src`, once it answers."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    server = subprocess.Popen(
        [str(CLI), "serve", "--db", url, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            httpx.get(f"{base}/openapi.json", timeout=5)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start")


def memory(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {name: round(int(fields[name].split()[0]) / 1024, 1) for name in ("VmRSS", "VmHWM")}


def wrk(url: str, connections: int, seconds: int, script: Path) -> dict:
    threads = min(connections, 2)
    done = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script),
         url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "p50_ms": round(found["p50"] / 1000, 1),
        "p95_ms": round(found["p95"] / 1000, 1),
        "requests_per_s": round(found["requests"] / found["seconds"], 1),
        "errors": found["errors"],
    }


def requests(url: str) -> dict[str, str]:
    """The requests measured: the busiest place's claims filtered and its targets, a typical place's
    targets, and the overview."""
    with Store(url) as store:
        busiest = store.busiest_places(PLACES)
    named = [(region, claims) for region, claims in busiest if region]
    top, typical = named[0], named[len(named) // 2]
    return {
        "claims_filtered": f"/api/claims?region={top[0]}&metric=output_value&modality=actual&limit=50",
        "overview": "/",
        "targets_busiest": f"/api/targets?region={top[0]}",
        "targets_typical": f"/api/targets?region={typical[0]}",
        "_places": {"busiest": list(top), "typical": list(typical)},
    }


def measure(url: str, src: Path, paths: dict, seconds: int, script: Path) -> dict:
    """Each request at one and at twenty connections, against a freshly started server."""
    server, base = serve(url, src)
    try:
        started = memory(server.pid)
        out: dict = {}
        for name, path in paths.items():
            if name.startswith("_"):
                continue
            httpx.get(base + path, timeout=120).raise_for_status()  # warm: the first request
            out[name] = {f"c{c}": wrk(base + path.replace(" ", "%20"), c, seconds, script) for c in (1, 20)}
        out["memory_mb"] = {"started": started, "after": memory(server.pid)}
        out["load_average"] = round(os.getloadavg()[0], 1)  # the machine is shared: how busy it was
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def postgres():
    """A throwaway PostgreSQL server, started as the store tests start theirs."""
    from conftest import _postgres_bin, postgres_running  # tests/store/conftest.py

    bindir = _postgres_bin()
    if bindir is None:
        sys.exit("PostgreSQL is not installed: apt-get install postgresql")
    return postgres_running(bindir)


def database(backend: str, folder: Path, name: str, server: str | None) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / (name + '.db')}"
    import psycopg

    admin = server.replace("postgresql+psycopg", "postgresql") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return f"{server}/{name}"


def copy_database(backend: str, url: str, name: str, server: str | None) -> str:
    """A copy of a store, for the other checkout to serve."""
    if backend == "sqlite":
        source = Path(make_url(url).database)
        target = source.with_name(name + ".db")
        shutil.copy(source, target)
        return f"sqlite:///{target}"
    import psycopg

    admin = server.replace("postgresql+psycopg", "postgresql") + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name} TEMPLATE {make_url(url).database}")
    return f"{server}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=5, help="how long wrk runs each request")
    parser.add_argument(
        "--baseline", type=Path, help="a checkout (e.g. /work/main) served at --baseline-size"
    )
    parser.add_argument("--baseline-size", type=int, default=26_000)
    parser.add_argument("--baseline-seconds", type=int, default=40, help="wrk's time for the other checkout")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    folder = Path(tempfile.mkdtemp(prefix="industrywatch-scale-"))
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT)
    results: list[dict] = []
    try:
        for backend in args.backends.split(","):
            pg = postgres() if backend == "postgresql" else None
            server = pg.__enter__() if pg else None
            try:
                if args.baseline:
                    url = database(backend, folder, "baseline", server)
                    made = fill(url, args.baseline_size)
                    old = copy_database(backend, url, "baseline_old", server)
                    made.update(upgrade_and_refresh(url))
                    paths = requests(url)
                    for code, src, at in (
                        ("baseline", args.baseline / "src", old),
                        ("this", ROOT / "src", url),
                    ):
                        row = {"backend": backend, "code": code, **made, "requests": paths}
                        seconds = args.baseline_seconds if code == "baseline" else args.seconds
                        row.update(measure(at, src, paths, seconds, script))
                        results.append(row)
                        print(json.dumps(row), flush=True)
                for size in args.sizes:
                    url = database(backend, folder, f"claims_{size}", server)
                    made = fill(url, size)
                    made.update(upgrade_and_refresh(url))
                    paths = requests(url)
                    row = {"backend": backend, "code": "this", **made, "requests": paths}
                    row.update(measure(url, ROOT / "src", paths, args.seconds, script))
                    results.append(row)
                    print(json.dumps(row), flush=True)
                    if backend == "sqlite":
                        Path(make_url(url).database).unlink()
            finally:
                if pg:
                    pg.__exit__(None, None, None)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine(),
                "results": results,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
