"""The gazetteer: places, their names in every script, and the indexes that find them in text."""

from __future__ import annotations

import gc
import gzip
import hashlib
import json
import math
import pickle
import sys
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from industrywatch.kept import cache_folder, keep
from industrywatch.langpacks import available, load
from industrywatch.places.phonetic import key, key_of_roman, plain, romanise, vowelled

DATA = Path(__file__).with_name("gazetteer.json.gz")
# The language packs: every word in them is a common word of its language (no place), whatever its script.
PACKS = Path(__file__).resolve().parent.parent / "langpacks"
# Longer names (official forms such as "Islamic Republic of the Gambia") are left to link_place.
MAX_WORDS = 6
LEVELS = ("country", "province", "region", "prefecture", "adm1", "county", "city")
SHARE_LEVELS = frozenset({"adm1", "region"})
WRITTEN_LEVELS = frozenset({"adm1", "city"})

# Letters that Arabic and Persian write differently from Urdu: folded one for one, so offsets stay put.
_FOLD = (("ي", "ی"), ("ى", "ی"), ("ك", "ک"), ("ه", "ہ"), ("ۀ", "ہ"), ("ة", "ہ"))
_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"\p{Latin}")
_WORDS = regex.compile(r"[\p{L}\p{M}]+")
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}]")
_PINYIN = regex.compile(r"[A-Za-z' ]+")


def _strip_table() -> dict[int, str]:
    """Latin letters with diacritics -> their base letter (é -> e, ứ -> u, đ -> d), one character for one."""
    table = {ord("đ"): "d", ord("Đ"): "D", ord("ø"): "o", ord("Ø"): "O", ord("ł"): "l", ord("Ł"): "L"}
    for code in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


_STRIP = _strip_table()


def strip(folded: str) -> str:
    """A folded text without the diacritics of Latin letters, one character for one (offsets are preserved):
    Jinán -> jinan, Vô Tích -> vo tich."""
    return folded.translate(_STRIP)


@dataclass(frozen=True, slots=True)
class Place:
    """A country, a first-level division, a Chinese prefecture- or county-level division, a city elsewhere, or
    a named economic region. ``parent`` is the English name of the unit it lies in, ``ancestors`` those of
    every unit it lies in, nearest first (a county: its prefecture, its province)."""

    id: str
    name: str
    level: str
    country: str
    parent: str | None
    population: int
    ancestors: tuple[str, ...] = ()


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
    for letter, urdu in _FOLD:  # str.replace, not str.translate, which is slow on non-ASCII text
        if letter in lowered:
            lowered = lowered.replace(letter, urdu)
    return lowered


