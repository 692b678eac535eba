"""Claims of docs/introduction.md, checked against its snippets."""

import numpy as np
import pytest

CHAPTER = "introduction"


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


def test_exercise_selection_on_validation_is_optimistic(result):
    values = result(f"{CHAPTER}/04_select_on_validation").values
    assert values["seeds"] == [0, 1, 2, 3, 4]
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
    assert 2.3 <= run.values["loop_exponent"] <= 3.5
    assert all(
        loop > fast
        for loop, fast in zip(run.values["loop_seconds"], run.values["numpy_seconds"], strict=True)
    )
    assert len(run.figures) == 1


def test_clusters_without_labels_agree_with_digits_but_trail_the_classifier(result, namespace):
    run = result(f"{CHAPTER}/06_cluster_digits")
    values = run.values
    assert values["seeds"] == [0, 1, 2, 3, 4]
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
