"""MkDocs hook: before each build, bring every snippet's results up to date.

It only orchestrates. The work (checking pages, running stale snippets, writing fragments) is
``courserun.project.prepare``; pages then include plain Markdown files with pymdownx.snippets.
Configured in mkdocs.yml as ``hooks: [courserun/mkdocs_hook.py]``; ``watch: [snippets]`` makes
``mkdocs serve`` rebuild when a snippet changes.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from courserun import labs, notebooks
from courserun.execute import RunInterruptedError
from courserun.project import BuildError, Project, prepare
from courserun.report import summary_line
from courserun.sandbox import DETERMINISTIC_ENV

log = logging.getLogger("mkdocs.hooks.courserun")


_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_config(config):
    # The labs' Jupyter kernels inherit this process's environment: make their runs repeatable
    # the same way as the snippets'.
    os.environ.update(DETERMINISTIC_ENV)
    return config


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
    except RunInterruptedError as err:
        raise PluginError(f"courserun: {err}") from None
    by_id = {r.snippet.id: r.snippet for r in results.values()}
    # mkdocs.yml as written: `mkdocs serve` rewrites site_url to its local address.
    if _command["name"] == "serve":
        # While editing, the notebooks follow the pages; `mkdocs build` and the tests refuse
        # one that was not regenerated and committed.
        for path in notebooks.sync(project, by_id, project.config):
            log.info(f"courserun: rewrote {path.relative_to(project.root)}; commit it")
    chapters = notebooks.stale(project, by_id, project.config)
    if chapters:
        names = ", ".join(str(p.relative_to(project.root)) for p in chapters)
        raise PluginError(
            f"courserun stopped the build: {names} is out of date with its chapter page (Colab "
            "and the download link serve it). Run `make sync-notebooks` and commit it."
        )
    out_of_date = labs.stale(project.docs_dir / "labs")
    if out_of_date:
        names = ", ".join(str(p.relative_to(project.root)) for p in out_of_date)
        raise PluginError(
            f"courserun stopped the build: the notebook paired with {names} is out of date "
            "(Colab and the download link serve it). Run `make sync-labs` and commit the .ipynb."
        )
    log.info(f"courserun: {summary_line(results)}")


def on_page_content(html: str, page, config, files) -> str:
    """Lab pages (rendered by mkdocs-jupyter): links added, CDN loaders and log noise removed."""
    try:
        return labs.clean_page(html, page.file.src_uri, config["repo_url"])
    except labs.LabError as err:
        raise PluginError(str(err)) from None
