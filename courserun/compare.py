"""Compare the named results of two builds (for example CPU against GPU), value by value.

Each build leaves ``docs/_generated/<chapter>/<stem>.json``; point this at two such folders.
Numbers are compared with a relative tolerance; strings, arrays (lists of more than
MAX_LIST items: grids, predictions, curves) and names that measure time or describe the machine
are counted but never fail the comparison.
"""

from __future__ import annotations

import difflib
import hashlib
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


# --- What a pull request changes: `python -m courserun diff BASE HEAD` -----------------------
#
# BASE and HEAD are two docs/_generated folders (main's build and the pull request's). For each
# listing: its status, the printed output (the "Output" block of <stem>.output.md), every named
# result (<stem>.json) and the hash of every figure (<stem>/fig-N.svg). The result is a
# Markdown summary for $GITHUB_STEP_SUMMARY. Machine-dependent names (timings, versions) are
# left out: they differ between any two runs and say nothing about the change.

# GitHub shows at most 1 MiB of summary per step: long tables are cut with a count.
MAX_MOVED_ROWS = 300
MAX_OUTPUT_LINES = 60
OUTPUT_BLOCK = re.compile(
    r"^(?P<fence>`{3,}) \{ \.text title=\"Output\" \}\n(?P<text>.*?)\n(?P=fence)$",
    re.MULTILINE | re.DOTALL,
)


