"""Claims of docs/keras.md, checked against its snippets."""

import logging
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

CHAPTER = "keras_api"
PAGE = Path(__file__).resolve().parents[1] / "docs" / "keras.md"


def test_keras_3_on_the_tensorflow_backend(result):
    values = result(f"{CHAPTER}/01_check_backend").values
    assert values["backend"] == "tensorflow"
    assert values["keras_version"].startswith("3.")
    assert values["tensorflow_version"].startswith("2.")


def test_blocks_compose_into_one_model(result):
    values = result(f"{CHAPTER}/02_compose_blocks").values
    assert values["block_names"][:2] == ["block_64", "block_32"]
    # 20*64+64 + 64*64+64 + 64*32+32 + 32*32+32 + 32*1+1
    assert values["parameter_count"] == 8673
    assert values["dense_config"]["units"] == 8
    # The page says the printed three keys are a subset of a config that rebuilds the layer.
    assert values["config_size"] == len(values["config_keys"]) > 3
    assert {"units", "activation", "use_bias", "kernel_initializer"} <= set(values["config_keys"])
    assert (values["rebuilt_units"], values["rebuilt_activation"]) == (8, "tanh")


def test_custom_activation_and_layer_train(result, namespace):
    values = result(f"{CHAPTER}/03_extend_layer").values
    assert values["bent_identity_at_zero"] == pytest.approx(0.0)
    assert values["in_keras"] is False  # the page says Keras does not ship it
    assert values["loss_last"] < 0.05 * values["loss_first"]
    bent_identity = namespace(f"{CHAPTER}/03_extend_layer")["bent_identity"]
    x = np.linspace(-5, 5, 11)
    expected = x + (np.sqrt(x**2 + 1) - 1) / 2
    np.testing.assert_allclose(np.asarray(bent_identity(x)), expected, rtol=1e-6, atol=1e-6)


def test_three_ways_give_the_same_model(result, namespace):
    values = result(f"{CHAPTER}/04_build_three_ways").values
    counts = values["parameter_counts"]
    assert set(counts) == {"sequential_list", "sequential_add", "functional", "subclassed"}
    assert set(counts.values()) == {4 * 16 + 16 + 16 * 3 + 3}
    assert max(values["max_prediction_difference"].values()) < 1e-6
    # Independently: the functional model equals the formula relu(x W1 + b1) W2 + b2, softmax.
    ns = namespace(f"{CHAPTER}/04_build_three_ways")
    w1, b1, w2, b2 = ns["functional"].get_weights()
    logits = np.maximum(ns["x"] @ w1 + b1, 0) @ w2 + b2
    softmax = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    for model in ns["models"].values():
        np.testing.assert_allclose(model.predict(ns["x"], verbose=0), softmax, atol=1e-5)


def test_boston_housing_loads(result):
    values = result(f"{CHAPTER}/05_load_boston_housing").values
    assert values["train_shape"] == [404, 13] and values["test_shape"] == [102, 13]


def test_mnist_loads(result):
    values = result(f"{CHAPTER}/06_load_mnist").values
    assert values["train_shape"] == [60000, 28, 28] and values["test_shape"] == [10000, 28, 28]


def test_cifar10_loads(result):
    values = result(f"{CHAPTER}/07_load_cifar10").values
    assert values["train_shape"] == [50000, 32, 32, 3]
    assert values["test_shape"] == [10000, 32, 32, 3]


def test_imdb_loads_with_num_words(result):
    values = result(f"{CHAPTER}/08_load_imdb").values
    assert values["train_count"] == 25000 and values["test_count"] == 25000
    assert values["largest_index"] < 20000


