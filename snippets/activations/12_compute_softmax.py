"""Softmax in NumPy, naive and numerically stable, against Keras.

softmax(z)_i = exp(z_i) / sum_j exp(z_j) turns a vector of scores (logits) into
probabilities. Subtracting max(z) first changes nothing mathematically, since the factor
exp(-max z) cancels, but it keeps exp from overflowing.
"""

import keras
import numpy as np


# --8<-- [start:softmax]
def naive_softmax(z):
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))  # the largest exponent is exp(0) = 1
    return e / e.sum(axis=-1, keepdims=True)


# --8<-- [end:softmax]

rng = np.random.default_rng(0)
logits = rng.normal(0.0, 3.0, size=(1000, 10))
keras_softmax = keras.ops.convert_to_numpy(keras.ops.softmax(logits.astype("float32")))
keras_difference = float(np.max(np.abs(softmax(logits) - keras_softmax)))
naive_difference = float(np.max(np.abs(naive_softmax(logits) - softmax(logits))))
row_sum_error = float(np.max(np.abs(softmax(logits).sum(axis=-1) - 1.0)))
shift_difference = float(np.max(np.abs(softmax(logits + 100.0) - softmax(logits))))

large = np.array([1000.0, 999.0, 990.0])  # logits this large are not unusual
with np.errstate(over="ignore", invalid="ignore"):
    naive_large = naive_softmax(large)
stable_large = softmax(large)
keras_large = keras.ops.convert_to_numpy(keras.ops.softmax(large.astype("float32")))
naive_fails = bool(np.all(np.isnan(naive_large)))
large_difference = float(np.max(np.abs(stable_large - keras_large)))

print(f"1000 rows of 10 logits: largest |NumPy - Keras| = {keras_difference:.1e}")
print(
    f"naive against stable: {naive_difference:.1e}; rows sum to 1 within {row_sum_error:.0e}"
)
print(f"softmax(z + 100) against softmax(z): {shift_difference:.1e}")
print("logits", large)
print("naive  ", naive_large)
print("stable ", stable_large.round(6))
print("Keras  ", keras_large.round(6))
