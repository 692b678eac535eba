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
