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


@pytest.mark.claim("docs/neural-networks.md", "unit ends with its four outputs within")
@pytest.mark.claim("docs/neural-networks.md", "of the 5 seeds get all four points right")
def test_xor_needs_a_hidden_layer_in_every_seed(result):
    run = result(f"{CHAPTER}/03_solve_xor")
    values = run.values
    seeds = values["seeds"]
    assert len(seeds) >= 5
    linear = values["probabilities"]["no hidden layer"]
    hidden = values["probabilities"]["one hidden layer"]
    assert len(linear) == len(hidden) == len(seeds)
    # Without a hidden layer: all outputs stay near 1/2 in every seed ("within <d> of 1/2") ...
    distance = max(abs(p - 0.5) for outputs in linear for p in outputs)
    assert distance == pytest.approx(values["largest_distance_from_half"], abs=1e-3)
    assert values["largest_distance_from_half"] < 0.1
    # ... so the accuracy is arbitrary, never better than a straight line allows.
    assert all(0.25 <= accuracy <= 0.75 for accuracy in values["linear_accuracies"])
    listed = [float(text) for text in values["linear_accuracy_list"].split(", ")]
    assert listed == pytest.approx(values["linear_accuracies"], abs=0.005)
    # With one hidden layer: "<k> of the 5 seeds get all four points right", k >= 4.
    solved = sum(accuracy == 1.0 for accuracy in values["hidden_accuracies"])
    assert values["hidden_solved"] == solved >= 4
    for outputs, accuracy in zip(hidden, values["hidden_accuracies"], strict=True):
        if accuracy == 1.0:
            assert outputs[0] < 0.5 < outputs[1] and outputs[3] < 0.5 < outputs[2]
    assert len(run.figures) == 1


def test_one_unit_optimum_on_xor_is_one_half_everywhere():
    """The page's argument: at zero weights the cross-entropy's gradient vanishes (and it is
    convex), so predicting 1/2 for every point is the single unit's optimum."""
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    inputs = np.column_stack([np.ones(4), x])  # bias first
    gradient = inputs.T @ (0.5 - y)  # of the summed cross-entropy at w = 0
    np.testing.assert_allclose(gradient, 0.0)
    rng = np.random.default_rng(0)
    for w in rng.normal(size=(100, 3)):  # no other weights do better
        p = 1 / (1 + np.exp(-inputs @ w))
        loss = -np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
        assert loss >= 4 * np.log(2) - 1e-12


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
