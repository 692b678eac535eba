"""Recurrent cells in NumPy, checked against Keras's SimpleRNN, LSTM and GRU.

Each cell's update is written out from the equations on the page, run over a short
sequence with the weights of a Keras layer, and compared with the layer's output. The
parameter count of each layer is computed by formula and compared with Keras's.
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
n_inputs, n_units, n_steps = 3, 5, 7
sequence = (
    np.random.default_rng(0).normal(size=(1, n_steps, n_inputs)).astype("float32")
)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


# --8<-- [start:cells]
def simple_rnn_step(x, h, c, W, U, b):
    return np.tanh(x @ W + h @ U + b), c


def lstm_step(x, h, c, W, U, b):  # Keras orders the gates i, f, candidate, o
    i, f, g, o = np.split(x @ W + h @ U + b, 4, axis=-1)
    c = sigmoid(f) * c + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


def gru_step(x, h, c, W, U, b):  # Keras orders the gates z, r, candidate
    xz, xr, xh = np.split(x @ W + b[0], 3, axis=-1)
    hz, hr, hh = np.split(h @ U + b[1], 3, axis=-1)
    z, r = sigmoid(xz + hz), sigmoid(xr + hr)
    return z * h + (1 - z) * np.tanh(xh + r * hh), c


# --8<-- [end:cells]

steps = {"SimpleRNN": simple_rnn_step, "LSTM": lstm_step, "GRU": gru_step}
formulas = {
    "SimpleRNN": n_units * (n_inputs + n_units + 1),
    "LSTM": 4 * n_units * (n_inputs + n_units + 1),
    "GRU": 3 * n_units * (n_inputs + n_units + 2),  # two biases per gate, see the page
}
max_difference, parameter_counts = {}, {}
for name, step in steps.items():
    layer = getattr(keras.layers, name)(n_units, bias_initializer="random_normal")
    keras_output = keras.ops.convert_to_numpy(layer(sequence))
    W, U, b = layer.get_weights()
    h = c = np.zeros((1, n_units))
    for t in range(n_steps):
        h, c = step(sequence[:, t], h, c, W, U, b)
    max_difference[name] = float(np.max(np.abs(h - keras_output)))
    parameter_counts[name] = {"formula": formulas[name], "keras": layer.count_params()}
    print(
        f"{name:<9} parameters: formula {formulas[name]:>3}, Keras "
        f"{layer.count_params():>3}; largest |NumPy - Keras| = {max_difference[name]:.1e}"
    )
largest_difference = max(max_difference.values())
