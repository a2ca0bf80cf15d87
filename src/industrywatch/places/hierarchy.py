"""How places nest: a county in its prefecture, a city in its province, every place in its country."""

from __future__ import annotations

from functools import cache

from industrywatch.places.gazetteer import Place, gazetteer

# From the most specific level to the least; a level not listed counts as a city's.
LEVELS = ("county", "prefecture", "adm2", "province", "adm1", "region", "country")


def specificity(place: Place) -> int:
    """0 for the most specific level (a county), higher for wider ones."""
    return LEVELS.index(place.level) if place.level in LEVELS else LEVELS.index("prefecture")


def contains(outer: Place, inner: Place) -> bool:
    """Whether `inner` lies in `outer`: its parent, its parent's parent, or its country."""
    if outer == inner:
        return False
    if outer.level == "country":
        return inner.country == outer.country
    parent = parent_of(inner)
    while parent is not None:
        if parent == outer:
            return True
        parent = parent_of(parent)
    return False


def parent_of(place: Place) -> Place | None:
    return _by_name().get((place.country, place.parent)) if place.parent else None


def country_of(place: Place) -> Place | None:
    """The country a place lies in (`Place.country` is its ISO code, not a name to link)."""
    return place if place.level == "country" else _countries().get(place.country)


def province_of(place: Place) -> Place | None:
    """The first-level division a place lies in, or the place itself if it is one."""
    seen = place
    while seen is not None and seen.level not in ("province", "adm1"):
        if seen.level == "country":
            return None
        seen = parent_of(seen)
    return seen


@cache
def _by_name() -> dict[tuple[str, str], Place]:
    """(country, name) -> place, the widest level first where names repeat (a province named like its
    capital)."""
    out: dict[tuple[str, str], Place] = {}
    for p in sorted(gazetteer().places, key=specificity, reverse=True):
        if p.level != "country":
            out.setdefault((p.country, p.name), p)
    return out


@cache
def _countries() -> dict[str, Place]:
    return {p.country: p for p in gazetteer().places if p.level == "country"}
