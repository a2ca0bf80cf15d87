"""The language-neutral number engine: digits, number words, scale words, units, bounds and ranges."""

from industrywatch.numbers.engine import quantities

__all__ = ["quantities"]
