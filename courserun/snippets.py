"""Find snippets, read their headers and named sections.

A snippet is ``snippets/<chapter>/NN_verb_noun.py``. Its module docstring is its header:
a one-line title, a short description, then optional tagged lines:

``Figure: <caption>``   one per figure the script draws, in order; caption and alt text.
``Network: <reason>``   the script downloads something; offline it is skipped, and counted.
``Timeout: <seconds>``  overrides the runner's time limit for this script (a slow listing).
``Varies: <names>``     named results that legitimately differ between runs (timings); the
                        determinism check ignores them and the numbers in the output.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from .variants import VariantError, variant_text

NAME_PATTERN = re.compile(r"^\d\d_[a-z0-9]+(?:_[a-z0-9]+)*\.py$")
SECTION_START = re.compile(r"^\s*# --8<-- \[start:([A-Za-z0-9_-]+)\]\s*$")
SECTION_END = re.compile(r"^\s*# --8<-- \[end:([A-Za-z0-9_-]+)\]\s*$")
TAG_PATTERN = re.compile(r"^(Figure|Network|Timeout|Varies):\s*(.*)$")


class SnippetError(Exception):
    """A snippet file that breaks the contract; the message names the file and line."""


@dataclass(frozen=True)
class Section:
    name: str
    start: int  # first line of code inside the markers, 1-based
    end: int  # last line of code inside the markers, 1-based, inclusive
    code: str


@dataclass(frozen=True)
class Snippet:
    path: Path
    chapter: str
    stem: str
    text: str
    title: str
    description: str
    captions: tuple[str, ...] = ()
    network: str | None = None
    sections: dict[str, Section] = field(default_factory=dict)
    timeout: float | None = None
    varies: tuple[str, ...] = ()
    # A lab (docs/labs/<stem>.py, a jupytext notebook) runs as one script in cells: the first and
    # last line of each code cell, so every cell's output, figures and errors are its own.
    cells: tuple[tuple[int, int], ...] = ()
    origin: str = ""  # the file's path in the repository, where it is not snippets/<chapter>/
    # The build variant this text belongs to ("" for the published one): a variant replaced the
    # seeds line (courserun.variants), and its results never reach the site.
    variant: str = ""

    @property
    def id(self) -> str:
        """``chapter/stem``: how pages, tests and the CLI name this snippet."""
        return f"{self.chapter}/{self.stem}"

    @property
    def repo_path(self) -> str:
        return self.origin or f"snippets/{self.chapter}/{self.stem}.py"

    @property
    def is_lab(self) -> bool:
        return self.origin.startswith("docs/labs/")

    @property
    def code(self) -> str:
        """The script as a reader copies it: section markers removed."""
        lines = self.text.splitlines()
        kept = [ln for ln in lines if not (SECTION_START.match(ln) or SECTION_END.match(ln))]
        return "\n".join(kept).rstrip() + "\n"


@dataclass
class _Header:
    title: str
    description: str
    captions: list[str]
    network: str | None
    timeout: float | None
    varies: tuple[str, ...]


def _parse_header(path: Path, text: str) -> _Header:
    try:
        tree = ast.parse(text, filename=str(path))
    except SyntaxError as err:
        raise SnippetError(
            f"{path}:{err.lineno}: syntax error: {err.msg}. Fix the script; "
            f"`python {path}` shows the same error."
        ) from err
    docstring = ast.get_docstring(tree, clean=True)
    if not docstring:
        raise SnippetError(
            f"{path}:1: the snippet has no module docstring. Start it with a one-line title "
            'in triple quotes, e.g. """Activation functions in NumPy."""'
        )
    lines = docstring.splitlines()
    title = lines[0].strip()
    description: list[str] = []
    captions: list[str] = []
    network: str | None = None
    timeout: float | None = None
    varies: tuple[str, ...] = ()
    current: list[str] | None = None
    for line in lines[1:]:
        stripped = line.strip()
        tag = TAG_PATTERN.match(stripped)
        if tag:
            kind, value = tag.groups()
            current = None
            if kind == "Figure":
                captions.append(value)
                current = captions
            elif kind == "Network":
                network = value or "downloads data"
            elif kind == "Timeout":
                try:
                    timeout = float(value.split()[0].rstrip("s"))
                except (ValueError, IndexError):
                    timeout = -1.0
                if not timeout > 0:
                    raise SnippetError(
                        f"{path}:1: 'Timeout: {value}' is not a number of seconds; "
                        "write e.g. 'Timeout: 120'."
                    ) from None
            else:
                varies = tuple(n.strip() for n in value.replace(",", " ").split() if n.strip())
        elif not stripped:
            current = None
        elif current is captions and captions:
            captions[-1] = f"{captions[-1]} {stripped}"
        elif not captions and network is None:
            description.append(stripped)
    return _Header(title, " ".join(description).strip(), captions, network, timeout, varies)


def _parse_sections(path: Path, text: str) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    open_at: dict[str, int] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if start := SECTION_START.match(line):
            open_at[start.group(1)] = number
        elif end := SECTION_END.match(line):
            name = end.group(1)
            if name not in open_at:
                raise SnippetError(
                    f"{path}:{number}: section end '{name}' has no matching "
                    f"'# --8<-- [start:{name}]' above it."
                )
            first = open_at.pop(name)
            body = [
                ln
                for ln in lines[first : number - 1]
                if not (SECTION_START.match(ln) or SECTION_END.match(ln))
            ]
            sections[name] = Section(name, first + 1, number - 1, "\n".join(body).rstrip() + "\n")
    for name, number in open_at.items():
        raise SnippetError(
            f"{path}:{number}: section '{name}' is never closed; add '# --8<-- [end:{name}]'."
        )
    return sections


def load_snippet(path: Path) -> Snippet:
    path = Path(path).resolve()
    if not NAME_PATTERN.match(path.name):
        raise SnippetError(
            f"{path}:1: snippet file names follow NN_verb_noun.py (two digits, lower case), "
            f"e.g. 01_define_activations.py; rename '{path.name}'."
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise SnippetError(
            f"{path}:{line}: the file is not UTF-8 (byte {data[err.start]:#04x} at offset "
            f"{err.start}). Save it as UTF-8, the encoding Python assumes for source files."
        ) from None
    header = _parse_header(path, text)
    try:
        text, variant = variant_text(path, text)
    except VariantError as err:
        raise SnippetError(str(err)) from None
    return Snippet(
        path=path,
        chapter=path.parent.name,
        stem=path.stem,
        text=text,
        title=header.title,
        description=header.description,
        captions=tuple(header.captions),
        network=header.network,
        sections=_parse_sections(path, text),
        timeout=header.timeout,
        varies=header.varies,
        variant=variant,
    )


def discover(snippets_dir: Path, selection: list[str] | None = None) -> list[Snippet]:
    """All snippets under ``snippets_dir``, or those a selection names.

    A selection item is a chapter (``activations``), an id (``activations/01_define_activations``)
    or a path to a ``.py`` file.
    """
    snippets_dir = Path(snippets_dir).resolve()
    files = sorted(snippets_dir.glob("*/*.py"))
    if selection:
        chosen: list[Path] = []
        for item in selection:
            candidate = Path(item)
            if candidate.suffix == ".py" and candidate.exists():
                matches = [candidate.resolve()]
            else:
                name = item.removeprefix("snippets/").removesuffix(".py").strip("/")
                matches = [f for f in files if f"{f.parent.name}/{f.stem}" == name]
                matches = matches or [f for f in files if f.parent.name == name]
            if not matches:
                raise SnippetError(
                    f"no snippet or chapter named '{item}' under {snippets_dir}; "
                    "`python -m courserun list` shows them all."
                )
            chosen.extend(m for m in matches if m not in chosen)
        files = chosen
    return [load_snippet(f) for f in files]
