"""Claims of docs/environments.md, checked against its snippets and environment.yml."""

from __future__ import annotations

import platform
import re
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

CHAPTER = "environments"
ROOT = Path(__file__).resolve().parent.parent
# requirements.txt lists the direct dependencies first, then this comment and the frozen rest.
FROZEN_SECTION = "# Everything the packages above pull in"


def pins(lines: list[str]) -> dict[tuple[str, str], str]:
    """(canonical name, environment marker) -> exact version, from requirement lines.

    An editable install (`-e .`) is kept as ('-e', '.') so that both files must name it."""
    found = {}
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("-e "):
            found[("-e", line[3:].strip())] = ""
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier  # exactly one specifier: a pin
        assert specifier.operator == "==", f"{line}: not pinned with =="
        key = (canonicalize_name(requirement.name), str(requirement.marker or ""))
        assert key not in found, f"{line}: listed twice"
        found[key] = specifier.version
    return found


def requirements_direct_lines() -> list[str]:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith(FROZEN_SECTION)]
    assert starts, f"requirements.txt no longer has the line '{FROZEN_SECTION}...'"
    return lines[: starts[0]]


def conda_environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def conda_pip_lines(environment: dict) -> list[str]:
    sections = [d["pip"] for d in environment["dependencies"] if isinstance(d, dict)]
    assert len(sections) == 1, "environment.yml needs exactly one pip: section"
    return sections[0]


def test_environment_yml_pins_the_same_direct_dependencies_as_requirements():
    expected = pins(requirements_direct_lines())
    assert ("tensorflow-cpu", 'sys_platform == "linux"') in expected
    assert expected[("keras", "")] == keras.__version__
    assert pins(conda_pip_lines(conda_environment())) == expected


def test_environment_yml_takes_python_and_pip_from_conda():
    environment = conda_environment()
    conda_packages = [d for d in environment["dependencies"] if isinstance(d, str)]
    assert "python=3.11" in conda_packages and "pip" in conda_packages
    assert platform.python_version().startswith("3.11.")
    assert "Python 3.11" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_page_shows_environment_yml_as_it_is():
    page = (ROOT / "docs" / "environments.md").read_text(encoding="utf-8")
    shown = re.search(r'```yaml title="environment.yml"\n(.*?)```', page, re.DOTALL)
    assert shown, 'docs/environments.md has no ```yaml title="environment.yml" block'
    assert shown[1] == (ROOT / "environment.yml").read_text(encoding="utf-8")


def test_drift_between_the_files_is_caught():
    """The comparison above can fail: a changed pin or a missing package changes pins()."""
    lines = conda_pip_lines(conda_environment())
    changed = [line.replace("keras==", "keras==0.") for line in lines]
    assert pins(changed) != pins(requirements_direct_lines())
    assert pins(lines[1:]) != pins(requirements_direct_lines())
    with pytest.raises(AssertionError, match="not pinned"):
        pins(["numpy>=2"])


def test_report_matches_what_the_runner_recorded(result):
    run = result(f"{CHAPTER}/01_report_environment")
    values, recorded = run.values, run.provenance
    assert values["python_version"] == recorded["versions"]["python"]
    assert values["tensorflow_version"] == recorded["versions"]["tensorflow"] == "2.21.0"
    assert values["keras_version"] == recorded["versions"]["keras"]
    assert values["numpy_version"] == recorded["versions"]["numpy"]
    assert values["backend"] == recorded["keras_backend"] == "tensorflow"
    assert recorded["device"].startswith(values["device"])
    assert isinstance(values["built_with_cuda"], bool)
    assert values["gpu_count"] == sum("GPU" in name for name in values["devices"])
    assert values["device"] == ("GPU" if values["gpu_count"] else "CPU")
    assert any("CPU" in name for name in values["devices"])
    # The test process sees the same devices as the runner's subprocess.
    assert values["gpu_count"] == len(tf.config.list_physical_devices("GPU"))
    assert f"Training runs on the {values['device']}." in run.stdout


@pytest.fixture
def restore_determinism():
    """Snippet 02 turns on op determinism in this process; turn it off again afterwards."""
    from tensorflow.python.framework import config as tf_config

    was_enabled = tf_config.is_op_determinism_enabled()
    yield
    if not was_enabled:
        tf_config.disable_op_determinism()


def test_two_seeded_runs_give_identical_weights(result, namespace, restore_determinism):
    run = result(f"{CHAPTER}/02_train_reproducibly")
    assert run.values["max_weight_difference"] == 0.0
    assert run.values["unseeded_weight_difference"] > 0.05
    assert len(run.figures) == 1
    assert run.values["first_loss"][-1] < run.values["first_loss"][0]
    # Independently: the snippet again, in this process, then one more seeded run here.
    snippet = namespace(f"{CHAPTER}/02_train_reproducibly")
    weights, _ = snippet["train_once"](seed=42)
    recorded = run.values["first_weights"]
    assert len(weights) == len(recorded) == 4
    for mine, theirs, again in zip(weights, recorded, snippet["first_weights"], strict=True):
        np.testing.assert_array_equal(mine, again)
        np.testing.assert_allclose(mine, np.asarray(theirs), rtol=0, atol=1e-6)
    different, _ = snippet["train_once"](seed=43)
    assert max(np.max(np.abs(a - b)) for a, b in zip(weights, different, strict=True)) > 0.05


