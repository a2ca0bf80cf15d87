"""Split a text into sentences and clauses without breaking decimals (1.6 ਮਿਲੀਅਨ) or abbreviations."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from industrywatch.langpacks import load
from industrywatch.numbers.trie import trie_pattern
from industrywatch.patterns import fast

CLAUSE_MARKS = fast(r"[,;:،؛，；：]")
# The figures, cues and place names one sentence may hold (the longest real ones hold 29): the claim frame
# compares what a sentence holds pairwise, so a bound on it keeps the work linear in the text.
MAX_ITEMS = 64
# Semicolons end a sentence too, but what follows continues the sentence before it (a list of targets).
SOFT_TERMINATORS = ";؛；"


@cache
def _splitter(code: str) -> tuple[re.Pattern, re.Pattern | None, int]:
    terminators: set[str] = {"\n", *SOFT_TERMINATORS}
    abbreviations: set[str] = set()
    for pack in load(code).chain():
        terminators.update(pack.meta.terminators)
        abbreviations.update(pack.meta.abbreviations)
    marks = "".join(re.escape(t) for t in sorted(terminators))
    # A full stop between two digits is a decimal point, not the end of a sentence.
    splitter = fast(rf"(?<!\d(?=\.\d))[{marks}]+")
    abbrev = fast(rf"(?:{trie_pattern(abbreviations)})$") if abbreviations else None
    return splitter, abbrev, max(map(len, abbreviations), default=0)


def sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the text; empty stretches are dropped."""
    splitter, abbrev, longest = _splitter(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in splitter.finditer(text):
        end = m.end()
        if abbrev is not None and m.group() == "." and abbrev.search(text, max(start, end - longest), end):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def continues(text: str, start: int) -> bool:
    """Whether the sentence at `start` follows a semicolon, so it continues the one before."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start > 0 and text[start - 1] in SOFT_TERMINATORS


def clause_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets of clause marks (commas, semicolons) within a sentence, digit group commas excluded."""
    return [
        m.start()
        for m in CLAUSE_MARKS.finditer(text, start, end)
        if not (
            0 < m.start() < len(text) - 1 and text[m.start() - 1].isdigit() and text[m.start() + 1].isdigit()
        )
    ]


def bounded(text: str, spans: list[tuple[int, int]], items: list[int]) -> list[tuple[int, int]]:
    """The sentences cut so that none holds more than MAX_ITEMS of `items` (the sorted, distinct offsets
    where figures, cues and place names start): after the last clause mark before the item that would be
    one too many, else at that item. A text without full stops (a flattened table, a hostile request)
    is one sentence otherwise."""
    out = []
    for start, end in spans:
        first = bisect_left(items, start)
        while bisect_left(items, end, first) - first > MAX_ITEMS:
            over = items[first + MAX_ITEMS]
            marks = [b + 1 for b in clause_breaks(text, items[first], over)]
            cut = marks[-1] if marks else over
            out.append((start, cut))
            start, first = cut, bisect_left(items, cut, first)
        out.append((start, end))
    return out
