"""Claims of docs/topologies.md, checked against its snippets."""

import keras
import numpy as np
import pytest

CHAPTER = "topologies"
RECURRENT = ["SimpleRNN", "LSTM", "GRU"]


def test_recurrent_parameter_formulas_equal_keras(result):
    counts = result(f"{CHAPTER}/01_define_recurrent_cells").values["parameter_counts"]
    assert set(counts) == set(RECURRENT)
    m, n = 3, 5  # the sizes the page quotes
    assert counts["SimpleRNN"]["formula"] == n * (m + n + 1) == 45
    assert counts["LSTM"]["formula"] == 4 * n * (m + n + 1) == 180
    assert counts["GRU"]["formula"] == 3 * n * (m + n + 2) == 150
    for name in RECURRENT:
        assert counts[name]["formula"] == counts[name]["keras"], name


@pytest.mark.parametrize("name", RECURRENT)
def test_parameter_formulas_hold_for_other_sizes(name):
    m, n = 7, 11
    formula = {"SimpleRNN": n * (m + n + 1), "LSTM": 4 * n * (m + n + 1)}
    formula["GRU"] = 3 * n * (m + n + 2)
    layer = getattr(keras.layers, name)(n)
    layer.build((None, 4, m))
    assert layer.count_params() == formula[name]


def test_numpy_cells_reproduce_keras_layers(result, namespace):
    assert result(f"{CHAPTER}/01_define_recurrent_cells").values["largest_difference"] < 1e-5
    # Independently: the NumPy LSTM step on a new layer and a longer sequence.
    ns = namespace(f"{CHAPTER}/01_define_recurrent_cells")
    rng = np.random.default_rng(11)
    sequence = rng.normal(size=(2, 12, 4)).astype("float32")
    for name, step in [("LSTM", ns["lstm_step"]), ("GRU", ns["gru_step"])]:
        layer = getattr(keras.layers, name)(6, return_sequences=True)
        expected = keras.ops.convert_to_numpy(layer(sequence))
        kernel, recurrent, bias = layer.get_weights()
        h = c = np.zeros((2, 6))
        for t in range(12):
            h, c = step(sequence[:, t], h, c, kernel, recurrent, bias)
            np.testing.assert_allclose(h, expected[:, t], atol=1e-5, err_msg=name)


def test_recurrent_forecasts_over_five_seeds(result):
    run = result(f"{CHAPTER}/02_forecast_series")
    mse = {name: np.asarray(errors) for name, errors in run.values["test_mse"].items()}
    naive, noise = np.asarray(run.values["naive_mse"]), run.values["noise_mse"]
    assert set(mse) == set(RECURRENT)
    assert all(errors.shape == (5,) for errors in mse.values())  # five seeds
    assert noise == pytest.approx(0.01)
    assert run.values["naive_mean"] == pytest.approx(naive.mean())
    for name, errors in mse.items():
        assert run.values["mean_mse"][name] == pytest.approx(errors.mean()), name
        assert run.values["sd_mse"][name] == pytest.approx(errors.std(ddof=1)), name
        # "beat the naive forecast in every seed: at most ... of the naive one"
        assert np.all(errors <= run.values["worst_vs_naive"] * naive + 1e-12), name
        # "none of them reaches the floor": above 1.2 times it in every seed
        assert np.all(errors > 1.2 * noise), name
    every_run = np.concatenate(list(mse.values()))
    assert run.values["floor_ratio"] == pytest.approx(
        [every_run.min() / noise, every_run.max() / noise]
    )
    assert run.values["worst_vs_naive"] < 0.75
    # "no two means differ by more than twice their pooled standard deviation"
    for a in RECURRENT:
        for b in RECURRENT:
            pooled_sd = np.sqrt((mse[a].var(ddof=1) + mse[b].var(ddof=1)) / 2)
            assert abs(mse[a].mean() - mse[b].mean()) < 2 * pooled_sd, (a, b)
    # "which cell does best changes from seed to seed": no cell is best in every seed
    best = {min(RECURRENT, key=lambda name: mse[name][seed]) for seed in range(5)}
    assert len(best) > 1
    assert len(run.figures) == 1
    assert f"{run.values['mean_mse']['LSTM']:.4f}" in run.stdout


