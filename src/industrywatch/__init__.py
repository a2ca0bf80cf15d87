"""industrywatch: structured, source-grounded quantitative claims from reports on industrial development."""

from industrywatch.errors import IndustrywatchError
from industrywatch.numbers import quantities
from industrywatch.records import Quantity

__all__ = ["IndustrywatchError", "Quantity", "quantities"]
__version__ = "0.1.0"
