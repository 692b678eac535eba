"""Nothing escapes: every snippet is on a page and tested, every page reference resolves,
every listing keeps the snippet contract, every inline code block is run or says why not."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import yaml

from courserun import pages
from courserun.project import Project, load_snippets

PROJECT = Project()
SNIPPETS = load_snippets(PROJECT)
ALLOWED_IMPORTS = {"keras", "tensorflow", "numpy", "matplotlib", "sklearn", "scipy"}
MAX_CODE_LINES = 70  # "about 60 lines", docstring not counted


OPTIMIZERS = {"SGD", "Adam", "RMSprop", "Adagrad", "Adadelta", "Adamax", "Nadam", "Ftrl"}


def removed_idioms(tree: ast.AST) -> list[str]:
    """Keras 2 idioms that Keras 3 removed or deprecated, used in code (not in strings)."""
    problems = []
    for node in ast.walk(tree):
        where = f"line {getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            for keyword in node.keywords:
                if keyword.arg == "input_shape" or (
                    keyword.arg == "input_dim" and name != "Embedding"
                ):
                    problems.append(
                        f"{where}: {keyword.arg}= on a layer; use keras.Input(shape=...)"
                    )
                if keyword.arg == "lr" and name in OPTIMIZERS:
                    problems.append(f"{where}: {name}(lr=...); use learning_rate=")
            if name in {"save", "load_model"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and str(first.value).endswith((".h5", ".hdf5")):
                    problems.append(f"{where}: whole-model .h5 files; use .keras")
        if isinstance(node, ast.Attribute) and node.attr == "predict_classes":
            problems.append(f"{where}: predict_classes; use np.argmax(model.predict(x), axis=-1)")
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            ("keras.layers.core", "keras.preprocessing.sequence", "keras.wrappers")
        ):
            problems.append(f"{where}: imports {node.module}, which Keras 3 removed")
    return problems


def test_removed_idioms_are_caught():
    old = 'model.add(Dense(8, input_dim=4))\nSGD(lr=0.1)\nmodel.predict_classes(x)\nm.save("m.h5")'
    assert len(removed_idioms(ast.parse(old))) == 4
    new = "keras.optimizers.SGD(learning_rate=0.1)\nrule(g, s, lr=0.1)\nm.save('m.keras')"
    assert removed_idioms(ast.parse(new)) == []


REFERENCES = pages.scan_pages(PROJECT.docs_dir)  # read once, not once per parametrized case


def test_there_are_snippets():
    assert len(SNIPPETS) >= 6


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_snippet_is_shown_on_a_page(snippet):
    shown = [r for r in REFERENCES if r.kind == "include" and r.snippet_id == snippet.id]
    assert shown, (
        f"{snippet.repo_path} is on no page: add a line "
        f'--8<-- "{snippet.id}.md" to the chapter page.'
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_snippet_is_tested(snippet):
    test_file = PROJECT.root / "tests" / f"test_{snippet.chapter}.py"
    assert test_file.exists(), f"{snippet.repo_path}: create {test_file.name} for its chapter"
    assert snippet.stem in test_file.read_text(encoding="utf-8"), (
        f"{snippet.repo_path} is not named in {test_file.name}: add a test of what its page "
        "says about it."
    )


def test_every_page_reference_resolves():
    snippets = {s.id: s for s in SNIPPETS}
    problems = pages.check_references(REFERENCES, snippets, PROJECT.docs_dir, PROJECT.include_dirs)
    assert not problems, "\n".join(problems)


def test_every_quoted_value_exists(results):
    values = {sid: r.values for sid, r in results.items() if r.ok}
    problems = pages.check_values(REFERENCES, values, PROJECT.docs_dir)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_snippet_keeps_the_contract(snippet):
    tree = ast.parse(snippet.text)
    stdlib = set(sys.stdlib_module_names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{snippet.repo_path}:{node.lineno}: no relative imports"
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            assert top in ALLOWED_IMPORTS or top in stdlib, (
                f"{snippet.repo_path}:{node.lineno}: imports '{name}'; snippets import only "
                f"installed packages ({', '.join(sorted(ALLOWED_IMPORTS))}) and the standard "
                "library, never a file of this repository."
            )
        if {"urllib", "requests", "http"} & {n.split(".")[0] for n in names}:
            assert snippet.network, f"{snippet.repo_path}: downloads but has no 'Network:' line"
    docstring_end = tree.body[0].end_lineno
    code_lines = [ln for ln in snippet.text.splitlines()[docstring_end:] if ln.strip()]
    assert len(code_lines) <= MAX_CODE_LINES, (
        f"{snippet.repo_path}: {len(code_lines)} lines of code; listings stay short "
        f"(at most {MAX_CODE_LINES}). Split it into two ideas."
    )
    assert "savefig" not in snippet.text, f"{snippet.repo_path}: the runner captures figures"
    problems = removed_idioms(tree)
    assert not problems, f"{snippet.repo_path}: " + "; ".join(problems)
    draws_random = re.search(
        r"\.fit\(|np\.random\.|\brandom\.|shuffle|\bmake_[a-z]+\(|train_test_split\(",
        snippet.code,
    )
    seeded = re.search(r"set_random_seed\(|default_rng\(\w|random_state=|\.seed\(\d", snippet.code)
    assert seeded or not draws_random, (
        f"{snippet.repo_path}: draws random numbers (found '{draws_random and draws_random[0]}') "
        "without setting a seed: add keras.utils.set_random_seed(N) at the top."
    )


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_every_figure_has_a_caption(snippet, results):
    result = results[snippet.id]
    if not result.ok:
        pytest.skip(f"{snippet.repo_path} did not run ({result.status})")
    assert len(result.figures) == len(snippet.captions), (
        f"{snippet.repo_path} draws {len(result.figures)} figure(s) but its docstring has "
        f"{len(snippet.captions)} 'Figure:' line(s): one caption (also the alt text) per figure."
    )


def fenced_blocks(page: Path):
    """(line, info string, preceding non-blank line) for each opening fence of a page."""
    lines = page.read_text(encoding="utf-8").splitlines()
    inside = None
    previous = ""
    for number, line in enumerate(lines, start=1):
        match = re.match(r"^\s*(`{3,}|~{3,})\s*(.*)$", line)
        if match and inside is None:
            inside = match.group(1)
            yield number, match.group(2).strip(), previous.strip()
        elif match and inside and match.group(1).startswith(inside) and not match.group(2):
            inside = None
        if line.strip():
            previous = line


@pytest.mark.parametrize("page", pages.page_files(PROJECT.docs_dir), ids=lambda p: p.name)
def test_inline_code_blocks_are_run_or_say_why_not(page):
    for number, info, previous in fenced_blocks(page):
        language = re.split(r"[\s{]", info, maxsplit=1)[0].lstrip(".").lower()
        skipped = re.match(r"<!--\s*pytest\.mark\.skip\(reason=\S.+\)\s*-->", previous)
        where = f"{page.relative_to(PROJECT.root)}:{number}"
        if language in {"python", "py", "bash", "sh", "shell"} and info != "python":
            # pytest-codeblocks runs only ```python (and shells); anything else would be
            # skipped without a word, so it must be marked.
            assert skipped, (
                f"{where}: a '{info}' block is not run by the test suite; write it as a plain "
                '```python block, or put <!--pytest.mark.skip(reason="...")--> before it.'
            )
        if language in {"bash", "sh"}:
            assert skipped, (
                f"{where}: shell blocks would be executed; mark them skipped with a reason"
            )
        if previous.startswith("<!--pytest.mark.skip"):
            assert skipped, f'{where}: a skip mark needs a reason: skip(reason="...")'


def test_nav_lists_exactly_the_pages_that_exist():
    config = yaml.safe_load((PROJECT.root / "mkdocs.yml").read_text(encoding="utf-8"))

    def entries(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            if isinstance(value, list):
                yield from entries(value)
            else:
                yield value

    nav = list(entries(config["nav"]))
    for target in nav:
        assert (PROJECT.docs_dir / target).exists(), f"mkdocs.yml nav names missing {target}"
    on_disk = {
        p.relative_to(PROJECT.docs_dir).as_posix() for p in pages.page_files(PROJECT.docs_dir)
    }
    on_disk -= {p for p in on_disk if p.startswith("includes/")}
    assert on_disk <= set(nav), f"pages missing from the nav: {sorted(on_disk - set(nav))}"
