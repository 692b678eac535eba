"""Compare the named results of two builds (for example CPU against GPU), value by value.

Each build leaves ``docs/_generated/<chapter>/<stem>.json``; point this at two such folders.
Numbers are compared with a relative tolerance; strings, arrays (lists of more than
MAX_LIST items: grids, predictions, curves) and names that measure time or describe the machine
are counted but never fail the comparison.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

# Names whose values are expected to differ between machines: timings, speed-ups, versions.
MACHINE_DEPENDENT = re.compile(
    r"(seconds|milliseconds|speedup|_ms$|^time|version|device|devices|gpu|cuda|platform)",
    re.IGNORECASE,
)


MAX_LIST = 20


class Array:
    """Stands for a long list, compared by length only."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Array) and other.length == self.length

    def __repr__(self) -> str:
        return f"<{self.length} values>"


def load(folder: Path) -> dict[str, dict]:
    results = {}
    for path in sorted(Path(folder).glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record.get("status") == "ok":
            results[record["snippet"]] = record["values"]
    return results


def _leaves(value, prefix: str):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}.{key}")
    elif isinstance(value, list) and len(value) > MAX_LIST:
        yield prefix, Array(len(value))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, f"{prefix}.{index}")
    else:
        yield prefix, value


def compare(reference: dict[str, dict], other: dict[str, dict], rtol: float, atol: float):
    """Rows (snippet, name, reference, other, verdict); verdict is ok, differs or ignored."""
    rows = []
    for snippet_id in sorted(set(reference) & set(other)):
        mine = dict(_leaves(reference[snippet_id], ""))
        theirs = dict(_leaves(other[snippet_id], ""))
        for name in sorted(set(mine) & set(theirs)):
            a, b = mine[name], theirs[name]
            label = name.lstrip(".")
            numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (a, b))
            if MACHINE_DEPENDENT.search(label) or not numeric:
                verdict = "ignored" if a != b else "ok"
            elif math.isclose(a, b, rel_tol=rtol, abs_tol=atol) or (
                math.isnan(a) and math.isnan(b)
            ):
                verdict = "ok"
            else:
                verdict = "differs"
            rows.append((snippet_id, label, a, b, verdict))
    return rows


def report(rows, only_problems: bool = True) -> str:
    lines = []
    for snippet_id, name, a, b, verdict in rows:
        if only_problems and verdict == "ok":
            continue
        lines.append(f"{verdict:<8} {snippet_id}:{name}  {a!r} -> {b!r}")
    counts = {v: sum(r[4] == v for r in rows) for v in ("ok", "differs", "ignored")}
    lines.append(
        f"{len(rows)} named values: {counts['ok']} agree, {counts['differs']} differ beyond "
        f"the tolerance, {counts['ignored']} machine-dependent or non-numeric"
    )
    return "\n".join(lines)
