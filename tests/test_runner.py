"""The runner itself: capture, values, errors, cache, network marks, sections, fragments, pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from courserun import fragments, pages
from courserun.cache import Cache
from courserun.execute import NETWORK_ENV, run_many, run_one
from courserun.project import BuildError, Project, prepare
from courserun.snippets import SnippetError, load_snippet

HOOK = Path(__file__).resolve().parent.parent / "courserun" / "mkdocs_hook.py"

PLOTTING = '''\
"""Two figures shown, one left open.

Draws three figures.

Figure: first line plot.
Figure: second, a scatter.
Figure: third, never shown explicitly.
"""

import matplotlib.pyplot as plt
import numpy as np

plt.figure()
plt.plot([0, 1], [0, 1], label="a")
plt.legend()
plt.figure()
plt.scatter([1, 2], [3, 4])
plt.show()
plt.figure()
plt.plot([1, 2, 3])
answer = 42
ratio = np.float64(0.5)
weights = np.arange(3.0)
table = {"a": [1, 2], "b": {"c": 0.25}}
_private = 1
print("hello from the snippet")
'''

FAILING = '''\
"""Fails on purpose.

Divides by zero on line 7.
"""

value = 1
result = value / 0
'''


def write(folder: Path, relative: str, text: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def test_figures_output_and_values_are_captured(tmp_path, cache):
    snippet = load_snippet(write(tmp_path, "demo/01_draw_figures.py", PLOTTING))
    result = run_one(snippet, cache)
    assert result.ok, result.describe_error()
    assert result.stdout == "hello from the snippet\n"
    assert len(result.figures) == 3
    assert snippet.captions[1] == "second, a scatter."
    light = result.figure_path(0).read_text()
    dark = result.figure_path(0, dark=True).read_text()
    assert light.startswith("<?xml") and "<svg" in light
    assert light != dark and "#d6d6d6" in dark and "#d6d6d6" not in light
    assert result.values["answer"] == 42
    assert result.values["ratio"] == 0.5
    assert result.values["weights"] == [0.0, 1.0, 2.0]
    assert result.values["table"] == {"a": [1, 2], "b": {"c": 0.25}}
    assert "_private" not in result.values and "np" not in result.values
    assert result.provenance["versions"]["python"].startswith("3.")
    assert result.provenance["device"].startswith(("CPU", "GPU"))
    assert result.wall_seconds > 0 and 0 < result.timing["own"] <= result.wall_seconds


def test_snippet_runs_in_a_scratch_directory(tmp_path, cache):
    code = '"""Writes a file.\n\nIn its working directory.\n"""\nopen("model.keras", "w")\n'
    snippet = load_snippet(write(tmp_path, "demo/01_write_file.py", code))
    assert run_one(snippet, cache).ok
    assert not (Path.cwd() / "model.keras").exists()
    assert not (tmp_path / "demo" / "model.keras").exists()


def test_error_names_file_line_and_what_to_do(tmp_path, cache):
    snippet = load_snippet(write(tmp_path, "demo/01_divide_zero.py", FAILING))
    result = run_one(snippet, cache)
    assert result.status == "error"
    assert result.error["line"] == 7
    message = result.describe_error()
    assert "snippets/demo/01_divide_zero.py:7: ZeroDivisionError" in message
    assert "result = value / 0" in message
    assert "To reproduce: python snippets/demo/01_divide_zero.py" in message
    # Failures are not cached: the next run shows the error again.
    assert not list(cache.root.glob("demo__*")) if cache.root.exists() else True


def test_cache_hit_change_and_damage(tmp_path, cache):
    path = write(tmp_path, "demo/01_draw_figures.py", PLOTTING)
    first = run_one(load_snippet(path), cache)
    assert not first.cached
    second = run_one(load_snippet(path), cache)
    assert second.cached and second.values == first.values
    assert second.figure_path(2).read_bytes() == first.figure_path(2).read_bytes()

    # A half-written entry (a figure missing) is recomputed, not trusted.
    second.figure_path(1).unlink()
    third = run_one(load_snippet(path), cache)
    assert not third.cached and third.figure_path(1).exists()

    # A corrupted record is recomputed too.
    (third.dir / "result.json").write_text("{not json")
    fourth = run_one(load_snippet(path), cache)
    assert not fourth.cached and fourth.ok

    # A tampered figure no longer matches its stored hash.
    fourth.figure_path(0).write_text("<svg/>")
    assert not run_one(load_snippet(path), cache).cached

    # Editing the snippet means a new run, and the old entry is dropped.
    path.write_text(PLOTTING.replace("answer = 42", "answer = 43"))
    fifth = run_one(load_snippet(path), cache)
    assert not fifth.cached and fifth.values["answer"] == 43
    assert len(list(cache.root.glob("demo__01_draw_figures--*"))) == 1


def test_a_forced_run_replaces_the_stored_result(tmp_path, cache):
    path = write(
        tmp_path,
        "demo/01_print_entropy.py",
        '"""Entropy."""\nimport os\n\nprint(os.urandom(8).hex())\n',
    )
    first = run_one(load_snippet(path), cache, cold=True)
    assert run_one(load_snippet(path), cache).stdout == first.stdout
    forced = run_one(load_snippet(path), cache, force=True, cold=True)
    assert not forced.cached and forced.stdout != first.stdout
    again = run_one(load_snippet(path), cache)
    assert again.cached and again.stdout == forced.stdout
    assert len(list(cache.root.glob("demo__01_print_entropy--*"))) == 1


def test_network_snippets_are_skipped_offline_and_counted(tmp_path, cache, monkeypatch):
    code = '"""Downloads.\n\nNeeds data.\n\nNetwork: downloads MNIST.\n"""\nprint("ran")\n'
    snippet = load_snippet(write(tmp_path, "demo/01_load_mnist.py", code))
    assert snippet.network == "downloads MNIST."
    monkeypatch.delenv(NETWORK_ENV, raising=False)
    skipped = run_one(snippet, cache)
    assert skipped.status == "skipped-network"
    assert "skipped, needs the network" in skipped.describe_error()
    assert "Not run in this build: needs the network" in fragments.output_block(skipped)
    monkeypatch.setenv(NETWORK_ENV, "1")
    assert run_one(snippet, cache).stdout == "ran\n"


def test_parallel_run_keeps_order(tmp_path, cache):
    paths = [
        write(
            tmp_path,
            f"demo/0{i}_print_number.py",
            f'"""Prints {i}.\n\nA number.\n"""\nprint({i})\n',
        )
        for i in range(1, 5)
    ]
    seen = []
    results = run_many(
        [load_snippet(p) for p in paths], cache, jobs=2, progress=lambda d, t, r: seen.append(d)
    )
    assert list(results) == [f"demo/0{i}_print_number" for i in range(1, 5)]
    assert [r.stdout for r in results.values()] == ["1\n", "2\n", "3\n", "4\n"]
    assert sorted(seen) == [1, 2, 3, 4]


def test_sections_and_contract_errors(tmp_path):
    code = textwrap.dedent('''\
        """Sections.

        Two of them.
        """

        # --8<-- [start:first]
        a = 1
        # --8<-- [end:first]
        b = 2
        # --8<-- [start:second]
        c = a + b
        # --8<-- [end:second]
        ''')
    snippet = load_snippet(write(tmp_path, "demo/01_mark_sections.py", code))
    assert snippet.sections["first"].code == "a = 1\n"
    assert snippet.sections["second"].code == "c = a + b\n"
    assert "--8<--" not in snippet.code
    broken = code.replace("# --8<-- [end:second]\n", "")
    with pytest.raises(SnippetError, match=r"01_mark_sections.py:10: section 'second' is never"):
        load_snippet(write(tmp_path, "demo/01_mark_sections.py", broken))
    with pytest.raises(SnippetError, match="no module docstring"):
        load_snippet(write(tmp_path, "demo/02_miss_header.py", "x = 1\n"))
    with pytest.raises(SnippetError, match="NN_verb_noun"):
        load_snippet(write(tmp_path, "demo/BadName.py", '"""T."""\n'))


def test_fragments_are_written_once_and_link_their_figures(tmp_path, cache):
    snippet = load_snippet(write(tmp_path, "demo/01_draw_figures.py", PLOTTING))
    result = run_one(snippet, cache)
    generated = tmp_path / "generated"
    written = fragments.write_fragments(result, generated)
    full = (generated / "demo" / "01_draw_figures.md").read_text()
    assert '``` { .python title="snippets/demo/01_draw_figures.py" linenums="1" }' in full
    assert '{ .text title="Output" }' in full and "hello from the snippet" in full
    assert "_generated/demo/01_draw_figures/fig-2.svg#only-light" in full
    assert "_generated/demo/01_draw_figures/fig-2-dark.svg#only-dark" in full
    assert "<figcaption>second, a scatter.</figcaption>" in full
    assert "ran in " in full and "Python 3." in full
    values = json.loads((generated / "demo" / "01_draw_figures.json").read_text())
    assert values["values"]["answer"] == 42
    before = {p: p.stat().st_mtime_ns for p in written}
    fragments.write_fragments(result, generated)
    assert {p: p.stat().st_mtime_ns for p in written} == before


def make_project(root: Path, page: str, snippet_code: str = PLOTTING) -> Project:
    write(root, "snippets/demo/01_draw_figures.py", snippet_code)
    write(root, "docs/index.md", page)
    (root / "docs" / "includes").mkdir(parents=True, exist_ok=True)
    return Project(root)


def test_pages_naming_missing_snippets_or_values_fail_with_page_and_line(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    page = '# Demo\n\n--8<-- "demo/01_draw_figures.md"\n\n--8<-- "demo/02_missing.md"\n'
    with pytest.raises(BuildError, match=r"docs/index.md:5: names snippet 'demo/02_missing'"):
        prepare(make_project(tmp_path, page))
    page = '# Demo\n\n--8<-- "demo/01_draw_figures.nosuch.md"\n'
    with pytest.raises(BuildError, match=r"docs/index.md:3: includes section 'nosuch'"):
        prepare(make_project(tmp_path, page))
    page = "# Demo\n\nThe answer is {{ demo/01_draw_figures:answr }}.\n"
    with pytest.raises(BuildError, match=r"docs/index.md:3: quotes 'answr'.*answer"):
        prepare(make_project(tmp_path, page))
    page = "# Demo\n\nThe answer is {{ demo/01_draw_figures:answer:d }}.\n"
    results = prepare(make_project(tmp_path, page))
    assert results["demo/01_draw_figures"].ok
    assert (tmp_path / "docs" / "_generated" / "report.md").exists()


def test_value_formatting_and_lookup():
    values = {"accuracy": 0.98765, "per_class": {"relu": [0.5, 0.75]}}
    assert pages.format_value(pages.lookup(values, "accuracy"), ".2f") == "0.99"
    assert pages.lookup(values, "per_class.relu.1") == 0.75
    with pytest.raises(KeyError):
        pages.lookup(values, "per_class.tanh")


def mkdocs_config(root: Path) -> Path:
    config = f"""
