"""Every gold figure of the seed reports is found by quantities() with the right value, unit and bound."""

from __future__ import annotations

import json

import pytest

from industrywatch import quantities

# Gold may state a figure in a unit of the same dimension as ours.
TO_CANONICAL = {"ha": ("m2", 1e4), "kg": ("t", 1e-3), "kW": ("W", 1e3), "kWh": ("Wh", 1e3), "km": ("m", 1e3)}
BOUND_CLASS = {"ge": "gt", "le": "lt"}


def gold_figures(shared):
    lines = (shared / "corpus" / "seeds" / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_every_gold_figure_is_a_quantity(shared):
    texts: dict[str, str] = {}
    misses = []
    for g in gold_figures(shared):
        doc = g["doc"]
        if doc not in texts:
            texts[doc] = (shared / "corpus" / "seeds" / f"{doc}.txt").read_text(encoding="utf-8")
        found = quantities(texts[doc])
        unit, factor = TO_CANONICAL.get(g["unit"], (g["unit"], 1.0))
        want = g["value"] * factor
        start, end = g["start"], g["start"] + len(g["surface"])
        hit = [
            q
            for q in found
            if q.start < end
            and start < q.end
            and q.unit == unit
            and abs(q.value - want) <= 1e-6 * max(1.0, abs(want))
            and BOUND_CLASS.get(q.bound, q.bound) == BOUND_CLASS.get(g["bound"], g["bound"])
        ]
        if not hit:
            near = [
                (q.text, q.value, q.unit, q.bound) for q in found if q.start < end + 20 and start - 20 < q.end
            ]
            misses.append(f"{doc}@{g['start']} {g['surface']!r} {want} {unit} {g['bound']}: got {near}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize(
    "text,lang",
    [("2027 ਤੱਕ 100 ਬਿਲੀਅਨ ਯੂਆਨ ਤੋਂ ਵੱਧ", "pa"), ("300 سے زائد لیزر کمپنیاں", "ur")],
)
def test_offsets_refer_to_the_text_as_passed(text, lang):
    for q in quantities(text, lang=lang):
        assert text[q.start : q.end] == q.text
