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
    linked: bool = False  # a connector before it: 3 सौ और 21


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


def _decimal_digits(t: Token) -> bool:
    """Digits said after a decimal point: one by one (point zero three) or in pairs (point eleven)."""
    return t.kind in (T.ATOM, T.WEAK) and t.value == int(t.value) and 0 <= t.value <= 99


class _Core:
    """The additive-multiplicative reading of tokens[i:] as far as it goes."""

    def __init__(self, tokens: list[Token], i: int, digit_sequences: bool, bare_multipliers: bool):
        self.tokens = tokens
        stack: list[float] = []
        last: T | None = None
        last_mult = math.inf
        prev_atom = 0.0
        sequence: str | None = None  # digits read one by one: 二零二四
        vague = False
        modifier = 0.0
        bound = None
        weak_only = True
        bare = False  # began with a multiplier: 十五, 百分之
        rising = True  # every multiplier larger than the one before: 十万, 百万
        placeholder = False  # a zero after a multiplier holds a place: 一千零一, 九万零四百
        short = False  # a digit right after a hundred or more stands for the next place down: 一万三
        seg = 0  # where in the stack the addend a denominator divides begins: "twenty and three fifths"
        after_scale: tuple[int, float] | None = None  # stack index and multiplier before "and": 2 million and
        pending = 1.0  # the multiplier a trailing fraction counts in: "two million and a half"
        before_art: T | None = None
        j = i
        n = len(tokens)
        while j < n:
            t = tokens[j]
            k = t.kind
            if t.linked and last is T.MULT:
                after_scale = (len(stack), last_mult)
            elif t.linked and last in (T.ATOM, T.WEAK, T.NUM) and k in (T.ATOM, T.WEAK, T.NUM, T.ART):
                seg = len(stack)
            if k is T.NUM:
                if last is None or last is T.MOD:
                    stack.append(t.value + modifier)
                elif placeholder:
                    stack.append(t.value)
                elif (
                    last is T.MULT
                    and t.linked
                    and 0 < t.value < last_mult
                    and t.value == int(t.value)
                    and (j + 1 == n or tokens[j + 1].kind is not T.MULT)
                ):
                    stack.append(t.value)  # 3 सौ और 21, not 3 सौ और 2 सौ
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
                    if placeholder:
                        stack.append(v)
                    elif (
                        digit_sequences
                        and _single_digit(tokens[j - 1])
                        and _single_digit(t)
                        and len(stack) == 1
                    ):
                        sequence = str(int(prev_atom)) + str(int(v))
                    elif prev_atom >= 10 and v < _place(prev_atom):
                        stack.append(v)  # twenty-one
                    elif t.linked and j + 1 < n and tokens[j + 1].kind in (T.DENOM, T.OVER):
                        stack.append(v)  # the numerator of a fraction: एक सौ तीन और एक तिहाई
                    else:
                        break
                else:
                    break
                placeholder = last is T.MULT and v == 0
                # Only where digits are also read one by one (二零二四): "one hundred six" is 106.
                short = digit_sequences and last is T.MULT and last_mult >= 100 and _single_digit(t) and v > 0
                prev_atom = v
                last = k
                j += 1
                continue
            elif k is T.MULT:
                m = t.value
                if sequence is not None:
                    vague = len(sequence) == 2  # 二三十 "twenty or thirty" is no number
                    j += vague
                    break
                if last is None or (last is T.ART and before_art not in (T.FRAC, T.DENOM)):
                    if last is None and not bare_multipliers:
                        break
                    bare = last is None
                    stack.append(1.0)
                elif last is T.ART:
                    pass  # half a dozen, two thirds of a million
                elif last is T.MOD:
                    stack.append(1.0 + modifier)  # सवा लाख: a quarter more than one lakh
                elif last is T.MULT and m <= last_mult:
                    if m < last_mult or not stack:
                        break
                    stack[-1] *= m  # 万万: a myriad myriads
                    rising = False
                    last = k
                    j += 1
                    continue
                elif last not in (T.NUM, T.ATOM, T.WEAK, T.MULT, T.FRAC, T.DENOM, T.INNER, T.MOD):
                    break
                taken = stack.pop() if last in (T.NUM, T.ATOM, T.WEAK) else 0.0  # 322 hundred
                while stack and stack[-1] < m:
                    taken += stack.pop()
                stack.append((taken or 1.0) * m)
                last_mult = m
                # A bare scale word with weak atoms only is a word (万一 "in case");
                # 十一 and 万一千 are numbers.
                weak_only = weak_only and bare and j == i and m != 10
            elif k is T.DENOM or (k is T.FRAC and last in (T.ATOM, T.WEAK, T.NUM)):
                d = t.value if k is T.DENOM else 1 / t.value  # one half: a half, as one over two
                if d == 1:
                    break  # "first" only closes a compound: a twenty-first
                if last is T.ART:
                    stack.append(1.0 / d)
                elif last in (T.ATOM, T.WEAK, T.NUM, T.MULT) and stack:
                    stack.append(self._divide(stack, seg, after_scale, d))
                    if after_scale and after_scale[0] >= seg and stack[-1] < 1 and after_scale[1] >= 1000:
                        pending = after_scale[1]
                else:
                    break
                weak_only = False
                last = T.DENOM
                j += 1
                continue
            elif k is T.FRAC:
                if last is not None and last is not T.ART:
                    break
                if last is T.ART and after_scale and after_scale[1] >= 1000:
                    pending = after_scale[1]
                stack.append(t.value)
                weak_only = False
            elif k is T.SHARE:  # a part of the whole, in percent, stands alone: ਦਸਵਾਂ ਹਿੱਸਾ
                if last is not None:
                    break
                stack.append(t.value)
                weak_only = False
                last = k
                j += 1
                break
            elif k is T.OVER:  # पांच बटा आठ: five over eight
                if last not in (T.ATOM, T.WEAK, T.NUM) or not stack:
                    break
                below = _Core(tokens, j + 1, digit_sequences, bare_multipliers)
                if not below.valid or not below.value:
                    break
                stack.append(stack.pop() / below.value)
                weak_only = False
                last = T.DENOM
                j = below.end
                break
            elif k is T.MOD:
                if last is not None:
                    break
                modifier = t.value
            elif k is T.ART:
                if last not in (None, T.ATOM, T.WEAK, T.NUM, T.MULT, T.FRAC, T.DENOM) or j + 1 >= n:
                    break
                after = (T.MULT,) if last in (T.FRAC, T.DENOM) else (T.MULT, T.FRAC, T.DENOM)  # half a dozen
                if tokens[j + 1].kind not in after:
                    break
                before_art = last
            elif k is T.DEC:
                if (
                    last not in (T.ATOM, T.WEAK, T.NUM, T.MULT)
                    or j + 1 >= n
                    or not _decimal_digits(tokens[j + 1])
                ):
                    break
                if short:
                    stack[-1] *= last_mult / 10  # 两千三点一
                    short = False
                digits = ""
                j += 1
                while j < n and _decimal_digits(tokens[j]):
                    v = int(tokens[j].value)
                    unit = tokens[j + 1] if j + 1 < n else None
                    if v >= 20 and v % 10 == 0 and unit and _single_digit(unit) and unit.value:
                        v, j = v + int(unit.value), j + 1  # point seventy-one
                    digits += str(v)
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
            short = placeholder = False
            j += 1
        if last is T.MOD and not stack:
            stack, last = [1.0 + modifier], T.ATOM  # सवा alone: one and a quarter
        if last in (T.DENOM, T.FRAC) and pending > 1:
            stack[-1] *= pending  # two million and a half: the half is of a million
        if sequence is not None:
            stack = [float(sequence)]
        elif short:
            stack[-1] *= last_mult / 10
        self.end = j
        self.value = sum(stack) if stack else None
        self.bound = bound
        self.weak = weak_only
        self.valid = bool(stack) and last not in (T.ART, T.MOD) and not vague
        self.vague = vague
        self.scale = last_mult if last is T.MULT else 1.0
        self.bare = bare
        self.share = last is T.SHARE
        # Multipliers alone are a number when they rise (十万) or are a lone ten (十); 万, 万万 need a unit.
        multipliers_only = bare and all(tk.kind is T.MULT for tk in tokens[i:j])
        self.lone_multipliers = multipliers_only and not (rising and (j - i > 1 or self.value == 10))

    @staticmethod
    def _divide(stack: list[float], seg: int, after_scale: tuple[int, float] | None, d: float) -> float:
        """Pop the numerator of denominator `d` off the stack and return the fraction. The numerator is
        the addend since the last "and" (one hundred and three and two thirds); after a multiplier's
        "and", only what follows it when that makes a proper fraction (one hundred and three quarters)."""
        if after_scale and after_scale[0] >= seg and sum(stack[after_scale[0] :]) / d < 1:
            seg = after_scale[0]
        numerator = sum(stack[seg:])
        del stack[seg:]
        return numerator / d


