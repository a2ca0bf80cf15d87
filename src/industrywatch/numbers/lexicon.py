"""A language pack compiled for matching: the regexes and lookup tables the engine runs on."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import cache

import regex

from industrywatch.errors import IndustrywatchError
from industrywatch.langpacks import load
from industrywatch.langpacks.schema import UnitDef
from industrywatch.numbers.trie import squash, trie_pattern
from industrywatch.patterns import fast

# Scripts written without spaces between words: their forms need no word boundaries.
UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
LETTER = regex.compile(r"[\p{L}\p{M}]")
LEFT_EDGE = r"(?<![\p{L}\p{M}])"
RIGHT_EDGE = r"(?![\p{L}\p{M}])"

# ASCII digits after normalisation; Indian grouping first, then Western, then plain.
DIGITS = (
    r"(?:(?<![\p{L}\p{N}.,])[-+](?=\.?\d))?"
    r"(?<![\d.%])(?:\d{1,3}/[1-9]\d{0,2}(?![\d/])"  # 3/4; not 3/4/2024
    r"|\d{1,2}(?:,\d\d)+,\d{3}(?!\d)"  # %20 in a URL is no number
    r"|\d{1,3}(?:[,\u2009\u202f]\d{3})+(?!\d)"
    r"|\d{1,3}(?: \d{3})+(?!\d|[,.]\d)"  # 1 234 567
    r"|\d+"
    r"|(?<![\p{L}\p{M}])(?=\.\d))"  # .08
    r"(?:\.\d+)?"
    r"(?:[eE][-+]?\d+(?![\p{L}\p{N}])|\^[-+]*\d+)?"  # 1.2e10, 1.1^23
)


class T(Enum):
    """Kinds of token a number is built from."""

    NUM = "digits"
    ATOM = "atom"
    WEAK = "weak atom"
    MULT = "multiplier"
    FRAC = "fraction"
    SHARE = "share"
    DENOM = "denominator"
    MOD = "modifier"
    ART = "article"
    DEC = "decimal word"
    NEG = "negative word"
    INNER = "inner bound"
    INFIX = "fraction infix"
    OVER = "fraction over"
    OF = "fraction of"
    BLOCK = "not a number"


@dataclass(frozen=True, slots=True)
class UnitInfo:
    name: str  # raw unit, as the catalogue names it (mu, ha, CNY, enterprise)
    unit: str  # canonical unit
    factor: float
    kind: str


class Table:
    """Surface form -> payload, case-sensitive for forms with capitals, case-insensitive otherwise."""

    def __init__(self, what: str):
        self.what = what
        self.exact: dict[str, object] = {}
        self.folded: dict[str, object] = {}
        # Case-insensitive matching folds more than lower() does: the long s (ſ) of "millionſ" is an s.
        self.casefolded: dict[str, object] = {}

    def add(self, form: str, payload: object, where: str) -> None:
        key = squash(form)
        # Capitals matter in a form that has them, and in any short Latin one: g is a gram, G is not.
        sensitive = key != key.lower() or (len(key) <= 2 and key.isascii() and key.isalpha())
        # lower(), not casefold(): the key is also the pattern, and casefold() spells ß as ss (dreißig).
        store, k = (self.exact, key) if sensitive else (self.folded, key.lower())
        if k in store and store[k] != payload:
            raise IndustrywatchError(f"{where}: {self.what} form {form!r} is given two meanings")
        store[k] = payload
        if not sensitive:
            self.casefolded.setdefault(k.casefold(), payload)

    def get(self, surface: str):
        hit = self.exact.get(surface, self.folded.get(surface))  # a surface written as its key
        if hit is not None:
            return hit
        key = squash(surface)
        hit = self.exact.get(key)
        if hit is None:
            hit = self.folded.get(key.lower())
        return hit if hit is not None else self.casefolded.get(key.casefold())

    def forms(self) -> list[str]:
        return list(self.exact) + list(self.folded)

    def pattern(self) -> str:
        """Regex source for every form: bounded words, case-insensitive where lower-case, then the rest."""
        bounded_lower = [f for f in self.folded if not UNSPACED.match(f) and LETTER.match(f)]
        bounded_exact = [f for f in self.exact if not UNSPACED.match(f) and LETTER.match(f)]
        free = [f for f in self.forms() if f not in bounded_lower and f not in bounded_exact]
        bounded = [f"(?i:{trie_pattern(bounded_lower)})"] if bounded_lower else []
        if bounded_exact:
            bounded.append(trie_pattern(bounded_exact))
        parts = [f"{LEFT_EDGE}(?:{'|'.join(bounded)}){RIGHT_EDGE}"] if bounded else []
        if free:
            parts.append(f"(?:{trie_pattern(free)})")
        return "|".join(parts) if parts else r"(?!)"


@dataclass(frozen=True)
class Lexicon:
    code: str
    anchors: re.Pattern  # every token a number is built from
    digit_anchors: regex.Pattern  # the two halves of `anchors`, searched apart: a scan for either
    word_anchors: re.Pattern  # skips ahead far faster than one for both
    tokens: Table  # word -> (T, value)
    gap: re.Pattern  # what may stand between two tokens of one number
    units: Table  # after-forms -> UnitInfo
    prefix_units: Table  # before-forms -> UnitInfo
    unit_after: re.Pattern
    unit_before: Guarded  # reverse: matches ending at a position
    count_near: re.Pattern  # a count noun one to three words after the number
    count_of: regex.Pattern  # reverse: "the number of enterprises" just before the number
    money_multipliers: Table
    money_multiplier: re.Pattern
    bounds_after: Table
    bound_after: re.Pattern
    bounds_before: Table
    bound_before: Guarded  # reverse
    range_separator: re.Pattern
    range_open: regex.Pattern  # reverse: "between" before a range
    ordinal_before: Guarded  # reverse: 第 before a number
    ordinal_after: re.Pattern
    rank_after: re.Pattern | None  # a rank noun after an ordinal: 第3位
    digit_sequences: bool
    bare_multipliers: bool
    decimal_comma: bool
    bare_scale_money: bool


_HAN_NOUN = regex.compile(r"\p{Han}")


def _rank_after(nouns: set[str]) -> re.Pattern | None:
    """A rank noun after an ordinal: a word of a spaced script whole ("84e rang", not "rangée"), a Han
    character as it stands (第11位跃升至第7位)."""
    han = {n for n in nouns if _HAN_NOUN.match(n)}
    forms = [f"(?:{trie_pattern(han)})"] if han else []
    if nouns - han:
        forms.append(f"(?i:{trie_pattern(nouns - han)}){RIGHT_EDGE}")
    return fast(rf"\s?(?:{'|'.join(forms)})") if forms else None


def _reverse(source: str) -> regex.Pattern:
    return regex.compile(r"(?rp)" + source)  # p: the longest form wins ("no less than", not "less than")


@dataclass(frozen=True, slots=True)
class Guarded:
    """A reverse pattern of many forms, run only where a cheap one matches first: the last character of a
    form, then the whitespace the pattern allows. Reverse matching tries the forms one by one."""

    guard: regex.Pattern
    pattern: regex.Pattern

    def match(self, text: str, pos: int, endpos: int) -> regex.Match | None:
        return self.pattern.match(text, pos, endpos) if self.guard.match(text, pos, endpos) else None


def _guarded(source: str, exact: Iterable[str], folded: Iterable[str], space: str) -> Guarded:
    """`source` followed by `space`, reversed and guarded by the last characters of its forms: `exact`
    ones as written, `folded` ones in any case."""
    classes = []
    for forms, flags in ((exact, ""), (folded, "i")):
        last = "".join(regex.escape(c) for c in sorted({f[-1] for f in forms}))
        if last:
            classes.append(f"(?{flags}:[{last}])" if flags else f"[{last}]")
    guard = "|".join(classes) or "(?!)"
    return Guarded(_reverse(f"(?:{guard}){space}"), _reverse(f"{source}{space}"))


@cache
def lexicon(code: str) -> Lexicon:
    pack = load(code)
    chain = pack.chain()
    catalogue: dict[str, UnitDef] = {}
    for p in chain:
        catalogue.update(p.currencies.catalogue)
        catalogue.update(p.units.catalogue)

    tokens = Table("number")
    units = Table("unit")
    prefix_units = Table("unit")
    money = Table("money multiplier")
    bounds_after = Table("bound")
    bounds_before = Table("bound")
    connectors: set[str] = set()
    separators: set[str] = set()
    range_open: set[str] = set()
    count_of: set[str] = set()
    ordinal_prefixes: set[str] = set()
    ordinal_suffixes: set[str] = set()
    rank_nouns: set[str] = set()
    blocked: set[str] = set()
    digit_sequences = bare_multipliers = bare_scale_money = False

    for p in chain:
        n, where = p.numbers, f"langpacks/{p.code}/numbers.toml"
        for form, v in n.atoms.items():
            tokens.add(form, (T.WEAK if form in n.weak_atoms else T.ATOM, v), where)
        for group, kind in ((n.multipliers, T.MULT), (n.denominators, T.DENOM)):
            for form, v in group.items():
                tokens.add(form, (kind, 10**v if kind is T.MULT else v), where)
        for form, v in n.factor_multipliers.items():
            tokens.add(form, (T.MULT, v), where)
        for suffix in n.ordinal_word_suffixes:
            for form, v in n.atoms.items():
                tokens.add(form + suffix, (T.DENOM, v), where)
            for form, v in n.multipliers.items():
                tokens.add(form + suffix, (T.DENOM, 10**v), where)
        for group, kind in ((n.fractions, T.FRAC), (n.shares, T.SHARE), (n.modifiers, T.MOD)):
            for form, v in group.items():
                tokens.add(form, (kind, v), where)
        for form, b in n.inner_bounds.items():
            tokens.add(form, (T.INNER, b), where)
        for forms, kind in (
            (n.articles, T.ART),
            (n.decimal_words, T.DEC),
            (n.negative_words, T.NEG),
            (n.fraction_infix, T.INFIX),
            (n.fraction_over, T.OVER),
            (n.fraction_of, T.OF),
            (n.blocked, T.BLOCK),
        ):
            for form in forms:
                tokens.add(form, (kind, 1), where)
        for form, v in n.money_multipliers.items():
            money.add(form, 10**v, where)
        connectors.update(n.connectors)
        blocked.update(n.blocked)
        ordinal_prefixes.update(n.ordinal_prefixes)
        ordinal_suffixes.update(n.ordinal_suffixes)
        rank_nouns.update(n.rank_nouns)
        digit_sequences |= n.digit_sequences
        bare_multipliers |= n.bare_multipliers
        bare_scale_money |= n.bare_scale_money

        where = f"langpacks/{p.code}/units.toml"
        for table, group in ((units, p.units.after), (prefix_units, p.units.before)):
            for name, forms in group.items():
                if name not in catalogue:
                    raise IndustrywatchError(f"{where}: unit {name!r} is not in the catalogue")
                d = catalogue[name]
                for form in forms:
                    table.add(form, UnitInfo(name, d.unit, d.factor, d.kind), where)

        where = f"langpacks/{p.code}/cues.toml"
        for form, b in p.cues.bounds.after.items():
            bounds_after.add(form, b, where)
        for form, b in p.cues.bounds.before.items():
            bounds_before.add(form, b, where)
        separators.update(p.cues.range_separators)
        range_open.update(p.cues.range_open)
        count_of.update(p.cues.count_of)

    for p in chain:  # generated currency forms, where no hand-written form says otherwise
        for table, group in ((units, p.currencies.after), (prefix_units, p.currencies.before)):
            for name, forms in group.items():
                d = catalogue[name]
                for form in forms:
                    if table.get(form) is None:
                        table.add(form, UnitInfo(name, d.unit, d.factor, d.kind), "currencies.toml")

    count_forms = Table("unit")
    for key, info in list(units.exact.items()) + list(units.folded.items()):
        if info.kind == "count":
            count_forms.add(key, info, "units")
    conn = trie_pattern(connectors)
    word = r"[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*"  # a hyphenated compound is one word: high-quality
    return Lexicon(
        code=code,
        anchors=fast(f"{DIGITS}|{tokens.pattern()}"),
        digit_anchors=regex.compile(DIGITS),  # `regex` finds where digits begin faster than `re`
        word_anchors=fast(tokens.pattern()),
        tokens=tokens,
        # Unspaced scripts may still put spaces inside a number (三千 九百), but not a line break.
        gap=fast(
            (rf"\s*(?:(?:{conn})\s*)?" if connectors else r"\s*")
            if pack.meta.spaced
            else rf"[^\S\n]*(?:(?:{conn})[^\S\n]*)?"
        ),
        units=units,
        prefix_units=prefix_units,
        # A blocked word is no unit either: 成 is a tenth, but 20亿成立 is founded with 2 billion.
        unit_after=fast(rf"[\s\-]?(?!{trie_pattern(blocked)})(?:{units.pattern()})"),
        unit_before=_guarded(
            f"(?:{prefix_units.pattern()})", prefix_units.exact, prefix_units.folded, r"\s?"
        ),
        count_near=fast(rf"(?:\s+{word}){{1,3}}?\s+(?:{count_forms.pattern()})"),
        count_of=_reverse(
            rf"(?P<noun>{count_forms.pattern()})\s+(?:{trie_pattern(count_of)})(?:\s+{word}){{0,2}}\s+"
        ),
        money_multipliers=money,
        money_multiplier=fast(rf"\s?(?:{money.pattern()})"),
        bounds_after=bounds_after,
        bound_after=fast(rf"\s*(?:{bounds_after.pattern()})"),
        bounds_before=bounds_before,
        # Nor is a bound the end of a blocked word: 约 "about", but 签约 "signed".
        bound_before=_guarded(
            f"(?:{bounds_before.pattern()})(?<!{trie_pattern(blocked)})",
            bounds_before.exact,
            bounds_before.folded,
            r"\s*",
        ),
        range_separator=fast(rf"\s*(?:{trie_pattern(separators)})\s*"),
        range_open=_reverse(rf"{LEFT_EDGE}(?i:{trie_pattern(range_open)})\s+"),
        ordinal_before=_guarded(f"(?:{trie_pattern(ordinal_prefixes)})", ordinal_prefixes, (), r"\s*"),
        ordinal_after=fast(rf"(?:{trie_pattern(ordinal_suffixes)}){RIGHT_EDGE}"),
        rank_after=_rank_after(rank_nouns),
        digit_sequences=digit_sequences,
        bare_multipliers=bare_multipliers,
        decimal_comma=pack.meta.decimal_comma,
        bare_scale_money=bare_scale_money,
    )
