"""Claims of docs/overfitting.md, checked against its snippets (five seeds each)."""

import math

import numpy as np
import pytest

CHAPTER = "overfitting"
BASELINE = f"{CHAPTER}/02_watch_gap"
REMEDIES = ["03_add_weight_penalty", "05_train_with_dropout", "07_add_more_data"]
SEEDS = range(5)


def final(result, name):
    return result(f"{CHAPTER}/{name}").values["final"]


def test_under_good_and_over_fitting(result):
    run = result(f"{CHAPTER}/01_compare_fits")
    train, test = run.values["train_mse"], run.values["test_mse"]
    assert len(run.figures) == 1
    for s in SEEDS:  # in every seed
        assert train["1"][s] > train["4"][s] > train["15"][s]
        assert test["4"][s] < test["1"][s] and test["4"][s] < test["15"][s]
        assert train["1"][s] > 0.15  # the straight line under-fits the training data
    # "in four of the five seeds more than three times that of degree 4"
    assert sum(test["15"][s] > 3 * test["4"][s] for s in SEEDS) >= 4
    means = run.values["mean_test_mse"]
    assert means["15"] > 3 * means["4"]
    assert run.values["sd_test_mse"]["15"] > 0.8 * means["15"]  # "as large as the mean"


def test_validation_gap_opens_while_accuracy_stays(result):
    values = result(BASELINE).values
    runs = values["final"]
    assert len(result(BASELINE).figures) == 1
    for s in SEEDS:
        assert runs["train_loss"][s] < 0.1
        assert runs["val_loss"][s] > 2 * values["min_val_loss"][s]  # climbs after its minimum
        assert values["best_step"][s] <= 75  # the minimum comes early
        assert runs["gap"][s] == pytest.approx(runs["val_loss"][s] - runs["train_loss"][s])
        assert runs["gap"][s] > 0.4
        # the accuracy hardly moves while the loss climbs
        assert abs(values["val_accuracy_at_best"][s] - runs["val_accuracy"][s]) < 0.035
    assert values["mean"]["val_loss"] > 3 * values["at_best"]["val_loss"]  # "more than triples"
    assert abs(values["at_best"]["val_accuracy"] - values["mean"]["val_accuracy"]) < 0.01
    assert values["mean"]["train_accuracy"] - values["mean"]["val_accuracy"] > 0.05


@pytest.mark.parametrize("remedy", REMEDIES)
def test_each_remedy_shrinks_the_gap_in_every_seed(result, remedy):
    baseline = final(result, "02_watch_gap")
    run = result(f"{CHAPTER}/{remedy}")
    assert len(run.figures) == 1
    runs = run.values["final"]
    for s in SEEDS:
        assert runs["gap"][s] < baseline["gap"][s]
        assert runs["val_loss"][s] < baseline["val_loss"][s]
    assert run.values["mean"]["gap"] < 0.5 * result(BASELINE).values["mean"]["gap"]


@pytest.mark.parametrize("remedy", REMEDIES)
def test_validation_accuracy_changes_little(result, remedy):
    baseline = result(BASELINE).values["mean"]["val_accuracy"]
    mean = result(f"{CHAPTER}/{remedy}").values["mean"]["val_accuracy"]
    assert 0 <= mean - baseline < 0.03  # a point or two better, never a big change


def test_more_data_closes_the_gap_almost_entirely(result):
    values = result(f"{CHAPTER}/07_add_more_data").values
    assert values["mean"]["gap"] < 0.05
    assert max(values["final"]["gap"]) < 0.1
    others = [final(result, name)["val_loss"] for name in REMEDIES[:2]]
    stopped = final(result, "06_stop_early")["val_loss"]
    own = values["final"]["val_loss"]
    for s in SEEDS:  # below the penalty and dropout in every seed
        assert own[s] < min(other[s] for other in others)
    assert sum(own[s] < stopped[s] for s in SEEDS) >= 4  # below early stopping in four of five
    accuracies = [result(f"{CHAPTER}/{name}").values["mean"]["val_accuracy"] for name in REMEDIES]
    stopped_accuracy = result(f"{CHAPTER}/06_stop_early").values["mean"]["val_accuracy"]
    assert values["mean"]["val_accuracy"] == max(accuracies + [stopped_accuracy])


def test_dropout_zeroes_and_rescales_in_training_only(result, namespace):
    values = result(f"{CHAPTER}/04_inspect_dropout").values
    assert values["kept_values"] == [2.0]  # 1 / (1 - 0.5)
    assert 0.35 < values["zeroed_fraction"] < 0.65
    assert values["large_zeroed_fraction"] == pytest.approx(0.5, abs=0.01)
    assert values["large_mean"] == pytest.approx(1.0, abs=0.03)
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
    runs, baseline = values["final"], result(BASELINE).values
    assert len(result(f"{CHAPTER}/06_stop_early").figures) == 1
    for s in SEEDS:
        assert values["epochs_run"][s] == values["best_epoch"][s] + 3 < 10  # patience 3
        assert runs["val_loss"][s] == pytest.approx(runs["best_val_loss"][s], abs=1e-5)
        assert runs["val_loss"][s] < baseline["final"]["val_loss"][s] / 1.5
        assert runs["gap"][s] < baseline["final"]["gap"][s]
    # same seeds, same first steps: the same best point as the over-fitting run
    same = [values["best_epoch"][s] * 15 == baseline["best_step"][s] for s in SEEDS]
    assert sum(same) >= 4


def test_exercise_test_error_is_flat_then_jumps(result):
    values = result(f"{CHAPTER}/08_sweep_degree").values
    for s in SEEDS:
        train = values["train_errors"][s]
        assert all(a >= b - 1e-12 for a, b in zip(train, train[1:], strict=False))
        assert 3 <= values["best_degree"][s] <= 6
        assert values["plateau_ratio"][s] < 1.6  # degrees 3 to 11 stay near the best (caption)
        assert values["end_ratio"][s] > 2  # degrees 13 to 15 jump
        assert values["test_errors"][s][0] > 4 * values["best_test_error"][s]


def test_exercise_strong_penalty_under_fits(result):
    runs = final(result, "09_penalize_too_much")
    for s in SEEDS:
        assert runs["train_loss"][s] == pytest.approx(math.log(2), abs=0.03)
        assert runs["val_loss"][s] == pytest.approx(math.log(2), abs=0.03)
        assert abs(runs["gap"][s]) < 0.05
        assert 0.35 <= runs["val_accuracy"][s] <= 0.65
