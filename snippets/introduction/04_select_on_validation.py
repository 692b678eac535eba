"""Exercise solution: why the test set is used only once.

The labels are coin flips, so no model can do better than 50 % on new data. Out of 500
models that guess at random, the one with the best validation accuracy still looks
good on the validation set: choosing it used that set. Only the untouched test set
tells the truth about it. Five seeds draw five such experiments.
"""

import numpy as np

n_val, n_test, n_models = 100, 1000, 500
seeds = [0, 1, 2, 3, 4]
chosen_validation, chosen_test, all_test = [], [], []
for seed in seeds:
    rng = np.random.default_rng(seed)
    y_val = rng.integers(0, 2, size=n_val)
    y_test = rng.integers(0, 2, size=n_test)
    # Each "model" is a fixed random guess for every example of both sets.
    val_guesses = rng.integers(0, 2, size=(n_models, n_val))
    test_guesses = rng.integers(0, 2, size=(n_models, n_test))
    val_accuracy = (val_guesses == y_val).mean(axis=1)
    test_accuracy = (test_guesses == y_test).mean(axis=1)

    best = int(np.argmax(val_accuracy))  # selection on the validation set
    chosen_validation.append(float(val_accuracy[best]))
    chosen_test.append(float(test_accuracy[best]))
    all_test.append(float(test_accuracy.mean()))
    print(
        f"seed {seed}: model {best:3d} chosen, validation {val_accuracy[best]:.2f}, "
        f"test {test_accuracy[best]:.3f}"
    )

best_validation_accuracy = float(np.mean(chosen_validation))
best_test_accuracy = float(np.mean(chosen_test))
validation_sd, test_sd = float(np.std(chosen_validation)), float(np.std(chosen_test))
mean_test_accuracy = float(np.mean(all_test))
optimism = [v - t for v, t in zip(chosen_validation, chosen_test, strict=True)]
print(f"chosen model, validation: {best_validation_accuracy:.3f} ± {validation_sd:.3f}")
print(f"chosen model, test:       {best_test_accuracy:.3f} ± {test_sd:.3f}")
print(f"all {n_models} models, test: {mean_test_accuracy:.3f}")
smallest_optimism = min(optimism)
print(f"smallest optimism over the seeds: {smallest_optimism:.3f}")
