"""The seeds contract and `check-claims`: variants change one line, live in a cache of their
own, are never published, and a claim that fails on other seeds is named with its page line."""

from __future__ import annotations

import ast
import datetime
import json
import os

import pytest

from courserun import claims, variants
from courserun.execute import run_many
from courserun.project import BuildError, Project, load_labs, load_snippets, publish

PROJECT = Project()
LISTINGS = load_snippets(PROJECT) + load_labs(PROJECT)


def seed_loops(tree: ast.AST) -> list[tuple[int, ast.expr]]:
    """(line, iterable) of every loop or comprehension whose target is named `seed`."""
    found = []
    for node in ast.walk(tree):
        loops = []
        if isinstance(node, ast.For):
            loops = [(node.target, node.iter, node.lineno)]
        elif isinstance(node, ast.comprehension):
            loops = [(node.target, node.iter, node.iter.lineno)]
        for target, iterable, line in loops:
            if any(isinstance(n, ast.Name) and n.id == "seed" for n in ast.walk(target)):
                found.append((line, iterable))
    return found


def names_seeds(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "seeds" for n in ast.walk(node))


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda s: s.id)
def test_a_listing_that_compares_over_seeds_names_them_in_one_line(listing):
    text = listing.path.read_text(encoding="utf-8")
    where = listing.repo_path
    try:
        line = variants.seeds_line(where, text)
    except variants.VariantError as err:
        pytest.fail(str(err), pytrace=False)
    tree = ast.parse(text)
    loops = seed_loops(tree)
    for number, iterable in loops:
        assert names_seeds(iterable), (
            f"{where}:{number}: this loop over `seed` does not iterate the listing's `seeds`; "
            "loop `for seed in seeds` so that check-claims can replace them."
        )
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "seeds":
            assert names_seeds(node.value), (
                f"{where}:{node.value.lineno}: seeds={ast.unparse(node.value)}; pass the "
                "listing's one `seeds` list."
            )
    if loops:
        assert line is not None, (
            f"{where}: it loops over seeds but has no top-level line `seeds = [0, 1, 2, 3, 4]`."
        )


