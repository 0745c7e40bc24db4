"""The administrative-division gazetteer (GB/T 2260 codes) shipped with jionlp, loaded once.

jionlp.china_location_loader(detail=True) gives province → city → county → town/street, each
level with '_full_name', '_alias' and (down to counties) '_admin_code'. Towns and streets have no
code there, so they are keyed by their county's code plus their name.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

LEVELS = ("province", "city", "county", "town")


@dataclass(frozen=True)
class AreaInfo:
    """One administrative area.

    Attributes:
        name: full name, e.g. '钟楼区'.
        code: GB/T 2260 code ('320404'), or '<county code>:<name>' for towns and streets.
        level: province, city, county or town.
        chain: full names from the province down to this area.
        codes: the codes of `chain`, same order.
        aliases: short forms ('钟楼', '常州').
    """

    name: str
    code: str
    level: str
    chain: tuple[str, ...]
    codes: tuple[str, ...]
    aliases: tuple[str, ...]

    @property
    def parent_code(self) -> str | None:
        """Return the code of the enclosing area, or None for a province."""
        return self.codes[-2] if len(self.codes) > 1 else None


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """All areas, with lookups by code, by full name and by alias."""

    by_code: dict[str, AreaInfo]
    by_name: dict[str, tuple[AreaInfo, ...]]
    by_alias: dict[str, tuple[AreaInfo, ...]]
    automaton: ahocorasick.Automaton  # full names and aliases of provinces, cities, counties
    towns: ahocorasick.Automaton  # town and street names


def _aliases(node: dict) -> tuple[str, ...]:
    alias = node.get("_alias") or ()
    if isinstance(alias, str):
        alias = (alias,)
    return tuple(a for a in alias if a and len(a) >= 2)


def _walk(tree: dict):  # noqa: ANN202 - generator over the nested jionlp dict
    for p_name, province in sorted(tree.items()):
        p_code = province.get("_admin_code", "")
        p_info = AreaInfo(p_name, p_code, "province", (p_name,), (p_code,), _aliases(province))
        yield p_info
        for c_name, city in sorted(province.items()):
            if c_name.startswith("_"):
                continue
            c_code = city.get("_admin_code", "")
            if c_code != p_code:  # municipalities repeat themselves as their own city
                chain, codes = (p_name, c_name), (p_code, c_code)
                yield AreaInfo(c_name, c_code, "city", chain, codes, _aliases(city))
            else:
                chain, codes = (p_name,), (p_code,)
            for k_name, county in sorted(city.items()):
                if k_name.startswith("_") or not isinstance(county, dict):
                    continue
                k_code = county.get("_admin_code", "")
                k_chain, k_codes = chain + (k_name,), codes + (k_code,)
                yield AreaInfo(k_name, k_code, "county", k_chain, k_codes, _aliases(county))
                for t_name in sorted(county):
                    if t_name.startswith("_") or len(t_name) < 3:
                        continue
                    t_code = f"{k_code}:{t_name}"
                    yield AreaInfo(
                        t_name, t_code, "town", k_chain + (t_name,), k_codes + (t_code,), ()
                    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer, built once per process from jionlp's bundled table."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp

        tree = jionlp.china_location_loader(detail=True)
    by_code: dict[str, AreaInfo] = {}
    by_name: dict[str, list[AreaInfo]] = {}
    by_alias: dict[str, list[AreaInfo]] = {}
    for info in _walk(tree):
        by_code[info.code] = info
        by_name.setdefault(info.name, []).append(info)
        for alias in info.aliases:
            if alias != info.name:
                by_alias.setdefault(alias, []).append(info)
    automaton = ahocorasick.Automaton()
    towns = ahocorasick.Automaton()
    for name, infos in by_name.items():
        if infos[0].level == "town":
            towns.add_word(name, name)
        else:
            automaton.add_word(name, name)
    for alias in by_alias:
        if alias not in by_name:
            automaton.add_word(alias, alias)
    automaton.make_automaton()
    towns.make_automaton()
    return Gazetteer(
        by_code,
        {k: tuple(v) for k, v in by_name.items()},
        {k: tuple(v) for k, v in by_alias.items()},
        automaton,
        towns,
    )


@lru_cache(maxsize=1)
def _name_lengths(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Return first two characters → lengths, longest first, of the full names and aliases."""
    lengths: dict[str, set[int]] = {}
    for name in (*gaz.by_name, *gaz.by_alias):
        lengths.setdefault(name[:2], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def leading_place(gaz: Gazetteer, text: str, max_len: int = 10) -> int:
    """Return the length of the longest area name or alias (2 to `max_len` characters) that
    `text` begins with, or 0.

    Looks up only the name lengths that occur after the text's first two characters, instead
    of every length from `max_len` down.

    >>> gaz = load_gazetteer()
    >>> leading_place(gaz, "温州市松涛桥小学"), leading_place(gaz, "松涛桥小学")
    (3, 0)
    """
    for length in _name_lengths(gaz).get(text[:2], ()):
        if (
            2 <= length <= max_len
            and length <= len(text)
            and (text[:length] in gaz.by_name or text[:length] in gaz.by_alias)
        ):
            return length
    return 0


@lru_cache(maxsize=1)
def _name_lengths_by_end(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Return last two characters → lengths, longest first, of the full names and aliases."""
    lengths: dict[str, set[int]] = {}
    for name in (*gaz.by_name, *gaz.by_alias):
        lengths.setdefault(name[-2:], set()).add(len(name))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}


def place_lengths_before(gaz: Gazetteer, text: str, end: int) -> tuple[int, ...]:
    """Return, longest first, the lengths of the area names or aliases that could end at `end`
    in `text` (those sharing its two characters before `end`): the only lengths worth a lookup.

    >>> 3 in place_lengths_before(load_gazetteer(), "在常州市", 4)
    True
    """
    return _name_lengths_by_end(gaz).get(text[end - 2 : end], ()) if end >= 2 else ()
