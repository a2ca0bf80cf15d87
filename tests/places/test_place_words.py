"""The words around place names live in each language pack's places.toml, read through the loader."""

from __future__ import annotations

import pytest

from industrywatch.errors import IndustrywatchError
from industrywatch.langpacks import available, load
from industrywatch.langpacks.loader import PACKS_DIR, read_file
from industrywatch.langpacks.schema import PlacesFile
from industrywatch.places.gazetteer import place_words


@pytest.mark.parametrize("code", available())
def test_every_pack_says_its_place_words(code: str) -> None:
    assert (PACKS_DIR / code / "places.toml").exists()
    words = load(code).places
    assert words.titles, f"{code}: no titles before a person's name"
    assert words.after or words.before or words.attached, f"{code}: no administrative words"


def test_a_malformed_places_file_names_its_file_and_key(tmp_path) -> None:
    path = tmp_path / "places.toml"
    path.write_text('endings = { "е" = "й" }\n', encoding="utf-8")
    with pytest.raises(IndustrywatchError, match=r"places\.toml is malformed: endings\.е"):
        read_file(path, PlacesFile)


def test_the_gazetteer_reads_the_packs() -> None:
    words = place_words()
    assert dict(words.endings["ru"])["е"] == ("", "й", "ь", "а", "я")
    assert dict(words.prefixes["ar"])["لل"] == ("ال",)
    assert "province" in words.after and "县" in words.attached and "市长" in words.titles
    assert {q.of for q in words.qualified} == {"Mongolia"}
