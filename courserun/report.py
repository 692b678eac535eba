"""The build report: every snippet with its status, time, device and versions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .execute import Result
from .fragments import GENERATED_URL

if TYPE_CHECKING:
    from .pages import Reference

STATUS_LABEL = {"ok": "ran", "error": "FAILED", "skipped-network": "skipped (needs network)"}


def summary(results: dict[str, Result]) -> dict[str, float | int]:
    values = list(results.values())
    return {
        "snippets": len(values),
        "ok": sum(r.status == "ok" for r in values),
        "errors": sum(r.status == "error" for r in values),
        "skipped_network": sum(r.status == "skipped-network" for r in values),
        "cached": sum(r.cached for r in values),
        "wall_sum": sum(r.wall_seconds for r in values),
        "own_sum": sum(float(r.timing.get("own", 0.0)) for r in values),
    }


def summary_line(results: dict[str, Result]) -> str:
    s = summary(results)
    return (
        f"{s['snippets']} snippets: {s['ok']} ran ({s['cached']} from cache), "
        f"{s['skipped_network']} skipped (need network), {s['errors']} failed; "
        f"sum of run times {s['wall_sum']:.1f} s (snippets' own {s['own_sum']:.1f} s)"
    )


# Provenance columns: shown once above the tables when every listing that ran agrees on them,
# else as a column of each chapter's table.
ENVIRONMENT = (
    ("Device", ("device",)),
    ("Python", ("versions", "python")),
    ("TensorFlow", ("versions", "tensorflow")),
    ("Keras", ("versions", "keras")),
    ("NumPy", ("versions", "numpy")),
)


def _provenance(result: Result, path: tuple[str, ...]) -> str:
    value = result.provenance
    for key in path:
        value = value.get(key, {}) if isinstance(value, dict) else {}
    return str(value) if value not in ({}, None, "") else "—"


def report_markdown(results: dict[str, Result], refs: list[Reference], docs_dir: Path) -> str:
    """The build report: a summary, the environment once, then one short table per chapter.

    Narrow enough for 1280 px and a phone: listings are named by their file name (the full
    path is the link's title), pages by their name, and the device and versions appear once at
    the top when every listing ran with the same ones.
    """
    pages_of: dict[str, list[str]] = {}
    for ref in refs:
        if ref.kind == "include" and ref.snippet_id:
            page = ref.page.relative_to(docs_dir).as_posix()
            pages_of.setdefault(ref.snippet_id, [])
            if page not in pages_of[ref.snippet_id]:
                pages_of[ref.snippet_id].append(page)
    ran = [r for r in results.values() if r.ok]
    shared, varying = [], []
    for label, path in ENVIRONMENT:
        seen = {_provenance(r, path) for r in ran}
        (shared if len(seen) == 1 else varying).append((label, path, seen))
    lines = [f"**{summary_line(results)}.**", ""]
    said = {label: next(iter(seen)) for label, _, seen in shared}
    where = [f"on {said.pop('Device')}"] if "Device" in said else []
    if said:
        where.append("with " + ", ".join(f"{label} {value}" for label, value in said.items()))
    dates = sorted({str(r.provenance.get("date")) for r in ran if r.provenance.get("date")})
    if dates:
        where.append(f"on {dates[0]}" if len(dates) == 1 else f"from {dates[0]} to {dates[-1]}")
    if ran and where:
        lines.append(f"Every listing that ran did so {', '.join(where)}.")
    chapters: dict[str, list[Result]] = {}
    for result in results.values():
        chapters.setdefault(result.snippet.chapter, []).append(result)
    for chapter, chapter_results in chapters.items():
        header = ["Listing", "Page", "Status", "Time (s)"] + [v[0] for v in varying]
        folder = "docs/labs/" if chapter_results[0].snippet.is_lab else f"snippets/{chapter}/"
        lines += ["", f"### `{folder}`", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|---|---|---|---:|" + "---|" * len(varying))
        for result in chapter_results:
            snippet = result.snippet
            page_links = (
                ", ".join(f"[{p.removesuffix('.md')}]({p})" for p in pages_of.get(snippet.id, []))
                or "—"
            )
            if snippet.is_lab:  # its page, with the notebook to download
                listing = f"[`{snippet.stem}`](labs/{snippet.stem}.md)"
                page_links = f"[labs/{snippet.stem}](labs/{snippet.stem}.md)"
            else:
                listing = (
                    f"[`{snippet.stem}`]({GENERATED_URL}/{snippet.chapter}/{snippet.stem}.py "
                    f'"{snippet.repo_path}")'
                )
            cells = [
                listing,
                page_links,
                STATUS_LABEL.get(result.status, result.status),
                f"{result.wall_seconds:.1f}" if result.ok else "—",
            ]
            cells += [_provenance(result, path) if result.ok else "—" for _, path, _ in varying]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def console_table(results: dict[str, Result]) -> str:
    rows = [("snippet", "status", "wall s", "own s", "overhead s", "cached", "figures")]
    for snippet_id, r in results.items():
        own = float(r.timing.get("own", 0.0))
        rows.append(
            (
                snippet_id,
                STATUS_LABEL.get(r.status, r.status),
                f"{r.wall_seconds:.2f}" if r.ok else "-",
                f"{own:.2f}" if r.ok else "-",
                f"{r.wall_seconds - own:.2f}" if r.ok else "-",
                "yes" if r.cached else "no",
                str(len(r.figures)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for index, row in enumerate(rows):
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n" + summary_line(results)
