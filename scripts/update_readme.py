"""Regenerate the README's named-query and settings tables from their sources.

.venv/bin/python scripts/update_readme.py          # rewrite README.md
.venv/bin/python scripts/update_readme.py --check  # exit 1 when README.md is stale
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph_store.named_queries import load_named_queries  # noqa: E402
from graph_store.settings import SETTINGS  # noqa: E402


def query_table() -> str:
    rows = ["| query | what it answers | parameters |", "|---|---|---|"]
    for name, query in load_named_queries().items():
        params = (
            ", ".join(
                f"`{p.name}` ({p.type}{', required' if p.required else ''}: {p.label})"
                for p in query.params
            )
            or "—"
        )
        rows.append(f"| `{name}` | {query.title}. {query.description} | {params} |")
    return "\n".join(rows)


def settings_table() -> str:
    rows = ["| variable | meaning | default |", "|---|---|---|"]
    for s in SETTINGS:
        default = s.default.replace(str(ROOT) + "/", "") if s.default else "unset"
        rows.append(f"| `{s.env_var}` | {s.help} | `{default}` |")
    return "\n".join(rows)


def render(text: str) -> str:
    for marker, table in (("named-queries", query_table()), ("settings", settings_table())):
        pattern = re.compile(rf"(<!-- {marker}:.*?-->\n).*?(<!-- end {marker} -->)", re.S)
        text = pattern.sub(lambda m, t=table: m.group(1) + t + "\n" + m.group(2), text)
    return text


def main() -> int:
    readme = ROOT / "README.md"
    current = readme.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv[1:]:
        if fresh != current:
            print(
                "README.md is stale: run .venv/bin/python scripts/update_readme.py", file=sys.stderr
            )
            return 1
        return 0
    readme.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
