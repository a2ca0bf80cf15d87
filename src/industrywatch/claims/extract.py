"""extract(): the pure function at the centre. Text in, claims out."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date

from industrywatch.claims.context import document_context
from industrywatch.claims.cues import cue_index
from industrywatch.claims.frames import build_claims
from industrywatch.claims.sentences import bounded, sentences
from industrywatch.langid import detect
from industrywatch.langpacks import load
from industrywatch.numbers import quantities
from industrywatch.places import find_places
from industrywatch.records import Claim, Quantity


def _inside(pos: int, starts: list[int], found: list[Quantity]) -> bool:
    """Whether `pos` lies in one of the quantities (sorted by `starts`, not overlapping): a place named
    inside a figure's unit ("đô la Mỹ", "Hong Kong dollars") is no place the figure is about."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < found[i].end


def extract(
    text: str, lang: str | None = None, published: date | None = None, doc_id: str | None = None
) -> list[Claim]:
    """Every quantitative claim in `text`, with offsets into `text` exactly as passed.

    `published` (the publication date) is read from the text when not given; it resolves "currently"
    and decides whether a figure for a given year is already reported or still a target."""
    if not text.strip():
        return []
    lang = lang or detect(text)
    found = quantities(text, lang)
    cues = cue_index(lang).find(text, [(q.start, q.end) for q in found if q.kind == "year"])
    starts = [q.start for q in found]
    places = [m for m in find_places(text, lang) if not _inside(m.start, starts, found)]
    ctx = document_context(text, lang, published, cues, places)
    verb_final = load(lang).meta.verb_final
    items = sorted({x.start for x in (*found, *cues, *places)})
    spans = bounded(text, sentences(text, lang), items)
    return build_claims(text, doc_id, spans, found, cues, places, ctx, verb_final)
