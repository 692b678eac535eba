"""The hand-written gradient against TensorFlow's automatic differentiation.

The same network is built in Keras (in float64), given the same weights, and
differentiated with `tf.GradientTape`. The NumPy backpropagation of the previous listing
is repeated so that the script runs on its own.
"""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))
weights_rng = np.random.default_rng(1)
parameters = {
    "W1": weights_rng.normal(0.0, 1.0, size=(1, 16)),
    "b1": np.zeros(16),
    "W2": weights_rng.normal(0.0, 0.25, size=(16, 1)),
    "b2": np.zeros(1),
}


def backpropagate(p, x, y):
    h = np.tanh(x @ p["W1"] + p["b1"])
    delta2 = 2.0 * (h @ p["W2"] + p["b2"] - y) / len(x)
    delta1 = (delta2 @ p["W2"].T) * (1.0 - h**2)
    return {
        "W1": x.T @ delta1,
        "b1": delta1.sum(0),
        "W2": h.T @ delta2,
        "b2": delta2.sum(0),
    }


# --8<-- [start:tape]
model = keras.Sequential(
    [
        keras.Input(shape=(1,), dtype="float64"),
        keras.layers.Dense(16, activation="tanh", dtype="float64"),
        keras.layers.Dense(1, dtype="float64"),
    ]
)
model.set_weights([parameters[name] for name in ["W1", "b1", "W2", "b2"]])

with tf.GradientTape() as tape:
    loss = keras.losses.MeanSquaredError(dtype="float64")(y, model(x))
tape_gradients = tape.gradient(loss, model.trainable_variables)
# --8<-- [end:tape]

gradients = backpropagate(parameters, x, y)
relative_errors = {}
for name, tape_gradient in zip(gradients, tape_gradients, strict=True):
    tape_gradient = tape_gradient.numpy()
    difference = np.linalg.norm(gradients[name] - tape_gradient)
    relative_errors[name] = float(difference / np.linalg.norm(tape_gradient))
    print(f"{name}: relative error {relative_errors[name]:.1e}")

max_relative_error = max(relative_errors.values())
print(f"Largest relative error, NumPy against GradientTape: {max_relative_error:.1e}")
