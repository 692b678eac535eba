"""Claims of docs/training.md, checked against its snippets."""

import numpy as np
import pytest
import tensorflow as tf

CHAPTER = "training"
PAGE = "docs/training.md"


def test_backpropagation_matches_finite_differences(result):
    run = result(f"{CHAPTER}/01_backpropagate_numpy")
    assert set(run.values["relative_errors"]) == {"W1", "b1", "W2", "b2"}
    assert run.values["finite_difference_error"] < 1e-6
    assert "relative error" in run.stdout


def test_backpropagate_equals_gradient_tape_on_other_weights(namespace):
    """Independently of the snippets: the NumPy function against a tape written here."""
    ns = namespace(f"{CHAPTER}/01_backpropagate_numpy")
    rng = np.random.default_rng(123)
    parameters = ns["init_parameters"](rng, hidden=5)
    parameters["b1"] = rng.normal(size=5)
    parameters["b2"] = rng.normal(size=1)
    x, y = rng.normal(size=(30, 1)), rng.normal(size=(30, 1))
    gradients = ns["backpropagate"](parameters, x, y)

    variables = {name: tf.Variable(value) for name, value in parameters.items()}
    with tf.GradientTape() as tape:
        h = tf.tanh(x @ variables["W1"] + variables["b1"])
        loss = tf.reduce_mean((h @ variables["W2"] + variables["b2"] - y) ** 2)
    expected = tape.gradient(loss, variables)
    for name, value in gradients.items():
        np.testing.assert_allclose(value, expected[name].numpy(), rtol=1e-10, atol=1e-12)
    assert ns["loss"](parameters, x, y) == pytest.approx(float(loss.numpy()), rel=1e-12)


def test_numpy_gradient_equals_keras_gradient_tape_in_float64(result):
    values = result(f"{CHAPTER}/02_compare_gradient_tape").values
    assert set(values["relative_errors"]) == {"W1", "b1", "W2", "b2"}
    assert values["max_relative_error"] < 1e-6


@pytest.mark.claim(PAGE, "Per epoch the small batches win, in every seed")
def test_small_batches_get_further_per_epoch_in_every_seed(result):
    run = result(f"{CHAPTER}/03_compare_batch_sizes")
    final = {name: np.array(v) for name, v in run.values["final_loss"].items()}
    assert set(final) == {"full_batch", "mini_batch", "stochastic"}
    assert np.all(final["mini_batch"] < final["full_batch"])
    assert np.all(final["stochastic"] < final["full_batch"])
    # all three learn: from the initial loss of about 4 to well below the variance of sin x
    assert all(np.all((0.01 < v) & (v < 0.1)) for v in final.values())
    assert len(run.figures) == 1


@pytest.mark.claim(PAGE, "by less than 25 % at every one of those points in every seed")
def test_per_update_mini_batches_follow_the_full_batch(result):
    values = result(f"{CHAPTER}/03_compare_batch_sizes").values
    assert len(values["same_curve_gap"]) == len(values["final_loss"]["full_batch"])
    assert max(values["same_curve_worst"]) < 0.25
    assert values["mean_same_curve_gap"] < 0.05  # "differ by a few per cent on average"


@pytest.mark.claim(PAGE, "the full batch never), jumping up and down around its trend")
def test_single_examples_make_the_loss_jump(result):
    rises = {name: np.array(v) for name, v in result(f"{CHAPTER}/03_compare_batch_sizes")
             .values["rises"].items()}  # fmt: skip
    # the full batch descends at every epoch; single examples go up about half the time
    assert np.all(rises["full_batch"] == 0)
    assert np.all(rises["stochastic"] > rises["mini_batch"])
    assert np.all(rises["mini_batch"] > 0.1)
    assert np.mean(rises["stochastic"]) > 0.4


@pytest.mark.claim(PAGE, "the two trainings are the same computation")
def test_gradient_tape_loop_is_what_fit_does(result):
    values = result(f"{CHAPTER}/09_write_training_loop").values
    assert values["loop_loss"] == pytest.approx(values["fit_loss"], abs=1e-7)
    assert values["loop_loss"] < 0.1  # it learns: the initial loss is about 4
    assert values["weight_difference"] < 1e-6  # float32 data in fit, float64 in the loop
    assert values["rounded_weight_difference"] == 0.0  # "the weights are identical"
    assert values["history_difference"] < 1e-6  # fit's float32 average of the batch losses


