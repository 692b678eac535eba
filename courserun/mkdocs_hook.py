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
from courserun.project import BuildError, Project, prepare
from courserun.report import summary_line

log = logging.getLogger("mkdocs.hooks.courserun")


_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


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
