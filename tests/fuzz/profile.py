"""Hypothesis settings for the fuzz suite, and the registry bench/fuzz.py runs the same
properties from.

Each property is a plain function of keyword arguments and the strategies that draw them;
`fuzz` registers it and returns the pytest test, run under the CI profile. The CI profile is
derandomized (the same examples on every run: a finding fails one commit, not a random one);
exploring with fresh random examples is bench/fuzz.py's job.

Profiles (EDUKG_FUZZ_PROFILE chooses; the default is edukg-fuzz-ci):
    edukg-fuzz-ci    100 examples per property (fewer where one example reads a whole
                     document), derandomized
    edukg-fuzz-long  2 000 examples per property, random
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis.strategies import SearchStrategy

CI_PROFILE = "edukg-fuzz-ci"
LONG_PROFILE = "edukg-fuzz-long"
_COMMON = {
    "deadline": None,  # a first call loads LAC-free but large tables (gazetteer, OpenCC)
    "database": None,  # nothing written to .hypothesis/ in CI; findings print their seed
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile(CI_PROFILE, max_examples=100, derandomize=True, **_COMMON)
settings.register_profile(LONG_PROFILE, max_examples=2000, derandomize=False, **_COMMON)


def active_profile() -> settings:
    """Return the profile EDUKG_FUZZ_PROFILE names (the CI profile by default)."""
    return settings.get_profile(os.environ.get("EDUKG_FUZZ_PROFILE", CI_PROFILE))


@dataclass(frozen=True)
class Property:
    """One registered property: `check(**drawn)` must hold for everything `strategies` draw.

    `share` scales the profile's example count for properties whose one example is costly
    (a whole document read, a subprocess)."""

    name: str
    check: Callable[..., None]
    strategies: dict[str, SearchStrategy[Any]]
    share: float = 1.0


PROPERTIES: dict[str, Property] = {}


def fuzz(share: float = 1.0, **strategies: SearchStrategy[Any]) -> Callable[..., Any]:
    """Register the decorated function as a property and return it as a Hypothesis test."""

    def decorate(check: Callable[..., None]) -> Callable[..., Any]:
        name = f"{check.__module__.rsplit('.', 1)[-1]}.{check.__name__}"
        PROPERTIES[name] = Property(name, check, strategies, share)
        profile = active_profile()
        examples = max(10, int(profile.max_examples * share))
        return settings(profile, max_examples=examples)(given(**strategies)(check))

    return decorate