@dataclass(slots=True)
class Gazetteer:
    """Every place with the indexes find_places and link_place need, built once from the data file."""

    places: list[Place]
    exact: dict[str, list[tuple[int, bool]]]  # folded name -> (place index, weak)
    loose: dict[str, list[tuple[int, bool]]]  # folded Latin name without diacritics -> (place index, weak)
    lower_words: frozenset[str]  # words that names of several words write in lower case (and, de, del)
    lower_openers: frozenset[str]  # first words that names of regions write in lower case (delta del río)
    endings: dict[str, Affixes]  # language -> endings a name may take, with what it ends in instead
    prefixes: dict[str, Affixes]  # language -> prefixes written joined to a name, with what they stand for
    qualified: dict[int, list[tuple[int, tuple[str, ...], tuple[str, ...]]]]  # see schema.QualifiedPlace
    han_names: frozenset[str]  # Chinese names, found anywhere (Chinese has no spaces)
    han_prefixes: frozenset[str]  # every start of a Chinese name, from its first character to the whole
    max_words: int  # most words in any other name that find_places looks for
    openers: frozenset[str]  # the first word of every other name (exact or loose), up to its end
    name_starts: frozenset[str]  # the first words of every other name of several words (exact or loose)
    keys: dict[str, list[int]]  # phonetic key -> place indices
    key_prefixes: set[str]
    spoken: list[list[tuple[str, str, str]]]  # place index -> (key, vowelled, plain) of its Latin names
    stop: frozenset[str]  # plain romanisations of common words that phonetic matching must skip
    folded_names: list[str]  # place index -> its folded English name
    attached: tuple[str, ...]
    words: tuple[str, ...]
    before: tuple[str, ...]
    near_support: frozenset[
        int
    ]  # cities called by a common word, which naming their country does not support
    han_words: dict[str, tuple[tuple[str, int], ...]]  # Chinese name -> (common word holding it, its offset)
    titles: frozenset[str]  # words before a person's name, in every script but Chinese
    title_openers: frozenset[str]  # the first word of each of them
    han_titles: tuple[str, ...]  # the same in Chinese characters, longest first
    country_population: dict[str, int]

    @classmethod
    def load(cls, path: Path = DATA) -> Gazetteer:
        """Read the data file and index every name."""
        data = json.loads(gzip.decompress(path.read_bytes()))
        places: list[Place] = []
        exact: dict[str, list[tuple[int, bool]]] = {}
        keys: dict[str, list[int]] = {}
        spoken: list[list[tuple[str, str, str]]] = []
        loose: dict[str, list[tuple[int, bool]]] = {}
        lower_words: set[str] = set()
        lower_openers: set[str] = set()
        # A common word of a language the packs read names no far-away division unless something supports it.
        pack_words = {fold(w) for w in _pack_words()}
        # Nor is a word for a kind of place or a title one (مدينة "city" is also Medina's name).
        around = place_words()
        kinds = around.after | around.before | around.titles
        rows = data["places"]
        for index, (pid, name, level, country, parent, population, names, weak, written, within) in enumerate(
            rows
        ):
            places.append(Place(pid, name, level, country, parent, population, tuple(within)))
            far = country != "CN" and level not in ("country", "region")
            folded_names = [(surface, fold(surface)) for surface in names]
            if far:
                folded_names = [(n, f) for n, f in folded_names if f not in kinds]
            weak_names = set(weak) | ({n for n, f in folded_names if f in pack_words} if far else set())
            for surface, folded in folded_names:
                weak_name = surface in weak_names
                decomposed = unicodedata.normalize("NFD", surface)
                for form in {folded, fold(decomposed)} if decomposed != surface else (folded,):
                    exact.setdefault(form, []).append((index, weak_name))
                if not _LATIN.search(surface):
                    continue
                # A far name is not found in a word with diacritics it lacks (Länder is no Lander).
                if level not in WRITTEN_LEVELS or strip(folded) != folded:
                    loose.setdefault(strip(folded), []).append((index, weak_name))
                words = surface.split()
                if len(words) > 1:
                    lower_words.update(fold(w) for w in words[1:] if w[0].islower())
                    if level == "region" and surface[0].islower():
                        lower_openers.add(fold(words[0]))
            # Divisions and cities far away are named as written: a translation from Chinese does not name
            # them by ear, and their thousands of names would make ordinary words sound like places.
            heard = sorted(set(names) - set(written))
            if level not in WRITTEN_LEVELS:
                for surface in _sounded(name, level, country, heard, weak_names):
                    keys.setdefault(key(surface), []).append(index)
            romans = {romanise(n) for n in _spoken(name, level, country, heard)} if level != "city" else set()
            spoken.append(sorted((key_of_roman(r), vowelled(r), plain(r)) for r in romans))
        han_names = frozenset(surface for surface in exact if _HAN.match(surface))
        keys = {k: sorted(set(v)) for k, v in keys.items() if k}
        near = set(data["near_support"])
        common_unaccented = set(data["common_unaccented"])
        by_name = {p.name: i for i, p in enumerate(places) if p.level in ("country", "province")}
        qualified: dict[int, list[tuple[int, tuple[str, ...], tuple[str, ...]]]] = {}
        for entry in around.qualified:
            before = tuple(strip(fold(w)) for w in entry.before)
            after = tuple(strip(fold(w)) for w in entry.after)
            qualified.setdefault(by_name[entry.of], []).append((by_name[entry.place], before, after))
        # The ends of the words of every name not in Chinese characters (most are one word).
        spelled = {
            name: [len(name)]
            if name and not _NOT_WORD.search(name)
            else [m.end() for m in _WORDS.finditer(name)]
            for name in (*exact, *loose)
            if not _HAN.match(name)
        }
        return cls(
            places=places,
            exact=exact,
            loose={k: v for k, v in loose.items() if k not in common_unaccented},
            lower_words=frozenset(lower_words),
            lower_openers=frozenset(lower_openers),
            endings=around.endings,
            prefixes=around.prefixes,
            qualified=qualified,
            han_names=han_names,
            han_prefixes=frozenset(name[:i] for name in han_names for i in range(1, len(name) + 1)),
            max_words=min(MAX_WORDS, max(len(spelled[name]) for name in exact if name in spelled)),
            openers=frozenset(name[: ends[0]] for name, ends in spelled.items() if ends),
            name_starts=frozenset(name[:end] for name, ends in spelled.items() for end in ends[:-1]),
            keys=keys,
            key_prefixes={k[:i] for k in keys for i in range(1, len(k) + 1)},
            spoken=spoken,
            stop=_stop_words(data["stop"], exact),
            folded_names=[fold(p.name) for p in places],
            attached=_longest_first(around.attached),
            words=_longest_first(around.after),
            before=_longest_first(around.before),
            near_support=frozenset(i for i, p in enumerate(places) if p.id in near),
            han_words=_han_words(data["han_words"], han_names),
            titles=frozenset(t for t in around.titles if not _HAN.match(t)),
            title_openers=frozenset(t.split()[0] for t in around.titles if not _HAN.match(t) and t.split()),
            han_titles=_longest_first(t for t in around.titles if _HAN.match(t)),
            country_population={p.country: p.population for p in places if p.level == "country"},
        )

    def prior(self, index: int) -> float:
        """How likely a place is to be meant when nothing else decides: by level, then by population (that of
        a first-level division, which the data does not give, taken as a hundredth of its country's)."""
        place = self.places[index]
        share = self.country_population.get(place.country, 0) / 100 if place.level in SHARE_LEVELS else 0
        population = place.population or share
        return (len(LEVELS) - LEVELS.index(place.level)) + math.log10(population + 10) / 10


