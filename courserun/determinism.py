"""Run listings twice without the cache and name each one whose output or results differ.

A cached rebuild repeats whatever number the first run printed, so an unseeded listing looks
stable until someone forces a rerun. ``python -m courserun check-determinism [chapter ...]``
finds those listings. Named results a listing declares with ``Varies: name, ...`` in its
docstring (timings) are not compared, and in its output every number is masked, so only the
text around them must match. Figures are compared byte for byte.
``--warm-vs-cold`` runs each listing once forked from the warm parent and once in a fresh
interpreter instead: a listing must not be able to tell the difference.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .execute import network_allowed, run_uncached
from .snippets import Snippet

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _run(snippet: Snippet, cold: bool | None = None) -> dict:
    with tempfile.TemporaryDirectory(prefix="courserun-determinism-") as out:
        record = run_uncached(snippet, Path(out), cold=cold)
        record["figure_bytes"] = [
            (Path(out) / item["light"]).read_bytes() for item in record.get("figures", [])
        ]
        return record


def differences(snippet: Snippet, first: dict, second: dict) -> list[str]:
    """What differs between two records of the same listing, ignoring what it declares varies."""
    for record in (first, second):
        if record["status"] != "ok":
            return [f"failed: {record['error']['type']}: {record['error']['message']}"]
    found: list[str] = []
    out_a, out_b = first["stdout"], second["stdout"]
    if snippet.varies:
        out_a, out_b = NUMBER.sub("#", out_a), NUMBER.sub("#", out_b)
    if out_a != out_b:
        lines = zip(out_a.splitlines(), out_b.splitlines(), strict=False)
        for number, (a, b) in enumerate(lines, start=1):
            if a != b:
                found.append(f"output line {number}: {a.strip()!r} then {b.strip()!r}")
                break
        else:
            found.append("output has a different number of lines")
    if len(first["figure_bytes"]) != len(second["figure_bytes"]):
        found.append("a different number of figures")
    elif not snippet.varies:
        for number, (a, b) in enumerate(
            zip(first["figure_bytes"], second["figure_bytes"], strict=True), start=1
        ):
            if a != b:
                found.append(f"figure {number} differs")
    names = (set(first["values"]) | set(second["values"])) - set(snippet.varies)
    for name in sorted(names):
        a, b = first["values"].get(name), second["values"].get(name)
        if json.dumps(a, sort_keys=True) != json.dumps(b, sort_keys=True):
            found.append(f"value {name}: {json.dumps(a)[:60]} then {json.dumps(b)[:60]}")
    return found


def check(
    snippets: list[Snippet],
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    warm_vs_cold: bool = False,
) -> tuple[dict[str, list[str]], list[str]]:
    """Differences by snippet id (empty list: deterministic), and the ids skipped offline.

    By default both runs start the default way; with ``warm_vs_cold`` the first run is forked
    from the warm parent and the second a fresh interpreter, so a difference means a listing
    can tell how it was started.
    """
    skipped = [s.id for s in snippets if s.network and not network_allowed()]
    chosen = [s for s in snippets if s.id not in skipped]
    with ThreadPoolExecutor(max_workers=jobs or os.cpu_count() or 1) as pool:
        first_mode, second_mode = (False, True) if warm_vs_cold else (None, None)
        firsts = [pool.submit(_run, s, first_mode) for s in chosen]
        seconds = [pool.submit(_run, s, second_mode) for s in chosen]
        report: dict[str, list[str]] = {}
        for snippet, a, b in zip(chosen, firsts, seconds, strict=True):
            report[snippet.id] = differences(snippet, a.result(), b.result())
            if progress:
                state = "same" if not report[snippet.id] else "DIFFERS"
                progress(f"{state:<8} {snippet.id}")
    return report, skipped
