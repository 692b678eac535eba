"""Claims of docs/topologies.md, checked against its snippets."""

import keras
import numpy as np
import pytest
from scipy import stats

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


def _forecasts(result):
    run = result(f"{CHAPTER}/02_forecast_series")
    mse = {name: np.asarray(errors) for name, errors in run.values["test_mse"].items()}
    assert set(mse) == {*RECURRENT, "AR10"}
    assert all(errors.shape == (5,) for errors in mse.values())  # five seeds
    return run, mse


def test_recurrent_forecast_summaries(result):
    run, mse = _forecasts(result)
    naive = np.asarray(run.values["naive_mse"])
    assert run.values["noise_mse"] == pytest.approx(0.01)
    assert run.values["naive_mean"] == pytest.approx(naive.mean())
    for name, errors in mse.items():
        assert run.values["mean_mse"][name] == pytest.approx(errors.mean()), name
        assert run.values["sd_mse"][name] == pytest.approx(errors.std(ddof=1)), name
    every_run = np.concatenate(list(mse.values()))
    assert run.values["floor_ratio"] == pytest.approx(
        [every_run.min() / 0.01, every_run.max() / 0.01]
    )
    for name in RECURRENT:
        assert run.values["p_vs_ar"][name] == pytest.approx(
            stats.ttest_rel(mse[name], mse["AR10"]).pvalue
        )
    assert len(run.figures) == 1
    assert f"{run.values['mean_mse']['LSTM']:.4f}" in run.stdout


@pytest.mark.claim("docs/topologies.md", "beat the naive forecast")
def test_networks_beat_the_naive_forecast_in_every_seed(result):
    run, mse = _forecasts(result)
    naive = np.asarray(run.values["naive_mse"])
    for name in RECURRENT:
        assert np.all(mse[name] <= run.values["worst_vs_naive"] * naive + 1e-12), name
    assert run.values["worst_vs_naive"] < 0.75


@pytest.mark.claim("docs/topologies.md", "No model reaches the noise variance")
def test_no_model_reaches_the_noise_variance(result):
    run, mse = _forecasts(result)
    for name, errors in mse.items():  # "between ... and ... times it": well above
        assert np.all(errors > 1.5 * run.values["noise_mse"]), name
    # "the AR(10) fit ... has an error about twice the noise variance"
    assert 1.5 < mse["AR10"].mean() / run.values["noise_mse"] < 2.5


@pytest.mark.claim("docs/topologies.md", "a little behind it, never ahead of it")
def test_networks_are_level_with_the_autoregression(result):
    run, mse = _forecasts(result)
    for name in RECURRENT:
        ratio = mse[name] / mse["AR10"]
        assert np.allclose(run.values["ratio_to_ar"][name], ratio, atol=1e-4)
        # "in every seed each network's error lies within 30 % of the AR(10) fit's"
        assert np.all(np.abs(ratio - 1) < 0.3), (name, ratio)
        # "a paired t-test ... finds no network with a lower error than the AR(10) fit"
        p = stats.ttest_rel(mse[name], mse["AR10"]).pvalue
        assert not (mse[name].mean() < mse["AR10"].mean() and p < 0.05), (name, p)


@pytest.mark.claim("docs/topologies.md", "Between the three cells the result is a tie")
def test_the_three_cells_tie(result):
    _, mse = _forecasts(result)
    # "no two means differ by more than twice their pooled standard deviation"
    for a in RECURRENT:
        for b in RECURRENT:
            pooled_sd = np.sqrt((mse[a].var(ddof=1) + mse[b].var(ddof=1)) / 2)
            assert abs(mse[a].mean() - mse[b].mean()) < 2 * pooled_sd, (a, b)
    # "no cell has the lowest error in every seed"
    best = {min(RECURRENT, key=lambda name: mse[name][i]) for i in range(5)}
    assert len(best) > 1


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


@pytest.mark.claim("docs/topologies.md", "of the predictions are within 5")
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


def _gradients(result):
    run = result(f"{CHAPTER}/09_measure_recurrent_gradients")
    at_50 = {name: np.asarray(r) for name, r in run.values["gradient_at_50"].items()}
    reach = {name: np.asarray(k) for name, k in run.values["reach"].items()}
    assert set(at_50) == set(reach) == {"SimpleRNN", "LSTM_zero", "LSTM", "LSTM_open"}
    assert all(r.shape == (5,) for r in [*at_50.values(), *reach.values()])  # five seeds
    for name, ratios in at_50.items():
        assert run.values["gradient_range"][name] == [ratios.min(), ratios.max()]
        assert run.values["reach_range"][name] == [reach[name].min(), reach[name].max()]
    assert len(run.figures) == 1
    return at_50, reach


