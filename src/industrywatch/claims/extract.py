"""extract(): the pure function at the centre. Text in, claims out."""

from __future__ import annotations

from datetime import date

from industrywatch.claims.context import document_context
from industrywatch.claims.cues import cue_index
from industrywatch.claims.frames import build_claims
from industrywatch.claims.sentences import sentences
from industrywatch.langid import detect
from industrywatch.numbers import quantities
from industrywatch.places import find_places
from industrywatch.records import Claim


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
    cues = cue_index(lang).find(text)
    # A place named inside a figure's unit ("đô la Mỹ", "Hong Kong dollars") is no place the figure is about.
    places = [m for m in find_places(text, lang) if not any(q.start <= m.start < q.end for q in found)]
    ctx = document_context(text, lang, published, cues, places)
    return build_claims(text, doc_id, sentences(text, lang), found, cues, places, ctx)
