"""Hostile numbers and hostile packs: values beyond float range are no quantity, nothing raises, every value
is finite, and a pack form that could match an unbounded stretch of text is refused when the pack loads."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from industrywatch import extract, quantities
from industrywatch.claims.sentences import MAX_ITEMS, bounded
from industrywatch.langpacks import available, load
from industrywatch.langpacks.schema import FORM_WIDTH, CuesFile, NumbersFile, UnitsFile
from industrywatch.numbers.lexicon import lexicon

OUT_OF_RANGE = [
    ("en", "10^400 yuan"),
    ("en", "2^1024 yuan"),
    ("en", "0^-1 yuan"),
    ("en", "1" * 401 + " yuan"),
    ("en", "1e400 yuan"),
    ("en", "5^" + "9" * 5000 + " tons"),  # an exponent too long for int()
    ("en", "1" * 300 + " trillion yuan"),  # finite digits, infinite once scaled
    ("zh", "万" * 100 + "元"),
    ("zh", "一" * 400 + "元"),  # digits read one by one
]


def finite(values) -> bool:
    return all(v is None or math.isfinite(v) for v in values)


@pytest.mark.parametrize("lang,figure", OUT_OF_RANGE)
def test_a_value_beyond_float_range_is_no_quantity_and_the_rest_is_read(lang, figure):
    text = f"{figure}, 5 tons" if lang == "en" else f"{figure}，5吨"
    assert [(q.value, q.unit) for q in quantities(text, lang)] == [(5.0, "t")]
    assert finite(v for c in extract(text, lang) for v in (c.value, c.value_max))


def fragments(code: str) -> list[str]:
    """Pieces a pack's numbers are made of: its number words, units and bounds, digits, separators."""
    lex = lexicon(code)
    words = [*lex.tokens.forms(), *lex.units.forms(), *lex.prefix_units.forms(), *lex.bounds_after.forms()]
    return sorted(set(words))[:400] + ["0", "1", "5", "12", "999", "2024", "^", "-", "/", ".", ",", " ", "\n"]


@pytest.mark.parametrize("code", available())
def test_any_mix_of_a_packs_pieces_never_raises_and_gives_finite_values(code):
    pieces = fragments(code)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(pieces), max_size=30), st.text(max_size=5))
    def check(parts, noise):
        text = noise.join(parts)
        for q in quantities(text, code):
            assert math.isfinite(q.value) and finite([q.value_max, q.raw_value])
            assert text[q.start : q.end] == q.text
        for c in extract(text, code):
            assert finite([c.value, c.value_max])

    check()


def test_a_sentence_is_cut_where_it_holds_too_much_and_real_ones_are_whole():
    text = "产值5亿元，" * 100 + "。短句。"
    items = sorted(range(0, 600, 3))  # 200 items in the long sentence
    spans = bounded(text, [(0, 601), (601, len(text))], items)
    assert spans[0][0] == 0 and spans[-1] == (601, len(text))
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))  # they still cover the text
    assert all(sum(s <= i < e for i in items) <= MAX_ITEMS for s, e in spans)
    assert all(text[e - 1] == "，" for _, e in spans[:-2])  # cut after a clause mark
    assert bounded(text, [(0, 601)], items[:MAX_ITEMS]) == [(0, 601)]


@pytest.mark.parametrize(
    "model,data,key",
    [
        (CuesFile, {"bounds": {"after": {"more " * 40: "gt"}}}, "bounds.after"),
        (CuesFile, {"range_separators": ["  "]}, "range_separators"),
        (NumbersFile, {"atoms": {"x" * (FORM_WIDTH + 1): 1.0}}, "atoms"),
        (UnitsFile, {"after": {"t": ["tons " * 40]}}, "after.t"),
    ],
)
def test_a_pack_form_that_could_match_unboundedly_much_is_refused_naming_its_key(model, data, key):
    with pytest.raises(ValueError, match=rf"{key}: (the|a blank) form"):
        model.model_validate(data)


def test_every_installed_pack_loads():
    assert all(load(code).numbers is not None and lexicon(code) for code in available())
