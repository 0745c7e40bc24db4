"""Administrative areas: provinces, cities, counties/districts, towns and streets, with codes.

Matching uses the jionlp gazetteer (gazetteer.py). Full names are accepted anywhere (an
ambiguous county such as 鼓楼区 is resolved by the cities the document mentions); short forms
(常州, 江苏) of provinces and cities are accepted anywhere; short forms of counties (钟楼 for
钟楼区), development-zone aliases (高新区, 经开区) and towns/streets only when their county or
city is the document's context, since many are ordinary words or repeat across the country.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from loaders.documents import PolicyDocument
from loaders.extract.gazetteer import AreaInfo, Gazetteer, load_gazetteer
from loaders.extract.model import AREA, Candidate

# Bare words that are also the names of a few districts (城区 of 阳泉, 东区 of 攀枝花) but in
# policy texts mean "the urban area", "the east part": never areas on their own.
GENERIC_PLACE_WORDS = frozenset(
    "城区 东区 西区 南区 北区 中区 新区 郊区 矿区 市区 主城区 老城区 新城区 城关".split()
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"《[^《》]*》")
# Regions without a GB/T 2260 code that policy texts name as areas.
REGIONS = ("港澳台地区", "长三角地区", "粤港澳大湾区", "京津冀地区")


@dataclass(frozen=True)
class AreaContext:
    """The document's own place: its jurisdiction chain and every area it names in full."""

    chain: tuple[AreaInfo, ...]  # province, city, county as far as known
    named: frozenset[str]  # codes of areas named in full (or as province/city short forms)

    def at_level(self, level: str) -> AreaInfo | None:
        """Return the context area of `level` ('province', 'city', 'county'), or None."""
        for info in self.chain:
            if info.level == level:
                return info
        return None

    @cached_property  # read for every option of every area match
    def codes(self) -> frozenset[str]:
        """Return the codes of the chain and of every named area."""
        return frozenset(i.code for i in self.chain) | self.named


@dataclass(frozen=True, eq=False)
class _Scanner:
    """Every gazetteer name and region, for one leftmost-longest scan of a text.

    A dict of two-character prefixes beats pyahocorasick here: its nodes search their children
    one by one, and the root of a Chinese gazetteer has thousands (about 2 µs a character).
    """

    is_town: dict[str, bool]  # every name → whether it is a town or street
    lengths: dict[str, tuple[int, ...]]  # first two characters → name lengths, longest first
    # Code point → whether some name has it first / second. The tables end with a False entry
    # that every higher code point reads, so they stay small (about 40 kB, in cache).
    firsts: np.ndarray
    seconds: np.ndarray
    heads: np.ndarray  # the names' first two characters as _codes numbers, sorted
    pairs: np.ndarray  # the two-character names, the same way
    triples: np.ndarray  # the first three characters of the longer names, the same way


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


def _name_starts(text: str, scanner: _Scanner) -> list[int]:
    """Return, in order, every index of `text` where a gazetteer name may begin: a two-character
    name is there, or the first three characters of a longer one.

    numpy (loaded with jionlp already) tests every index at once: first whether the first two
    characters can begin a name at all (a table lookup per character), then the few remaining
    places by binary search among the names' beginnings. Half of the characters of a policy
    text can begin a name, but only about one place in a hundred does.
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


@lru_cache(maxsize=1)
def _scanner(gaz: Gazetteer) -> _Scanner:
    is_town: dict[str, bool] = {}
    for automaton, town in ((gaz.automaton, False), (gaz.towns, True)):
        for word in automaton.keys():
            is_town[word] = town
    for region in REGIONS:
        is_town.setdefault(region, False)
    lengths: dict[str, set[int]] = {}
    for word in is_town:
        lengths.setdefault(word[:2], set()).add(len(word))
    # Every name has two characters at least (gazetteer._aliases, jionlp's full names).
    heads = _code_points("".join(lengths)).reshape(-1, 2)
    firsts = np.zeros(int(heads.max()) + 2, dtype=bool)
    seconds = np.zeros(int(heads.max()) + 2, dtype=bool)
    firsts[heads[:, 0]] = True
    seconds[heads[:, 1]] = True
    pairs = _code_points("".join(w for w in is_town if len(w) == 2)).reshape(-1, 2)
    triples = _code_points("".join(w[:3] for w in is_town if len(w) > 2)).reshape(-1, 3)
    return _Scanner(
        is_town,
        {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        firsts,
        seconds,
        np.unique(_codes(heads[:, 0], heads[:, 1])),
        np.unique(_codes(pairs[:, 0], pairs[:, 1])),
        np.unique(_codes(triples[:, 0], triples[:, 1], triples[:, 2])),
    )


def _scan(scanner: _Scanner, text: str, offset: int) -> list[tuple[int, int, str, bool]]:
    """Return the leftmost-longest, non-overlapping names in `text`, offsets shifted by `offset`.

    Equivalent to taking all matches sorted by (start, longest first) and keeping each that
    starts at or after the end of the last one kept.
    """
    found: list[tuple[int, int, str, bool]] = []
    is_town, lengths = scanner.is_town, scanner.lengths
    end = 0
    for i in _name_starts(text, scanner):
        if i < end:
            continue  # inside the name found last
        for length in lengths[text[i : i + 2]]:
            word = text[i : i + length]
            if len(word) == length and word in is_town:
                found.append((offset + i, offset + i + length, word, is_town[word]))
                end = i + length
                break
    return found


@lru_cache(maxsize=8)
def _matches(gaz: Gazetteer, doc: PolicyDocument) -> tuple[tuple[int, int, str, bool], ...]:
    """Return leftmost-longest (start, end, surface, is_town) gazetteer matches in the body."""
    scanner = _scanner(gaz)
    found: list[tuple[int, int, str, bool]] = []
    for span in doc.body:
        found += _scan(scanner, doc.norm[span.start : span.end], span.start)
    return tuple(found)


def _chain_from_names(gaz: Gazetteer, names: tuple[str, ...]) -> tuple[AreaInfo, ...]:
    chain: list[AreaInfo] = []
    for name in names:
        options = gaz.by_name.get(name, ()) + gaz.by_alias.get(name, ())
        options = tuple(o for o in options if o.level != "town") or options
        parent = chain[-1].code if chain else None
        fitting = [o for o in options if parent is None or parent in o.codes]
        if fitting:
            chain.append(fitting[0])
    return tuple(chain)


def area_context(doc: PolicyDocument) -> AreaContext:
    """Return the document's area context: metadata's jurisdiction chain, else the text's.

    Without metadata the most often named county (else city) in full is taken as the
    jurisdiction: a district work plan names its own district far more than any other.
    """
    gaz = load_gazetteer()
    counts: dict[str, int] = {}
    named: set[str] = set()
    for _, _, word, is_town in _matches(gaz, doc):
        if is_town:
            continue
        infos = gaz.by_name.get(word, ())
        if not infos:  # a province or city short form names it as clearly as the full name
            infos = tuple(i for i in gaz.by_alias.get(word, ()) if i.level in ("province", "city"))
        if len(infos) == 1:
            named.update(infos[0].codes)
            counts[infos[0].code] = counts.get(infos[0].code, 0) + 1
    chain = _chain_from_names(gaz, tuple(doc.metadata.jurisdiction_chain))
    if not chain and doc.metadata.jurisdiction:
        chain = _chain_from_names(gaz, (doc.metadata.jurisdiction,))
        if chain:
            info = chain[-1]
            chain = tuple(gaz.by_code[c] for c in info.codes if c in gaz.by_code)
    if not chain and counts:
        for level in ("county", "city", "province"):
            ranked = sorted(
                (-n, code) for code, n in counts.items() if gaz.by_code[code].level == level
            )
            if ranked:
                info = gaz.by_code[ranked[0][1]]
                chain = tuple(gaz.by_code[c] for c in info.codes if c in gaz.by_code)
                break
    return AreaContext(chain, frozenset(named))


def _pick(options: tuple[AreaInfo, ...], context: AreaContext) -> AreaInfo | None:
    """Return the option that fits the context, the only option, or None when unsure."""
    codes = context.codes
    fitting = [o for o in options if any(c in codes for c in o.codes)]
    if fitting:
        return sorted(fitting, key=lambda o: (-sum(c in codes for c in o.codes), o.code))[0]
    if len(options) == 1:
        return options[0]
    return None


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Return True when [start, end) lies in one of the sorted, disjoint `spans` (`starts`:
    their starts): only the last span starting at or before `start` can hold it."""
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and end <= spans[index][1]


