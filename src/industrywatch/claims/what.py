"""What a figure measures and how it relates to others, from the metric registry and the cues around it."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from industrywatch.claims.cues import Cue
from industrywatch.claims.view import Sentence
from industrywatch.langpacks.schema import METRICS
from industrywatch.records import Quantity

UNITLESS_REACH = 40  # characters within which a metric cue gives a bare number its meaning
CLAUSE_PENALTY = 40  # a cue across a clause mark is this many characters further away
AFTER_PENALTY = 10  # a cue after the figure is read as twice as far, and this much more
NEAR = 16  # characters within which a change cue is read as attached to a figure
CHANGE_CUES = ("growth", "decrease", "year_on_year", "change")


@cache
def allowed_metrics(kind: str, counted: str | None) -> tuple[str, ...]:
    """The metrics a figure of this kind (and counted noun) can measure, the counted noun's default first."""
    if counted:
        named = tuple(m for m, d in METRICS.metrics.items() if counted in d.counted)
        if named:
            return named
    if kind in METRICS.relative.kinds:
        return tuple(METRICS.metrics)
    return tuple(m for m, d in METRICS.metrics.items() if kind in d.quantities)


def default_metric(kind: str, value: float) -> str | None:
    """The metric of a figure no cue names: the registry's default for its kind (a tonnage is a production
    volume; a power under a megawatt rates a machine)."""
    candidates = [(m, d) for m, d in METRICS.metrics.items() if kind in d.default_for]
    for m, d in sorted(candidates, key=lambda item: item[1].default_below is None):
        if d.default_below is None or value < d.default_below:
            return m
    return None


def is_rate(metric: str | None) -> bool:
    return bool(metric) and METRICS.metrics[metric].rate


def figure_kind(q: Quantity) -> str:
    return q.kind if q.unit else "number"


def metric_of(
    s: Sentence, q: Quantity, clause: tuple[int, int], previous: str | None, previous_end: int | None
) -> tuple[str | None, bool]:
    """The metric cued nearest the figure, and whether a cue named it; of a form with two metrics ("output"),
    the one the previous figure measures (in the sentence, or the paragraph before it), which a figure no
    cue names measures too if it can. A bare number needs a cue in its clause. A percentage
    or multiple after another figure is of that figure, unless a cue after it names another ("output value
    above designated size reached 16.6 bn, up 37.5%": 37.5% is of the output value)."""
    kind = figure_kind(q)
    counted = q.raw_unit if kind == "count" else None
    if kind in ("count", "number") and not _whole(q.value):
        return None, False  # "two-thirds of staff" is no head count, "one company" no figure to track
    allowed = allowed_metrics(kind, counted)
    since = previous_end if kind in METRICS.relative.kinds and previous else None
    best = _nearest_metric_cue(s, q, clause, set(allowed), kind, counted is not None, previous, since)
    if best:
        return _qualified(s, best, clause), True
    if counted and allowed and counted in METRICS.metrics[allowed[0]].counted:
        return allowed[0], False
    if kind in ("count", "number"):
        return None, False  # a bare "one item" (一个) says nothing an analyst tracks
    if previous and (kind in METRICS.relative.kinds or previous in allowed):
        # "420,000 vehicles, up 35%": the change of the figure before it; "Revenue was 12 bn; it will
        # reach 18 bn": the same measure again
        return previous, False
    if not _economic(s, q):
        return None, False
    return default_metric(kind, q.value), False


BIG_MONEY = 1e6  # a sum in the millions is an economic figure whatever the page is about


def _whole(value: float) -> bool:
    return value >= 2 and abs(value - round(value)) < 1e-6


def _economic(s: Sentence, q: Quantity) -> bool:
    """Whether a figure no cue names is an economic one: its sentence names a measure, an industry, a park
    or a product, its paragraph or document an industry, or it is a sum in the millions. A price in a
    recipe or a share of survey answers on an ordinary web page is none."""
    if s.cued("metric", "industry", "product", "organization") or s.paragraph.industry or s.doc.main_industry:
        return True
    return q.kind == "money" and q.value >= BIG_MONEY


