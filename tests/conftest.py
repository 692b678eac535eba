"""Shared fixtures: every snippet's result from the runner, and a snippet's namespace in-process.

``result("chapter/NN_name")``     the runner's Result (stdout, values, figures), run once per
                                  session for all snippets, in parallel, through the cache.
``namespace("chapter/NN_name")``  the snippet executed in this process (figures discarded), for
                                  tests that need its functions or arrays, not just its values.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from courserun import claims, variants
from courserun.execute import NETWORK_ENV, Result, run_many, run_one
from courserun.project import Project, load_labs, load_snippets
from courserun.snippets import Snippet

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `network` run only where COURSERUN_NETWORK=1; elsewhere they are skipped,
    and pytest's summary (-ra) lists each skip with its reason."""
    # The tests of the whole site last: they need every listing and lab, which run in the
    # background meanwhile (see _Background), so the other tests go first.
    whole = {"site", "results"}
    items.sort(key=lambda item: bool(whole & set(getattr(item, "fixturenames", ()))))
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


_RUN_IN_ORDER = """
import sys
from courserun import claims, variants
from courserun.execute import run_many
from courserun.project import Project, load_labs, load_snippets
from courserun.snippets import Snippet
project = Project()
labs = sorted(load_labs(project), key=lambda lab: lab.stem != "iris_mlp")
order = labs[:1] + load_snippets(project) + labs[1:]
def arrived(done, total, result):
    print(result.snippet.id, result.status, flush=True)
run_many(order, project.cache, progress=arrived)
"""


class _Background:
    """Every listing and lab, run from the start of a session that needs them all, while the
    tests run: a test waits only for the listings it asks for, and the tests' own work
    (namespaces, the build) shares the cores with the runs. The runs happen in a separate
    process started with the environment as it was before any test, so a test that sets
    COURSERUN_TIMEOUT or COURSERUN_COLD for itself does not change them; results come back
    through the cache. The longest lab starts first, the two others last; the listings go in
    chapter order, the order the test files ask for them."""

    def __init__(self) -> None:
        self.wanted = False
        self.process: subprocess.Popen | None = None
        self.condition = threading.Condition()
        self.done: set[str] = set()
        self.finished = False
        self.cache = None

    def start(self, project: Project) -> None:
        if self.process is not None:
            return
        self.cache = project.cache
        self.process = subprocess.Popen(
            [sys.executable, "-c", _RUN_IN_ORDER],
            cwd=project.root,
            env={**os.environ, "COURSERUN_CACHE": str(self.cache.root)},
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )

        def read() -> None:
            assert self.process is not None and self.process.stdout is not None
            for line in self.process.stdout:
                with self.condition:
                    self.done.add(line.split(" ", 1)[0])
                    self.condition.notify_all()
            self.process.wait()
            with self.condition:
                self.finished = True
                self.condition.notify_all()

        threading.Thread(target=read, name="courserun-background", daemon=True).start()

    def get(self, project: Project, snippet: Snippet) -> Result:
        self.start(project)
        with self.condition:
            self.condition.wait_for(lambda: snippet.id in self.done or self.finished)
        # From the cache; a failure is not cached, so it runs again here and shows its error.
        return run_one(snippet, self.cache)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)


_background = _Background()


def pytest_collection_finish(session: pytest.Session) -> None:
    _background.wanted = any(
        {"site", "results"} & set(getattr(item, "fixturenames", ())) for item in session.items
    )
    if _background.wanted:
        _background.start(Project())


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _background.stop()


def _chapter_results(project: Project, chapter: str) -> dict[str, Result]:
    """One chapter's results, run (or loaded from the cache) once per session."""
    if chapter not in _chapters:
        if _background.wanted:
            _chapters[chapter] = {
                s.id: _background.get(project, s) for s in load_snippets(project, [chapter])
            }
        else:
            _chapters[chapter] = run_many(load_snippets(project, [chapter]), project.cache)
    return _chapters[chapter]


@pytest.fixture(scope="session")
def results(project: Project) -> dict[str, Result]:
    """Every listing's result, for the tests that look at the whole site (which builds the labs
    too: they have run beside the listings by then)."""
    _background.wanted = True
    for lab in load_labs(project):
        _background.get(project, lab)
    return {s.id: _background.get(project, s) for s in load_snippets(project)}


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
        claims.note_use(snippet_id, bool(found.snippet.variant))
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
        path = project.snippets_dir / f"{snippet_id}.py"
        assert path.exists(), f"no snippet {path}"
        # a variant build (check-claims) runs its own seeds
        text, variant = variants.variant_text(path, path.read_text(encoding="utf-8"))
        claims.note_use(snippet_id, bool(variant))
        if snippet_id not in _namespaces:
            import matplotlib

            matplotlib.use("Agg")
            import matplotlib.pyplot as plt

            original_show, plt.show = plt.show, lambda *args, **kwargs: None
            here = Path.cwd()
            os.chdir(tmp_path_factory.mktemp("snippet"))
            try:
                code = compile(text, str(path), "exec")
                scope: dict = {"__name__": "__main__", "__file__": str(path)}
                exec(code, scope)
                _namespaces[snippet_id] = scope
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
