"""Claims of docs/activations.md, checked against its snippets."""

import numpy as np
import pytest
import tensorflow as tf

CHAPTER = "activations"
GRID = np.linspace(-4, 4, 400)  # an even count of points: 0 is not on it, so no kink is hit
ALPHA_PRELU = 0.25


def tf_versions():
    """Each activation written with TensorFlow ops, to differentiate with GradientTape."""
    return {
        "identity": lambda x: x,
        "binary step": lambda x: tf.where(x >= 0, tf.ones_like(x), tf.zeros_like(x)),
        "logistic": tf.sigmoid,
        "tanh": tf.tanh,
        "arctan": tf.atan,
        "ReLU": tf.nn.relu,
        "PReLU": lambda x: tf.where(x >= 0, x, ALPHA_PRELU * x),
        "ELU": tf.nn.elu,
        "SoftPlus": tf.nn.softplus,
    }


def test_defines_the_nine_activations_of_the_table(namespace):
    activations = namespace(f"{CHAPTER}/01_define_activations")["activations"]
    assert list(activations) == [
        "identity",
        "binary step",
        "logistic",
        "tanh",
        "arctan",
        "ReLU",
        "PReLU",
        "ELU",
        "SoftPlus",
    ]
    assert namespace(f"{CHAPTER}/01_define_activations")["prelu_alpha"] == ALPHA_PRELU


@pytest.mark.parametrize("name", list(tf_versions()))
def test_numpy_derivative_equals_gradient_tape(namespace, name):
    f, f_prime = namespace(f"{CHAPTER}/01_define_activations")["activations"][name]
    x = tf.Variable(GRID)
    with tf.GradientTape() as tape:
        y = tf_versions()[name](x)
    gradient = tape.gradient(y, x)
    gradient = np.zeros_like(GRID) if gradient is None else gradient.numpy()
    np.testing.assert_allclose(f_prime(GRID), gradient, atol=1e-6, rtol=0)
    np.testing.assert_allclose(f(GRID), tf_versions()[name](tf.constant(GRID)).numpy(), atol=1e-6)


def test_numpy_equals_keras_where_keras_has_it(result, namespace):
    values = result(f"{CHAPTER}/02_compare_keras").values
    assert set(values["max_difference"]) == {
        "identity",
        "logistic",
        "tanh",
        "ReLU",
        "PReLU",
        "ELU",
        "SoftPlus",
    }
    assert values["largest_difference"] < 1e-6
    # Independently of the snippet's own comparison: its Keras calls against snippet 01's NumPy.
    keras_ns = namespace(f"{CHAPTER}/02_compare_keras")
    numpy_activations = namespace(f"{CHAPTER}/01_define_activations")["activations"]
    x = keras_ns["x"].astype("float64")
    for name, computed in keras_ns["keras_versions"].items():
        expected = numpy_activations[name][0](x)
        np.testing.assert_allclose(np.asarray(computed), expected, atol=1e-6, err_msg=name)


def test_figure_grid_and_table_output(result):
    run = result(f"{CHAPTER}/01_define_activations")
    assert len(run.figures) == 1
    assert "SoftPlus" in run.stdout and "0.6931" in run.stdout  # ln 2 = SoftPlus(0)
    assert run.values["sample_values"]["logistic"][1] == pytest.approx(0.5)


def test_linear_network_stays_near_chance_and_relu_separates_in_every_seed(result):
    run = result(f"{CHAPTER}/03_compare_decisions")
    linear, relu = run.values["accuracies"]["linear"], run.values["accuracies"]["relu"]
    assert len(run.values["seeds"]) >= 5
    assert len(linear) == len(relu) == len(run.values["seeds"])
    # "never above <best>: chance level, or worse" and "even its worst seed scores <worst>"
    assert max(linear) == run.values["linear_best"] <= 0.6
    assert min(relu) == run.values["nonlinear_worst"] >= 0.95
    assert run.values["linear_accuracy"] == pytest.approx(np.mean(linear))
    assert run.values["nonlinear_accuracy_sd"] == pytest.approx(np.std(relu))
    # The gap dwarfs the spread: mean difference larger than ten pooled standard deviations.
    pooled_sd = np.sqrt((np.var(linear) + np.var(relu)) / 2)
    assert np.mean(relu) - np.mean(linear) > 10 * pooled_sd
    assert len(run.figures) == 1
    assert "mean ± sd" in run.stdout
    assert f"{run.values['nonlinear_accuracy']:.3f} ± " in run.stdout


def test_exercise_finite_differences_confirm_the_table(result):
    assert result(f"{CHAPTER}/04_check_derivatives").values["max_finite_difference_error"] < 1e-8


def test_exercise_linear_layers_collapse_to_one_map(result):
    assert result(f"{CHAPTER}/05_collapse_linear_layers").values["collapse_error"] < 1e-5


def test_exercise_logistic_derivative_is_at_most_a_quarter(result):
    values = result(f"{CHAPTER}/06_measure_vanishing_gradients").values
    assert values["logistic_derivative_max"] == pytest.approx(0.25, abs=1e-6)
    assert values["tanh_derivative_max"] == pytest.approx(1.0, abs=1e-6)
    assert values["logistic_bound"] == pytest.approx(0.25**10, rel=1e-4)
    assert values["tanh_bound"] == pytest.approx(1.0, abs=1e-6)
    # The weights can make up for the activation: w = 4, b = -2 keeps the factor at 1.
    assert values["chain_factor"] == pytest.approx(1.0, abs=1e-12)


