"""The labs: paired notebooks in sync, pages with working links, offline, and failing loudly."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from courserun import labs
from courserun.project import BuildError, Project, prepare

ROOT = Path(__file__).resolve().parent.parent
LABS_DIR = ROOT / "docs" / "labs"
LABS = sorted(LABS_DIR.glob("*.py"))
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_there_are_labs_and_each_is_in_the_nav_with_its_stub_page():
    assert LABS, "no labs in docs/labs"
    nav_text = json.dumps(CONFIG["nav"])
    for lab in LABS:
        assert f"labs/{lab.stem}.md" in nav_text, f"{lab.stem}.md is not in mkdocs.yml's nav"
        assert f"({lab.stem}.md)" in (LABS_DIR / "index.md").read_text(), (
            f"docs/labs/index.md does not list {lab.stem}.md"
        )
        stub = lab.with_suffix(".md").read_text(encoding="utf-8")
        assert stub == labs.stub_text(lab.stem)


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_paired_notebook_is_in_sync_valid_and_clean(lab):
    notebook_path = lab.with_suffix(".ipynb")
    assert notebook_path.exists(), f"{notebook_path} is missing: run `make sync-labs`"
    assert notebook_path.read_text(encoding="utf-8") == labs.notebook_text(lab), (
        f"{notebook_path.name} differs from {lab.name}: run `make sync-labs` and commit it"
    )
    notebook = nbformat.read(notebook_path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.parametrize("lab", LABS, ids=lambda p: p.stem)
def test_lab_has_goals_exercises_and_tested_solutions(lab):
    notebook = labs.paired_notebook(lab)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "Learning goals" in markdown and "Exercises" in markdown
    solutions = [c for c in notebook.cells if "solution" in c.metadata.get("tags", [])]
    assert len(solutions) >= 2, f"{lab.name}: two or three exercises, each with a solution cell"
    for cell in solutions:
        assert "assert " in cell.source, f"{lab.name}: a solution cell checks its result"


def test_colab_url_comes_from_repo_url():
    url = labs.colab_url("https://github.com/someone/fork", "docs/labs/xor.ipynb")
    assert (
        url == "https://colab.research.google.com/github/someone/fork/blob/main/docs/labs/xor.ipynb"
    )
    with pytest.raises(labs.LabError, match="repo_url"):
        labs.colab_url("https://gitlab.com/someone/fork", "docs/labs/xor.ipynb")


DEMO = """# %% [markdown]
# # Lab: demo
#
# Some **prose** with $x^2$.

# %%
import matplotlib.pyplot as plt

print("first cell")

# %% [markdown]
# ## A figure

# %%
plt.plot([0, 1], [1, 0])
plt.title("a falling line")
print("second cell")

# %%
answer = 6 * 7
answer

# %% tags=["solution"]
import sys

