"""Claims of docs/losses.md, checked against its snippets."""

import keras
import numpy as np
import pytest
import tensorflow as tf

CHAPTER = "losses"
TABLE = [
    "L1",
    "L2",
    "expectation",
    "regularised expectation",
    "Chebyshev",
    "hinge",
    "squared hinge",
    "cubed hinge",
    "log",
    "squared log",
    "Tanimoto",
    "Cauchy-Schwarz",
]


@pytest.fixture(scope="module")
def batch():
    rng = np.random.default_rng(12)
    y = np.eye(3)[rng.integers(0, 3, size=40)]
    o = rng.normal(size=(40, 3))
    return y, o


def test_defines_the_twelve_losses_of_the_table(namespace):
    assert list(namespace(f"{CHAPTER}/01_define_losses")["losses"]) == TABLE


def test_table_losses_agree_with_keras_up_to_its_conventions(namespace, batch):
    losses = namespace(f"{CHAPTER}/01_define_losses")["losses"]
    y, o = batch
    k = y.shape[-1]
    # Keras averages over the classes where the table sums.
    np.testing.assert_allclose(losses["L2"](y, o), k * keras.losses.mean_squared_error(y, o))
    np.testing.assert_allclose(losses["L1"](y, o), k * keras.losses.mean_absolute_error(y, o))
    log_loss = keras.losses.categorical_crossentropy(y, o, from_logits=True)
    np.testing.assert_allclose(losses["log"](y, o), log_loss, rtol=1e-6)
    # The table's hinge has margin 1/2; Keras's has margin 1 and takes the mean.
    np.testing.assert_allclose(
        losses["hinge"](y, o / 2), k / 2 * keras.losses.hinge(y, o), rtol=1e-6
    )


def test_table_losses_by_hand_for_one_example(namespace):
    losses = namespace(f"{CHAPTER}/01_define_losses")["losses"]
    y = np.array([[0.0, 1.0, 0.0]])
    o = np.log(np.array([[0.2, 0.5, 0.3]]))  # softmax(o) = (0.2, 0.5, 0.3)
    assert losses["expectation"](y, o)[0] == pytest.approx(1.0)
    assert losses["regularised expectation"](y, o)[0] == pytest.approx(0.38)
    assert losses["Chebyshev"](y, o)[0] == pytest.approx(0.5)
    assert losses["log"](y, o)[0] == pytest.approx(np.log(2))
    assert losses["squared log"](y, o)[0] == pytest.approx(np.log(2) ** 2)
    assert losses["Tanimoto"](y, o)[0] == pytest.approx(-0.5 / (0.38 + 1 - 0.5))
    assert losses["Cauchy-Schwarz"](y, o)[0] == pytest.approx(-np.log(0.5 / np.sqrt(0.38)))


def test_loss_curves_and_sample_table(result):
    run = result(f"{CHAPTER}/01_define_losses")
    assert len(run.figures) == 1
    samples = run.values["sample_losses"]
    assert samples["log"][1] == pytest.approx(np.log(2), abs=1e-4)
    assert samples["hinge"][2] == 0.0  # past the margin: no loss
    for name in TABLE:
        if name not in {"L1", "L2"}:  # these two compare raw outputs with 0 and 1
            assert samples[name][0] > samples[name][1] > samples[name][2], name


def test_numpy_equals_keras_losses(result, namespace):
    values = result(f"{CHAPTER}/02_compare_keras").values
    assert len(values["max_difference"]) == 6
    assert values["largest_difference"] < 1e-6
    ns = namespace(f"{CHAPTER}/02_compare_keras")
    for name, expected in ns["numpy_versions"].items():
        np.testing.assert_allclose(np.asarray(ns["keras_versions"][name]), expected, atol=1e-6)


def test_training_with_different_losses(result):
    accuracies = result(f"{CHAPTER}/03_compare_training").values["test_accuracies"]
    assert set(accuracies) == {"L1", "L2", "expectation", "hinge", "log", "Tanimoto"}
    assert accuracies["log"] >= 0.93
    for name in ("L2", "hinge", "Tanimoto"):
        assert accuracies[name] >= 0.9, name
    assert accuracies["expectation"] < accuracies["log"] - 0.05
    assert accuracies["L1"] <= 0.3  # the raw-output L1 loss does not learn here


def test_exercise_cross_entropy_gradient(result, namespace):
    assert result(f"{CHAPTER}/04_check_cross_entropy_gradient").values["gradient_error"] < 1e-10
    ns = namespace(f"{CHAPTER}/04_check_cross_entropy_gradient")
    assert np.allclose(ns["tape_gradient"].sum(axis=1), 0.0)  # sigma sums to 1, y sums to 1
    assert isinstance(ns["o"], tf.Variable)


def test_exercise_empirical_risk(result):
    values = result(f"{CHAPTER}/05_compute_empirical_risk").values
    assert values["risk_difference"] < 1e-5
    assert values["risk_numpy"] == pytest.approx(values["risk_keras"], rel=1e-5)
    assert 0.0 < values["risk_numpy"] < 3.0
