"""Claims of docs/neural-networks.md, checked against its snippets."""

import numpy as np
import pytest

CHAPTER = "neural_networks"


def test_numpy_forward_pass_equals_keras_predict(result, namespace):
    assert result(f"{CHAPTER}/01_compare_forward_pass").values["max_abs_difference"] < 1e-5
    # Independently: the snippet's NumPy network against its Keras model on fresh inputs.
    ns = namespace(f"{CHAPTER}/01_compare_forward_pass")
    assert ns["sizes"] == [4, 8, 6, 3]
    assert len(ns["model"].layers) == 3  # two hidden layers and the output layer
    x = np.random.default_rng(11).normal(size=(50, 4)).astype("float32")
    expected = ns["model"].predict(x, verbose=0)
    np.testing.assert_allclose(ns["forward"](x), expected, atol=1e-5)
    np.testing.assert_allclose(expected.sum(axis=1), 1.0, atol=1e-5)  # softmax rows


def test_parameter_formula_equals_count_params(result):
    values = result(f"{CHAPTER}/02_count_parameters").values
    assert values["formula_counts"] == values["keras_counts"]
    assert values["lecture_mlp_parameters"] == 785 * 32 + 33 * 10
    assert values["formula_counts"]["two hidden layers 4-8-6-3"] == 5 * 8 + 9 * 6 + 7 * 3


def test_xor_needs_a_hidden_layer(result):
    run = result(f"{CHAPTER}/03_solve_xor")
    # A straight line gets at most three of the four XOR points right.
    assert run.values["linear_accuracy"] <= 0.75
    assert run.values["hidden_accuracy"] == 1.0
    assert len(run.figures) == 1
    # Without a hidden layer the best cross-entropy fit is about 1/2 everywhere.
    assert all(abs(p - 0.5) < 0.15 for p in run.values["probabilities"]["no hidden layer"])
    probabilities = run.values["probabilities"]["one hidden layer"]
    assert probabilities[0] < 0.2 and probabilities[3] < 0.2
    assert probabilities[1] > 0.8 and probabilities[2] > 0.8


def test_exercise_lecture_mlp_parameters(result):
    values = result(f"{CHAPTER}/04_count_lecture_mlp").values
    assert values["by_hand"] == values["keras_count"] == 669_706
    assert values["per_layer"] == [401_920, 262_656, 5_130]


def test_exercise_hand_set_xor_weights(result):
    run = result(f"{CHAPTER}/05_set_xor_weights")
    assert run.values["hand_error"] == pytest.approx(0.0, abs=1e-6)
    assert "x = [1, 1]  ->  network output 0.0" in run.stdout


def test_exercise_loops_equal_matrix_form(result):
    assert result(f"{CHAPTER}/06_compare_loop_matrix").values["loop_matrix_difference"] < 1e-12