def test_offline_stand_ins(result, namespace):
    values = result(f"{CHAPTER}/09_load_offline_data").values
    assert values["shapes"] == {
        "diabetes": [442, 10],
        "digits": [1797, 8, 8],
        "breast_cancer": [569, 30],
        "sequences": [2000],
    }
    ns = namespace(f"{CHAPTER}/09_load_offline_data")
    for words, label in zip(ns["sequences"], ns["y_sequences"], strict=True):
        signal = [w for w in words if w < 30]
        assert len(signal) == 3
        assert all((10 <= w < 20) == bool(label) for w in signal)


def test_padding_and_one_hot(result, namespace):
    values = result(f"{CHAPTER}/10_pad_and_encode").values
    assert values["padded_shape"] == [3, 80]
    assert values["kept_first"] == 21  # 100 words cut to the last 80: starts at 21
    assert values["one_hot_shape"] == [4, 10]
    ns = namespace(f"{CHAPTER}/10_pad_and_encode")
    assert ns["padded"][0].tolist() == [0] * 77 + [5, 12, 7]
    np.testing.assert_array_equal(ns["one_hot"], np.eye(10)[[0, 3, 9, 3]])


def test_split_and_training_only_scaling(result):
    values = result(f"{CHAPTER}/11_split_and_scale").values
    assert (values["train_size"], values["test_size"]) == (296, 146)  # 442 rows, a third held
    assert values["train_mean"] < 1e-10
    assert values["train_std"] == pytest.approx(1.0, abs=1e-9)
    assert 0.02 < values["test_mean"] < 0.5  # the test set is not centred exactly


def test_binary_mlp(result, namespace):
    values = result(f"{CHAPTER}/12_train_binary_mlp").values
    assert values["test_accuracy"] >= 0.93
    assert values["threshold_accuracy"] == pytest.approx(values["test_accuracy"], abs=1e-6)
    model = namespace(f"{CHAPTER}/12_train_binary_mlp")["model"]
    assert [layer.units for layer in model.layers] == [12, 8, 1]
    init = model.layers[0].kernel_initializer.get_config()
    assert (init["minval"], init["maxval"]) == (-0.05, 0.05)


def test_multiclass_mlp(result):
    assert result(f"{CHAPTER}/13_train_multiclass_mlp").values["test_accuracy"] >= 0.93


@pytest.mark.claim("docs/keras.md", "in every seed the network's error is at most")
def test_regression_mlp_beats_the_mean(result):
    values = result(f"{CHAPTER}/14_train_regression_mlp").values
    assert len(values["seeds"]) == 5
    network, baseline = values["network_mae"], values["baseline_maes"]
    assert values["test_mae"] == pytest.approx(np.mean(network))
    assert values["baseline_mae"] == pytest.approx(np.mean(baseline))
    # "in every seed the network's error is at most ... of the baseline's"
    ratios = np.divide(network, baseline)
    assert values["largest_ratio"] == pytest.approx(ratios.max())
    assert ratios.max() < 0.85
    assert values["test_mae"] < 0.8 * values["baseline_mae"]
    # and the gap dwarfs the spread over seeds
    assert values["baseline_mae"] - values["test_mae"] > 2 * (
        values["test_mae_sd"] + values["baseline_sd"]
    )
    assert values["test_mae_sd"] == pytest.approx(np.std(network, ddof=1))


@pytest.mark.claim("docs/keras.md", "the network does no better than a straight line")
def test_regression_mlp_is_no_better_than_a_linear_fit(result):
    values = result(f"{CHAPTER}/14_train_regression_mlp").values
    difference = np.subtract(values["network_mae"], values["linear_maes"])  # paired per split
    assert np.allclose(difference, values["network_minus_linear"])
    # "no better": the network's mean error is not below the line's by more than one unit
    assert difference.mean() > -1.0
    assert values["linear_mae"] == pytest.approx(np.mean(values["linear_maes"]))


def test_cnn(result):
    values = result(f"{CHAPTER}/15_train_cnn").values
    assert values["flatten_size"] == 2 * 2 * 64
    conv = (9 * 1 * 32 + 32) + (9 * 32 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 64 + 64)
    assert values["parameter_count"] == conv + (256 * 512 + 512) + (512 * 10 + 10)
    assert values["test_accuracy"] >= 0.93


