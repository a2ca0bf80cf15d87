"""quantities(): every number in a text with its scale words, unit and bound attached."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import regex

from industrywatch.langid import detect
from industrywatch.langpacks import load
from industrywatch.numbers.lexicon import Lexicon, T, UnitInfo, lexicon
from industrywatch.numbers.reader import Reading, Token, read
from industrywatch.numbers.trie import trie_pattern
from industrywatch.patterns import fast
from industrywatch.records import Quantity
from industrywatch.text import normalize

PERCENT = UnitInfo("%", "%", 1.0, "percent")
RANK = UnitInfo("rank", "count", 1.0, "rank")  # a place in a ranking: 第3位
# A letter of a spaced script glued to digits makes a model number or an ordinal (A4, G20, 5G, 1st).
SPACED_LETTER = fast(r"[\p{L}\p{M}--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]")
LETTER = fast(r"\p{L}")
URL = fast(r"(?:https?://|www\.)\S+")  # its digits are no quantities
SEPARATED = fast(r"(?<![\d.,])\d+(?:[.,]\d+)+")
YEAR = fast(r"(?:19|20)\d\d|2100")
# A comma before one or two digits, in a language that writes a decimal point: grouping has three digits
# (or two, before three, in lakhs), so before a scale word it is a decimal comma kept from a translation's
# source ("$21,7 ਬਿਲੀਅਨ": 21.7 billion).
COMMA_BEFORE_FEW = fast(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
SWAP_SEPARATORS = str.maketrans(".,", ",.")
GROUPING = str.maketrans("", "", ", \u2009\u202f")


# How far around a number its unit, bound, scale and range words are looked for. Every match made around a
# number reads at most this many characters, so no text can make one grow with its length; a pack form
# that could be longer is refused when the pack loads (langpacks/schema.py).
WINDOW = 256


def quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number in `text`, years included, with scale words applied and unit and bound attached.

    Offsets refer to `text` exactly as passed. `lang` is an installed pack's code; when omitted it is
    detected from the text."""
    if not text:
        return []
    lex = lexicon(lang or detect(text))
    norm = normalize(text)
    t = norm.text
    if lex.decimal_comma:
        t = SEPARATED.sub(lambda m: _point_decimals(m.group()), t)
    else:
        t = COMMA_BEFORE_FEW.sub(lambda m: _scaled_decimal(t, lex, m), t)
    found: list[Found] = []
    for group in _groups(t, lex):
        for r in read(group, lex.digit_sequences, lex.bare_multipliers):
            floor = found[-1].end if found else 0
            item = _attach(t, lex, group, r, floor)
            if item is not None and item.start >= floor:  # not the 百 of 个百分点
                found.append(item)
    found = _merge_ranges(t, lex, _merge_coins(t, lex, found))
    if lex.bare_scale_money:
        _money_for_bare_scales(found)
    out = []
    for f in found:
        start, end = norm.span(f.start, f.end)
        q = _quantity(text, start, end, f)
        if _finite(q):
            out.append(q)
    return out


def _finite(q: Quantity) -> bool:
    """Whether a quantity's values are finite: scale words and units can carry a value beyond the range
    of a float (10^300 trillion), which is no quantity."""
    return math.isfinite(q.value) and (q.value_max is None or math.isfinite(q.value_max))


@dataclass(slots=True)
class Found:
    """A number being assembled, in normalised offsets."""

    start: int
    end: int
    value: float
    unit: UnitInfo | None
    bound: str
    scale: float
    word_only: bool
    year: bool  # written as a year: four plain digits from 1900 to 2100, or 二〇二四 before 年
    value_max: float | None = None


