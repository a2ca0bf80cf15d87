"""Claims: what each figure in a document measures, for which place and year, and whether it is a target."""

from industrywatch.claims.extract import extract

__all__ = ["extract"]
