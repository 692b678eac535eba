"""Every chapter as a notebook: in sync with its page, linked from it, and runnable top to bottom.

The execution test runs each chapter's notebook in a fresh Jupyter kernel, in a scratch folder
(not the repository), with the runner's environment for listings (allowlisted variables, one
thread, fixed hash seed). Cells that need the network are left out offline, and counted. It
reruns every listing (about two minutes of compute on two cores), so it is marked `notebooks`:
`make test-notebooks` runs it, `.ci/run` runs it after `make test`, and `make test` lists it as
skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from courserun import notebooks, pages, sandbox
from courserun.execute import NETWORK_ENV
from courserun.project import Project, load_snippets

PROJECT = Project()
SNIPPETS = {s.id: s for s in load_snippets(PROJECT)}
CONFIG = PROJECT.config
CHAPTERS = notebooks.chapter_pages(PROJECT.docs_dir, SNIPPETS)


def test_every_chapter_has_a_notebook_in_sync():
    assert len(CHAPTERS) >= 11
    stale = notebooks.stale(PROJECT, SNIPPETS, CONFIG)
    assert not stale, f"out of date: {stale}; run `make sync-notebooks` and commit"


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.stem)
def test_page_links_its_notebook_under_the_title(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    include = f'--8<-- "notebooks/{page.stem}.md"'
    assert include in lines[:4], f"{page.name}: put {include} under the title"
    fragment = notebooks.links_fragment(page, CONFIG["repo_url"])
    assert f"notebooks/{page.stem}.ipynb" in fragment
    assert f"/blob/main/docs/notebooks/{page.stem}.ipynb" in fragment


@pytest.mark.parametrize("page", CHAPTERS, ids=lambda p: p.stem)
def test_notebook_has_every_whole_listing_in_page_order_and_valid_cells(page):
    notebook = nbformat.read(notebooks.notebook_path(PROJECT.root, page), as_version=4)
    nbformat.validate(notebook)
    assert len({cell["id"] for cell in notebook.cells}) == len(notebook.cells)
    assert "built_with" in notebook.cells[1].source
    shown = []
    for ref in pages.scan_page(page):
        if ref.kind == "include" and ref.snippet_id in SNIPPETS and ref.part in (None, "output"):
            if ref.snippet_id not in shown:
                shown.append(ref.snippet_id)
    code = [c.source for c in notebook.cells if c.cell_type == "code"][1:]
    assert [c.splitlines()[0] for c in code] == [f"# {SNIPPETS[s].repo_path}" for s in shown], (
        "code cells must be the page's whole listings, in page order"
    )
    for source, snippet_id in zip(code, shown, strict=True):
        assert source.split("\n", 1)[1] == SNIPPETS[snippet_id].code.rstrip("\n")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "{{" not in prose and "\\(" not in prose and "--8<--" not in prose
    assert "!!!" not in prose and "???" not in prose


EXECUTE = """
import json, sys
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
notebook = nbformat.read(sys.argv[1], as_version=4)
try:
    NotebookClient(notebook, timeout=600, kernel_name="python3").execute()
except CellExecutionError as error:
    failed = next(
        (i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and any(
            o.get("output_type") == "error" for o in c.get("outputs", []))), None)
    print(json.dumps({"cell": failed, "error": str(error)[-3000:]}))
    sys.exit(1)
print(json.dumps({"cell": None}))
"""


LABS = sorted((PROJECT.docs_dir / "labs").glob("*.ipynb"))


def _notebook_file(page: Path) -> Path:
    """A chapter page's notebook, or a lab's paired notebook itself."""
    return page if page.suffix == ".ipynb" else notebooks.notebook_path(PROJECT.root, page)


def _execute(page: Path, scratch: Path) -> tuple[Path, int, dict, int]:
    """Run one chapter's (or lab's) notebook in a fresh kernel in scratch; returns its report."""
    notebook = nbformat.read(_notebook_file(page), as_version=4)
    offline = os.environ.get(NETWORK_ENV) != "1"
    kept, skipped = [], 0
    for cell in notebook.cells:
        needs_network = cell.cell_type == "code" and any(
            cell.source.startswith(f"# {s.repo_path}") and s.network for s in SNIPPETS.values()
        )
        if offline and needs_network:
            skipped += 1
            continue
        kept.append(cell)
    notebook.cells = kept
    folder = scratch / page.stem
    (folder / "home").mkdir(parents=True)
    path = folder / f"{page.stem}.ipynb"
    nbformat.write(notebook, path)
    env = sandbox.snippet_environment(folder / "home", sandbox.default_data_dir())
    env["PATH"] = f"{Path(sys.executable).parent}:{env['PATH']}"
    done = subprocess.run(
        [sys.executable, "-c", EXECUTE, str(path)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines else {"cell": None, "error": done.stderr[-3000:]}
    return page, done.returncode, report, skipped


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[str, tuple[int, dict, int]]:
    scratch = tmp_path_factory.mktemp("notebooks")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        runs = list(pool.map(lambda page: _execute(page, scratch), LABS + CHAPTERS))
    return {page.stem: (code, report, skipped) for page, code, report, skipped in runs}


@pytest.mark.notebooks
@pytest.mark.parametrize("page", LABS + CHAPTERS, ids=lambda p: p.stem)
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(executed, page):
    """Every chapter's notebook, and every lab's: the build runs a lab cell by cell with the
    runner, Colab runs its .ipynb in Jupyter."""
    code, report, skipped = executed[page.stem]
    assert code == 0, (
        f"{_notebook_file(page).relative_to(PROJECT.root)} failed in cell {report.get('cell')}:\n"
        f"{report.get('error')}"
    )
    if skipped:
        print(f"{page.stem}: {skipped} cells need the network, left out offline")
