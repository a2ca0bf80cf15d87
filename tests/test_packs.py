"""Lint the language packs: they load, are NFC, define no form twice, and their corpus exercises every
scale word and unit they declare."""

from __future__ import annotations

import json
import tomllib
import unicodedata

import pytest

from industrywatch import quantities
from industrywatch.errors import IndustrywatchError
from industrywatch.industries import INDUSTRIES
from industrywatch.langpacks import available, load
from industrywatch.langpacks.build_traditional import pack_forms, packs_with_variants, variants
from industrywatch.langpacks.loader import PACKS_DIR, read_file
from industrywatch.langpacks.schema import NumbersFile
from industrywatch.numbers.lexicon import lexicon

PACKS = available()


def test_the_five_languages_are_installed():
    assert {"en", "zh", "ur", "pa", "hi"} <= set(PACKS)


@pytest.mark.parametrize("code", PACKS + ["common"])
def test_pack_files_are_nfc(code):
    for path in (PACKS_DIR / code).rglob("*"):
        if path.suffix in (".toml", ".jsonl"):
            text = path.read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", text), f"{path} is not NFC"


@pytest.mark.parametrize("code", PACKS)
def test_pack_compiles(code):
    lexicon(code)  # raises on a form with two meanings or a unit missing from the catalogue


@pytest.mark.parametrize("code", PACKS)
def test_no_duplicate_forms_within_a_pack(code):
    seen: dict[str, str] = {}
    for name in ("numbers.toml", "units.toml"):
        path = PACKS_DIR / code / name
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        for section, entries in data.items():
            if not isinstance(entries, dict):
                continue
            for key, forms in entries.items():
                for form in forms if isinstance(forms, list) else [key]:
                    where = f"{name} [{section}] {key}"
                    assert form.casefold() not in seen or seen[form.casefold()] == where, (
                        f"{code}: {form!r} in {where} and in {seen[form.casefold()]}"
                    )
                    seen[form.casefold()] = where


def _corpus_inputs(code: str) -> list[str]:
    path = PACKS_DIR / code / "corpus" / "numbers.jsonl"
    return [
        json.loads(line)["input"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


@pytest.mark.parametrize("code", PACKS)
def test_corpus_sizes(code):
    corpus = PACKS_DIR / code / "corpus"
    numbers = len(_corpus_inputs(code))
    negatives = sum(1 for line in (corpus / "negative.jsonl").read_text().splitlines() if line.strip())
    assert numbers >= 40 and negatives >= 10, (numbers, negatives)


@pytest.mark.parametrize("code", PACKS)
def test_every_scale_word_is_exercised(code):
    pack = load(code)
    text = "\n".join(_corpus_inputs(code)).casefold()
    scales = list(pack.numbers.multipliers) + list(pack.numbers.money_multipliers)
    missing = [w for w in scales if w.casefold() not in text]
    assert not missing, f"{code}: scale words without a corpus case: {missing}"


@pytest.mark.parametrize("code", PACKS)
def test_every_unit_is_exercised(code):
    pack = load(code)
    units = set(pack.units.after) | set(pack.units.before)
    seen = {q.raw_unit for inp in _corpus_inputs(code) for q in quantities(inp, lang=code)}
    missing = sorted(units - seen)
    assert not missing, f"{code}: units without a corpus case: {missing}"


def test_a_malformed_pack_file_fails_naming_file_and_key(tmp_path):
    bad = tmp_path / "numbers.toml"
    bad.write_text('[multipliers]\nhundred = "two"\n', encoding="utf-8")
    with pytest.raises(IndustrywatchError, match=r"numbers\.toml.*multipliers\.hundred"):
        read_file(bad, NumbersFile)


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(IndustrywatchError, match="no language pack for 'xx'"):
        quantities("5 tons", lang="xx")


@pytest.mark.parametrize("code", PACKS)
def test_every_pack_names_the_canonical_industries(code):
    named = {i for p in load(code).chain() for i in p.cues.industries}
    assert named <= INDUSTRIES
    assert len(named) >= 25, f"{code} names only {len(named)} industries"


@pytest.mark.parametrize("code", packs_with_variants())
def test_traditional_spellings_are_generated_from_the_pack(code):
    """traditional.toml is what build_traditional.py makes of the pack as it is now."""
    written = tomllib.loads((PACKS_DIR / code / "traditional.toml").read_text(encoding="utf-8"))["forms"]
    assert written == variants(pack_forms(code)), (
        f"{code}/traditional.toml is out of date: run python -m industrywatch.langpacks.build_traditional"
    )


def test_a_form_is_read_in_its_traditional_spelling():
    simplified = [(q.value, q.unit) for q in quantities("产值129.9亿元，产能50万吨", lang="zh")]
    traditional = [(q.value, q.unit) for q in quantities("產值129.9億元，產能50萬噸", lang="zh")]
    assert traditional == simplified == [(12990000000.0, "CNY"), (500000.0, "t")]
