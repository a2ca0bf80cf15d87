"""The shape of a language pack's TOML files. A malformed entry fails loudly, naming file and key."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Bound = Literal["eq", "approx", "gt", "ge", "lt", "le"]
Kind = Literal[
    "money", "mass", "area", "length", "volume", "power", "energy", "percent", "pp", "multiple", "count",
    "duration",
]  # fmt: skip


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackFile(Strict):
    """pack.toml: who the language is and how it writes."""

    code: str = Field(pattern=r"^[a-z]{2,3}$|^common$")
    name: str
    scripts: list[str] = []
    direction: Literal["ltr", "rtl"] = "ltr"
    terminators: list[str] = []
    abbreviations: list[str] = []
    inherits: list[str] = []
    spaced: bool = True  # words are separated by spaces, so number words may be too


class NumbersFile(Strict):
    """numbers.toml: number words and scale words.

    atoms are values that add up ("twenty" "one"); multipliers are powers of ten that multiply what
    precedes them ("hundred" 2, 万 4, lakh 5); fractions are words that are a value by themselves
    ("half" 0.5); denominators divide what precedes them ("two thirds"); modifiers shift the next atom
    (साढ़े +0.5). weak_atoms count only when a multiplier, unit or another number word joins them (the
    "one" that is also an indefinite article). money_multipliers are abbreviations that scale only after
    a currency sign ("$5m"). blocked words contain number words but are no numbers (十分 "very").
    """

    atoms: dict[str, float] = {}
    multipliers: dict[str, int] = {}
    money_multipliers: dict[str, int] = {}
    fractions: dict[str, float] = {}
    denominators: dict[str, int] = {}
    modifiers: dict[str, float] = {}
    articles: list[str] = []
    weak_atoms: list[str] = []
    connectors: list[str] = []
    decimal_words: list[str] = []
    negative_words: list[str] = []
    ordinal_prefixes: list[str] = []
    ordinal_suffixes: list[str] = []
    inner_bounds: dict[str, Bound] = {}
    fraction_infix: list[str] = []
    blocked: list[str] = []
    digit_sequences: bool = False
    bare_multipliers: bool = False


class UnitDef(Strict):
    unit: str
    factor: float = 1.0
    kind: Kind


class UnitsFile(Strict):
    """units.toml: the catalogue of units (in the common pack) and each language's surface forms.

    `after` forms follow the number (5 吨, 5 ਟਨ); `before` forms precede it ($5, 人民币5元)."""

    catalogue: dict[str, UnitDef] = {}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}


class BoundCues(Strict):
    before: dict[str, Bound] = {}
    after: dict[str, Bound] = {}


class CuesFile(Strict):
    """cues.toml: phrases that qualify a number: bounds and ranges."""

    bounds: BoundCues = BoundCues()
    range_separators: list[str] = []
    range_open: list[str] = []
