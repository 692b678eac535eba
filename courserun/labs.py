"""The labs: jupytext notebooks in docs/labs/, rendered and executed by mkdocs-jupyter.

This module keeps each lab's paired ``.ipynb`` (what "Open in Colab" and the download link
serve) in sync with its ``.py`` source, and cleans the rendered page:

- adds the download link and the "Open in Colab" button, both derived from ``repo_url``;
- removes nbconvert's MathJax and mermaid loaders, which point at a CDN (KaTeX, served by the
  site, renders the maths; the labs have no diagrams);
- drops stderr outputs made only of TensorFlow's start-up log lines;
- wraps every output area in ``<section data-search-exclude>`` so search finds the text, not
  printouts (a ``<section>``: Material's search parser stops excluding at the first nested
  ``</div>`` when the attribute sits on a ``<div>``).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import jupytext
import nbformat

LAB_SOURCE = re.compile(r"^labs/([a-z0-9_]+)\.py$")
MATHJAX = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL)
MERMAID = re.compile(
    r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded", async \(\) => \{'
    r'\s*const diagrams = document\.querySelectorAll\("\.jp-Mermaid.*?</script>',
    re.DOTALL,
)
STDERR_OUTPUT = re.compile(
    r'<div class="jp-OutputArea-child">\s*<div class="jp-OutputPrompt jp-OutputArea-prompt">'
    r'</div>\s*<div class="jp-RenderedText jp-OutputArea-output" '
    r'data-mime-type="application/vnd\.jupyter\.stderr"[^>]*>\s*<pre>(?P<text>.*?)</pre>\s*'
    r"</div>\s*</div>",
    re.DOTALL,
)
TENSORFLOW_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\)|I0000 .*port\.cc:\d+\] oneDNN"
    r"|.*cpu_feature_guard|.*This TensorFlow binary is optimized|To enable the following"
    r"|.*Unable to register cu(DNN|FFT|BLAS) factory|.*computation placer already registered"
    r"|.*TF-TRT Warning)"
)
OUTPUT_AREA = '<div class="jp-OutputArea jp-Cell-outputArea">'


class LabError(Exception):
    """A lab page that cannot be made right; the message says which and what to do."""


def paired_notebook(source: Path) -> nbformat.NotebookNode:
    """The .ipynb that the .py source stands for, without outputs."""
    notebook = jupytext.read(source)
    notebook.metadata.pop("jupytext", None)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"  # stable ids: the same source gives the same notebook
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    return notebook


def notebook_text(source: Path) -> str:
    return jupytext.writes(paired_notebook(source), fmt="ipynb")


def stale(labs_dir: Path) -> list[Path]:
    """Labs whose paired .ipynb is missing or differs from what their .py source gives."""
    return [
        source
        for source in sorted(labs_dir.glob("*.py"))
        if not source.with_suffix(".ipynb").exists()
        or source.with_suffix(".ipynb").read_text(encoding="utf-8") != notebook_text(source)
    ]


def sync(labs_dir: Path) -> list[Path]:
    """Write the paired .ipynb of every stale lab; returns the notebooks written."""
    written = []
    for source in stale(labs_dir):
        target = source.with_suffix(".ipynb")
        target.write_text(notebook_text(source), encoding="utf-8")
        written.append(target)
    return written


def colab_url(repo_url: str, notebook_path: str, branch: str = "main") -> str:
    match = re.match(r"^https://github\.com/([^/]+)/([^/]+?)/?$", repo_url or "")
    if not match:
        raise LabError(
            f"repo_url in mkdocs.yml is '{repo_url}'; the labs' Colab links need a GitHub "
            "address like https://github.com/OWNER/REPO."
        )
    owner, repo = match.groups()
    return f"https://colab.research.google.com/github/{owner}/{repo}/blob/{branch}/{notebook_path}"


def _drop_tensorflow_noise(match: re.Match) -> str:
    lines = html.unescape(match["text"]).splitlines()
    kept = [line for line in lines if line.strip() and not TENSORFLOW_NOISE.match(line)]
    if not kept:
        return ""
    return match.group(0).replace(match["text"], html.escape("\n".join(kept) + "\n"))


def _exclude_outputs_from_search(content: str) -> str:
    pieces: list[str] = []
    position = 0
    while (start := content.find(OUTPUT_AREA, position)) >= 0:
        depth, cursor = 0, start
        for tag in re.finditer(r"<div\b|</div>", content[start:]):
            depth += 1 if tag.group(0) == "<div" else -1
            if depth == 0:
                cursor = start + tag.end()
                break
        else:
            raise LabError("an output area of a rendered notebook is never closed")
        pieces += [
            content[position:start],
            '<section class="lab-output" data-search-exclude>',
            content[start:cursor],
            "</section>",
        ]
        position = cursor
    pieces.append(content[position:])
    return "".join(pieces)


def clean_page(content: str, src_uri: str, repo_url: str, docs_dir: str = "docs") -> str:
    """The rendered lab page with its links added and its CDN loaders and noise removed."""
    name = LAB_SOURCE.match(src_uri)
    if not name:
        return content
    stem = name.group(1)
    content = MATHJAX.sub("", content)
    content = MERMAID.sub("", content)
    content = STDERR_OUTPUT.sub(_drop_tensorflow_noise, content)
    content = _exclude_outputs_from_search(content)
    if "cdnjs.cloudflare.com" in content or '<script src=""' in content:
        raise LabError(
            f"{docs_dir}/{src_uri}: the rendered notebook still loads a script from a CDN; "
            "mkdocs-jupyter's template changed: update courserun/labs.py to remove it."
        )
    colab = colab_url(repo_url, f"{docs_dir}/labs/{stem}.ipynb")
    links = (
        '<p class="lab-links">'
        f'<a class="md-button" href="../{stem}.ipynb" download>Download the notebook</a> '
        f'<a class="md-button md-button--primary" href="{colab}">Open in Colab</a></p>\n'
    )
    return links + content