def test_keras_fit_with_sgd_is_the_numpy_loop(result):
    values = result(f"{CHAPTER}/04_train_keras").values
    assert set(values["weight_difference"]) == {"200", "20"}
    assert values["max_weight_difference"] < 1e-6
    assert max(values["final_loss"].values()) < 0.1  # both learn


@pytest.mark.claim(PAGE, "The three behaviours are the same in every seed")
def test_learning_rates_crawl_converge_and_diverge_in_every_seed(result):
    run = result(f"{CHAPTER}/05_compare_learning_rates")
    rates, final, steps, descends = (
        run.values[k] for k in ["learning_rates", "final_loss", "steps_taken", "descends"]
    )
    assert rates["small"] < rates["good"] < rates["large"]
    assert 3 < rates["large"] / rates["good"] < 5  # "about four times larger"
    final = {name: np.array(v) for name, v in final.items()}
    initial = 0.1  # every seed starts above this (about 0.11 to 4)
    assert np.all(final["good"] < final["small"])  # both learn, the small one slower
    assert np.all(final["small"] < initial * 1.5)
    assert all(descends["small"]) and all(descends["good"])  # "at every step"
    assert set(steps["small"]) == set(steps["good"]) == {300}
    assert np.all(final["large"] > 1000) and max(steps["large"]) < 20  # stopped early
    assert run.values["max_steps_large"] == max(steps["large"])
    assert len(run.figures) == 1


@pytest.mark.claim(PAGE, "stays below it with a margin")
def test_learning_rates_sit_either_side_of_two_over_lambda_max(result):
    values = result(f"{CHAPTER}/05_compare_learning_rates").values
    rates, critical = values["learning_rates"], np.array(values["critical_learning_rate"])
    assert critical.shape == (len(values["final_loss"]["good"]), 2)  # start, end per seed
    assert values["min_critical"] == pytest.approx(critical.min())
    assert values["max_critical"] == pytest.approx(critical.max())
    assert rates["good"] < 0.8 * critical.min()  # below the limit, with a margin
    assert rates["large"] > critical.max()  # above it


@pytest.mark.claim(PAGE, "column by column from finite differences of `backpropagate`")
def test_largest_curvature_is_the_hessians(namespace):
    """Independently: the finite-difference Hessian against TensorFlow's, on small weights."""
    ns = namespace(f"{CHAPTER}/05_compare_learning_rates")
    p = ns["initial_weights"](7)
    names = list(p)
    variables = [tf.Variable(p[name]) for name in names]
    x, y = ns["x"], ns["y"]
    with tf.GradientTape(persistent=True) as outer:
        with tf.GradientTape() as inner:
            w1, b1, w2, b2 = variables
            loss = tf.reduce_mean((tf.tanh(x @ w1 + b1) @ w2 + b2 - y) ** 2)
        gradient = tf.concat([tf.reshape(g, [-1]) for g in inner.gradient(loss, variables)], 0)
    rows = outer.jacobian(gradient, variables)
    hessian = tf.concat([tf.reshape(r, [gradient.shape[0], -1]) for r in rows], 1).numpy()
    expected = np.linalg.eigvalsh(hessian).max()
    assert ns["largest_curvature"](p) == pytest.approx(expected, rel=1e-5)


def test_exercise_critical_learning_rate(result):
    values = result(f"{CHAPTER}/06_find_critical_learning_rate").values
    assert values["initial_loss"] == pytest.approx(1.0)
    assert values["loss_below"] < 0.6  # converged close to the least-squares fit
    assert values["loss_above"] > 1e6  # diverged
    # independently: 2 / λ_max of the Hessian 2 XᵀX / n of the standardised data
    from sklearn.datasets import load_diabetes

    features, _ = load_diabetes(return_X_y=True)
    x = (features - features.mean(0)) / features.std(0)
    x = np.column_stack([np.ones(len(x)), x])
    expected = 2.0 / np.linalg.eigvalsh(2.0 * x.T @ x / len(x)).max()
    assert values["critical_learning_rate"] == pytest.approx(expected, rel=1e-9)


