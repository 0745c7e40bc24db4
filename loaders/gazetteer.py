"""Administrative areas (GB/T 2260): one table, loaded once per process, and one finder of their
names in a text. Metadata (jurisdiction, issuers) and entity extraction both read areas here.

The table is jionlp's `china_location_loader(detail=True)`: province → city → county → town or
street, each with '_full_name', '_alias' and, down to counties, '_admin_code'. An area's key is
its 6-digit code, so 钟楼区 in Changzhou and any other 钟楼区 stay apart; towns and streets, which
have no code there, are keyed '<county code>:<name>'. The key decides the area's IRI
(`area_iri`), which researchers cite: it must not change (docs/decisions.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import io
import marshal
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import numpy as np
from pyoxigraph import NamedNode

from loaders.dictionary import dictionary_tag, dictionary_word
from loaders.identifiers import entity_iri
from loaders.tables import DATA, numbered_rows

LEVELS = ("province", "city", "county", "town")
# Bare words that are also the names or short forms of a few areas (城区 of 阳泉, 东区 of 攀枝花,
# 开发区 of some zones) but in policy texts mean "the urban area", "the east part", "development
# zones": areas only in those districts' cities (extract.areas), and no place that makes a
# school's name specific (城区小学: extract.schools).
GENERIC_PLACE_WORDS = frozenset(
    "城区 东区 西区 南区 北区 中区 新区 郊区 矿区 市区 主城区 老城区 新城区 城关 开发区".split()
)
# Regions with no GB/T 2260 code that policy texts name like areas. They are scanned as words so
# that no area name is read inside them (港澳 in 粤港澳大湾区), and found with no area.
REGIONS = ("港澳台地区", "长三角地区", "粤港澳大湾区", "京津冀地区")


@dataclass(frozen=True)
class Area:
    """One administrative area.

    Attributes:
        name: full name, e.g. '钟楼区'.
        code: the key: GB/T 2260 code ('320404'), or '<county code>:<name>' for a town or street.
        level: province, city, county or town.
        chain: full names from the province down to this area (a municipality once).
        codes: the codes of `chain`, same order.
        aliases: short forms ('钟楼', '常州'), two characters or more.
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

    @property
    def admin_code(self) -> str:
        """Return the GB/T 2260 code, or '' for a town or street (which has none)."""
        return "" if self.level == "town" else self.code


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """All areas, with lookups by code, by full name and by alias (areas in table order)."""

    by_code: dict[str, Area]
    by_name: dict[str, tuple[Area, ...]]
    by_alias: dict[str, tuple[Area, ...]]  # aliases that differ from the area's own name


def _areas() -> list[Area]:
    """Return every area in table order (_walk), from the cache file when it holds them.

    Importing jionlp and walking its table took 1.5 s of every process's start (each `edukg`
    command, the app, an ingest before its workers start); the areas read back from the cache
    take 0.15 s. The file is a marshal dump of plain tuples (no code is run to read it), named
    after jionlp's version and this module's source, so either's change makes a new one. A
    file that cannot be read or written is passed over: the areas are built as before.
    """
    path = _cache_path()
    try:
        return [Area(*row) for row in marshal.loads(path.read_bytes())]
    except (OSError, ValueError, EOFError, TypeError):
        pass
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        import jionlp  # prints a banner on import

        tree = jionlp.china_location_loader(detail=True)
        changes = jionlp.china_location_change_loader()
    areas = list(_walk(_with_changes(tree, changes)))
    rows = tuple((a.name, a.code, a.level, a.chain, a.codes, a.aliases) for a in areas)
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(rows))
        os.replace(temporary, path)  # whole or not at all, whoever reads it meanwhile
    return areas


def _cache_path() -> Path:
    """Return the gazetteer's cache file: in $EDUKG_CACHE_DIR, else $XDG_CACHE_HOME/edukg, else
    ~/.cache/edukg."""
    folder = os.environ.get("EDUKG_CACHE_DIR") or Path(
        os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "edukg"
    )
    source = hashlib.sha1(Path(__file__).read_bytes()).hexdigest()[:12]
    key = f"{importlib.metadata.version('jionlp')}-{source}-{marshal.version}"
    return Path(folder) / f"gazetteer-{key}.marshal"


