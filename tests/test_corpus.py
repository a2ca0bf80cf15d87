"""Every pack's corpus, as data: numbers.jsonl (expected quantities) and negative.jsonl (none expected).

A case id reads `ur:numbers:17`: pack, file, line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from industrywatch import extract, quantities
from industrywatch.langpacks import available
from industrywatch.langpacks.loader import PACKS_DIR


def cases(kind: str):
    for code in available():
        path = PACKS_DIR / code / "corpus" / f"{kind}.jsonl"
        if not path.exists():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                yield pytest.param(code, json.loads(line), id=f"{code}:{kind}:{n}")


def summary(q) -> dict:
    return {
        "text": q.text,
        "value": round(q.value, 6),
        "unit": q.unit,
        "bound": q.bound,
        "value_max": None if q.value_max is None else round(q.value_max, 6),
    }


def expected(item: dict) -> dict:
    return {
        "text": item["text"],
        "value": round(item["value"], 6),
        "unit": item.get("unit"),
        "bound": item.get("bound", "eq"),
        "value_max": None if item.get("value_max") is None else round(item["value_max"], 6),
    }


@pytest.mark.parametrize("code,case", list(cases("numbers")))
def test_numbers(code, case):
    got = [summary(q) for q in quantities(case["input"], lang=code)]
    assert got == [expected(item) for item in case["quantities"]]


CLAIM_FIELDS = ("text", "value", "unit", "bound", "metric", "relation", "period", "base_period", "modality")
OPTIONAL_FIELDS = ("region", "base_region", "industry", "product")


def claim_view(record: dict, fields: tuple[str, ...]) -> dict:
    view = {k: record.get(k) for k in fields}
    view["value"] = round(view["value"], 6)
    return view


@pytest.mark.parametrize("code,case", list(cases("claims")))
def test_claims(code, case):
    published = date.fromisoformat(case["published"]) if case.get("published") else None
    got = [c.to_record() for c in extract(case["input"], lang=code, published=published)]
    want = case["claims"]
    checked = CLAIM_FIELDS + tuple(k for k in OPTIONAL_FIELDS if any(k in w for w in want))
    defaults = {"bound": "eq", "relation": "level", "modality": "actual"}
    assert [claim_view(g, checked) for g in got] == [claim_view({**defaults, **w}, checked) for w in want]


@pytest.mark.parametrize("code,case", list(cases("negative")))
def test_negative(code, case):
    """Quantity-level negatives yield no number at all; claim-level ones (dates, phone numbers, model
    numbers) may hold numbers but yield no claim."""
    if case.get("level") == "claims":
        assert extract(case["input"], lang=code) == [], case.get("why", "")
    else:
        assert quantities(case["input"], lang=code) == [], case.get("why", "")
