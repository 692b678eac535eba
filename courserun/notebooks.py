"""Every chapter page as a Jupyter notebook: its prose as Markdown cells, its listings as code.

``docs/notebooks/<page>.ipynb`` is generated from ``docs/<page>.md`` (``make sync-notebooks``),
committed so that Colab can open it from GitHub, and served by the site for download. The build
and the tests refuse a notebook that is out of date, as they do the labs' paired notebooks.

How a page becomes cells:

- prose → Markdown cells; maths ``\\(…\\)`` / ``\\[…\\]`` → ``$…$`` / ``$$…$$`` (Jupyter and
  Colab render those); admonitions → a bold title and a quoted body; content tabs → a bold
  title; footnotes → ``[key]`` markers and a "References" cell at the end; a named result
  quoted in the prose (``{{ chapter/NN_name:value }}``) → the variable's name in code style
  (its value is whatever the reader's run prints); attribute lists, abbreviations and HTML
  wrappers dropped; links to other pages → the site's page.
- listings → one code cell per **whole** listing, where the page first shows it whole or shows
  its output; excerpts ("part: …") are left out, since the whole listing follows. A listing
  that needs the network is kept, after a Markdown note that says so.
- a first code cell prints the versions in use next to the versions the site was built with.

No outputs are stored: outputs would change the committed file at every rerun, and the page
already shows the build's outputs; the notebook is for running.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import pages
from .labs import colab_url
from .snippets import Snippet

NOTEBOOK_DIR = "notebooks"
NOT_CHAPTERS = {"index", "summary", "references", "glossary", "build-report"}
PINNED = ("tensorflow", "tensorflow-cpu", "keras", "numpy", "matplotlib", "scikit-learn", "scipy")
ADMONITION = re.compile(
    r'^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>.*)")?\s*$'
)
TAB = re.compile(r'^(?P<indent>\s*)===\+?\s+"(?P<title>[^"]*)"\s*$')
FOOTNOTE_DEF = re.compile(r"^\[\^(?P<key>[\w-]+)\]:\s*(?P<text>.*)$")
ABBREVIATION = re.compile(r"^\*\[[^\]]+\]:")
ATTR_LIST = re.compile(r"\s*\{\s*[:#.][^}]*\}")
HTML_LINE = re.compile(r"^\s*(?:</?(div|figure|figcaption|span|p)\b[^>]*>|<!--.*-->)\s*$")
MD_LINK = re.compile(r"\]\((?!https?:|#|mailto:)(?P<page>[\w./-]+?)\.md(?P<anchor>#[\w-]*)?\)")
ADMONITION_TITLES = {
    "abstract": "Summary",
    "note": "Note",
    "tip": "Tip",
    "warning": "Warning",
    "success": "Solution",
    "example": "Example",
    "question": "Question",
    "info": "Info",
}


class NotebookError(Exception):
    """A page that cannot become a notebook; the message names the page and line."""


@dataclass
class _Builder:
    cells: list = field(default_factory=list)
    prose: list[str] = field(default_factory=list)

    def flush(self) -> None:
        text = "\n".join(self.prose).strip("\n")
        self.prose = []
        if text.strip():
            self.cells.append(nbformat.v4.new_markdown_cell(text))

    def code(self, source: str) -> None:
        self.flush()
        self.cells.append(nbformat.v4.new_code_cell(source.rstrip("\n")))


def chapter_pages(docs_dir: Path, snippets: dict[str, Snippet]) -> list[Path]:
    """Top-level pages that show at least one listing (the chapters)."""
    found = []
    for page in sorted(docs_dir.glob("*.md")):
        if page.stem in NOT_CHAPTERS:
            continue
        refs = pages.scan_page(page)
        if any(r.kind == "include" and r.snippet_id in snippets for r in refs):
            found.append(page)
    return found


def notebook_path(project_root: Path, page: Path) -> Path:
    return project_root / "docs" / NOTEBOOK_DIR / f"{page.stem}.ipynb"


def pinned_versions(requirements: Path) -> dict[str, str]:
    versions: dict[str, str] = {}
    if not requirements.exists():
        return versions
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s;]+)", line.strip())
        if match and match[1].lower() in PINNED:
            name = "tensorflow" if match[1].lower() == "tensorflow-cpu" else match[1].lower()
            versions.setdefault(name, match[2])
    return versions


def _versions_cell(versions: dict[str, str]) -> str:
    built = json.dumps(versions, indent=4).replace("\n}", ",\n}").replace(",,", ",")
    return (
        "# The versions this notebook was built and tested with, next to the ones you have.\n"
        "# Other versions usually work; numbers can differ slightly on other machines.\n"
        "import importlib.metadata\n"
        "import sys\n\n"
        f"built_with = {built}\n"
        "print(f\"{'package':<14}{'built with':<13}yours\")\n"
        "print(f\"{'python':<14}{'3.11':<13}{sys.version.split()[0]}\")\n"
        "for package, version in built_with.items():\n"
        "    try:\n"
        "        yours = importlib.metadata.version(package)\n"
        "    except importlib.metadata.PackageNotFoundError:\n"
        '        yours = "not installed"\n'
        '    print(f"{package:<14}{version:<13}{yours}")'
    )


def _prose(line: str, site_url: str) -> str:
    line = line.replace("\\(", "$").replace("\\)", "$")
    line = re.sub(r"\[\^([\w-]+)\]", r"[\1]", line)

    def value(match: re.Match) -> str:
        name = match["name"]
        parts = name.split(".")
        shown = parts[0] + "".join(f"[{p}]" if p.isdigit() else f"[{p!r}]" for p in parts[1:])
        return f"`{shown}`"

    line = pages.VALUE.sub(value, line)
    line = ATTR_LIST.sub("", line)

    def link(match: re.Match) -> str:
        page = match["page"]
        target = "" if page == "index" else f"{page.removesuffix('/index')}/"
        return f"]({site_url}{target}{match['anchor'] or ''})"

    return MD_LINK.sub(link, line)


def build(
    page: Path,
    snippets: dict[str, Snippet],
    versions: dict[str, str],
    repo_url: str,
    site_url: str,
) -> nbformat.NotebookNode:
    """The notebook for one chapter page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    builder = _Builder()
    title = lines[0].lstrip("# ").strip() if lines and lines[0].startswith("# ") else page.stem
    notebook_file = f"docs/{NOTEBOOK_DIR}/{page.stem}.ipynb"
    builder.prose.append(
        f"# {title}\n\n"
        f"A notebook of the chapter [{title}]({site_url}{page.stem}/) of the course *Neural "
        "Networks with Keras*, generated from the page: the text, and every listing as a code "
        "cell in page order. Run the cells from the top. Where the page quotes a number from a "
        "listing, this notebook names the variable that holds it, e.g. `test_accuracy`: print "
        "it after running the cell.\n\n"
        f"[Open in Colab]({colab_url(repo_url, notebook_file)})"
    )
    builder.code(_versions_cell(versions))
    placed: set[str] = set()
    footnotes: list[str] = []
    in_fence = False
    in_footnote = False
    blocks: list[tuple[str, int]] = []  # open admonitions ("quote") and tabs, body indents
    pending: str | None = None  # an admonition's title, written once its body has content

    def emit(text: str) -> None:
        nonlocal pending
        if pending is not None:
            builder.flush()
            builder.prose.append(pending)
            pending = None
        builder.prose.append(text)

    for number, raw in enumerate(lines[1:], start=2):
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if stripped and not in_fence:
            if in_footnote and indent >= 4:
                footnotes[-1] += " " + _prose(stripped, site_url)
                continue
            in_footnote = False
            while blocks and indent < blocks[-1][1]:
                if blocks.pop()[0] == "quote":
                    pending = None
                    builder.prose.append("")  # a blank line ends the quote
        if pages.FENCE.match(raw):
            in_fence = not in_fence
        elif not in_fence:
            if include := pages.INCLUDE.match(raw):
                fragment = pages.FRAGMENT.match(include.group(1))
                if not fragment:
                    continue  # a shared include (abbreviations, notices): not part of the text
                snippet_id = f"{fragment['chapter']}/{fragment['stem']}"
                if fragment["part"] not in (None, "output") or snippet_id in placed:
                    continue
                snippet = snippets.get(snippet_id)
                if snippet is None:
                    raise NotebookError(f"{page}:{number}: no snippet {snippet_id}")
                placed.add(snippet_id)
                if pending is not None:
                    emit("")
                if snippet.network:
                    builder.prose.append(
                        f"> **Needs the internet:** {snippet.network.rstrip('.')}. "
                        "The next cell downloads data; it runs where the network is there "
                        "(Colab is)."
                    )
                builder.code(f"# {snippet.repo_path}\n{snippet.code}")
                continue
            if footnote := FOOTNOTE_DEF.match(raw):
                footnotes.append(f"- [{footnote['key']}] {_prose(footnote['text'], site_url)}")
                in_footnote = True
                continue
            if ABBREVIATION.match(raw) or HTML_LINE.match(raw):
                continue
            if admonition := ADMONITION.match(raw):
                kind = admonition["kind"]
                heading = admonition["title"] or ADMONITION_TITLES.get(kind, kind.title())
                builder.flush()
                quoted = "> " if any(kind == "quote" for kind, _ in blocks) else ""
                pending = f"{quoted}> **{heading}**\n{quoted}>"
                blocks.append(("quote", len(admonition["indent"]) + 4))
                continue
            if tab := TAB.match(raw):
                quoted = "> " if any(kind == "quote" for kind, _ in blocks) else ""
                emit(f"{quoted}**{tab['title']}**\n{quoted}")
                blocks.append(("tab", len(tab["indent"]) + 4))
                continue
            if stripped == "\\[":
                raw = raw.replace("\\[", "$$")
            elif stripped == "\\]":
                raw = raw.replace("\\]", "$$")
        text = raw if in_fence and not pages.FENCE.match(raw) else _prose(raw, site_url)
        if blocks:
            depth = blocks[-1][1]
            body = text[depth:] if text[:depth].strip() == "" else text.lstrip()
            quotes = sum(1 for kind, _ in blocks if kind == "quote")
            if quotes:
                if body.strip() or pending is None:
                    emit(f"{'> ' * quotes}{body}".rstrip())
            else:
                builder.prose.append(body)
        else:
            builder.prose.append(text)
    builder.flush()
    if footnotes:
        builder.cells.append(
            nbformat.v4.new_markdown_cell("## Footnotes\n\n" + "\n".join(footnotes))
        )
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
    }
    for index, cell in enumerate(builder.cells):
        digest = hashlib.sha256(f"{page.stem}:{index}:{cell.source}".encode()).hexdigest()
        cell["id"] = digest[:16]
    notebook.cells = builder.cells
    return notebook


