"""The shape of a language pack's TOML files. A malformed entry fails loudly, naming file and key."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from industrywatch.patterns import max_width

METRICS_FILE = Path(__file__).with_name("common") / "metrics.toml"

Bound = Literal["eq", "approx", "gt", "ge", "lt", "le"]
Kind = Literal[
    "money", "mass", "area", "length", "volume", "power", "energy", "percent", "pp", "multiple", "count",
    "duration",
]  # fmt: skip


# The most characters one form may match. The engine reads 256 characters around a number for its unit,
# bound and scale words (numbers/engine.py WINDOW), a form and the whitespace around it among them.
FORM_WIDTH = 240


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FormsFile(Strict):
    """A file of surface forms, each checked when the pack loads: a form matches a bounded stretch of text
    (no longer than FORM_WIDTH), so matching it cannot grow with the text, and it is not blank."""

    @model_validator(mode="after")
    def _bounded_forms(self):
        from industrywatch.numbers.trie import trie_pattern  # the numbers package loads the packs

        for key, form in _forms(self.model_dump(exclude={"catalogue"}), ""):
            if not form.strip():
                raise ValueError(f"{key}: a blank form {form!r} would match any space; remove it")
            width = max_width(trie_pattern([form]))
            if width is None or width > FORM_WIDTH:
                raise ValueError(
                    f"{key}: the form {form[:40]!r} may match {width or 'unboundedly many'} characters, "
                    f"more than the {FORM_WIDTH} a form may; shorten it"
                )
        return self


def _forms(value: object, key: str):
    """(key, form) for every form in a file's data: items of lists, and keys of tables of forms (atoms,
    bounds, months) whose values are numbers or names rather than lists."""
    if isinstance(value, list):
        yield from ((key, v) for v in value if isinstance(v, str))
    elif isinstance(value, dict):
        for k, v in value.items():
            inner = f"{key}.{k}" if key else str(k)
            if isinstance(v, list | dict):
                yield from _forms(v, inner)
            elif key:  # a table of forms: the key is the form
                yield key, str(k)


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
    day_first: bool = True  # 10/03/2025 is the 10th of March; false where months come first (US English)
    decimal_comma: bool = False  # 41,9 is 41.9 and 1.000.000 a million, as Spanish or Russian write them
    digits: str = ""  # native digits, where packs of one script write different ones: ٠-٩, not ۰-۹
    # The verb follows what it governs (Hindi, Urdu, Punjabi: "100 ਬਿਲੀਅਨ ... ਟੀਚਾ ਹੈ"): a cue after a figure
    # in its clause speaks of it.
    verb_final: bool = False
    # Forms written in Simplified Chinese are read in Traditional characters too (产值, 產值), from the
    # traditional.toml that build_traditional.py generates.
    han_variants: bool = False
    # Nouns join into compounds (Gesamtinvestitionsvolumen): metric, industry and product nouns are found
    # inside longer words too.
    compounds: bool = False


class VariantsFile(Strict):
    """traditional.toml, generated: each Simplified form with its Traditional spellings."""

    forms: dict[str, list[str]] = {}


class NumbersFile(FormsFile):
    """numbers.toml: number words and scale words.

    atoms are values that add up ("twenty" "one"); multipliers are powers of ten that multiply what
    precedes them ("hundred" 2, 万 4, lakh 5), factor_multipliers the same given as a plain factor
    ("dozen" 12); fractions are words that are a value by themselves
    ("half" 0.5); denominators divide what precedes them ("two thirds"); modifiers shift the next atom
    (साढ़े +0.5; alone or before a multiplier it shifts one: सवा लाख). fraction_infix joins a denominator to
    the numerator after it (五分之一); fraction_over a numerator to the denominator after it ("X बटा Y");
    fraction_of a number to the ordinal after it (तेईस का पाँचवाँ, a fifth of 23). ordinal_word_suffixes
    make an ordinal, read as a denominator, of every number word (पांच + वां).
    weak_atoms count only when a multiplier, unit or another number word joins them (the
    "one" that is also an indefinite article). money_multipliers are abbreviations that scale only after
    a currency sign ("$5m"). blocked words contain number words but are no numbers (十分 "very").
    shares name a part of a whole and are read as a percentage (ਦਸਵਾਂ ਹਿੱਸਾ "a tenth part" 10).
    """

    atoms: dict[str, float] = {}
    multipliers: dict[str, int] = {}
    factor_multipliers: dict[str, float] = {}
    money_multipliers: dict[str, int] = {}
    fractions: dict[str, float] = {}
    shares: dict[str, float] = {}
    denominators: dict[str, int] = {}
    modifiers: dict[str, float] = {}
    articles: list[str] = []
    weak_atoms: list[str] = []
    connectors: list[str] = []
    decimal_words: list[str] = []
    negative_words: list[str] = []
    ordinal_prefixes: list[str] = []
    ordinal_suffixes: list[str] = []
    # Nouns that make the ordinal before them a rank (第3位, "84e rang", "3rd place"): a figure of its own.
    rank_nouns: list[str] = []
    inner_bounds: dict[str, Bound] = {}
    fraction_infix: list[str] = []
    fraction_over: list[str] = []
    fraction_of: list[str] = []
    ordinal_word_suffixes: list[str] = []
    blocked: list[str] = []
    # Words written joined to the digits after them, which stay a number: Arabic و "and" in و2024.
    glued_prefixes: list[str] = []
    digit_sequences: bool = False
    bare_multipliers: bool = False
    # A figure in millions or more with no unit is money, in the currency of the nearest figure with the
    # same scale word: the slogan "100 ਉੱਦਮ, 100 ਬਿਲੀਅਨ" (100 enterprises, 100 billion yuan).
    bare_scale_money: bool = False


class UnitDef(Strict):
    unit: str
    factor: float = 1.0
    kind: Kind


class UnitsFile(FormsFile):
    """units.toml: the catalogue of units (in the common pack) and each language's surface forms.

    `after` forms follow the number (5 吨, 5 ਟਨ); `before` forms precede it ($5, 人民币5元)."""

    catalogue: dict[str, UnitDef] = {}
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}


class BoundCues(Strict):
    before: dict[str, Bound] = {}
    after: dict[str, Bound] = {}


class MetricDef(Strict):
    """One entry of the metric registry (common/metrics.toml, which says what each field means)."""

    quantities: list[str]
    counted: list[str] = []
    default_for: list[str] = []
    default_below: float | None = None
    rate: bool = False
    qualifies: str | None = None


class RelativeKinds(Strict):
    kinds: list[str]


class MetricsFile(Strict):
    relative: RelativeKinds
    metrics: dict[str, MetricDef]


METRICS = MetricsFile.model_validate(tomllib.loads(METRICS_FILE.read_text(encoding="utf-8")))
Metric = Literal[tuple(METRICS.metrics)]  # type: ignore[valid-type]


class TimeCues(Strict):
    """Phrases that place a figure in time. `*_before` stand before a year ("by 2027", 到2027年), `*_after`
    after it ("2027 ਤੱਕ"); `present` means the publication year and an achieved figure; `relative_years`
    name a year by its distance from the publication year ("last year" -1, 今年 0, "next year" 1);
    `year_on_year` compares with the year before."""

    present: list[str] = []
    deadline_before: list[str] = []
    deadline_after: list[str] = []
    base_before: list[str] = []
    base_after: list[str] = []
    year_on_year: list[str] = []
    relative_years: dict[str, int] = {}


class RelationCues(Strict):
    """Phrases that say how a figure relates to another: growth (up, increase), decrease (fell, 下降),
    change (an absolute increase: "grew by 3 billion"), share (accounting for, 占), rank (ranks first);
    respectively (分别) pairs a list of figures with the list of metrics before them; part_of ("of which",
    其中) makes a bare number after a count a part of it ("1,800 jobs, of which 497 highly qualified")."""

    growth: list[str] = []
    decrease: list[str] = []
    change: list[str] = []
    share: list[str] = []
    rank: list[str] = []
    respectively: list[str] = []
    part_of: list[str] = []


class ModalityCues(Strict):
    """Whether a figure is achieved, planned or expected. `target` (plan, aims, 力争) and `forecast`
    (expected, 预计) speak of the figures after them in their sentence; `future` (will, 将, sẽ) is a target
    unless a forecast stands before it ("expected ... will reach"); `actual` (already, so far, 已) says a
    figure is achieved even after a plan; `achieved` (reached, totalled, 达到) reports a figure unless a plan
    or forecast stands before it ("expected to reach")."""

    target: list[str] = []
    forecast: list[str] = []
    future: list[str] = []
    actual: list[str] = []
    achieved: list[str] = []


class ContextCues(Strict):
    """Document-level cues: the publication line, words that mean the document's main place ("the city",
    全市) or the province it is in ("the province", 全省), words that mean the whole country (national, 全国),
    and month names for reading dates."""

    publication: list[str] = []
    main_place: list[str] = []
    province: list[str] = []
    # Words that close a company's name (Co., Ltd., 有限公司, GmbH) or open it (PT, ООО): a place named
    # inside one says where the company comes from, not where a figure is.
    companies: list[str] = []
    company_openers: list[str] = []
    # Words that make a place a landmark, not where a figure is: before it ("near Beijing", cerca de) or,
    # in a language of postpositions, after it (बीजिंग के पास).
    near: list[str] = []
    near_after: list[str] = []
    # Words after a place that list its parts ("the Klang Valley, namely Kuala Lumpur and Selangor"): the
    # figure after them is the place's, not its parts'.
    namely: list[str] = []
    national: list[str] = []
    months: dict[str, int] = {}


class CuesFile(FormsFile):
    """cues.toml: phrases that qualify a number (bounds, ranges) and that turn it into a claim (what it
    measures, how it relates, when, whether it is a target, which industry and product)."""

    bounds: BoundCues = BoundCues()
    range_separators: list[str] = []
    range_open: list[str] = []
    # A count noun before the number, tied to it by "the number of": کمپنیوں کی تعداد 300.
    count_of: list[str] = []
    metrics: dict[Metric, list[str]] = {}
    time: TimeCues = TimeCues()
    relations: RelationCues = RelationCues()
    modality: ModalityCues = ModalityCues()
    context: ContextCues = ContextCues()
    industries: dict[str, list[str]] = {}
    products: dict[str, list[str]] = {}
    organizations: list[str] = []  # words that end a park's or company's name: industrial park, 产业园


class QualifiedPlace(Strict):
    """A place named by qualifying another place's name: "Inner Mongolia" is a Chinese province, not the
    country. `of` and `place` are English names of countries or Chinese provinces; `before` and `after` are
    the qualifying words, written before or after any name of `of`, with a space or a hyphen between."""

    place: str
    of: str
    before: list[str] = []
    after: list[str] = []


class PlacesFile(Strict):
    """places.toml: the words a language writes around place names. Matched case-insensitively.

    `attached` follow a name with no space (广元市), `after` follow it after a space ("Sichuan Province"),
    `before` precede it, a space between ("tỉnh Tứ Xuyên", "provincia de Sichuan"): all belong to the
    mention. `endings` are the inflections a name may take, each with what the name ends in instead (German
    Chinas: "s" -> [""]; Russian Китае: "е" -> ["й"]); `prefixes` are words written joined before a name, with
    what they stand for there (Arabic بالصين: "ب" -> ""; للصين: "لل" -> "ال"). `titles` are words that stand
    before a person's name (Secretary, 市长, ਮੇਅਰ): the name after one is no place. `common_words` are the
    wordfreq languages whose frequent words this language's texts use: a place so named needs support."""

    attached: list[str] = []
    after: list[str] = []
    before: list[str] = []
    endings: dict[str, list[str]] = {}
    prefixes: dict[str, str] = {}
    titles: list[str] = []
    qualified: list[QualifiedPlace] = []
    common_words: list[str] = []
