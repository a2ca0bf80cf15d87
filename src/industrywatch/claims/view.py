"""What the claim frame sees of one sentence and of the paragraph around it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from industrywatch.claims.context import DocumentContext
from industrywatch.claims.cues import Cue
from industrywatch.places import Place, PlaceMention
from industrywatch.records import Quantity


@dataclass(slots=True)
class Paragraph:
    """What a paragraph has established so far, for the sentences after it that say nothing of their own."""

    period: int | None = None  # the year an achieved figure was last given for
    deadline: int | None = None  # the deadline a plan last named
    modality: str = "actual"  # the modality of the last sentence's figures
    region: Place | None = None  # the place the last figure was about, as the paragraph named it
    organization: str | None = None
    metric: str | None = None  # what the last figure measured ("Revenue was 12 bn; it will reach 18 bn")
    industry: str | None = None  # the industry the paragraph named last
    reported: int | None = None  # the latest year its last sentence with achieved figures gave them


@dataclass(slots=True)
class Sentence:
    """One sentence: its span, figures, cues, places and clause marks, with the document and paragraph."""

    text: str
    start: int
    end: int
    quantities: list[Quantity]
    cues: list[Cue]
    places: list[PlaceMention]
    breaks: list[int]  # offsets of clause marks
    continued: bool  # it follows a semicolon and continues the sentence before
    doc: DocumentContext
    paragraph: Paragraph
    verb_final: bool = False
    by_category: dict[str, list[Cue]] = field(default_factory=dict)
    memo: dict = field(default_factory=dict)  # what the rules ask of the sentence more than once

    def __post_init__(self) -> None:
        for c in self.cues:
            self.by_category.setdefault(c.category, []).append(c)

    def cued(self, *categories: str) -> list[Cue]:
        """The sentence's cues of these categories, in text order."""
        if len(categories) == 1:
            return self.by_category.get(categories[0], [])
        found = self.memo.get(categories)
        if found is None:
            found = [c for k in categories for c in self.by_category.get(k, ())]
            found.sort(key=lambda c: c.start)
            self.memo[categories] = found
        return found

    def clause(self, q: Quantity) -> tuple[int, int]:
        """The clause a figure stands in: between the clause marks around it (found by bisection, as
        a sentence may hold thousands)."""
        before = bisect_left(self.breaks, q.start)
        after = bisect_left(self.breaks, q.end, before)
        start = self.breaks[before - 1] if before else self.start
        end = self.breaks[after] if after < len(self.breaks) else self.end
        return start, end

    def figure_between(self, low: int, high: int) -> bool:
        """Whether a figure (no year or duration) stands between two offsets of the sentence."""
        return any(
            low <= x.start and x.end <= high and x.kind not in ("year", "duration") for x in self.quantities
        )

    def breaks_between(self, a: int, b: int) -> int:
        low, high = min(a, b), max(a, b)
        return bisect_left(self.breaks, high) - bisect_left(self.breaks, low)

    @property
    def published_year(self) -> int | None:
        return self.doc.published.year if self.doc.published else None
