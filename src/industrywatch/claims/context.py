"""What a document says about itself: when it was published, its title, its main place and industry."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from industrywatch.claims.cues import Cue
from industrywatch.claims.dates import dateline, line_heads, read_segment
from industrywatch.claims.sentences import clause_breaks
from industrywatch.langpacks import load
from industrywatch.numbers.trie import trie_pattern
from industrywatch.patterns import fast
from industrywatch.places import PlaceMention
from industrywatch.places.gazetteer import Place
from industrywatch.places.hierarchy import contains, country_of, specificity
from industrywatch.records import Quantity

TITLE_CHARS = 250  # a first line this short, with more text after it, is the title
TITLE_WEIGHT = 3.0  # a place named in the title counts as often as this many mentions in the body
# A country named beside places within it is where they are, not what the document is about.
COUNTRY_WEIGHT = 0.5
# The document's own place is the most specific one it names at least this share as often as the widest, a
# province or country (named in every other phrase); a city's district, as often as the city.
INNER_SHARE = 0.5
WIDE_LEVELS = frozenset({"province", "adm1", "region", "country"})
# A document that names at least this many places of one country, none of them in more than this share of
# their mentions, is about the country.
SURVEYED = 4
SURVEY_SHARE = 0.4
PUBLICATION_WINDOW = 60  # characters after a "Published:" label that hold its date


@dataclass(frozen=True, slots=True)
class DocumentContext:
    published: date | None
    publication_span: tuple[int, int] | None  # the dateline, whose numbers and place are no claims
    main_place: PlaceMention | None
    main_industry: str | None
    title_end: int | None = None  # where the title line ends, if the text opens with one


@cache
def _months(code: str) -> re.Pattern | None:
    months = {k.casefold() for pack in load(code).chain() for k in pack.cues.context.months}
    return fast(rf"(?i:{trie_pattern(dict.fromkeys(months, 0))})") if months else None


def document_context(
    text: str, lang: str, published: date | None, cues: list[Cue], places: list[PlaceMention]
) -> DocumentContext:
    found = _labelled_date(text, lang, cues) or dateline(text, lang, _months(lang))
    span = None
    if found:
        published, span = published or found[0], found[1]  # a wire dateline may hold no year
    title_end = _title_end(text)
    span = span or wire_head(text, places)
    companies = [c for c in cues if c.category in ("companies", "company_openers")]
    breaks = clause_breaks(text, 0, len(text)) if companies else []
    own = [
        m
        for m in places
        if not (span and span[0] <= m.start < span[1])
        and not quoted(text, m)
        and not in_company(text, m, companies, breaks)
    ]
    industry = _main_industry(cues, title_end)
    return DocumentContext(published, span, main_place(own, title_end), industry, title_end)


def _labelled_date(text: str, lang: str, cues: list[Cue]) -> tuple[date | None, tuple[int, int]] | None:
    """The date after a publication label ("Post time:", "发布时间："), with the label's line."""
    for cue in cues:
        if cue.category != "publication":
            continue
        line_end = text.find("\n", cue.end)
        line_end = len(text) if line_end < 0 else line_end
        found = read_segment(text[cue.end : min(line_end, cue.end + PUBLICATION_WINDOW)], lang, labelled=True)
        if found:
            return found, (cue.start, line_end)
    return None


def wire_head(text: str, places: list[PlaceMention]) -> tuple[int, int] | None:
    """A wire dateline with no date: a line that opens with a place in capitals and a source before a
    dash ("JAKARTA, Politikarakyat.id — ..."): where the report was filed, not what it is about."""
    for start, end in line_heads(text):
        first = next((m for m in places if start <= m.start < end), None)
        if first and not text[start : first.start].strip() and first.text.isupper():
            return start, end
    return None


COMPANY_REACH = 60  # characters from a place's name to the word that closes the company name it begins
COMPANY_OPENS = 2  # characters between a word that opens a company's name and the place in it
COMPANY_NAME = 24  # characters a word that opens a company's name may have
QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“", "「": "」", "『": "』", "‹": "›"}


