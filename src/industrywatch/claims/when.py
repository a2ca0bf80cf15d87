"""When a figure holds and whether it is achieved, planned or expected: each rule a small function.

A sentence's time anchors are its years (2024, 2024年), the relative years its cues name ("last year", 去年)
and "currently"; an anchor written right after a figure ("238 bn a year earlier", "41.9 bn in 2024") is
that figure's alone, and the others speak of the figures after them."""

from __future__ import annotations

from dataclasses import dataclass

from industrywatch.claims.cues import Cue
from industrywatch.claims.view import Sentence
from industrywatch.records import Quantity

TOUCH = 3  # characters between a year and the cue that makes it a deadline or a base ("by 2027")
BOUND_AFTER = (
    24  # characters within which an anchor right after a figure is that figure's own ("per year in")
)
PLANS = ("target", "forecast")
CHANGES = ("growth", "change", "multiple")
RIGHT_AFTER = 12  # characters within which "now" or "already" after a figure settles it as achieved


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    year: int | None  # None: a relative year or "currently" in a text with no publication date
    role: str  # "year", "deadline", "base" or "present"


def anchors(s: Sentence) -> list[Anchor]:
    """Every time anchor of the sentence, in text order."""
    if "anchors" not in s.memo:
        s.memo["anchors"] = _anchors(s)
    return s.memo["anchors"]


SPAN_YEARS = 20  # the longest span of years ("2021-2025", 2017—2018年) read as a period, not as figures


def year_span(q: Quantity) -> bool:
    """Whether a quantity is a span of years ("2017-2018", "2021—2025年"): it holds for its last year."""
    low, high = q.raw_value, q.value_max
    return (
        q.kind == "number"
        and high is not None
        and all(v == int(v) and 1900 <= v <= 2100 for v in (low, high))
        and 0 < high - low <= SPAN_YEARS
    )


def _anchors(s: Sentence) -> list[Anchor]:
    found = [
        Anchor(q.start, q.end, int(q.raw_value), _year_role(s, q)) for q in s.quantities if q.kind == "year"
    ]
    spans = [q for q in s.quantities if year_span(q)]
    found += [Anchor(q.start, q.end, int(q.value_max), _year_role(s, q)) for q in spans]
    reference = s.published_year
    for c in s.cued("relative_year"):
        year = reference + int(c.label) if reference else None
        found.append(Anchor(c.start, c.end, year, _cue_role(s, c)))
    found += [Anchor(c.start, c.end, reference, "present") for c in s.cued("present")]
    return sorted(found, key=lambda a: a.start)


def _year_role(s: Sentence, q: Quantity) -> str:
    if _touching(s, q.start, q.end, "deadline_before", "deadline_after"):
        return "deadline"
    if _touching(s, q.start, q.end, "base_before", "base_after"):
        return "base"
    return "year"


def _cue_role(s: Sentence, c: Cue) -> str:
    return "base" if _touching(s, c.start, c.end, "base_before", "base_after") else "year"


def _touching(s: Sentence, start: int, end: int, before: str, after: str) -> bool:
    return any(0 <= start - c.end <= TOUCH for c in s.cued(before)) or any(
        0 <= c.start - end <= TOUCH for c in s.cued(after)
    )


def own_anchors(s: Sentence, found: list[Anchor], figures: list[Quantity]) -> dict[Anchor, Quantity]:
    """Anchors written right after a figure, or right before one, with no clause mark or other figure
    between: that figure's."""
    owned: dict[Anchor, Quantity] = {}
    for a in found:
        before = [q for q in figures if q.end <= a.start]
        if (
            before
            and a.start - before[-1].end <= BOUND_AFTER
            and not s.breaks_between(before[-1].end, a.start)
        ):
            owned[a] = _stated(s, before[-1], before[:-1])
            continue
        after = [q for q in figures if q.start >= a.end]
        if after and after[0].start - a.end <= TOUCH and not s.breaks_between(a.end, after[0].start):
            owned[a] = after[0]  # "由2012年的3.9%提升到5.3%": the year written right before a figure
    return owned


def _stated(s: Sentence, q: Quantity, earlier: list[Quantity]) -> Quantity:
    """The figure that `q` restates in brackets right after it ("1 010 milliards de yuans (environ 140,8
    milliards de dollars) en 2023": the year is the first figure's), or `q` itself."""
    if earlier and "(" in s.text[earlier[-1].end : q.start] and len(s.text[earlier[-1].end : q.start]) <= 12:
        s.memo.setdefault("restated", {})[id(q)] = earlier[-1]
        return earlier[-1]
    return q