def test_numpy_convolution_and_pooling_equal_keras(result, namespace):
    run = result(f"{CHAPTER}/03_convolve_numpy")
    assert run.values["conv_max_difference"] < 1e-5
    assert run.values["pool_max_difference"] < 1e-5
    assert run.values["map_shape"] == [6, 6, 2] and run.values["pooled_shape"] == [3, 3, 2]
    assert len(run.figures) == 1
    # Independently: a random image and kernel, against Conv2D and MaxPooling2D.
    ns = namespace(f"{CHAPTER}/03_convolve_numpy")
    rng = np.random.default_rng(2)
    image = rng.normal(size=(9, 11)).astype("float32")
    kernel = rng.normal(size=(3, 3)).astype("float32")
    conv = keras.layers.Conv2D(1, (3, 3), use_bias=False)
    conv.build((None, 9, 11, 1))
    conv.set_weights([kernel[:, :, None, None]])
    expected = keras.ops.convert_to_numpy(conv(image[None, :, :, None]))[0, :, :, 0]
    np.testing.assert_allclose(ns["convolve2d"](image, kernel), expected, atol=1e-5)
    pooled = keras.layers.MaxPooling2D(2)(expected[None, :, :, None])
    pooled = keras.ops.convert_to_numpy(pooled)[0, :, :, 0]
    np.testing.assert_allclose(ns["max_pool"](expected), pooled, atol=0)


def test_digits_cnn_reaches_098(result):
    run = result(f"{CHAPTER}/04_train_digits_cnn")
    assert run.values["test_accuracy"] >= 0.98
    # two Conv2D layers (32 and 64 filters), Dense(64) on 2x2x64, Dense(10)
    expected = (9 + 1) * 32 + (9 * 32 + 1) * 64 + (256 + 1) * 64 + (64 + 1) * 10
    assert run.values["parameter_count"] == expected
    assert len(run.figures) == 2
    assert f"{run.values['test_accuracy']:.4f}" in run.stdout


def test_first_layer_filters_stay_close_to_their_initial_values(result):
    # "Training has changed them little": the median correlation between a trained filter
    # and its own initial weights, quoted on the page.
    values = result(f"{CHAPTER}/04_train_digits_cnn").values
    correlations = np.asarray(values["correlations"])
    assert correlations.shape == (32,)
    assert values["median_filter_correlation"] == pytest.approx(np.median(correlations))
    assert values["median_filter_correlation"] > 0.7


def test_synthetic_ebsd_patterns_are_periodic_and_distinct(result, namespace):
    run = result(f"{CHAPTER}/05_generate_ebsd_patterns")
    assert run.values["n_bands"] == 13  # 4 {111} + 3 {200} + 6 {220}
    assert run.values["smallest_distance"] > 0.8
    assert len(run.figures) == 1
    pattern = namespace(f"{CHAPTER}/05_generate_ebsd_patterns")["ebsd_pattern"]
    assert pattern(0.0, noise=0).shape == (32, 32)
    for phi in [0.4, 2.0, 4.5]:  # a full turn gives the same pattern, other angles do not
        np.testing.assert_allclose(
            pattern(phi, noise=0), pattern(phi + 2 * np.pi, noise=0), atol=1e-4
        )
        others = [pattern(phi + np.radians(d), noise=0) for d in range(30, 331, 10)]
        rms = [np.sqrt(np.mean((pattern(phi, noise=0) - o) ** 2)) for o in others]
        assert min(rms) > 0.3


