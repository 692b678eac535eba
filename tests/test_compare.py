"""`python -m courserun compare`: the GPU job's check that named results agree with the CPU's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from courserun import compare


def write_build(folder: Path, values: dict[str, dict]) -> Path:
    for snippet_id, snippet_values in values.items():
        path = folder / f"{snippet_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"snippet": snippet_id, "status": "ok", "values": snippet_values}
        path.write_text(json.dumps(record))
    return folder


CPU = {
    "demo/01_train_model": {
        "test_accuracy": 0.981,
        "losses": [0.5, 0.25],
        "numpy_speedup": 800.0,
        "device": "CPU",
        "predictions": list(range(100)),
    }
}


def test_close_values_agree_and_machine_dependent_ones_are_ignored():
    gpu = {"demo/01_train_model": {**CPU["demo/01_train_model"], "test_accuracy": 0.975}}
    gpu["demo/01_train_model"].update(
        numpy_speedup=5.0, device="GPU", predictions=[x + 0.5 for x in range(100)]
    )
    rows = compare.compare(CPU, gpu, rtol=0.05, atol=1e-3)
    verdicts = {name: verdict for _, name, _, _, verdict in rows}
    assert verdicts == {
        "test_accuracy": "ok",
        "losses.0": "ok",
        "losses.1": "ok",
        "numpy_speedup": "ignored",
        "device": "ignored",
        "predictions": "ok",  # long arrays: compared by length only
    }


def test_a_value_beyond_the_tolerance_fails_the_cli(tmp_path):
    gpu = {"demo/01_train_model": {**CPU["demo/01_train_model"], "losses": [0.5, 0.4]}}
    reference = write_build(tmp_path / "cpu", CPU)
    other = write_build(tmp_path / "gpu", gpu)
    command = [sys.executable, "-m", "courserun", "compare", str(reference), str(other)]
    report = subprocess.run(command + ["--fail"], capture_output=True, text=True)
    assert report.returncode == 1
    assert "differs  demo/01_train_model:losses.1  0.25 -> 0.4" in report.stdout
    assert subprocess.run(command, capture_output=True, text=True).returncode == 0
    same = subprocess.run(
        [*command[:4], str(reference), str(reference), "--fail"], capture_output=True, text=True
    )
    assert same.returncode == 0 and "0 differ beyond" in same.stdout


# --- `python -m courserun diff`: the pull request's summary -----------------------------------


def write_full_build(folder: Path, listings: dict[str, dict]) -> Path:
    """A docs/_generated folder as the build writes it: values, output block, figures."""
    for snippet_id, listing in listings.items():
        chapter, stem = snippet_id.split("/")
        base = folder / chapter / stem
        base.parent.mkdir(parents=True, exist_ok=True)
        record = {"snippet": snippet_id, "status": listing.get("status", "ok")}
        base.with_suffix(".json").write_text(json.dumps({**record, "values": listing["values"]}))
        output = f'```` {{ .text title="Output" }}\n{listing["output"]}\n````\n\n'
        base.with_suffix(".output.md").write_text(output + "<p>ran in 1.0 s</p>\n")
        for name, svg in listing.get("figures", {}).items():
            base.mkdir(exist_ok=True)
            (base / f"{name}.svg").write_text(svg)
            (base / f"{name}-dark.svg").write_text(svg.replace("#2b2b2b", "#d6d6d6"))
    return folder


MAIN = {
    "training/01_fit_model": {
        "values": {"test_accuracy": 0.9, "seconds": 3.0, "losses": [0.5, 0.4, 0.3]},
        "output": "epoch 1 loss 0.5\nepoch 2 loss 0.4\ntest accuracy 0.900",
        "figures": {"fig-1": "<svg>curve</svg>"},
    },
    "training/02_plot_data": {
        "values": {"n": 150, "grid": list(range(30))},
        "output": "150 samples",
        "figures": {"fig-1": "<svg>data</svg>"},
    },
    "losses/01_old_listing": {"values": {"mse": 0.25}, "output": "mse 0.25"},
}
PULL_REQUEST = {
    "training/01_fit_model": {
        # The accuracy moved, the run time too (machine-dependent: not reported).
        "values": {"test_accuracy": 0.93, "seconds": 9.0, "losses": [0.5, 0.4, 0.3]},
        "output": "epoch 1 loss 0.5\nepoch 2 loss 0.4\ntest accuracy 0.930",
        "figures": {"fig-1": "<svg>another curve</svg>"},
    },
    "training/02_plot_data": MAIN["training/02_plot_data"],  # unchanged
    "losses/02_new_listing": {"values": {"mae": 0.5}, "output": "mae 0.5"},
}


def test_diff_summary_names_changed_listings_numbers_figures_and_pages(tmp_path):
    main = compare.load_build(write_full_build(tmp_path / "main", MAIN))
    pull = compare.load_build(write_full_build(tmp_path / "pr", PULL_REQUEST))
    pages = {"training/01_fit_model": ["training.md", "summary.md"]}
    summary = compare.diff_markdown(main, pull, pages)
    table_rows = [line for line in summary.splitlines() if line.startswith("| `")]
    assert (
        "| `training/01_fit_model` | — | 2 lines changed | 1 moved | fig-1.svg (changed) "
        "| training.md, summary.md |"
    ) in table_rows
    assert any(row.startswith("| `losses/02_new_listing` | new listing |") for row in table_rows)
    assert any(row.startswith("| `losses/01_old_listing` | removed |") for row in table_rows)
    # The unchanged listing, and the machine-dependent run time, appear nowhere.
    assert "02_plot_data" not in summary and "seconds" not in summary
    assert "| `training/01_fit_model` | `test_accuracy` | 0.9 | 0.93 | +0.03 (+3.3%) |" in summary
    assert "3 of 4 listings differ from main: 1 in their output" in summary
    assert "-test accuracy 0.900\n+test accuracy 0.930" in summary


def test_diff_of_a_long_array_counts_the_values_that_changed():
    grid = list(range(30))
    base = {"a/01_x": {"status": "ok", "values": {"grid": grid}, "output": "", "figures": {}}}
    head = {"a/01_x": {**base["a/01_x"], "values": {"grid": grid[:-2] + [0, 0]}}}
    summary = compare.diff_markdown(base, head)
    assert "2 of 30 values changed, largest change 29" in summary
    assert "All 1 listings give the same" in compare.diff_markdown(base, base)


def test_diff_cli_writes_the_summary_for_identical_and_changed_builds(tmp_path):
    main = write_full_build(tmp_path / "main", MAIN)
    pull = write_full_build(tmp_path / "pr", PULL_REQUEST)
    command = [sys.executable, "-m", "courserun", "diff"]
    same = subprocess.run([*command, str(main), str(main)], capture_output=True, text=True)
    assert same.returncode == 0 and "All 3 listings give the same output" in same.stdout
    changed = subprocess.run([*command, str(main), str(pull)], capture_output=True, text=True)
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith("## What this change does to the listings' results")
    assert "`training/01_fit_model`" in changed.stdout
