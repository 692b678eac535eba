"""The labs: jupytext notebooks in docs/labs/, run by the runner and rendered as Markdown pages.

A lab is ``docs/labs/<stem>.py`` (py:percent). The runner executes it like a listing (contained,
warm-started, cached by content) but cell by cell, in one namespace, as a kernel would, and
records each code cell's output and figures (``Snippet.cells``; ``child.py``). This module:

- finds the labs and the line range of each code cell (checked against jupytext's reading);
- writes each lab's page as Markdown, ``docs/_generated/labs/<stem>.md``, which the committed
  stub ``docs/labs/<stem>.md`` includes: the notebook's Markdown cells as they are (so their
  headings are real headings, in the table of contents), each code cell as a Python block, its
  output (kept out of the search index), its figures (light and dark, like the listings'),
  solution cells folded; plain Markdown, so MkDocs and Zensical build it alike;
- keeps each lab's paired ``.ipynb`` (what "Open in Colab" and the download link serve) in sync
  with its ``.py`` source.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import jupytext
import nbformat

from .fragments import alt_text, fence_for, provenance_line, write_if_changed
from .publish import escape_includes
from .snippets import Snippet
from .variants import VariantError, variant_text

LAB_SOURCE = re.compile(r"^labs/([a-z0-9_]+)\.py$")
CELL_MARKER = re.compile(r"^# %%(?P<rest>.*)$")
TENSORFLOW_NOISE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\)|I0000 .*port\.cc:\d+\] oneDNN"
    r"|.*cpu_feature_guard|.*This TensorFlow binary is optimized|To enable the following"
    r"|.*Unable to register cu(DNN|FFT|BLAS) factory|.*computation placer already registered"
    r"|.*TF-TRT Warning)"
)
# A lab runs for a minute or two; the runner's limit for a listing is a minute.
LAB_TIMEOUT = 600.0
GENERATED_URL = "../_generated"  # from docs/labs/<stem>.md, the page that includes the fragment


class LabError(Exception):
    """A lab page that cannot be made right; the message says which and what to do."""


def paired_notebook(source: Path) -> nbformat.NotebookNode:
    """The .ipynb that the .py source stands for, without outputs."""
    return _paired(source.read_text(encoding="utf-8"))


def _paired(text: str) -> nbformat.NotebookNode:
    notebook = jupytext.reads(text, fmt="py:percent")
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
    return _notebook_text(source.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=16)
def _notebook_text(text: str) -> str:
    """Cached by the source's text: `mkdocs serve` checks the labs at every rebuild."""
    return jupytext.writes(_paired(text), fmt="ipynb")


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


@functools.lru_cache(maxsize=16)
def _read(text: str) -> nbformat.NotebookNode:
    """A lab's notebook as jupytext reads it (cached: `mkdocs serve` asks at every rebuild;
    callers only read it)."""
    return jupytext.reads(text, fmt="py:percent")


def code_cell_lines(path: Path, text: str) -> tuple[tuple[int, int], ...]:
    """First and last line (1-based) of every code cell, blank lines at its end left out."""
    lines = text.splitlines()
    markers = [i for i, line in enumerate(lines) if CELL_MARKER.match(line)]
    ranges = []
    for position, index in enumerate(markers):
        rest = CELL_MARKER.match(lines[index])["rest"]
        if re.match(r"\s*\[(markdown|md|raw)\]", rest):
            continue
        end = markers[position + 1] if position + 1 < len(markers) else len(lines)
        last = end
        while last > index + 1 and not lines[last - 1].strip():
            last -= 1
        if last > index:
            ranges.append((index + 2, last))
    notebook = _read(text)
    sources = [c.source.strip() for c in notebook.cells if c.cell_type == "code"]
    mine = ["\n".join(lines[first - 1 : last]).strip() for first, last in ranges]
    if mine != sources:
        raise LabError(
            f"{path}: its code cells could not be matched with jupytext's reading of it "
            f"({len(mine)} against {len(sources)}). Start every cell with a '# %%' line."
        )
    return tuple(ranges)


def load_lab(path: Path, root: Path) -> Snippet:
    path = Path(path).resolve()
    text = path.read_text(encoding="utf-8")
    try:
        text, variant = variant_text(path.relative_to(root), text)
    except VariantError as err:
        raise LabError(str(err)) from None
    title = next(
        (line[4:].strip() for line in text.splitlines() if line.startswith("# # ")), path.stem
    )
    return Snippet(
        path=path,
        chapter="labs",
        stem=path.stem,
        text=text,
        title=title,
        description="",
        timeout=LAB_TIMEOUT,
        cells=code_cell_lines(path.relative_to(root), text),
        origin=str(path.relative_to(root)),
        variant=variant,
    )


