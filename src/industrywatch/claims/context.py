"""What a document says about itself: when it was published, its main place and its main industry."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from industrywatch.claims.cues import Cue
from industrywatch.langpacks import load
from industrywatch.numbers.trie import trie_pattern
from industrywatch.patterns import fast
from industrywatch.places import PlaceMention
from industrywatch.text import normalize

CITY_LEVELS = ("prefecture", "county")
NUMBER = fast(r"\d+")


@dataclass(frozen=True, slots=True)
class DocumentContext:
    published: date | None
    publication_span: tuple[int, int] | None  # the "Post time: ..." line, whose numbers are no claims
    main_place: PlaceMention | None
    main_industry: str | None


@cache
def _day_first(code: str) -> bool:
    return load(code).meta.day_first


@cache
def _months(code: str) -> tuple[re.Pattern, dict[str, int]]:
    months: dict[str, int] = {}
    for pack in load(code).chain():
        months.update({k.casefold(): v for k, v in pack.cues.context.months.items()})
    return fast(rf"(?i:{trie_pattern(months)})"), months


def read_date(window: str, lang: str) -> date | None:
    """A date written in a short stretch of text: month names of the language, or numbers only."""
    text = normalize(window).text
    years = [m for m in NUMBER.finditer(text) if len(m.group()) == 4 and 1900 <= int(m.group()) <= 2100]
    if not years:
        return None
    year_match = years[0]
    year = int(year_match.group())
    month_pattern, months = _months(lang)
    others = [m for m in NUMBER.finditer(text) if m is not year_match and len(m.group()) <= 2]
    month_name = month_pattern.search(text) if months else None
    try:
        if month_name:
            month = months[month_name.group().casefold()]
            day = min(others, key=lambda m: abs(m.start() - month_name.start()), default=None)
            return date(year, month, int(day.group()) if day else 1)
        after = [m for m in others if m.start() > year_match.start()]
        before = [m for m in others if m.start() < year_match.start()]
        if len(after) >= 2:  # 2025-03-10, 2025年3月10日
            return date(year, int(after[0].group()), int(after[1].group()))
        if len(before) >= 2:  # 10.03.2025 or 03/10/2025: the pack says which comes first
            first, second = int(before[0].group()), int(before[1].group())
            day_first = first > 12 or (second <= 12 and _day_first(lang))
            return date(year, second, first) if day_first else date(year, first, second)
    except ValueError:
        return None
    return None


def document_context(
    text: str, lang: str, published: date | None, cues: list[Cue], places: list[PlaceMention]
) -> DocumentContext:
    span = None
    for cue in cues:
        if cue.category == "publication":
            line_end = text.find("\n", cue.end)
            line_end = len(text) if line_end < 0 else line_end
            found = read_date(text[cue.end : min(line_end, cue.end + 60)], lang)
            if found:
                span = (cue.start, line_end)
                published = published or found
                break
    return DocumentContext(published, span, _main_place(places), _main_industry(cues))


def _main_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The most mentioned city-level place; failing that the most mentioned place of any level."""
    for levels in (CITY_LEVELS, None):
        pool = [p for p in places if levels is None or p.place.level in levels]
        if pool:
            counts = Counter(p.place.id for p in pool)
            best = max(counts.values())
            return next(p for p in pool if counts[p.place.id] == best)
    return None


def _main_industry(cues: list[Cue]) -> str | None:
    counts = Counter(c.label for c in cues if c.category == "industry")
    return counts.most_common(1)[0][0] if counts else None