def governing_anchor(
    s: Sentence,
    q: Quantity,
    clause: tuple[int, int],
    found: list[Anchor],
    owned: dict[Anchor, Quantity],
    relation: str,
    metric: str,
    measured: dict[int, tuple[str, str]],
) -> Anchor | None:
    """The anchor that dates a figure: its own; else the nearest before it in the sentence that is no other
    figure's own; else another figure's own, unless that figure is an earlier value of the same measure
    ("from 8.1 bn in 2012 to 80.7 bn": 80.7 is not of 2012; "78% in 2024, 3.5 points more", "267.8 bn in
    2022, involving 4,517 projects" are); else the first after it in its clause (in its sentence, for a
    verb-final language), or one after it that no figure follows ("占地800亩，预计2026年建成")."""
    dating = [a for a in found if a.role != "base"]
    stated = s.memo.get("restated", {}).get(id(q), q)  # a figure restated in brackets dates with it
    own = [a for a in dating if owned.get(a) is q or owned.get(a) is stated]
    if own:
        return own[0]
    before = [a for a in dating if a.end <= q.start]
    free = [a for a in before if a not in owned]
    shared = [
        a
        for a in before
        if a in owned
        and (relation in CHANGES or measured.get(id(owned[a])) != (metric, relation))
        and not _from_value(s, a, q, (metric, relation), measured)
    ]
    # "2022年，…在2021年度全国217家开发区考评中位列第13位": a year in the figure's clause, though another
    # figure's, dates it before a free one in an earlier clause.
    if shared and shared[-1].start >= clause[0] and not (free and free[-1].start >= clause[0]):
        return shared[-1]
    if free:
        return free[-1]
    if shared:
        return shared[-1]
    limit = s.end if s.verb_final else clause[1]
    after = [a for a in dating if a.start >= q.end and (relation != "level" or owned.get(a, q) is q)]
    return next((a for a in after if a.start < limit or trailing(s, q, a.end)), None)


def _from_value(
    s: Sentence, a: Anchor, q: Quantity, measure: tuple[str, str], measured: dict[int, tuple[str, str]]
) -> bool:
    """Whether a figure of the same measure stands between an anchor and `q`: the value `q` rose from
    ("由2012年的3.9%提升到5.3%，从第11位跃升至第7位": the 7th place is not of 2012)."""
    return any(a.end <= x.start and x.end <= q.start and measured.get(id(x)) == measure for x in s.quantities)


def _after(s: Sentence, q: Quantity, clause: tuple[int, int]) -> list[Cue]:
    """The modality cues after a figure that speak of it."""
    after = [c for c in s.cued("target", "forecast", "future", "actual", "achieved") if c.start >= q.end]
    return [c for c in after if _speaks_back(s, q, clause, c)]


def _speaks_back(s: Sentence, q: Quantity, clause: tuple[int, int], c: Cue) -> bool:
    """Whether a modality cue after a figure speaks of it: in a verb-final language, anywhere in the
    sentence; else in its clause with no other figure after the cue there ("30 GWh are planned", not "300
    projects, expected to bring 140,000 jobs"), or closing the sentence (trailing)."""
    if s.verb_final:
        return True
    if c.start < clause[1]:
        return not any(
            c.end <= x.start < clause[1] and x.kind not in ("year", "duration") for x in s.quantities
        )
    return trailing(s, q, c.end)


def trailing(s: Sentence, q: Quantity, pos: int) -> bool:
    """Whether a cue at `pos` closes the figure's sentence: in the clause after the figure's, with no figure
    after it, so it can only speak of those before it ("占地800亩，预计2026年建成")."""
    if s.breaks_between(q.end, pos) > 1:
        return False
    return not any(x.start >= pos and x.kind not in ("year", "duration") for x in s.quantities)


