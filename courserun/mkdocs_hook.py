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

from courserun.project import BuildError, Project, prepare
from courserun.report import summary_line

log = logging.getLogger("mkdocs.hooks.courserun")


def on_pre_build(config) -> None:
    project = Project(Path(config["config_file_path"]).resolve().parent)

    def progress(done: int, total: int, result) -> None:
        if not result.cached:
            log.info(
                f"courserun [{done}/{total}] {result.status} {result.wall_seconds:.1f} s "
                f"{result.snippet.repo_path}"
            )

    try:
        results = prepare(project, progress=progress)
    except BuildError as err:
        raise PluginError(f"courserun stopped the build:\n{err}") from None
    log.info(f"courserun: {summary_line(results)}")
