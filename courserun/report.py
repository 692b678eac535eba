"""The build report: every snippet with its status, time, device and versions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .execute import Result

if TYPE_CHECKING:
    from .pages import Reference
    from .project import Project

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


def report_markdown(results: dict[str, Result], refs: list[Reference], project: Project) -> str:
    pages_of: dict[str, list[str]] = {}
    for ref in refs:
        if ref.kind == "include" and ref.snippet_id:
            page = ref.page.relative_to(project.docs_dir).as_posix()
            pages_of.setdefault(ref.snippet_id, [])
            if page not in pages_of[ref.snippet_id]:
                pages_of[ref.snippet_id].append(page)
    lines = [
        f"**{summary_line(results)}.**",
        "",
        "| Snippet | Page | Status | Time (s) | Device | Python | TensorFlow | Keras | NumPy "
        "| Date |",
        "|---|---|---|---:|---|---|---|---|---|---|",
    ]
    for snippet_id, result in results.items():
        versions = result.provenance.get("versions", {})
        page_links = ", ".join(f"[{p}]({p})" for p in pages_of.get(snippet_id, [])) or "—"
        time_text = f"{result.wall_seconds:.1f}" if result.ok else "—"
        lines.append(
            f"| `{result.snippet.repo_path}` | {page_links} | "
            f"{STATUS_LABEL.get(result.status, result.status)} | {time_text} | "
            f"{result.provenance.get('device', '—')} | {versions.get('python', '—')} | "
            f"{versions.get('tensorflow', '—')} | {versions.get('keras', '—')} | "
            f"{versions.get('numpy', '—')} | {result.provenance.get('date', '—')} |"
        )
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
