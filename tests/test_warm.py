"""Warm start: listings forked from a parent that has already imported the heavy libraries.

A listing must not be able to tell, from its output, whether it was forked warm or started
cold; the cold switch must work; and the parent must refuse to fork when it is not safe.
"""

from __future__ import annotations

import shutil

import pytest

from courserun import determinism, sandbox
from courserun.cache import Cache
from courserun.execute import run_one
from courserun.project import Project, load_snippets
from courserun.snippets import load_snippet

# Touches what a fork could change: unseeded and seeded generators, set order (hash seed),
# Keras weights and a short fit, thread settings, a figure with the runner's style.
PROBE = '''"""Warm or cold.

Prints what a fork could change.

Figure: a line.
"""

import os
import random
import sys

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(3)
order = list({"alpha", "beta", "gamma", "delta"})
model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
x = np.random.default_rng(0).normal(size=(64, 4))
history = model.fit(x, x.sum(axis=1), epochs=3, verbose=0)
loss = float(history.history["loss"][-1])
intra = tf.config.threading.get_intra_op_parallelism_threads()
seeded = [random.random(), float(np.random.rand())]
cwd_is_scratch = "courserun-run-" in os.getcwd()
main_name = __name__
argv = sys.argv[1:]
print(order, f"{loss:.8f}", intra, seeded)
plt.plot([0, 1], [1, 0], label="a")
plt.legend()
plt.show()
'''

# Real listings of different kinds: Keras training, NumPy with a figure, scikit-learn.
REPRESENTATIVE = ["perceptron/03_compare_keras", "perceptron/01_train_perceptron"]


def test_a_probe_cannot_tell_warm_from_cold(tmp_path):
    path = tmp_path / "snippets" / "demo" / "01_tell_start.py"
    path.parent.mkdir(parents=True)
    path.write_text(PROBE)
    snippet = load_snippet(path)
    warm = run_one(snippet, Cache(tmp_path / "warm"), cold=False)
    cold = run_one(snippet, Cache(tmp_path / "cold"), cold=True)
    assert warm.ok, warm.describe_error()
    assert cold.ok, cold.describe_error()
    assert warm.timing["start"] == "warm" and cold.timing["start"] == "cold"
    assert warm.stdout == cold.stdout
    assert warm.values == cold.values
    assert warm.values["main_name"] == "__main__" and warm.values["argv"] == []
    assert warm.values["cwd_is_scratch"]
    assert warm.figure_path(0).read_bytes() == cold.figure_path(0).read_bytes()


def test_representative_listings_are_identical_warm_and_cold():
    chosen = load_snippets(Project(), REPRESENTATIVE)
    report, skipped = determinism.check(chosen, jobs=2, warm_vs_cold=True)
    assert not skipped
    assert report == {sid: [] for sid in REPRESENTATIVE}, report


def test_cold_switch_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "snippets" / "demo" / "01_print_one.py"
    path.parent.mkdir(parents=True)
    path.write_text('"""One.\n\nPrints one.\n"""\nprint(1)\n')
    snippet = load_snippet(path)
    monkeypatch.setenv("COURSERUN_COLD", "1")
    assert run_one(snippet, Cache(tmp_path / "a")).timing["start"] == "cold"
    monkeypatch.delenv("COURSERUN_COLD")
    assert run_one(snippet, Cache(tmp_path / "b")).timing["start"] == "warm"


def test_the_parent_refuses_to_fork_with_threads_and_the_run_falls_back_to_cold(
    tmp_path, monkeypatch, capsys
):
    threaded = tmp_path / "child.py"
    shutil.copyfile(sandbox.CHILD, threaded)
    text = threaded.read_text()
    ready = '    protocol.write(json.dumps({"ready"'
    assert ready in text
    text = text.replace(
        ready,
        "    import threading\n"
        "    threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n" + ready,
    )
    threaded.write_text(text)
    monkeypatch.setattr(sandbox, "CHILD", threaded)
    script = tmp_path / "01_print_one.py"
    script.write_text("print(1)\n")
    (tmp_path / "out").mkdir()
    data = tmp_path / "data"  # its own pool, so the shared warm parents are not touched
    try:
        outcome = sandbox.run_script(
            script, tmp_path / "out", network=False, timeout=60, data_dir=data
        )
    finally:
        sandbox.warm_pool(data).close()
    assert outcome.mode == "cold" and outcome.code == 0
    assert outcome.stdout == b"1\n"
    assert "warm start unavailable (forking is not safe there: 2 threads" in (
        capsys.readouterr().err
    )


@pytest.mark.parametrize("cold", [False, True], ids=["warm", "cold"])
def test_both_starts_keep_the_sandbox(tmp_path, cold):
    path = tmp_path / "snippets" / "demo" / "01_read_env.py"
    path.parent.mkdir(parents=True)
    path.write_text(
        '"""Env.\n\nReads it.\n"""\nimport os\nnames = sorted(os.environ)\n'
        "import urllib.request\nurllib.request.urlopen('http://example.com')\n"
    )
    result = run_one(load_snippet(path), Cache(tmp_path / "c"), cold=cold)
    assert result.error["type"] == "NetworkNotDeclaredError"
    assert "PATH" in result.values["names"]
    assert not [n for n in result.values["names"] if n.startswith("COURSERUN_CHILD")]
    assert "COURSERUN_CACHE" not in result.values["names"]
