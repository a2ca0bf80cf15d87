"""Which installed language pack a text is in: by its script where that decides, else by py3langid.

A script written by exactly one installed pack, and by no other widely written language, decides directly
(Gurmukhi, Han). Text in a script that many languages share (Latin, Arabic, Devanagari) goes to the
statistical detector, fed only the words of that script so that English names and digits in a Punjabi or
Urdu report do not sway it. A language the detector is sure of but no pack reads is an error; a text too
short for it to be sure falls back to the pack that writes its script.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections import Counter
from functools import cache

import numpy
import py3langid
import regex
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from industrywatch.errors import IndustrywatchError
from industrywatch.kept import cache_folder, keep
from industrywatch.langpacks import available
from industrywatch.langpacks.loader import PACKS_DIR, read_file
from industrywatch.langpacks.schema import PackFile

SAMPLE_CHARS = 2000  # the start of the text that is looked at: detection cost stays bounded
DETECTOR_CHARS = 400  # the words of the main script given to the detector
MIN_LETTERS = 12  # fewer letters than this are too few for the detector: the script decides
MIN_CONFIDENCE = 0.4  # below this probability the detector is unsure and the script decides
MIN_MARGIN = 2.5  # nor is it sure unless the other language is this many times likelier than the pack
SHARED_SCRIPTS = frozenset({"Latin", "Cyrillic", "Arabic", "Devanagari", "Bengali"})


@cache
def _installed() -> tuple[str, ...]:
    """The codes of the installed packs."""
    return tuple(available())


@cache
def _meta(code: str) -> PackFile:
    """What an installed pack's pack.toml declares (its scripts, digits, spacing), read without its data:
    detecting one text's language loads no pack."""
    return read_file(PACKS_DIR / code / "pack.toml", PackFile)


@cache
def _owners() -> dict[str, tuple[str, ...]]:
    """The installed packs that write each script, by script name."""
    owners: dict[str, list[str]] = {}
    for code in _installed():
        for script in _meta(code).scripts:
            owners.setdefault(script, []).append(code)
    return {script: tuple(codes) for script, codes in owners.items()}


@cache
def _word_patterns() -> dict[str, regex.Pattern]:
    """A pattern for the words of each script an installed pack writes, and one ('' key) for the words of
    every other script. Digits, punctuation and combining marks shared by all scripts are left out."""
    ours = "".join(rf"\p{{{s}}}" for s in _owners())
    letters = {s: rf"[\p{{{s}}}--[\p{{Nd}}\p{{Zyyy}}\p{{Zinh}}]]" for s in _owners()}
    letters[""] = rf"[\p{{L}}\p{{M}}--[\p{{Zyyy}}\p{{Zinh}}{ours}]]"
    # Zero-width (non-)joiners sit inside words of Arabic and Indic scripts.
    return {s: regex.compile(rf"(?:{p}|[\u200c\u200d])+", regex.V1) for s, p in letters.items()}


@cache
def _detector() -> LanguageIdentifier:
    """py3langid's model over all its languages, with probabilities. Decompressing it takes about half a
    second, so it is kept decompressed in the index folder (kept.cache_folder) and read from there after."""
    path = cache_folder() / f"langid-{_model_version()}.pickle"
    try:
        with path.open("rb") as kept:  # read as it is unpickled: its 69 MB are not held twice
            return pickle.load(kept)
    except Exception:  # absent, or damaged in any way: decompress it
        pass
    detector = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    keep(detector, path)
    return detector


def _model_version() -> str:
    """A digest of what the kept model is made from: py3langid's model file, its version (the detector's
    layout), numpy's and Python's."""
    versions = (sys.version, numpy.__version__, py3langid.__version__)
    digest = hashlib.sha256("\0".join(versions).encode())
    digest.update((MODEL_DIR / MODEL_FILE).read_bytes())
    return digest.hexdigest()[:16]


def detect(text: str) -> str:
    """The installed pack code for `text`, from a bounded sample of its start.

    Raises IndustrywatchError when the text is in a language that no installed pack reads."""
    sample = text[:SAMPLE_CHARS]
    patterns = _word_patterns()
    if sample.isascii():  # only one pattern can match ASCII letters: no need to scan for the others
        patterns = {script: p for script, p in patterns.items() if script == "Latin"} or {"": patterns[""]}
    words = {script: p.findall(sample) for script, p in patterns.items()}
    counts = Counter({script: _weight(script, found) for script, found in words.items()})
    script, weight = counts.most_common(1)[0]
    if not weight:  # no letters at all: native digits, if any, tell the script
        return _fallback(sample)
    letters = sum(map(len, words[script]))
    owners = _owners().get(script, ())
    if len(owners) == 1 and script not in SHARED_SCRIPTS:
        return owners[0]
    detector_input = " ".join(words[script])[:DETECTOR_CHARS]
    found, confidence = _detector().classify(detector_input)
    if found in _installed():
        return found
    if owners:
        ranked = dict(_detector().rank(detector_input))
        owner = max(owners, key=lambda code: ranked.get(code, 0.0))
        if letters < MIN_LETTERS or confidence < max(MIN_CONFIDENCE, MIN_MARGIN * ranked.get(owner, 0.0)):
            return owner
    raise IndustrywatchError(
        f"this text looks like {_name(found)} ({found}), which no installed language pack reads; installed "
        f"packs: {', '.join(_installed())}. Pass --lang with one of them to read it as that language."
    )


def _weight(script: str, words: list[str]) -> int:
    """How much of the text a script holds: its words, or its characters where the packs that write it put
    no spaces between words. Words, not letters, so that a few long English terms in an Urdu or Punjabi
    sentence do not outweigh its many short grammatical words."""
    owners = _owners().get(script, ())
    if owners and not any(_meta(code).spaced for code in owners):
        return sum(map(len, words))
    return len(words)


def _fallback(sample: str) -> str:
    """The pack for a text without letters: the one whose script its native digits are in (of packs sharing
    a script, one that lists those digits as its own, else one that lists none), else the first pack
    (digits alone read the same in every pack)."""
    for script, codes in _owners().items():
        found = set(regex.findall(rf"[\p{{{script}}}&&\p{{Nd}}]", sample, flags=regex.V1))
        if found:
            own = [c for c in codes if found <= set(_meta(c).digits)]
            return (own or [c for c in codes if not _meta(c).digits] or list(codes))[0]
    return _installed()[0]


def _name(code: str) -> str:
    """The English name of a language code, or the code itself when it has none."""
    from babel import Locale  # only to name a language no pack reads

    return Locale("en").languages.get(code, code)
