"""Turn the quantities of one document into claims: what each measures, how it relates, for which place,
industry and year, and whether it is achieved, a target or a forecast."""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from industrywatch.claims.context import DocumentContext
from industrywatch.claims.cues import Cue
from industrywatch.claims.sentences import clause_breaks, continues
from industrywatch.patterns import fast
from industrywatch.places import Place, PlaceMention
from industrywatch.places.gazetteer import gazetteer
from industrywatch.records import Claim, Quantity

MONEY = {
    "output_value", "industry_scale", "revenue", "added_value", "gdp", "profit", "tax", "investment",
    "export_value", "price",
}  # fmt: skip
PHYSICAL = {"production_capacity", "certified_capacity", "production_volume", "sales_volume"}
COUNTS = {"enterprise_count", "enterprise_count_above_scale", "project_count", "employment", "product_types"}
RATES = {"operating_rate", "market_share"}
ALL = MONEY | PHYSICAL | COUNTS | RATES | {"area", "power_rating", "energy", "gdp"}
METRICS_OF_KIND = {
    "money": MONEY,
    "mass": PHYSICAL,
    "volume": PHYSICAL,
    "energy": PHYSICAL | {"energy"},
    "power": {"power_rating", "production_capacity", "certified_capacity"},
    "area": {"area"},
    "count": COUNTS | PHYSICAL,
    "number": COUNTS,
    "percent": ALL,
    "pp": ALL,
    "multiple": ALL,
}
DEFAULT_METRIC = {
    "mass": "production_volume",
    "volume": "production_volume",
    "area": "area",
    "energy": "energy",
}
# What a counted noun allows a figure to measure, the first being the default.
COUNTED = {
    "enterprise": ("enterprise_count", "enterprise_count_above_scale"),
    "project": ("project_count",),
    "person": ("employment",),
    "product_type": ("product_types",),
    "vehicle": ("production_volume", "sales_volume", "production_capacity"),
    "machine": ("production_volume", "sales_volume", "production_capacity"),
}
UNITLESS_REACH = 40  # characters within which a count cue gives a bare number its unit
NAME_WORDS = 2  # words before "industrial park" that name it
NAME_CHARS = 4  # characters before 产业园 that name it, in scripts without spaces
WORD = regex.compile(r"[\p{L}\p{M}\p{N}\-]+")
UNSPACED = fast(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
UNSPACED_TAIL = fast(rf"[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}\p{{Hangul}}]{{1,{NAME_CHARS}}}$")
NOT_CLAIMS = {"year", "duration"}
NEAR = 16  # characters within which a relation cue is read as attached to a figure
MACHINE_POWER = 1e6  # W: below this a power figure rates a machine, above it it is a capacity


@dataclass
class SentenceTime:
    """What a sentence says about time, and what it carries to the next sentence of its paragraph."""

    deadlines: list[Quantity] = field(default_factory=list)
    years: list[Quantity] = field(default_factory=list)
    bases: list[Quantity] = field(default_factory=list)
    durations: list[Quantity] = field(default_factory=list)
    present: bool = False
    target: bool = False
    forecast: bool = False
    year_on_year: bool = False


@dataclass
class Carry:
    """The period and modality a paragraph has established so far."""

    period: int | None = None
    deadline: int | None = None
    modality: str = "actual"
    organization: str | None = None


def build_claims(
    text: str,
    doc_id: str | None,
    sentence_spans: list[tuple[int, int]],
    quantities: list[Quantity],
    cues: list[Cue],
    places: list[PlaceMention],
    ctx: DocumentContext,
) -> list[Claim]:
    if ctx.publication_span:  # the numbers of "Post time: Apr-16-2024" are no claims
        low, high = ctx.publication_span
        quantities = [q for q in quantities if not low <= q.start < high]
    claims: list[Claim] = []
    carry = Carry()
    qi = ci = pi = 0
    for s, e in sentence_spans:
        if s > 0 and text[s - 1] == "\n":
            carry = Carry()  # a new paragraph
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
        sentence = _Sentence(text, s, e, sq, sc, sp, ctx, carry, continues(text, s))
        claims.extend(sentence.claims(doc_id))
        carry = sentence.carry_out()
    return claims


class _Sentence:
    def __init__(
        self, text, s, e, quantities, cues, places, ctx: DocumentContext, carry: Carry, continued: bool
    ):
        self.text, self.s, self.e = text, s, e
        self.quantities = quantities
        self.cues = cues
        self.by_category: dict[str, list[Cue]] = {}
        for c in cues:
            self.by_category.setdefault(c.category, []).append(c)
        self.places = places
        self.ctx = ctx
        self.carry_in = carry
        self.continued = continued
        self.breaks = clause_breaks(text, s, e)
        self.time = self._time()
        self.published_year = ctx.published.year if ctx.published else None
        self.main = ctx.main_place.place if ctx.main_place else None
        # The province or country around the document's own place says where it is, not whom a figure is of.
        main = self.main
        self.own_places = [m for m in places if not (main and _contains(m.place, main))]

    def cued(self, category: str) -> list[Cue]:
        """The sentence's cues of one category, in text order."""
        return self.by_category.get(category, [])

    # -- time -------------------------------------------------------------------------------------
    def _time(self) -> SentenceTime:
        t = SentenceTime()
        for q in self.quantities:
            if q.kind == "year":
                if self._cue_touching(q, "deadline_before", "deadline_after"):
                    t.deadlines.append(q)
                elif self._cue_touching(q, "base_before", "base_after"):
                    t.bases.append(q)
                else:
                    t.years.append(q)
            elif q.kind == "duration" and q.unit == "year":
                t.durations.append(q)
        categories = self.by_category
        t.present = "present" in categories
        t.target = "target" in categories
        t.forecast = "forecast" in categories
        t.year_on_year = "year_on_year" in categories
        return t

    def _cue_touching(self, q: Quantity, before: str, after: str) -> bool:
        return any(0 <= q.start - c.end <= 3 for c in self.cued(before)) or any(
            0 <= c.start - q.end <= 3 for c in self.cued(after)
        )

    def carry_out(self) -> Carry:
        t = self.time
        modality = self._modality()
        organization = self._organization(self.e)
        if t.deadlines:
            return Carry(
                deadline=int(_nearest(t.deadlines, self.e).raw_value),
                modality=modality,
                organization=organization,
            )
        if t.years:
            year = int(t.years[-1].raw_value)
            # "In 2027 the city will ...": the planned year holds for the plans that follow, as deadlines do.
            deadline = year if modality != "actual" else None
            return Carry(period=year, deadline=deadline, modality=modality, organization=organization)
        if t.present and self.published_year:
            return Carry(period=self.published_year, modality=modality, organization=organization)
        carry = self.carry_in
        return Carry(carry.period, carry.deadline, carry.modality, organization)

    def _organization(self, pos: int) -> str | None:
        """The park or company a figure at `pos` is about: the nearest one named before it in the
        sentence, or the one the paragraph was about if this sentence names no place of its own."""
        named = [c for c in self.cued("organization") if c.end <= pos]
        if named:
            return self._name(named[-1])
        if self.places or self.cued("main_place"):
            return None
        return self.carry_in.organization

    def _name(self, cue: Cue) -> str | None:
        head = self.text[self._clause_start(cue.start) : cue.start]
        surface = self.text[cue.start : cue.end]
        if UNSPACED.match(surface):
            m = UNSPACED_TAIL.search(head)
            return (m.group() if m else "") + surface
        words = WORD.findall(head)[-NAME_WORDS:]
        while words and words[0].lower() != words[0].upper() and not words[0][0].isupper():
            words.pop(0)  # in a script with capitals, a name is capitalised: not "a new" industrial park
        if not words and surface.lower() != surface.upper():
            return None  # no name before it: "a new industrial park" is no park to track on its own
        return " ".join([*words, surface])

    def _clause_start(self, pos: int) -> int:
        return max([self.s, *(b + 1 for b in self.breaks if b < pos)])

    def _modality(self) -> str:
        t = self.time
        if t.forecast:
            return "forecast"
        if t.target or t.deadlines:
            return "target"
        if self.continued and not (t.years or t.present):
            return self.carry_in.modality
        return "actual"

    def _period_modality(
        self, q: Quantity, clause: tuple[int, int], relation: str = "level"
    ) -> tuple[int | None, str]:
        t = self.time
        carry = self.carry_in
        modality = self._modality()
        if t.deadlines:
            period = int(_nearest(t.deadlines, q.start).raw_value)
        elif t.years and not self._present_governs(q, clause):
            # A level's own clause dates it: "41.9 billion in 2024, ..., 50 billion in 2025"; the year in
            # a change's clause is rather what it is compared with ("3.5 points more than in 2023").
            own = [y for y in t.years if clause[0] <= y.start < clause[1]] if relation == "level" else []
            period = int(_nearest(own or t.years, q.start).raw_value)
        elif t.present:
            period = self.published_year
        elif modality != "actual" and carry.deadline:
            period = int(carry.deadline)
        elif carry.period and (modality == "actual" or self.continued):
            period = carry.period  # "targets for 2025: revenue X; exports Y": the list keeps its year
        else:
            period = self.published_year if modality == "actual" else None
        past = period and self.published_year and period < self.published_year
        if modality != "actual" and past and not (t.deadlines and (t.target or t.forecast)):
            # A figure for a year already past is reported, whatever the verb; "by the end of 2024" with
            # no word of a plan is "as of" (截至2024年底), not a deadline.
            modality = "actual"
        return period, modality

    def _present_governs(self, q: Quantity, clause: tuple[int, int]) -> bool:
        """Whether a "currently" before the figure, with no year between them or in the figure's clause,
        dates it ("目前，企业420家，2024年产值280亿元": 420 is for now, 280 for 2024)."""
        if any(clause[0] <= y.start < clause[1] for y in self.time.years):
            return False
        present = [c.end for c in self.cued("present") if c.end <= q.start]
        years = [y.end for y in self.time.years if y.end <= q.start]
        return bool(present) and (not years or max(present) > max(years))

    def _base_period(self, q: Quantity, period: int | None, relation: str) -> int | None:
        if relation not in ("growth", "multiple", "change"):
            return None
        t = self.time
        if t.bases:
            return int(_nearest(t.bases, q.start).raw_value)
        if period is None:
            return None
        if t.year_on_year:
            return period - 1
        if t.durations:
            return period - int(_nearest(t.durations, q.start).raw_value)
        return period - 1 if relation == "growth" else None

    # -- what the figure measures -----------------------------------------------------------------
    def _clause(self, q: Quantity) -> tuple[int, int]:
        start, end = self.s, self.e
        for b in self.breaks:
            if b < q.start:
                start = b
            elif b >= q.end:
                end = b
                break
        return start, end

    def _metric(
        self, q: Quantity, kind: str, clause: tuple[int, int], prefer: str | None
    ) -> tuple[str | None, bool]:
        """The metric cued nearest the figure; of a form with two metrics ("output"), the one the sentence's
        previous figure measures."""
        counted = COUNTED.get(q.raw_unit or "") if kind == "count" else None
        allowed = set(counted) if counted else METRICS_OF_KIND.get(kind, set())
        best, best_score = None, None
        for c in self.cued("metric"):
            if c.label not in allowed:
                continue
            if c.end <= q.start:
                gap = q.start - c.end
                score = gap
            elif c.start >= q.end:
                gap = c.start - q.end
                score = 2 * gap + 10
            else:  # the figure's own counted noun: "230 perusahaan", "68 perusahaan di atas skala tertentu"
                gap = score = 0
            if kind == "number" and (gap > UNITLESS_REACH or not clause[0] <= c.start < clause[1]):
                continue
            if counted and c.start >= clause[1]:
                continue  # "230 firms, of which 68 above designated size": the qualifier is the 68's
            score += 40 * sum(1 for b in self.breaks if min(c.end, q.start) <= b < max(c.start, q.end))
            if best_score is None or score < best_score or (score == best_score and c.label == prefer):
                best, best_score = c.label, score
        if best == "enterprise_count" and any(
            c.label == "enterprise_count_above_scale" and clause[0] <= c.start < clause[1]
            for c in self.cued("metric")
        ):
            best = "enterprise_count_above_scale"  # "above designated size" qualifies the clause's count
        if best:
            return best, True
        if counted:
            return counted[0], False
        if kind == "count":
            return None, False  # a bare "one item" (一个) says nothing an analyst tracks
        if kind == "power":
            return ("power_rating" if q.value < MACHINE_POWER else "production_capacity"), False
        if kind == "number":
            return None, False
        if kind in ("percent", "pp", "multiple") and prefer:
            return prefer, False  # "420,000 vehicles, up 35%": the change of the figure before it
        return DEFAULT_METRIC.get(kind, "other"), False

    def _relation(self, q: Quantity, clause: tuple[int, int], metric: str | None = None) -> str:
        in_clause = {c.category for c in self.cues if clause[0] <= c.start < clause[1]}
        if q.unit == "x":
            return "multiple"
        if q.unit in ("%", "pp"):
            if "share" in in_clause:
                return "share"
            if in_clause & {"growth", "decrease", "year_on_year", "change"}:
                return "growth"
            if "rank" in in_clause:
                return "rank"
            return "level" if metric in RATES else "growth"  # an operating rate of 85% is a level
        for c in self.cued("change"):
            if not clause[0] <= c.start < clause[1]:
                continue  # "86.5 billion yuan, an increase of 12%": the increase is the next figure's
            if 0 <= q.start - c.end <= NEAR or 0 <= c.start - q.end <= NEAR:
                return "change"
        return "level"

    def _is_date(self, q: Quantity) -> bool:
        """A day of the month: "11 November", "Nov-14"."""
        return any(0 <= q.start - c.end <= 2 or 0 <= c.start - q.end <= 2 for c in self.cued("month"))

    def _compared_years(self, relation: str) -> tuple[int, int] | None:
        """Period and base of a comparison between two stated years with no base cue ("2.6 times that of
        2020", "是2020年的2.6倍"): the later year and the earlier one."""
        years = {int(y.raw_value) for y in self.time.years}
        if relation in ("multiple", "change") and not self.time.bases and len(years) >= 2:
            return max(years), min(years)
        return None

    def _decrease(self, q: Quantity, clause: tuple[int, int]) -> bool:
        return any(clause[0] <= c.start < clause[1] for c in self.cued("decrease"))

    # -- where -------------------------------------------------------------------------------------
    def _region(self, q: Quantity, clause: tuple[int, int]) -> Place | None:
        mentions = self.own_places
        before = [m for m in mentions if clause[0] <= m.start and m.end <= q.start]
        if before:
            return before[-1].place
        if mentions:
            return mentions[0].place
        return self.main

    def _base_region(self, q: Quantity, region: Place | None, clause: tuple[int, int]) -> Place | None:
        pool = [m for m in self.places if clause[0] <= m.start < q.start and m.place != region]
        if pool:
            return pool[-1].place
        after = [m for m in self.places if q.end <= m.start < clause[1] and m.place != region]
        if after:  # "35% of Inner Mongolia's total"
            return after[0].place
        if region and any(clause[0] <= c.start < clause[1] for c in self.cued("national")):
            return _country(region)
        return None

    def _industry(self, q: Quantity) -> str | None:
        """The document's own industry when the sentence names it, else the nearest one it names."""
        named = {c.label for c in self.cued("industry")}
        if self.ctx.main_industry in named:
            return self.ctx.main_industry
        return self._nearest_label(q, "industry", self.s, self.e) or self.ctx.main_industry

    def _nearest_label(self, q: Quantity, category: str, lo: int, hi: int) -> str | None:
        pool = [c for c in self.cued(category) if lo <= c.start < hi]
        if not pool:
            return None
        return min(pool, key=lambda c: min(abs(c.end - q.start), abs(c.start - q.end))).label

    # -- assembly ----------------------------------------------------------------------------------
    def claims(self, doc_id: str | None) -> list[Claim]:
        out = []
        previous_metric = previous_product = None
        for q in self.quantities:
            if q.kind in NOT_CLAIMS or q.unit in ("year", "month", "day"):
                continue
            kind = q.kind if q.unit else "number"
            if self._is_date(q):
                continue
            clause = self._clause(q)
            metric, cued = self._metric(q, kind, clause, previous_metric)
            if metric is None:
                continue
            previous_metric = metric
            relation = self._relation(q, clause, metric)
            value = q.value
            if relation in ("growth", "change") and self._decrease(q, clause):
                value = -abs(value)
            period, modality = self._period_modality(q, clause, relation)
            compared = self._compared_years(relation)
            if compared:
                period = compared[0]
            if metric == "power_rating":
                period = None
            region = self._region(q, clause)
            base_region = self._base_region(q, region, clause) if relation == "share" else None
            industry = self._industry(q)
            product = self._nearest_label(q, "product", clause[0], clause[1])
            if not product and relation != "level":
                product = previous_product  # "..., accounting for 35% of the province": the same product
            previous_product = product
            confidence = 0.5 + 0.2 * cued + 0.1 * bool(self.places) + 0.1 * bool(period)
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
                    base_period=compared[1] if compared else self._base_period(q, period, relation),
                    modality=modality,
                    region=region.name if region else None,
                    base_region=base_region.name if base_region else None,
                    industry=industry,
                    product=product,
                    organization=self._organization(q.start),
                    confidence=round(min(confidence, 0.95), 2),
                )
            )
        return out


def _nearest(items: list[Quantity], pos: int) -> Quantity:
    before = [q for q in items if q.end <= pos]
    return before[-1] if before else min(items, key=lambda q: abs(q.start - pos))


def _contains(outer: Place, inner: Place) -> bool:
    """Whether `outer` is a province or country that `inner` lies in."""
    return outer != inner and (
        inner.parent == outer.name or (outer.level == "country" and inner.country == outer.country)
    )


def _country(place: Place) -> Place | None:
    """The country a place lies in (`Place.country` is its ISO code, not a name to link)."""
    if place.level == "country":
        return place
    return next((p for p in gazetteer().places if p.level == "country" and p.country == place.country), None)
