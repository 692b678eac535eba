"""Claims of docs/overfitting.md, checked against its snippets."""

import math

import numpy as np
import pytest

CHAPTER = "overfitting"
BASELINE = f"{CHAPTER}/02_watch_gap"
REMEDIES = ["03_add_weight_penalty", "05_train_with_dropout", "07_add_more_data"]


def test_under_good_and_over_fitting(result):
    run = result(f"{CHAPTER}/01_compare_fits")
    train, test = run.values["train_mse"], run.values["test_mse"]
    assert len(run.figures) == 1
    # Training error falls with the degree; test error is lowest for the middle degree.
    assert train["1"] > train["4"] > train["15"]
    assert test["4"] < test["1"] and test["4"] < test["15"]
    assert test["15"] > 3 * test["4"]
    assert train["1"] > 0.15  # the straight line under-fits even the training data


def test_validation_gap_opens(result):
    values = result(BASELINE).values
    assert values["train_loss"] < 0.05
    assert values["val_loss"] > 2 * values["min_val_loss"]  # it climbs after its minimum
    assert values["best_epoch"] < 75
    assert values["gap"] == pytest.approx(values["val_loss"] - values["train_loss"])
    assert values["gap"] > 0.8


@pytest.mark.parametrize("remedy", REMEDIES)
def test_each_remedy_shrinks_the_gap(result, remedy):
    baseline = result(BASELINE).values
    run = result(f"{CHAPTER}/{remedy}")
    assert len(run.figures) == 1
    assert run.values["gap"] < 0.6 * baseline["gap"]
    assert run.values["val_loss"] < baseline["val_loss"]


def test_more_data_closes_the_gap_almost_entirely(result):
    values = result(f"{CHAPTER}/07_add_more_data").values
    assert values["gap"] < 0.1
    others = [result(f"{CHAPTER}/{name}").values["val_loss"] for name in REMEDIES[:2]]
    assert values["val_loss"] < min(others)


def test_dropout_zeroes_and_rescales_in_training_only(result, namespace):
    values = result(f"{CHAPTER}/04_inspect_dropout").values
    assert values["kept_values"] == [2.0]  # 1 / (1 - 0.5)
    assert 0.35 < values["zeroed_fraction"] < 0.65
    assert values["large_zeroed_fraction"] == pytest.approx(0.5, abs=0.01)
    assert values["large_mean"] == pytest.approx(1.0, abs=0.02)
    assert values["inference_is_identity"] is True
    # Independently: a rate of 0.2 keeps values scaled by 1.25, and inference is the identity.
    import keras

    layer = keras.layers.Dropout(0.2)
    x = np.arange(1.0, 1001.0, dtype="float32")
    trained = keras.ops.convert_to_numpy(layer(x, training=True))
    kept = trained != 0
    np.testing.assert_allclose(trained[kept], x[kept] * 1.25, rtol=1e-6)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(layer(x, training=False)), x)
    assert namespace(f"{CHAPTER}/04_inspect_dropout")["layer"].rate == 0.5


def test_early_stopping_restores_the_best_epoch(result):
    values = result(f"{CHAPTER}/06_stop_early").values
    assert values["epochs_run"] < 150
    assert values["epochs_run"] == values["best_epoch"] + 20  # patience
    assert values["restored_val_loss"] == pytest.approx(values["best_val_loss"], abs=1e-5)
    baseline = result(BASELINE).values
    assert values["best_epoch"] == baseline["best_epoch"]  # same seed, same first epochs
    assert values["restored_val_loss"] < baseline["val_loss"] / 2


def test_exercise_test_error_is_u_shaped(result):
    values = result(f"{CHAPTER}/08_sweep_degree").values
    train, test = values["train_errors"], values["test_errors"]
    assert all(a >= b - 1e-12 for a, b in zip(train, train[1:], strict=False))
    assert 3 <= values["best_degree"] <= 8
    assert test[0] > 2 * values["best_test_error"] and test[-1] > 2 * values["best_test_error"]


def test_exercise_strong_penalty_under_fits(result):
    values = result(f"{CHAPTER}/09_penalize_too_much").values
    assert values["train_loss"] == pytest.approx(math.log(2), abs=0.02)
    assert values["val_loss"] == pytest.approx(math.log(2), abs=0.02)
    assert values["gap"] < 0.05
    assert 0.35 <= values["val_accuracy"] <= 0.65