def pages_url(repo_url: str) -> str:
    """Where the Pages workflow publishes the site of a GitHub repository."""
    match = re.match(r"^https://github\.com/([^/]+)/([^/]+?)/?$", repo_url or "")
    return f"https://{match[1].lower()}.github.io/{match[2]}/" if match else ""


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def expected(project, snippets: dict[str, Snippet], config: dict) -> dict[Path, str]:
    """Every chapter notebook's path and the text it should have."""
    versions = pinned_versions(project.root / "requirements.txt")
    repo_url = config.get("repo_url", "")
    site_url = (config.get("site_url") or pages_url(repo_url)).rstrip("/") + "/"
    listings = hash(tuple(sorted((sid, s.text) for sid, s in snippets.items())))
    want = {}
    for page in chapter_pages(project.docs_dir, snippets):
        # Under `mkdocs serve` this runs at every rebuild: a page, its listings and the
        # settings unchanged give the same notebook as last time.
        key = (page.read_text(encoding="utf-8"), listings, repr(versions), repo_url, site_url)
        if _built.get(page, (None,))[0] != key:
            _built[page] = (key, notebook_text(build(page, snippets, versions, repo_url, site_url)))
        want[notebook_path(project.root, page)] = _built[page][1]
    return want


# Each chapter page's notebook, with what it was made from (the latest only).
_built: dict[Path, tuple[tuple, str]] = {}