# The kind an autonomous area's name ends with, after the peoples it names.
_AUTONOMOUS = re.compile(r"自治[区州县旗]$")


def _aliases(node: dict, name: str) -> tuple[str, ...]:
    """Return the short forms jionlp gives for the area `name`, two characters or more, without
    those that are only the kind of area its name ends with: 示范区 of 某某综合改革示范区 or
    管理区 of 某市某某管理区 is an ordinary noun in jieba's dictionary, and 产业园 of 某某现代
    产业园区 a kind of park; none names one area. An autonomous area's short form is also
    written with its kind (五峰自治县, 五峰县 for 五峰土家族自治县)."""
    alias = node.get("_alias") or ()
    if isinstance(alias, str):
        alias = (alias,)
    kept = tuple(
        a
        for a in alias
        if a
        and len(a) >= 2
        and not (a != name and name.endswith(a) and dictionary_tag(a) == "n")
        and not (a.endswith("园") and name.endswith(a + "区"))  # 产业园|区: a kind of park
    )
    # An autonomous area is also named without its peoples (某某土家族自治县 → 某某自治县), and
    # by its short form and its level alone (黔东南州, 五峰县): how most pages write it.
    autonomous = _AUTONOMOUS.search(name)
    if autonomous is None:
        return kept
    kind = autonomous.group()
    # (a region is never its short form and 区: 广西区 is no name of 广西壮族自治区)
    forms = (kind,) if kind == "自治区" else (kind, kind[-1])
    kinds = tuple(a + form for a in kept if name.startswith(a) for form in forms)
    return kept + tuple(dict.fromkeys(k for k in kinds if k != name and k not in kept))


def _with_changes(tree: dict, changes: list[dict]) -> dict:
    """Return jionlp's table with the renamings of its change table (china_location_change_
    loader) applied: a document names an area by the name of its year.

    An area the table lists under a name it has since lost (无为县, 无为市 since 2019) takes
    its new name; an area renamed before the table's year (襄樊市, 襄阳市 since 2010; 沙县,
    沙县区 since 2021) keeps the old name as an alias. The area's code, and so its IRI, stay.
    Only a renaming that keeps the place's own name is read so (its level or its form changed):
    a new name of its own (宜宾县 → 叙州区) may be a merger's (下城区 → 拱墅区), where the old
    name is another area's, and a name the table still gives to an area, or a move to another
    parent, leaves the areas as they are.
    """
    tree = {p: dict(province) for p, province in tree.items()}
    # The names of the provinces, cities and counties: an old name that is one stays its own.
    names = {*tree}
    for province in tree.values():
        cities = {k: v for k, v in province.items() if isinstance(v, dict)}
        names |= {*cities, *(k for city in cities.values() for k in city)}
    for change in changes:
        old = [loc[0] for loc in change.get("old_loc") or () if loc and loc[0]]
        new = [loc for loc in change.get("new_loc") or () if loc]
        if len(old) != len(new) or len(new) < 2 or old[:-1] != new[:-1] or old[-1] == new[-1]:
            continue  # a merge or a move: no one area
        parent = tree.get(new[0])
        if parent is None or (len(new) == 3 and not isinstance(parent.get(new[1]), dict)):
            continue
        if len(new) == 3:
            city = dict(parent[new[1]])
            parent[new[1]] = city
            parent = city
        before, after = old[-1], new[-1]
        if before[0] != after[0]:
            continue  # 下城区 → 拱墅区, 宜宾县 → 叙州区: merged, or named anew
        if after in parent and before not in parent and before not in names:
            node = dict(parent[after])
        elif before in parent and after not in parent:
            node = dict(parent.pop(before))
        else:
            continue
        parent[after] = node
        alias = node.get("_alias") or ()
        aliases = [alias] if isinstance(alias, str) else list(alias)
        node["_alias"] = aliases if before in aliases else [*aliases, before]
    return tree


