"""Claims of docs/overfitting.md, checked against its snippets (five seeds each).

Every listing that compares over seeds names them in one line `seeds = [...]`; these tests index
the per-seed values by position, so they hold for any five seeds (`check-claims`).
"""

import math

import numpy as np
import pytest

CHAPTER = "overfitting"
PAGE = "docs/overfitting.md"
BASELINE = f"{CHAPTER}/02_watch_gap"
REMEDIES = ["03_add_weight_penalty", "05_train_with_dropout", "07_add_more_data"]


def final(result, name):
    return result(f"{CHAPTER}/{name}").values["final"]


def positions(values):
    return range(len(values))


@pytest.mark.claim(PAGE, "Degree 15 has the higher test error in all five seeds")
def test_under_good_and_over_fitting(result):
    run = result(f"{CHAPTER}/01_compare_fits")
    train, test = run.values["train_mse"], run.values["test_mse"]
    assert len(run.figures) == 1
    for s in positions(train["1"]):  # in every seed
        assert train["1"][s] > train["4"][s] > train["15"][s]
        assert test["4"][s] < test["1"][s] and test["4"][s] < test["15"][s]
        assert train["1"][s] > 0.15  # the straight line under-fits the training data
    ratios = run.values["ratio_15_to_4"]
    assert min(ratios) == run.values["min_ratio"] > 1
    means = run.values["mean_test_mse"]
    assert means["15"] > 3 * means["4"]  # "far above"
    # "the standard deviation is of the same order as the mean"
    assert 0.5 * means["15"] < run.values["sd_test_mse"]["15"] < 2 * means["15"]


@pytest.mark.claim(PAGE, "In every seed the validation loss is lowest early")
def test_validation_gap_opens(result):
    values = result(BASELINE).values
    runs = values["final"]
    assert len(result(BASELINE).figures) == 1
    for s in positions(runs["val_loss"]):
        assert runs["train_loss"][s] < 0.15
        assert values["best_step"][s] <= 75  # the minimum comes within the first 75 steps
        assert runs["gap"][s] == pytest.approx(runs["val_loss"][s] - runs["train_loss"][s])
        assert runs["gap"][s] > 0.3


@pytest.mark.claim(PAGE, "in every seed the two differ by a few points at most")
def test_accuracy_moves_a_few_points_while_the_loss_grows(result):
    values = result(BASELINE).values
    runs = values["final"]
    for s in positions(runs["val_loss"]):
        # "about two to six times its minimum" (1.9 to 5.2 on the seed sets checked)
        assert 1.5 < runs["val_loss"][s] / values["min_val_loss"][s] < 8
        change = runs["val_accuracy"][s] - values["val_accuracy_at_best"][s]
        assert abs(change) <= 0.07  # "a few points at most", either way
    assert values["mean"]["train_accuracy"] - values["mean"]["val_accuracy"] > 0.05


@pytest.mark.parametrize("remedy", REMEDIES)
@pytest.mark.claim(PAGE, "smaller in each of the five seeds")
def test_each_remedy_shrinks_the_gap_in_every_seed(result, remedy):
    baseline = final(result, "02_watch_gap")
    run = result(f"{CHAPTER}/{remedy}")
    assert len(run.figures) == 1
    runs = run.values["final"]
    for s in positions(runs["gap"]):
        assert runs["gap"][s] < baseline["gap"][s]
        assert runs["val_loss"][s] < baseline["val_loss"][s]
    assert run.values["mean"]["gap"] < 0.5 * result(BASELINE).values["mean"]["gap"]


@pytest.mark.parametrize("remedy", REMEDIES[:2])
@pytest.mark.claim(PAGE, "The validation accuracy moves much less")
def test_validation_accuracy_changes_little(result, remedy):
    baseline = result(BASELINE).values["mean"]["val_accuracy"]
    mean = result(f"{CHAPTER}/{remedy}").values["mean"]["val_accuracy"]
    assert -0.01 <= mean - baseline < 0.05  # a few points at most, never a big change


@pytest.mark.claim(PAGE, "with the penalty or with dropout in each of the")
def test_more_data_closes_the_gap_almost_entirely(result):
    values = result(f"{CHAPTER}/07_add_more_data").values
    baseline = result(BASELINE).values["mean"]["gap"]
    assert values["mean"]["gap"] < 0.15 * baseline  # 0.02 to 0.07 against 0.8 to 1.0
    own = values["final"]["val_loss"]
    for other in ["03_add_weight_penalty", "05_train_with_dropout"]:
        theirs = final(result, other)["val_loss"]
        assert all(own[s] < theirs[s] for s in positions(own))  # paired: the same points


@pytest.mark.claim(PAGE, "against early stopping the sign count is")
def test_more_data_against_early_stopping_is_paired(result):
    own = final(result, "07_add_more_data")
    stopped = final(result, "06_stop_early")
    lower = sum(own["val_loss"][s] < stopped["val_loss"][s] for s in positions(own["val_loss"]))
    assert lower >= 3  # at least three of five seeds, on the same validation points


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


