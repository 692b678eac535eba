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


@pytest.mark.claim("docs/activations.md", "about chance for two balanced classes")
@pytest.mark.claim("docs/activations.md", "and even its worst seed scores")
def test_linear_network_stays_near_chance_and_relu_separates_in_every_seed(result):
    run = result(f"{CHAPTER}/03_compare_decisions")
    linear, relu = run.values["accuracies"]["linear"], run.values["accuracies"]["relu"]
    assert len(run.values["seeds"]) >= 5
    assert len(linear) == len(relu) == len(run.values["seeds"])
    # "never above <best>: chance level, or worse" and "even its worst seed scores <worst>"
    assert max(linear) == run.values["linear_best"] <= 0.6
    assert min(relu) == run.values["nonlinear_worst"] >= 0.95
    assert run.values["linear_accuracy"] == pytest.approx(np.mean(linear))
    assert run.values["nonlinear_accuracy_sd"] == pytest.approx(np.std(relu, ddof=1))
    # The gap dwarfs the spread: mean difference larger than ten pooled standard deviations.
    pooled_sd = np.sqrt((np.var(linear, ddof=1) + np.var(relu, ddof=1)) / 2)
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


@pytest.mark.claim("docs/activations.md", "He initialisation with ReLU keeps the scale")
@pytest.mark.claim("docs/activations.md", "and yet the gradient grows by a factor of at least")
@pytest.mark.claim("docs/activations.md", "closer to 1 in every seed")
def test_initialisation_he_keeps_relu_scale_and_others_do_not(result):
    run = result(f"{CHAPTER}/07_compare_initialisers")
    values = run.values
    seeds = values["seeds"]
    assert len(seeds) >= 5
    forward, backward = values["activation_change"], values["gradient_change"]
    assert len(forward) == len(backward) == 8  # four initialisers, two activations
    for case in forward:
        assert len(forward[case]) == len(backward[case]) == len(seeds), case
        # the quoted ranges hold every seed's value: min rounded down, max rounded up
        for quoted, measured in [
            (values["activation_range"][case], forward[case]),
            (values["gradient_range"][case], backward[case]),
        ]:
            assert quoted[0] <= min(measured) < quoted[0] * 1.11, case
            assert quoted[1] >= max(measured) > quoted[1] / 1.11, case
    # Every seed: He with ReLU keeps both scales within a factor 2.5 of their start ...
    assert all(0.4 < r < 2.5 for r in forward["he_relu"] + backward["he_relu"])
    # ... 'uniform' (±0.05) makes them vanish, activations and gradients alike ...
    assert max(forward["uniform_relu"] + backward["uniform_relu"]) < 1e-8
    assert max(forward["uniform_tanh"] + backward["uniform_tanh"]) < 1e-6
    # ... N(0, 1) explodes with ReLU; tanh saturates near 1 while its gradient explodes ...
    assert min(forward["unit_normal_relu"] + backward["unit_normal_relu"]) > 1e10
    assert all(0.9 < r <= 1.0 for r in forward["unit_normal_tanh"])
    assert min(backward["unit_normal_tanh"]) > 1e4
    # ... with tanh, at 15 layers He is closer to 1 than Glorot in every seed (both scales),
    # and both stay within a factor of 6 ...
    for case in ["glorot_tanh", "he_tanh"]:
        assert all(1 / 6 < r < 6 for r in forward[case] + backward[case]), case
    for scales in [forward, backward]:
        distance = {case: np.abs(np.log(scales[case])) for case in ["glorot_tanh", "he_tanh"]}
        assert np.all(distance["he_tanh"] < distance["glorot_tanh"])
    # ... and Glorot loses sqrt(2) per layer with ReLU.
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
        "unit_normal": keras.initializers.RandomNormal(stddev=1.0, seed=1),
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
    # The page: Keras's 'normal' is RandomNormal(stddev=0.05), too small like 'uniform';
    # 'he_normal' is a normal cut off at 2 sigma, sigma = sqrt(2 / n) / 0.8796.
    keras_normal = np.asarray(keras.initializers.get("normal")(shape=(300, 200)))
    assert np.std(keras_normal) == pytest.approx(0.05, rel=0.03)
    he = np.asarray(keras.initializers.HeNormal(seed=2)(shape=(300, 200)))
    sigma = np.sqrt(2 / 300) / 0.8796
    assert np.max(np.abs(he)) <= 2 * sigma + 1e-6 and np.max(np.abs(he)) > 1.9 * sigma


@pytest.mark.claim("docs/activations.md", "the gradient grows geometrically, by a factor of")
@pytest.mark.claim("docs/activations.md", "The decay slows down")
def test_deep_tanh_he_gradient_grows_and_glorot_fades_slowly(result):
    run = result(f"{CHAPTER}/09_compare_deep_tanh")
    values = run.values
    assert len(values["seeds"]) >= 5
    forward, backward = values["activation_range"], values["gradient_range"]
    first, last = values["first_factor"], values["last_factor"]
    # He: activations settle at a fixed scale, the factor stays above 1, the gradient grows
    # geometrically (more than 20-fold over 100 layers in every seed).
    assert 0.4 < forward["he"][0] <= forward["he"][1] < 0.7
    assert last["he"] > 1.03 and first["he"] > 1.0
    assert backward["he"][0] > 20
    # Glorot: the factor is below 1 but climbs towards 1; the gradient fades slowly.
    assert first["glorot"] < 0.9 < last["glorot"] < 1.0
    assert 0.02 < backward["glorot"][0] <= backward["glorot"][1] < 0.3
    assert forward["glorot"][1] < 0.2
    # N(0, 1): E[g'(z)^2] is small, but n Var(w) E[g'(z)^2] is far above 1.
    assert values["unit_normal_slope_square"] < 0.1
    assert first["unit_normal"] > 4 and backward["unit_normal"][0] > 1e20
    assert len(run.figures) == 1


