"""The document's dateline: a publication date printed in the text, read by dateparser.

A dateline is a short line that is mostly a date ("2019-02-21", "(2022-02-08)", "Published: 13 July 2023",
"发布时间:2021-12-21 18:21:01"), or the start of a line before a dash ("KUALA LUMPUR, 16 Oktober 2023 –",
a wire service's "BEIJING, 22 ene (Xinhua) --", whose year is often left out), among the first and last
lines of a text. Only such lines are handed to dateparser, which is slow to load
and to run: a text without one costs a regular expression."""

from __future__ import annotations

import re
import warnings
from datetime import date
from functools import cache

from industrywatch.patterns import fast

HEAD_LINES = 12  # datelines stand at the top of a page
TAIL_LINES = 3  # or at its foot
LONGEST = 80  # characters: a longer line (or head before a dash) is no dateline
LABEL_WORDS = 3  # words after a publication label tried as its date, the rest of the line aside
LABEL_GAP = 3  # characters between a publication label and its date (a colon, a space)
LEFT_OVER = 30  # characters besides the date a dateline may hold: a label, a place, a time
YEAR = fast(r"(?<!\d)(?:19|20)\d\d(?!\d)")
DIGITS = fast(r"(?<!\d)\d{1,2}(?!\d)")
DASH = fast(r"\s(?:[–—-]|--)\s")
TIME = fast(r"\d{1,2}:\d\d(?::\d\d)?")
EDGES = fast(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$")  # the label's colon, brackets, dashes around a date


def dateline(text: str, lang: str, months: re.Pattern | None) -> tuple[date | None, tuple[int, int]] | None:
    """The first dateline of the text: its date (None for a wire dateline without a year) and its span."""
    for start, end, wire in _candidates(text):
        segment = text[start:end]
        has_year = bool(YEAR.search(segment))
        if not (has_year or wire) or not (DIGITS.search(YEAR.sub("", segment)) or _has(months, segment)):
            continue
        if has_year and (found := read_segment(segment, lang)):
            return found, (start, end)
        if wire and _day_and_month(segment, lang):
            return None, (start, end)
    return None


def _has(pattern: re.Pattern | None, segment: str) -> bool:
    return bool(pattern and pattern.search(segment))


def _candidates(text: str) -> list[tuple[int, int, bool]]:
    """Spans of the short lines at the head and foot of the text, and of line heads before a dash (wire
    datelines, marked True)."""
    lines, start = [], 0
    for line in text.split("\n"):
        lines.append((start, start + len(line)))
        start += len(line) + 1
    picked = lines[:HEAD_LINES] + lines[max(HEAD_LINES, len(lines) - TAIL_LINES) :]
    out = []
    for s, e in picked:
        if not text[s:e].strip():
            continue
        if e - s <= LONGEST:
            out.append((s, e, False))
        elif dash := DASH.search(text, s, min(e, s + LONGEST)):
            out.append((s, dash.end(), True))
    return out


def line_heads(text: str) -> list[tuple[int, int]]:
    """The heads of the first lines before a dash: where wire datelines stand."""
    return [(s, e) for s, e, wire in _candidates(text) if wire]


def read_segment(segment: str, lang: str, labelled: bool = False) -> date | None:
    """The date a segment holds, if the date is most of it: a label, a place and a time of day aside; or,
    after a publication label (`labelled`), the date it opens with, whatever follows it on its line
    ("时间:2022-10-11 10:48 来源: 东方网 阅读量:6742")."""
    parse, search = _dateparser()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser warns about its own use of pytz and regex
        try:
            whole = parse(EDGES.sub("", segment), languages=[lang], settings=_SETTINGS)
            if whole is not None:
                return whole.date()
            words = EDGES.sub("", segment).split()
            for n in range(min(LABEL_WORDS, len(words) - 1), 0, -1) if labelled else ():
                head = parse(" ".join(words[:n]), languages=[lang], settings=_SETTINGS)
                if head is not None and YEAR.search(" ".join(words[:n])):
                    return head.date()
            found = search(segment, languages=[lang], settings=_SETTINGS)
        except (ValueError, OverflowError):
            return None
    for surface, when in found or ():
        if labelled:
            opening = segment.find(surface) <= LABEL_GAP
            return when.date() if opening and YEAR.search(surface) else None
        rest = TIME.sub("", segment.replace(surface, "", 1))
        if YEAR.search(surface) and len(rest.strip()) <= LEFT_OVER and not any(c.isdigit() for c in rest):
            return when.date()  # a line holding other figures is a sentence, not a dateline
    return None


def _day_and_month(segment: str, lang: str) -> bool:
    """Whether a wire dateline's head holds a day and a month ("22 ene", "16 Oktober")."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return bool(_dateparser()[1](segment, languages=[lang], settings=_WIRE_SETTINGS))
        except (ValueError, OverflowError):
            return False


_WIRE_SETTINGS = {"REQUIRE_PARTS": ["day", "month"], "RETURN_AS_TIMEZONE_AWARE": False}
_SETTINGS = {
    "REQUIRE_PARTS": ["year", "month"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@cache
def _dateparser():
    """dateparser's parse (a segment that is a date) and search (a date within it): a second to import,
    so only when a text has a line that may be a dateline."""
    import dateparser
    from dateparser.search import search_dates

    return dateparser.parse, search_dates
