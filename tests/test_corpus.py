"""Every pack's corpus, as data: numbers.jsonl (expected quantities) and negative.jsonl (none expected).

A case id reads `ur:numbers:17`: pack, file, line."""

from __future__ import annotations

import json

import pytest

from industrywatch import quantities
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


@pytest.mark.parametrize("code,case", list(cases("negative")))
def test_negative(code, case):
    got = quantities(case["input"], lang=code)
    assert got == [], case.get("why", "")
