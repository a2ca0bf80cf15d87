"""Where quantities() spends its time: cProfile over the benchmark corpus, top functions by own time.

Reads the corpus one paragraph per call, as bench/quantities_speed.py does; `--whole` passes it as one
text instead, which shows costs that grow with the length of the text."""

from __future__ import annotations

import argparse
import cProfile
import pstats

import corpus
import industrywatch


def main() -> None:
    """Warm up, profile `--passes` passes over the corpus, print the top functions."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", default="en", choices=sorted(corpus.MIN_CHARS))
    ap.add_argument("--whole", action="store_true", help="one call on the whole text")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--top", type=int, default=20)
    args = ap.parse_args()
    paras = [corpus.text(args.lang)] if args.whole else corpus.paragraphs(args.lang)
    for p in paras:
        industrywatch.quantities(p, lang=args.lang)

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.passes):
        for p in paras:
            industrywatch.quantities(p, lang=args.lang)
    profiler.disable()

    stats = pstats.Stats(profiler)
    total = stats.total_tt
    print(f"total {total:.3f} s over {args.passes} passes; own time, then cumulative, as share of total")
    print(f"{'own':>6} {'cum':>6} {'calls':>9}  function")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[: args.top]
    for (path, line, func), (_, ncalls, own, cum, _) in rows:
        where = f"{path.rsplit('/', 1)[-1]}:{line}" if line else "~"
        print(f"{own / total:6.1%} {cum / total:6.1%} {ncalls:>9}  {func} ({where})")


if __name__ == "__main__":
    main()