def _ordinal(tokens: list[Token], i: int) -> _Core | None:
    """The number at tokens[i:] that ends in an ordinal (पाँचवाँ 5th, एक सौ पांचवां 105th, दस खरबवां), or None."""
    d = next((j for j in range(i, len(tokens)) if tokens[j].kind is T.DENOM), None)
    if d is None:
        return None
    o = tokens[d]
    kind = T.MULT if d > i and o.value >= 100 and _place(o.value) == o.value else T.ATOM
    cardinal = tokens[:d] + [Token(kind, o.value, o.start, o.end, o.glued, o.linked)]
    core = _Core(cardinal, i, False, False)
    return core if core.valid and core.end == d + 1 and core.value else None


def _whole(r: Reading) -> bool:
    return not r.percent and r.bound is None and float(r.value).is_integer()  # inf and NaN are not


def _compound_denominators(tokens: list[Token]) -> list[Token]:
    """A tens word before a unit denominator makes one denominator when a numerator precedes it: "one
    twenty-fifth" is 1/25 and "three twenty-firsts" 3/21; "twenty fifths" alone is 20/5."""
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if (
            t.kind is T.DENOM
            and t.value < 10
            and not t.linked
            and prev is not None
            and prev.kind is T.ATOM
            and not prev.linked
            and prev.value in (20, 30, 40, 50, 60, 70, 80, 90)
            and len(out) > 1
            and out[-2].kind in (T.ATOM, T.WEAK, T.NUM, T.MULT, T.ART)
        ):
            out[-1] = Token(T.DENOM, prev.value + t.value, prev.start, t.end, prev.glued, prev.linked)
        else:
            out.append(t)
    return out