def _nearest_metric_cue(
    s: Sentence,
    q: Quantity,
    clause: tuple[int, int],
    allowed: set[str],
    kind: str,
    counted: bool,
    prefer: str | None,
    since: int | None,
) -> str | None:
    best, best_score = None, None
    cues = [c for c in s.cued("metric") if c.label in allowed and (since is None or c.start >= since)]
    following = _next_figure(s, q)
    # "revenue rose 21.9% while profits slid 18%": a cue after the figure but nearer the next one is that
    # one's, when a cue before the figure, or the figure it follows ("revenue was 20.5 bn, up 15%, and tax
    # 237 m"), can name it (and the verb does not come last).
    named_before = since is not None or any(c.end <= q.start for c in cues)
    theirs = following is not None and not s.verb_final and named_before
    for c in cues:
        if c.end <= q.start:
            gap = score = q.start - c.end
        elif c.start >= q.end:
            gap = c.start - q.end
            if theirs and (following.start - c.end < gap or _opens_next(s, q, c, following)):
                continue
            score = 2 * gap + AFTER_PENALTY
        else:  # the figure's own counted noun: "230 perusahaan", "68 perusahaan di atas skala tertentu"
            gap = score = 0
        if kind == "number" and (gap > UNITLESS_REACH or not clause[0] <= c.start < clause[1]):
            continue
        if counted and c.start >= clause[1]:
            continue  # "230 firms, of which 68 above designated size": the qualifier is the 68's
        score += CLAUSE_PENALTY * s.breaks_between(min(c.end, q.start), max(c.start, q.end))
        if best_score is None or score < best_score or (score == best_score and c.label == prefer):
            best, best_score = c.label, score
    return best


def _opens_next(s: Sentence, q: Quantity, c: Cue, following: Quantity) -> bool:
    """Whether a cue after a figure opens the next one's clause: "up 11.5%, and the tax paid was 310 m"."""
    return c.end <= following.start and s.breaks_between(q.end, c.start) > 0


SHARED_GAP = 6  # characters of a conjunction between two figures that share the second one's unit


def shared_units(s: Sentence, figures: list[Quantity]) -> list[Quantity]:
    """A bare number joined by a conjunction to a figure of the same size with a unit shares that unit:
    "1.8 million and 1.7 million units", "900.000 y 850.000 unidades"."""
    out = list(figures)
    for i in range(len(out) - 1):
        q, nxt = out[i], out[i + 1]
        gap = s.text[q.end : nxt.start]
        if q.unit or not nxt.unit or len(gap) > SHARED_GAP or any(ch.isdigit() for ch in gap):
            continue
        if (
            s.breaks_between(q.end, nxt.start)
            or not nxt.raw_value
            or not 0.1 <= q.value / nxt.raw_value <= 10
        ):
            continue
        factor = nxt.value / nxt.raw_value
        out[i] = replace(q, value=q.value * factor, unit=nxt.unit, kind=nxt.kind, raw_unit=nxt.raw_unit)
    return out


PART_REACH = 60  # characters from a count to the bare number, a part of it, that a part-of word joins to it


def parts_of(s: Sentence, figures: list[Quantity]) -> list[Quantity]:
    """A bare number that a part-of word joins to the count before it counts the same things: "1,800 jobs,
    of which 497 highly qualified", "136 empregos, 62 dos quais altamente qualificados"."""
    cues = s.cued("part_of")
    if not cues:
        return figures
    out = list(figures)
    for i in range(1, len(out)):
        whole, q = out[i - 1], out[i]
        if q.unit or whole.kind != "count" or q.value >= whole.value or q.start - whole.end > PART_REACH:
            continue
        if any((whole.end <= c.start and c.end <= q.start) or 0 <= c.start - q.end <= 1 for c in cues):
            out[i] = replace(q, unit=whole.unit, kind=whole.kind, raw_unit=whole.raw_unit)
    return out


def respectively(s: Sentence, figures: list[Quantity]) -> dict[int, str]:
    """Figures listed before "respectively" (分别 before them) take, in order, the metrics named before the
    first of them: "output and sales reached 2.66 million and 2.6 million units, respectively"."""
    cue = next(iter(s.cued("respectively")), None)
    if cue is None:
        return {}
    listed = [q for q in figures if q.start >= cue.end] if _leads(s, cue, figures) else []
    listed = listed or [q for q in figures if q.end <= cue.start]
    listed = [q for q in listed if figure_kind(q) == figure_kind(listed[-1])] if listed else []
    if len(listed) < 2:
        return {}
    q = listed[0]
    allowed = allowed_metrics(figure_kind(q), q.raw_unit if figure_kind(q) == "count" else None)
    spans: dict[tuple[int, int], str] = {}  # one metric a cue, the one the figures can measure
    for c in s.cued("metric"):
        if c.end <= q.start and c.label in allowed:
            spans.setdefault((c.start, c.end), c.label)
    named = list(spans.values())
    if len(named) < len(listed):
        return {}
    return {id(x): metric for x, metric in zip(listed, named[-len(listed) :], strict=True)}


