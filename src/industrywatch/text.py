"""Text normalisation with an offset map back to the caller's text.

The engine matches on a normalised copy (NFC, ASCII digits, half-width forms); every offset it hands out
is mapped back through `Normalized.span`, so callers only ever see offsets into their own text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

# One character for one character, so these never move offsets.
_ONE_TO_ONE = {
    "\u066b": ".",  # ARABIC DECIMAL SEPARATOR
    "\u066c": ",",  # ARABIC THOUSANDS SEPARATOR
    "\u066a": "%",  # ARABIC PERCENT SIGN
    "\u2212": "-",  # MINUS SIGN
    "\u2013": "-",  # EN DASH
    "\u2014": "-",  # EM DASH (ranges written with dashes)
    "\u00a0": " ",
    "\u2009": "\u2009",
    "\u3000": " ",
    "\u200e": " ",  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK and ARABIC LETTER MARK: bidi marks that
    "\u200f": " ",  # right-to-left text puts around its numbers
    "\u061c": " ",
    "\uffe5": "\u00a5",  # FULLWIDTH YEN SIGN
    "\uffe1": "\u00a3",  # FULLWIDTH POUND SIGN
}


# Full-width digits take full-width separators (１，２３４．５); elsewhere ， and ． separate clauses.
_FULL_WIDTH_SEPARATOR = regex.compile(r"(?<=[\uff10-\uff19])[\uff0c\uff0e](?=[\uff10-\uff19])")


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    table: dict[int, str] = {}
    # Every decimal digit Unicode knows (Arabic-Indic, Devanagari, Gurmukhi, full-width...) to ASCII.
    for cp in range(0x80, 0x20000):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = str(unicodedata.digit(ch))
    # Full-width ASCII letters and symbols, except the CJK comma and full stop which separate clauses.
    for cp in range(0xFF01, 0xFF5F):
        if cp not in (0xFF0C, 0xFF0E):
            table[cp] = chr(cp - 0xFEE0)
    for src, dst in _ONE_TO_ONE.items():
        table[ord(src)] = dst
    return table


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and, when its length differs from the original, the map back."""

    text: str
    original: str
    starts: tuple[int, ...] | None  # original offset of each normalised character
    ends: tuple[int, ...] | None  # original end offset of each normalised character

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def normalize(text: str) -> Normalized:
    separated = _FULL_WIDTH_SEPARATOR.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    translated = separated.translate(_translation())
    if unicodedata.is_normalized("NFC", translated):
        return Normalized(translated, text, None, None)
    # Compose cluster by cluster (a starter and its combining marks) so each output character maps to
    # the cluster it came from.
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i, n = 0, len(translated)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(translated[j]):
            j += 1
        piece = unicodedata.normalize("NFC", translated[i:j])
        out.append(piece)
        starts.extend([i] * len(piece))
        ends.extend([j] * len(piece))
        i = j
    return Normalized("".join(out), text, tuple(starts), tuple(ends))
