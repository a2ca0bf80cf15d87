"""Core records: frozen, slotted dataclasses that flow from the engine to every interface."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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
        return asdict(self)