def _groups(t: str, lex: Lexicon) -> list[list[Token]]:
    """Number tokens, grouped into runs that only whitespace or connectors separate."""
    groups: list[list[Token]] = []
    prev_end = -1
    urls = URL.finditer(t)  # in text order, as the anchors are
    url = next(urls, None)
    for m in _anchor_matches(t, lex):
        s, e = m.span()
        surface = m.group()
        while url is not None and url.end() <= s:
            url = next(urls, None)
        if url is not None and url.start() <= s:
            prev_end = -1
            continue
        if surface[-1].isdigit():
            kind, value = T.NUM, _digits_value(surface)
        else:
            kind, value = lex.tokens.get(surface)
        infinite = kind is T.NUM and not math.isfinite(value)  # beyond the range of a float: no number
        if kind is T.BLOCK or infinite or (kind is T.MULT and _starts_unit(t, lex, s, e)):
            prev_end = -1
            continue
        token = Token(kind, value, s, e, s == prev_end)
        if groups and prev_end >= 0 and lex.gap.fullmatch(t, prev_end, s):
            token.linked = bool(LETTER.search(t, prev_end, s))  # a word joins them: 3 hundred and 21
            groups[-1].append(token)
        else:
            groups.append([token])
        prev_end = e
    return groups


def _point_decimals(digits: str) -> str:
    """Digits written with a decimal comma, rewritten with a decimal point and comma grouping, character
    for character so offsets hold: 41,9 -> 41.9, 1.000.000 -> 1,000,000, 1.234,5 -> 1,234.5. A point
    before other than three digits is a decimal point kept from the source (41.9); commas between
    three-digit groups only (1,234,567) are grouping."""
    if "," not in digits:
        groups = digits.split(".")[1:]
        return digits.replace(".", ",") if all(len(g) == 3 for g in groups) else digits
    if "." not in digits:
        groups = digits.split(",")[1:]
        return digits if len(groups) > 1 and all(len(g) == 3 for g in groups) else digits.replace(",", ".")
    if digits.rfind(",") > digits.rfind("."):
        return digits.translate(SWAP_SEPARATORS)
    return digits


def _scaled_decimal(t: str, lex: Lexicon, m: regex.Match) -> str:
    """`m` with its comma read as a decimal point, if a scale word follows it (see COMMA_BEFORE_FEW)."""
    pos = m.end()
    while pos < len(t) and t[pos] == " ":
        pos += 1
    word = _ahead(lex.anchors, t, pos)
    token = lex.tokens.get(word.group()) if word else None
    return m.group().replace(",", ".") if token and token[0] is T.MULT else m.group()


def _anchor_matches(t: str, lex: Lexicon) -> Iterator[regex.Match]:
    """What `lex.anchors.finditer(t)` yields, from its two halves searched apart: at each position digits
    come first, as in the alternation."""
    pos = 0
    d = w = None
    digits = words = True  # a half that found nothing from some position finds nothing further on
    while True:
        if digits and (d is None or d.start() < pos):
            d = lex.digit_anchors.search(t, pos)
            digits = d is not None
        if words and (w is None or w.start() < pos):
            w = lex.word_anchors.search(t, pos)
            words = w is not None
        m = d if d is not None and (w is None or d.start() <= w.start()) else w
        if m is None:
            return
        yield m
        pos = m.end()


def _ahead(pattern, t: str, pos: int):
    """`pattern` matched at `pos`, reading at most WINDOW characters."""
    return pattern.match(t, pos, pos + WINDOW)


def _behind(pattern, t: str, floor: int, pos: int):
    """A reverse `pattern` matched ending at `pos`, reading back at most WINDOW characters and not past
    `floor`."""
    return pattern.match(t, max(floor, pos - WINDOW), pos)


def _digits_value(surface: str) -> float:
    """The value of digits as matched: grouping dropped; 3/4 is a fraction; 1.1^23 is a power, its
    exponent's minus signs cancel in pairs (2.5^--1 is 2.5). A value beyond the range of a float (10^400,
    2^1024, 0^-1, four hundred digits) is infinite, and so no number."""
    numerator, slash, denominator = surface.partition("/")
    if slash:
        return float(numerator) / float(denominator)
    base, _, exponent = surface.translate(GROUPING).partition("^")
    if not exponent:
        return float(base)
    sign = -1 if exponent.count("-") % 2 else 1
    try:
        return float(base) ** (sign * int(exponent.lstrip("+-")))
    except (OverflowError, ZeroDivisionError, ValueError):  # ValueError: an exponent of 4,300 digits
        return math.inf


def _starts_unit(t: str, lex: Lexicon, s: int, e: int) -> bool:
    """A scale word that begins a unit is the unit's: 12千米 is 12 km, 4500万千瓦 45 million kW."""
    m = _ahead(lex.unit_after, t, s)
    return m is not None and m.end() > e


