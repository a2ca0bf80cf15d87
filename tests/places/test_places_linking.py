"""Place linking: the cross-script test set, and find_places on short sentences in each script."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from industrywatch.places import Place, find_places, link_place

MENTIONS = Path(__file__).with_name("mentions.jsonl")
# Measured 0.992 on mentions.jsonl; raise it as linking improves, never lower it.
ACCURACY_FLOOR = 0.99


def _rows() -> list[dict]:
    return [json.loads(line) for line in MENTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_test_set_is_broad() -> None:
    rows = _rows()
    assert len(rows) >= 150
    assert len({(r["place"], r.get("country")) for r in rows}) >= 60


def test_linking_accuracy() -> None:
    rows = _rows()
    right = 0
    for row in rows:
        context = [p for name in row.get("context", []) if (p := link_place(name)) is not None]
        place = link_place(row["name"], context)
        right += place is not None and (place.name, place.country) == (row["place"], row["country"])
    assert right / len(rows) >= ACCURACY_FLOOR


def _spans(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.place.name) for m in find_places(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guangyuan City in Sichuan Province aims for 100 billion yuan.",
            [("Guangyuan City", "Guangyuan"), ("Sichuan Province", "Sichuan")],
        ),
        ("四川省广元市铝产业产值超过100亿元。", [("四川省", "Sichuan"), ("广元市", "Guangyuan")]),
        (
            "ਸਿਚੁਆਨ ਪ੍ਰਾਂਤ ਦੇ ਗੁਆਂਗਯੁਆਨ ਸਿਟੀ ਨੇ ਚੇਂਗਦੂ ਵਿੱਚ ਕਾਨਫਰੰਸ ਕੀਤੀ।",
            [("ਸਿਚੁਆਨ ਪ੍ਰਾਂਤ", "Sichuan"), ("ਗੁਆਂਗਯੁਆਨ ਸਿਟੀ", "Guangyuan"), ("ਚੇਂਗਦੂ", "Chengdu")],
        ),
        ("جنان چین کی لیزر صنعت کا مرکز ہے۔", [("جنان", "Jinan"), ("چین", "China")]),
        (
            "गुआंगयुआन और चेंगदू सिचुआन प्रांत में हैं।",
            [("गुआंगयुआन", "Guangyuan"), ("चेंगदू", "Chengdu"), ("सिचुआन प्रांत", "Sichuan")],
        ),
    ],
)
def test_find_places_spans(text: str, expected: list[tuple[str, str]]) -> None:
    mentions = find_places(text)
    assert [(m.text, m.place.name) for m in mentions] == expected
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_context_settles_ambiguity() -> None:
    assert [p for _, p in _spans("Punjab, Pakistan")] == ["Punjab", "Pakistan"]
    assert find_places("Punjab, Pakistan")[0].place.country == "PK"
    assert find_places("Punjab, India")[0].place.country == "IN"
    assert link_place("پنجاب", [link_place("پاکستان")]).country == "PK"


def test_bare_county_name_needs_support() -> None:
    # 东方 is both "east" and a county-level city in Hainan: only the suffixed form or context links it.
    assert _spans("东方的太阳升起来了。") == []
    assert _spans("东方市的产值增长了。") == [("东方市", "Dongfang")]


def test_a_small_town_needs_its_country_or_division() -> None:
    # Mangualde (8,900 people) is kept as the seat of its municipality, and links only with support.
    assert _spans("Mangualde recebe a fábrica.") == []
    assert _spans("Mangualde, em Portugal, recebe a fábrica.") == [
        ("Mangualde", "Mangualde"),
        ("Portugal", "Portugal"),
    ]


def test_a_name_frequent_only_in_its_own_country_is_that_city() -> None:
    # Lamongan is frequent in Indonesian because it is a city's name: naming Indonesia is support enough.
    assert _spans("A plant in Lamongan, Indonesia.") == [("Lamongan", "Lamongan"), ("Indonesia", "Indonesia")]
    assert _spans("A plant in Lamongan.") == []


def test_common_words_do_not_link() -> None:
    assert _spans("The central office said output rose.") == []
    assert _spans("اس وقت کمپنیوں کی تعداد 300 سے زائد ہے۔") == []
    assert _spans("ਇਸ ਸਮੇਂ 300 ਤੋਂ ਵੱਧ ਕੰਪਨੀਆਂ ਹਨ।") == []


@pytest.mark.parametrize(
    "text",
    [
        "ਉਦਯੋਗ ਦਾ ਮਾਲੀਆ 180 ਬਿਲੀਅਨ ਯੂਆਨ ਤੱਕ ਪਹੁੰਚ ਗਿਆ।",  # ਮਾਲੀਆ: revenue, not Mali
        "ਪ੍ਰੀਫੈਕਚਰ ਪੱਧਰ ਦੇ ਸ਼ਹਿਰਾਂ ਵਿੱਚ ਪਹਿਲੇ ਸਥਾਨ 'ਤੇ ਹੈ।",  # ਸਥਾਨ: place, not Sudan
        "ਉਤਪਾਦ ਵੇਚੇ ਜਾਂਦੇ ਹਨ।",  # ਜਾਂਦੇ: not Canada
        "ਸੂਚਨਾ ਦਫ਼ਤਰ ਨੇ ਇੱਕ ਪ੍ਰੈਸ ਕਾਨਫਰੰਸ ਕੀਤੀ, ਜਿਸ ਵਿੱਚ 100 ਬਿਲੀਅਨ ਗ੍ਰੀਨ ਐਲੂਮੀਨੀਅਮ",
    ],
)
def test_common_punjabi_words_do_not_link(text: str) -> None:
    assert _spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name is no evidence for itself: Jiangsu alone must not pull its own mention towards Jiangxi.
        ("ਜਿਆਂਗਸੂ", "Jiangsu"),
        ("ਹੁਨਾਨ ਪ੍ਰਾਂਤ", "Hunan"),
        ("ਗੁਆਂਗਯੁਆਨ", "Guangyuan"),
        ("ਚਾਂਗਜ਼ੌ", "Changzhou"),
        ("ਸ਼ਾਨਕਸੀ", "Shaanxi"),
        ("ملائیشیا", "Malaysia"),
        ("کنمنگ", "Kunming"),
        ("روس", "Russia"),
        ("ਰੂਸ", "Russia"),
        ("रूस", "Russia"),
        ("بیجنگ", "Beijing"),
    ],
)
def test_one_name_links_alone(text: str, expected: str) -> None:
    assert _spans(text) == [(text, expected)]


def test_link_place_returns_a_place() -> None:
    place = link_place("ਗੁਆਂਗਯੁਆਨ")
    assert place == Place(
        place.id, "Guangyuan", "prefecture", "CN", "Sichuan", place.population, ("Sichuan",)
    )
    assert link_place("Sichuan").level == "province"
    assert link_place("China").level == "country"
    assert link_place("") is None


def test_find_places_is_fast(shared: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((shared / "corpus" / "seeds").glob("*.txt"))]
    text = "\n".join(seeds) * 20
    find_places(text[:1000])
    started = time.process_time()  # CPU time: the machine is shared
    find_places(text)
    assert len(text) / (time.process_time() - started) >= 250_000  # measured 490,000-700,000 chars/s


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Sino-Vietnamese readings, generated from the Chinese names.
        ("Ngành quang điện Vô Tích tăng 12,4%.", [("Vô Tích", "Wuxi")]),
        ("tỉnh Sơn Đông và Bắc Kinh", [("tỉnh Sơn Đông", "Shandong"), ("Bắc Kinh", "Beijing")]),
        # Common words of the packs' languages name no far-away division.
        ("Die Unternehmen in der Stadt wachsen, bis Ende 2027.", []),
        ("Ở miền Bắc và Đông Nam Á có nhiều trang trại.", []),
        ("Die Stadt Wuxi plant viel.", [("Stadt Wuxi", "Wuxi")]),
        # Qualified names, exonyms, diacritics and endings.
        ("in der Inneren Mongolei", [("Inneren Mongolei", "Inner Mongolia")]),
        ("اندرونی منگولیا میں", [("اندرونی منگولیا", "Inner Mongolia")]),
        ("Mongolie-Intérieure et Pékin", [("Mongolie-Intérieure", "Inner Mongolia"), ("Pékin", "Beijing")]),
        ("Die Exporte Chinas und Wuxis", [("Chinas", "China"), ("Wuxis", "Wuxi")]),
        ("Jinán, Sichuán y Shanghái", [("Jinán", "Jinan"), ("Sichuán", "Sichuan"), ("Shanghái", "Shanghai")]),
        # A person's name is no place: ਝਾਂਗ ਸਾਂਕੀ (Zhang Sanqi).
        ("ਗੁਆਂਗਯੁਆਨ ਦੇ ਝਾਂਗ ਸਾਂਕੀ ਨੇ ਕਿਹਾ", [("ਗੁਆਂਗਯੁਆਨ", "Guangyuan")]),
        ("شیان شہر", [("شیان شہر", "Xi'an")]),
    ],
)
def test_find_places_in_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    assert _spans(text) == expected


SENTENCES = Path(__file__).with_name("sentences.jsonl")
# Written sentences naming Chinese counties and districts, places outside China below the first level,
# economic regions, inflected names, and names that are no place (a person after a title, part of a word):
# the share of sentences whose places come out exactly as expected (name, canonical name, parent).
# Measured 0.963 (52 of 54: Stuttgart and Porto, large cities called by common words, are not linked when
# their country is not named); raise it as linking improves, never lower it.
SENTENCES_FLOOR = 0.96


def _right(row: dict) -> bool:
    """Whether find_places names exactly the expected places: (text, name) or (text, name, parent) each."""
    found = [(m.text, m.place.name, m.place.parent) for m in find_places(row["text"], row["lang"])]
    expected = [tuple(p) for p in row["places"]]
    return len(found) == len(expected) and all(f[: len(e)] == e for f, e in zip(found, expected, strict=True))


def test_sentences_are_broad() -> None:
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 50
    assert len({r["lang"] for r in rows}) >= 12
    assert sum(not r["places"] for r in rows) >= 10  # sentences that name no place


def test_sentence_accuracy() -> None:
    rows = [json.loads(line) for line in SENTENCES.read_text(encoding="utf-8").splitlines() if line]
    wrong = [r["text"] for r in rows if not _right(r)]
    assert 1 - len(wrong) / len(rows) >= SENTENCES_FLOOR, wrong