site_name: Demo
docs_dir: docs
hooks: [{HOOK}]
exclude_docs: |
  _generated/**/*.md
markdown_extensions:
  - md_in_html
  - attr_list
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [docs/_generated]
      check_paths: true
  - courserun.markdown_values:
      generated_dir: {root / "docs" / "_generated"}
"""
    return write(root, "mkdocs.yml", config)


def test_mkdocs_build_fails_on_a_broken_snippet_with_file_line_and_page(tmp_path):
    page = '# Demo\n\nText.\n\n--8<-- "demo/01_draw_figures.md"\n'
    make_project(tmp_path, page, FAILING)
    config = mkdocs_config(tmp_path)
    env = {**os.environ, "COURSERUN_CACHE": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    failed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert failed.returncode != 0
    assert "snippets/demo/01_draw_figures.py:7: ZeroDivisionError" in failed.stderr
    assert "shown on docs/index.md:5" in failed.stderr
    assert "To reproduce" in failed.stderr

    write(tmp_path, "snippets/demo/01_draw_figures.py", PLOTTING)
    write(tmp_path, "docs/index.md", page + "\nThe answer: {{ demo/01_draw_figures:answer }}.\n")
    built = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "The answer: 42." in html
    assert "fig-3-dark.svg#only-dark" in html
    assert (tmp_path / "site" / "_generated" / "demo" / "01_draw_figures" / "fig-3.svg").exists()


@pytest.mark.network
def test_network_marker_is_skipped_offline():
    # Offline (the default) this test is skipped by conftest.py and listed in the summary;
    # with COURSERUN_NETWORK=1 it runs and checks that the switch is really on.
    assert os.environ.get(NETWORK_ENV) == "1"


def test_prose_cannot_quote_a_listing_that_did_not_run(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSERUN_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(NETWORK_ENV, raising=False)
    code = '"""Downloads.\n\nNeeds data.\n\nNetwork: downloads MNIST\n"""\nshape = 3\n'
    page = "# Demo\n\nShape {{ demo/01_draw_figures:shape }}.\n"
    with pytest.raises(BuildError, match=r"docs/index.md:3: quotes 'shape'.*needs the network"):
        prepare(make_project(tmp_path, page, code))


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    code = (
        '"""Prints a set.\n\nIts order follows string hashes.\n"""\nprint(list(set("abcdefgh")))\n'
    )
    snippet = load_snippet(write(tmp_path, "demo/01_print_set.py", code))
    outputs = set()
    for run in range(3):
        outputs.add(run_one(snippet, Cache(tmp_path / f"cache-{run}")).stdout)
    assert len(outputs) == 1, outputs


def test_serve_rebuilds_the_pages_whose_listings_or_lab_ran_again(project):
    """`make serve` is `mkdocs serve --dirty`: MkDocs rebuilds only pages whose own file
    changed, so the hook marks the pages of the listings and labs that just ran."""
    from courserun import mkdocs_hook

    shown = mkdocs_hook.pages_showing(project, {"activations/01_define_activations", "labs/xor"})
    assert {"activations.md", "labs/xor.md"} <= shown
    assert "losses.md" not in shown and "labs/iris_mlp.md" not in shown

    class Page:
        def __init__(self, src_uri: str) -> None:
            self.src_uri = src_uri

        def is_modified(self) -> bool:
            return False

    class Files:
        pages = [Page("activations.md"), Page("losses.md")]

        def documentation_pages(self):
            return self.pages

    mkdocs_hook._rerun_pages.clear()
    mkdocs_hook._rerun_pages.update(shown)
    try:
        files = mkdocs_hook.on_files(Files(), {})
    finally:
        mkdocs_hook._rerun_pages.clear()
    assert [page.is_modified() for page in files.pages] == [True, False]
