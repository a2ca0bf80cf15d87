"""Which place a figure is about, and which park or company.

The most specific place the figure's own clause names, then its sentence, then its paragraph, then the
document's main place; a place that contains another one named beside it only says where that one is
("Qingyuan High-tech Zone in Guangdong province"). Words for the document's own place ("the city", 全市),
its province ("the province", 全省) and its country ("nationwide", 全国) stand for those places."""

from __future__ import annotations

import regex

from industrywatch.claims.context import in_company, quoted
from industrywatch.claims.cues import Cue
from industrywatch.claims.view import Sentence
from industrywatch.patterns import fast
from industrywatch.places import Place, PlaceMention
from industrywatch.places.hierarchy import contains, country_of, province_of
from industrywatch.records import Quantity

STANDS_FOR = ("main_place", "province", "national")
NAME_WORDS = 2  # words before "industrial park" that name it
NAME_CHARS = 4  # characters before 产业园 that name it, in scripts without spaces
WORD = regex.compile(r"[\p{L}\p{M}\p{N}\-]+")
UNSPACED = fast(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
UNSPACED_TAIL = fast(rf"[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}\p{{Hangul}}]{{1,{NAME_CHARS}}}$")


def stand_ins(s: Sentence) -> list[PlaceMention]:
    """Mentions of the document's own place, province or country by a word that stands for them."""
    if "stand_ins" not in s.memo:
        s.memo["stand_ins"] = _stand_ins(s)
    return s.memo["stand_ins"]


def _stand_ins(s: Sentence) -> list[PlaceMention]:
    main = s.doc.main_place.place if s.doc.main_place else None
    if main is None:
        return []
    out = []
    for c in s.cued(*STANDS_FOR):
        place = {"main_place": main, "province": province_of(main), "national": country_of(main)}[c.category]
        if place is not None:
            out.append(PlaceMention(c.start, c.end, s.text[c.start : c.end], place))
    return out


def region_of(
    s: Sentence, q: tuple[int, int], clause: tuple[int, int], mentions: list[PlaceMention], share: bool
) -> Place | None:
    """The place a figure at the span `q` is about (see the module's docstring). For a share, the places
    around it that contain another one named (or the document's own place) are its whole, not its place;
    a place that contains the document's own place says only where it is when the sentence names that
    place too, or when it stands after the figure in another clause ("33.69 bn more, which lifted
    Sichuan's ...")."""
    main = s.doc.main_place.place if s.doc.main_place else None
    mentions = _candidates(s, q, clause, mentions, main)
    held = _brackets(s, *q)  # "(全省平均水平9.9%)": a place named in the figure's brackets is its own
    inside = [m for m in mentions if held[0] < m.start and m.end <= q[0]] if held else []
    if inside:
        return _most_specific(inside)
    if share:
        wholes = _wholes([m.place for m in mentions], main)
        mentions = [m for m in mentions if m.place not in wholes]
    elif main and any(m.place == main or contains(main, m.place) for m in mentions):
        mentions = [m for m in mentions if not contains(m.place, main)]
    in_clause = [m for m in mentions if clause[0] <= m.start < clause[1]]
    for pool in (in_clause, mentions):
        before = [m for m in pool if m.end <= q[0]]
        if before:
            return _most_specific(before)
    after = [m for m in in_clause if m.start >= q[1]]
    if after and not share:
        return _most_specific(after[:1] + [m for m in after[1:] if contains(m.place, after[0].place)])
    elsewhere = [m for m in mentions if not (main and contains(m.place, main))]
    if elsewhere and not share:
        return elsewhere[0].place
    carried = s.paragraph.region  # unless it is a share's whole, which is no place of the share
    if carried is not None and not (share and main and contains(carried, main)):
        return carried
    return main


def _candidates(
    s: Sentence, q: tuple[int, int], clause: tuple[int, int], mentions: list[PlaceMention], main: Place | None
) -> list[PlaceMention]:
    """The mentions that may be where a figure is: not a foreign partner, an aside in brackets, a name
    inside another name, a landmark, a part a "namely" lists, or a word for the province or country in
    another clause ("居全省第4位，较2012年增加1074户": a whole there)."""
    mentions = [m for m in mentions if not (_foreign(m.place, main) or _aside(s, m, q) or _named_by(s, m))]
    if s.cued("near") or s.cued("near_after"):
        mentions = [m for m in mentions if not _landmark(s, m)] or mentions
    if s.cued("namely"):
        mentions = _without_parts(s, mentions, q)
    if main and stand_ins(s):
        named = {id(m) for m in s.places}
        mentions = [
            m
            for m in mentions
            if id(m) in named or clause[0] <= m.start < clause[1] or not contains(m.place, main)
        ]
    return mentions


def _foreign(place: Place, main: Place | None) -> bool:
    """A country other than that of a document about one of its places is a partner or an investor
    ("South Korea ranks first with 238 projects" in a report on Vinh Phuc), not where a figure is."""
    return (
        bool(main) and main.level != "country" and place.level == "country" and place.country != main.country
    )


def _aside(s: Sentence, m: PlaceMention, q: tuple[int, int]) -> bool:
    """Whether a place is named in brackets the figure is not in: a former name or a location given in
    passing ("化工产业园（原济宁市生物产业园）", "Tianjin (north China)")."""
    brackets = _brackets(s, m.start, m.end)
    return brackets is not None and not brackets[0] < q[0] < brackets[1]


NEAR_GAP = 2  # characters between a word for "near" and the place it makes a landmark


def _landmark(s: Sentence, m: PlaceMention) -> bool:
    """Whether a place is named as a landmark ("Tianjin, cercana a Beijing", "a plant near Shanghai"): where
    another place is named beside it, that one is where the figure is."""
    return any(0 <= m.start - c.end <= NEAR_GAP for c in s.cued("near")) or any(
        0 <= c.start - m.end <= NEAR_GAP for c in s.cued("near_after")
    )


def _without_parts(s: Sentence, mentions: list[PlaceMention], q: tuple[int, int]) -> list[PlaceMention]:
    """The mentions but the parts a "namely" lists of the place right before it, when the figure comes
    after them ("di Lembah Klang iaitu Kuala Lumpur dan Selangor ... 31.9%": the Klang Valley's)."""
    for c in s.cued("namely"):
        if c.end <= q[0] and any(0 <= c.start - m.end <= NEAR_GAP for m in mentions):
            mentions = [m for m in mentions if not c.end <= m.start < q[0]]
    return mentions


def _named_by(s: Sentence, m: PlaceMention) -> bool:
    """Whether a place's name is part of another name: alone in quotation marks ("ОЭЗ «Алабуга»"), or in a
    company's name ("Chengdu Saike Fund Management Co., Ltd.", "PT Sulawesi Mining Investment")."""
    return quoted(s.text, m) or in_company(s.text, m, s.cued("companies", "company_openers"), s.breaks)


def _brackets(s: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The brackets around a span of the sentence, if any (worked out once a span)."""
    key = ("brackets", start)
    if "bracketed" not in s.memo:
        s.memo["bracketed"] = "(" in s.text[s.start : s.end] or "（" in s.text[s.start : s.end]
    if key not in s.memo:
        found = None
        if s.memo["bracketed"] and ("(" in s.text[s.start : start] or "（" in s.text[s.start : start]):
            opened = max(s.text.rfind("(", s.start, start), s.text.rfind("（", s.start, start))
            closes = [i for i in (s.text.find(")", end, s.end), s.text.find("）", end, s.end)) if i >= 0]
            if not any(ch in ")）" for ch in s.text[opened:start]) and closes:
                found = (opened, min(closes))
        s.memo[key] = found
    return s.memo[key]


def _wholes(places: list[Place], main: Place | None) -> set[Place]:
    """The places that contain another of those named or the document's own place."""
    named = dict.fromkeys([*places, *filter(None, [main])])
    return {p for p in named if any(contains(p, other) for other in named)}


def _most_specific(before: list[PlaceMention]) -> Place:
    """Of the places named before a figure, the nearest one that contains none of the others."""
    places = dict.fromkeys(m.place for m in before)  # each once: a text may name one a thousand times
    inner = {p for p in places if not any(contains(p, other) for other in places)}
    return next((m.place for m in reversed(before) if m.place in inner), before[-1].place)


def base_region_of(s: Sentence, q: Quantity, region: Place | None, clause: tuple[int, int]) -> Place | None:
    """The whole a share is of: a place named in its clause other than the figure's own ("35% of Inner
    Mongolia's total"), or the country when the clause says "national"."""
    named = sorted(s.places + stand_ins(s), key=lambda m: m.start)  # "40% of the province's investment"
    pool = [m for m in named if clause[0] <= m.start < q.start and m.place != region]
    if pool:
        return pool[-1].place
    after = [m for m in named if q.end <= m.start < clause[1] and m.place != region]
    if after:
        return after[0].place
    if region and any(clause[0] <= c.start < clause[1] for c in s.cued("national")):
        return country_of(region)
    return None


def organization_of(s: Sentence, pos: int) -> str | None:
    """The park or company a figure at `pos` is about: the nearest one named before it in the sentence,
    or the one the paragraph was about if this sentence names no place of its own."""
    named = s.cued("organization")
    named = [c for c in named if c.end <= pos] if named else named
    if named:
        return _name(s, named[-1])
    if s.places or s.cued("main_place"):
        return None
    return s.paragraph.organization


def _name(s: Sentence, cue: Cue) -> str | None:
    start = max([s.start, *(b + 1 for b in s.breaks if b < cue.start)])
    head = s.text[start : cue.start]
    surface = s.text[cue.start : cue.end]
    if UNSPACED.match(surface):
        m = UNSPACED_TAIL.search(head)
        return (m.group() if m else "") + surface
    words = WORD.findall(head)[-NAME_WORDS:]
    while words and words[0].lower() != words[0].upper() and not words[0][0].isupper():
        words.pop(0)  # in a script with capitals, a name is capitalised: not "a new" industrial park
    if not words and surface.lower() != surface.upper():
        return None  # no name before it: "a new industrial park" is no park to track on its own
    return " ".join([*words, surface])
