"""The same activations through Keras, checked against NumPy.

Keras has most of the lecture's activations as functions in `keras.activations` or as
layers; the binary step and arctan are not among them. Each Keras result is compared
with a NumPy version of the same formula on a grid of inputs.
"""

import keras
import numpy as np

x = np.linspace(-4, 4, 401).astype("float32")
prelu_alpha = 0.25


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


numpy_versions = {
    "identity": x,
    "logistic": sigmoid(x),
    "tanh": np.tanh(x),
    "ReLU": np.maximum(x, 0.0),
    "PReLU": np.where(x >= 0, x, prelu_alpha * x),
    "ELU": np.where(x >= 0, x, np.exp(x) - 1.0),
    "SoftPlus": np.logaddexp(0.0, x),
}

# --8<-- [start:keras]
prelu = keras.layers.PReLU(alpha_initializer=keras.initializers.Constant(prelu_alpha))
keras_versions = {
    "identity": keras.activations.linear(x),
    "logistic": keras.activations.sigmoid(x),
    "tanh": keras.activations.tanh(x),
    "ReLU": keras.activations.relu(x),
    "PReLU": prelu(x[:, None])[:, 0],  # a layer: its slope is a weight it can learn
    "ELU": keras.activations.elu(x, alpha=1.0),
    "SoftPlus": keras.activations.softplus(x),
}
# --8<-- [end:keras]

max_difference = {}
for name, expected in numpy_versions.items():
    computed = keras.ops.convert_to_numpy(keras_versions[name])
    max_difference[name] = float(np.max(np.abs(computed - expected)))
    print(f"{name:<9} largest |Keras - NumPy| = {max_difference[name]:.1e}")

largest_difference = max(max_difference.values())
print(f"Largest difference over all activations: {largest_difference:.1e}")
