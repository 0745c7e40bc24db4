"""Administrative divisions (GB/T 2260 codes, names, aliases, hierarchy) from jionlp's bundled
table, loaded once. An area's IRI is keyed by its 6-digit code, so 钟楼区 in Changzhou and any
other 钟楼区 stay apart; towns and streets, which have no code there, are keyed by their
county's code plus their name."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import NamedNode

from loaders.identifiers import entity_iri

LEVELS = ("province", "city", "county", "town")


@dataclass(frozen=True)
class Division:
    """One administrative area. `code` is the GB/T 2260 code, '' for a town or street."""

    name: str
    level: str
    code: str
    parent: str | None  # the parent's key
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Return the stable identity: the code, or '<county code>/<name>' for a town."""
        return self.code or f"{self.parent}/{self.name}"


@dataclass(frozen=True)
class DivisionTable:
    by_key: dict[str, Division]
    by_name: dict[str, tuple[Division, ...]]  # full names and aliases → divisions


def _aliases(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(v for v in value if isinstance(v, str))
    return ()


@lru_cache(maxsize=1)
def division_table() -> DivisionTable:
    """Return the whole table (about 45,000 areas), built once per process."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp

        data = jionlp.china_location_loader(detail=True)
    by_key: dict[str, Division] = {}

    def add(name: str, node: dict, level_index: int, parent: str | None) -> None:
        level = LEVELS[min(level_index, 3)]
        code = str(node.get("_admin_code") or "") if isinstance(node, dict) else ""
        full = node.get("_full_name", name) if isinstance(node, dict) else name
        division = Division(
            full,
            level,
            code,
            parent,
            _aliases(node.get("_alias")) if isinstance(node, dict) else (),
        )
        by_key.setdefault(division.key, division)
        if isinstance(node, dict) and level_index < 3:
            for child_name, child in node.items():
                if not child_name.startswith("_"):
                    add(
                        child_name,
                        child if isinstance(child, dict) else {},
                        level_index + 1,
                        division.key,
                    )

    for name, node in data.items():
        add(name, node, 0, None)
    by_name: dict[str, list[Division]] = {}
    for division in by_key.values():
        for label in {division.name, *division.aliases}:
            if len(label) >= 2:
                by_name.setdefault(label, []).append(division)
    ordered = {
        k: tuple(sorted(v, key=lambda d: (LEVELS.index(d.level), d.key)))
        for k, v in by_name.items()
    }
    return DivisionTable(by_key, ordered)


def find_divisions(name: str) -> tuple[Division, ...]:
    """Return every division called `name` (full name or alias), higher levels first.

    >>> [d.code for d in find_divisions("钟楼区")][:1]
    ['320404']
    """
    return division_table().by_name.get(name, ())


def division_chain(division: Division) -> tuple[Division, ...]:
    """Return the division and its ancestors, from the province down.

    >>> [d.name for d in division_chain(find_divisions("海陵区")[0])]
    ['江苏省', '泰州市', '海陵区']
    """
    table = division_table()
    chain = [division]
    while chain[-1].parent is not None:
        chain.append(table.by_key[chain[-1].parent])
    return tuple(reversed(chain))


def resolve_chain(names: tuple[str, ...] | list[str]) -> tuple[Division, ...]:
    """Return the divisions for a chain of names from the top (e.g. ('江苏省','常州市','钟楼区')).

    Each name is looked up among the children of the one before, so a repeated county name
    resolves to the right one. Names that do not resolve are dropped.

    >>> [d.code for d in resolve_chain(["江苏省", "常州市", "钟楼区"])]
    ['320000', '320400', '320404']
    """
    out: list[Division] = []
    for name in names:
        candidates = find_divisions(name)
        if out:
            candidates = tuple(d for d in candidates if d.parent == out[-1].key) or tuple(
                d for d in candidates if out[-1] in division_chain(d)
            )
        if candidates:
            out.append(candidates[0])
    return tuple(out)


def area_iri(division: Division) -> NamedNode:
    """Return the IRI of an administrative area, keyed by its code (or county code + name)."""
    return entity_iri("area", division.key)
