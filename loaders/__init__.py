"""File → triples. Never touches a store."""
