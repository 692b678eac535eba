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

from . import fragments, labs, notebooks, pages, report, variants
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
        """The published results' cache; in a variant build (``COURSERUN_SEEDS``), one that
        keeps the variant's results apart (``.courserun/variants/<variant>/``)."""
        folder = os.environ.get("COURSERUN_CACHE")
        published = Cache(Path(folder) if folder else self.root / ".courserun" / "cache")
        seeds = variants.active_seeds()
        if seeds is None:
            return published
        return VariantCache(
            published, self.root / ".courserun" / "variants" / variants.label(seeds)
        )


class VariantCache(Cache):
    """A variant build's cache: the listings the variant changed are stored apart, in a folder
    of their own; those it left alone (no seeds line) share the published results, which are
    the same run. ``root`` stays the published folder, as for a plain build."""

    def __init__(self, published: Cache, variant_root: Path) -> None:
        super().__init__(published.root)
        self.published = published
        self.variant = Cache(variant_root)

    def _pick(self, snippet: Snippet) -> Cache:
        return self.variant if snippet.variant else self.published

    def entry_dir(self, snippet: Snippet, key: str) -> Path:
        return self._pick(snippet).entry_dir(snippet, key)

    def load(self, snippet: Snippet, key: str) -> dict | None:
        return self._pick(snippet).load(snippet, key)

    def store(
        self, snippet: Snippet, key: str, record: dict, produced: Path, replace: bool = False
    ) -> dict:
        return self._pick(snippet).store(snippet, key, record, produced, replace)

    def clear(self) -> tuple[int, list[str]]:
        return self.variant.clear()


def load_snippets(project: Project, selection: list[str] | None = None) -> list[Snippet]:
    try:
        return discover(project.snippets_dir, selection)
    except SnippetError as err:
        raise BuildError(str(err)) from err


def load_labs(project: Project) -> list[Snippet]:
    try:
        return labs.discover(project.docs_dir / "labs", project.root)
    except labs.LabError as err:
        raise BuildError(str(err)) from err


def select(project: Project, selection: list[str] | None = None) -> list[Snippet]:
    """Listings and labs by name: nothing is everything; `labs` or `labs/<stem>` are labs."""
    selection = list(selection or [])
    lab_names = [item for item in selection if item.strip("/").split("/")[0] == "labs"]
    others = [item for item in selection if item not in lab_names]
    chosen: list[Snippet] = []
    if others or not selection:
        chosen += load_snippets(project, others or None)
    if lab_names or not selection:
        every_lab = load_labs(project)
        wanted = {name.strip("/") for name in lab_names}
        picked = [lab for lab in every_lab if not wanted or "labs" in wanted or lab.id in wanted]
        missing = wanted - {"labs"} - {lab.id for lab in every_lab}
        if missing:
            raise BuildError(
                f"no lab named {', '.join(sorted(missing))} in docs/labs; "
                "`python -m courserun list` shows them all."
            )
        chosen += picked
    return chosen


def write_result(project: Project, result: Result) -> set[Path]:
    """Write one result's files for the pages (a listing's fragments, or a lab's page); returns
    the paths written."""
    if result.snippet.variant:
        raise BuildError(
            f"{result.snippet.repo_path} ran as the variant {result.snippet.variant} "
            f"({variants.SEEDS_ENV} is set): a variant's results are checked, never published. "
            f"Unset {variants.SEEDS_ENV} to build the site."
        )
    if not result.snippet.is_lab:
        return fragments.write_fragments(result, project.generated_dir)
    try:
        return labs.write_page(result, project.generated_dir, project.config.get("repo_url", ""))
    except labs.LabError as err:
        raise BuildError(str(err)) from err


def publish(project: Project, results: dict[str, Result]) -> None:
    """Write the fragments (and lab pages) of the results that succeeded; nothing is pruned."""
    for result in results.values():
        if result.ok:
            write_result(project, result)


# What this process wrote for each result: (cache entry, generated folder) and the paths.
_published: dict[str, tuple[tuple[str, str], set[Path]]] = {}


def prepare(
    project: Project,
    jobs: int | None = None,
    force: bool = False,
    progress: Callable[[int, int, Result], None] | None = None,
    sync_notebooks: bool = False,
    on_sync: Callable[[Path], None] | None = None,
) -> dict[str, Result]:
    """Everything a site engine needs before it builds (MkDocs runs it from its hook; Zensical,
    which runs no hooks, after `python -m courserun prebuild`).

    ``sync_notebooks``: rewrite stale chapter notebooks (under `mkdocs serve`, while editing)
    instead of refusing them; ``on_sync`` is told each one rewritten.
    """
    snippets = load_snippets(project)
    lab_runs = load_labs(project)
    by_id = {s.id: s for s in snippets}
    # The chapters' notebook links come first: pages include them like any shared file.
    keep = notebooks.write_links(project, by_id, project.config)
    refs = pages.scan_pages(project.docs_dir)
    problems = pages.check_references(refs, by_id, project.docs_dir, project.include_dirs)
    for lab in lab_runs:
        page = lab.path.with_suffix(".md")
        if not page.exists() or page.read_text(encoding="utf-8") != labs.stub_text(lab.stem):
            problems.append(
                f"{page.relative_to(project.root)}:1: a lab's page only includes its generated "
                f"page; write exactly: {labs.stub_text(lab.stem).strip()}"
            )
    if sync_notebooks:
        for path in notebooks.sync(project, by_id, project.config):
            if on_sync:
                on_sync(path)
    stale = notebooks.stale(project, by_id, project.config) + [
        source.with_suffix(".ipynb") for source in labs.stale(project.docs_dir / "labs")
    ]
    problems += [
        f"{path.relative_to(project.root)} is out of date with its source (Colab and the "
        "download link serve it). Run `make sync-notebooks sync-labs` and commit it."
        for path in stale
    ]
    if problems:
        raise BuildError("\n".join(problems))

    # The labs are the longest runs: started first, they share the cores with the listings.
    ran = run_many(lab_runs + snippets, project.cache, jobs=jobs, force=force, progress=progress)
    results = {s.id: ran[s.id] for s in snippets + lab_runs}  # the labs after the chapters
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
        # Under `mkdocs serve` this runs at every rebuild: a cached result whose files this
        # process already wrote, and which are still there, is not written again.
        entry = (str(result.dir), str(project.generated_dir))
        done = _published.get(result.snippet.id)
        if result.cached and done and done[0] == entry and all(p.exists() for p in done[1]):
            keep |= done[1]
            continue
        paths = write_result(project, result)
        _published[result.snippet.id] = (entry, paths)
        keep |= paths
    report_path = project.generated_dir / pages.REPORT_FRAGMENT
    fragments.write_if_changed(report_path, report.report_markdown(results, refs, project.docs_dir))
    keep.add(report_path)
    fragments.prune(project.generated_dir, keep)
    return results
