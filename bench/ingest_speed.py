"""Throughput and peak memory of `industrywatch ingest`, run as a user runs it, into a fresh SQLite file.

For each size N (default 10,000 and 100,000) it writes N short generated documents (300 to 600
characters, English, Chinese, Urdu, Punjabi and Hindi in turn, each freshly filled so no two are alike) to
one .jsonl file, runs `industrywatch ingest FILE --db sqlite:///...` in a child process and reads the
child's own resource usage (os.wait4): documents per wall second and per CPU second, and its peak
resident memory, which must not grow with N. Results go to bench/results/ingest.json."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import corpus
import extract_speed
from quantities_speed import machine

RESULTS = Path(__file__).parent / "results" / "ingest.json"
SEED = 20240612
SIZES = (300, 600)  # characters per document
CLI = Path(sys.executable).with_name("industrywatch")


def document(i: int, rng: random.Random) -> dict:
    """Document `i`: sentences of its language's templates, freshly filled, up to a drawn length."""
    lang = extract_speed.LANGS[i % len(extract_speed.LANGS)]
    goal = rng.randint(*SIZES)
    if lang in corpus.MIN_CHARS:
        templates = corpus.EN_SENTENCES if lang == "en" else corpus.ZH_SENTENCES
        cities = corpus.CITIES_EN if lang == "en" else corpus.CITIES_ZH
        industries = corpus.INDUSTRIES_EN if lang == "en" else corpus.INDUSTRIES_ZH
        topic = {"city": rng.choice(cities), "industry": rng.choice(industries)}
        joiner = " " if lang == "en" else ""
        parts: list[str] = []
        while sum(map(len, parts)) < goal:
            parts.append(rng.choice(templates).format(**topic, **corpus._fill(rng, lang)))
        text = joiner.join(parts)
    else:
        text = ""
        while len(text) < goal:
            text += extract_speed._paragraphs(lang, rng, 1)[0] + " "
    return {"id": f"doc-{i:06d}", "text": extract_speed._cut(text.strip(), SIZES[1])}


def write_corpus(path: Path, n: int) -> int:
    """Write `n` documents as JSON lines; the number of characters written."""
    rng = random.Random(SEED)
    chars = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            doc = document(i, rng)
            chars += len(doc["text"])
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return chars


def run_ingest(source: Path, db: Path) -> dict:
    """Ingest `source` into a fresh database in a child process; its wall and CPU time and peak RSS."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(CLI), "ingest", str(source), "--db", f"sqlite:///{db}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest failed ({status}): {stderr[-2000:]}")
    return {
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux reports kilobytes
    }


def measure(sizes: list[int], workdir: Path) -> dict:
    rows = []
    for n in sizes:
        source, db = workdir / f"docs-{n}.jsonl", workdir / f"ingest-{n}.db"
        db.unlink(missing_ok=True)
        chars = write_corpus(source, n)
        print(f"{n:,} documents ({chars:,} characters) written, ingesting...", flush=True)
        usage = run_ingest(source, db)
        row = {
            "documents": n,
            "chars": chars,
            "docs_per_s": round(n / usage["wall_seconds"], 1),
            "docs_per_cpu_s": round(n / usage["cpu_seconds"], 1),
            **usage,
        }
        print(row, flush=True)
        rows.append(row)
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {"seed": SEED, "sizes": SIZES, "format": "one .jsonl file"},
        "notes": "`industrywatch ingest FILE --db sqlite:///fresh.db` as a child process; docs_per_s from "
        "its wall time, docs_per_cpu_s from its CPU time, max_rss_mb its peak resident memory (os.wait4)",
        "results": rows,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000], help="documents per run")
    ap.add_argument("--workdir", type=Path, help="where the corpus and databases go (default: a temp dir)")
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        report = measure(args.sizes, workdir)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
