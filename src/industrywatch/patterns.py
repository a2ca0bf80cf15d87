"""Forward patterns compiled for the standard library's `re` engine.

The project writes its patterns in the syntax of the `regex` module: Unicode properties (\\p{Han}) and set
operations ([\\p{L}--\\p{Han}]). `regex` is needed for reverse matching ((?r), the words before a number),
but on the short matches that make up most of extraction it costs two to three times what `re` does per
call, and it scans long texts more slowly for the few forms of a trie. `fast()` compiles a forward pattern
for `re` instead, each character class that `re` cannot read (and `\\s`) replaced by the code points that
`regex` says it holds, so every class means what it means to `regex`; `re`'s own `\\w` and `\\b`, which
split Indic words at vowel signs, are refused. A scan for runs of a large class (every letter) is the
exception: `re` tests a class that holds characters beyond the Basic Multilingual Plane range by range, and
`regex` is faster there.

Working out the code points of a class scans every code point (a few hundredths of a second each): a class
worked out once is kept in the index folder (kept.cache_folder) for the processes after.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
from array import array
from functools import cache
from pathlib import Path

import regex

from industrywatch.kept import cache_folder, keep

SURROGATES = range(0xD800, 0xE000)
ASTRAL = 0x10000  # the first code point beyond the Basic Multilingual Plane
_NEEDS_REGEX = ("\\p", "\\P", "\\s", "\\S", "--", "&&", "[", "||", "~~")
# `re`'s word classes and boundaries split Indic words at their vowel signs: patterns name letters instead.
_UNSUPPORTED = "wWbB"


def fast(source: str) -> re.Pattern:
    """`source`, a forward pattern in `regex` syntax (version 1 set operations), compiled with `re`."""
    return re.compile(_expand(source))


def _expand(source: str) -> str:
    out = []
    i = 0
    while i < len(source):
        c = source[i]
        if c == "\\" and source[i + 1] in _UNSUPPORTED:
            raise _refused(source[i : i + 2], source)
        if c == "\\" and source[i + 1] in "pP":  # a property on its own: \p{L}
            end = source.index("}", i) + 1
            out.append(_class(source[i:end]))
            i = end
        elif c == "\\" and source[i + 1] in "sS":  # whitespace as `regex` has it
            out.append(_class(source[i : i + 2]))
            i += 2
        elif c == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif c == "[":
            end = _class_end(source, i)
            body = source[i + 1 : end - 1].removeprefix("^")
            if any(f"\\{u}" in body for u in _UNSUPPORTED):
                raise _refused(source[i:end], source)
            out.append(_class(source[i:end]) if any(s in body for s in _NEEDS_REGEX) else source[i:end])
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)


def max_width(source: str) -> int | None:
    """The most characters a forward pattern in `regex` syntax can match, or None when it is unbounded
    (the parser of the standard library's `re` works it out)."""
    width = re._parser.parse(_expand(source)).getwidth()[1]
    return None if width >= re._parser.MAXREPEAT else width


def _refused(part: str, source: str) -> ValueError:
    return ValueError(f"{part} in {source!r}: write the letters meant as a \\p{{...}} class")


def _class_end(source: str, start: int) -> int:
    """The index just past the character class opening at `start` (classes nest, as in `regex` V1)."""
    depth, i = 0, start
    while True:
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


@cache
def _class(source: str) -> str:
    """A pattern of one character that matches what the `regex` class `source` matches, as kept by an
    earlier process or worked out and kept."""
    kept = _kept_classes()
    if source not in kept:
        kept[source] = _code_points(source)
        keep(kept, _kept_path())
    return kept[source]


@cache
def _kept_classes() -> dict[str, str]:
    """The classes worked out and kept by earlier processes (none when absent or damaged)."""
    try:
        return pickle.loads(_kept_path().read_bytes())
    except Exception:
        return {}


@cache
def _kept_path() -> Path:
    """Where the classes are kept: by a digest of what works them out (this module, `regex`'s Unicode
    data, Python)."""
    digest = hashlib.sha256(f"{sys.version}\0{regex.__version__}\0".encode() + Path(__file__).read_bytes())
    return cache_folder() / f"classes-{digest.hexdigest()[:16]}.pickle"


def _code_points(source: str) -> str:
    """The pattern `_class` gives for `source`. `re` tests a class of characters beyond the Basic
    Multilingual Plane range by range, so those are tested only for such a character."""
    runs = [m.span() for m in regex.finditer(f"(?:{source})+", _every_character(), flags=regex.V1)]
    ranges = [(_code(start), _code(end - 1)) for start, end in runs]
    basic = [(first, min(last, ASTRAL - 1)) for first, last in ranges if first < ASTRAL]
    astral = [(max(first, ASTRAL), last) for first, last in ranges if last >= ASTRAL]
    parts = [_ranges(basic)] if basic else []
    if astral:
        parts.append(f"(?={_ranges([(ASTRAL, sys.maxunicode)])}){_ranges(astral)}")
    return f"(?:{'|'.join(parts)})" if parts else r"[^\s\S]"


def _ranges(ranges: list[tuple[int, int]]) -> str:
    return "[" + "".join(_range(first, last) for first, last in ranges) + "]"


def _code(index: int) -> int:
    """The code point at `index` in `_every_character()`."""
    return index if index < SURROGATES.start else index + len(SURROGATES)


def _range(first: int, last: int) -> str:
    return _char(first) if first == last else f"{_char(first)}-{_char(last)}"


def _char(code: int) -> str:
    """A code point as a class holds it: itself, a sign or space of ASCII after a backslash (so that none
    reads as a range, a set operation or the class's end). `re` reads a character faster than an escape."""
    c = chr(code)
    return f"\\{c}" if c.isascii() and not c.isalnum() else c


@cache
def _every_character() -> str:
    """Every code point but the surrogates, in order."""
    below, above = range(SURROGATES.start), range(SURROGATES.stop, sys.maxunicode + 1)
    return (array("I", below).tobytes() + array("I", above).tobytes()).decode("utf-32-le")
