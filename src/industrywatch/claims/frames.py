"""Turn the quantities of one document into claims, sentence by sentence: what each figure measures
(claims/what.py), when it holds and whether it is achieved, planned or expected (claims/when.py), and where
(claims/where.py). A paragraph carries what its sentences established to the sentences after it; a title's
figures take what the body says of the same figures."""

from __future__ import annotations

from dataclasses import replace

from industrywatch.claims import what, when, where
from industrywatch.claims.context import DocumentContext, quoted
from industrywatch.claims.cues import Cue
from industrywatch.claims.sentences import clause_breaks, continues
from industrywatch.claims.view import Paragraph, Sentence
from industrywatch.places import PlaceMention
from industrywatch.records import Claim, Quantity

NOT_CLAIMS = {"year", "duration"}
# What a title's figure takes from the same figure in the body, which says more of it.
TITLE_FIELDS = ("metric", "relation", "period", "base_period", "modality", "region", "base_region", "product")


def build_claims(
    text: str,
    doc_id: str | None,
    sentence_spans: list[tuple[int, int]],
    quantities: list[Quantity],
    cues: list[Cue],
    places: list[PlaceMention],
    ctx: DocumentContext,
    verb_final: bool = False,
) -> list[Claim]:
    if ctx.publication_span:  # the numbers and place of "KUALA LUMPUR, 16 Oktober 2023 –" are no claims
        low, high = ctx.publication_span
        quantities = [q for q in quantities if not low <= q.start < high]
        places = [m for m in places if not low <= m.start < high]
    claims: list[Claim] = []
    paragraph = Paragraph()
    qi = ci = pi = 0
    for s, e in sentence_spans:
        if s > 0 and text[s - 1] == "\n":
            # A new paragraph starts afresh but for the year the last one's achieved figures held for.
            paragraph = Paragraph(period=paragraph.reported)
        sq, sc, sp = [], [], []
        while qi < len(quantities) and quantities[qi].start < e:
            sq.append(quantities[qi])
            qi += 1
        while ci < len(cues) and cues[ci].start < e:
            sc.append(cues[ci])
            ci += 1
        while pi < len(places) and places[pi].start < e:
            sp.append(places[pi])
            pi += 1
        sentence = Sentence(
            text, s, e, sq, sc, sp, clause_breaks(text, s, e), continues(text, s), ctx, paragraph, verb_final
        )
        made = sentence_claims(sentence, doc_id)
        claims.extend(made)
        paragraph = carried(sentence, made)
    return titled(claims, ctx.title_end)


def sentence_claims(s: Sentence, doc_id: str | None) -> list[Claim]:
    found = when.anchors(s)
    figures = what.parts_of(s, what.shared_units(s, [q for q in s.quantities if _is_figure(s, q)]))
    owned = when.own_anchors(s, found, figures)
    paired = what.respectively(s, figures)
    measured: dict[int, tuple[str, str]] = {}  # what each figure so far measures, and how
    mentions = sorted(s.places + where.stand_ins(s), key=lambda m: m.start)
    out = []
    previous_metric, previous_product, previous_end = s.paragraph.metric, None, None
    for q in figures:
        clause = s.clause(q)
        if id(q) in paired:
            metric, cued = paired[id(q)], True
        else:
            metric, cued = what.metric_of(s, q, clause, previous_metric, previous_end)
        if metric is None:
            continue
        previous_metric, previous_end = metric, q.end
        relation = what.relation_of(s, q, clause, metric)
        value = what.signed(s, q, clause, figures) if relation in ("growth", "change") else q.value
        measured[id(q)] = metric, relation
        anchor = when.governing_anchor(s, q, clause, found, owned, relation, metric, measured)
        modality, said_by = when.modality_of(s, q, clause, anchor)
        period = when.period_of(s, anchor, modality)
        compared = when.compared_years(s, found, relation)
        if compared:
            period = compared[0]
        modality = when.reported(s, period, modality, said_by, clause, anchor)
        if metric == "power_rating":
            period = None  # a machine's rating holds for no year
        within = relation in ("share", "rank")  # a part of a whole, a place among others
        region = where.region_of(s, (q.start, q.end), clause, mentions, within)
        base_region = where.base_region_of(s, q, region, clause) if within else None
        product = _nearest_label(s, q, "product", clause[0], clause[1])
        if not product and relation != "level":
            product = previous_product  # "..., accounting for 35% of the province": the same product
        previous_product = product
        confidence = 0.5 + 0.2 * cued + 0.1 * bool(s.places) + 0.1 * bool(period)
        out.append(
            Claim(
                doc_id=doc_id,
                start=q.start,
                end=q.end,
                text=q.text,
                value=value,
                unit=q.unit or "count",
                metric=metric,
                relation=relation,
                bound=q.bound,
                value_max=q.value_max,
                period=period,
                base_period=compared[1] if compared else when.base_period_of(s, q, found, period, relation),
                modality=modality,
                region=region.name if region else None,
                base_region=base_region.name if base_region else None,
                industry=_industry(s, q),
                product=product,
                organization=where.organization_of(s, q.start),
                confidence=round(min(confidence, 0.95), 2),
            )
        )
    return out


