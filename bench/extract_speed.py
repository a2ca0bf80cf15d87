"""Throughput of industrywatch.extract() end to end, language detection included, as a user runs it.

The corpus is a few hundred documents of 500 to 3,000 characters in English, Chinese, Urdu, Punjabi and
Hindi, built with a fixed seed from the paragraphs of bench/corpus.py (English, Chinese), from templates
written for this benchmark (Urdu, Punjabi, Hindi) and from the texts in examples/. Each document is one
call of extract(text) with lang=None. After a warm-up pass, each round times every document in a rotating
order; time is CPU time of this process, the reported figure the median over rounds. Results go to
bench/results/extract.json."""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import time
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path

import corpus
import industrywatch
from quantities_speed import machine

RESULTS = Path(__file__).parent / "results" / "extract.json"
EXAMPLES = Path(__file__).parent.parent / "examples"
SEED = 20240611
LANGS = ("en", "zh", "ur", "pa", "hi")
DOCS_PER_LANG = 60
SIZES = (500, 3000)  # characters per document
TARGET = 300_000  # the goal: characters per CPU second, all languages together

CITIES = {
    "ur": ["جینان", "گوانگ یوآن", "ووشی", "ہیفے", "باؤتو", "ییبن"],
    "pa": ["ਜਿਨਾਨ", "ਗੁਆਂਗਯੁਆਨ", "ਵੂਸ਼ੀ", "ਹੇਫੇਈ", "ਬਾਓਟੋ", "ਯਿਬਿਨ"],
    "hi": ["जिनान", "ग्वांगयुआन", "वूशी", "हेफ़ेई", "बाओटो", "यिबिन"],
}
INDUSTRIES = {
    "ur": ["لیزر", "ایلومینیم", "فوٹو وولٹک", "لیتھیم بیٹری", "نئی توانائی کی گاڑیوں"],
    "pa": ["ਲੇਜ਼ਰ", "ਐਲੂਮੀਨੀਅਮ", "ਫੋਟੋਵੋਲਟੇਇਕ", "ਲਿਥੀਅਮ ਬੈਟਰੀ", "ਨਵੀਂ ਊਰਜਾ ਵਾਹਨ"],
    "hi": ["लेजर", "एल्युमीनियम", "फोटोवोल्टिक", "लिथियम बैटरी", "नई ऊर्जा वाहन"],
}
SENTENCES = {
    "ur": [
        "{year} میں، {city} کی {industry} صنعت کی پیداواری قدر {dec} بلین یوآن تک پہنچ گئی، جو سال بہ سال "
        "{pct} فیصد کا اضافہ ہے۔",
        "اس وقت شہر میں {count} سے زائد {industry} کمپنیاں ہیں، جن میں سے {small} کمپنیاں مقررہ پیمانے سے "
        "اوپر ہیں۔",
        "{city} میں {industry} کی پیداواری صلاحیت {tonnes} ٹن ہے، جو صوبے کے کل کا {pct}% ہے۔",
        "منصوبے کے مطابق، {future} تک صنعت کی پیداواری قدر {big} بلین یوآن سے تجاوز کر جائے گی۔",
        "{year} میں شہر کی {industry} برآمدات {dec} بلین امریکی ڈالر رہیں۔",
        "{future} تک {area} ہیکٹر رقبے پر مشتمل ایک نیا {industry} صنعتی پارک مکمل کر لیا جائے گا۔",
        "صنعت کی آمدنی {past} کے مقابلے میں {mult} گنا بڑھ گئی ہے۔",
        "شہر میں اس شعبے میں تقریباً {thousands} افراد کام کرتے ہیں۔",
        "شہر کے متعلقہ محکمے نے کہا کہ {city} صاف توانائی کی صنعت کے سلسلے کو مزید مضبوط بنائے گا۔",
        "ماہرین کا کہنا ہے کہ کلیدی آلات اب بھی درآمدات پر منحصر ہیں۔",
    ],
    "pa": [
        "{year} ਵਿੱਚ, {city} ਦੇ {industry} ਉਦਯੋਗ ਦਾ ਆਉਟਪੁੱਟ ਮੁੱਲ {dec} ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚ ਗਿਆ, ਜੋ ਕਿ "
        "ਸਾਲ-ਦਰ-ਸਾਲ {pct}% ਦਾ ਵਾਧਾ ਹੈ।",
        "ਵਰਤਮਾਨ ਵਿੱਚ, ਸ਼ਹਿਰ ਵਿੱਚ {count} ਤੋਂ ਵੱਧ {industry} ਉੱਦਮ ਹਨ, ਜਿਨ੍ਹਾਂ ਵਿੱਚੋਂ {small} ਉੱਦਮ ਨਿਰਧਾਰਤ ਆਕਾਰ ਤੋਂ ਉੱਪਰ ਹਨ।",
        "{city} ਦੀ {industry} ਉਤਪਾਦਨ ਸਮਰੱਥਾ {tonnes} ਟਨ ਹੈ, ਜੋ ਸੂਬੇ ਦੇ ਕੁੱਲ ਦਾ {pct}% ਹੈ।",
        "ਯੋਜਨਾ ਅਨੁਸਾਰ, {future} ਤੱਕ ਆਉਟਪੁੱਟ ਮੁੱਲ {big} ਬਿਲੀਅਨ ਯੂਆਨ ਤੋਂ ਵੱਧ ਹੋ ਜਾਵੇਗਾ।",
        "{year} ਵਿੱਚ, {city} ਦਾ {industry} ਨਿਰਯਾਤ {dec} ਬਿਲੀਅਨ ਅਮਰੀਕੀ ਡਾਲਰ ਰਿਹਾ।",
        "{future} ਤੱਕ, {area} ਹੈਕਟੇਅਰ ਦਾ ਇੱਕ ਨਵਾਂ {industry} ਉਦਯੋਗਿਕ ਪਾਰਕ ਪੂਰਾ ਕੀਤਾ ਜਾਵੇਗਾ।",
        "ਉਦਯੋਗ ਦਾ ਆਉਟਪੁੱਟ ਮੁੱਲ {past} ਦੇ ਮੁਕਾਬਲੇ {mult} ਗੁਣਾ ਹੋ ਗਿਆ ਹੈ।",
        "ਇਸ ਖੇਤਰ ਵਿੱਚ ਲਗਭਗ {thousands} ਲੋਕ ਕੰਮ ਕਰਦੇ ਹਨ।",
        "ਸ਼ਹਿਰ ਦੇ ਸਬੰਧਤ ਵਿਭਾਗ ਨੇ ਕਿਹਾ ਕਿ {city} ਸਾਫ਼ ਊਰਜਾ ਉਦਯੋਗ ਦੀ ਲੜੀ ਨੂੰ ਹੋਰ ਮਜ਼ਬੂਤ ਕਰੇਗਾ।",
        "ਮਾਹਿਰਾਂ ਦਾ ਕਹਿਣਾ ਹੈ ਕਿ ਮੁੱਖ ਉਪਕਰਣ ਅਜੇ ਵੀ ਦਰਾਮਦ ਉੱਤੇ ਨਿਰਭਰ ਹਨ।",
    ],
    "hi": [
        "{year} में {city} के {industry} उद्योग का उत्पादन मूल्य {dec} बिलियन युआन तक पहुंच गया, जो "
        "साल-दर-साल {pct}% की वृद्धि है।",
        "वर्तमान में शहर में {count} से अधिक {industry} उद्यम हैं, जिनमें से {small} निर्धारित आकार से ऊपर के उद्यम हैं।",
        "{city} की {industry} उत्पादन क्षमता {tonnes} टन है, जो प्रांत के कुल का {pct}% है।",
        "योजना के अनुसार, {future} तक उद्योग का उत्पादन मूल्य {big} बिलियन युआन से अधिक हो जाएगा।",
        "{year} में शहर का {industry} निर्यात {dec} बिलियन अमेरिकी डॉलर रहा।",
        "{future} तक {area} हेक्टेयर का नया {industry} औद्योगिक पार्क बनकर तैयार हो जाएगा।",
        "उद्योग का राजस्व {past} की तुलना में {mult} गुना हो गया है।",
        "इस क्षेत्र में लगभग {thousands} लोग काम करते हैं।",
        "शहर के संबंधित विभाग ने कहा कि {city} स्वच्छ ऊर्जा उद्योग की श्रृंखला को और मजबूत करेगा।",
        "विशेषज्ञों का कहना है कि प्रमुख उपकरण अब भी आयात पर निर्भर हैं।",
    ],
}


