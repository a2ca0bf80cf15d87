"""The gazetteer: places, their names in every script, and the indexes that find them in text."""

from __future__ import annotations

import gzip
import json
import math
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick
import regex

from industrywatch.places.phonetic import key, key_of_roman, plain, romanise, vowelled

DATA = Path(__file__).with_name("gazetteer.json.gz")
SUFFIXES = Path(__file__).with_name("suffixes.toml")
# The language packs: every word in them is a common word of its language (no place), whatever its script.
PACKS = Path(__file__).resolve().parent.parent / "langpacks"
# Longer names (official forms such as "Islamic Republic of Pakistan") are left to link_place.
MAX_WORDS = 4
LEVELS = ("country", "province", "prefecture", "adm1", "county")

# Letters that Arabic and Persian write differently from Urdu: folded one for one, so offsets stay put.
_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ه": "ہ", "ۀ": "ہ", "ة": "ہ"})
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"\p{Latin}")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")
_PINYIN = regex.compile(r"[A-Za-z' ]+")


@dataclass(frozen=True, slots=True)
class Place:
    """A country, a first-level division, or a Chinese prefecture- or county-level city."""

    id: str
    name: str
    level: str
    country: str
    parent: str | None
    population: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a text: ``text == source[start:end]``; the span may include an admin suffix."""

    start: int
    end: int
    text: str
    place: Place


def fold(text: str) -> str:
    """Lower case and Arabic-script letter variants folded, one character for one (offsets are preserved)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


@dataclass(slots=True)
class Gazetteer:
    """Every place with the indexes find_places and link_place need, built once from the data file."""

    places: list[Place]
    exact: dict[str, list[tuple[int, bool]]]  # folded name -> (place index, weak)
    automaton: ahocorasick.Automaton  # Chinese names, found anywhere (Chinese has no spaces)
    max_words: int  # most words in any other name that find_places looks for
    keys: dict[str, list[int]]  # phonetic key -> place indices
    key_prefixes: set[str]
    spoken: list[list[tuple[str, str, str]]]  # place index -> (key, vowelled, plain) of its Latin names
    stop: frozenset[str]  # plain romanisations of common words that phonetic matching must skip
    folded_names: list[str]  # place index -> its folded English name
    attached: tuple[str, ...]
    words: tuple[str, ...]
    country_population: dict[str, int]

    @classmethod
    def load(cls, path: Path = DATA) -> Gazetteer:
        """Read the data file and index every name."""
        data = json.loads(gzip.decompress(path.read_bytes()))
        places: list[Place] = []
        exact: dict[str, list[tuple[int, bool]]] = {}
        keys: dict[str, list[int]] = {}
        spoken: list[list[tuple[str, str, str]]] = []
        for index, (pid, name, level, country, parent, population, names, weak) in enumerate(data["places"]):
            places.append(Place(pid, name, level, country, parent, population))
            weak_names = set(weak)
            for surface in names:
                for form in {surface, unicodedata.normalize("NFD", surface)}:
                    exact.setdefault(fold(form), []).append((index, surface in weak_names))
            if level != "adm1":
                for surface in _sounded(name, level, country, names, weak_names):
                    keys.setdefault(key(surface), []).append(index)
            romans = {romanise(n) for n in _spoken(name, level, country, names)}
            spoken.append(sorted((key_of_roman(r), vowelled(r), plain(r)) for r in romans))
        automaton = ahocorasick.Automaton()
        for surface in exact:
            if _HAN.match(surface):
                automaton.add_word(surface, surface)
        automaton.make_automaton()
        keys = {k: sorted(set(v)) for k, v in keys.items() if k}
        suffixes = tomllib.loads(SUFFIXES.read_text(encoding="utf-8"))
        return cls(
            places=places,
            exact=exact,
            automaton=automaton,
            max_words=min(MAX_WORDS, max(len(_WORDS.findall(s)) for s in exact if not _HAN.match(s))),
            keys=keys,
            key_prefixes={k[:i] for k in keys for i in range(1, len(k) + 1)},
            spoken=spoken,
            stop=_stop_words(data["stop"], exact),
            folded_names=[fold(p.name) for p in places],
            attached=tuple(sorted(suffixes["attached"], key=len, reverse=True)),
            words=tuple(sorted((fold(w) for w in suffixes["words"]), key=len, reverse=True)),
            country_population={p.country: p.population for p in places if p.level == "country"},
        )

    def prior(self, index: int) -> float:
        """How likely a place is to be meant when nothing else decides: by level, then by population."""
        place = self.places[index]
        population = place.population or self.country_population.get(place.country, 0) / 100
        return (len(LEVELS) - LEVELS.index(place.level)) + math.log10(population + 10) / 10


def _spoken(name: str, level: str, country: str, names: list[str]) -> set[str]:
    """The Latin names a translator would have heard: the English name, and for China's cities the pinyin."""
    chinese = country == "CN" and level != "country"
    return {name} | ({n for n in names if _PINYIN.fullmatch(n)} if chinese else set())


def _sounded(name: str, level: str, country: str, names: list[str], weak: set[str]) -> set[str]:
    """Names whose phonetic key indexes the place: the spoken ones and every non-Latin, non-Chinese one."""
    others = {n for n in names if not _HAN.search(n) and not _LATIN.search(n)}
    return (_spoken(name, level, country, names) | others) - weak


def _stop_words(common: list[str], exact: dict[str, list[tuple[int, bool]]]) -> frozenset[str]:
    """Plain romanisations of common words (the data file's, which cover a Hindi word's Gurmukhi spelling too:
    स्थान, ਸਥਾਨ), and of the words of the language packs, which cover scripts that wordfreq does not."""
    pack = {w for w in _pack_words() if fold(w) not in exact and not _HAN.search(w) and not _LATIN.search(w)}
    return frozenset(common) | {plain(romanise(w)) for w in pack}


def _pack_words() -> set[str]:
    """Every word of every language pack's TOML files (keys and values)."""
    words: set[str] = set()

    def collect(value: object) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                words.update(_WORDS.findall(k))
                collect(v)
        elif isinstance(value, list):
            for v in value:
                collect(v)
        elif isinstance(value, str):
            words.update(_WORDS.findall(value))

    for path in sorted(PACKS.glob("*/*.toml")):
        collect(tomllib.loads(path.read_text(encoding="utf-8")))
    return words


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and kept."""
    return Gazetteer.load()
