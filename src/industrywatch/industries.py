"""The canonical industries. Their names in each language live in that pack's cues.toml [industries]."""

from __future__ import annotations

INDUSTRIES = frozenset(
    {
        "laser", "aluminium", "steel", "copper", "rare earths", "lithium", "graphite", "photovoltaics",
        "wind power", "hydrogen", "batteries", "new energy vehicles", "automotive", "semiconductors",
        "electronics", "textiles", "garments", "chemicals", "petrochemicals", "pharmaceuticals",
        "biomedicine", "hardware", "machinery", "equipment manufacturing", "robotics", "plastics",
        "building materials", "ceramics", "glass", "furniture", "food processing", "tea", "paper",
        "shipbuilding", "aerospace", "new materials", "software", "logistics", "tourism", "coal",
    }
)  # fmt: skip