@pytest.mark.claim("docs/topologies.md", "A new LSTM with Keras's defaults does no better")
def test_gradients_vanish_in_simple_cells_and_default_lstms(result):
    at_50, _ = _gradients(result)
    # "between ... and ... of the last step's": vanished, in every seed
    assert at_50["SimpleRNN"].max() < 1e-2
    # "does no better ... the same orders of magnitude as the simple cell's": vanished in
    # every seed, geometric means within a factor of 30 of each other
    assert at_50["LSTM"].max() < 1e-2
    gap = np.mean(np.log(at_50["LSTM"])) - np.mean(np.log(at_50["SimpleRNN"]))
    assert abs(gap) < np.log(30)


@pytest.mark.claim("docs/topologies.md", "It remembers a few steps longer, not fifty.")
def test_the_default_forget_bias_buys_a_few_steps(result):
    _, reach = _gradients(result)
    # "longer in every seed" than with a bias of zero, and "a few steps", far from fifty
    assert np.all(reach["LSTM"] > reach["LSTM_zero"])
    assert reach["LSTM"].max() < 25 and reach["SimpleRNN"].max() < 25


@pytest.mark.claim("docs/topologies.md", "in none of the five seeds does the gradient vanish")
def test_open_forget_gates_keep_the_gradient(result):
    at_50, reach = _gradients(result)
    assert at_50["LSTM_open"].min() > 0.1
    assert np.all(reach["LSTM_open"] == 60)  # never below a tenth over the 60 steps


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


@pytest.mark.claim("docs/topologies.md", "below a certain scale it vanishes, above it it explodes")
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


@pytest.mark.claim("docs/topologies.md", "With the mask, padding at the end or at the front")
def test_masked_padding_does_not_change_the_output(result, namespace):
    run = result(f"{CHAPTER}/11_mask_padded_sequences")
    values = run.values
    assert set(values["differences"]) == {
        f"{name}, {padding}-padded"
        for name in ["masked", "unmasked"]
        for padding in ["post", "pre"]
    }
    assert values["masked_difference"] < 1e-5  # float32 rounding
    assert values["unmasked_difference"] > 1e-2  # the zeros are read as a word
    assert values["lstm_parameters"] == 4 * 6 * (8 + 6 + 1)
    assert values["bidirectional_parameters"] == 2 * values["lstm_parameters"]
    # Independently: new weights, a sentence padded in the middle of a longer batch.
    ns = namespace(f"{CHAPTER}/11_mask_padded_sequences")
    keras.utils.set_random_seed(3)
    model = ns["bidirectional_model"](True)
    sentence = np.array([[4, 9, 2, 15, 1]])
    padded = np.array([[4, 9, 2, 15, 1, 0, 0, 0, 0, 0, 0, 0]])
    np.testing.assert_allclose(
        model.predict_on_batch(padded), model.predict_on_batch(sentence), atol=1e-5
    )


@pytest.mark.claim("docs/topologies.md", "the real 0.0 is skipped too")
def test_exercise_masking_skips_a_real_zero(result):
    values = result(f"{CHAPTER}/12_mask_float_series").values
    assert values["padding_difference"] < 1e-5
    assert values["real_zero_difference"] < 1e-5  # as if the step had been removed
    assert values["shifted_difference"] > 1e-3  # a value of 0.001 is read


@pytest.mark.claim("docs/topologies.md", "beyond it the distance does not matter")
def test_attention_reaches_every_step_alike(result):
    run = result(f"{CHAPTER}/13_attend_across_steps")
    values = run.values
    at_50 = {name: np.asarray(r) for name, r in values["gradient_at_50"].items()}
    assert set(at_50) == {"attention", "SimpleRNN"}
    assert all(r.shape == (5,) for r in at_50.values())  # five seeds
    for name, ratios in at_50.items():
        assert values["gradient_range"][name] == [ratios.min(), ratios.max()]
    far = {name: np.asarray(r) for name, r in values["far_over_near"].items()}
    for name, ratios in far.items():
        assert values["far_range"][name] == [ratios.min(), ratios.max()]
    # the simple cell's has vanished, the attention layer's has not, in every seed
    assert at_50["SimpleRNN"].max() < 1e-2
    assert np.all(at_50["attention"] > 100 * at_50["SimpleRNN"])
    # "within a factor of two of the mean over the 20 nearest": no decay with distance
    assert np.all((far["attention"] > 0.5) & (far["attention"] < 2))
    assert far["SimpleRNN"].max() < 0.05
    assert len(run.figures) == 1


@pytest.mark.claim("docs/topologies.md", "self-attention is a function of the set of steps")
def test_exercise_attention_ignores_order_without_positions(result):
    values = result(f"{CHAPTER}/14_shuffle_attention_inputs").values
    assert values["equivariance_error"] < 1e-5
    assert values["positional_difference"] > 1e-2
