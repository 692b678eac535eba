"""Build variants: the same listings with their seeds replaced, for checking claims.

A listing or lab that compares outcomes over seeds names them in exactly one top-level line
``seeds = [0, 1, 2, 3, 4]``. A variant replaces the list on that line, and nothing else: the rest
of the file stays byte-identical, so the listing runs exactly as a reader would run it with other
seeds. ``COURSERUN_SEEDS`` (set by ``python -m courserun check-claims --seeds SPEC``) selects the
variant; its results go to a cache of their own (``.courserun/variants/seeds-<...>/``), and the
runner refuses to publish them: the site never shows a variant.
"""

from __future__ import annotations

import ast
import datetime
import os
import random
import re
from pathlib import Path

SEEDS_ENV = "COURSERUN_SEEDS"
# The one line a variant rewrites: `seeds = [` ... `]` with an optional comment after it.
SEEDS_LINE = re.compile(r"^seeds = \[(?P<list>[^\]\n]*)\](?P<rest>[ \t]*(?:#[^\n]*)?)$", re.M)


class VariantError(Exception):
    """A seeds line that breaks the contract, or a seed set that cannot be read."""


def parse_spec(spec: str, today: datetime.date | None = None) -> list[int]:
    """``100-104``, ``7,9,11,13,15`` or ``random`` (five seeds drawn from the date)."""
    spec = spec.strip()
    if spec == "random":
        draw = random.Random((today or datetime.date.today()).isoformat())
        return sorted(draw.sample(range(1000, 100_000), 5))
    try:
        if re.fullmatch(r"\d+-\d+", spec):
            first, last = (int(part) for part in spec.split("-"))
            seeds = list(range(first, last + 1))
        else:
            seeds = [int(part) for part in spec.split(",") if part.strip()]
    except ValueError:
        seeds = []
    if len(seeds) < 2 or len(set(seeds)) != len(seeds) or min(seeds) < 0:
        raise VariantError(
            f"--seeds {spec!r}: give at least two different non-negative seeds, as a range "
            "(100-104), a list (7,9,11,13,15) or 'random' (five seeds drawn from the date)."
        )
    return seeds


def label(seeds: list[int]) -> str:
    """The variant's name, used for its cache folder: ``seeds-100-101-102-103-104``."""
    return "seeds-" + "-".join(str(seed) for seed in seeds)


def active_seeds() -> list[int] | None:
    """The seeds of the variant this process builds, or None for the published build."""
    value = os.environ.get(SEEDS_ENV, "").strip()
    return parse_spec(value) if value else None


def seeds_line(path: Path | str, text: str) -> int | None:
    """The 1-based line of the file's one top-level ``seeds = [...]`` literal, or None when the
    file assigns no top-level ``seeds``. A file that assigns it otherwise (two lines, a range, a
    computed list, a tuple unpacking) breaks the contract and gets an error saying where."""
    tree = ast.parse(text, filename=str(path))
    found: list[int] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        names = [
            name.id
            for target in targets
            for name in ast.walk(target)
            if isinstance(name, ast.Name) and name.id == "seeds"
        ]
        if not names:
            continue
        lines = text.splitlines()
        line = lines[node.lineno - 1]
        literal = (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.List)
            and all(
                isinstance(item, ast.Constant) and type(item.value) is int
                for item in node.value.elts
            )
            and node.lineno == node.end_lineno
            and SEEDS_LINE.fullmatch(line)
        )
        if not literal:
            raise VariantError(
                f"{path}:{node.lineno}: a listing names its seeds in one top-level line "
                f"`seeds = [0, 1, 2, 3, 4]` (a literal list of integers); found `{line.strip()}`. "
                "Write the list on that one line and loop `for seed in seeds`."
            )
        found.append(node.lineno)
    if len(found) > 1:
        raise VariantError(
            f"{path}:{found[1]}: `seeds` is assigned again (first on line {found[0]}); a listing "
            "names its seeds in exactly one top-level line."
        )
    return found[0] if found else None


def replace_seeds(path: Path | str, text: str, seeds: list[int]) -> str | None:
    """The text with its seeds line's list replaced by ``seeds``; None when it has no such line.
    Every other byte stays as it was."""
    number = seeds_line(path, text)
    if number is None:
        return None
    lines = text.splitlines(keepends=True)
    old = lines[number - 1]
    body = old.rstrip("\r\n")
    match = SEEDS_LINE.fullmatch(body)
    assert match is not None  # seeds_line checked it
    new = f"seeds = [{', '.join(str(seed) for seed in seeds)}]{match.group('rest')}"
    lines[number - 1] = new + old[len(body) :]
    return "".join(lines)


def variant_text(path: Path | str, text: str) -> tuple[str, str]:
    """What the runner executes for this file in this process's build: ``(text, variant)``,
    where variant is "" for the published build and for files the variant leaves alone."""
    seeds = active_seeds()
    if seeds is None:
        return text, ""
    replaced = replace_seeds(path, text, seeds)
    if replaced is None:
        return text, ""
    return replaced, label(seeds)