def _attach(t: str, lex: Lexicon, group: list[Token], r: Reading, floor: int):
    """The number's full extent: prefix unit and bound before it (not before `floor`, where the previous
    number ends), bound and unit after it."""
    first, last = group[r.first], group[r.last]
    s, e = first.start, last.end
    year = r.first == r.last and last.kind is T.NUM and bool(YEAR.fullmatch(t, s, e))
    value = r.value
    bound = r.bound
    unit: UnitInfo | None = PERCENT if r.percent else None

    opened = _behind(lex.ordinal_before, t, 0, s)
    closed = _ahead(lex.ordinal_after, t, e)
    if opened or closed:
        return _rank(t, lex, opened.start() if opened else s, closed.end() if closed else e, value)
    prefix = _behind(lex.unit_before, t, floor, s)
    if prefix:
        unit = lex.prefix_units.get(prefix.group().strip())
        if last.kind is T.NUM and (mm := _ahead(lex.money_multiplier, t, e)):
            value *= lex.money_multipliers.get(mm.group().strip())
            e = mm.end()
        s = prefix.start()
    elif first.kind is T.NUM and s > 0 and _glued_letter(t, s, lex.code):
        return None
    before = _behind(lex.bound_before, t, floor, s)
    if before:
        bound = lex.bounds_before.get(before.group().strip())
        s = before.start()

    pos = e
    if m := _ahead(lex.bound_after, t, pos):
        bound = lex.bounds_after.get(m.group().strip())
        e = pos = m.end()
    after = _ahead(lex.unit_after, t, pos) if unit is None or unit.kind == "money" else None
    if after and unit is not None and lex.units.get(after.group().strip(" -")).kind != "money":
        after = None  # "RM83.4 bilion tahun lepas": a sum of money, and then the year it is of
    if unit is None or unit.kind == "money":
        if m := after:
            unit = lex.units.get(m.group().strip(" -"))
            e = pos = m.end()
            if (h := _tail(t, lex, pos)) and (frac := lex.tokens.get(h.group().strip())):
                if frac[0] is T.FRAC:
                    value += frac[1]  # 一吨半: a ton and a half
                    e = pos = h.end()
                elif unit.kind == "percent" and unit.factor > 1 and frac[0] is T.ATOM and 0 < frac[1] < 10:
                    value += frac[1] / 10  # 九成五: nine and a half tenths, 95 %
                    e = pos = h.end()
            if m := _ahead(lex.bound_after, t, pos):
                bound = lex.bounds_after.get(m.group().strip())
                e = m.end()
        elif unit is None and not r.weak and not (year and bound is None):
            if m := _ahead(lex.count_near, t, pos):  # 300 سے زائد لیزر کمپنیاں: 300 laser companies
                unit = lex.units.get(m.group().split()[-1])
            elif m := _behind(lex.count_of, t, floor, s):  # ਉੱਦਮਾਂ ਦੀ ਗਿਣਤੀ 150: the number of enterprises
                unit = lex.units.get(m.group("noun"))
    if last.kind is T.NUM and e == last.end and e < len(t) and SPACED_LETTER.match(t, e):
        return None
    if before and unit is None and year:
        s, bound = first.start, r.bound  # "up 1.8 percent over 2019": a year, not a bound
    if r.weak and unit is None:
        return None
    if unit is not None and unit.kind == "duration" and (year or (r.word_only and _year_value(value))):
        unit, year = None, True  # 2024年 is a year, not 2024 years
    return Found(s, e, value, unit, bound or "eq", r.scale, r.word_only, year)


def _rank(t: str, lex: Lexicon, s: int, e: int, value: float) -> Found | None:
    """An ordinal from `s` to `e` is a rank when a rank noun follows it (第3位, "84e rang"), and else
    no quantity (第二十次, "the 14th plan")."""
    noun = _ahead(lex.rank_after, t, e) if lex.rank_after is not None else None
    if noun is None or value != int(value) or value < 1:
        return None
    return Found(s, noun.end(), value, RANK, "eq", 1.0, False, False)


