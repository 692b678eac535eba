"""The losses that Keras has, checked against NumPy.

Keras averages over the last axis where the table sums, and its hinge losses use a
margin of 1 with targets in {0, 1} turned into {-1, +1}. With those conventions the
NumPy formulas give the same numbers as `keras.losses`.
"""

import keras
import numpy as np

rng = np.random.default_rng(2)
classes = 4
y = np.eye(classes)[rng.integers(0, classes, size=64)]  # one-hot targets
o = rng.normal(size=(64, classes))  # raw outputs (logits)
prob = np.exp(o) / np.exp(o).sum(axis=-1, keepdims=True)  # softmax
p = 1 / (1 + np.exp(-o))  # one sigmoid per output, for binary cross-entropy

numpy_versions = {
    "mean squared error": np.mean((y - o) ** 2, axis=-1),
    "mean absolute error": np.mean(np.abs(y - o), axis=-1),
    "binary cross-entropy": -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p), -1),
    "categorical cross-entropy": -np.sum(y * np.log(prob), axis=-1),
    "hinge": np.mean(np.maximum(0, 1 - (2 * y - 1) * o), axis=-1),
    "squared hinge": np.mean(np.maximum(0, 1 - (2 * y - 1) * o) ** 2, axis=-1),
}

# --8<-- [start:keras]
keras_versions = {
    "mean squared error": keras.losses.mean_squared_error(y, o),
    "mean absolute error": keras.losses.mean_absolute_error(y, o),
    "binary cross-entropy": keras.losses.binary_crossentropy(y, p),
    "categorical cross-entropy": keras.losses.categorical_crossentropy(y, prob),
    "hinge": keras.losses.hinge(y, o),
    "squared hinge": keras.losses.squared_hinge(y, o),
}
# --8<-- [end:keras]

max_difference = {}
for name, expected in numpy_versions.items():
    computed = keras.ops.convert_to_numpy(keras_versions[name])
    max_difference[name] = float(np.max(np.abs(computed - expected)))
    print(f"{name:<26} largest |Keras - NumPy| = {max_difference[name]:.1e}")

largest_difference = max(max_difference.values())
print(f"Largest difference over all six losses: {largest_difference:.1e}")
