"""Claims of docs/introduction.md, checked against its snippets."""

from pathlib import Path

import numpy as np
import pytest

CHAPTER = "introduction"
ROOT = Path(__file__).resolve().parent.parent


def test_ai_contains_ml_contains_dl(result):
    run = result(f"{CHAPTER}/01_draw_ai_ml_dl")
    assert run.values["nested_fields"] == [
        "Artificial intelligence",
        "Machine learning",
        "Deep learning",
    ]
    assert len(run.figures) == 1
    # Each ellipse lies inside the one around it (width and height shrink from out to in).
    sizes = [shape[:2] for shape in run.values["shapes"]]
    assert all(
        inner[0] < outer[0] and inner[1] < outer[1]
        for outer, inner in zip(sizes, sizes[1:], strict=False)
    )


def test_numpy_and_tensorflow_beat_the_python_loop(result):
    values = result(f"{CHAPTER}/02_time_matrix_product").values
    # Wall-clock speed-ups vary between runs and machines: loose floors only.
    assert values["numpy_speedup"] >= 10
    assert values["tensorflow_speedup"] >= 10
    assert values["loop_milliseconds"] > values["numpy_milliseconds"]
    assert values["max_difference"] < 1e-10  # the three products are the same numbers
    assert values["size"] == 100


def test_loop_matrix_product_is_a_matrix_product(namespace):
    matmul_loop = namespace(f"{CHAPTER}/02_time_matrix_product")["matmul_loop"]
    rng = np.random.default_rng(5)
    a, b = rng.normal(size=(7, 4)), rng.normal(size=(4, 3))
    np.testing.assert_allclose(np.array(matmul_loop(a.tolist(), b.tolist())), a @ b, atol=1e-12)


def test_split_sizes_and_stratification(result):
    run = result(f"{CHAPTER}/03_split_digits")
    values = run.values
    assert values["split_sizes"] == {"training": 1077, "validation": 360, "test": 360}
    assert (values["n_images"], values["n_pixels"]) == (1797, 64)
    assert values["max_fraction_deviation"] < 0.005
    assert values["unstratified_deviation"] > 2 * values["max_fraction_deviation"]
    assert len(run.figures) == 1


def test_split_uses_every_image_once(namespace):
    ns = namespace(f"{CHAPTER}/03_split_digits")
    parts = [ns["y_train"], ns["y_val"], ns["y_test"]]
    assert sum(len(part) for part in parts) == len(ns["labels"]) == 1797
    np.testing.assert_array_equal(np.bincount(np.concatenate(parts)), np.bincount(ns["labels"]))
    assert len(ns["x_train"]) == len(ns["y_train"])


@pytest.mark.claim(
    "docs/introduction.md", "In every seed its validation score beats its test score"
)
def test_exercise_selection_on_validation_is_optimistic(result):
    values = result(f"{CHAPTER}/04_select_on_validation").values
    assert len(values["seeds"]) == 5
    validation, test = values["chosen_validation"], values["chosen_test"]
    assert values["best_validation_accuracy"] == pytest.approx(np.mean(validation))
    assert values["best_test_accuracy"] == pytest.approx(np.mean(test))
    assert values["best_validation_accuracy"] >= 0.6
    assert values["best_test_accuracy"] == pytest.approx(0.5, abs=0.03)
    assert all(abs(t - 0.5) < 0.06 for t in test)  # chance in every seed
    assert values["mean_test_accuracy"] == pytest.approx(0.5, abs=0.02)
    # "In every seed its validation score beats its test score by at least ..."
    gaps = [v - t for v, t in zip(validation, test, strict=True)]
    assert values["smallest_optimism"] == pytest.approx(min(gaps))
    assert min(gaps) > 0.08


def test_exercise_loop_time_grows_like_n_cubed(result):
    run = result(f"{CHAPTER}/05_measure_loop_scaling")
    # The exercise times the loop the chapter shows (listing 02), line for line.
    loops = [
        (ROOT / "snippets" / CHAPTER / name).read_text(encoding="utf-8")
        for name in ["02_time_matrix_product.py", "05_measure_loop_scaling.py"]
    ]
    bodies = [
        text[text.index("def matmul_loop") :].split("\n\n\n")[0].split("\n", 1)[1] for text in loops
    ]
    assert bodies[0] == bodies[1]
    assert 2.3 <= run.values["loop_exponent"] <= 3.5
    assert all(
        loop > fast
        for loop, fast in zip(run.values["loop_seconds"], run.values["numpy_seconds"], strict=True)
    )
    assert len(run.figures) == 1


