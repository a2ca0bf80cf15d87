"""Find place names in text and link names in any script to the gazetteer.

A name links exactly when the gazetteer has it in that script; otherwise through its phonetic key, checked by
the similarity of its romanisation to the place's Latin names. Ambiguous names are settled by the other places
named in the same text (a province, a country), then by administrative level and population.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex
from rapidfuzz import fuzz, process

from industrywatch.patterns import fast
from industrywatch.places.gazetteer import Affixes, Gazetteer, Place, PlaceMention, fold, gazetteer, strip
from industrywatch.places.phonetic import closeness, is_abjad, key_of_roman, plain, romanise, vowelled

_TOKEN = regex.compile(r"[\p{L}\p{M}]+")  # `regex` scans runs of a large class faster than `re`
_WORD_CHAR = fast(r"[\p{L}\p{M}\p{N}]")
_HAN = fast(r"\p{Han}")
_SPACE = fast(r"[ \t\u00a0]*")
_KS = regex.compile(r"ks")
_Heard = tuple[str, str, str, bool]
# Phonetic links: how close a name's romanisation must be to the place's (rapidfuzz ratio, 0-100).
MIN_SIMILARITY = 80
MIN_SIMILARITY_STRICT = 88  # for keys of two consonant classes, names over two tokens, keys that differ
MIN_SIMILARITY_ONE_CLASS = 95
MIN_SIMILARITY_FAR = 92  # for places outside China
VOWELLED_WEIGHT = 0.7
# Each word of a name written as two words has at least this many letters (so "का नया" is not Kenya).
MIN_WORD_LETTERS = 3
CONTEXT_BONUS = 10.0
# Phonetic candidates within this many points of the best similarity are a tie, settled by context and prior.
TIE_MARGIN = 5.0
# A name that is a place's own English name ("Shanxi") beats the same string as another's variant spelling.
OWN_NAME_BONUS = 1.0
CONTEXT_MARGIN = 25.0
# A Latin name written without (or with other) diacritics (Jinán, Vo Tich), or with an inflectional ending
# (Chinas), links like an exact one but loses to a name written exactly.
LOOSE_SIMILARITY = 99.0
INFLECTED_SIMILARITY = 98.0
INFLECTED_LEVELS = frozenset({"country", "province", "region", "prefecture", "adm1", "city"})
# Levels of which there are thousands, whose names are shared.
SMALL_LEVELS = frozenset({"county", "city"})
# A shared name is the place far more populous than the others that have it (Yiwu, 义乌, not 伊吾): its prior
# exceeds theirs by this much, a hundred times the population.
SHARED_PRIOR_MARGIN = 0.2
# Names in Arabic script (which leaves short vowels unwritten) that sound the same class for class as several
# places' (شیان: Shiyan and Xi'an) are one name shared by them:
# the likelier place (by context, level and population) is meant, not the one whose spelling is closer.
SHARED_SIMILARITY = 99.0
_VOWEL_GROUPS = regex.compile(r"[aiu]+")
_ABJAD_E = regex.compile(r"(?<=^[^aeiouy]+)y(?=[^aeiouy])")
_QUALIFIER_SEPARATORS = (" ", "-", "\u00a0")
# A person's name after a title: up to this many characters of Chinese, or words elsewhere.
PERSON_NAME_CHARS = 3
PERSON_NAME_WORDS = 2
_TITLE_GAP = regex.compile(r"\.?[ \u00a0]+")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    places: dict[int, float]  # place index -> similarity of the name (100 when exact)
    exact: bool
    surface: str  # the folded name as matched, without suffix
    suffixed: bool = False
    weak: set[int] = field(default_factory=set)


def _is_latin_or_han(token: str) -> bool:
    first = token[0]
    return first < "\u0250" or "\u3400" <= first <= "\u9fff" or "\uf900" <= first <= "\ufaff"


@lru_cache(maxsize=200_000)
def _roman(token: str) -> _Heard:
    """(phonetic key, vowelled romanisation, plain romanisation, written without short vowels) of one token
    of neither Latin nor Chinese script (those link only by exact name)."""
    roman = romanise(token)
    return key_of_roman(roman), vowelled(roman), plain(roman), is_abjad(token)


def _exact_candidates(
    g: Gazetteer, text: str, folded: str, spans: list[tuple[int, int]], affixes: tuple[Affixes, Affixes]
) -> list[_Candidate]:
    endings, prefixes = affixes
    found = []
    if _HAN.search(text):
        found += [_exact(g.exact[s], start, end, s, 100.0) for start, end, s in _han_names(g, folded)]
    # Other names are whole words (or runs of up to ``g.max_words`` words): look each run up, as written and
    # without a prefix joined to its first word (والصين).
    for i, (start, first_end) in enumerate(spans):
        word = folded[start:first_end]
        if _may_open(g, text, start, word, endings):
            found += _runs(g, text, folded, spans, i, start, "", endings)
        for head, skip in _heads(word, prefixes) if prefixes else ():
            if skip:
                found += _runs(g, text, folded, spans, i, start + skip, head, endings)
    return found


def _may_open(g: Gazetteer, text: str, start: int, word: str, endings: Affixes) -> bool:
    """Whether a name may begin with this word as written: a capitalised Latin word or one that names
    write in lower case (delta del), or a word that opens a name in another script (or ends like one)."""
    if _latin_start(word):
        return text[start].isupper() or word in g.lower_openers
    return word in g.openers or any(word.endswith(ending) for ending, _ in endings)


def _heads(word: str, prefixes: Affixes) -> Iterator[tuple[str, int]]:
    """("", 0) for the word as written, then (what it stands for, its length) for each prefix it has."""
    yield "", 0
    for prefix, (put,) in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            yield put, len(prefix)


def _runs(
    g: Gazetteer,
    text: str,
    folded: str,
    spans: list[tuple[int, int]],
    i: int,
    start: int,
    head: str,
    endings: Affixes,
) -> list[_Candidate]:
    """The names that the words from the i-th on spell, read from ``start`` with ``head`` before them."""
    found: list[_Candidate] = []
    latin = _latin_start(folded[start])
    if latin:  # a Latin name starts with a capital, or with a word that one writes in lower case (delta del)
        if not text[start].isupper() and folded[start : spans[i][1]] not in g.lower_openers:
            return found
    else:  # Chinese, which has no spaces, was looked up above
        word = head + folded[start : spans[i][1]]
        if word not in g.openers and not any(word.endswith(ending) for ending, _ in endings):
            return found
    for j in range(i, min(i + g.max_words, len(spans))):
        end = spans[j][1]
        surface = head + folded[start:end]
        exact = not head and start == spans[i][0]
        entries, score = g.exact.get(surface), (100.0 if exact else INFLECTED_SIMILARITY)
        if entries is None and latin:
            entries, score = g.loose.get(strip(surface)), LOOSE_SIMILARITY
        if entries is None and endings:
            entries, score = _inflected(g, surface, endings), INFLECTED_SIMILARITY
        if entries and (not latin or j == i or _capitalised(g, text, folded, spans[i + 1 : j + 1])):
            found.append(_exact(entries, start, end, surface, score))
        if surface not in g.name_starts and not (latin and strip(surface) in g.name_starts):
            break  # no longer name begins with these words
    return found


def _han_names(g: Gazetteer, folded: str) -> Iterator[tuple[int, int, str]]:
    """Every Chinese name anywhere in the text, overlapping ones included: (start, end, name)."""
    for start, first in enumerate(folded):
        if first not in g.han_prefixes:
            continue
        for end in range(start + 1, len(folded) + 1):
            surface = folded[start:end]
            if surface not in g.han_prefixes:
                break
            if surface in g.han_names:
                yield start, end, surface


def _inflected(g: Gazetteer, surface: str, endings: Affixes) -> list[tuple[int, bool]] | None:
    """The names of major places that ``surface`` is with an ending (Chinas, Шаньдуне, Китае), if any. A
    city's Latin name takes none: with thousands of them, a word and an ending is too often one (Virus)."""
    levels = INFLECTED_LEVELS - {"city"} if _latin_start(surface) else INFLECTED_LEVELS
    for ending, replacements in endings:
        if surface.endswith(ending) and len(surface) > len(ending) + 3:
            for put in replacements:
                stem = surface[: -len(ending)] + put
                entries = g.exact.get(stem) or g.loose.get(strip(stem)) or []
                entries = [(i, w) for i, w in entries if g.places[i].level in levels]
                if entries:
                    return entries
    return None


