"""quantities(): every number in a text with its scale words, unit and bound attached."""

from __future__ import annotations

import regex

from dataclasses import dataclass

from industrywatch.langid import detect
from industrywatch.numbers.lexicon import Lexicon, T, UnitInfo, lexicon
from industrywatch.numbers.reader import Reading, Token, read
from industrywatch.records import Quantity
from industrywatch.text import normalize

PERCENT = UnitInfo("%", "%", 1.0, "percent")
# A letter of a spaced script glued to digits makes a model number or an ordinal (A4, G20, 5G, 1st).
SPACED_LETTER = regex.compile(r"[\p{L}\p{M}--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]", regex.V1)
GROUPING = str.maketrans("", "", ",\u2009\u202f")


def quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number in `text`, years included, with scale words applied and unit and bound attached.

    Offsets refer to `text` exactly as passed. `lang` is an installed pack's code; when omitted it is
    detected from the text."""
    if not text:
        return []
    lex = lexicon(lang or detect(text))
    norm = normalize(text)
    t = norm.text
    found: list[Found] = []
    for group in _groups(t, lex):
        for r in read(group, lex.digit_sequences, lex.bare_multipliers):
            item = _attach(t, lex, group, r)
            if item is not None:
                found.append(item)
    found = _merge_ranges(t, lex, found)
    out = []
    for f in found:
        start, end = norm.span(f.start, f.end)
        out.append(_quantity(text, start, end, f))
    return out


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
    value_max: float | None = None


def _groups(t: str, lex: Lexicon) -> list[list[Token]]:
    """Number tokens, grouped into runs that only whitespace or connectors separate."""
    groups: list[list[Token]] = []
    prev_end = -1
    for m in lex.anchors.finditer(t):
        s, e = m.span()
        surface = m.group()
        if surface[-1].isdigit():
            kind, value = T.NUM, float(surface.translate(GROUPING))
        else:
            kind, value = lex.tokens.get(surface)
        if kind is T.BLOCK:
            prev_end = -1
            continue
        token = Token(kind, value, s, e, s == prev_end)
        if groups and prev_end >= 0 and lex.gap.fullmatch(t, prev_end, s):
            groups[-1].append(token)
        else:
            groups.append([token])
        prev_end = e
    return groups


def _attach(t: str, lex: Lexicon, group: list[Token], r: Reading):
    """The number's full extent: prefix unit and bound before it, bound and unit after it."""
    first, last = group[r.first], group[r.last]
    s, e = first.start, last.end
    value = r.value
    bound = r.bound
    unit: UnitInfo | None = PERCENT if r.percent else None

    if lex.ordinal_before.match(t, 0, s) or lex.ordinal_after.match(t, e):
        return None
    prefix = lex.unit_before.match(t, 0, s)
    if prefix:
        unit = lex.prefix_units.get(prefix.group().strip())
        if last.kind is T.NUM and (mm := lex.money_multiplier.match(t, e)):
            value *= lex.money_multipliers.get(mm.group().strip())
            e = mm.end()
        s = prefix.start()
    elif first.kind is T.NUM and s > 0 and _glued_letter(t, s):
        return None
    if m := lex.bound_before.match(t, 0, s):
        bound = lex.bounds_before.get(m.group().strip())
        s = m.start()

    pos = e
    if m := lex.bound_after.match(t, pos):
        bound = lex.bounds_after.get(m.group().strip())
        e = pos = m.end()
    if unit is None or unit.kind == "money":
        if m := lex.unit_after.match(t, pos):
            unit = lex.units.get(m.group().strip(" -"))
            e = pos = m.end()
            if m := lex.bound_after.match(t, pos):
                bound = lex.bounds_after.get(m.group().strip())
                e = m.end()
        elif unit is None and (m := lex.count_near.match(t, pos)):
            unit = lex.units.get(m.group().split()[-1])
    if last.kind is T.NUM and e == last.end and e < len(t) and SPACED_LETTER.match(t, e):
        return None
    if r.weak and unit is None:
        return None
    return Found(s, e, value, unit, bound or "eq", r.scale, r.word_only)


def _glued_letter(t: str, s: int) -> bool:
    before = t[s - 1]
    if before == "-" and s > 1:
        before = t[s - 2]
    return bool(SPACED_LETTER.match(before))


def _merge_ranges(t: str, lex: Lexicon, found: list[Found]) -> list[Found]:
    """3-5 million tons, 3至5万吨, 3 سے 5: two numbers joined by a range separator become one range."""
    out: list[Found] = []
    for f in found:
        if out:
            p = out[-1]
            sep = lex.range_separator.match(t, p.end)
            if (
                sep
                and sep.end() == f.start
                and (p.unit is None or f.unit is None or p.unit.name == f.unit.name)
                and p.bound == "eq"
                and 0 <= p.value < f.value
                and p.word_only == f.word_only
            ):
                if p.scale == 1 and f.scale > 1:
                    p.value *= f.scale  # the scale word of the second applies to both: 3-5 million
                p.end, p.unit, p.bound, p.value_max = f.end, f.unit or p.unit, f.bound, f.value
                continue
        out.append(f)
    return out


def _quantity(text: str, s: int, e: int, f: Found) -> Quantity:
    raw, unit, bound, value_max = _tidy(f.value), f.unit, f.bound, f.value_max
    if unit is not None and unit.kind == "duration" and 1800 <= raw <= 2200 and raw == int(raw):
        unit = None  # 2024年 is a year, not 2024 years
    if unit is None:
        is_year = 1800 <= raw <= 2200 and raw == int(raw) and bound == "eq" and value_max is None
        kind = "year" if is_year and not f.word_only else "number"
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
