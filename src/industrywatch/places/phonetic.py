"""Script-neutral phonetic keys, so that a name written in one script links to a name written in another.

Machine translation from Chinese writes pinyin by ear: zh/j/q/z/c become ج ژ झ च ਜ ਚ, x/sh/s become
ش س श स ਸ਼, -ng becomes نگ / ं‌ग / ਂਗ, and Arabic script drops short vowels. The key keeps only what
survives all of that: consonant classes, in order, with vowels, semivowels and aspiration dropped.
"""

from __future__ import annotations

import unicodedata

import regex
from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

# Letters whose generic romanisation would put them in the wrong class (Arabic qaf is a k, not pinyin q; the
# Indic ca is an English ch, not a pinyin c).
_PRE_MAP = str.maketrans(
    {
        "ا": "a",
        "آ": "a",
        "ق": "k",
        "ع": "",
        "ء": "",
        "ٔ": "",
        "ئ": "y",
        "ؤ": "w",
        "च": "ch",
        "ਚ": "ch",
        "চ": "ch",
        # The au vowel sign is how Hindi and Punjabi write pinyin ou (ਚਾਂਗਜ਼ੌ Changzhou, ਸੁਜ਼ੌ Suzhou).
        "ौ": "ou",
        "ੌ": "ou",
    }
)
# Letters with a nukta: z (pinyin z, zh or x), which the generic romanisation writes as j.
_NUKTA_Z = regex.compile("[\u0a1c\u091c]\u0a3c|\u091c\u093c|\u0a5b|\u095b")

_DIGRAPHS = regex.compile(r"zh|jh|ch|dz|tz|ts|dj|sh")
_DIGRAPH_CLASS = {"sh": "s"}
_VOWEL_CLASSES = str.maketrans(
    {
        "q": "j",
        "c": "j",
        "z": "j",
        "x": "s",
        "g": "k",
        "b": "p",
        "f": "p",
        "d": "t",
        "e": "a",
        "o": "u",
        "y": "i",
        "w": "u",
        "v": "u",
    }
)
_PLAIN = str.maketrans({"x": "s", "v": "w"})
_DROP_VOWELS = str.maketrans(dict.fromkeys("aiu"))
_ASPIRATION = regex.compile(r"(?<=[bcdfgjklmnpqrstvxz])h|h$")
# An anusvara or tippi (romanised m) never starts a word nor follows a nasal: an m there is a real m
# (ملائیشیا, کنمنگ, whose short vowels are not written).
_NASAL = regex.compile(r"(?<=[^mn])m(?=[bcdfgjklnpqrstvxz])")
_REPEAT = regex.compile(r"(.)\1+")
_NOT_ASCII_LETTER = regex.compile(r"[^a-z]+")
_VOWELS = frozenset("aeiou")
# What a vowel of a name missing from an Arabic-script word costs, against 1 for any other letter.
UNWRITTEN_VOWEL_COST = 0.3


def romanise(text: str) -> str:
    """Lower-case ASCII letters for any script (Han characters come out as pinyin syllables)."""
    text = _NUKTA_Z.sub("z", unicodedata.normalize("NFC", text)).translate(_PRE_MAP)
    return _NOT_ASCII_LETTER.sub("", anyascii(text).lower())


def plain(roman: str) -> str:
    """An ASCII romanisation with spelling variants unified: anusvara (m) before consonants, sh/x, v/w."""
    return _NASAL.sub("n", roman).replace("sh", "s").translate(_PLAIN)


def vowelled(roman: str) -> str:
    """An ASCII romanisation with consonant classes applied and vowels collapsed to a, i, u."""
    roman = _DIGRAPHS.sub(lambda m: _DIGRAPH_CLASS.get(m.group(), "j"), roman)
    return _REPEAT.sub(r"\1", _NASAL.sub("n", _ASPIRATION.sub("", roman)).translate(_VOWEL_CLASSES))


def key_of_roman(roman: str) -> str:
    """Consonant-class skeleton of an ASCII romanisation (see the module docstring)."""
    return vowelled(roman).translate(_DROP_VOWELS)


def key(text: str) -> str:
    """Phonetic key of a name in any script: ``key("Guangyuan") == key("گوانگیوان") == key("ਗੁਆਂਗਯੁਆਨ")``."""
    return key_of_roman(romanise(text))


def is_abjad(text: str) -> bool:
    """Whether a word is in Arabic script, which leaves short vowels unwritten."""
    return "\u0600" <= text[0] <= "\u08ff"


def closeness(heard: str, spoken: str, abjad: bool) -> float:
    """Similarity (0-100) of two romanisations. Arabic script leaves short vowels unwritten (کنمنگ for
    Kunming, تبت for Tibet): a vowel of ``spoken`` missing from such a word costs little."""
    if not abjad:
        return fuzz.ratio(heard, spoken)
    ops = Indel.editops(heard, spoken)
    missing = sum(op.tag == "insert" and spoken[op.dest_pos] in _VOWELS for op in ops)
    total = len(heard) + len(spoken) - missing
    return 100.0 * (1 - (len(ops) - missing + UNWRITTEN_VOWEL_COST * missing) / total) if total else 0.0