@pytest.mark.claim("docs/activations.md", "the best line gets")
@pytest.mark.claim("docs/activations.md", "and predicts within")
def test_exercise_best_line_beats_chance_and_cross_entropy_stays_near_one_half(result):
    values = result(f"{CHAPTER}/10_find_best_line").values
    assert len(values["best_line"]) == len(values["seeds"]) >= 5
    # a straight line gets about two points in three right, in every seed ...
    assert 0.6 < values["best_line_range"][0] <= values["best_line_range"][1] < 0.75
    # ... while the cross-entropy's line stays near chance and near probability 1/2.
    assert values["logistic_accuracy_range"][1] < 0.6
    assert values["logistic_largest_distance"] < 0.1
    assert all(
        b > a + 0.05 for a, b in zip(values["logistic_accuracy"], values["best_line"], strict=True)
    )


def test_best_line_search_is_exact_on_a_small_case(namespace):
    """The brute-force search finds a perfect line where one exists."""
    find = namespace(f"{CHAPTER}/10_find_best_line")["best_line_accuracy"]
    points = np.array([[0.0, 0.0], [1.0, 0.2], [0.1, 1.0], [2.0, 2.0], [2.2, 1.5]])
    assert find(points, np.array([0, 0, 0, 1, 1])) == 1.0
    xor = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    assert find(xor, np.array([0, 0, 1, 1])) == 0.75


@pytest.mark.claim("docs/activations.md", "ends with fewer units that are negative everywhere in")
@pytest.mark.claim("docs/activations.md", "The test accuracies are a tie")
def test_leaky_relu_ends_with_fewer_dead_units_in_every_seed(result):
    run = result(f"{CHAPTER}/11_count_dead_units")
    values = run.values
    seeds = values["seeds"]
    relu, leaky = (np.array(values["dead_units"][k]) for k in ["ReLU", "Leaky ReLU"])
    assert len(relu) == len(leaky) == len(seeds) >= 5
    # "a large share of the 64 units is dead" with ReLU, fewer with Leaky ReLU, paired per seed
    assert relu.min() >= 10
    assert values["fewer_dead"] == int(np.sum(relu > leaky)) == len(seeds)
    # the accuracies are a tie: mean difference within twice the pooled sd over seeds
    accuracy = {k: np.array(v) for k, v in values["test_accuracy"].items()}
    pooled = np.sqrt((accuracy["ReLU"].var(ddof=1) + accuracy["Leaky ReLU"].var(ddof=1)) / 2)
    assert abs(accuracy["ReLU"].mean() - accuracy["Leaky ReLU"].mean()) < 2 * pooled + 0.01
    assert min(accuracy["ReLU"].min(), accuracy["Leaky ReLU"].min()) > 0.85
    assert len(run.figures) == 1


def test_stable_softmax_equals_keras_and_naive_fails_on_large_logits(result, namespace):
    values = result(f"{CHAPTER}/12_compute_softmax").values
    assert values["keras_difference"] < 1e-6
    assert values["naive_difference"] < 1e-12 and values["row_sum_error"] < 1e-12
    assert values["shift_difference"] < 1e-12
    assert values["naive_fails"] is True and values["large_difference"] < 1e-6
    softmax = namespace(f"{CHAPTER}/12_compute_softmax")["softmax"]
    z = np.array([[3.0, -1.0, 0.5]])
    np.testing.assert_allclose(softmax(z), np.asarray(tf.nn.softmax(z)), atol=1e-12)


def test_exercise_two_class_softmax_is_sigmoid_and_log_softmax_is_stable(result):
    values = result(f"{CHAPTER}/13_compute_log_softmax").values
    assert values["sigmoid_difference"] < 1e-12
    assert values["naive_has_infinity"] is True
    assert values["log_softmax_difference"] < 1e-5


def test_gelu_and_silu_equal_keras_and_dip_below_zero(result, namespace):
    run = result(f"{CHAPTER}/14_compare_smooth_relus")
    values = run.values
    assert values["gelu_difference"] < 1e-6 and values["silu_difference"] < 1e-6
    assert values["gelu_minimum"][0] == pytest.approx(-0.752, abs=0.002)
    assert values["gelu_minimum"][1] == pytest.approx(-0.170, abs=0.001)
    assert values["silu_minimum"][0] == pytest.approx(-1.278, abs=0.002)
    assert values["silu_minimum"][1] == pytest.approx(-0.2785, abs=0.001)
    assert values["distance_from_relu_at_4"] < 0.1
    ns = namespace(f"{CHAPTER}/14_compare_smooth_relus")
    grid = np.linspace(-4, 4, 81)
    np.testing.assert_allclose(ns["gelu"](grid), np.asarray(tf.nn.gelu(grid)), atol=1e-7)
    np.testing.assert_allclose(ns["silu"](grid), np.asarray(tf.nn.silu(grid)), atol=1e-12)
    assert len(run.figures) == 1


def test_exercise_gelu_approximations(result):
    values = result(f"{CHAPTER}/15_approximate_gelu").values
    assert values["tanh_error"] < 1e-3
    assert 5e-3 < values["sigmoid_error"] < 0.03
    assert values["keras_tanh_difference"] < 1e-6


def test_exercise_dead_unit_gets_no_gradient(result):
    values = result(f"{CHAPTER}/16_check_dead_gradient").values
    assert values["dead_unit_gradient"] == 0.0
    assert values["leaky_unit_gradient"] > 1e-3
