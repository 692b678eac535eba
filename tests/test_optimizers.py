"""Claims of docs/optimizers.md, checked against its snippets."""

import keras
import numpy as np
import pytest

CHAPTER = "optimizers"
NAMES = ["SGD", "momentum", "Adagrad", "Adadelta", "RMSprop", "Adam"]


def test_race_on_rosenbrock(result):
    run = result(f"{CHAPTER}/01_descend_rosenbrock")
    distance = run.values["distance_to_minimum"]
    assert list(distance) == NAMES
    assert len(run.figures) == 1
    # The page: momentum and Adam reach the minimum, plain SGD is still far away.
    assert distance["momentum"] < 1e-3
    assert distance["Adam"] < 0.05
    assert distance["SGD"] > 0.3
    assert distance["Adagrad"] > 0.1 and distance["Adadelta"] > 0.1
    assert max(run.values["final_loss"].values()) < 1.0  # all of them went downhill from 24.2


def test_numpy_rules_reach_the_same_parameters_as_keras(result):
    values = result(f"{CHAPTER}/02_compare_keras").values
    assert list(values["relative_difference"]) == NAMES
    assert values["largest_relative_difference"] < 1e-5
    # Learning rates that are exact binary fractions leave no float32 rounding at all.
    assert values["relative_difference"]["Adagrad"] < 1e-12
    assert values["relative_difference"]["Adadelta"] < 1e-12


def f32(value):
    return float(np.float32(value))


def adam_with_float32_bias_correction(g, s, lr, beta_1=0.9, beta_2=0.999, eps=1e-7):
    """Adam as Keras computes it with TensorFlow: the betas in the powers pass through
    float32 (tf.cast of a Python float makes a float32 constant first)."""
    t = s["t"] = s.get("t", 0) + 1
    s["m"] = beta_1 * s.get("m", 0.0) + (1 - beta_1) * g
    s["v"] = beta_2 * s.get("v", 0.0) + (1 - beta_2) * g**2
    step_size = lr * np.sqrt(1 - f32(beta_2) ** t) / (1 - f32(beta_1) ** t)
    return -step_size * s["m"] / (np.sqrt(s["v"]) + eps)


def test_remaining_difference_is_float32_rounding_of_constants(namespace):
    """Rerun the NumPy rules with the constants rounded as Keras rounds them: the learning
    rate (a float32 variable), momentum's beta and Adam's betas in the bias correction."""
    ns = namespace(f"{CHAPTER}/02_compare_keras")
    for name, (rule, keras_optimizer, learning_rate) in ns["optimizers"].items():
        kwargs = {"lr": f32(learning_rate)}
        if name == "momentum":
            kwargs["beta"] = f32(0.9)
        if name == "Adam":
            rule = adam_with_float32_bias_correction
        p, state = np.array([-1.2, 1.0]), {}
        variable = keras.Variable(p, dtype="float64")
        optimizer = keras_optimizer(learning_rate)
        for _ in range(50):
            p = p + rule(ns["gradient"](p), state, **kwargs)
            g = ns["gradient"](keras.ops.convert_to_numpy(variable))
            optimizer.apply([keras.ops.convert_to_tensor(g)], [variable])
        np.testing.assert_allclose(keras.ops.convert_to_numpy(variable), p, rtol=1e-9, err_msg=name)


def test_numpy_rules_match_keras_on_random_gradients_with_defaults(namespace):
    """Independent check: Keras defaults, random gradients, several weights. The NumPy Adam
    in snippet 02 is checked against this float32-bias-correction variant above."""
    ns = namespace(f"{CHAPTER}/01_descend_rosenbrock")
    cases = {
        "SGD": (ns["sgd"], keras.optimizers.SGD(learning_rate=0.5), 0.5),
        "momentum": (
            lambda g, s, lr: ns["momentum"](g, s, lr, beta=f32(0.9)),
            keras.optimizers.SGD(0.5, momentum=0.9),
            0.5,
        ),
        "Adagrad": (ns["adagrad"], keras.optimizers.Adagrad(0.5), 0.5),
        "Adadelta": (ns["adadelta"], keras.optimizers.Adadelta(), None),
        "RMSprop": (ns["rmsprop"], keras.optimizers.RMSprop(0.5), 0.5),
        "Adam": (adam_with_float32_bias_correction, keras.optimizers.Adam(0.5), 0.5),
    }
    rng = np.random.default_rng(0)
    gradients = rng.normal(size=(10, 5))
    for name, (rule, optimizer, learning_rate) in cases.items():
        if learning_rate is None:  # Keras's Adadelta default is 0.001, not the paper's 1
            learning_rate = float(np.float32(0.001))
        w, state = rng.normal(size=5), {}
        variable = keras.Variable(w, dtype="float64")
        for g in gradients:
            w = w + rule(g, state, lr=learning_rate)
            optimizer.apply([keras.ops.convert_to_tensor(g)], [variable])
        np.testing.assert_allclose(
            # rtol 1e-8: Adagrad's initial accumulator 0.1 is also a float32 constant
            keras.ops.convert_to_numpy(variable),
            w,
            rtol=1e-8,
            atol=1e-12,
            err_msg=name,
        )


def test_adaptive_defaults_train_the_digits_network(result):
    run = result(f"{CHAPTER}/03_train_digits")
    accuracy = run.values["test_accuracy"]
    assert list(accuracy) == NAMES
    assert len(run.figures) == 1
    for name in ["Adam", "RMSprop", "momentum"]:
        assert accuracy[name] >= 0.85, name
    assert accuracy["SGD"] < accuracy["Adam"] - 0.2
    assert accuracy["Adadelta"] < 0.25  # default learning rate 0.001: barely moves
    assert accuracy["Adagrad"] < 0.5
    losses = run.values["losses"]
    assert losses["Adam"][-1] < losses["Adam"][0] / 2
    assert losses["Adadelta"][-1] > 0.95 * losses["Adadelta"][0]


def test_exercise_nesterov_matches_keras(result):
    assert result(f"{CHAPTER}/04_add_nesterov").values["nesterov_relative_difference"] < 1e-5


def test_exercise_stable_learning_rate(result):
    values = result(f"{CHAPTER}/05_find_stable_rate").values
    expected = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]])).max()
    assert values["lambda_max"] == pytest.approx(expected)
    assert values["critical_learning_rate"] == pytest.approx(2 / expected)
    assert values["below_distance"] < 1e-3  # started 0.01 away: converges
    assert values["above_distance"] > 0.01  # ends farther away than it started


def test_exercise_gradient_noise_falls_as_one_over_batch_size(result):
    run = result(f"{CHAPTER}/06_measure_batch_noise")
    noise = run.values["gradient_noise"]
    assert all(a > b for a, b in zip(noise, noise[1:], strict=False))
    # 1/B, times the finite-population factor (N - B)/(N - 1) for N = 442: about 75.
    assert 60 < run.values["noise_ratio_1_to_64"] < 90
    assert len(run.figures) == 1
