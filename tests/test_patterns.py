from pathlib import Path

import pytest
import regex

from industrywatch import quantities
from industrywatch.claims.cues import cue_index
from industrywatch.patterns import fast

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# Letters, marks and digits of many scripts, astral ones among them (𠀀 is Han, 𝐀 a mathematical letter,
# 𑀓 Brahmi), beside spaces, punctuation and symbols.
MIXED = (
    "\x1c\x85Output of 5G: 120 billion yuan (up 3.5%) in Wuxi; 无锡产值1200亿元，𠀀字 𝐀1 𑀓𑀸 "
    "ਗੁਆਂਗਯੁਆਨ ਵਿੱਚ 150 ਉੱਦਮ, लाख करोड़ ۲۰۲۴ میں 300 سے زائد Ærø ß İstanbul ǅ_x ‍ \u200c ¾ ٣"
)
SOURCES = [
    r"\p{L}+",
    r"\P{L}+",
    r"[\p{L}\p{M}]+",
    r"[^\p{L}\p{M}\s]+",
    r"[\p{L}\p{M}--[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]]+",
    r"[\p{Gurmukhi}&&\p{L}]+",
    r"(?<![\p{L}\p{M}])\d+(?![\p{L}\p{M}])",
    r"(?<![\p{L}\p{M}])(?i:billion|yuan|istanbul)(?![\p{L}\p{M}])",
    r"[\s\-]?(?:ਉੱਦਮ|亿元)",
    r"\p{Han}{1,4}",
    r"\s+\S+[\s\-]",
]


def test_fast_patterns_match_what_regex_matches():
    for source in SOURCES:
        expected = [m.span() for m in regex.finditer(source, MIXED, flags=regex.V1)]
        assert [m.span() for m in fast(source).finditer(MIXED)] == expected, source
    assert fast(r"\p{Han}").fullmatch("𠀀") and not fast(r"\p{Han}").match("a")


def test_a_class_that_holds_nothing_matches_nothing():
    assert fast(r"[\p{Han}&&\p{Latin}]").search(MIXED) is None


def test_cue_scans_find_what_regex_finds_in_every_example():
    for path in sorted(EXAMPLES.glob("*.txt")):
        text, code = path.read_text(encoding="utf-8"), path.name.split("-")[0]
        cues = cue_index(code)
        for table, pattern in zip(cues.tables, cues.patterns, strict=True):
            found = [m.span() for m in pattern.finditer(text)]
            assert found == [m.span() for m in regex.finditer(table.pattern(), text)], path.name
            assert found, path.name


def test_a_form_matched_regardless_of_case_is_read_even_where_lower_case_differs():
    # Case-insensitive matching takes the long s (ſ) for an s; lower() does not.
    [q] = quantities("3 millionſ yuan", "fr")
    assert (q.value, q.unit) == (3e6, "CNY")
    [q] = quantities("20 tonſ", "en")
    assert (q.value, q.unit) == (20, "t")


def test_word_classes_of_re_are_refused():
    for source in (r"\bmillion\b", r"[^\W\d_]+", r"\w+"):
        with pytest.raises(ValueError, match="class"):
            fast(source)
