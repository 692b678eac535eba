"""One build step shared by the MkDocs hook, the CLI and the tests.

``prepare(project)`` checks every page's references, runs the stale snippets (in parallel,
through the cache), writes the fragments and the build report, and raises ``BuildError`` with
every problem (page and line, snippet file and line, traceback, what to do) if anything failed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import fragments, notebooks, pages, report
from .cache import Cache
from .execute import Result, run_many
from .snippets import Snippet, SnippetError, discover

ROOT = Path(__file__).resolve().parent.parent


class BuildError(Exception):
    """The build must stop; the message says where and what to do."""


@dataclass(frozen=True)
class Project:
    root: Path = ROOT

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"

    @property
    def generated_dir(self) -> Path:
        return self.docs_dir / "_generated"

    @property
    def include_dirs(self) -> list[Path]:
        return [self.generated_dir, self.docs_dir / "includes"]

    @property
    def config(self) -> dict:
        """mkdocs.yml's settings (repo_url, site_url), or none where there is no such file."""
        path = self.root / "mkdocs.yml"
        if not path.exists():
            return {}
        import yaml

        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    @property
    def cache(self) -> Cache:
        folder = os.environ.get("COURSERUN_CACHE")
        return Cache(Path(folder) if folder else self.root / ".cache" / "courserun")


def load_snippets(project: Project, selection: list[str] | None = None) -> list[Snippet]:
    try:
        return discover(project.snippets_dir, selection)
    except SnippetError as err:
        raise BuildError(str(err)) from err


def prepare(
    project: Project,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, Result], None] | None = None,
) -> dict[str, Result]:
    snippets = load_snippets(project)
    by_id = {s.id: s for s in snippets}
    # The chapters' notebook links come first: pages include them like any shared file.
    keep = notebooks.write_links(project, by_id, project.config)
    refs = pages.scan_pages(project.docs_dir)
    problems = pages.check_references(refs, by_id, project.docs_dir, project.include_dirs)
    if problems:
        raise BuildError("\n".join(problems))

    results = run_many(snippets, project.cache, jobs=jobs, force=force, progress=progress)
    failed = [r for r in results.values() if r.status == "error"]
    if failed:
        messages = []
        for result in failed:
            shown_on = [
                ref.where(project.docs_dir) for ref in refs if ref.snippet_id == result.snippet.id
            ]
            page_note = f" (shown on {', '.join(shown_on)})" if shown_on else ""
            messages.append(f"Snippet failed{page_note}:\n{result.describe_error()}")
        raise BuildError("\n\n".join(messages))

    values = {sid: r.values for sid, r in results.items() if r.ok}
    problems = pages.check_values(refs, values, project.docs_dir)
    problems += [
        f"{ref.where(project.docs_dir)}: quotes '{ref.part}' from snippets/{ref.snippet_id}.py, "
        "which needs the network and did not run in this build. Quote a value from an "
        "offline listing instead."
        for ref in refs
        if ref.kind == "value" and results[ref.snippet_id].status == "skipped-network"
    ]
    if problems:
        raise BuildError("\n".join(problems))

    for result in results.values():
        keep |= fragments.write_fragments(result, project.generated_dir)
    report_path = project.generated_dir / pages.REPORT_FRAGMENT
    fragments.write_if_changed(report_path, report.report_markdown(results, refs, project))
    keep.add(report_path)
    fragments.prune(project.generated_dir, keep)
    return results