def quoted(text: str, m: PlaceMention | Quantity) -> bool:
    """Whether a place's name or a figure stands alone in quotation marks: the name of a zone, a company
    or a brand ("ОЭЗ «Алабуга»"), a class of things („1 Billion Yuan“-Städte), not the place or figure."""
    if m.start == 0 or m.end >= len(text):
        return False
    return QUOTES.get(text[m.start - 1]) == text[m.end]


def in_company(text: str, m: PlaceMention, cues: list[Cue], breaks: list[int]) -> bool:
    """Whether a place's name is inside a company's: before the word that closes the name, joined to it
    by capitalised words where the script has capitals ("Chengdu Saike Fund Management Co., Ltd.",
    深圳开元科技有限公司, not "Hefei plant by Shenzhen ..."), or right after the word that opens it ("PT
    Sulawesi")."""
    starts = [c.start for c in cues]  # in text order, as cues are found
    near = cues[bisect_left(starts, m.start - COMPANY_NAME) : bisect_right(starts, m.end + COMPANY_REACH)]
    for c in near:
        if c.category == "companies" and m.end <= c.start <= m.end + COMPANY_REACH:
            low, high = m.end, c.start
            if not all(w[0].isupper() or w.lower() == w.upper() for w in text[low:high].split()):
                continue
        elif c.category == "company_openers" and c.end <= m.start <= c.end + COMPANY_OPENS:
            low, high = c.end, m.start
        else:
            continue
        if bisect_left(breaks, low) == bisect_left(breaks, high) and "." not in text[low:high]:
            return True
    return False


def _title_end(text: str) -> int | None:
    stripped = len(text) - len(text.lstrip())
    end = text.find("\n", stripped)
    if 0 < end - stripped <= TITLE_CHARS and text[end:].strip():
        return end
    return None


def main_place(places: list[PlaceMention], title_end: int | None) -> PlaceMention | None:
    """The place the document is about: the one it names most (the title counting more, a country named
    beside its own places less), or the most specific place within it named nearly as often."""
    weight: Counter[Place] = Counter()
    first: dict[Place, PlaceMention] = {}
    for m in places:
        weight[m.place] += TITLE_WEIGHT if title_end and m.start < title_end else 1.0
        first.setdefault(m.place, m)
    if not weight:
        return None
    within = {p.country for p in weight if p.level != "country"}
    for p in weight:
        if p.level == "country" and p.country in within:
            weight[p] *= COUNTRY_WEIGHT
    best = max(weight, key=lambda p: (weight[p], -specificity(p), -first[p].start))
    if country := _survey_country(best, weight):
        return first[country]
    share = INNER_SHARE if best.level in WIDE_LEVELS else 1.0
    inner = [p for p in weight if contains(best, p) and weight[p] >= share * weight[best]]
    if inner:
        best = max(inner, key=lambda p: (weight[p], -specificity(p), -first[p].start))
    return first[best]


def _survey_country(best: Place, weight: Counter[Place]) -> Place | None:
    """The country, when the document names it and goes through many of its places with none standing
    out (investment by state, output by province): it is about the country, not the first of them."""
    country = country_of(best)
    if best.level == "country" or country not in weight:
        return None
    own = [w for p, w in weight.items() if p.country == best.country and p.level != "country"]
    mine = weight[best] + sum(w for p, w in weight.items() if contains(best, p))  # its districts are its own
    if len(own) >= SURVEYED and mine < SURVEY_SHARE * sum(own):
        return country
    return None


def _main_industry(cues: list[Cue], title_end: int | None) -> str | None:
    """The industry the document is about: the one it names most, if it names it more than once or in its
    title (a single passing mention of glass or hydrogen is no subject)."""
    counts = Counter(c.label for c in cues if c.category == "industry")
    for c in cues:
        if c.category == "industry" and title_end and c.start < title_end:
            counts[c.label] += 1
    if not counts:
        return None
    industry, count = counts.most_common(1)[0]
    return industry if count >= 2 else None