def _tail(t: str, lex: Lexicon, pos: int):
    """The number word right after a unit, ending the number there (the 半 of 一吨半, the 五 of 九成五)."""
    limit = min(len(t), pos + WINDOW)
    while pos < limit and t[pos] == " ":
        pos += 1
    h = _ahead(lex.anchors, t, pos)
    if h is None or h.group()[-1].isdigit():
        return None
    after = _ahead(lex.anchors, t, h.end())
    return h if after is None and not _ahead(lex.unit_after, t, h.end()) else None


def _year_value(value: float) -> bool:
    return 1900 <= value <= 2100 and value == int(value)


def _glued_letter(t: str, s: int, code: str = "") -> bool:
    before = t[s - 1]
    if before == "-" and s > 1:
        before = t[s - 2]
    if not SPACED_LETTER.match(before):
        return False
    glued = _glued_prefix(code) if code else None
    return not (glued and _behind(glued, t, 0, s))


@cache
def _glued_prefix(code: str) -> regex.Pattern | None:
    """A reverse pattern for a pack's words written joined to a number (و2024), standing alone before it."""
    forms = {f for pack in load(code).chain() for f in pack.numbers.glued_prefixes}
    if not forms:
        return None
    return regex.compile(rf"(?r)(?<![\p{{L}}\p{{M}}])(?:{trie_pattern(forms)})")


def _merge_coins(t: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """五元三毛, 两美元又三美分: an amount and a smaller coin of its currency right after it are one sum."""
    out: list[Found] = []
    for f in found:
        p = out[-1] if out else None
        if (
            p is not None
            and p.unit is not None
            and f.unit is not None
            and p.unit.kind == f.unit.kind == "money"
            and p.unit.unit == f.unit.unit
            and f.unit.factor < p.unit.factor
            and lex.gap.fullmatch(t, p.end, f.start)
        ):
            p.value += f.value * f.unit.factor / p.unit.factor
            p.end = f.end
            continue
        out.append(f)
    return out


def _merge_ranges(t: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """3-5 million tons, 3至5万吨, 3 سے 5: two numbers joined by a range separator become one range; after
    a range opener a number connector joins them too (between 3 and 5). A day before a year is a date, not
    a range (16-2024)."""
    out: list[Found] = []
    for f in found:
        if out:
            p = out[-1]
            sep = _ahead(lex.range_separator, t, p.end) or (
                _behind(lex.range_open, t, 0, p.start) and _ahead(lex.gap, t, p.end)
            )
            if (
                sep
                and sep.end() == f.start
                and (p.unit is None or f.unit is None or p.unit.name == f.unit.name)
                and p.bound == "eq"
                and 0 <= p.value < f.value
                and p.word_only == f.word_only
                and p.year == f.year  # 2020-2024, but not 16-2024 nor "2020 to 26 billion yuan"
            ):
                if p.scale == 1 and f.scale > 1:
                    p.value *= f.scale  # the scale word of the second applies to both: 3-5 million
                p.end, p.unit, p.bound, p.value_max = f.end, f.unit or p.unit, f.bound, f.value
                continue
        out.append(f)
    return out


def _money_for_bare_scales(found: list[Found]) -> None:
    """A figure in millions or more with no unit takes the currency of the nearest figure with the same
    scale word."""
    money = [f for f in found if f.unit is not None and f.unit.kind == "money" and f.scale >= 1e6]
    for f in found:
        if f.unit is None and f.scale >= 1e6:
            same = [m for m in money if m.scale == f.scale]
            if same:
                f.unit = min(same, key=lambda m: abs(m.start - f.start)).unit


def _quantity(text: str, s: int, e: int, f: Found) -> Quantity:
    raw, unit, bound, value_max = _tidy(f.value), f.unit, f.bound, f.value_max
    if unit is None:
        kind = "year" if f.year and bound == "eq" and value_max is None else "number"
        return Quantity(s, e, text[s:e], raw, None, kind, raw, None, value_max, bound)
    conv = unit.factor
    return Quantity(
        start=s,
        end=e,
        text=text[s:e],
        value=_tidy(raw * conv),
        unit=unit.unit,
        kind=unit.kind,
        raw_value=raw,
        raw_unit=unit.name,
        value_max=None if value_max is None else _tidy(value_max * conv),
        bound=bound,
    )


def _tidy(v: float) -> float:
    return float(f"{v:.12g}")
