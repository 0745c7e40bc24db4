"""SERVICE / LOAD / escape variants generated against the app's guard (graph_store/sandbox.py
over graph_store/sparql_check.py): every call-out is refused, the same query without it runs,
look-alike words in strings and names run, and no text makes the checker raise."""

from __future__ import annotations

import atexit
import contextlib

import pyoxigraph as ox
from hypothesis import assume
from hypothesis import strategies as hs

from graph_store.sandbox import QueryRefused, QuerySyntaxError, check_read_only
from graph_store.sparql_check import (
    oxigraph_syntax_error,
    read_query,
    read_update,
    unescape_codepoints,
)
from ontology.namespace import PREFIXES
from tests.call_out import Listener, call_out_listener
from tests.fuzz.profile import fuzz
from tests.fuzz.sparql_gen import (
    LISTENER,
    Generated,
    guarded_queries,
    load_updates,
    look_alikes,
)

_OPEN: list[contextlib.AbstractContextManager[Listener]] = []


def _listener() -> Listener:
    """One listener for the whole run (starting one per example costs half a second)."""
    if not _OPEN:
        manager = call_out_listener()
        _OPEN.extend([manager, manager.__enter__()])  # type: ignore[list-item]
        # closed while its thread still serves: a generator finalised at exit would wait forever
        atexit.register(manager.__exit__, None, None, None)
    return _OPEN[1]  # type: ignore[return-value]


def _refused_or_unrunnable(query: str) -> str:
    """Return how the guard stopped `query`; fail when it would let it run."""
    try:
        check_read_only(query)
    except QueryRefused as err:
        return err.reason
    except QuerySyntaxError:
        # Only safe when Oxigraph cannot parse it either: then nothing can run.
        assert oxigraph_syntax_error(query, PREFIXES) is not None, query
        return "syntax"
    raise AssertionError(f"the guard let a call-out run:\n{query}")


@fuzz(generated=guarded_queries())
def test_every_generated_service_is_refused(generated: Generated) -> None:
    query = generated.query
    reason = _refused_or_unrunnable(query)
    if oxigraph_syntax_error(query, PREFIXES) is None:
        assert reason.startswith("SERVICE would call") or "could not be checked" in reason, reason


@fuzz(generated=guarded_queries(call=False))
def test_the_same_query_with_graph_instead_of_service_runs(generated: Generated) -> None:
    query = generated.query
    assume("service_in_service" not in generated.contexts)
    assume(oxigraph_syntax_error(query, PREFIXES) is None)
    check_read_only(query)  # not refused: the guard reads structure, not words


@fuzz(share=0.3, generated=guarded_queries(evaluated=True))
def test_a_generated_service_reaches_an_unguarded_oxigraph(generated: Generated) -> None:
    """The control: the generator writes real call-outs, which Oxigraph makes unguarded (a
    variable endpoint only when bound before the SERVICE is evaluated, which Oxigraph does not
    promise, so those are left out here; the guard refuses them all the same)."""
    query = generated.query
    assume(oxigraph_syntax_error(query, PREFIXES) is None)
    listener = _listener()
    listener.arrived.clear()
    # §19.2 escapes decoded first, so the listener's URL can stand where the generator's was
    real = unescape_codepoints(query).replace(LISTENER, listener.url)
    try:
        result = ox.Store().query(real)
        if isinstance(result, ox.QuerySolutions | ox.QueryTriples):
            list(result)
    except OSError:
        pass  # the listener answers 500: the call was made
    assert listener.arrived, real


@fuzz(update=load_updates())
def test_every_generated_load_is_refused(update: str) -> None:
    _refused_or_unrunnable(update)
    assert read_update(update).refusal in ("LOAD", "UNREADABLE")


@fuzz(query=look_alikes())
def test_keywords_inside_strings_names_and_comments_are_not_refused(query: str) -> None:
    assert oxigraph_syntax_error(query, PREFIXES) is None, query
    check_read_only(query)


_PIECES = [
    "SERVICE",
    "LOAD",
    "SELECT",
    "*",
    "{",
    "}",
    "<http://x/>",
    "\\u0041",
    "\\U00000053",
    '"',
    "'",
    "#",
    "\r",
    "\n",
    " ",
    "?s",
    "ex:a",
    ".",
    "(",
    ")",
    "PREFIX",
    ":",
    "INSERT",
    "DATA",
    ";",
]


@fuzz(
    text=hs.one_of(
        hs.text(max_size=60), hs.lists(hs.sampled_from(_PIECES), max_size=25).map("".join)
    )
)
def test_any_text_is_read_refused_or_a_syntax_error(text: str) -> None:
    reading = read_query(text)
    assert reading.refusal in (None, "SERVICE", "LOAD", "UPDATE", "UNREADABLE")
    try:
        check_read_only(text)
    except (QueryRefused, QuerySyntaxError) as err:
        assert "\n" not in getattr(err, "reason", "")
        return
    assert reading.refusal is None and oxigraph_syntax_error(text, PREFIXES) is None
