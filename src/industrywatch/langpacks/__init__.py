"""Language packs: one folder of TOML data per language (see schema.py), loaded by loader.py."""

from industrywatch.langpacks.loader import Pack, available, load

__all__ = ["Pack", "available", "load"]