def load_build(folder: Path) -> dict[str, dict]:
    """snippet id -> {status, values, output, figures: {file name: sha256}} of one build."""
    build = {}
    for path in sorted(Path(folder).glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        output_md = path.with_suffix(".output.md")
        text = output_md.read_text(encoding="utf-8") if output_md.exists() else ""
        match = OUTPUT_BLOCK.search(text)
        figures_dir = path.with_suffix("")
        figures = {
            svg.name: hashlib.sha256(svg.read_bytes()).hexdigest()
            for svg in sorted(figures_dir.glob("*.svg"))
            if not svg.stem.endswith("-dark")  # the dark variant is derived from the light one
        }
        build[record["snippet"]] = {
            "status": record.get("status"),
            "values": record.get("values") or {},
            "output": match["text"] if match else "",
            "figures": figures,
        }
    return build


def pages_by_snippet(docs_dir: Path) -> dict[str, list[str]]:
    """snippet id -> the pages that include it or quote its named results."""
    from .pages import scan_pages

    found: dict[str, list[str]] = {}
    for ref in scan_pages(Path(docs_dir)):
        if ref.snippet_id:
            page = ref.page.relative_to(docs_dir).as_posix()
            if page not in found.setdefault(ref.snippet_id, []):
                found[ref.snippet_id].append(page)
    return found


def _flat(values: dict) -> dict:
    """Leaves of the named results; long lists stay whole (compared element by element)."""
    flat = {}

    def walk(value, prefix):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{prefix}.{key}")
        elif isinstance(value, list) and len(value) <= MAX_LIST:
            for index, item in enumerate(value):
                walk(item, f"{prefix}.{index}")
        else:
            flat[prefix.lstrip(".")] = value

    walk(values, "")
    return {k: v for k, v in flat.items() if not MACHINE_DEPENDENT.search(k)}


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _show(value) -> str:
    if isinstance(value, list):
        return f"{len(value)} values"
    if isinstance(value, float):
        return f"{value:.4g}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _change(a, b) -> str:
    """How a named result moved, in words fit for a table cell."""
    if a is None:
        return "new"
    if b is None:
        return "removed"
    if _number(a) and _number(b):
        delta = b - a
        relative = f" ({delta / abs(a):+.1%})" if a else ""
        return f"{delta:+.4g}{relative}"
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"length {len(a)} → {len(b)}"
        moved = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        numeric = [abs(y - x) for x, y in moved if _number(x) and _number(y)]
        largest = f", largest change {max(numeric):.3g}" if numeric else ""
        return f"{len(moved)} of {len(a)} values changed{largest}"
    return "changed"


def diff_builds(base: dict[str, dict], head: dict[str, dict]) -> list[dict]:
    """One entry per listing that differs: what changed in its status, output, values, figures."""
    changes = []
    for snippet_id in sorted(set(base) | set(head)):
        old, new = base.get(snippet_id), head.get(snippet_id)
        entry = {"snippet": snippet_id, "status": None, "output": [], "values": [], "figures": []}
        if old is None or new is None:
            entry["status"] = "new listing" if old is None else "removed"
            changes.append(entry)
            continue
        if old["status"] != new["status"]:
            entry["status"] = f"{old['status']} → {new['status']}"
        if old["output"] != new["output"]:
            entry["output"] = list(
                difflib.unified_diff(
                    old["output"].splitlines(),
                    new["output"].splitlines(),
                    "main",
                    "this PR",
                    n=1,
                    lineterm="",
                )
            )[2:]
        mine, theirs = _flat(old["values"]), _flat(new["values"])
        for name in sorted(set(mine) | set(theirs)):
            a, b = mine.get(name), theirs.get(name)
            if a != b and not (_number(a) and _number(b) and math.isnan(a) and math.isnan(b)):
                entry["values"].append((name, a, b, _change(a, b)))
        for name in sorted(set(old["figures"]) | set(new["figures"])):
            a, b = old["figures"].get(name), new["figures"].get(name)
            if a != b:
                entry["figures"].append(
                    (name, "new" if a is None else "removed" if b is None else "changed")
                )
        if entry["status"] or entry["output"] or entry["values"] or entry["figures"]:
            changes.append(entry)
    return changes


def diff_markdown(
    base: dict[str, dict], head: dict[str, dict], pages: dict[str, list[str]] | None = None
) -> str:
    """The summary a pull request shows: which listings changed and how, and where they appear."""
    pages = pages or {}
    changes = diff_builds(base, head)
    lines = ["## What this change does to the listings' results", ""]
    if not changes:
        lines.append(
            f"All {len(head)} listings give the same output, named results and figures as on main."
        )
        return "\n".join(lines) + "\n"
    counts = (
        sum(bool(c["output"]) for c in changes),
        sum(bool(c["values"]) for c in changes),
        sum(bool(c["figures"]) for c in changes),
    )
    lines += [
        f"{len(changes)} of {len(set(base) | set(head))} listings differ from main: "
        f"{counts[0]} in their output, {counts[1]} in their named results, "
        f"{counts[2]} in their figures.",
        "",
        "| Listing | Status | Output | Named results | Figures | Pages |",
        "|---|---|---|---|---|---|",
    ]
    for c in changes:
        output = sum(1 for line in c["output"] if line[:1] in "+-")
        cells = [
            f"`{c['snippet']}`",
            c["status"] or "—",
            f"{output} lines changed" if c["output"] else "—",
            f"{len(c['values'])} moved" if c["values"] else "—",
            ", ".join(f"{name} ({how})" for name, how in c["figures"]) or "—",
            ", ".join(pages.get(c["snippet"], [])) or "—",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    moved = [(c["snippet"], *value) for c in changes for value in c["values"]]
    if moved:
        lines += [
            "",
            "### Named results that moved",
            "",
            "| Listing | Name | main | this PR | Change |",
            "|---|---|---:|---:|---:|",
        ]
        lines += [
            f"| `{s}` | `{name}` | {_show(a) if a is not None else '—'} | "
            f"{_show(b) if b is not None else '—'} | {how} |"
            for s, name, a, b, how in moved[:MAX_MOVED_ROWS]
        ]
        if len(moved) > MAX_MOVED_ROWS:
            lines += ["", f"… and {len(moved) - MAX_MOVED_ROWS} more named results."]
    for c in changes:
        if c["output"]:
            lines += [
                "",
                f"<details><summary>Output of <code>{c['snippet']}</code></summary>",
                "",
                "```diff",
                *c["output"][:MAX_OUTPUT_LINES],
                *(
                    [f"… {len(c['output']) - MAX_OUTPUT_LINES} more lines"]
                    * (len(c["output"]) > MAX_OUTPUT_LINES)
                ),
                "```",
                "",
                "</details>",
            ]
    return "\n".join(lines) + "\n"
