"""MkDocs hook: before each build, bring every snippet's results up to date.

It only orchestrates. The work (checking pages, running stale snippets, writing fragments) is
``courserun.project.prepare``; pages then include plain Markdown files with pymdownx.snippets.
Configured in mkdocs.yml as ``hooks: [courserun/mkdocs_hook.py]``; ``watch: [snippets]`` makes
``mkdocs serve`` rebuild when a snippet changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from courserun.execute import RunInterruptedError
from courserun.pages import scan_pages
from courserun.project import BuildError, Project, prepare
from courserun.report import summary_line

log = logging.getLogger("mkdocs.hooks.courserun")


_command = {"name": "build", "dirty": False}
# Under `mkdocs serve --dirty` (`make serve`), MkDocs rebuilds only pages whose own file changed;
# a page whose listing just ran again is rebuilt too (its src_uri is put here by on_pre_build).
_rerun_pages: set[str] = set()


class _QuietDirtyWarning(logging.Filter):
    """`--dirty` is how `make serve` rebuilds one page in a second; MkDocs warns about it on
    every build, and under --strict that warning would stop the build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "A 'dirty' build is being performed" not in record.getMessage()


def on_startup(command, dirty):
    _command["name"] = command
    _command["dirty"] = dirty
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_QuietDirtyWarning())


def on_pre_build(config) -> None:
    project = Project(Path(config["config_file_path"]).resolve().parent)

    def progress(done: int, total: int, result) -> None:
        if not result.cached:
            log.info(
                f"courserun [{done}/{total}] {result.status} {result.wall_seconds:.1f} s "
                f"{result.snippet.repo_path}"
            )

    def rewrote(path: Path) -> None:
        log.info(f"courserun: rewrote {path.relative_to(project.root)}; commit it")

    try:
        # While editing (`mkdocs serve`) the chapter notebooks follow the pages; `mkdocs build`
        # and the tests refuse one that was not regenerated and committed.
        results = prepare(
            project, progress=progress, sync_notebooks=_command["name"] == "serve", on_sync=rewrote
        )
    except BuildError as err:
        raise PluginError(f"courserun stopped the build:\n{err}") from None
    except RunInterruptedError as err:
        raise PluginError(f"courserun: {err}") from None
    log.info(f"courserun: {summary_line(results)}")
    _rerun_pages.clear()
    ran = {sid for sid, result in results.items() if not result.cached}
    if ran and _command["dirty"]:
        _rerun_pages.update(pages_showing(project, ran))


def pages_showing(project: Project, snippet_ids: set[str]) -> set[str]:
    """The pages (src_uri) that show any of these listings or labs. Not the build report: its
    page (a long table) would double the rebuild; `make build` and a restart refresh it."""
    shown = {
        ref.page.relative_to(project.docs_dir).as_posix()
        for ref in scan_pages(project.docs_dir)
        if ref.snippet_id in snippet_ids
    }
    shown |= {f"{sid}.md" for sid in snippet_ids if sid.startswith("labs/")}
    return shown


def on_files(files, config):
    """Under --dirty: the pages whose listings ran count as modified, so they are rebuilt."""
    for file in files.documentation_pages():
        if file.src_uri in _rerun_pages:
            file.is_modified = lambda: True
    return files