def test_chain_factor_equals_gradient_tape(namespace):
    """The chain rule the solution applies by hand, against TensorFlow's."""
    ns = namespace(f"{CHAPTER}/06_measure_vanishing_gradients")
    a0 = tf.Variable(0.5, dtype=tf.float64)
    with tf.GradientTape() as tape:
        a = a0
        for _ in range(ns["layers"]):
            a = tf.sigmoid(ns["w"] * a + ns["b"])
    assert tape.gradient(a, a0).numpy() == pytest.approx(ns["chain_factor"], rel=1e-12)


def test_initialisation_he_keeps_relu_scale_and_others_do_not(result):
    run = result(f"{CHAPTER}/07_compare_initialisers")
    values = run.values
    seeds = values["seeds"]
    assert len(seeds) >= 5
    forward, backward = values["activation_change"], values["gradient_change"]
    assert len(forward) == len(backward) == 8  # four initialisers, two activations
    for case in forward:
        assert len(forward[case]) == len(backward[case]) == len(seeds), case
        assert values["activation_range"][case] == [min(forward[case]), max(forward[case])]
        assert values["gradient_range"][case] == [min(backward[case]), max(backward[case])]
    # Every seed: He with ReLU keeps both scales within a factor 2.5 of their start ...
    assert all(0.4 < r < 2.5 for r in forward["he_relu"] + backward["he_relu"])
    # ... 'uniform' (±0.05) makes them vanish, activations and gradients alike ...
    assert max(forward["uniform_relu"] + backward["uniform_relu"]) < 1e-8
    assert max(forward["uniform_tanh"] + backward["uniform_tanh"]) < 1e-6
    # ... N(0, 1) explodes with ReLU; tanh saturates near 1 while its gradient explodes ...
    assert min(forward["normal_relu"] + backward["normal_relu"]) > 1e10
    assert all(0.9 < r <= 1.0 for r in forward["normal_tanh"])
    assert min(backward["normal_tanh"]) > 1e4
    # ... Glorot declines slowly with tanh and loses sqrt(2) per layer with ReLU.
    assert all(0.1 < r < 0.5 for r in forward["glorot_tanh"] + backward["glorot_tanh"])
    assert max(forward["glorot_relu"]) < 0.02
    assert max(forward["glorot_relu"]) * 20 < min(forward["he_relu"])
    assert len(run.figures) == 1


def test_initialisation_backward_pass_equals_gradient_tape(namespace):
    """The listing's backward step, (delta * g'(z)) @ W.T, is what autodiff computes."""
    ns = namespace(f"{CHAPTER}/07_compare_initialisers")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(8, 6))
    weights = [rng.normal(size=(6, 6)) for _ in range(3)]
    upstream = rng.normal(size=(8, 6))
    for name, (g, g_prime) in ns["activations"].items():
        slopes, a = [], x
        for w in weights:
            z = a @ w
            slopes.append(g_prime(z))
            a = g(z)
        delta = upstream
        for w, slope in zip(reversed(weights), reversed(slopes), strict=True):
            delta = (delta * slope) @ w.T
        tf_activation = {"tanh": tf.tanh, "relu": tf.nn.relu}[name]
        inputs = tf.Variable(x)
        with tf.GradientTape() as tape:
            out = inputs
            for w in weights:
                out = tf_activation(out @ w)
            loss = tf.reduce_sum(out * upstream)
        np.testing.assert_allclose(
            delta, tape.gradient(loss, inputs).numpy(), rtol=1e-10, atol=1e-12
        )


def test_exercise_he_sigma_is_found_by_experiment(result):
    run = result(f"{CHAPTER}/08_find_relu_scale")
    values = run.values
    assert values["he_sigma"] == pytest.approx(np.sqrt(2 / 128))
    assert values["best_sigma"] == pytest.approx(values["he_sigma"], rel=0.1)
    assert len(run.figures) == 1


def test_initialisers_draw_like_keras(namespace):
    """The listing's NumPy draws have the variance of the Keras initialisers they stand for."""
    import keras

    initialisers = namespace(f"{CHAPTER}/07_compare_initialisers")["initialisers"]
    keras_versions = {
        "normal": keras.initializers.RandomNormal(stddev=1.0, seed=1),
        "uniform": keras.initializers.get("uniform"),
        "glorot": keras.initializers.GlorotUniform(seed=1),
        "he": keras.initializers.HeNormal(seed=1),
    }
    rng = np.random.default_rng(1)
    for name, initialiser in initialisers.items():
        ours = initialiser(rng, 300, 200)
        theirs = np.asarray(keras_versions[name](shape=(300, 200)))
        assert ours.shape == theirs.shape
        assert np.var(ours) == pytest.approx(np.var(theirs), rel=0.05), name
        assert np.mean(ours) == pytest.approx(0.0, abs=0.02 * np.std(ours) + 1e-3), name
    limit = np.max(np.abs(np.asarray(keras.initializers.get("uniform")(shape=(300, 200)))))
    assert 0.049 < limit <= 0.05
