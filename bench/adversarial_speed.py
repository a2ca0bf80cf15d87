"""How `quantities()` and `extract()` grow with the length of hostile and of real text.

Each family is a text made to any length: the adversarial ones repeat a unit that once made the engine
quadratic (or worse), the real ones repeat a pack's example report or corpus. For each family and size
(10 KB, 100 KB and 1 MB of characters by default) it takes the CPU time of one call, then prints the growth
exponent (the slope of log time against log size, fitted over the sizes: 1.0 is linear) and the time at the
largest size. Goal: every exponent <= 1.1, and 1 MB of anything in under 5 s.

    .venv/bin/python bench/adversarial_speed.py                      # every family, 10 KB to 1 MB
    .venv/bin/python bench/adversarial_speed.py --sizes 20000 200000 --family 1,
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from datetime import date
from pathlib import Path

import corpus
from industrywatch import extract, quantities
from industrywatch.langpacks import available
from industrywatch.langpacks.loader import PACKS_DIR

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "adversarial.json"
SIZES = (10_000, 100_000, 1_000_000)
GOAL_EXPONENT = 1.1
GOAL_SECONDS = 5.0  # for 1 MB

# name: (language, unit repeated). The first four are the issue's; the others probe the same mechanisms
# (a scan that does not advance, a match that grows with the text, work per pair of items in a sentence).
ADVERSARIAL = {
    "1,": ("en", "1,"),
    "5 ": ("en", "5 "),
    "一": ("zh", "一"),
    "三千五百亿元": ("zh", "三千五百亿元"),
    "digits": ("en", "1"),
    "万": ("zh", "万"),
    "spaces": ("en", "5" + " " * 999),
    "one hundred and": ("en", "one hundred and "),
    "more than": ("en", "more than "),
    "10^400": ("en", "10^400 yuan, 2^1024, 0^-1; "),
    "glued": ("en", "a5"),
    "urls": ("en", "www.a5.cn 5 "),
    "1.1,": ("es", "1.1,"),
    "百分之": ("zh", "百分之"),
    "产值5亿元，": ("zh", "产值5亿元，"),
    "output value,": ("en", "output value of 5 billion yuan, "),
    "places": ("en", "Guangyuan "),
    "广元": ("zh", "广元"),
    "letters": ("en", "a"),
}


def real_units() -> dict[str, tuple[str, str]]:
    """Real-looking text of every pack: its example report, and its corpus (the inputs of its number and
    claim cases, one paragraph each), with the news-like Chinese of corpus.py."""
    out = {"zh news": ("zh", "\n\n".join(corpus.paragraphs("zh")) + "\n\n")}
    for code in available():
        example = ROOT / "examples" / f"{code}-wuxi-photovoltaics.txt"
        if example.exists():
            out[f"{code} example"] = (code, example.read_text(encoding="utf-8") + "\n\n")
        cases = [PACKS_DIR / code / "corpus" / f"{kind}.jsonl" for kind in ("numbers", "claims")]
        lines = [x for path in cases if path.exists() for x in path.read_text(encoding="utf-8").splitlines()]
        out[f"{code} corpus"] = (code, "\n\n".join(json.loads(x)["input"] for x in lines if x) + "\n\n")
    return out


def family_text(unit: str, size: int) -> str:
    """`unit` repeated to exactly `size` characters."""
    return (unit * (size // len(unit) + 1))[:size]


def cpu_seconds(function, text: str, lang: str) -> float:
    started = time.process_time()
    function(text, lang)
    return time.process_time() - started


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """The least-squares slope of log(seconds) against log(size)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def measure(families: dict[str, tuple[str, str]], sizes: list[int]) -> list[dict]:
    rows = []
    for name, (lang, unit) in families.items():
        extract(family_text(unit, 2000), lang)  # load the pack, the gazetteer and the caches first
        for function in (quantities, extract):
            seconds = [cpu_seconds(function, family_text(unit, size), lang) for size in sizes]
            row = {"family": name, "lang": lang, "function": function.__name__, "seconds": seconds}
            row["exponent"] = exponent(sizes, seconds)
            rows.append(row)
            print(
                f"{name:18} {lang:3} {function.__name__:10} "
                + " ".join(f"{t:8.3f}s" for t in seconds)
                + f"   exponent {row['exponent']:.2f}",
                flush=True,
            )
    return rows


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--family", action="append", help="only these families (by name)")
    args = parser.parse_args()
    families = {**ADVERSARIAL, **real_units()}
    if args.family:
        families = {k: v for k, v in families.items() if k in args.family}
    print(f"sizes {args.sizes} characters; CPU seconds of one call", flush=True)
    rows = measure(families, args.sizes)
    worst = max(rows, key=lambda r: r["exponent"])
    slowest = max(rows, key=lambda r: r["seconds"][-1])
    print(f"largest exponent {worst['exponent']:.2f} ({worst['family']}, {worst['function']}), goal <= 1.1")
    print(f"slowest at {args.sizes[-1]:,} characters {slowest['seconds'][-1]:.2f} s ({slowest['family']}, "
          f"{slowest['function']}), goal < 5 s for 1 MB")  # fmt: skip
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {"date": date.today().isoformat(), "machine": platform.processor() or platform.machine(),
             "python": sys.version.split()[0], "sizes": args.sizes, "rows": rows},
            indent=1, ensure_ascii=False,
        ) + "\n", encoding="utf-8",
    )  # fmt: skip


if __name__ == "__main__":
    main()