@pytest.mark.claim("docs/introduction.md", "which is ahead in every seed by at least")
def test_clusters_without_labels_agree_with_digits_but_trail_the_classifier(result, namespace):
    run = result(f"{CHAPTER}/06_cluster_digits")
    values = run.values
    assert len(values["seeds"]) == 5
    supervised, clustered = values["supervised_accuracy"], values["cluster_accuracy"]
    agreement = values["cluster_agreement"]
    assert values["mean_supervised"] == pytest.approx(np.mean(supervised))
    assert values["mean_cluster_accuracy"] == pytest.approx(np.mean(clustered))
    assert values["mean_agreement"] == pytest.approx(np.mean(agreement))
    # "far better than chance": every seed's adjusted Rand index well above 0 ...
    assert min(agreement) > 0.4
    # ... "against ... for the supervised classifier, which is ahead in every seed by at least"
    leads = np.subtract(supervised, clustered)
    assert values["smallest_lead"] == pytest.approx(leads.min())
    assert leads.min() > 0.1
    assert min(supervised) > 0.93
    # "in some seeds a digit names no cluster at all"
    assert any(values["digits_without_cluster"])
    assert len(run.figures) == 1
    # Independently: the adjusted Rand index of a random grouping is about 0.
    from sklearn.metrics import adjusted_rand_score

    ns = namespace(f"{CHAPTER}/06_cluster_digits")
    shuffled = np.random.default_rng(0).permutation(ns["labels"])
    assert abs(adjusted_rand_score(ns["labels"], shuffled)) < 0.02
    assert adjusted_rand_score(ns["labels"], ns["labels"]) == pytest.approx(1.0)


@pytest.mark.claim("docs/introduction.md", "changes the test accuracy by at most")
def test_scaler_leak_is_small_here(result):
    values = result(f"{CHAPTER}/07_fit_scaler_on_training").values
    honest, leaky = np.array(values["accuracy"]["honest"]), np.array(values["accuracy"]["leaky"])
    assert len(honest) == len(leaky) == len(values["seeds"]) == 5
    assert values["test_size"] == 188
    changed = np.rint((leaky - honest) * values["test_size"]).astype(int)
    assert values["samples_changed"] == changed.tolist()
    assert values["most_samples_changed"] == np.max(np.abs(changed))
    assert values["mean_difference"] == pytest.approx(np.mean(leaky - honest))
    assert values["sd_accuracy"]["honest"] == pytest.approx(np.std(honest, ddof=1))
    # "changes the test accuracy by at most ... tumours in any seed": a few samples at most,
    # well inside the seed-to-seed spread of the honest accuracy.
    assert values["most_samples_changed"] <= 3
    assert abs(values["mean_difference"]) < values["sd_accuracy"]["honest"]
    # "its means move by at most ... of a training standard deviation"
    assert values["max_shift"] == pytest.approx(max(values["largest_shift"]))
    assert values["max_shift"] < 0.2


@pytest.mark.claim(
    "docs/introduction.md", "mean moves much less from seed to seed than one fold's score"
)
def test_cross_validation_is_steadier_than_one_split(result):
    run = result(f"{CHAPTER}/08_cross_validate_folds")
    values = run.values
    folds = np.array(values["fold_scores"])
    assert folds.shape == (5, 5)  # (seed, fold)
    np.testing.assert_allclose(values["cross_validated"], folds.mean(axis=1))
    assert values["sd_single"] == pytest.approx(np.std(values["single_split"], ddof=1))
    assert values["sd_cross_validated"] == pytest.approx(np.std(folds.mean(axis=1), ddof=1))
    assert values["mean_fold_sd"] == pytest.approx(np.mean(np.std(folds, axis=1, ddof=1)))
    # "the five-fold mean moves much less from seed to seed than one fold's score does
    # within a seed"
    assert values["sd_cross_validated"] < values["mean_fold_sd"] / 1.5
    assert min(values["cross_validated"]) > 0.95
    assert len(run.figures) == 1


@pytest.mark.claim("docs/introduction.md", "in every seed the leak adds at least")
def test_exercise_feature_selection_leak(result):
    values = result(f"{CHAPTER}/09_select_features_leak").values
    leaky = np.array(values["accuracy"]["selected on all data"])
    honest = np.array(values["accuracy"]["selected inside each fold"])
    assert len(leaky) == len(honest) == 5
    assert values["smallest_gap"] == pytest.approx(np.min(leaky - honest))
    # Chance is 0.5: the honest estimate stays near it, the leaky one far above, every seed.
    assert abs(values["honest_accuracy"] - 0.5) < 0.08
    assert honest.max() < 0.68
    assert leaky.min() > 0.7
    assert values["smallest_gap"] > 0.15


def test_exercise_k_fold_by_hand(result):
    values = result(f"{CHAPTER}/10_write_k_fold").values
    assert values["largest_difference"] == 0.0
    assert values["tested_once"] is True
    assert len(values["by_hand"]) == 5
