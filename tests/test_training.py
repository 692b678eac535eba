"""Claims of docs/training.md, checked against its snippets."""

import numpy as np
import pytest
import tensorflow as tf

CHAPTER = "training"
SEEDS = range(5)


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


def test_small_batches_get_further_per_epoch_in_every_seed(result):
    run = result(f"{CHAPTER}/03_compare_batch_sizes")
    final, rises = run.values["final_loss"], run.values["rises"]
    assert set(final) == {"full_batch", "mini_batch", "stochastic"}
    for s in SEEDS:
        assert final["mini_batch"][s] < final["full_batch"][s]
        assert final["stochastic"][s] < final["full_batch"][s]
        # all three learn: from the initial loss of about 4 to well below the variance of sin x
        assert all(0.01 < final[name][s] < 0.1 for name in final)
        # per update the mini-batches follow the full batch's curve, within about 10 %
        assert run.values["same_curve_error"][s] < np.log(1.12)
        # the full batch descends at every epoch; single examples go up about half the time
        assert rises["full_batch"][s] == 0
        assert rises["stochastic"][s] > rises["mini_batch"][s] > 0.1
    assert np.mean(rises["stochastic"]) > 0.4
    assert len(run.figures) == 1


def test_keras_fit_with_sgd_is_the_numpy_loop(result):
    values = result(f"{CHAPTER}/04_train_keras").values
    assert set(values["weight_difference"]) == {"200", "20"}
    assert values["max_weight_difference"] < 1e-6
    assert max(values["final_loss"].values()) < 0.1  # both learn


def test_learning_rates_crawl_converge_and_diverge_in_every_seed(result):
    run = result(f"{CHAPTER}/05_compare_learning_rates")
    rates, final, steps = (run.values[k] for k in ["learning_rates", "final_loss", "steps_taken"])
    assert rates["small"] < rates["good"] < rates["large"]
    for s in SEEDS:
        assert final["good"][s] < final["small"][s] < 0.1  # both converge, the small one slower
        assert final["small"][s] > 1.5 * final["good"][s]
        assert steps["small"][s] == steps["good"][s] == 300
        assert final["large"][s] > 1000 and steps["large"][s] < 20  # diverged, stopped early
    assert len(run.figures) == 1


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


def test_exercise_momentum_matches_keras_and_helps_in_every_seed(result):
    values = result(f"{CHAPTER}/07_add_momentum").values
    assert values["momentum_weight_difference"] < 1e-5
    final = values["final_loss"]
    # plain gradient descent for 100 full-batch steps is the full-batch run of snippet 03
    batches = result(f"{CHAPTER}/03_compare_batch_sizes").values["final_loss"]
    for s in SEEDS:
        assert final["momentum"][s] < final["plain"][s]
        assert final["plain"][s] == pytest.approx(batches["full_batch"][s], rel=1e-9)


def test_keras_3_ignores_decay(result):
    values = result(f"{CHAPTER}/08_ignore_decay").values
    assert "decay" in values["warning_message"] and "ignored" in values["warning_message"]
    assert values["decay_ignored"] is True
    np.testing.assert_allclose(values["ignored_sizes"], 0.1, atol=1e-6)  # never decays
    assert values["schedule_matches_keras2"] is True
    expected = [0.1 / (1 + 0.5 * t) for t in range(10)]  # Keras 2's lr / (1 + decay t)
    np.testing.assert_allclose(values["scheduled_sizes"], expected, atol=1e-6)
