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


def test_recurrent_forecasts_beat_the_naive_forecast(result):
    run = result(f"{CHAPTER}/02_forecast_series")
    mse, naive, noise = run.values["test_mse"], run.values["naive_mse"], run.values["noise_mse"]
    assert set(mse) == set(RECURRENT)
    assert noise == pytest.approx(0.01)
    for name in RECURRENT:
        assert noise * 0.8 < mse[name] < 2.5 * noise, name  # close to the noise floor
        assert mse[name] < 0.6 * naive, name  # "by a wide margin"
    assert mse["LSTM"] < mse["SimpleRNN"] and mse["GRU"] < mse["SimpleRNN"]
    assert len(run.figures) == 1
    assert f"{mse['LSTM']:.4f}" in run.stdout


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


def test_cnn_reads_the_rotation_angle(result):
    run = result(f"{CHAPTER}/06_regress_ebsd_orientation")
    assert run.values["median_error_deg"] < 3.0
    assert run.values["fraction_within_5deg"] >= 0.9
    errors = np.asarray(run.values["errors"])
    assert errors.size == 500 and errors.max() <= 180
    assert np.median(errors) == pytest.approx(run.values["median_error_deg"])
    assert len(run.figures) == 1


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