def find_areas(doc: PolicyDocument, context: AreaContext) -> list[Candidate]:
    """Return area candidates: (surface, span, canonical full name, code, parent code)."""
    gaz = load_gazetteer()
    out: list[Candidate] = []
    # A place inside a cited title belongs to that title (《浙江省…规划》), not to this text.
    titles = [m.span() for m in _TITLE.finditer(doc.norm)]
    title_starts = [a for a, _ in titles]
    for start, end, word, is_town in _matches(gaz, doc):
        surface = doc.text[start:end]
        if word in GENERIC_PLACE_WORDS or _inside(titles, title_starts, start, end):
            continue
        before = doc.norm[start - 1 : start] if start else ""
        if len(word) == 2 and word in gaz.by_name and _CJK.match(before) and before not in "省市州":
            home = {i.code for i in context.chain}
            if not any(o.code in home for o in gaz.by_name[word]):
                continue  # 示范县: the end of a longer word, not the county 范县
        if word in REGIONS:
            out.append(Candidate(AREA, surface, start, end, "AdministrativeArea", "areas.region"))
            continue
        info: AreaInfo | None
        if is_town:
            options = tuple(o for o in gaz.by_name[word] if o.parent_code in context.codes)
            info = _pick(options, context) if options else None
            method, confidence = "areas.town", 0.8
        elif word in gaz.by_name:
            info = _pick(gaz.by_name[word], context)
            if info is None:  # ambiguous and no context: the lowest code, flagged as a guess
                info = sorted(gaz.by_name[word], key=lambda o: o.code)[0]
                method, confidence = "areas.full_name.guess", 0.5
            else:
                method, confidence = "areas.full_name", 0.95
        else:
            options = gaz.by_alias[word]
            broad = tuple(o for o in options if o.level in ("province", "city"))
            home = {i.code for i in context.chain if i.level in ("city", "county")}
            local = tuple(
                o
                for o in options
                if o.level == "county" and (o.code in context.codes or o.parent_code in home)
            )
            info = _pick(local, context) if local else _pick(broad, context)
            method, confidence = "areas.short_form", 0.85
            after = doc.norm[end : end + 1]
            if info is not None and info.level == "county" and not _CJK.match(after):
                continue  # a bare county short form (新北、湖塘): too often a part of a name
        if info is None:
            continue
        attrs = (("code", info.code), ("level", info.level))
        out.append(
            Candidate(
                AREA,
                surface,
                start,
                end,
                "AdministrativeArea",
                method,
                confidence,
                info.name,
                attrs,
            )
        )
    return out


def area_chain(code: str) -> tuple[AreaInfo, ...]:
    """Return the area with `code` and its ancestors, from the province down."""
    gaz = load_gazetteer()
    info = gaz.by_code.get(code)
    if info is None:
        return ()
    return tuple(gaz.by_code[c] for c in info.codes if c in gaz.by_code)
