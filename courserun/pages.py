"""Read the pages: which snippets they include and which named results their prose quotes.

Two kinds of reference, both checked before the build so an error names the page and line:

``--8<-- "activations/01_define_activations.md"``   a generated fragment (pymdownx.snippets)
``{{ activations/03_compare_decisions:linear_accuracy:.2f }}``   a named result in prose
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .publish import UnsafeValueError, value_for_prose
from .snippets import Snippet

INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
VALUE = re.compile(
    r"\{\{\s*(?P<snippet>[a-z0-9_-]+/\d\d_[a-z0-9_]+)\s*:\s*(?P<name>[A-Za-z_][\w.]*)"
    r"\s*(?::(?P<spec>[^}]*?))?\s*\}\}"
)
FRAGMENT = re.compile(
    r"^(?P<chapter>[a-z0-9_-]+)/(?P<stem>\d\d_[a-z0-9_]+)(?:\.(?P<part>[\w-]+))?\.md$"
)
REPORT_FRAGMENT = "report.md"
NOTEBOOK_LINKS = re.compile(r"^notebooks/([\w-]+)\.md$")
LAB_PAGE = re.compile(r"^labs/([a-z0-9_]+)\.md$")
# Anything that looks like a value reference; what VALUE does not match is malformed.
BRACES = re.compile(r"\{\{.*?\}\}")
FENCE = re.compile(r"^\s*(```|~~~)")


class PageError(Exception):
    """A page that names something that does not exist; the message names the page and line."""


@dataclass(frozen=True)
class Reference:
    page: Path
    line: int
    kind: str  # "include", "value" or "malformed" (braces that are not a valid value)
    snippet_id: str | None
    part: str | None  # include: None (full), "output" or a section name; value: the name path
    text: str
    spec: str | None = None  # value: the format spec after the second colon

    def where(self, docs_dir: Path) -> str:
        try:
            shown = self.page.relative_to(docs_dir.parent)
        except ValueError:
            shown = self.page
        return f"{shown}:{self.line}"


def page_files(docs_dir: Path) -> list[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if "_generated" not in p.parts)


def scan_page(page: Path) -> list[Reference]:
    refs: list[Reference] = []
    in_fence = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        include = INCLUDE.match(line)
        if include:
            target = include.group(1)
            fragment = FRAGMENT.match(target)
            if fragment:
                snippet_id = f"{fragment['chapter']}/{fragment['stem']}"
                refs.append(
                    Reference(page, number, "include", snippet_id, fragment["part"], target)
                )
            else:
                refs.append(Reference(page, number, "include", None, None, target))
            continue
        if FENCE.match(line):
            in_fence = not in_fence
        for value in VALUE.finditer(line):
            refs.append(
                Reference(
                    page,
                    number,
                    "value",
                    value["snippet"],
                    value["name"],
                    value.group(0),
                    value["spec"],
                )
            )
        if not in_fence:
            rest = VALUE.sub("", line)
            for braces in BRACES.finditer(rest):
                refs.append(Reference(page, number, "malformed", None, None, braces.group(0)))
    return refs


def scan_pages(docs_dir: Path) -> list[Reference]:
    return [ref for page in page_files(docs_dir) for ref in scan_page(page)]


def check_references(
    refs: list[Reference],
    snippets: dict[str, Snippet],
    docs_dir: Path,
    include_dirs: list[Path],
) -> list[str]:
    """Problems with the references, each 'page:line: what is wrong. What to do.'"""
    problems: list[str] = []
    for ref in refs:
        where = ref.where(docs_dir)
        if ref.kind == "malformed":
            problems.append(
                f"{where}: '{ref.text}' is not a named-result reference, so it would appear "
                "literally on the page. Write {{ chapter/NN_verb_noun:name }} or "
                "{{ chapter/NN_verb_noun:name:.2f }} (lower-case chapter and file, as on disk)."
            )
            continue
        if ref.kind == "include" and ref.snippet_id is None:
            if ref.text == REPORT_FRAGMENT:
                continue
            notebook_links = NOTEBOOK_LINKS.match(ref.text)
            if notebook_links and (docs_dir / f"{notebook_links[1]}.md").exists():
                continue  # written by the build for that chapter page (notebooks.py)
            lab_page = LAB_PAGE.match(ref.text)
            if lab_page and (docs_dir / "labs" / f"{lab_page[1]}.py").exists():
                continue  # written by the build from that lab's run (labs.py)
            if not any((folder / ref.text).exists() for folder in include_dirs):
                problems.append(
                    f'{where}: includes "{ref.text}", which is neither a snippet fragment '
                    "(<chapter>/NN_verb_noun.md) nor a file in "
                    f"{', '.join(str(d) for d in include_dirs)}. Fix the path."
                )
            continue
        snippet = snippets.get(ref.snippet_id or "")
        if snippet is None:
            close = [s for s in snippets if s.split("/")[0] == (ref.snippet_id or "").split("/")[0]]
            hint = f" Snippets in that chapter: {', '.join(close)}." if close else ""
            problems.append(
                f"{where}: names snippet '{ref.snippet_id}', but snippets/{ref.snippet_id}.py "
                f"does not exist. Create it or fix the name.{hint}"
            )
            continue
        if ref.kind == "include" and ref.part not in (None, "output"):
            if ref.part not in snippet.sections:
                known = ", ".join(snippet.sections) or "none"
                problems.append(
                    f"{where}: includes section '{ref.part}' of {snippet.repo_path}, which has no "
                    f"such section (sections: {known}). Mark it in the script with "
                    f"'# --8<-- [start:{ref.part}]' and '# --8<-- [end:{ref.part}]'."
                )
    return problems


def check_values(refs: list[Reference], values: dict[str, dict], docs_dir: Path) -> list[str]:
    """Problems with inline values once results exist; values maps snippet id to its values."""
    problems: list[str] = []
    for ref in refs:
        if ref.kind != "value" or ref.snippet_id not in values:
            continue
        try:
            found = lookup(values[ref.snippet_id], ref.part or "")
        except KeyError as missing:
            available = ", ".join(sorted(values[ref.snippet_id])) or "none"
            problems.append(
                f"{ref.where(docs_dir)}: quotes '{ref.part}' from snippets/{ref.snippet_id}.py, "
                f"which has no such named result ({missing}). Named results: {available}. "
                "Make it a top-level variable of the script, or fix the name."
            )
            continue
        try:
            value_for_prose(format_value(found, ref.spec))
        except UnsafeValueError as why:
            problems.append(
                f"{ref.where(docs_dir)}: '{ref.part}' of snippets/{ref.snippet_id}.py cannot be "
                f"quoted in prose: {why}. Quote numbers and short words; show longer text as the "
                "listing's output."
            )
        except (ValueError, TypeError) as bad:
            problems.append(
                f"{ref.where(docs_dir)}: cannot format '{ref.part}' of snippets/"
                f"{ref.snippet_id}.py (a {type(found).__name__}, {found!r:.60}) with "
                f"':{ref.spec}': {bad}. Use a spec for that type, e.g. '.2f' for a number."
            )
    return problems


def lookup(values: dict, dotted: str):
    """values['a']['b'] for 'a.b'; integers index lists."""
    current = values
    for part in dotted.split("."):
        if isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        elif isinstance(current, dict) and part in current:
            current = current[part]
        else:
            raise KeyError(part)
    return current


def format_value(value, spec: str | None) -> str:
    if spec:
        return format(value, spec.strip())
    return str(value)