def test_rnn(result):
    values = result(f"{CHAPTER}/16_train_rnn").values
    assert values["test_accuracy"] >= 0.9
    # truncation at the front cuts signal words from some sequences, as the page says
    assert 100 < values["truncated"] < 250
    assert 0 < values["fewer_than_three"] < values["truncated"]
    assert 80 < values["longest"] <= 122  # 20-119 noise words and three signal words


def test_inspect_and_rebuild(result):
    values = result(f"{CHAPTER}/17_inspect_model").values
    assert values["output_shape"] == [None, 1]
    assert values["parameter_count"] == 8 * 12 + 12 + 12 + 1
    assert values["difference_before"] > 0.01
    assert values["difference_after"] < 1e-6
    assert "small_mlp" in result(f"{CHAPTER}/17_inspect_model").stdout


def test_fit_history_evaluate_predict(result, namespace):
    run = result(f"{CHAPTER}/18_compile_fit_predict")
    assert run.values["test_accuracy"] >= 0.93
    assert len(run.figures) == 1
    ns = namespace(f"{CHAPTER}/18_compile_fit_predict")
    # validation data from the training part; the test set is only evaluated, at the end
    assert len(ns["x_fit"]) + len(ns["x_val"]) == len(ns["x_train"])
    assert ns["history"].history["val_accuracy"][-1] > 0.9  # the caption's "above 0.9"
    assert set(ns["history"].history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert len(ns["history"].history["loss"]) == 15
    assert np.mean(ns["predicted"] == ns["y_test"]) == pytest.approx(ns["test_accuracy"], abs=1e-6)


@pytest.mark.claim("docs/keras.md", "in every one of the five seeds")
def test_validation_split_takes_the_last_rows(result):
    values = result(f"{CHAPTER}/19_compare_validation_split").values
    assert values["held_out_classes"] == [7, 8, 9]
    assert len(values["seeds"]) == 5
    original, ordered = values["original_order"], values["sorted_order"]
    assert values["shuffled_val_accuracy"] == pytest.approx(np.mean(original))
    assert values["sorted_val_accuracy"] == pytest.approx(np.mean(ordered))
    assert values["shuffled_sd"] == pytest.approx(np.std(original, ddof=1))
    assert values["shuffled_val_accuracy"] >= 0.8
    assert values["sorted_val_accuracy"] <= 0.2
    # "drops ... in every one of the five seeds": each sorted run is below each original one.
    assert max(ordered) < 0.2 < 0.75 < min(original)


def test_save_and_reload_keep_predictions(result):
    values = result(f"{CHAPTER}/20_save_and_reload").values
    assert values["saved_files"] == ["model.keras", "model.weights.h5"]
    assert values["reload_difference"] == 0.0
    assert values["weights_difference"] == 0.0


def test_callbacks_stop_early_and_restore_the_best(result):
    run = result(f"{CHAPTER}/21_fine_tune_callbacks")
    values = run.values
    assert values["epochs_run"] < 200
    assert values["epochs_run"] == values["best_epoch"] + 2  # patience=2
    assert values["restored_val_loss"] == pytest.approx(values["best_val_loss"], rel=1e-4)
    assert values["checkpoint_val_loss"] == pytest.approx(values["best_val_loss"], rel=1e-4)
    rates = sorted(set(values["learning_rates"]), reverse=True)
    assert rates[0] == pytest.approx(0.05) and len(rates) >= 2
    np.testing.assert_allclose(rates, [0.05 * 0.5**k for k in range(len(rates))], rtol=1e-5)
    assert len(run.figures) == 1


def migration_table_rows():
    """(old code, new code, old line's outcome) of each row of the page's migration table."""
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    start = lines.index("| Keras 2 (lecture) | Keras 3 | Old line in Keras 3 | Why |")
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split(" | ")]
        rows.append((cells[0].strip("`"), cells[1].strip("`"), cells[2].replace("`", "")))
    return rows


