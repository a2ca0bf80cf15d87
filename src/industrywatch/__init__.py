"""industrywatch: structured, source-grounded claims from reports on industrial development."""

from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities
from industrywatch.records import Claim, Document, Quantity

__all__ = ["Claim", "Document", "IndustrywatchError", "Quantity", "Store", "extract", "quantities"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The store pulls in SQLAlchemy and pandas: imported when asked for, not by extract() users.
    if name == "Store":
        from industrywatch.store import Store

        return Store
    raise AttributeError(f"module 'industrywatch' has no attribute {name!r}")