def _is_figure(s: Sentence, q: Quantity) -> bool:
    """A number that may be a claim: not a year, a duration or a day of the month ("11 November"), nor a
    name in quotation marks, nor an ordinal of a person."""
    if q.kind in NOT_CLAIMS or q.unit in ("year", "month", "day") or when.year_span(q):
        return False
    if quoted(s.text, q):
        return False  # „1 Billion Yuan“-Städte: a figure alone in quotation marks names a class of things
    ranked = s.cued("rank", *what.CHANGE_CUES)  # "居全省第4位", "从第11位跃升至第7位"
    if q.kind == "rank" and not ranked and q.end < len(s.text) and s.text[q.end].isalpha():
        return False  # "第一位获得该奖项的企业家": the first (person) to win; no rank without a word for one
    return not any(0 <= q.start - c.end <= 2 or 0 <= c.start - q.end <= 2 for c in s.cued("month"))


def carried(s: Sentence, made: list[Claim]) -> Paragraph:
    """What the paragraph knows after this sentence: the deadline it named last or the latest year its
    achieved figures hold for, the modality of its figures, the place, measure and industry it spoke of,
    and the park or company."""
    before = s.paragraph
    found = [a for a in when.anchors(s) if a.year and a.role != "base"]
    modality = made[-1].modality if made else _sentence_modality(s)
    period, deadline = before.period, before.deadline
    if found:
        last = found[-1]
        if last.role == "deadline" or modality != "actual":
            period, deadline = (last.year if modality == "actual" else None), last.year
        else:  # the latest year its achieved figures hold for ("538 bn, against 179 bn a year earlier")
            achieved = [c.period for c in made if c.period and c.modality == "actual"]
            period, deadline = max(achieved, default=last.year), None
    region = before.region
    stand_ins = where.stand_ins(s)
    mentions = sorted(s.places + stand_ins, key=lambda m: m.start)
    if mentions:  # the place its last figure is about, if it names it, else the one its last words are
        last = next((c.region for c in reversed(made) if c.region), None)
        # "居全省第4位", "(全省平均水平9.9%)": a word for the province ranks or compares the place; the
        # paragraph stays on the place.
        main = s.doc.main_place and s.doc.main_place.place
        own = sorted(s.places + [m for m in stand_ins if m.place == main], key=lambda m: m.start)
        named = next((m.place for m in own if m.place.name == last), None)
        carried_place = where.region_of(s, (s.end, s.end), (s.start, s.end), own, False) if own else None
        region = named or carried_place or before.region
    metric = made[-1].metric if made else before.metric
    industries = [c.label for c in s.cued("industry")]
    own = s.doc.main_industry if s.doc.main_industry in industries else None
    industry = own or (industries[-1] if industries else before.industry)
    achieved = [c.period for c in made if c.period and c.modality == "actual"]
    reported = max(achieved) if achieved else before.reported
    return Paragraph(
        period, deadline, modality, region, where.organization_of(s, s.end), metric, industry, reported
    )


def _sentence_modality(s: Sentence) -> str:
    if s.cued("forecast"):
        return "forecast"
    if s.cued("target", "deadline_before", "deadline_after"):
        return "target"
    return s.paragraph.modality if s.continued else "actual"


def titled(claims: list[Claim], title_end: int | None) -> list[Claim]:
    """A title's figure restates one of the body's: it takes what the body knows of it (its year, place,
    modality, metric) where the body gives the same value in the same unit."""
    if not title_end:
        return claims
    body = [c for c in claims if c.start >= title_end]
    out = []
    for c in claims:
        twin = c.start < title_end and next(
            (b for b in body if b.unit == c.unit and abs(b.value - c.value) <= 1e-9 * abs(c.value)), None
        )  # only a title's figures look for their twin: a search for each of the body's is quadratic
        if twin:
            c = replace(c, **{f: getattr(twin, f) for f in TITLE_FIELDS if _known(getattr(twin, f))})
        out.append(c)
    return out


def _known(value: object) -> bool:
    return value is not None and value != "other"


def _industry(s: Sentence, q: Quantity) -> str | None:
    """The industry the figure's own sentence names (the document's own, if it is among them, else the one
    nearest the figure), else the one its paragraph spoke of, else the document's subject."""
    named = {c.label for c in s.cued("industry")}
    if s.doc.main_industry in named:
        return s.doc.main_industry
    return _nearest_label(s, q, "industry", s.start, s.end) or s.paragraph.industry or s.doc.main_industry


def _nearest_label(s: Sentence, q: Quantity, category: str, lo: int, hi: int) -> str | None:
    pool = [c for c in s.cued(category) if lo <= c.start < hi]
    if not pool:
        return None
    return min(pool, key=lambda c: min(abs(c.end - q.start), abs(c.start - q.end))).label