def read(tokens: list[Token], digit_sequences: bool, bare_multipliers: bool) -> list[Reading]:
    """Every number in a run of tokens, left to right."""
    if len(tokens) == 1 and tokens[0].kind is T.NUM:  # digits alone, the commonest run
        return [Reading(0, 0, tokens[0].value)]
    tokens = _compound_denominators(tokens)
    out: list[Reading] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind is T.NUM and (i + 1 == n or tokens[i + 1].kind is T.NUM):
            out.append(Reading(i, i, t.value))  # digits before digits stand alone (5 5 5), as _Core has it
            i += 1
            continue
        sign = 1.0
        start = i
        if t.kind is T.NEG and i + 1 < n:
            sign, i = -1.0, i + 1
        core = _Core(tokens, i, digit_sequences, bare_multipliers)
        if core.end < n and tokens[core.end].kind is T.INFIX:
            # 一又二分之一: the whole part of a mixed number ends at the connector.
            cut = next((k for k in range(i + 1, core.end) if tokens[k].linked), None)
            if cut is not None:
                core = _Core(tokens[:cut], i, digit_sequences, bare_multipliers)
        if (
            core.end < n
            and tokens[core.end].kind is T.DENOM
            and tokens[core.end].value == 1
            and tokens[core.end - 1].kind is T.ATOM
        ):
            i = core.end + 1  # twenty-first: an ordinal
            continue
        if not core.valid or core.end == i:
            i = core.end if core.vague else start + 1
            continue
        value, end, percent, fraction = core.value, core.end, core.share, False
        bound = core.bound
        if end < n and tokens[end].kind is T.OF and (below := _ordinal(tokens, end + 1)):
            if all(tk.kind is not T.NUM for tk in tokens[i:end]):  # तेईस का पाँचवाँ: a fifth of 23
                value, end, fraction = value / below.value, below.end, True
        elif end < n and tokens[end].kind is T.INFIX:  # 五分之一 (one fifth), 百分之五十 (50 %)
            second = _Core(tokens, end + 1, digit_sequences, bare_multipliers)
            if second.valid and second.end > end + 1 and value:
                if core.bare:  # 百分之五 is 5 %, 千分之五 0.5 %; 一百分之五 is a fraction
                    value, percent = second.value * 100 / value, True
                else:
                    value, fraction = second.value / value, True
                end = second.end
                bound = bound or second.bound
        value *= sign
        word_only = all(tk.kind is not T.NUM for tk in tokens[start:end])
        prev = out[-1] if out else None
        if fraction and prev and prev.last == start - 1 and not tokens[start].glued and _whole(prev):
            # 一又二分之一, 三百五十又3分之1: a whole number and a fraction make a mixed number.
            prev.last, prev.value = end - 1, prev.value + math.copysign(value, prev.value)
            prev.weak, prev.word_only = False, prev.word_only and word_only
            i = end
            continue
        weak = core.weak and start == i  # "minus one" is a number
        weak |= core.lone_multipliers and end == core.end  # 近千家 is a number, 万 alone none
        out.append(Reading(start, end - 1, value, bound, percent, weak, word_only, core.scale))
        i = end
    return out
