"""Claims of docs/optimizers.md, checked against its snippets."""

import keras
import numpy as np
import pytest

CHAPTER = "optimizers"
NAMES = ["SGD", "momentum", "Adagrad", "Adadelta", "RMSprop", "Adam"]


@pytest.mark.claim("docs/optimizers.md", "The picture holds for momentum")
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
    # From one random start per seed: momentum ends close and plain SGD, Adagrad and
    # Adadelta far from every start; Adam anywhere from close to far.
    others = {name: np.array(d[1:]) for name, d in run.values["distance"].items()}
    assert all(len(d) == len(run.values["seeds"]) >= 5 for d in others.values())
    for name, d in others.items():
        assert run.values["others"][name] == pytest.approx([d.min(), d.max()]), name
    assert others["momentum"].max() < 1e-3
    assert others["SGD"].min() > 0.3
    assert others["Adagrad"].min() > 0.1 and others["Adadelta"].min() > 0.1
    assert others["Adam"].min() < 0.01 and others["Adam"].max() > 0.1


@pytest.mark.claim("docs/optimizers.md", "In the race above it is momentum that helps")
def test_per_weight_scaling_without_momentum_stops_short_of_a_rotated_valley(result):
    values = result(f"{CHAPTER}/01_descend_rosenbrock").values
    # The valley floor at (1, 1): the Hessian's flat eigenvector, 26.6 degrees off the y axis.
    flat = np.linalg.eigh(np.array([[802.0, -400.0], [-400.0, 200.0]]))[1][:, 0]
    assert values["valley_angle"] == pytest.approx(np.degrees(np.arctan2(*np.abs(flat))))
    assert 26 < values["valley_angle"] < 27
    # "RMSprop ... ends at least ... away from every start, where momentum gets within
    # 0.001 and Adam ... gets closer than RMSprop from most starts."
    rmsprop, adam = (np.array(values["distance"][name]) for name in ("RMSprop", "Adam"))
    momentum = np.array(values["distance"]["momentum"])
    assert rmsprop.min() > 0.05 and momentum.max() < 1e-3
    assert np.sum(adam[1:] < rmsprop[1:]) > len(adam[1:]) / 2


def test_numpy_rules_reach_the_same_parameters_as_keras(result):
    values = result(f"{CHAPTER}/02_compare_keras").values
    assert list(values["relative_difference"]) == NAMES
    difference = values["relative_difference"]
    assert values["largest_relative_difference"] == max(difference.values()) < 1e-5
    # Learning rates that are exact binary fractions leave no float32 rounding at all.
    assert difference["Adagrad"] < 1e-12
    assert difference["Adadelta"] < 1e-12
    # The page: SGD and RMSprop (only the learning rate rounded) agree to better than
    # 1e-8; momentum and Adam (a beta rounded too) differ more, but less than 1e-5.
    assert difference["SGD"] < 1e-8 and difference["RMSprop"] < 1e-8
    for name in ("momentum", "Adam"):
        assert 10 * max(difference["SGD"], difference["RMSprop"]) < difference[name] < 1e-5


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


@pytest.mark.claim("docs/optimizers.md", "is ahead of every other optimizer in every seed")
def test_default_rates_on_the_digits_network(result):
    run = result(f"{CHAPTER}/03_train_digits")
    accuracy = {name: np.array(a) for name, a in run.values["test_accuracy"].items()}
    baseline = np.array(run.values["baseline_accuracy"])
    assert list(accuracy) == NAMES
    n = len(run.values["seeds"])
    assert n >= 5 and all(len(a) == n for a in [*accuracy.values(), baseline])
    assert len(run.figures) == 1
    for name, a in accuracy.items():
        assert run.values["mean_accuracy"][name] == pytest.approx(a.mean())
        assert run.values["sd_accuracy"][name] == pytest.approx(a.std(ddof=1))
    # "After 10 epochs at these rates, SGD with momentum ... is ahead of every other
    # optimizer in every seed."
    for name in NAMES:
        if name != "momentum":
            assert np.all(accuracy["momentum"] > accuracy[name]), name
    # "Adam and RMSprop come next, and plain SGD stays far behind them in every seed, while
    # Adagrad and Adadelta stay near chance, 0.1."
    for name in ("Adam", "RMSprop"):
        assert np.all(accuracy[name] > accuracy["SGD"] + 0.2), name
        assert np.all(accuracy[name] > accuracy["Adagrad"]), name
        assert np.all(accuracy[name] > accuracy["Adadelta"]), name
    assert accuracy["Adagrad"].max() < 0.25 and accuracy["Adadelta"].max() < 0.25
    # "On average, none of the networks has caught up with logistic regression within this
    # budget."
    for name, a in accuracy.items():
        assert a.mean() < baseline.mean(), name
    assert run.values["mean_baseline"] == pytest.approx(baseline.mean())
    # The figure: momentum falls fastest, then RMSprop and Adam; plain SGD and Adagrad
    # slowly; Adadelta barely.
    losses = {name: np.array(curves) for name, curves in run.values["losses"].items()}
    final = {name: curves[:, -1] for name, curves in losses.items()}
    for name in NAMES:
        if name != "momentum":
            assert np.all(final["momentum"] < final[name]), name
    for slow in ("SGD", "Adagrad", "Adadelta"):
        for fast in ("Adam", "RMSprop"):
            assert np.all(final[fast] < final[slow]), (fast, slow)
    assert np.all(final["Adadelta"] > 0.95 * losses["Adadelta"][:, 0])


