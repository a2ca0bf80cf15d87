"""Read number values from a run of number tokens: digits, number words, scale words, fractions.

One algorithm for every language: atoms add up, and a multiplier takes everything smaller than itself
that precedes it (so "two hundred thousand", 两千万, 一亿两千万 and "2 लाख 50 हज़ार" all come out right).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from industrywatch.numbers.lexicon import T


@dataclass(slots=True)
class Token:
    kind: T
    value: float
    start: int
    end: int
    glued: bool  # no gap before it


@dataclass(slots=True)
class Reading:
    """One number read from tokens[first:last]."""

    first: int
    last: int
    value: float
    bound: str | None = None
    percent: bool = False  # 百分之五十
    weak: bool = False  # only a weak atom: needs a unit to count
    word_only: bool = False  # no digits: a lone "one" in running text
    scale: float = 1.0  # the multiplier it ends with (5 million: 1e6), shared by a range's first number


def _place(v: float) -> float:
    """The smallest power of ten an atom occupies: 20 -> 10, 300 -> 100; 0 and fractions leave room."""
    if v <= 0 or v != int(v):
        return math.inf
    p = 1
    n = int(v)
    while n % 10 == 0:
        n //= 10
        p *= 10
    return p


def _single_digit(t: Token) -> bool:
    return t.kind in (T.ATOM, T.WEAK) and t.value == int(t.value) and 0 <= t.value <= 9


class _Core:
    """The additive-multiplicative reading of tokens[i:] as far as it goes."""

    def __init__(self, tokens: list[Token], i: int, digit_sequences: bool, bare_multipliers: bool):
        self.tokens = tokens
        stack: list[float] = []
        last: T | None = None
        last_mult = math.inf
        prev_atom = 0.0
        sequence: str | None = None  # digits read one by one: 二零二四
        modifier = 0.0
        bound = None
        weak_only = True
        j = i
        n = len(tokens)
        while j < n:
            t = tokens[j]
            k = t.kind
            if k is T.NUM:
                if last is None or last is T.MOD:
                    stack.append(t.value + modifier)
                elif (
                    last is T.MULT
                    and t.value < last_mult
                    and j + 1 < n
                    and tokens[j + 1].kind is T.MULT
                    and tokens[j + 1].value < last_mult
                ):
                    stack.append(t.value)  # 1万5千, 2 लाख 50 हज़ार
                else:
                    break
                weak_only = False
            elif k in (T.ATOM, T.WEAK):
                v = t.value
                if k is T.ATOM:
                    weak_only = False
                if sequence is not None:
                    if not _single_digit(t):
                        break
                    sequence += str(int(v))
                elif last is None:
                    stack.append(v)
                elif last is T.MOD:
                    stack.append(v + modifier)
                elif last is T.MULT and v < last_mult:
                    stack.append(v)
                elif last in (T.ATOM, T.WEAK):
                    if digit_sequences and _single_digit(tokens[j - 1]) and _single_digit(t) and len(stack) == 1:
                        sequence = str(int(prev_atom)) + str(int(v))
                    elif prev_atom >= 10 and v < _place(prev_atom):
                        stack.append(v)  # twenty-one
                    else:
                        break
                else:
                    break
                prev_atom = v
            elif k is T.MULT:
                m = t.value
                if sequence is not None:
                    break
                if last is None or last is T.ART:
                    if last is None and not bare_multipliers:
                        break
                    stack.append(1.0)
                elif last is T.MULT and m <= last_mult:
                    break
                elif last not in (T.NUM, T.ATOM, T.WEAK, T.MULT, T.FRAC, T.INNER, T.MOD):
                    break
                taken = 0.0
                while stack and stack[-1] < m:
                    taken += stack.pop()
                stack.append((taken or 1.0) * m)
                last_mult = m
                weak_only = False
            elif k is T.FRAC:
                if last is not None and last is not T.ART:
                    break
                stack.append(t.value)
                weak_only = False
            elif k is T.DENOM:
                if last is T.ART:
                    numerator = 1.0
                elif last in (T.ATOM, T.WEAK, T.NUM) and stack:
                    numerator = stack.pop()
                else:
                    break
                stack.append(numerator / t.value)
                weak_only = False
                last = k
                j += 1
                break
            elif k is T.MOD:
                if last is not None:
                    break
                modifier = t.value
            elif k is T.ART:
                if last not in (None, T.ATOM, T.NUM) or j + 1 >= n:
                    break
                if tokens[j + 1].kind not in (T.MULT, T.FRAC, T.DENOM):
                    break
            elif k is T.DEC:
                if last not in (T.ATOM, T.WEAK, T.NUM) or j + 1 >= n or not _single_digit(tokens[j + 1]):
                    break
                digits = ""
                j += 1
                while j < n and _single_digit(tokens[j]):
                    digits += str(int(tokens[j].value))
                    j += 1
                stack.append(float("0." + digits))
                weak_only = False
                last = T.ATOM
                prev_atom = 0.0
                continue
            elif k is T.INNER:
                if last not in (T.NUM, T.ATOM, T.MULT) or bound is not None:
                    break
                bound = t.value
            else:
                break
            last = k
            j += 1
        if sequence is not None:
            stack = [float(sequence)]
        self.end = j
        self.value = sum(stack) if stack else None
        self.bound = bound
        self.weak = weak_only
        self.valid = bool(stack) and last not in (T.ART, T.MOD)
        self.scale = last_mult if last is T.MULT else 1.0


def read(tokens: list[Token], digit_sequences: bool, bare_multipliers: bool) -> list[Reading]:
    """Every number in a run of tokens, left to right."""
    out: list[Reading] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        sign = 1.0
        start = i
        if t.kind is T.NEG and i + 1 < n:
            sign, i = -1.0, i + 1
        core = _Core(tokens, i, digit_sequences, bare_multipliers)
        if not core.valid or core.end == i:
            i = start + 1
            continue
        value, end, percent = core.value, core.end, False
        bound = core.bound
        if end < n and tokens[end].kind is T.INFIX:  # 五分之一 (one fifth), 百分之五十 (50 %)
            second = _Core(tokens, end + 1, digit_sequences, bare_multipliers)
            if second.valid and second.end > end + 1 and value:
                if value == 100:
                    value, percent = second.value, True
                elif value == 1000:
                    value, percent = second.value / 10, True
                else:
                    value = second.value / value
                end = second.end
                bound = bound or second.bound
        word_only = all(tk.kind is not T.NUM for tk in tokens[start:end])
        out.append(Reading(start, end - 1, sign * value, bound, percent, core.weak, word_only, core.scale))
        i = end
    return out