def stale(project, snippets: dict[str, Snippet], config: dict) -> list[Path]:
    """Notebooks missing or different from what their page makes, and orphans."""
    want = expected(project, snippets, config)
    out = [p for p, text in want.items() if not p.exists() or p.read_text("utf-8") != text]
    folder = project.docs_dir / NOTEBOOK_DIR
    out += [p for p in sorted(folder.glob("*.ipynb")) if p not in want]
    return out


def sync(project, snippets: dict[str, Snippet], config: dict) -> list[Path]:
    want = expected(project, snippets, config)
    changed = []
    for path, text in want.items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    folder = project.docs_dir / NOTEBOOK_DIR
    for orphan in sorted(folder.glob("*.ipynb")):
        if orphan not in want:
            orphan.unlink()
            changed.append(orphan)
    return changed


def links_fragment(page: Path, repo_url: str) -> str:
    """The line a chapter page shows under its title: download the notebook, open it in Colab."""
    notebook_file = f"docs/{NOTEBOOK_DIR}/{page.stem}.ipynb"
    return (
        '<p class="cr-notebook" markdown>'
        f"[Download this chapter as a notebook]({NOTEBOOK_DIR}/{page.stem}.ipynb){{ download }}"
        f" · [Open it in Colab]({colab_url(repo_url, notebook_file)})</p>\n"
    )


def write_links(project, snippets: dict[str, Snippet], config: dict) -> set[Path]:
    """``_generated/notebooks/<page>.md`` for every chapter; pages include it under the title
    with ``--8<-- "notebooks/<page>.md"``. Returns the paths written."""
    from .fragments import write_if_changed

    written = set()
    for page in chapter_pages(project.docs_dir, snippets):
        path = project.generated_dir / NOTEBOOK_DIR / f"{page.stem}.md"
        write_if_changed(path, links_fragment(page, config.get("repo_url", "")))
        written.add(path)
    return written
