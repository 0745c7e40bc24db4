"""The edukg vocabulary: Turtle sources (edukg.ttl, programs.ttl, shapes.ttl) and their Python mirror."""

from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