def _leads(s: Sentence, cue: Cue, figures: list[Quantity]) -> bool:
    """Whether the cue stands before the figures it pairs (分别为 2.66 and 2.6), not after them."""
    return not any(q.end <= cue.start for q in figures)


def _qualified(s: Sentence, metric: str, clause: tuple[int, int]) -> str:
    """A metric narrowed by a qualifier cued in the same clause ("above designated size")."""
    for c in s.cued("metric"):
        narrower = METRICS.metrics[c.label].qualifies
        if narrower == metric and clause[0] <= c.start < clause[1]:
            return c.label
    return metric


def relation_of(s: Sentence, q: Quantity, clause: tuple[int, int], metric: str | None) -> str:
    """Level, growth, multiple, change, share or rank, by the relation cues of the figure's clause."""
    if q.kind == "rank":
        return "rank"
    if q.unit == "x":
        return "multiple"
    if q.unit in ("%", "pp"):
        # A share named before the figure in its clause ("占全省比重由3.9%提升到5.3%"), else the nearest
        # relation cue of the clause: "increased by 21.9% while the city's ..." is a growth.
        cues = [c for c in s.cued("share", "rank", *CHANGE_CUES) if clause[0] <= c.start < clause[1]]
        if any(c.category == "share" and c.end <= q.start for c in cues):
            return "share"
        if cues:
            nearest = min(cues, key=lambda c: _distance(c, q))
            return {"share": "share", "rank": "rank"}.get(nearest.category, "growth")
        return "level" if is_rate(metric) else "growth"  # an operating rate of 85% is a level
    for c in s.cued("change"):
        if not clause[0] <= c.start < clause[1]:
            continue  # "86.5 billion yuan, an increase of 12%": the increase is the next figure's
        near = 0 <= q.start - c.end <= NEAR or 0 <= c.start - q.end <= NEAR
        # "rose by 12 percent to 5 billion": the 5 billion is a level
        if near and not s.figure_between(min(c.end, q.end), max(c.start, q.start)):
            return "change"
    return "level"


def _next_figure(s: Sentence, q: Quantity) -> Quantity | None:
    return next((x for x in s.quantities if x.start >= q.end and x.kind not in ("year", "duration")), None)


def signed(s: Sentence, q: Quantity, clause: tuple[int, int], figures: list[Quantity]) -> float:
    """A change takes the direction of its own verb: the growth or decrease cue between it and the figures
    around it, before it first (after it first in a verb-final language): "increased by 21.9% whilst
    others declined by 16.1%" is 21.9 and -16.1; "ging um 2,3 Prozentpunkte zurück" is -2.3."""
    i = next(n for n, x in enumerate(figures) if x is q)
    previous = figures[i - 1].end if i and figures[i - 1].end > clause[0] else None
    following = figures[i + 1].start if i + 1 < len(figures) and figures[i + 1].start < clause[1] else None
    cues = s.cued("growth", "decrease")
    # A cue between two figures of the clause is the nearer one's.
    before = [
        c
        for c in cues
        if clause[0] <= c.start
        and c.end <= q.start
        and (previous is None or (c.start >= previous and q.start - c.end <= c.start - previous))
    ]
    after = [
        c
        for c in cues
        if q.end <= c.start < clause[1]
        and (following is None or (c.end <= following and c.start - q.end <= following - c.end))
    ]
    for group in (after, before) if s.verb_final else (before, after):
        directed = [c for c in group if c.category != "change"]
        if directed:
            nearest = min(directed, key=lambda c: _distance(c, q))
            return -abs(q.value) if nearest.category == "decrease" else q.value
    return q.value


def _distance(c: Cue, q: Quantity) -> int:
    return q.start - c.end if c.end <= q.start else 2 * (c.start - q.end) + AFTER_PENALTY
