"""Throughput of industrywatch.quantities() side by side with peers, on the same text, in one run.

Every tool reads the corpus of bench/corpus.py one paragraph per call, as a user would. After a warm-up
pass (first calls compile regexes and load data), each round walks the corpus in blocks of paragraphs and
runs every tool on each block in a rotating order, so all tools see the same load on a shared machine.
Time is CPU time of this process (wall time is recorded too); the reported figure is the median over
rounds, and the ratio ours/peer the median of per-round ratios. Results go to
bench/results/quantities.json."""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from importlib.metadata import version
from pathlib import Path

import corpus
import industrywatch

RESULTS = Path(__file__).parent / "results" / "quantities.json"
OURS = "industrywatch"
BLOCKS = 12
TARGET_EN = 10.0  # the goal: at least 10x the throughput of ms-recognizers-text-suite on English


@dataclass
class Tool:
    """One extractor, run on one language: `run` takes a paragraph and returns what it found."""

    name: str
    lang: str
    run: Callable[[str], list]


def ms_recognizers(culture: str) -> Callable[[str], list]:
    """Recognizers-Text number, percentage, currency and dimension models together, for one culture."""
    from ms_recognizers_suite import (
        recognize_currency,
        recognize_dimension,
        recognize_number,
        recognize_percentage,
    )

    def run(text: str) -> list:
        return (
            recognize_number(text, culture)
            + recognize_percentage(text, culture)
            + recognize_currency(text, culture)
            + recognize_dimension(text, culture)
        )

    return run


def quantulum3() -> Callable[[str], list]:
    """quantulum3's parser as installed by default, without its optional scikit-learn classifier."""
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser

    return parser.parse


def tools() -> list[Tool]:
    """Ours and the peers, English and Chinese."""
    from ms_recognizers_suite import Culture

    return [
        Tool(OURS, "en", lambda p: industrywatch.quantities(p, lang="en")),
        Tool("ms-recognizers-text-suite", "en", ms_recognizers(Culture.English)),
        Tool("quantulum3", "en", quantulum3()),
        Tool(OURS, "zh", lambda p: industrywatch.quantities(p, lang="zh")),
        Tool("ms-recognizers-text-suite", "zh", ms_recognizers(Culture.Chinese)),
    ]


def timed(tool: Tool, paras: list[str]) -> tuple[float, float]:
    """CPU and wall seconds for `tool` over `paras`."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    for p in paras:
        tool.run(p)
    return time.process_time() - cpu, time.perf_counter() - wall


def blocks(paras: list[str]) -> list[list[str]]:
    """`paras` cut into BLOCKS consecutive blocks of near-equal size."""
    n = len(paras)
    return [paras[i * n // BLOCKS : (i + 1) * n // BLOCKS] for i in range(BLOCKS)]


def cpu_model() -> str:
    """The CPU's model name as /proc/cpuinfo gives it, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict:
    """What the figures were taken on."""
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def measure(rounds: int) -> dict:
    """Warm up every tool, then time `rounds` interleaved passes; the results as a JSON-ready dict."""
    paras = {lang: corpus.paragraphs(lang) for lang in corpus.MIN_CHARS}
    chars = {lang: sum(map(len, ps)) for lang, ps in paras.items()}
    all_tools = tools()
    found = {}  # the warm-up pass, which also counts what each tool finds
    for tool in all_tools:
        found[tool.name, tool.lang] = sum(len(tool.run(p)) for p in paras[tool.lang])

    chunks = {lang: blocks(ps) for lang, ps in paras.items()}
    cpu = {(t.name, t.lang): [0.0] * rounds for t in all_tools}
    wall = {(t.name, t.lang): [0.0] * rounds for t in all_tools}
    for r in range(rounds):
        for b in range(BLOCKS):
            shift = (r + b) % len(all_tools)
            for tool in all_tools[shift:] + all_tools[:shift]:
                c, w = timed(tool, chunks[tool.lang][b])
                cpu[tool.name, tool.lang][r] += c
                wall[tool.name, tool.lang][r] += w
        print(f"round {r + 1}/{rounds} done", flush=True)

    def median_ratio(times: dict, key: tuple[str, str]) -> float:
        ours = times[OURS, key[1]]
        return round(statistics.median(t / o for t, o in zip(times[key], ours, strict=True)), 2)

    rows = []
    for name, lang in cpu:
        key = name, lang
        rows.append(
            {
                "tool": name,
                "version": version("industrywatch" if name == OURS else name),
                "lang": lang,
                "chars_per_s": round(chars[lang] / statistics.median(cpu[key])),
                "ratio_ours_over_peer": median_ratio(cpu, key),
                "wall_chars_per_s": round(chars[lang] / statistics.median(wall[key])),
                "wall_ratio_ours_over_peer": median_ratio(wall, key),
                "cpu_seconds_per_round": [round(t, 4) for t in cpu[key]],
                "wall_seconds_per_round": [round(t, 4) for t in wall[key]],
                "items_found": found[name, lang],
            }
        )
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {
            lang: {
                "chars": chars[lang],
                "paragraphs": len(ps),
                "sha256": sha256("\n\n".join(ps).encode()).hexdigest(),
            }
            for lang, ps in paras.items()
        },
        "rounds": rounds,
        "notes": "chars_per_s from CPU time of this process, wall_* from wall time; "
        "one call per paragraph; quantulum3 without its optional classifier; "
        "ms-recognizers-text-suite runs its number, percentage, currency and dimension models per call",
        "results": rows,
    }


def print_table(report: dict) -> None:
    """The results as a plain-text table, then the English target."""
    print(f"{'tool':<26} {'lang':<4} {'chars/cpu-s':>12} {'ours/peer':>10} {'wall ratio':>10} {'found':>7}")
    for row in report["results"]:
        ratio = "" if row["tool"] == OURS else f"{row['ratio_ours_over_peer']:.1f}x"
        wall = "" if row["tool"] == OURS else f"{row['wall_ratio_ours_over_peer']:.1f}x"
        tool, lang, cps, found = row["tool"], row["lang"], row["chars_per_s"], row["items_found"]
        print(f"{tool:<26} {lang:<4} {cps:>12,} {ratio:>10} {wall:>10} {found:>7}")
    en_ms = next(
        r for r in report["results"] if r["tool"] == "ms-recognizers-text-suite" and r["lang"] == "en"
    )
    ratio = en_ms["ratio_ours_over_peer"]
    verdict = "met" if ratio >= TARGET_EN else "not met"
    print(f"target >= {TARGET_EN:.0f}x ms-recognizers-text-suite on English: {ratio:.1f}x, {verdict}")


def main() -> None:
    """Measure, print the table and write the JSON results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds per tool (default 5)")
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    args = ap.parse_args()
    report = measure(args.rounds)
    print_table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