def _claim_markers() -> list[tuple[str, int, str, str]]:
    found = []
    for path in sorted((PROJECT.root / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {  # module-level names such as PAGE = "docs/overfitting.md"
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "claim"
                and ast.unparse(node.func.value) == "pytest.mark"
            ):
                args = [
                    a.value if isinstance(a, ast.Constant) else constants.get(getattr(a, "id", ""))
                    for a in node.args
                ]
                args = [a for a in args if isinstance(a, str)]
                assert len(args) == 2, f"{path.name}:{node.lineno}: claim(page, phrase)"
                found.append((path.name, node.lineno, args[0], args[1]))
    return found


def test_every_claim_marker_quotes_its_page():
    stale = [
        f"tests/{name}:{line}: {page} does not say {phrase!r}"
        for name, line, page, phrase in _claim_markers()
        if claims.Claim(page, phrase).locate(PROJECT.root) is None
    ]
    assert not stale, "\n".join(stale)


def test_seed_specs():
    assert variants.parse_spec("100-104") == [100, 101, 102, 103, 104]
    assert variants.parse_spec("7,9,11,13,15") == [7, 9, 11, 13, 15]
    day = datetime.date(2026, 12, 2)
    drawn = variants.parse_spec("random", today=day)
    assert len(set(drawn)) == 5 and drawn == variants.parse_spec("random", today=day)
    assert drawn != variants.parse_spec("random", today=day + datetime.timedelta(days=7))
    for bad in ("", "5", "1,1", "a-b", "3-1"):
        with pytest.raises(variants.VariantError, match="--seeds"):
            variants.parse_spec(bad)


def test_a_variant_replaces_the_seeds_line_and_nothing_else():
    text = (
        '"""T."""\nimport numpy as np\n\nseeds = [0, 1, 2, 3, 4]  # five\nx = [s for s in seeds]\n'
    )
    new = variants.replace_seeds("t.py", text, [100, 101])
    assert new == text.replace("[0, 1, 2, 3, 4]", "[100, 101]")
    assert variants.replace_seeds("t.py", '"""T."""\nx = 1\n', [5, 6]) is None
    crlf = text.replace("\n", "\r\n")
    assert variants.replace_seeds("t.py", crlf, [7, 8]) == crlf.replace("[0, 1, 2, 3, 4]", "[7, 8]")


@pytest.mark.parametrize(
    "text",
    [
        "seeds = range(5)\n",
        "window, seeds = 10, [0, 1]\n",
        "seeds = [0, 1]\nseeds = [2, 3]\n",
        "seeds = [\n    0,\n    1,\n]\n",
        "seeds = [0, 1.5]\n",
        "seeds += [5]\n",
    ],
)
def test_a_seeds_line_that_breaks_the_contract_is_refused_with_where(text):
    with pytest.raises(variants.VariantError, match=r"^t\.py:\d+: "):
        variants.seeds_line("t.py", '"""T."""\n' + text)


def test_every_seeded_listing_runs_as_a_variant_byte_for_byte(monkeypatch):
    monkeypatch.setenv(variants.SEEDS_ENV, "100-104")
    for listing in load_snippets(PROJECT) + load_labs(PROJECT):
        original = listing.path.read_text(encoding="utf-8")
        if not listing.variant:
            assert listing.text == original
            continue
        assert listing.variant == "seeds-100-101-102-103-104"
        old, new = original.splitlines(True), listing.text.splitlines(True)
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
        assert len(changed) == 1
        assert new[changed[0]] == old[changed[0]].replace(
            old[changed[0]][: old[changed[0]].index("]") + 1], "seeds = [100, 101, 102, 103, 104]"
        )


DEMO_LISTING = '''"""Count seeds.

A stand-in for a comparison over seeds.
"""

seeds = [0, 1, 2, 3, 4]
per_seed = [seed * 2 for seed in seeds]
largest = max(per_seed)
print(largest)
'''

DEMO_PAGE = """# Demo

The largest doubled seed stays below fifty,
in every seed.
"""

DEMO_TESTS = """
from pathlib import Path

import pytest

from courserun.execute import run_many
from courserun.project import Project, load_snippets

PROJECT = Project(Path(__file__).resolve().parent.parent)


def values():
    ran = run_many(load_snippets(PROJECT, ["demo"]), PROJECT.cache, cold=True)
    return ran["demo/01_count_seeds"].values


@pytest.mark.claim("docs/demo.md", "stays below fifty, in every seed")
def test_below_fifty():
    assert values()["largest"] < 50


@pytest.mark.published_run
def test_published_number():
    assert values()["largest"] == 8


def test_five_seeds():
    assert len(values()["per_seed"]) == 5
"""


@pytest.fixture()
def demo(tmp_path, monkeypatch) -> Project:
    (tmp_path / "snippets" / "demo").mkdir(parents=True)
    (tmp_path / "snippets" / "demo" / "01_count_seeds.py").write_text(DEMO_LISTING)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "demo.md").write_text(DEMO_PAGE)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_demo.py").write_text(DEMO_TESTS)
    monkeypatch.delenv("COURSERUN_CACHE", raising=False)
    monkeypatch.delenv(variants.SEEDS_ENV, raising=False)
    monkeypatch.setenv("COURSERUN_COLD", "1")
    return Project(tmp_path)


def test_check_claims_passes_skips_the_published_numbers_and_keeps_results_apart(demo, capsys):
    published = run_many(load_snippets(demo), demo.cache)
    assert published["demo/01_count_seeds"].values["largest"] == 8
    status = claims.check(demo, "7,9,11,13,15", ["demo"])
    lines = capsys.readouterr().out.strip().splitlines()
    assert status == 0, "\n".join(lines)
    assert (
        lines[-1] == "claims on seeds 7,9,11,13,15: 2 passed, 0 failed, 1 skipped; 1 listings rerun"
    )
    variant_dirs = list((demo.root / ".courserun" / "variants").glob("seeds-7-9-11-13-15/demo__*"))
    assert len(variant_dirs) == 1
    stored = json.loads((variant_dirs[0] / "result.json").read_text())
    assert stored["values"]["largest"] == 30
    # The published result is still there, untouched, and still the one the site would use.
    again = run_many(load_snippets(demo), demo.cache)["demo/01_count_seeds"]
    assert again.cached and again.values["largest"] == 8
    assert variants.SEEDS_ENV not in os.environ


def test_check_claims_names_the_failing_sentence_and_its_values(demo, capsys):
    status = claims.check(demo, "100-104", ["demo"])
    out = capsys.readouterr().out
    assert status == 1
    assert out.strip().splitlines()[-1] == (
        "claims on seeds 100-104: 1 passed, 1 failed, 1 skipped; 1 listings rerun"
    )
    assert "FAILED tests/test_demo.py::test_below_fifty" in out
    assert "claim: docs/demo.md:3: The largest doubled seed stays below fifty," in out
    assert "assert 208 < 50" in out


def test_a_variant_is_never_published(demo, monkeypatch):
    monkeypatch.setenv(variants.SEEDS_ENV, "100-104")
    ran = run_many(load_snippets(demo), demo.cache)
    with pytest.raises(BuildError, match="never published"):
        publish(demo, ran)
    assert not (demo.root / "docs" / "_generated").exists()


def test_the_cli_refuses_a_bad_seed_set(capsys):
    from courserun.__main__ import main

    assert main(["check-claims", "--seeds", "3"]) == 2
    assert "--seeds '3'" in capsys.readouterr().err


def test_contract_check_catches_a_loop_outside_the_seeds_line():
    tree = ast.parse("seeds = [0, 1]\nfor seed in range(5):\n    pass\n")
    ((line, iterable),) = seed_loops(tree)
    assert line == 2 and not names_seeds(iterable)


def test_a_pull_request_checks_the_chapters_it_touches():
    touched = claims.touched
    assert touched(PROJECT, ["snippets/losses/03_compare_training.py"]) == ["losses"]
    assert touched(PROJECT, ["tests/test_optimizers.py", "README.md"]) == ["optimizers"]
    assert touched(PROJECT, ["docs/neural-networks.md"]) == ["neural_networks"]
    assert touched(PROJECT, ["docs/labs/xor.py"]) == ["labs/xor"]
    assert touched(PROJECT, ["CONTRIBUTING.md", ".github/workflows/pages.yml"]) == []
    assert touched(PROJECT, ["courserun/variants.py"]) is None
    assert touched(PROJECT, ["requirements.txt"]) is None