def _walk(tree: dict) -> Iterator[Area]:
    """Yield every area of jionlp's nested table, sorted by name within each level.

    An entry that repeats its parent's code is not an area of its own: a municipality is its
    own city (北京市 > 北京市), and jionlp lists the districts of Hong Kong and Macau and the
    市直辖行政区划 of cities without counties (东莞市) under their parent's code. Keyed by that
    code they would take their parent's IRI, so they are left out (their towns are kept, under
    the parent, keyed by the same code as before).
    """
    for p_name, province in sorted(tree.items()):
        p_code = province.get("_admin_code", "")
        yield Area(p_name, p_code, "province", (p_name,), (p_code,), _aliases(province, p_name))
        for c_name, city in sorted(province.items()):
            if c_name.startswith("_"):
                continue
            c_code = city.get("_admin_code", "")
            if c_code != p_code:
                chain, codes = (p_name, c_name), (p_code, c_code)
                yield Area(c_name, c_code, "city", chain, codes, _aliases(city, c_name))
            else:
                chain, codes = (p_name,), (p_code,)
            for k_name, county in sorted(city.items()):
                if k_name.startswith("_") or not isinstance(county, dict):
                    continue
                k_code = county.get("_admin_code", "")
                if k_code == codes[-1]:  # its towns belong to the city itself (东莞市长安镇)
                    k_chain, k_codes = chain, codes
                else:
                    k_chain, k_codes = chain + (k_name,), codes + (k_code,)
                    yield Area(k_name, k_code, "county", k_chain, k_codes, _aliases(county, k_name))
                for t_name in sorted(county):
                    if t_name.startswith("_") or len(t_name) < 3:
                        continue
                    t_code = f"{k_code}:{t_name}"
                    yield Area(t_name, t_code, "town", k_chain + (t_name,), k_codes + (t_code,), ())


def _city_abbreviations() -> list[tuple[str, str, str]]:
    """Return (short form, city, province) of data/city_abbreviations.tsv (哈市: 哈尔滨市)."""
    return [(f[0], f[1], f[2]) for _, f in numbered_rows(DATA / "city_abbreviations.tsv")]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer, built once per process from jionlp's bundled table."""
    by_code: dict[str, Area] = {}
    by_name: dict[str, list[Area]] = {}
    by_alias: dict[str, list[Area]] = {}
    for area in _areas():
        # jionlp gives two zones of 平顶山 one code: the first keeps it (both stay findable).
        by_code.setdefault(area.code, area)
        by_name.setdefault(area.name, []).append(area)
        for alias in area.aliases:
            if alias != area.name:
                by_alias.setdefault(alias, []).append(area)
    for short, city, province in _city_abbreviations():
        for area in by_name.get(city, ()):
            if area.level == "city" and area.chain[0] == province:
                by_alias.setdefault(short, []).append(area)
    return Gazetteer(
        by_code,
        {k: tuple(v) for k, v in by_name.items()},
        {k: tuple(v) for k, v in by_alias.items()},
    )


def lookup(name: str) -> tuple[Area, ...]:
    """Return every area called `name` (full name or alias), higher levels first, then by code.

    >>> [a.code for a in lookup("钟楼区")][:1], [a.name for a in lookup("常州")]
    (['320404'], ['常州市'])
    """
    gaz = load_gazetteer()
    found = gaz.by_name.get(name, ()) + gaz.by_alias.get(name, ())
    return tuple(sorted(found, key=lambda a: (LEVELS.index(a.level), a.code)))


def area_chain(code: str) -> tuple[Area, ...]:
    """Return the area keyed `code` and its ancestors, from the province down.

    >>> [a.name for a in area_chain("321202")]
    ['江苏省', '泰州市', '海陵区']
    """
    gaz = load_gazetteer()
    area = gaz.by_code.get(code)
    if area is None:
        return ()
    return tuple(gaz.by_code[c] for c in area.codes if c in gaz.by_code)