def modality_of(
    s: Sentence, q: Quantity, clause: tuple[int, int], anchor: Anchor | None
) -> tuple[str, Cue | None]:
    """Achieved, planned or expected, and the cue that says so, by the cue that speaks of the
    figure: the nearest plan, forecast or "already" before it in the sentence (a sentence after a semicolon
    carries the modality before it); else an achieved verb before it in its clause; else the nearest
    modality cue after it in its clause (in its sentence for verb-final languages: "100 ਬਿਲੀਅਨ ... ਟੀਚਾ
    ਹੈ"), or after it with no figure after the cue; else a deadline dates it as a target."""
    right_after = [c for c in s.cued("actual", "present") if 0 <= c.start - q.end <= RIGHT_AFTER]
    if right_after and not s.figure_between(q.end, right_after[0].start):
        return "actual", right_after[0]  # "100 thousand planned, against 30 thousand now"
    before = [c for c in s.cued("target", "forecast", "future", "actual", "present") if c.end <= q.start]
    if before:
        done = [c for c in s.cued("actual") if clause[0] <= c.start < clause[1] and c.start >= q.end]
        if done and before[-1].start < clause[0] and _speaks_back(s, q, clause, done[0]):
            return "actual", done[0]  # "plans 50 projects, and 18 have already started"
        return _modality(s, before[-1]), before[-1]
    if s.continued and s.paragraph.modality in PLANS:
        return s.paragraph.modality, None
    after = _after(s, q, clause)
    if anchor is not None and anchor.role == "deadline" and anchor.end <= q.start:
        if after and after[0].category in (*PLANS, "future"):
            return _modality(s, after[0]), after[0]
        return "target", None  # "到2027年，全市产值达到1000亿元": the deadline, not the verb after it
    if any(clause[0] <= c.start and c.end <= q.start for c in s.cued("achieved")):
        return "actual", None
    if after:
        return _modality(s, after[0]), after[0]
    if anchor is not None and anchor.role == "deadline":
        return "target", None
    return "actual", None


def _modality(s: Sentence, c: Cue) -> str:
    """The modality a cue gives: a future verb after a forecast in its sentence is that forecast's."""
    if c.category == "future":
        return "forecast" if any(f.end <= c.start for f in s.cued("forecast")) else "target"
    return c.category if c.category in PLANS else "actual"


def period_of(s: Sentence, anchor: Anchor | None, modality: str) -> int | None:
    """The year a figure holds for: its anchor's; else what the paragraph established (a plan's deadline,
    an achieved figure's year); else, for an achieved figure, the publication year."""
    if anchor is not None:
        return anchor.year
    p = s.paragraph
    if modality in PLANS and p.deadline:
        return p.deadline
    if p.period and (modality == "actual" or s.continued):
        return p.period
    return s.published_year if modality == "actual" else None


def reported(
    s: Sentence,
    period: int | None,
    modality: str,
    said_by: Cue | None,
    clause: tuple[int, int],
    anchor: Anchor | None,
) -> str:
    """A figure told as achieved for a year still to come is planned ("projects carried out in 2017-2018"
    in a 2017 text). A figure for a year already past is reported, whatever the tense ("in 2024 it will
    reach" in a 2025 text), unless a plan or forecast word in its clause speaks of it ("projects approved
    in 2024, expected to create 45,000 jobs"); "by the end of 2024" alone is "as of" (截至2024年底), not a
    deadline."""
    published = s.published_year
    if modality == "actual" and period and published and period > published:
        return "target"
    if modality == "actual" or not (period and published and period < published):
        return modality
    if said_by is not None and said_by.category in PLANS and clause[0] <= said_by.start < clause[1]:
        return modality
    if anchor is not None and anchor.role == "deadline" and s.cued(*PLANS):
        return modality
    return "actual"


def compared_years(s: Sentence, found: list[Anchor], relation: str) -> tuple[int, int] | None:
    """Period and base of a comparison between two stated years with no base cue ("2.6 times that of
    2020", "是2020年的2.6倍"): the later year and the earlier one."""
    years = {a.year for a in found if a.role == "year" and a.year}
    if relation in ("multiple", "change") and not any(a.role == "base" for a in found) and len(years) >= 2:
        return max(years), min(years)
    return None


def base_period_of(
    s: Sentence, q: Quantity, found: list[Anchor], period: int | None, relation: str
) -> int | None:
    """The year a change is measured against: a base anchor ("compared with 2020"); else the year before,
    for a growth or a year-on-year change; else the start of a span ("in four years")."""
    if relation not in ("growth", "multiple", "change"):
        return None
    bases = [a for a in found if a.role == "base" and a.year]
    if bases:
        before = [a for a in bases if a.end <= q.start]
        return (before[-1] if before else min(bases, key=lambda a: abs(a.start - q.start))).year
    if period is None:
        return None
    if s.cued("year_on_year"):
        return period - 1
    spans = [d for d in s.quantities if d.kind == "duration" and d.unit == "year"]
    if spans:
        before = [d for d in spans if d.end <= q.start]
        return period - int((before[-1] if before else spans[0]).raw_value)
    return period - 1 if relation == "growth" else None
