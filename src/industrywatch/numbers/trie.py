"""Compile a set of literal strings into one compact regex: a trie, so matching is longest-first and
does not try each alternative in turn."""

from __future__ import annotations

import regex

# The whitespace a space in a form matches: a line break and its indentation, double spaces; bounded, so
# that every form matches a bounded stretch of text.
SPACE_RUN = 8


def trie_pattern(words) -> str:
    """A regex source matching any of `words`, longest first. A space in a word matches a run of up to
    SPACE_RUN whitespace characters, so multi-word forms survive line breaks and double spaces."""
    root: dict = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(root) if root else r"(?!)"


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [
        (rf"\s{{1,{SPACE_RUN}}}" if ch == " " else regex.escape(ch)) + _node_pattern(child)
        for ch, child in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A greedy optional group: the longer word is tried first.
    return f"(?:{body})?" if ends_here else body


def squash(surface: str) -> str:
    """The lookup key of a matched multi-word form: whitespace runs as single spaces."""
    return " ".join(surface.split())
