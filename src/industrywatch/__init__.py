"""industrywatch: structured, source-grounded quantitative claims from reports on industrial development."""

from industrywatch.claims import extract
from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities
from industrywatch.records import Claim, Document, Quantity

__all__ = ["Claim", "Document", "IndustrywatchError", "Quantity", "extract", "quantities"]
__version__ = "0.1.0"
