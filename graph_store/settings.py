"""The settings table: every setting's name, default and one line of help.

The CLI's --help, the README and a test that every setting is documented all read SETTINGS.
A setting is read from the environment as EDUKG_<NAME upper-cased>.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return "EDUKG_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting("store", str(PROJECT_ROOT / "data" / "store"), "folder of the embedded Oxigraph store"),
    Setting("endpoint", "", "SPARQL 1.1 query endpoint URL; when set, used instead of the store"),
    Setting("update_endpoint", "", "SPARQL 1.1 update endpoint URL (defaults to the endpoint)"),
    Setting("corpus", str(PROJECT_ROOT / "data" / "corpus"), "the bundled demo corpus folder"),
    Setting("query_timeout", "20", "seconds a free-form query may run before it is cancelled"),
    Setting("result_cap", "5000", "maximum rows a free-form query returns"),
    Setting("result_mb", "50", "maximum megabytes of values a free-form query returns"),
    Setting("http_timeout", "30", "seconds the endpoint backend waits for a server"),
    Setting(
        "max_document_mb", "5", "largest file (MB) read as a document; larger ones are refused"
    ),
)


def get_setting(name: str) -> str:
    """Return a setting from the environment (EDUKG_<NAME>) or its default.

    >>> get_setting("result_cap")
    '5000'
    """
    for setting in SETTINGS:
        if setting.name == name:
            return os.environ.get(setting.env_var, setting.default)
    raise LookupError(f"no setting {name!r}; known: {', '.join(s.name for s in SETTINGS)}")