@pytest.mark.claim("docs/environments.md", "do not beat it: averaged over the seeds")
def test_scikit_learn_baselines_and_keras_agree(result):
    run = result(f"{CHAPTER}/03_compare_sklearn_keras")
    values = run.values
    per_seed = values["per_seed"]
    assert set(per_seed) == {"logistic_regression", "mlp_classifier", "keras"}
    assert len(values["seeds"]) == 5
    assert all(len(runs) == 5 for runs in per_seed.values())
    assert (values["n_samples"], values["n_features"]) == (569, 30)
    assert values["test_size"] == 188  # a third of 569 samples
    assert values["parameters"] == {
        "logistic_regression": 30 + 1,
        "mlp_classifier": 30 * 16 + 16 + 16 + 1,
        "keras": 30 * 16 + 16 + 16 + 1,
    }
    # The table's mean ± sd are those of the per-seed accuracies.
    for name, runs in per_seed.items():
        assert values["accuracies"][name] == pytest.approx(np.mean(runs))
        assert values["spread"][name] == pytest.approx(np.std(runs, ddof=1))
        assert min(runs) >= 0.93
    pooled = np.sqrt(np.mean([np.var(runs, ddof=1) for runs in per_seed.values()]))
    assert values["pooled_sd"] == pytest.approx(pooled)
    means = values["accuracies"].values()
    assert values["accuracy_range"] == pytest.approx(max(means) - min(means))
    assert values["samples_apart"] == round(values["accuracy_range"] * values["test_size"])
    # "The networks do not beat it": neither network's mean gain over the logistic
    # regression reaches twice the pooled seed-to-seed standard deviation.
    linear = np.array(per_seed["logistic_regression"])
    for name in ["mlp_classifier", "keras"]:
        gain = np.mean(np.array(per_seed[name]) - linear)
        assert values["gain"][name] == pytest.approx(gain)
        assert gain < 2 * pooled
    assert values["accuracy_range"] < 2 * pooled
    for name, accuracy in values["accuracies"].items():
        assert f"{name:<22}" in run.stdout and f"{accuracy:.3f}" in run.stdout


def test_exercise_default_device_and_cpu_products(result):
    values = result(f"{CHAPTER}/04_place_on_device").values
    on_gpu = bool(tf.config.list_physical_devices("GPU"))
    assert values["default_device"].startswith("GPU" if on_gpu else "CPU")
    assert values["relative_error"]["cpu"] < 1e-5
    if on_gpu:  # TensorFloat-32 matrix products on recent NVIDIA GPUs: a few 1e-4
        assert values["relative_error"]["default"] < 2e-3
    else:
        assert values["device_difference"] == 0.0


def test_exercise_reloaded_model_predicts_the_same(result):
    values = result(f"{CHAPTER}/05_save_and_reload").values
    assert values["reload_difference"] < 1e-6
    assert values["same_classes"] is True
    assert 1 < values["file_kilobytes"] < 1000


@pytest.mark.claim(
    "docs/environments.md", "That is a tie: on this data the two models cannot be told apart"
)
def test_exercise_cross_validation_gap_is_a_tie(result):
    from scipy import stats

    run = result(f"{CHAPTER}/06_cross_validate_baselines")
    values = run.values
    scores = {name: np.array(s) for name, s in values["scores"].items()}
    assert {name: s.shape for name, s in scores.items()} == {
        "logistic_regression": (5, 5),  # (seed, fold)
        "mlp_classifier": (5, 5),
    }
    for name, s in scores.items():
        assert values["mean_accuracy"][name] == pytest.approx(s.mean())
        assert values["spread"][name] == pytest.approx(s.std(axis=1, ddof=1).mean())
        assert values["mean_accuracy"][name] >= 0.95
    differences = (scores["logistic_regression"] - scores["mlp_classifier"]).ravel()
    assert values["gap"] == pytest.approx(differences.mean())
    # Independently: the Nadeau-Bengio corrected resampled t statistic (test/train = 1/4).
    n = differences.size
    t = differences.mean() / np.sqrt((1 / n + 1 / 4) * differences.var(ddof=1))
    assert values["t_corrected"] == pytest.approx(t)
    assert values["p_corrected"] == pytest.approx(2 * stats.t.sf(abs(t), n - 1))
    # "That is a tie": the corrected test finds no difference at the 5 % level, and the
    # plain t-test that ignores the overlap is always the more confident of the two.
    assert values["p_corrected"] > 0.05
    assert values["p_naive"] < values["p_corrected"]
    # "about the size of the standard deviation across folds"
    assert abs(values["gap"]) < 2 * values["spread"]["logistic_regression"]


@pytest.mark.published_run
def test_exercise_cross_validation_published_p_value(result):
    """The page's p = 0.17 is the published seeds' value (the brief's reviewers got 0.17 too)."""
    values = result(f"{CHAPTER}/06_cross_validate_baselines").values
    assert values["p_corrected"] == pytest.approx(0.17, abs=0.01)
