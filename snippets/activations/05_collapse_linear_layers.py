"""Exercise 2 solution: a deep network with identity activations is one linear map.

Three Dense layers without non-linearity compute x W1 W2 W3 + (b1 W2 W3 + b2 W3 + b3): a
single matrix and a single bias, whatever the weights are (here the initial ones):
multiplying them out gives the same predictions as the network.
"""

import keras
import numpy as np

keras.utils.set_random_seed(3)
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(16, activation="linear"),
        keras.layers.Dense(16, activation="linear"),
        keras.layers.Dense(1, activation="linear"),
    ]
)
inputs = np.random.default_rng(3).normal(size=(200, 2)).astype("float32")

# Fold the three layers into one matrix and one bias, from the first layer to the last.
matrix = np.eye(2)
bias = np.zeros(2)
for layer in model.layers:
    kernel, layer_bias = layer.get_weights()
    bias = bias @ kernel + layer_bias
    matrix = matrix @ kernel

collapsed = inputs @ matrix + bias
network = model.predict(inputs, verbose=0)
collapse_error = float(np.max(np.abs(collapsed - network)))
print(f"One {matrix.shape} matrix and one bias reproduce the network:")
print(f"largest difference {collapse_error:.1e}")
