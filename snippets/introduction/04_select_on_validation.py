"""Exercise solution: why the test set is used only once.

The labels are coin flips, so no model can do better than 50 % on new data. Out of 500
models that guess at random, the one with the best validation accuracy still looks
good on the validation set: choosing it used that set. Only the untouched test set
tells the truth about it.
"""

import numpy as np

rng = np.random.default_rng(1)
n_val, n_test, n_models = 100, 1000, 500
y_val = rng.integers(0, 2, size=n_val)
y_test = rng.integers(0, 2, size=n_test)

# Each "model" is a fixed random guess for every example of both sets.
val_guesses = rng.integers(0, 2, size=(n_models, n_val))
test_guesses = rng.integers(0, 2, size=(n_models, n_test))
val_accuracy = (val_guesses == y_val).mean(axis=1)
test_accuracy = (test_guesses == y_test).mean(axis=1)

best = int(np.argmax(val_accuracy))
best_validation_accuracy = float(val_accuracy[best])
best_test_accuracy = float(test_accuracy[best])
mean_test_accuracy = float(test_accuracy.mean())
print(f"model {best} has the best validation accuracy: {best_validation_accuracy:.2f}")
print(f"the same model on the test set:           {best_test_accuracy:.2f}")
print(f"mean test accuracy of all {n_models} models:   {mean_test_accuracy:.3f}")
