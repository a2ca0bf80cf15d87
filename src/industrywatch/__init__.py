"""industrywatch: structured, source-grounded claims from reports on industrial development."""

from __future__ import annotations

from typing import TYPE_CHECKING

from industrywatch.errors import IndustrywatchError
from industrywatch.records import Claim, Document, Quantity

if TYPE_CHECKING:
    from industrywatch.claims import extract
    from industrywatch.numbers import quantities
    from industrywatch.store import Store

__all__ = ["Claim", "Document", "IndustrywatchError", "Quantity", "Store", "extract", "quantities"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # Imported when asked for: the engine loads its patterns and packs' code, the store SQLAlchemy and
    # pandas, and a command that uses neither (`industrywatch --help`) loads none of them.
    if name == "extract":
        from industrywatch.claims import extract

        return extract
    if name == "quantities":
        from industrywatch.numbers import quantities

        return quantities
    if name == "Store":
        from industrywatch.store import Store

        return Store
    raise AttributeError(f"module 'industrywatch' has no attribute {name!r}")
