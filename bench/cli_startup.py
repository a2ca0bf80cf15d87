"""What the command line costs before it does any work: CPU time of `industrywatch --help` and of
`industrywatch extract` on a one-sentence file, against the bare interpreter (`python -c pass`).

Each command runs in a child process, as a user runs it; its CPU time (user + system) and peak RSS come
from os.wait4. The three take turns for `--rounds` rounds (default 5) and each reports its best round, with
its ratio to the bare interpreter's best. The indexes a first extract builds (the gazetteer's, the language
model, the patterns' classes) are kept in a fresh folder ($INDUSTRYWATCH_CACHE), filled by one extract
before the rounds (reported too), so every timed extract reads them as an ordinary user's second run does.
Results go to bench/results/cli_startup.json."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from quantities_speed import machine

RESULTS = Path(__file__).parent / "results" / "cli_startup.json"
CLI = Path(sys.executable).with_name("industrywatch")
SENTENCE = (
    "In 2024, the output value of Wuxi's photovoltaic industry reached 86.5 billion yuan, an increase of "
    "12.4% year on year.\n"
)
GOALS = {"industrywatch --help": 0.3, "industrywatch extract ONE_SENTENCE": 1.0}  # CPU seconds, the issue's


def commands(sentence: Path) -> dict[str, list[str]]:
    """What is timed, by the name it is reported under."""
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "industrywatch --help": [str(CLI), "--help"],
        "industrywatch extract ONE_SENTENCE": [str(CLI), "extract", str(sentence)],
    }


def run(argv: list[str], env: dict[str, str]) -> dict:
    """One run of `argv` in a child process: its CPU seconds and peak RSS."""
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({status}): {stderr[-2000:]}")
    return {"cpu_seconds": usage.ru_utime + usage.ru_stime, "max_rss_mb": usage.ru_maxrss / 1024}


def measure(rounds: int, workdir: Path) -> dict:
    """Warm the index folder, then time every command `rounds` times, taking turns; the best of each."""
    sentence = workdir / "one.txt"
    sentence.write_text(SENTENCE, encoding="utf-8")
    env = {**os.environ, "INDUSTRYWATCH_CACHE": str(workdir / "cache")}
    timed = commands(sentence)
    first = run(timed["industrywatch extract ONE_SENTENCE"], env)  # builds the indexes and keeps them
    runs: dict[str, list[dict]] = {name: [] for name in timed}
    for _ in range(rounds):
        for name, argv in timed.items():
            runs[name].append(run(argv, env))
    best = {name: min(found, key=lambda r: r["cpu_seconds"]) for name, found in runs.items()}
    bare = best["python -c pass"]["cpu_seconds"]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "rounds": rounds,
        "first_extract": {k: round(v, 3) for k, v in first.items()},  # into the empty index folder
        "results": {
            name: {
                "cpu_seconds": round(b["cpu_seconds"], 3),
                "ratio_to_python": round(b["cpu_seconds"] / max(bare, 1e-3), 1),
                "max_rss_mb": round(b["max_rss_mb"], 1),
                "goal_cpu_seconds": GOALS.get(name),
                "all_cpu_seconds": [round(r["cpu_seconds"], 3) for r in runs[name]],
            }
            for name, b in best.items()
        },
    }


def print_report(report: dict) -> None:
    print(f"{'command':36} {'CPU s':>7} {'x python':>9} {'peak MB':>8} {'goal':>6}")
    for name, r in report["results"].items():
        goal = f"{r['goal_cpu_seconds']:.1f}" if r["goal_cpu_seconds"] else ""
        print(
            f"{name:36} {r['cpu_seconds']:7.3f} {r['ratio_to_python']:9.1f} {r['max_rss_mb']:8.1f} {goal:>6}"
        )
    first = report["first_extract"]
    print(f"the first extract, building the indexes: {first['cpu_seconds']:.3f} CPU s,", end=" ")
    print(f"{first['max_rss_mb']:.1f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="runs of each command; the best is reported")
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = measure(args.rounds, Path(tmp))
    print_report(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