print("to stderr", file=sys.stderr)
answer + 1;
"""


def _demo_project(tmp_path: Path, source: str) -> Path:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "docs" / "labs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "labs" / "demo.py").write_text(source)
    (tmp_path / "docs" / "labs" / "demo.md").write_text(labs.stub_text("demo"))
    labs.sync(tmp_path / "docs" / "labs")
    (tmp_path / "mkdocs.yml").write_text("repo_url: https://github.com/a/b\n")
    return tmp_path


def test_a_lab_runs_cell_by_cell_and_its_page_shows_each_cells_output(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSERUN_COLD", "1")  # no TensorFlow here: a fresh Python is quicker
    project = Project(_demo_project(tmp_path, DEMO))
    results = prepare(project)
    run = results["labs/demo"]
    assert run.ok, run.describe_error()
    assert [cell["stdout"] for cell in run.cells] == ["first cell\n", "second cell\n", "42\n", ""]
    assert [cell["figures"] for cell in run.cells] == [[0, 0], [0, 1], [1, 1], [1, 1]]
    assert "to stderr" in run.cells[3]["stderr"]
    assert run.figures[0]["titles"] == ["a falling line"]
    page = (project.generated_dir / "labs" / "demo.md").read_text()
    assert page.startswith("# Lab: demo\n\n[Download the notebook](demo.ipynb)")
    assert "colab.research.google.com/github/a/b/blob/main/docs/labs/demo.ipynb" in page
    assert "## A figure" in page and "$x^2$" in page
    # Each output comes right after its own cell, kept out of the search index.
    order = [
        page.index(text)
        for text in (
            'print("first cell")',
            "first cell\n```",
            "plt.plot",
            "second cell\n```",
            "fig-1.svg",
            "answer = 6 * 7",
            "42\n```",
        )
    ]
    assert order == sorted(order)
    assert page.count("data-search-exclude") == 4
    assert "![Figure: a falling line](../_generated/labs/demo/fig-1.svg#only-light)" in page
    assert (project.generated_dir / "labs" / "demo" / "fig-1-dark.svg").exists()
    solution = page[page.index('??? success "Solution"') :]
    assert "    ``` python\n    import sys" in solution and "    to stderr" in solution


def test_a_failing_lab_stops_the_build_with_its_file_line_and_cell(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("COURSERUN_COLD", "1")
    broken = DEMO.replace("answer = 6 * 7", 'raise RuntimeError("broken on purpose")')
    project = Project(_demo_project(tmp_path, broken))
    line = broken.splitlines().index('raise RuntimeError("broken on purpose")') + 1
    with pytest.raises(BuildError) as stopped:
        prepare(project)
    message = str(stopped.value)
    assert f"docs/labs/demo.py:{line} (code cell 3): RuntimeError: broken on purpose" in message
    assert not (project.generated_dir / "labs" / "demo.md").exists()


def test_a_lab_page_must_be_the_stub_and_its_notebook_in_sync(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    project = Project(_demo_project(tmp_path, DEMO))
    (project.docs_dir / "labs" / "demo.md").write_text("# My own page\n")
    (project.docs_dir / "labs" / "demo.py").write_text(DEMO + "\n# %%\nprint(3)\n")
    with pytest.raises(BuildError) as stopped:
        prepare(project)
    message = str(stopped.value)
    assert "docs/labs/demo.md:1: a lab's page only includes its generated page" in message
    assert (
        "docs/labs/demo.ipynb is out of date" in message
        and "make sync-notebooks sync-labs" in message
    )


def test_lab_pages_link_their_notebook_run_offline_and_keep_outputs_out_of_search(site):
    search_index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for lab in LABS:
        html = (site / "labs" / lab.stem / "index.html").read_text(encoding="utf-8")
        assert f'href="../{lab.stem}.ipynb"' in html
        served = site / "labs" / f"{lab.stem}.ipynb"
        nbformat.validate(nbformat.read(served, as_version=4))
        colab = labs.colab_url(CONFIG["repo_url"], f"docs/labs/{lab.stem}.ipynb")
        assert colab in html
        assert "absl::InitializeLog" not in html
        # Every code cell of the notebook is on the page, and outputs are shown.
        notebook = labs.paired_notebook(lab)
        code_cells = [c for c in notebook.cells if c.cell_type == "code"]
        assert html.count('<div class="language-python highlight">') == len(code_cells)
        assert html.count('<section class="cr-output lab-output') >= 3
        assert html.count("data-search-exclude") >= html.count('class="cr-output lab-output')
        solutions = [c for c in code_cells if "solution" in c.metadata.get("tags", [])]
        assert html.count('<details class="success">') == len(solutions)
        # Its Markdown headings are the page's table of contents.
        headings = [
            line[3:].strip()
            for c in notebook.cells
            if c.cell_type == "markdown"
            for line in c.source.splitlines()
            if line.startswith("## ")
        ]
        assert headings
        toc = html[html.index('<nav class="md-nav md-nav--secondary"') :]
        for heading in headings:
            assert f"{heading}" in toc.split("</nav>")[0] or heading.replace("`", "") in toc
    # An output-only line of the XOR lab is on its page, but not in the search index.
    xor_html = (site / "labs" / "xor" / "index.html").read_text(encoding="utf-8")
    assert "accuracy on 400 noisy copies: 1.000" in xor_html
    assert "accuracy on 400 noisy copies: 1.000" not in search_index


def test_hook_refuses_a_stale_paired_notebook(tmp_path):
    (tmp_path / "labs").mkdir()
    source = tmp_path / "labs" / "demo.py"
    source.write_text("# %% [markdown]\n# # Demo\n\n# %%\nprint(1)\n")
    assert labs.stale(tmp_path / "labs") == [source]
    labs.sync(tmp_path / "labs")
    assert labs.stale(tmp_path / "labs") == []
    source.write_text(source.read_text() + "\n# %%\nprint(2)\n")
    assert labs.stale(tmp_path / "labs") == [source]
    assert re.search(r'"id": "cell-0"', (tmp_path / "labs" / "demo.ipynb").read_text())


def test_a_lab_with_an_unusable_name_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "docs" / "labs").mkdir(parents=True)
    (tmp_path / "docs" / "labs" / "My-Lab.py").write_text("# %%\nprint(1)\n")
    with pytest.raises(labs.LabError, match=r"docs/labs/My-Lab.py:1: .*rename 'My-Lab.py'"):
        labs.discover(tmp_path / "docs" / "labs", tmp_path)