Affixes = tuple[tuple[str, tuple[str, ...]], ...]  # (affix, what the name has in its place), longest first


@dataclass(frozen=True)
class PlaceWords:
    """What every language pack's places.toml says, merged: the words around names apply whatever the
    text's language (a translation mixes them), endings and prefixes only in their own language."""

    attached: set[str]
    after: set[str]
    before: set[str]
    titles: set[str]
    endings: dict[str, Affixes]
    prefixes: dict[str, Affixes]
    qualified: list


def place_words() -> PlaceWords:
    """Read the place words of every installed language pack through the loader."""
    merged = PlaceWords(set(), set(), set(), set(), {}, {}, [])
    for code in available():
        words = load(code).places
        merged.attached.update(words.attached)
        merged.after.update(fold(w) for w in words.after)
        merged.before.update(fold(w) for w in words.before)
        merged.titles.update(fold(w) for w in words.titles)
        if words.endings:
            merged.endings[code] = _affixes({fold(k): list(map(fold, v)) for k, v in words.endings.items()})
        if words.prefixes:
            merged.prefixes[code] = _affixes({fold(k): [fold(v)] for k, v in words.prefixes.items()})
        merged.qualified.extend(words.qualified)
    return merged


def _affixes(table: dict[str, list[str]]) -> Affixes:
    return tuple((a, tuple(table[a])) for a in sorted(table, key=len, reverse=True))


def _han_words(words: list[str], names: frozenset[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Each Chinese name, with the common words that hold it and where in them it stands."""
    holding: dict[str, list[tuple[str, int]]] = {}
    for word in words:
        for i in range(len(word)):
            for j in range(i + 2, len(word) + 1):
                if word[i:j] in names and (i, j) != (0, len(word)):
                    holding.setdefault(word[i:j], []).append((word, i))
    return {name: tuple(found) for name, found in holding.items()}


def _longest_first(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


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


@cache
def _pack_words() -> frozenset[str]:
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
    return frozenset(words)


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use and kept, through the index folder (see kept.cache_folder)."""
    return kept(cache_folder())


def kept(folder: Path) -> Gazetteer:
    """The gazetteer as indexed by this version of the package: read from `folder` when it was built there
    before (a quarter of a second), else built (one and a half to three) and kept there. A file that cannot
    be read is built again; a folder that cannot be written only means building every time."""
    path = folder / f"gazetteer-{_version()}.pickle"
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes millions of objects, all kept: collecting meanwhile triples the time
    try:
        with path.open("rb") as file:  # read as it is unpickled: its 16 MB are not held twice
            index = pickle.load(file)
        # It lives as long as the process: frozen, no collection walks its objects again (one right after
        # reading them, and the one at exit, took a tenth of a second each).
        gc.freeze()
        return index
    except Exception:  # absent, or damaged in any way: build it
        pass
    finally:
        if collecting:
            gc.enable()
    built = Gazetteer.load()
    keep(built, path)
    return built


@cache
def _version() -> str:
    """A digest of everything the index is built from: the data, the language packs, the code, Python."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".toml", ".gz") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
