"""Claims of docs/perceptron.md, checked against its snippets."""

import numpy as np
import pytest
from scipy.optimize import linprog

CHAPTER = "perceptron"


def linearly_separable(x, y):
    """Whether some w, b give (2y - 1)(x w + b) >= 1 for every point: a linear program."""
    signs = 2 * np.asarray(y) - 1
    # variables (w_1..w_m, b); constraints -s_i (x_i w + b) <= -1
    a_ub = -signs[:, None] * np.column_stack([x, np.ones(len(x))])
    found = linprog(np.zeros(a_ub.shape[1]), A_ub=a_ub, b_ub=-np.ones(len(x)), bounds=(None, None))
    return found.status == 0


def test_rule_converges_on_the_separable_iris_data(result, namespace):
    values = result(f"{CHAPTER}/01_train_perceptron").values
    assert values["training_errors"] == 0
    assert values["flowers_per_species"] == [50, 50]
    assert values["errors_per_epoch"][-1] == 0
    assert 1 <= values["epochs_to_converge"] <= 9
    assert all(e > 0 for e in values["errors_per_epoch"][: values["epochs_to_converge"]])
    ns = namespace(f"{CHAPTER}/01_train_perceptron")
    assert linearly_separable(ns["x"], ns["y"])  # the theorem's condition holds
    np.testing.assert_array_equal(ns["predict"](ns["weights"], ns["x"]), ns["y"])
    assert len(result(f"{CHAPTER}/01_train_perceptron").figures) == 1
    # "the closest flower is ... from the line, while the line with the widest margin keeps
    # every flower at least ... away": the rule's line is not the widest-margin one.
    w = np.asarray(values["weights"])
    distances = np.abs(w[0] + ns["x"] @ w[1:]) / np.linalg.norm(w[1:])
    assert values["margin"] == pytest.approx(distances.min())
    assert values["margin"] < values["widest_margin"]
    svm = ns["widest"]
    assert svm.score(ns["x"], ns["y"]) == 1.0  # the hard-margin line separates too


def test_rule_fails_on_xor_only(result):
    run = result(f"{CHAPTER}/02_fail_on_xor")
    values = run.values
    assert values["final_errors"]["AND"] == 0
    assert values["final_errors"]["OR"] == 0
    assert values["final_errors"]["XOR"] >= 1
    assert values["xor_min_errors"] >= 1  # not one clean epoch
    assert len(run.figures) == 1


def test_xor_is_not_linearly_separable_and_and_or_are(namespace):
    ns = namespace(f"{CHAPTER}/02_fail_on_xor")
    assert linearly_separable(ns["inputs"], ns["gates"]["AND"])
    assert linearly_separable(ns["inputs"], ns["gates"]["OR"])
    assert not linearly_separable(ns["inputs"], ns["gates"]["XOR"])


def test_keras_dense_neuron_equals_numpy(result, namespace):
    values = result(f"{CHAPTER}/03_compare_keras").values
    assert values["max_output_difference"] < 1e-6
    assert values["same_decisions"] is True
    assert values["keras_accuracy"] == pytest.approx(1.0)
    # The weights copied into Keras are those of the first listing's perceptron.
    np.testing.assert_allclose(
        values["weights"], result(f"{CHAPTER}/01_train_perceptron").values["weights"]
    )
    # Independently: the layer's own weights, applied with NumPy.
    ns = namespace(f"{CHAPTER}/03_compare_keras")
    kernel, bias = ns["neuron"].layers[0].get_weights()
    expected = 1 / (1 + np.exp(-(ns["x"] @ kernel[:, 0] + bias[0])))
    np.testing.assert_allclose(ns["keras_output"], expected, atol=1e-6)


@pytest.mark.claim("docs/perceptron.md", "the three runs make the same mistakes, epoch by epoch")
def test_exercise_learning_rate_does_not_matter_from_zero(result):
    values = result(f"{CHAPTER}/04_vary_learning_rate").values
    assert len(values["seeds"]) == 5
    # "For each of five orders ... the three runs make the same mistakes"
    assert values["same_errors_by_seed"] == [True] * 5
    assert values["same_errors"] is True
    assert len(values["errors_by_rate"]) == 3
    assert values["scaled_weights_difference"] < 1e-9
    assert len(values["scaled_differences"]) == 5


def test_exercise_two_layers_compute_xor(result):
    values = result(f"{CHAPTER}/05_solve_xor_with_two_layers").values
    assert values["numpy_outputs"] == [0, 1, 1, 0]
    assert values["max_keras_error"] < 0.01


@pytest.mark.claim("docs/perceptron.md", "ends at the same weights from every start")
def test_sigmoid_neuron_settles_where_the_rule_does_not(result):
    run = result(f"{CHAPTER}/06_train_sigmoid_neuron")
    values = run.values
    weights = np.array(values["neuron_weights"])
    assert weights.shape == (5, 3)
    # "lowers the loss at every step in every seed and ends at the same weights from every
    # start ..., those of scikit-learn's LogisticRegression without a penalty"
    assert values["always_decreasing"] is True
    assert values["weight_spread"] == pytest.approx(np.max(np.ptp(weights, axis=0)))
    assert values["weight_spread"] < 1e-3
    assert values["sklearn_difference"] < 0.02
    # "The perceptron rule never settles: in its 50th epoch it still made between ... and ..."
    assert min(values["last_epoch_mistakes"]) >= 1
    assert values["fewest_last_mistakes"] == min(values["last_epoch_mistakes"])
    assert values["most_last_mistakes"] == max(values["last_epoch_mistakes"])
    assert values["lowest_rule_accuracy"] == min(values["rule_accuracy"])
    assert values["highest_rule_accuracy"] == max(values["rule_accuracy"])
    # "the line it stops at depends on the seed"
    rule_weights = np.array([w for w, _ in values["rule"]])
    assert np.max(np.ptp(rule_weights, axis=0)) > 100 * values["weight_spread"]
    # "some of the perceptron's lines do as well or better"
    assert len(set(values["neuron_accuracy"])) == 1
    assert values["highest_rule_accuracy"] >= values["neuron_accuracy"][0]
    assert len(run.figures) == 0  # numbers only: the page shows no figure for it


def test_exercise_weights_grow_on_separable_data(result):
    values = result(f"{CHAPTER}/07_grow_weights_when_separable").values
    norms, losses = values["norms"], values["losses"]
    assert values["checkpoints"] == [10, 100, 1000, 10000]
    assert all(b > a + 1 for a, b in zip(norms, norms[1:], strict=False))  # never stop growing
    assert all(b < a / 3 for a, b in zip(losses, losses[1:], strict=False))  # falling towards 0
    assert values["accuracies"][1:] == [1.0, 1.0, 1.0]
    assert values["final_accuracy"] == 1.0 and values["final_norm"] == norms[-1]
