"""The labs: paired notebooks in sync, pages with working links, offline, and failing loudly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from courserun import labs

ROOT = Path(__file__).resolve().parent.parent
LABS_DIR = ROOT / "docs" / "labs"
LABS = sorted(LABS_DIR.glob("*.py"))
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def test_there_are_labs_and_each_is_in_the_nav():
    assert LABS, "no labs in docs/labs"
    nav_text = json.dumps(CONFIG["nav"])
    for lab in LABS:
        assert f"labs/{lab.name}" in nav_text, f"{lab.name} is not in mkdocs.yml's nav"
        assert f"({lab.name})" in (LABS_DIR / "index.md").read_text(), (
            f"docs/labs/index.md does not list {lab.name}"
        )


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


def test_clean_page_removes_tensorflow_noise_but_keeps_real_stderr():
    def stderr_block(text: str) -> str:
        return (
            '<div class="jp-OutputArea-child">\n<div class="jp-OutputPrompt jp-OutputArea-prompt">'
            '</div>\n<div class="jp-RenderedText jp-OutputArea-output" '
            'data-mime-type="application/vnd.jupyter.stderr" tabindex="0">\n'
            f"<pre>{text}</pre>\n</div>\n</div>"
        )

    noise = stderr_block(
        "WARNING: All log messages before absl::InitializeLog() is called are written to "
        "STDERR\nI0000 00:00:1.0   1 port.cc:153] oneDNN custom operations are on.\n"
    )
    real = stderr_block("UserWarning: something the reader should see\n")
    page = labs.clean_page(noise + real, "labs/xor.py", "https://github.com/a/b")
    assert "absl" not in page and "oneDNN" not in page
    assert "something the reader should see" in page
    assert 'href="../xor.ipynb"' in page
    assert "colab.research.google.com/github/a/b/blob/main/docs/labs/xor.ipynb" in page


def test_lab_pages_link_their_notebook_run_offline_and_keep_outputs_out_of_search(site):
    search_index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for lab in LABS:
        html = (site / "labs" / lab.stem / "index.html").read_text(encoding="utf-8")
        assert 'href="../' + lab.stem + '.ipynb"' in html
        served = site / "labs" / f"{lab.stem}.ipynb"
        nbformat.validate(nbformat.read(served, as_version=4))
        colab = labs.colab_url(CONFIG["repo_url"], f"docs/labs/{lab.stem}.ipynb")
        assert colab in html
        assert (ROOT / "docs" / "labs" / f"{lab.stem}.ipynb").exists()
        assert "cdnjs" not in html and "mathjax" not in html.lower()
        assert "absl::InitializeLog" not in html
        outputs = html.count('class="jp-OutputArea jp-Cell-outputArea"')
        assert html.count('<section class="lab-output" data-search-exclude>') == outputs
        assert "celltag_solution" in html
        assert "jp-OutputArea-output" in html, f"{lab.name} shows no outputs"
    # An output-only line of the XOR lab is on its page, but not in the search index.
    xor_html = (site / "labs" / "xor" / "index.html").read_text(encoding="utf-8")
    assert "accuracy on 400 noisy copies: 1.000" in xor_html
    assert "accuracy on 400 noisy copies: 1.000" not in search_index


def test_a_broken_lab_fails_the_build(tmp_path):
    """allow_errors: false, checked: a copy of a lab with a failing first cell."""
    lab = (LABS_DIR / "xor.py").read_text(encoding="utf-8")
    broken = lab.replace(
        "# %%\nimport keras",
        '# %%\nraise RuntimeError("broken on purpose")\n\n# %%\nimport keras',
        1,
    )
    assert broken != lab
    (tmp_path / "docs" / "labs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n")
    (tmp_path / "docs" / "labs" / "xor.py").write_text(broken)
    jupyter = next(p for p in CONFIG["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    settings = {**jupyter["mkdocs-jupyter"], "cache": False}
    config = {
        "site_name": "Broken lab",
        "nav": [{"Home": "index.md"}, {"XOR": "labs/xor.py"}],
        "plugins": [{"mkdocs-jupyter": settings}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert built.returncode != 0
    assert "broken on purpose" in built.stdout + built.stderr
    assert not (tmp_path / "site" / "labs" / "xor" / "index.html").exists()
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


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