@pytest.mark.claim(PAGE, "and it is lower in every seed")
def test_exercise_momentum_helps_in_every_seed(result):
    final = result(f"{CHAPTER}/07_add_momentum").values["final_loss"]
    assert np.all(np.array(final["momentum"]) < np.array(final["plain"]))
    # plain gradient descent for 100 full-batch steps is the full-batch run of snippet 03
    batches = result(f"{CHAPTER}/03_compare_batch_sizes").values["final_loss"]
    np.testing.assert_allclose(final["plain"], batches["full_batch"], rtol=1e-9)


@pytest.mark.claim(PAGE, "Keras's momentum is 0.8999999761581421")
def test_exercise_momentum_keras_rounds_momentum_to_float32(result):
    values = result(f"{CHAPTER}/07_add_momentum").values
    assert 1e-10 < values["momentum_weight_difference"] < 1e-5  # float32 precision
    assert values["rounded_weight_difference"] < 1e-12  # float64 rounding
    assert values["keras_momentum"] == 0.8999999761581421
    # the cause, independently: the cast SGD.update_step applies to its momentum
    assert float(tf.cast(0.9, tf.float64).numpy()) == values["keras_momentum"]


@pytest.mark.claim(PAGE, "times fewer in every seed")
def test_standardising_conditions_the_loss_in_every_seed(result):
    values = result(f"{CHAPTER}/10_standardise_inputs").values
    condition = {name: np.array(v) for name, v in values["condition"].items()}
    steps = {name: np.array(v) for name, v in values["steps"].items()}
    assert np.all(condition["raw"] > 1e4)  # "about 1e5"
    assert np.all(condition["standardised"] < 2)  # "close to 1"
    assert np.all(steps["raw"] >= 1000) and np.all(steps["raw"] < 100_000)  # thousands
    assert np.all(steps["standardised"] <= 5)  # "a few steps"
    assert values["min_speedup"] > 100
    assert values["min_speedup"] == pytest.approx(min(steps["raw"] / steps["standardised"]))


@pytest.mark.claim(PAGE, "and a few steps do")
def test_standardised_regression_is_well_conditioned(namespace):
    """Independently: the condition number of XᵀX, and convergence in a few steps."""
    ns = namespace(f"{CHAPTER}/10_standardise_inputs")
    features, y = ns["make_data"](3)
    standardised = (features - features.mean(0)) / features.std(0)
    n_steps, kappa = ns["steps_to_converge"](standardised, y)
    design = np.column_stack([np.ones(len(y)), standardised])
    assert kappa == pytest.approx(np.linalg.cond(design.T @ design), rel=1e-6)
    assert 1 <= n_steps < 100


@pytest.mark.claim(PAGE, "and centring more than scaling, in every seed")
def test_exercise_centre_or_scale(result):
    values = result(f"{CHAPTER}/11_centre_or_scale").values
    condition = {name: np.array(v) for name, v in values["condition"].items()}
    steps = {name: np.array(v) for name, v in values["steps"].items()}
    assert np.all(condition["standardised"] < condition["centred"])
    assert np.all(condition["centred"] < condition["scaled"])
    assert np.all(condition["scaled"] < condition["raw"])
    assert np.all(condition["standardised"] < 2)  # "close to 1"
    # "centred only still needs about a thousand steps, scaled only far fewer"
    assert np.all(steps["scaled"] < steps["centred"]) and np.all(steps["centred"] > 500)


def test_keras_3_ignores_decay(result):
    values = result(f"{CHAPTER}/08_ignore_decay").values
    assert "decay" in values["warning_message"] and "ignored" in values["warning_message"]
    assert values["decay_ignored"] is True
    np.testing.assert_allclose(values["ignored_sizes"], 0.1, atol=1e-6)  # never decays
    assert values["schedule_matches_keras2"] is True
    expected = [0.1 / (1 + 0.5 * t) for t in range(10)]  # Keras 2's lr / (1 + decay t)
    np.testing.assert_allclose(values["scheduled_sizes"], expected, atol=1e-6)
