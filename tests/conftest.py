"""Shared fixtures: every snippet's result from the runner, and a snippet's namespace in-process.

``result("chapter/NN_name")``     the runner's Result (stdout, values, figures), run once per
                                  session for all snippets, in parallel, through the cache.
``namespace("chapter/NN_name")``  the snippet executed in this process (figures discarded), for
                                  tests that need its functions or arrays, not just its values.
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from courserun.execute import NETWORK_ENV, Result, run_many
from courserun.project import Project, load_labs, load_snippets

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `network` run only where COURSERUN_NETWORK=1; elsewhere they are skipped,
    and pytest's summary (-ra) lists each skip with its reason."""
    skip_notebooks = pytest.mark.skip(
        reason="executes every chapter notebook (minutes); `make test-notebooks` runs it"
    )
    if os.environ.get("COURSERUN_NOTEBOOKS") != "1":
        for item in items:
            if "notebooks" in item.keywords:
                item.add_marker(skip_notebooks)
    if os.environ.get(NETWORK_ENV) == "1":
        return
    skip = pytest.mark.skip(reason=f"needs the network; set {NETWORK_ENV}=1 to run it")
    for item in items:
        if "network" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project()


_chapters: dict[str, dict[str, Result]] = {}
# Whether this session builds the site (its tests were collected): then the first test that
# needs any result runs every listing and lab at once, longest first, so that both cores stay
# busy to the end; a session of one chapter's tests runs only that chapter.
_whole_site = {"wanted": False, "done": False}


def pytest_collection_finish(session: pytest.Session) -> None:
    _whole_site["wanted"] = any("site" in item.fixturenames for item in session.items)


def _run_everything(project: Project) -> None:
    if _whole_site["done"]:
        return
    listings = load_snippets(project)
    found = run_many(load_labs(project) + listings, project.cache)
    for snippet_id, outcome in found.items():
        _chapters.setdefault(snippet_id.split("/")[0], {})[snippet_id] = outcome
    _whole_site["done"] = True


def _chapter_results(project: Project, chapter: str) -> dict[str, Result]:
    """One chapter's results, run (or loaded from the cache) once per session."""
    if _whole_site["wanted"]:
        _run_everything(project)
    if chapter not in _chapters:
        _chapters[chapter] = run_many(load_snippets(project, [chapter]), project.cache)
    return _chapters[chapter]


@pytest.fixture(scope="session")
def results(project: Project) -> dict[str, Result]:
    """Every listing's result (the labs run too, beside them): for the tests that look at the
    whole site."""
    _run_everything(project)
    return {s.id: _chapters[s.chapter][s.id] for s in load_snippets(project)}


@pytest.fixture(scope="session")
def result(project: Project):
    """Results by id; only the chapters a test asks for are run, so `pytest tests/test_x.py`
    does not run every listing of the site."""

    def get(snippet_id: str) -> Result:
        chapter = snippet_id.split("/")[0]
        chapter_results = (
            _chapter_results(project, chapter) if (project.snippets_dir / chapter).is_dir() else {}
        )
        assert snippet_id in chapter_results, f"no snippet snippets/{snippet_id}.py"
        found = chapter_results[snippet_id]
        if found.status == "skipped-network":
            pytest.skip(f"snippets/{snippet_id}.py needs the network; set {NETWORK_ENV}=1")
        if not found.ok:
            pytest.fail(found.describe_error(), pytrace=False)
        return found

    return get


_namespaces: dict[str, dict] = {}


@pytest.fixture(scope="session")
def namespace(project: Project, tmp_path_factory: pytest.TempPathFactory):
    def get(snippet_id: str) -> dict:
        if snippet_id not in _namespaces:
            path = project.snippets_dir / f"{snippet_id}.py"
            assert path.exists(), f"no snippet {path}"
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            original_show, plt.show = plt.show, lambda *args, **kwargs: None
            here = Path.cwd()
            os.chdir(tmp_path_factory.mktemp("snippet"))
            try:
                _namespaces[snippet_id] = runpy.run_path(str(path), run_name="__main__")
            finally:
                os.chdir(here)
                plt.show = original_show
                plt.close("all")
        return _namespaces[snippet_id]

    return get


@pytest.fixture(scope="session")
def site(project, results, tmp_path_factory) -> Path:
    """`mkdocs build --strict` into a temporary folder, after the snippets ran (cache warm)."""
    failed = [r.describe_error() for r in results.values() if r.status == "error"]
    assert not failed, "\n\n".join(failed)
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=project.root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stderr[-6000:]}"
    warnings = re.findall(r"^WARNING\s+-.*$", built.stderr, flags=re.MULTILINE)
    assert not warnings, "\n".join(warnings)
    return out
