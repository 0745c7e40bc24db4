"""open_store(location): the embedded store for a folder, the endpoint store for an http(s) URL."""

from __future__ import annotations

from pathlib import Path

from graph_store.embedded import EmbeddedStore
from graph_store.endpoint import EndpointStore
from graph_store.protocol import GraphStore
from graph_store.settings import get_setting

# name → implementation: a folder (or ':memory:') opens the embedded store, an http(s) URL the
# endpoint. The contract suite (tests/graph_store/test_store_contract.py) runs on each.
BACKENDS: dict[str, type] = {"embedded": EmbeddedStore, "endpoint": EndpointStore}


def open_store(
    location: str | Path | None = None,
    read_only: bool = False,
    update_url: str | None = None,
) -> GraphStore:
    """Return the store at `location`: a folder (embedded Oxigraph) or a SPARQL endpoint URL.

    With no location, EDUKG_ENDPOINT is used when set, else EDUKG_STORE (default data/store).
    ':memory:' gives an empty in-memory store (for tests).
    """
    if location is None:
        location = get_setting("endpoint") or get_setting("store")
    location = str(location)
    if location.startswith(("http://", "https://")):
        return EndpointStore(location, update_url=update_url or get_setting("update_endpoint"))
    if location == ":memory:":
        return EmbeddedStore(None)
    return EmbeddedStore(location, read_only=read_only)