def _capitalised(g: Gazetteer, text: str, folded: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the later words of a Latin name of several words are capitalised as names write them (Tứ Xuyên,
    Bosnia and Herzegovina; not the common phrase "trang trại")."""
    return all(text[s].isupper() or folded[s:e] in g.lower_words for s, e in spans)


def _exact(entries: list[tuple[int, bool]], start: int, end: int, surface: str, score: float) -> _Candidate:
    places = dict.fromkeys((i for i, _ in entries), score)
    return _Candidate(start, end, places, True, surface, weak={i for i, w in entries if w})


def _han_start(surface: str) -> bool:
    return "\u3400" <= surface[0] <= "\u9fff" or "\uf900" <= surface[0] <= "\ufaff"


def _latin_start(surface: str) -> bool:
    return surface[0] < "\u0250"


def _similar(g: Gazetteer, heard: _Heard, places: Iterable[int], strict: bool) -> dict[int, float]:
    """The places whose Latin names sound like ``heard`` (key, vowelled, plain, abjad), with how closely.

    The vowelled form absorbs transliteration variants; the plain one keeps a common word whose consonant
    classes happen to match (billion, deputy) from passing for a place. A name whose key differs from the
    place's own (it was found through another script's spelling), or names a county-level city, must sound
    closer; one that would name a place outside China (a translation from Chinese rarely names one by ear),
    closer still.
    """
    key, heard_vowelled, heard_plain, abjad = heard
    found = {}
    for i in places:
        place = g.places[i]
        far = place.country != "CN"
        for key_, vowelled_, plain_ in g.spoken[i]:
            score = VOWELLED_WEIGHT * closeness(heard_vowelled, vowelled_, abjad) + (
                1 - VOWELLED_WEIGHT
            ) * closeness(heard_plain, plain_, abjad)
            loose = not strict and key_ == key and place.level != "county"
            # A name of fewer syllables than the place's (ਝਾਂਗ, Zhang, for Yichang) must sound closer; one of
            # more may carry a case ending (Цзинани).
            if not abjad and _syllables(heard_vowelled) < _syllables(vowelled_):
                loose = False
            floor = MIN_SIMILARITY if loose else MIN_SIMILARITY_STRICT
            if abjad and score >= floor and heard_vowelled == vowelled_:
                score = max(score, SHARED_SIMILARITY)
            if far:
                floor = max(floor, MIN_SIMILARITY_FAR)
            if score >= floor and score > found.get(i, 0.0):
                found[i] = score
    return found


def _syllables(vowelled_: str) -> int:
    return len(_VOWEL_GROUPS.findall(vowelled_))


def _phonetic_candidates(
    g: Gazetteer, text: str, folded: str, spans: list[tuple[int, int]]
) -> list[_Candidate]:
    found = []
    romans = [None if _is_latin_or_han(text[s]) else _roman(text[s:e]) for s, e in spans]
    romans.append(None)
    for i, (start, end) in enumerate(spans):
        heard = romans[i]
        if heard is None or heard[0] not in g.key_prefixes:
            continue
        best = None
        if heard[0] in g.keys and heard[2] not in g.stop:
            best = _heard_candidate(g, heard, False, start, end)
        # A name written as two words: ਗੁਆਂਗ ਯੁਆਨ, چونگ چنگ, ڈونگ گوان. It is heard as one word, so that the
        # sounds on either side of the space join as in the name (ng g is one ng).
        following = romans[i + 1]
        if (
            following
            and min(len(heard[2]), len(following[2])) >= MIN_WORD_LETTERS
            and _SPACE.fullmatch(text, end, spans[i + 1][0])
        ):
            joined = _roman(text[start:end] + text[spans[i + 1][0] : spans[i + 1][1]])
            if joined[0] in g.keys:
                best = _heard_candidate(g, joined, True, start, spans[i + 1][1]) or best
        if best:
            found.append(best)
    return found


def _heard_candidate(g: Gazetteer, heard: _Heard, joined: bool, start: int, end: int) -> _Candidate | None:
    """A phonetic candidate for the romanised name ``heard`` at text[start:end], if it sounds like a place."""
    places = dict(_places_heard(heard, joined))
    if not places:
        return None
    # A county-level city heard through another script needs support, like a weak name.
    counties = {i for i in places if g.places[i].level == "county"}
    return _Candidate(start, end, places, False, "", weak=counties)


@lru_cache(maxsize=100_000)
def _places_heard(heard: _Heard, joined: bool) -> tuple[tuple[int, float], ...]:
    """Places whose phonetic key is that of ``heard`` and which sound like it (cached: words repeat)."""
    g = gazetteer()
    found: dict[int, float] = {}
    for reading in _readings(heard):
        key_, _, plain_, _ = reading
        if key_ not in g.keys or len(plain_) < 4:
            continue
        for i, score in _similar(g, reading, g.keys[key_], joined or len(key_) < 3).items():
            found[i] = max(score, found.get(i, 0.0))
    if len(heard[0]) == 1:  # Wuxi, वूशी: one consonant leaves little to go on
        found = {i: score for i, score in found.items() if score >= MIN_SIMILARITY_ONE_CLASS}
    return tuple(found.items())


def _readings(heard: _Heard) -> list[_Heard]:
    """``heard`` and the pinyin it may stand for: a translator who reads pinyin x as English x writes ks
    (ਸ਼ਾਨਕਸੀ for Shaanxi), one who reads it as z writes z (ਜ਼ਿਆਮੇਨ for Xiamen); Arabic script writes e with
    the letter it writes y with (ہیبی for Hebei), and a doubled letter there may have a vowel between
    (ناننگ for Nanning)."""
    readings = [heard]
    key_, _, plain_, abjad = heard
    if "ks" in key_:
        readings.append((*(_KS.sub("s", part) for part in heard[:3]), abjad))
    if "z" in plain_:
        readings.append(_reading(plain_.replace("z", "s"), abjad))
    if abjad:
        if (e := _ABJAD_E.sub("e", plain_)) != plain_:
            readings.append(_reading(e, abjad))
            if e.endswith("y"):  # a final ی may be pinyin ei (ہیبی for Hebei)
                readings.append(_reading(e[:-1] + "ei", abjad))
        double = next((i for i in range(len(plain_) - 1) if plain_[i] == plain_[i + 1]), None)
        if double is not None:
            head, tail = plain_[: double + 1], plain_[double + 1 :]
            readings.append(
                (key_of_roman(head) + key_of_roman(tail), vowelled(head) + vowelled(tail), plain_, abjad)
            )
    return readings


def _reading(roman: str, abjad: bool) -> _Heard:
    return key_of_roman(roman), vowelled(roman), plain(roman), abjad


def _attach_suffix(g: Gazetteer, candidate: _Candidate, folded: str) -> None:
    """Extend a mention over an administrative suffix that follows it (省, 市, Province, ਪ੍ਰਾਂਤ ...), or note
    the administrative word before it."""
    end = candidate.end
    if _han_start(folded[candidate.start]):
        suffix = next((s for s in g.attached if folded.startswith(s, end)), None)
        if suffix:
            candidate.end, candidate.suffixed = end + len(suffix), True
        return
    gap = _SPACE.match(folded, end).end()
    if gap != end and gap < len(folded):
        for word in _by_edge(g.words, 0).get(folded[gap], ()):
            after = gap + len(word)
            if folded.startswith(word, gap) and not _WORD_CHAR.match(folded, after):
                candidate.end, candidate.suffixed = after, True
                return
    # Or before it (tỉnh Tứ Xuyên, Provinz Sichuan).
    start = candidate.start
    if start > 1 and folded[start - 1] == " ":
        for word in _by_edge(g.before, -1).get(folded[start - 2], ()):
            at = start - 1 - len(word)
            if at >= 0 and folded.startswith(word, at) and not _word_before(folded, at):
                candidate.start, candidate.suffixed = at, True
                return


_EDGES: dict[tuple[int, int], tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {}


def _by_edge(words: tuple[str, ...], edge: int) -> dict[str, tuple[str, ...]]:
    """The words by their first (edge 0) or last (edge -1) character, in their order: the few worth
    trying at a position (built once a word list)."""
    key = (id(words), edge)
    kept = _EDGES.get(key)
    if kept is None or kept[0] is not words:  # kept with its list, so no other list takes its id
        table: dict[str, list[str]] = {}
        for word in words:
            if word:
                table.setdefault(word[edge], []).append(word)
        kept = _EDGES[key] = (words, {ch: tuple(ws) for ch, ws in table.items()})
    return kept[1]


def _qualify(g: Gazetteer, candidate: _Candidate, folded: str) -> None:
    """Turn a mention of a place into one of the place its qualifier names: "Inner Mongolia", "Mongolie-
    Intérieure", "اندرونی منگولیا" are not Mongolia."""
    for base, variants in g.qualified.items():
        if base not in candidate.places:
            continue
        for place, before, after in variants:
            start, end = candidate.start, candidate.end
            # Diacritics stripped, one character for one, from a window around the mention.
            window = max(0, start - 40)
            stripped = strip(folded[window : end + 40])
            start, end = start - window, end - window
            for word in before:
                for sep in _QUALIFIER_SEPARATORS:
                    at = start - len(sep) - len(word)
                    if at >= 0 and stripped.startswith(word + sep, at) and not _word_before(stripped, at):
                        start = at
            for word in after:
                for sep in _QUALIFIER_SEPARATORS:
                    if stripped.startswith(sep + word, end) and not _WORD_CHAR.match(
                        stripped, end + len(sep) + len(word)
                    ):
                        end += len(sep) + len(word)
                        break
            if (start + window, end + window) != (candidate.start, candidate.end):
                candidate.start, candidate.end = start + window, end + window
                candidate.places, candidate.weak, candidate.exact = {place: 100.0}, set(), True
                candidate.surface = ""
                return


