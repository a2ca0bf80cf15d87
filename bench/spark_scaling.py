"""Throughput of the Spark job (industrywatch.spark.run) on local[1] and local[2], in documents per second.

    .venv/bin/pip install -e '.[spark]'      # and a Java runtime, 17 or newer
    .venv/bin/python bench/spark_scaling.py [--seeds 12] [--rounds 3]

The corpus is generated: the English and Chinese paragraphs of bench/corpus.py for each seed, and
documents in Urdu, Punjabi and Hindi drawn from the sentences of examples/, one JSONL file per language, as a
crawl comes in few large files (Spark's binaryFiles pays several milliseconds of JVM time per file, which
hundreds of small files turn into seconds). Each master gets its own Spark session; two warm-up runs on a
small corpus first load the language packs and gazetteer in every Python worker, as a long job amortises
them; then each round runs the whole job (read, extract, write Parquet) and the figure is the median over
rounds, with the CPU seconds the JVM and the Python workers spent. The single-process extract() over the
same documents is measured too, for the cost of Spark itself. Results go to bench/results/spark.json; the
issue's target is local[2] at 1.7 times local[1] or better.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path

import regex

import corpus
from industrywatch import extract

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).parent / "results" / "spark.json"
MASTERS = ("local[1]", "local[2]")
TARGET = 1.7
EXAMPLE_DOCS = 40  # documents per seed for each language of examples/


def example_documents(lang: str, seed: int) -> list[str]:
    """Documents of three to six sentences of the example report in `lang`, picked at random."""
    text = (ROOT / "examples" / f"{lang}-wuxi-photovoltaics.txt").read_text(encoding="utf-8")
    pool = [s.strip() for s in regex.split(r"(?<=[。۔।.])\s+|\n+", text) if len(s.strip()) > 8]
    rng = random.Random(f"{seed}:{lang}")
    return [" ".join(rng.sample(pool, rng.randint(3, 6))) for _ in range(EXAMPLE_DOCS)]


def write_corpus(directory: Path, seeds: int) -> list[dict]:
    """The documents, written under `directory` as one JSONL file per language, as a crawl comes in few
    large files; returned as written."""
    docs = []
    for seed in range(seeds):
        texts = {lang: corpus.paragraphs(lang, seed=seed) for lang in ("en", "zh")}
        texts |= {lang: example_documents(lang, seed) for lang in ("ur", "pa", "hi")}
        for lang, paragraphs in texts.items():
            docs += [{"id": f"{lang}-{seed}-{i}", "text": t, "lang": lang} for i, t in enumerate(paragraphs)]
    for lang in ("en", "zh", "ur", "pa", "hi"):
        lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs if d["lang"] == lang)
        (directory / f"{lang}.jsonl").write_text(lines, encoding="utf-8")
    return docs


def spark_cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far by this machine's Spark JVMs and PySpark worker processes (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = {"jvm": 0.0, "python_workers": 0.0}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if command[0].endswith(b"java"):
            kind = "jvm"
        elif b"pyspark.daemon" in command:
            kind = "python_workers"
        else:
            continue
        used[kind] += sum(int(field) for field in stat[11:15]) / ticks  # its own and its ended children's
    return used


def single_process(docs: list[dict]) -> float:
    """Documents per second of extract() in this process, after one warm-up document per language."""
    for lang in ("en", "zh", "ur", "pa", "hi"):
        extract(next(d["text"] for d in docs if d["lang"] == lang), lang=lang)
    started = time.perf_counter()
    for d in docs:
        extract(d["text"], lang=d["lang"])
    return len(docs) / (time.perf_counter() - started)


def spark_rounds(master: str, inputs: list[str], warmup: list[str], out: Path, rounds: int) -> list[dict]:
    """The summaries of `rounds` timed runs on `master`, after warm-up runs in the same session, each with
    the CPU seconds the JVM and the Python workers spent on it."""
    from pyspark.sql import SparkSession

    from industrywatch.spark import run

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(master)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        for _ in range(
            2
        ):  # a worker that the first run started while another was busy is warmed by the second
            run(warmup, str(out / "warmup"))
        summaries = []
        for _ in range(rounds):
            before = spark_cpu_seconds()
            summary = run(inputs, str(out / master))
            after = spark_cpu_seconds()
            summaries.append(summary | {kind: after[kind] - before[kind] for kind in after})
        return summaries
    finally:
        session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=60, help="corpus size: seeds of generated documents")
    parser.add_argument("--rounds", type=int, default=3, help="timed runs per master")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data, warm, out = Path(tmp, "corpus"), Path(tmp, "warmup"), Path(tmp, "out")
        data.mkdir()
        warm.mkdir()
        docs = write_corpus(data, args.seeds)
        write_corpus(warm, 1)
        inputs, warmup = [str(data)], [str(warm)]
        load_before = os.getloadavg()[0]
        baseline = single_process(docs)
        results = {}
        for master in MASTERS:
            summaries = spark_rounds(master, inputs, warmup, out, args.rounds)
            seconds = statistics.median(s["seconds"] for s in summaries)
            results[master] = {
                "seconds": [s["seconds"] for s in summaries],
                "median_seconds": seconds,
                "documents": summaries[0]["documents"],
                "claims": summaries[0]["claims"],
                "errors": summaries[0]["errors"],
                "docs_per_s": round(summaries[0]["documents"] / seconds, 1),
                "cpu_seconds": {
                    kind: round(statistics.median(s[kind] for s in summaries), 1)
                    for kind in ("jvm", "python_workers")
                },
            }
        load_after = os.getloadavg()[0]
    ratio = results["local[2]"]["docs_per_s"] / results["local[1]"]["docs_per_s"]
    print(f"{'run':<16}{'documents':>10}{'claims':>9}{'seconds':>9}{'docs/s':>9}{'JVM cpu':>9}{'Py cpu':>9}")
    print(f"{'single process':<16}{len(docs):>10}{'':>9}{len(docs) / baseline:>9.2f}{baseline:>9.1f}")
    for master, r in results.items():
        seconds, rate, cpu = r["median_seconds"], r["docs_per_s"], r["cpu_seconds"]
        print(
            f"{master:<16}{r['documents']:>10}{r['claims']:>9}{seconds:>9.2f}{rate:>9.1f}"
            f"{cpu['jvm']:>9.1f}{cpu['python_workers']:>9.1f}"
        )
    verdict = "meets" if ratio >= TARGET else "below"
    print(
        f"local[2] / local[1] = {ratio:.2f} ({verdict} the target {TARGET}); load average {load_before:.1f}"
    )
    digest = sha256("".join(d["text"] for d in docs).encode()).hexdigest()
    RESULTS.parent.mkdir(exist_ok=True)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "pyspark": version("pyspark"),
            "load_average": [round(load_before, 2), round(load_after, 2)],
        },
        "corpus": {"documents": len(docs), "chars": sum(len(d["text"]) for d in docs), "sha256": digest},
        "rounds": args.rounds,
        "single_process_docs_per_s": round(baseline, 1),
        "results": results,
        "ratio_local2_over_local1": round(ratio, 3),
        "target": TARGET,
        "notes": "median over rounds of whole runs (read JSONL, extract, write Parquet), after two warm-ups; "
        "cpu_seconds: what the Spark JVM and the PySpark worker processes spent in a run",
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