DEFAULT_RATES = {"SGD": 0.01, "momentum": 0.01, "Adagrad": 0.001, "Adadelta": 0.001,
                 "RMSprop": 0.001, "Adam": 0.001}  # fmt: skip


def test_exercise_nesterov_matches_keras(result, namespace):
    values = result(f"{CHAPTER}/04_add_nesterov").values
    assert len(values["relative_differences"]) == 5
    assert values["nesterov_relative_difference"] < 1e-5
    # "again the float32 learning rate": with the rate rounded to float32 the NumPy rule
    # follows Keras to 1e-9 from the same five starts.
    ns = namespace(f"{CHAPTER}/04_add_nesterov")
    for seed in ns["seeds"]:
        start = np.array([-1.2, 1.0]) + np.random.default_rng(seed).normal(0, 0.1, size=2)
        p, state = start, {}
        variable = keras.Variable(start, dtype="float64")
        optimizer = keras.optimizers.SGD(1e-3, momentum=0.9, nesterov=True)
        for _ in range(50):
            p = p + ns["nesterov"](ns["gradient"](p), state, lr=f32(1e-3), beta=f32(0.9))
            g = ns["gradient"](keras.ops.convert_to_numpy(variable))
            optimizer.apply([keras.ops.convert_to_tensor(g)], [variable])
        np.testing.assert_allclose(keras.ops.convert_to_numpy(variable), p, rtol=1e-9)


def test_exercise_stable_learning_rate(result):
    values = result(f"{CHAPTER}/05_find_stable_rate").values
    expected = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]])).max()
    assert values["lambda_max"] == pytest.approx(expected)
    assert values["critical_learning_rate"] == pytest.approx(2 / expected)
    assert len(values["seeds"]) >= 5
    # "below the limit: closer than it started (0.01) from every start, the steep part
    # gone; above: farther than it started from every start"
    assert values["below_distance"] == max(values["final_distance"]["0.95"]) < 0.01
    assert values["below_steep_part"] < 1e-4  # from up to 0.01: almost gone
    smallest = np.linalg.eigvalsh(np.array([[802.0, -400.0], [-400.0, 200.0]])).min()
    assert values["flat_factor"] == pytest.approx(1 - 0.95 * 2 / expected * smallest)
    assert 0.99 < values["flat_factor"] < 1  # shrinks, but slowly
    assert values["above_distance"] == min(values["final_distance"]["1.05"]) > 0.01


def test_exercise_gradient_noise_falls_as_one_over_batch_size(result):
    run = result(f"{CHAPTER}/06_measure_batch_noise")
    assert len(run.values["seeds"]) >= 5
    for noise in run.values["gradient_noise"]:  # every seed
        assert all(a > b for a, b in zip(noise, noise[1:], strict=False))
    # 1/B, times the finite-population factor (N - B)/(N - 1) for N = 442: about 75,
    # "a bit more than 64" in every seed.
    assert all(64 < ratio < 90 for ratio in run.values["noise_ratios_1_to_64"])
    assert 64 < run.values["noise_ratio_1_to_64"] < 90
    assert len(run.figures) == 1