def _fill(rng: random.Random) -> dict[str, str]:
    """Values for every numeric slot of the Urdu, Punjabi and Hindi templates."""
    year = rng.randint(2019, 2024)
    return {
        "year": str(year),
        "past": str(rng.randint(2015, year - 1)),
        "future": str(rng.choice([2025, 2026, 2027, 2030])),
        "dec": f"{rng.uniform(1, 300):.1f}",
        "big": str(rng.randint(50, 500)),
        "pct": f"{rng.uniform(0.5, 65):.1f}",
        "mult": rng.choice(["2", "3", "5", "1.5", "2.4"]),
        "count": str(rng.randint(80, 1500)),
        "small": str(rng.randint(2, 60)),
        "tonnes": str(rng.randint(20_000, 2_500_000)),
        "area": str(rng.randint(50, 900)),
        "thousands": str(rng.randint(2_000, 180_000)),
    }


def _paragraphs(lang: str, rng: random.Random, count: int) -> list[str]:
    """`count` paragraphs of 3 to 6 template sentences, each about one city and industry."""
    out = []
    for _ in range(count):
        topic = {"city": rng.choice(CITIES[lang]), "industry": rng.choice(INDUSTRIES[lang])}
        picked = rng.sample(SENTENCES[lang], rng.randint(3, 6))
        out.append(" ".join(t.format(**topic, **_fill(rng)) for t in picked))
    return out


