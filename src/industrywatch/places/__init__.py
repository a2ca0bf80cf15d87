"""Places: a gazetteer of China and the world's countries and first-level divisions, linked across scripts."""

from industrywatch.places.gazetteer import Place, PlaceMention
from industrywatch.places.linking import find_places, link_place

__all__ = ["Place", "PlaceMention", "find_places", "link_place"]
