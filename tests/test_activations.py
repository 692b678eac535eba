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


def test_linear_network_stays_near_chance_and_relu_separates(result):
    run = result(f"{CHAPTER}/03_compare_decisions")
    assert 0.35 <= run.values["linear_accuracy"] <= 0.65
    assert run.values["nonlinear_accuracy"] >= 0.95
    assert len(run.figures) == 1
    assert f"{run.values['nonlinear_accuracy']:.3f}" in run.stdout


def test_exercise_finite_differences_confirm_the_table(result):
    assert result(f"{CHAPTER}/04_check_derivatives").values["max_finite_difference_error"] < 1e-8


def test_exercise_linear_layers_collapse_to_one_map(result):
    assert result(f"{CHAPTER}/05_collapse_linear_layers").values["collapse_error"] < 1e-5


def test_exercise_logistic_derivative_is_at_most_a_quarter(result):
    values = result(f"{CHAPTER}/06_measure_vanishing_gradients").values
    assert values["logistic_derivative_max"] == pytest.approx(0.25, abs=1e-6)
    assert values["tanh_derivative_max"] == pytest.approx(1.0, abs=1e-6)
    assert values["logistic_bound"] == pytest.approx(0.25**10, rel=1e-4)
