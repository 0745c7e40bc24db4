"""Long fuzz run: the properties of tests/fuzz with fresh random examples, for a time budget or
an example count, printing executions per property and what failed.

    python -m bench.fuzz --seconds 600            # ten minutes over every property
    python -m bench.fuzz --examples 5000 -k date  # 5 000 examples of the properties named *date*
    python -m bench.fuzz --list

The CI suite (`pytest tests/fuzz`) runs the same properties derandomized, 100 examples each;
this run draws new examples every round (no database, no fixed seed unless --seed), so a long
run explores what CI never tried. A property that fails stops with Hypothesis's shrunk example,
printed under "findings"; one whose test is marked xfail (a known bug in a file the fuzz suite
does not own) is marked known. Exit code 1 when a property not marked xfail failed.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import pkgutil
import platform
import sys
import time
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, seed, settings

import tests.fuzz
from tests.fuzz.profile import PROPERTIES, Property

ROUND = 200  # examples per round; rounds repeat until the property's share of the budget is spent


@dataclass
class Outcome:
    """What one property's run did."""

    name: str
    executions: int = 0
    rounds: int = 0
    seconds: float = 0.0
    known: bool = False  # its pytest test is marked xfail
    finding: str | None = None
    notes: list[str] = field(default_factory=list)


def load_properties() -> dict[str, tuple[Property, bool]]:
    """Import every tests/fuzz/test_* module; return {name: (property, marked xfail)}."""
    marked: dict[str, bool] = {}
    for module_info in pkgutil.iter_modules(tests.fuzz.__path__):
        if not module_info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.fuzz.{module_info.name}")
        for name, prop in PROPERTIES.items():
            test = getattr(module, prop.check.__name__, None)
            if name.startswith(module_info.name + ".") and test is not None:
                marks = getattr(test, "pytestmark", [])
                marked[name] = any(mark.name == "xfail" for mark in marks)
    return {name: (PROPERTIES[name], marked.get(name, False)) for name in sorted(PROPERTIES)}


def run_property(
    prop: Property, budget: float | None, examples: int | None, fixed_seed: int | None
) -> Outcome:
    """Run `prop` for `budget` seconds (whole rounds) or for `examples` examples."""
    outcome = Outcome(prop.name)
    calls = [0]

    @functools.wraps(prop.check)
    def counted(**drawn: object) -> None:
        calls[0] += 1
        prop.check(**drawn)

    started = time.monotonic()
    remaining = examples
    while True:
        size = min(ROUND, remaining) if remaining is not None else ROUND
        test = given(**prop.strategies)(counted)
        test = settings(
            max_examples=size,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )(test)
        if fixed_seed is not None:
            test = seed(fixed_seed + outcome.rounds)(test)
        outcome.rounds += 1
        try:
            test()
        except Exception as err:  # noqa: BLE001 — a finding, whatever it raised
            first = (str(err).strip().splitlines() or [""])[0]
            outcome.finding = f"{type(err).__name__}: {first[:300]}".rstrip(": ")
            outcome.notes = [n for n in getattr(err, "__notes__", []) if n.strip()][:12]
            break
        if remaining is not None:
            remaining -= size
            if remaining <= 0:
                break
        elif time.monotonic() - started >= (budget or 0):
            break
    outcome.executions = calls[0]
    outcome.seconds = time.monotonic() - started
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument("--seconds", type=float, help="time budget for the whole run (default 300)")
    amount.add_argument("--examples", type=int, help="examples per property instead of a budget")
    parser.add_argument(
        "-k", dest="pattern", default="", help="only properties whose name has this"
    )
    parser.add_argument("--seed", type=int, help="a fixed seed, to repeat a run")
    parser.add_argument("--list", action="store_true", help="list the properties and stop")
    args = parser.parse_args(argv)

    found = {n: p for n, p in load_properties().items() if args.pattern in n}
    if args.list or not found:
        for name, (_, known) in found.items():
            print(f"{name}{'  (xfail: known bug)' if known else ''}")
        return 0 if found else 2
    total_weight = sum(prop.share for prop, _ in found.values())
    budget = 300.0 if args.seconds is None and args.examples is None else args.seconds
    print(
        f"# bench/fuzz.py  {platform.python_version()}  {platform.machine()}  "
        f"{len(found)} properties  "
        + (f"{budget:g} s" if budget else f"{args.examples} examples each")
    )
    outcomes = []
    for name, (prop, known) in found.items():
        share = budget * prop.share / total_weight if budget else None
        outcome = run_property(prop, share, args.examples, args.seed)
        outcome.known = known
        outcomes.append(outcome)
        status = "ok" if not outcome.finding else ("known" if known else "FAILED")
        print(
            f"{name:<78} {outcome.executions:>8} runs {outcome.seconds:>7.1f} s "
            f"{outcome.executions / max(outcome.seconds, 1e-9):>8.0f}/s  {status}",
            flush=True,
        )
    print(
        f"\ntotal: {sum(o.executions for o in outcomes)} executions in "
        f"{sum(o.seconds for o in outcomes):.0f} s"
    )
    findings = [o for o in outcomes if o.finding]
    print(f"findings: {len(findings)} ({sum(not o.known for o in findings)} new)")
    for o in findings:
        print(f"\n[{'known' if o.known else 'NEW'}] {o.name}\n  {o.finding}")
        for note in o.notes:
            print("  " + note.replace("\n", "\n  "))
    return 1 if any(not o.known for o in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