def documents(per_lang: int = DOCS_PER_LANG, seed: int = SEED, sizes: tuple[int, int] = SIZES):
    """`per_lang` documents for each language as (lang, text): paragraphs drawn from the language's pool
    until the document reaches a length drawn from `sizes`, cut at a sentence when it would pass the
    upper bound."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for lang in LANGS:
        pool = corpus.paragraphs(lang) if lang in corpus.MIN_CHARS else _paragraphs(lang, rng, 120)
        pool += [p.read_text().strip() for p in sorted(EXAMPLES.glob(f"{lang}-*.txt"))]
        for _ in range(per_lang):
            goal = rng.randint(*sizes)
            parts: list[str] = []
            while sum(map(len, parts)) < goal:
                parts.append(rng.choice(pool))
            out.append((lang, _cut("\n\n".join(parts), sizes[1])))
    return out


def _cut(text: str, limit: int) -> str:
    """`text` cut after the last sentence end within `limit` characters (the whole text if shorter)."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(mark) for mark in (". ", "。", "۔", "।", "\n"))
    return head[: end + 1] if end > 0 else head


def measure(rounds: int, per_lang: int) -> dict:
    """Warm up, then time `rounds` passes over the corpus; the results as a JSON-ready dict."""
    docs = documents(per_lang)
    claims = {lang: 0 for lang in LANGS}
    for lang, text in docs:  # the warm-up pass: compiles patterns and loads packs and the gazetteer
        claims[lang] += len(industrywatch.extract(text))
    cpu = {lang: [0.0] * rounds for lang in LANGS}
    order = list(range(len(docs)))
    for r in range(rounds):
        random.Random(r).shuffle(order)  # a new interleaving of languages each round
        gc.collect()
        for i in order:
            lang, text = docs[i]
            started = time.process_time()
            industrywatch.extract(text)
            cpu[lang][r] += time.process_time() - started
        print(f"round {r + 1}/{rounds} done", flush=True)
    chars = {lang: sum(len(t) for g, t in docs if g == lang) for lang in LANGS}
    count = {lang: sum(1 for g, _ in docs if g == lang) for lang in LANGS}
    total = [sum(cpu[lang][r] for lang in LANGS) for r in range(rounds)]

    def row(lang: str, n_chars: int, n_docs: int, seconds: list[float], found: int) -> dict:
        median = statistics.median(seconds)
        return {
            "lang": lang,
            "documents": n_docs,
            "chars": n_chars,
            "chars_per_s": round(n_chars / median),
            "docs_per_s": round(n_docs / median, 1),
            "claims": found,
            "cpu_seconds_per_round": [round(s, 4) for s in seconds],
        }

    rows = [row(lang, chars[lang], count[lang], cpu[lang], claims[lang]) for lang in LANGS]
    rows.append(row("all", sum(chars.values()), len(docs), total, sum(claims.values())))
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "corpus": {
            "seed": SEED,
            "documents": len(docs),
            "chars": sum(chars.values()),
            "sha256": sha256("\x00".join(t for _, t in docs).encode()).hexdigest(),
        },
        "rounds": rounds,
        "notes": "extract(text) with lang=None, one call per document; chars_per_s and docs_per_s from the "
        "median over rounds of CPU time of this single-threaded process, i.e. per core",
        "target_chars_per_s": TARGET,
        "results": rows,
    }


def main() -> None:
    """Measure, print the table and write the JSON results."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    ap.add_argument(
        "--docs", type=int, default=DOCS_PER_LANG, help=f"documents per language ({DOCS_PER_LANG})"
    )
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"JSON output (default {RESULTS})")
    args = ap.parse_args()
    report = measure(args.rounds, args.docs)
    print(f"{'lang':<4} {'docs':>5} {'chars':>9} {'chars/cpu-s':>12} {'docs/cpu-s':>11} {'claims':>7}")
    for r in report["results"]:
        print(
            f"{r['lang']:<4} {r['documents']:>5} {r['chars']:>9,} {r['chars_per_s']:>12,} "
            f"{r['docs_per_s']:>11,} {r['claims']:>7}"
        )
    overall = report["results"][-1]["chars_per_s"]
    print(f"target >= {TARGET:,} chars/s per core: {overall:,}, {'met' if overall >= TARGET else 'not met'}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
