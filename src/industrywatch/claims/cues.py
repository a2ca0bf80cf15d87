"""Cue phrases of a language, compiled into one matcher: what each phrase signals about nearby figures."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from industrywatch.errors import IndustrywatchError
from industrywatch.industries import INDUSTRIES
from industrywatch.langpacks import load
from industrywatch.numbers.lexicon import Table
from industrywatch.numbers.trie import trie_pattern
from industrywatch.patterns import fast

# In a language that writes compounds, the nouns of these categories are also found inside words, if at
# least this long (shorter ones hide in too many unrelated words).
COMPOUND_CATEGORIES = ("metric", "industry", "product")
COMPOUND_LETTERS = 6
# Words that make a year a deadline or a base ("by 2027", "than in 2023") are matched on their own, so a
# longer cue around them ("a mais do que em", more than in) does not hide them.
ROLE_CATEGORIES = ("deadline_before", "deadline_after", "base_before", "base_after")
ROLE_REACH = 60  # characters around a year within which the words of its role are looked for


@dataclass(slots=True)  # not frozen: a frozen dataclass is three times slower to make, and there are many
class Cue:
    start: int
    end: int
    category: str  # metric, target, forecast, present, deadline_before, share, industry, product, ...
    label: str  # the metric, industry or product named, a relative year's offset; the category otherwise


class CueIndex:
    """Every cue form of a language (its inherited packs included), matched in two passes: all but the
    words that give a year its role, then those around the years."""

    def __init__(self, code: str):
        payloads: dict[str, list[tuple[str, str]]] = {}
        for pack in load(code).chain():
            c = pack.cues
            where = f"langpacks/{pack.code}/cues.toml"
            groups: list[tuple[str, str, list[str]]] = []
            groups += [("metric", metric, forms) for metric, forms in c.metrics.items()]
            for industry, forms in c.industries.items():
                if industry not in INDUSTRIES:
                    raise IndustrywatchError(f"{where}: {industry!r} is not a canonical industry")
                groups.append(("industry", industry, forms))
            groups += [("product", product, forms) for product, forms in c.products.items()]
            for section in (c.time, c.relations, c.modality):
                for category, forms in section.model_dump(exclude={"relative_years"}).items():
                    groups.append((category, category, forms))
            for form, offset in c.time.relative_years.items():
                groups.append(("relative_year", str(offset), [form]))
            for category in (
                "publication",
                "main_place",
                "province",
                "national",
                "companies",
                "company_openers",
                "near",
                "near_after",
                "namely",
            ):
                groups.append((category, category, getattr(c.context, category)))
            groups.append(("month", "month", list(c.context.months)))
            groups.append(("organization", "organization", c.organizations))
            for category, label, forms in groups:
                for form in forms:
                    payloads.setdefault(form, []).append((category, label))
        self.tables = [Table("cue"), Table("time role cue")]
        for key, labels in payloads.items():
            for table, in_it in zip(self.tables, (False, True), strict=True):
                kept = tuple(dict.fromkeys(lb for lb in labels if (lb[0] in ROLE_CATEGORIES) == in_it))
                if kept:
                    table.add(key, kept, "cues")
        self.patterns = [fast(table.pattern()) for table in self.tables]
        self.inner: dict[str, tuple[tuple[str, str], ...]] = {}
        if load(code).meta.compounds:
            for key, labels in payloads.items():
                kept = tuple(dict.fromkeys(lb for lb in labels if lb[0] in COMPOUND_CATEGORIES))
                if kept and len(key) >= COMPOUND_LETTERS and key.isalpha():
                    self.inner.setdefault(key.lower(), kept)
        self.inner_pattern = fast(f"(?i:{trie_pattern(self.inner)})") if self.inner else None

    def find(self, text: str, years: list[tuple[int, int]] = ()) -> list[Cue]:
        """Every cue in the text; the words that give a year its role only around the `years` given
        (spans of the text's years) and the relative years found, where alone they can touch one."""
        main, roles = self.tables
        out = [
            Cue(m.start(), m.end(), c, lb)
            for m in self.patterns[0].finditer(text)
            for c, lb in main.get(m.group())
        ]
        spans = sorted([*years, *((c.start, c.end) for c in out if c.category == "relative_year")])
        starts = [c.start for c in out]  # the main pass's matches do not overlap
        end = -1
        for start, stop in spans:
            low, high = max(start - ROLE_REACH, end, 0), min(stop + ROLE_REACH, len(text))
            if low < high:
                for m in self.patterns[1].finditer(text, low, high):
                    i = bisect_right(starts, m.start()) - 1
                    if i < 0 or out[i].end < m.end():  # not inside a longer cue: 比 in 比重
                        out += [Cue(m.start(), m.end(), c, lb) for c, lb in roles.get(m.group())]
                end = high
        if self.inner_pattern is not None:
            out += self._in_compounds(text, out)
        return sorted(out, key=lambda c: c.start)

    def _in_compounds(self, text: str, whole: list[Cue]) -> list[Cue]:
        """Nouns found inside compound words (Gesamt|investitions|volumen), where no whole-word cue is."""
        taken = bytearray(len(text))
        for c in whole:
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        found = []
        for m in self.inner_pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            for category, label in self.inner.get(m.group().lower(), ()):
                found.append(Cue(m.start(), m.end(), category, label))
        return found


@cache
def cue_index(code: str) -> CueIndex:
    return CueIndex(code)