def outcome(code, env):
    """'runs', 'runs, warns' or 'fails: <exception type>', as the table's third column says."""

    class Collect(logging.Handler):  # Keras logs some deprecations instead of warning
        def emit(self, record):
            logged.append(record)

    logged, handler = [], Collect(level=logging.WARNING)
    logging.getLogger().addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exec(code, env)  # noqa: S102 - the table's own lines
    except Exception as error:
        return f"fails: {type(error).__name__}"
    finally:
        logging.getLogger().removeHandler(handler)
    caught = [w for w in caught if not issubclass(w.category, DeprecationWarning)]
    return "runs, warns" if caught or logged else "runs"


def run_in_fresh_process(code):
    """GPUs must be configured before TensorFlow uses them, so the GPU lines run alone."""
    script = f"import tensorflow as tf\ntry:\n    {code}\n" + (
        "except Exception as error:\n    print('fails:', type(error).__name__)\n"
        "else:\n    print('runs')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr


def table_env(namespace):
    import keras
    import tensorflow as tf

    prepare = namespace(f"{CHAPTER}/22_run_migration_lines")["prepare"]
    old_names = {
        "Sequential": keras.Sequential,
        "Dense": keras.layers.Dense,
        "Conv2D": keras.layers.Conv2D,
        "RMSprop": keras.optimizers.RMSprop,
    }
    return {"np": np, "keras": keras, "tf": tf, **old_names, **prepare()}


def test_migration_table_matches_its_snippet(result):
    values = result(f"{CHAPTER}/22_run_migration_lines").values
    rows = migration_table_rows()
    assert len(rows) == len(values["new_lines"]) == 13
    assert [new for _, new, _ in rows] == list(values["new_lines"].values())
    assert values["failed_new_lines"] == []
    assert set(values["new_outcome"].values()) == {"runs"}
    assert values["saved_files"] == ["model.weights.h5", "model_file.keras", "saved_model_dir"]


def test_every_new_line_of_the_page_table_runs(namespace, tmp_path, monkeypatch):
    """Each Keras 3 cell of the table, executed here in the order of the table."""
    monkeypatch.chdir(tmp_path)
    env = table_env(namespace)
    for _, new, _ in migration_table_rows():
        if "set_memory_growth" in new:
            assert run_in_fresh_process(new) == "runs"
        else:
            assert outcome(new, env) == "runs", new
    assert env["x_padded"].shape == (2, 80)
    assert env["labels"].shape == (4,)
    assert float(env["optimizer"].learning_rate.numpy()) == pytest.approx(0.001)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["model.weights.h5", "model_file.keras", "saved_model_dir"]
    assert (tmp_path / "saved_model_dir" / "saved_model.pb").is_file()
    assert env["vectorizer"](["the cat ran"]).shape == (1, 3)


def test_old_lines_of_the_page_table_do_what_it_says(namespace, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rows = migration_table_rows()
    for old, _, said in rows:
        if "ConfigProto" in old:
            got = run_in_fresh_process(old)
        else:
            got = outcome(old, table_env(namespace))
        assert got == said, f"{old}: the page says '{said}', Keras 3 gives '{got}'"
    assert sum(said.startswith("fails") for _, _, said in rows) == 8


def test_exercise_lecture_example_parameters(result):
    values = result(f"{CHAPTER}/23_convert_lecture_example").values
    assert values["parameter_counts"] == [25450, 25450]
    assert values["expected"] == 25450


def test_exercise_custom_callback_stops_at_target(result):
    values = result(f"{CHAPTER}/24_write_custom_callback").values
    assert values["stopped_at"] is not None and values["stopped_at"] < 100
    assert values["final_val_accuracy"] >= 0.95
