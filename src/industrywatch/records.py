"""Core records: frozen, slotted dataclasses that flow from the engine to every interface."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date

BOUNDS = ("eq", "approx", "gt", "ge", "lt", "le")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text, with its scale words applied and its unit and bound attached.

    Offsets refer to the text exactly as passed. `raw_value`/`raw_unit` are as written (scale words
    applied, before unit conversion: 3 亩 is raw 3 mu); `value`/`unit` are canonical (2000 m2).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    kind: str
    raw_value: float
    raw_unit: str | None
    value_max: float | None = None
    bound: str = "eq"

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in _QUANTITY_FIELDS}


@dataclass(frozen=True, slots=True)
class Claim:
    """A quantitative claim: a quantity with what it measures, where, when, and whether it is a target.

    `to_record()` gives the claim record of the evaluation format (one JSON object per line)."""

    doc_id: str | None
    start: int
    end: int
    text: str
    value: float
    unit: str
    metric: str
    relation: str = "level"
    bound: str = "eq"
    value_max: float | None = None
    period: int | None = None
    base_period: int | None = None
    modality: str = "actual"
    region: str | None = None
    base_region: str | None = None
    industry: str | None = None
    product: str | None = None
    organization: str | None = None
    confidence: float = 0.5

    def to_record(self) -> dict:
        return {name: getattr(self, name) for name in _CLAIM_FIELDS}


# Every field holds a plain value, so a record is its fields as they are (asdict would deep-copy each).
_QUANTITY_FIELDS = tuple(f.name for f in fields(Quantity))
_CLAIM_FIELDS = tuple(f.name for f in fields(Claim))


@dataclass(frozen=True, slots=True)
class Document:
    """A text to extract claims from, with what its source says about it."""

    id: str
    text: str
    lang: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None  # file path, and record number or URL within it

    @property
    def content_hash(self) -> str:
        """The text's SHA-256; a lone surrogate (no character, but a Python string may hold one) is hashed
        as its code unit, so no text makes this fail."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()