def test_cnn_reads_the_rotation_angle_in_every_seed(result):
    run = result(f"{CHAPTER}/06_regress_ebsd_orientation")
    medians = np.asarray(run.values["median_error_deg"])
    within = np.asarray(run.values["fraction_within_5deg"])
    assert medians.shape == within.shape == (5,)  # five seeds
    assert run.values["median_error_mean"] == pytest.approx(medians.mean())
    assert run.values["median_error_sd"] == pytest.approx(medians.std(ddof=1))
    assert run.values["within_5deg_mean"] == pytest.approx(within.mean())
    assert run.values["within_5deg_sd"] == pytest.approx(within.std(ddof=1))
    # a few degrees in every seed, not in one lucky run
    assert medians.max() < 4.0 and within.min() >= 0.6
    assert f"{run.values['median_error_mean']:.2f}" in run.stdout
    assert len(run.figures) == 1


def test_gradients_vanish_in_simple_cells_and_not_through_open_forget_gates(result):
    run = result(f"{CHAPTER}/09_measure_recurrent_gradients")
    at_50 = {name: np.asarray(r) for name, r in run.values["gradient_at_50"].items()}
    assert set(at_50) == {"SimpleRNN", "LSTM", "LSTM_open"}
    assert all(r.shape == (5,) for r in at_50.values())  # five seeds
    for name, ratios in at_50.items():
        assert run.values["gradient_range"][name] == [ratios.min(), ratios.max()]
    # "between ... and ... of the last step's": vanished, in every seed
    assert at_50["SimpleRNN"].max() < 1e-2
    # "a new LSTM with Keras's defaults does no better": vanished in every seed, and on
    # average (in log) not above the simple cell
    assert at_50["LSTM"].max() < 1e-2
    assert np.mean(np.log(at_50["LSTM"])) <= np.mean(np.log(at_50["SimpleRNN"]))
    # "in none of the five seeds does the gradient vanish" with the forget gates open
    assert at_50["LSTM_open"].min() > 0.1
    assert len(run.figures) == 1


def test_gradient_by_distance_is_zero_without_recurrence(namespace):
    # Independently: with U = 0 the last output depends on the last input only.
    ns = namespace(f"{CHAPTER}/09_measure_recurrent_gradients")
    layer = keras.layers.SimpleRNN(4)
    layer.build((None, 6, 1))
    kernel, recurrent, bias = layer.get_weights()
    layer.set_weights([kernel, np.zeros_like(recurrent), bias])
    x = np.random.default_rng(0).normal(size=(8, 6, 1)).astype("float32")
    ratios = ns["gradient_by_distance"](layer, x)
    assert ratios[0] == 1.0 and np.all(ratios[1:] == 0)


def test_exercise_scaling_the_simple_cell(result):
    values = result(f"{CHAPTER}/10_scale_recurrent_weights").values
    assert values["scales"] == [0.5, 1.0, 1.5, 2.0]
    ratios = np.asarray(values["gradient_at_50"])
    assert ratios.shape == (4, 5)  # four scales, five seeds
    factors = values["per_step_factor"]
    assert factors == sorted(factors)  # the scale moves the whole curve
    assert ratios[0].max() < 1e-8 and ratios[1].max() < 1e-2  # vanishes in every seed
    assert ratios[3].min() > 10  # explodes in every seed
    assert np.all((ratios[2] > 0.1) & (ratios[2] < 100))  # neither, over fifty steps
    expected = np.exp(np.mean(np.log(ratios), axis=1) / 50)
    np.testing.assert_allclose(factors, expected, rtol=1e-6)


def test_exercise_output_size_formula(result):
    values = result(f"{CHAPTER}/07_check_output_shapes").values
    assert values["mismatches"] == 0 and values["n_cases"] == 24
    for n, k, stride, padding, formula, keras_size in values["cases"]:
        if padding == "valid":  # p = 0 in floor((n + 2p - k) / s) + 1
            assert formula == (n - k) // stride + 1
        else:  # "same": ceil(n / s), the input size for stride 1
            assert formula == -(-n // stride)
        assert formula == keras_size


def test_exercise_lecture_cnn_parameters(result):
    values = result(f"{CHAPTER}/08_count_lecture_cnn").values
    assert values["formula_total"] == values["keras_total"] == 1_250_858
    assert 0.9 < values["dense_share"] < 0.97