def resolve_chain(names: tuple[str, ...] | list[str]) -> tuple[Area, ...]:
    """Return the areas for a chain of names from the top (e.g. ('江苏省','常州市','钟楼区')).

    Each name is looked up among the children of the one before (else its descendants), so a
    repeated county name resolves to the right one. Names that do not resolve are dropped.

    >>> [a.code for a in resolve_chain(["江苏省", "常州市", "钟楼区"])]
    ['320000', '320400', '320404']
    """
    out: list[Area] = []
    for name in names:
        candidates = lookup(name)
        if out:
            parent = out[-1].code
            candidates = tuple(a for a in candidates if a.parent_code == parent) or tuple(
                a for a in candidates if parent in a.codes
            )
        if candidates:
            out.append(candidates[0])
    return tuple(out)


def area_iri(area: Area) -> NamedNode:
    """Return the IRI of an administrative area, keyed by its code (a town: county code + name).

    >>> area_iri(area_chain("320404")[-1]).value
    'https://w3id.org/edukg/id/area/376f43a7c17048f7'
    """
    return entity_iri("area", area.code)


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

    An alias followed by the level character its area's name ends with is that area's short
    form, and the character is part of the place (石柱|县 → 石柱县 for 石柱土家族自治县).

    >>> gaz = load_gazetteer()
    >>> leading_place(gaz, "温州市松涛桥小学"), leading_place(gaz, "松涛桥小学")
    (3, 0)
    >>> leading_place(gaz, "石柱县中学"), leading_place(gaz, "石柱中学")
    (3, 2)
    """
    for length in _name_lengths(gaz).get(text[:2], ()):
        if 2 <= length <= max_len and length <= len(text):
            if text[:length] in gaz.by_name:
                return length
            areas = gaz.by_alias.get(text[:length])
            if areas:
                level = text[length : length + 1]
                short = level and any(a.name.endswith(level) for a in areas)
                return length + 1 if short else length
    return 0


# What a road's name ends with. A place's name before it names the road (南京路, 解放街: many
# cities have one), not the place; a school or group named after its road keeps the road's name
# whole, even where that name is a verb or a designation (建设路, 示范街).
ROAD_HEAD = re.compile(r"[东南西北中]?(?:大街|大道|路|街|巷)")


def after_places(gaz: Gazetteer, text: str, roads: bool = False) -> tuple[bool, str]:
    """Return whether `text` begins with area names, and what follows them all; with `roads`,
    a place's name that names a road (温州市|南京路) is no place of the text's.

    >>> gaz = load_gazetteer()
    >>> after_places(gaz, "温州市鹿城区松涛桥小学"), after_places(gaz, "松涛桥")
    ((True, '松涛桥小学'), (False, '松涛桥'))
    >>> after_places(gaz, "温州市南京路", roads=True)
    (True, '南京路')
    """
    had, rest = False, text
    while (length := leading_place(gaz, rest)) and not (roads and ROAD_HEAD.match(rest, length)):
        had, rest = True, rest[length:]
    return had, rest


def places_only(text: str) -> bool:
    """Return True when `text` is one or more area names or short forms (温州, 浙江省温州市).

    >>> places_only("温州"), places_only("浙江省温州市"), places_only("党组成员")
    (True, True, False)
    """
    had, rest = after_places(load_gazetteer(), text)
    return had and not rest


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


class AreaMatch(NamedTuple):
    """One area name, area alias or region found in a text (offsets into that text).

    A named tuple, not a dataclass: a document has hundreds and a tuple is built in a third of
    the time.
    """

    start: int
    end: int
    word: str
    named: tuple[Area, ...]  # the areas whose full name `word` is, in table order
    aliased: tuple[Area, ...]  # the areas `word` is a short form of, in table order
    is_town: bool  # `word` names a town or street first (its first area is one)

    @property
    def is_region(self) -> bool:
        """Return True when `word` is one of REGIONS, which name no area."""
        return not self.named and not self.aliased


# The level a name written in full ends with (_Scanner.full).
_FULL_LEVELS = frozenset("省市区县旗州盟镇乡")
# Conjunctions and prepositions that open a two-character short form (和静, 向阳, 对江) as
# often as they stand before a name written in full (和|静海区); see _scan.
_FUNCTION_CHARACTERS = frozenset("和与及同跟在对向从为把被将于以")


@dataclass(frozen=True, eq=False)
class _Scanner:
    """Every area name, alias and region, for one leftmost-longest scan of a text.

    A dict of two-character prefixes beats pyahocorasick here: its nodes search their children
    one by one, and the root of a Chinese gazetteer has thousands (about 2 µs a character).
    """

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first two characters → word lengths, longest first
    characters: frozenset[str]  # every character of every word
    # Code point → whether some word has it first / second. The tables end with a False entry
    # that every higher code point reads, so they stay small (about 40 kB, in cache).
    firsts: np.ndarray
    seconds: np.ndarray
    heads: np.ndarray  # the words' first two characters as _codes numbers, sorted
    pairs: np.ndarray  # the two-character words, the same way
    triples: np.ndarray  # the first three characters of the longer words, the same way
    longest: int  # the length of the longest word
    # Names written in full with their level (静海区, 湖南省): one that begins inside a two-
    # character short form may win over it (和静|海区, 援建湖北省: see _yields).
    full: frozenset[str]


def _code_points(text: str) -> np.ndarray:
    """Return the code points of `text` (lone surrogates included) as an array."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _codes(*columns: np.ndarray) -> np.ndarray:
    """Return rows of code points (below 2^21) as single numbers: c0 + c1·2^21 + c2·2^42."""
    out = np.zeros(len(columns[0]), dtype=np.uint64)
    for i, column in enumerate(columns):
        out |= column.astype(np.uint64) << np.uint64(21 * i)
    return out


