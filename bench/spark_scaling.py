"""Throughput of the Spark job (industrywatch.spark.run) on local[1] and local[2], side by side in one run.

    .venv/bin/pip install -e '.[spark]'      # and a Java runtime, 17 or newer
    .venv/bin/python bench/spark_scaling.py [--seeds 60] [--warmups 3] [--rounds 7]

The corpus is generated: the English and Chinese paragraphs of bench/corpus.py for each seed, and
documents in Urdu, Punjabi and Hindi drawn from the sentences of examples/, one JSONL file per language, as a
crawl comes in few large files (Spark's binaryFiles pays several milliseconds of JVM time per file, which
hundreds of small files turn into seconds).

Each master runs in a Spark session of its own, in a child process, and the two take turns: first warm-up
runs of the whole corpus (they load the language packs and gazetteer in every Python worker and let the JVM
compile its hot code, as the first minutes of a long crawl job do), then timed rounds, each of which runs the
whole job (read, extract, write Parquet) once on each master, in alternating order. Only one job runs at any
time. The figure is the median over rounds of the ratio of the two wall times, so a machine that speeds up
or slows down between rounds moves both sides alike; with it come the CPU seconds each session's JVM and
Python workers spent. The single-process extract() over the same documents is measured too, for the cost of
Spark itself. Results go to bench/results/spark.json; the issue's target is local[2] at 1.7 times local[1].
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
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
CPU_KINDS = ("jvm", "python_workers")
REPLY = "summary: "  # how a session's child marks its answer among Spark's own output


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


def cpu_seconds(root: int) -> dict[str, float]:
    """CPU seconds used so far by the Spark JVM and the PySpark worker processes that `root` started
    (Linux /proc), their ended children included."""
    ticks = os.sysconf("SC_CLK_TCK")
    parents, commands, used_by = {}, {}, {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            commands[pid] = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[pid] = stat[1]
        used_by[pid] = sum(int(field) for field in stat[11:15]) / ticks
    used = dict.fromkeys(CPU_KINDS, 0.0)
    for pid, command in commands.items():
        ancestor = parents.get(pid)
        while ancestor not in (None, "0", "1", str(root)):
            ancestor = parents.get(ancestor)
        if ancestor != str(root):
            continue
        if command[0].endswith(b"java"):
            used["jvm"] += used_by[pid]
        elif b"pyspark.daemon" in command:
            used["python_workers"] += used_by[pid]
    return used


def single_process(docs: list[dict]) -> float:
    """Documents per second of extract() in this process, after one warm-up document per language."""
    for lang in ("en", "zh", "ur", "pa", "hi"):
        extract(next(d["text"] for d in docs if d["lang"] == lang), lang=lang)
    started = time.perf_counter()
    for d in docs:
        extract(d["text"], lang=d["lang"])
    return len(docs) / (time.perf_counter() - started)


def serve(master: str, inputs: str, out: str) -> None:
    """A Spark session on `master` that runs the whole job once for every line read from stdin and answers
    with its summary and the CPU seconds its JVM and Python workers spent on it."""
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
        for _ in sys.stdin:
            before = cpu_seconds(os.getpid())
            summary = run([inputs], out)
            after = cpu_seconds(os.getpid())
            print(REPLY + json.dumps(summary | {k: after[k] - before[k] for k in after}), flush=True)
    finally:
        session.stop()


class Session:
    """A child process serving one master (see `serve`)."""

    def __init__(self, master: str, inputs: Path, out: Path):
        command = [sys.executable, __file__, "--serve", master, str(inputs), str(out)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self) -> dict:
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith(REPLY):
                return json.loads(line.removeprefix(REPLY))
        raise RuntimeError(f"the Spark session ended with status {self.process.wait()}; see its output above")

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def summarise(summaries: list[dict]) -> dict:
    seconds = statistics.median(s["seconds"] for s in summaries)
    return {
        "seconds": [s["seconds"] for s in summaries],
        "median_seconds": seconds,
        "documents": summaries[0]["documents"],
        "claims": summaries[0]["claims"],
        "errors": summaries[0]["errors"],
        "docs_per_s": round(summaries[0]["documents"] / seconds, 1),
        "cpu_seconds": {kind: round(statistics.median(s[kind] for s in summaries), 1) for kind in CPU_KINDS},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=60, help="corpus size: seeds of generated documents")
    parser.add_argument("--warmups", type=int, default=3, help="untimed runs of the whole corpus per master")
    parser.add_argument("--rounds", type=int, default=7, help="timed runs per master")
    parser.add_argument("--serve", nargs=3, metavar=("MASTER", "INPUTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(*args.serve)
        return
    with tempfile.TemporaryDirectory() as tmp:
        data, out = Path(tmp, "corpus"), Path(tmp, "out")
        data.mkdir()
        docs = write_corpus(data, args.seeds)
        load_before = os.getloadavg()[0]
        baseline = single_process(docs)
        sessions = {master: Session(master, data, out / master) for master in MASTERS}
        try:
            for _ in range(args.warmups):
                for session in sessions.values():
                    session.run()
            timed: dict[str, list[dict]] = {master: [] for master in MASTERS}
            for round_ in range(args.rounds):
                for master in MASTERS if round_ % 2 == 0 else MASTERS[::-1]:
                    timed[master].append(sessions[master].run())
        finally:
            for session in sessions.values():
                session.close()
        load_after = os.getloadavg()[0]
    results = {master: summarise(summaries) for master, summaries in timed.items()}
    ratios = [one["seconds"] / two["seconds"] for one, two in zip(*timed.values(), strict=True)]
    ratio = statistics.median(ratios)
    print(f"{'run':<16}{'documents':>10}{'claims':>9}{'seconds':>9}{'docs/s':>9}{'JVM cpu':>9}{'Py cpu':>9}")
    print(f"{'single process':<16}{len(docs):>10}{'':>9}{len(docs) / baseline:>9.2f}{baseline:>9.1f}")
    for master, r in results.items():
        seconds, rate, cpu = r["median_seconds"], r["docs_per_s"], r["cpu_seconds"]
        print(
            f"{master:<16}{r['documents']:>10}{r['claims']:>9}{seconds:>9.2f}{rate:>9.1f}"
            f"{cpu['jvm']:>9.1f}{cpu['python_workers']:>9.1f}"
        )
    verdict = "meets" if ratio >= TARGET else "below"
    rounds = ", ".join(f"{r:.2f}" for r in ratios)
    print(f"local[2] / local[1] = {ratio:.2f} (rounds: {rounds}; {verdict} the target {TARGET})")
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
        "warmups": args.warmups,
        "rounds": args.rounds,
        "single_process_docs_per_s": round(baseline, 1),
        "results": results,
        "ratios_local2_over_local1": [round(r, 3) for r in ratios],
        "ratio_local2_over_local1": round(ratio, 3),
        "target": TARGET,
        "notes": "two sessions side by side, taking turns; median over rounds of the per-round ratio of "
        "whole runs (read JSONL, extract, write Parquet), after warm-up runs of the whole corpus; "
        "cpu_seconds: what each session's JVM and PySpark worker processes spent in a run",
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
