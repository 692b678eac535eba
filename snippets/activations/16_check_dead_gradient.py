"""Exercise 8 solution: a dead ReLU unit gets no gradient; a Leaky ReLU unit still does.

A hidden layer of 4 units reads 100 inputs in [0, 1]; unit 0's bias is set to -10, so
its weighted sum is negative for every input. GradientTape gives the loss's gradient
with respect to each unit's incoming weights, with ReLU and with Leaky ReLU.
"""

import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
x = np.random.default_rng(0).uniform(0, 1, size=(100, 3)).astype("float32")
y = x.sum(axis=1, keepdims=True)

gradient_norms = {}
for name, activation in [
    ("ReLU", keras.layers.ReLU()),
    ("Leaky ReLU", keras.layers.LeakyReLU(0.1)),
]:
    hidden = keras.layers.Dense(4)
    model = keras.Sequential(
        [keras.Input(shape=(3,)), hidden, activation, keras.layers.Dense(1)]
    )
    kernel, bias = hidden.get_weights()
    bias[0] = -10.0  # unit 0: negative weighted sum for every input
    hidden.set_weights([kernel, bias])
    with tf.GradientTape() as tape:
        loss = keras.ops.mean((model(x) - y) ** 2)
    kernel_gradient = tape.gradient(loss, hidden.kernel).numpy()
    gradient_norms[name] = np.linalg.norm(kernel_gradient, axis=0).tolist()  # per unit
    print(
        f"{name:<10} |gradient| of each unit's weights:",
        np.round(gradient_norms[name], 4),
    )

dead_unit_gradient = gradient_norms["ReLU"][0]
leaky_unit_gradient = gradient_norms["Leaky ReLU"][0]