def discover(labs_dir: Path, root: Path) -> list[Snippet]:
    found = sorted(Path(labs_dir).glob("*.py"))
    for path in found:
        if not re.match(r"^[a-z0-9_]+\.py$", path.name):
            raise LabError(
                f"{path.relative_to(root)}:1: a lab's file name is lower case, digits and "
                f"underscores (its page and cache entry are named after it); rename '{path.name}'."
            )
    return [load_lab(path, root) for path in found]


def _stderr_shown(text: str) -> str:
    kept = [line for line in text.splitlines() if line.strip() and not TENSORFLOW_NOISE.match(line)]
    return "\n".join(kept)


def _output(text: str, title: str, kind: str) -> str:
    text = escape_includes(text)
    marks = fence_for(text)
    return (
        f'<section class="cr-output lab-output lab-{kind}" data-search-exclude="" markdown>\n\n'
        f'{marks} {{ .text title="{title}" }}\n{text.rstrip()}\n{marks}\n\n</section>\n'
    )


def _figure(result, index: int) -> str:
    figure = result.figures[index]
    base = f"{GENERATED_URL}/labs/{result.snippet.stem}"
    # Titles are drawn by the listing: only plain characters reach the alt text.
    titles = [re.sub(r"[^\w .,:;%+=()'/-]", "", str(t)) for t in figure.get("titles") or []]
    alt = alt_text("Figure: " + "; ".join(titles) if titles else f"Figure {index + 1} of this lab")
    return (
        '<figure class="cr-figure" markdown>\n\n'
        f"![{alt}]({base}/{figure['light']}#only-light)\n"
        f"![{alt}]({base}/{figure['dark']}#only-dark)\n\n</figure>\n"
    )


def _indent(text: str) -> str:
    return "".join(f"    {line}" if line.strip() else line for line in text.splitlines(True))


def page_markdown(result, repo_url: str, docs_dir: str = "docs") -> str:
    """The lab's page: its cells in order, each code cell followed by what it printed and drew."""
    snippet = result.snippet
    stem = snippet.stem
    notebook = _read(snippet.text)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    if len(code_cells) != len(result.cells):
        raise LabError(
            f"{snippet.repo_path}: {len(code_cells)} code cells but {len(result.cells)} "
            "recorded outputs; run it again (`python -m courserun run labs --force`)."
        )
    links = (
        f'[Download the notebook]({stem}.ipynb){{ .md-button download="{stem}.ipynb" }} '
        f"[Open in Colab]({colab_url(repo_url, f'{docs_dir}/labs/{stem}.ipynb')})"
        "{ .md-button .md-button--primary }\n"
    )
    parts: list[str] = []
    code_index = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = cell.source.strip() + "\n"
            if not parts and text.startswith("# "):
                title, _, rest = text.partition("\n")
                text = f"{title}\n\n{links}\n{rest.strip()}\n"
            parts.append(text)
            continue
        if cell.cell_type != "code":
            continue
        ran = result.cells[code_index]
        code_index += 1
        marks = fence_for(cell.source)
        block = [f"{marks} python\n{cell.source.rstrip()}\n{marks}\n"]
        if ran["stdout"].strip():
            block.append(_output(ran["stdout"], "Output", "stdout"))
        if stderr := _stderr_shown(ran["stderr"]):
            block.append(_output(stderr, "Warnings (stderr)", "stderr"))
        first, end = ran["figures"]
        block += [_figure(result, index) for index in range(first, end)]
        text = "\n".join(block)
        if "solution" in cell.metadata.get("tags", []):
            text = '??? success "Solution"\n\n' + _indent(text)
        parts.append(text)
    if not parts or not parts[0].startswith("# "):
        raise LabError(f"{snippet.repo_path}: a lab starts with a Markdown cell '# Lab: <title>'.")
    parts.append(
        f'<p class="cr-provenance">The cells ran top to bottom when the site was built: '
        f"{html.escape(provenance_line(result))}</p>\n"
    )
    return "\n".join(parts)


def write_page(result, generated_dir: Path, repo_url: str) -> set[Path]:
    """Write the lab's page fragment and figures under generated_dir/labs/; returns the paths."""
    stem = result.snippet.stem
    folder = Path(generated_dir) / "labs"
    written: dict[Path, str | bytes] = {folder / f"{stem}.md": page_markdown(result, repo_url)}
    for index in range(len(result.figures)):
        for dark in (False, True):
            source = result.figure_path(index, dark)
            written[folder / stem / source.name] = source.read_bytes()
    for path, content in written.items():
        write_if_changed(path, content)
    return set(written)


def stub_text(stem: str) -> str:
    """The committed page docs/labs/<stem>.md: it includes the generated one."""
    return f'--8<-- "labs/{stem}.md"\n'