@pytest.mark.claim(PAGE, "In every seed training stops 3 epochs after the best one")
def test_early_stopping_restores_the_best_epoch(result):
    values = result(f"{CHAPTER}/06_stop_early").values
    runs, baseline = values["final"], result(BASELINE).values
    assert len(result(f"{CHAPTER}/06_stop_early").figures) == 1
    for s in positions(runs["val_loss"]):
        assert values["epochs_run"][s] == values["best_epoch"][s] + 3 < 10  # patience 3
        assert runs["val_loss"][s] == pytest.approx(runs["best_val_loss"][s], abs=1e-5)
        assert runs["val_loss"][s] < baseline["final"]["val_loss"][s] / 1.5
        assert runs["gap"][s] < baseline["final"]["gap"][s]
    # same seeds, same first steps: the same best point as the over-fitting run
    same = [
        values["best_epoch"][s] * 15 == baseline["best_step"][s]
        for s in positions(runs["val_loss"])
    ]
    assert sum(same) >= 4


@pytest.mark.claim(PAGE, "L1 leaves more weights near zero than L2 in every seed")
def test_l1_leaves_more_weights_near_zero_than_l2(result):
    run = result(f"{CHAPTER}/11_compare_l1_l2")
    values = run.values
    assert len(run.figures) == 1
    near, off = values["near_zero"], values["units_off"]
    for s in positions(near["L1"]):
        assert near["L1"][s] > near["L2"][s] + 0.2
        assert off["L1"][s] > off["L2"][s]
    assert values["mean_near_zero"]["L1"] > 0.9
    assert 0.3 < values["mean_near_zero"]["L2"] < 0.7  # "about half"
    assert values["initial_near_zero"] < 0.1


@pytest.mark.claim(PAGE, "In every seed it is lowest with 1000 points")
def test_learning_curve(result):
    run = result(f"{CHAPTER}/10_grow_training_set")
    values = run.values
    assert len(run.figures) == 1
    val, logistic = np.array(values["curves"]["val"]), np.array(values["curves"]["logistic"])
    gap = np.array(values["gap"])
    assert np.all(np.diff(values["mean"]["val"]) < 0)  # "on average ... falls"
    assert np.all(np.diff(values["mean"]["gap"]) < 0)  # "the gap closes"
    assert np.all(val.argmin(axis=1) == val.shape[1] - 1)  # lowest with 1000, every seed
    assert np.all(gap[:, -1] < gap[:, 0])  # the gap closes
    assert np.all(val[:, 0] > logistic[:, 0])  # 30 points: the straight line is better
    assert np.all(val[:, -1] < logistic[:, -1])  # 1000 points: the network is better


@pytest.mark.claim(PAGE, "falls with every added degree, in every seed")
def test_exercise_test_error_is_flat_then_jumps(result):
    values = result(f"{CHAPTER}/08_sweep_degree").values
    for s in positions(values["best_degree"]):
        train = values["train_errors"][s]
        assert all(a >= b - 1e-12 for a, b in zip(train, train[1:], strict=False))
        assert 3 <= values["best_degree"][s] <= 6
        assert values["plateau_ratio"][s] <= values["max_plateau_ratio"] < 2.5  # "a small factor"
        assert values["end_ratio"][s] > 1.2 * values["plateau_ratio"][s]  # 13 to 15 jump
        assert values["test_errors"][s][0] > 4 * values["best_test_error"][s]


@pytest.mark.claim(PAGE, "they carry more than half of")
def test_exercise_high_degree_error_sits_in_the_end_gaps(result):
    values = result(f"{CHAPTER}/08_sweep_degree").values
    assert values["end_gap_fraction"] < 0.2  # two gaps of 19, about a tenth of the points
    assert values["mostly_end_gap"] == sum(share > 0.5 for share in values["end_gap_share"])
    assert values["mostly_end_gap"] >= 3  # "in most seeds"


@pytest.mark.claim(PAGE, "The penalty wins, in every seed")
def test_exercise_strong_penalty_under_fits(result):
    runs = final(result, "09_penalize_too_much")
    for s in positions(runs["gap"]):
        assert runs["train_loss"][s] == pytest.approx(math.log(2), abs=0.03)
        assert runs["val_loss"][s] == pytest.approx(math.log(2), abs=0.03)
        assert abs(runs["gap"][s]) < 0.05
        assert 0.35 <= runs["val_accuracy"][s] <= 0.65


@pytest.mark.claim(PAGE, "the cubic model's validation loss falls at each step of")
def test_exercise_learning_curves_of_the_baselines(result):
    values = result(f"{CHAPTER}/12_curve_logistic_features").values
    linear = np.array(values["val_loss"]["linear"])
    cubic = np.array(values["val_loss"]["cubic"])
    assert np.all(np.diff(cubic, axis=1) < 0)
    assert np.all(cubic[:, 2:] < linear[:, 2:])  # at 300 and 1000 points, in every seed
    assert np.all(np.abs(linear[:, 3] - linear[:, 2]) < 0.03)  # the straight line levels off


def test_exercise_lasso_sets_coefficients_to_zero(result):
    values = result(f"{CHAPTER}/13_count_lasso_zeros").values
    assert values["ridge_zeros"] == [0] * len(values["ridge_zeros"])
    lasso = values["lasso_zeros"]
    assert lasso[0] == 0 and lasso[-1] == 10
    assert all(a <= b for a, b in zip(lasso, lasso[1:], strict=False))