def _member(table: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Return, for each of `values`, whether the sorted array `table` holds it."""
    found = np.searchsorted(table, values)
    found[found == len(table)] = 0
    return table[found] == values if len(table) else np.zeros(len(values), dtype=bool)


@lru_cache(maxsize=1)
def _scanner(gaz: Gazetteer) -> _Scanner:
    words = frozenset((*gaz.by_name, *gaz.by_alias, *REGIONS))
    lengths: dict[str, set[int]] = {}
    for word in words:
        lengths.setdefault(word[:2], set()).add(len(word))
    # Every word has two characters at least (_aliases, _walk, jionlp's full names).
    heads = _code_points("".join(lengths)).reshape(-1, 2)
    firsts = np.zeros(int(heads.max()) + 2, dtype=bool)
    seconds = np.zeros(int(heads.max()) + 2, dtype=bool)
    firsts[heads[:, 0]] = True
    seconds[heads[:, 1]] = True
    pairs = _code_points("".join(w for w in words if len(w) == 2)).reshape(-1, 2)
    triples = _code_points("".join(w[:3] for w in words if len(w) > 2)).reshape(-1, 3)
    return _Scanner(
        words,
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        frozenset("".join(words)),
        firsts,
        seconds,
        np.unique(_codes(heads[:, 0], heads[:, 1])),
        np.unique(_codes(pairs[:, 0], pairs[:, 1])),
        np.unique(_codes(triples[:, 0], triples[:, 1], triples[:, 2])),
        max(map(len, words)),
        frozenset(w for w in gaz.by_name if len(w) > 2 and w[-1] in _FULL_LEVELS),
    )


def _word_starts(text: str, scanner: _Scanner) -> list[int]:
    """Return, in order, every index of `text` where a word may begin: a two-character word is
    there, or the first three characters of a longer one.

    numpy (loaded with jionlp already) tests every index at once: first whether the first two
    characters can begin a word at all (a table lookup per character), then the few remaining
    places by binary search among the words' beginnings. Half of the characters of a policy
    text can begin a word, but only about one place in a hundred does.
    """
    codes = _code_points(text)
    if len(codes) < 2:
        return []
    looked_up = np.minimum(codes, len(scanner.firsts) - 1)
    maybe = np.flatnonzero(scanner.firsts[looked_up[:-1]] & scanner.seconds[looked_up[1:]])
    pairs = _codes(codes[maybe], codes[maybe + 1])
    begins = _member(scanner.heads, pairs)  # one place in fifteen
    maybe, pairs = maybe[begins], pairs[begins]
    starts = _member(scanner.pairs, pairs)
    longer = maybe[maybe + 2 < len(codes)]  # all but perhaps the last
    triples = _codes(codes[longer], codes[longer + 1], codes[longer + 2])
    starts[: len(longer)] |= _member(scanner.triples, triples)
    return maybe[starts].tolist()


# Below this length a text is scanned by a plain loop (about 0.1 µs a character) rather than by
# _word_starts (about 15 µs to set up).
_SHORT_TEXT = 96


def _scan(scanner: _Scanner, text: str) -> list[tuple[int, int, str]]:
    """Return the leftmost-longest, non-overlapping words (start, end, word) in `text`.

    Equivalent to taking all matches sorted by (start, longest first) and keeping each that
    starts at or after the end of the last one kept, except a two-character short form that
    yields to a name written in full beginning on its second character (_yields).
    """
    found: list[tuple[int, int, str]] = []
    words, lengths = scanner.words, scanner.lengths
    end = 0
    if len(text) < _SHORT_TEXT:  # an issuer's or a title's name: numpy's set-up costs more
        starts = [i for i in range(len(text) - 1) if text[i : i + 2] in lengths]
    else:
        starts = _word_starts(text, scanner)
    for i in starts:
        if i < end:
            continue  # inside the word found last
        for length in lengths[text[i : i + 2]]:
            word = text[i : i + length]
            if len(word) == length and word in words:
                if length == 2 and word not in scanner.full and _yields(scanner, text, i):
                    break  # 和静|海区, 建湖|北省: a name written in full begins inside
                found.append((i, i + length, word))
                end = i + length
                break
    return found


def _yields(scanner: _Scanner, text: str, at: int) -> bool:
    """Return True when the two-character short form at `at` gives way to a name written in
    full with its level that begins on its second character (和静|海区 → 静海区, 援建湖北省 →
    湖北省): where the short form opens with a conjunction or preposition (和, 对, 向), or the
    full name's rest is no word of its own (北省; but 雁江|城区 keeps 雁江: 城区 is a word).
    """
    second = at + 1
    for length in scanner.lengths.get(text[second : second + 2], ()):
        if length > 2 and text[second : second + length] in scanner.full:
            return text[at] in _FUNCTION_CHARACTERS or not dictionary_word(
                text[at + 2 : second + length]
            )
    return False


def find_area_names(text: str, start: int = 0, end: int | None = None) -> list[AreaMatch]:
    """Return the area names, aliases and regions in text[start:end], leftmost-longest.

    The one finder of areas in text: metadata and entity extraction both read these matches
    and decide which to keep by their own evidence. A match that starts before `end` and runs
    past it is cut off, so a caller that needs every match starting before some index `i` scans
    to `i + longest_name()`.

    Args:
        text: the (normalised) text.
        start: where to begin; the matches are those of a scan of the whole text when `start`
            is a scan_start().
        end: where to stop (the end of `text` when None).

    Returns:
        The matches, in order, offsets into `text`.

    >>> [(m.start, m.word, m.named[0].code) for m in find_area_names("泰州市海陵区教育局")]
    [(0, '泰州市', '321200'), (3, '海陵区', '321202')]
    """
    gaz = load_gazetteer()
    piece = text[start:end] if start or end is not None else text
    by_name, by_alias = gaz.by_name, gaz.by_alias
    empty: tuple[Area, ...] = ()
    found = []
    for a, b, word in _scan(_scanner(gaz), piece):
        named = by_name.get(word, empty)
        town = bool(named) and named[0].level == "town"
        found.append(AreaMatch(start + a, start + b, word, named, by_alias.get(word, empty), town))
    return found


def scan_start(text: str, at: int) -> int:
    """Return where a scan may begin and still find every match that starts at `at` or later
    as a scan of the whole text does: just after the last character before `at` that is in no
    word (no match of the whole scan runs across it).

    >>> scan_start("。常州市钟楼区", 4)
    1
    """
    characters = _scanner(load_gazetteer()).characters
    while at > 0 and text[at - 1] in characters:
        at -= 1
    return at


def longest_name() -> int:
    """Return the length of the longest word find_area_names knows."""
    return _scanner(load_gazetteer()).longest
