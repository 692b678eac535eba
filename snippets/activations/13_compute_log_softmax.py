"""Exercise 6 solution: two-class softmax is the logistic function; a stable log-softmax.

softmax([z, 0])_0 = exp(z) / (exp(z) + 1) = sigma(z). And log softmax(z)_i =
z_i - log sum_j exp(z_j), computed after subtracting max(z) (the log-sum-exp trick),
stays finite where log(softmax(z)) gives -inf.
"""

import keras
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def log_softmax(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


z = np.linspace(-30, 30, 601)
two_class = softmax(np.column_stack([z, np.zeros_like(z)]))[:, 0]
sigmoid_difference = float(np.max(np.abs(two_class - 1.0 / (1.0 + np.exp(-z)))))

logits = np.array([[1000.0, 0.0, -5.0], [2.0, 1.0, 0.1]])
with np.errstate(divide="ignore"):
    naive = np.log(softmax(logits))
stable = log_softmax(logits)
keras_log = keras.ops.convert_to_numpy(keras.ops.log_softmax(logits.astype("float32")))
naive_has_infinity = bool(np.isinf(naive).any())
log_softmax_difference = float(np.max(np.abs(stable - keras_log)))

print(f"two classes: largest |softmax - sigmoid| = {sigmoid_difference:.1e}")
print("log(softmax(z)):\n", naive)
print("log_softmax(z):\n", stable)
print(f"largest |NumPy - keras.ops.log_softmax| = {log_softmax_difference:.1e}")
