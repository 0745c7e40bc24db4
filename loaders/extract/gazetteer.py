"""The area gazetteer under the names extraction has always imported (see loaders/gazetteer.py).

There is one table and one area type: `AreaInfo` is `loaders.gazetteer.Area`. Extraction sits
above `loaders/` in the data flow, so the gazetteer itself lives there, where metadata reads it
too; this module only keeps the extraction rules' imports working.
"""

from __future__ import annotations

from loaders.gazetteer import (
    LEVELS,
    ROAD_HEAD,
    Area,
    Gazetteer,
    after_places,
    area_chain,
    leading_place,
    load_gazetteer,
    place_lengths_before,
    places_only,
)

AreaInfo = Area

__all__ = [
    "LEVELS",
    "ROAD_HEAD",
    "AreaInfo",
    "after_places",
    "Gazetteer",
    "area_chain",
    "leading_place",
    "load_gazetteer",
    "place_lengths_before",
    "places_only",
]
