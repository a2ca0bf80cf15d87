"""Which installed language pack a text is in, from the scripts each pack declares."""

from __future__ import annotations

from functools import cache

import regex

from industrywatch.errors import IndustrywatchError
from industrywatch.langpacks import available, load


@cache
def _script_owners() -> tuple[tuple[regex.Pattern, str], ...]:
    """A pattern per script that exactly one installed pack writes in, with that pack's code."""
    owners: dict[str, list[str]] = {}
    for code in available():
        for script in load(code).meta.scripts:
            owners.setdefault(script, []).append(code)
    return tuple(
        (regex.compile(rf"\p{{{script}}}"), codes[0]) for script, codes in owners.items() if len(codes) == 1
    )


def detect(text: str) -> str:
    """The pack code for `text`: the script with the most letters in its first 2,000 characters."""
    sample = text[:2000]
    best, best_count = None, 0
    for pattern, code in _script_owners():
        count = len(pattern.findall(sample))
        if count > best_count:
            best, best_count = code, count
    if best is None:
        raise IndustrywatchError(
            f"cannot tell the language of this text; pass it with --lang (one of {', '.join(available())})"
        )
    return best