def _word_before(text: str, at: int) -> bool:
    return at > 0 and bool(_WORD_CHAR.match(text, at - 1))


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping mentions: exact before phonetic, then longer first, then a name written whole before
    one with an administrative word attached (朝阳区 the district, not 朝阳 the city + 区), then leftmost."""
    chosen: list[_Candidate] = []
    taken = bytearray(max((c.end for c in candidates), default=0))
    for c in sorted(candidates, key=lambda c: (not c.exact, -(c.end - c.start), c.suffixed, c.start)):
        if not any(taken[c.start : c.end]):
            chosen.append(c)
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _related(place: Place, context: Iterable[Place], country: bool = True) -> bool:
    """Whether a place sits in, contains or shares a parent with one of the context places (or, with
    ``country``, is in a country named there)."""
    for other in context:
        if other is place:
            continue
        if other.name in place.ancestors or place.name in other.ancestors:
            return True
        if place.parent is not None and place.parent in (other.name, other.parent):
            return True
        # Naming the country supports its provinces, prefectures and cities, not China's 2,800 counties.
        if (
            country
            and other.level == "country"
            and other.country == place.country
            and place.level != "county"
        ):
            return True
    return False


def _resolve(g: Gazetteer, c: _Candidate, context: list[Place]) -> Place | None:
    """The likeliest place: the closest-sounding, then related to the context, then by level and population.
    Weak names need support (a suffix or a related place)."""
    supported = {
        i: score
        for i, score in c.places.items()
        if i not in c.weak or c.suffixed or _related(g.places[i], context, i not in g.near_support)
    }
    if not supported:
        return None
    top = max(supported.values())
    best, best_score = None, float("-inf")
    for index, similarity in supported.items():
        related = _related(g.places[index], context)
        if similarity < top - (CONTEXT_MARGIN if related else TIE_MARGIN):
            continue
        score = similarity / 5 + g.prior(index) + (CONTEXT_BONUS if related else 0.0)
        if g.folded_names[index] == c.surface:
            score += OWN_NAME_BONUS
        if score > best_score:
            best, best_score = index, score
    if best is None or _undecided(g, best, supported, top, context):
        return None
    return g.places[best]


def _undecided(
    g: Gazetteer, best: int, supported: dict[int, float], top: float, context: list[Place]
) -> bool:
    """Whether a name that several small places share (朝阳区 in Beijing and in Changchun, Xincheng
    District in a dozen cities) is left unsaid: another as likely (as close in sound, as populous within a
    hundred times, as related to the places named nearby) has it too."""
    place = g.places[best]
    if place.level not in SMALL_LEVELS:
        return False
    related, floor = _related(place, context), g.prior(best) - SHARED_PRIOR_MARGIN
    return any(
        i != best
        and score >= top - TIE_MARGIN
        and g.places[i].level == place.level
        and (related or g.prior(i) > floor)
        and _related(g.places[i], context) == related
        for i, score in supported.items()
    )


def _mentions(g: Gazetteer, text: str, lang: str | None = None) -> list[_Candidate]:
    """Non-overlapping candidate mentions with their qualifiers and administrative suffixes attached."""
    folded = fold(text)
    spans = [m.span() for m in _TOKEN.finditer(text)]
    candidates = _exact_candidates(g, text, folded, spans, _affixes(g, lang))
    candidates += _phonetic_candidates(g, text, folded, spans)
    for candidate in candidates:
        _qualify(g, candidate, folded)
        _attach_suffix(g, candidate, folded)
    ends = {c.end for c in candidates if _han_start(folded[c.start])}
    people = _person_names(g, text, folded, spans, ends)
    return _select([c for c in candidates if not _in_word(g, c, folded) and not _a_person(c, people, folded)])


def _in_word(g: Gazetteer, c: _Candidate, folded: str) -> bool:
    """Whether a Chinese name is part of a longer common word: after its start (示范县 holds 范县, 李长春
    长春), or at its start when the name alone would need support anyway (公安局, 资源库)."""
    for word, offset in g.han_words.get(c.surface, ()) if c.exact else ():
        if folded.startswith(word, c.start - offset) and (offset or c.weak.issuperset(c.places)):
            return True
    return False


def _person_names(
    g: Gazetteer, text: str, folded: str, spans: list[tuple[int, int]], han_ends: set[int]
) -> list[tuple[int, int]]:
    """Where the names that follow a title stand (Secretary Li Qiang, 市长王春, ਮੇਅਰ ਲੀ): (start, end) spans
    that no place name starts in. A Chinese personal name is two or three characters; elsewhere it is the
    next word or two (capitalised, in Latin script). A Chinese title whose first character ends a place name
    is none (湖州长兴 is Huzhou's Changxing, not a governor)."""
    found = []
    for title in g.han_titles if _HAN.search(folded) else ():
        at = folded.find(title)
        while at != -1:
            if at + 1 not in han_ends:
                found.append((at + 1, at + len(title) + PERSON_NAME_CHARS))
            at = folded.find(title, at + 1)
    words = [folded[s:e] for s, e in spans]
    for i in range(len(spans) - 1):
        if words[i] not in g.title_openers:
            continue
        for last in (i, i + 1):
            if last + 1 < len(spans) and " ".join(words[i : last + 1]) in g.titles:
                found += _name_after(text, spans, last + 1)
    return found


def _name_after(text: str, spans: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The span of the one or two words of a person's name from the ``first``-th word on."""
    out = []
    for k in range(first, min(first + PERSON_NAME_WORDS, len(spans))):
        start, end = spans[k]
        gap = text[spans[k - 1][1] : start]
        if (_latin_start(text[start]) and not text[start].isupper()) or not _TITLE_GAP.fullmatch(gap):
            break
        out.append((start, end))
    return out


def _a_person(c: _Candidate, people: list[tuple[int, int]], folded: str) -> bool:
    """Whether a mention starts in a person's name; a name with its administrative word stays a place, as
    does a name of another script written exactly (صدر پاکستان: Pakistan's president)."""
    other_script = c.exact and not (_latin_start(folded[c.start]) or _han_start(folded[c.start]))
    if c.suffixed or (other_script and not c.weak.issuperset(c.places)):
        return False
    return any(start <= c.start < end for start, end in people)


def _affixes(g: Gazetteer, lang: str | None) -> tuple[Affixes, Affixes]:
    """The endings and prefixes a name may take in ``lang`` (those of every language, when it is unknown)."""
    if lang is None:
        return _merged(g.endings), _merged(g.prefixes)
    return g.endings.get(lang, ()), g.prefixes.get(lang, ())


def _merged(by_language: dict[str, Affixes]) -> Affixes:
    table: dict[str, tuple[str, ...]] = {}
    for affixes in by_language.values():
        for affix, puts in affixes:
            table[affix] = tuple(dict.fromkeys(table.get(affix, ()) + puts))
    return tuple((a, table[a]) for a in sorted(table, key=len, reverse=True))


def find_places(text: str, lang: str | None = None) -> list[PlaceMention]:
    """Every place-name mention in ``text``, non-overlapping, offsets into ``text`` as passed.

    Names are matched in every script whatever ``lang`` is; ``lang`` only decides which endings and prefixes
    a name may take (its pack's places.toml).
    """
    g = gazetteer()
    chosen = _mentions(g, text, lang)
    # First pass without context: what each mention most likely is on its own; then again, in the context of
    # the other names (a name is no evidence for itself: Jiangsu must not pull ਜਿਆਂਗਸੂ towards Jiangxi).
    # Two names written in Latin or another alphabet that need support support each other when one may be a
    # place in the other (Klang, in Selangor): each is then evidence for the other, never for itself.
    alone = _resolve_all(g, chosen, {})
    named: dict[Place, set[tuple]] = {}
    maybe: dict[Place, set[tuple]] = {}
    for c, place in zip(chosen, alone, strict=True):
        for p in [place] if place is not None else _unsupported(g, c, text):
            (named if place is not None else maybe).setdefault(p, set()).add(_signature(c))
    for p, sources in maybe.items():
        if any(_nested(p, q) and others - sources for q, others in (*named.items(), *maybe.items())):
            named.setdefault(p, set()).update(sources)
    places = _resolve_all(g, chosen, named)
    return [
        PlaceMention(c.start, c.end, text[c.start : c.end], place)
        for c, place in zip(chosen, places, strict=True)
        if place is not None
    ]


def _unsupported(g: Gazetteer, c: _Candidate, text: str) -> list[Place]:
    """The places a name written exactly, not in Chinese characters, may be if it had support; not China's
    counties and districts, whose bare names are as often words (Yuan is Yu'an District, of Lu'an, as Jinan
    is Jin'an District)."""
    if not c.exact or _han_start(text[c.start]):
        return []
    return [g.places[i] for i in c.places if i in c.weak and g.places[i].level != "county"]


def _nested(place: Place, other: Place) -> bool:
    """Whether one of two places lies in the other."""
    return other.name in place.ancestors or place.name in other.ancestors


def _signature(c: _Candidate) -> tuple:
    return (tuple(c.places.items()), tuple(c.weak), c.suffixed, c.surface)


def _resolve_all(
    g: Gazetteer, chosen: list[_Candidate], named: dict[Place, set[tuple]]
) -> list[Place | None]:
    """Resolve every candidate in the context of the places the other names name, once per distinct name
    (names repeat in a document)."""
    memo: dict[tuple, Place | None] = {}
    out = []
    for c in chosen:
        signature = _signature(c)
        if signature not in memo:
            context = [p for p, sources in named.items() if sources - {signature}]
            memo[signature] = _resolve(g, c, context)
        out.append(memo[signature])
    return out


def link_place(name: str, context: Iterable[Place] = ()) -> Place | None:
    """The place a single name (in any script, with or without an administrative suffix) refers to."""
    g = gazetteer()
    name = name.strip()
    if not name:
        return None
    whole = [c for c in _mentions(g, name) if c.start == 0 and c.end == len(name)]
    if whole:
        whole[0].weak.clear()
        return _resolve(g, whole[0], list(context))
    # Last resort: the closest-sounding Latin name anywhere in the gazetteer.
    spoken = vowelled(romanise(name))
    if len(spoken) < 4:
        return None
    choices, owners = _spoken_choices()
    best = process.extractOne(spoken, choices, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY_STRICT)
    return g.places[owners[best[2]]] if best else None


@cache
def _spoken_choices() -> tuple[list[str], list[int]]:
    """Every vowelled Latin name in the gazetteer, and the index of the place it names."""
    g = gazetteer()
    pairs = [(v, i) for i, names in enumerate(g.spoken) for _, v, _ in names]
    return [s for s, _ in pairs], [i for _, i in pairs]
