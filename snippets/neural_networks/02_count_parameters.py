"""Counting a dense network's parameters by formula and with Keras.

A dense layer from n_in units to n_out units has n_in * n_out weights and n_out biases.
Summing over the layers gives the same count as Keras's `count_params()`.
"""

import keras

architectures = {
    "lecture's MLP 784-32-10": [784, 32, 10],
    "two hidden layers 4-8-6-3": [4, 8, 6, 3],
    "XOR network 2-4-1": [2, 4, 1],
}


def count_by_formula(sizes):
    pairs = zip(sizes[:-1], sizes[1:], strict=False)
    return sum((n_in + 1) * n_out for n_in, n_out in pairs)


def build(sizes):
    layers = [keras.Input(shape=(sizes[0],))]
    layers += [keras.layers.Dense(n, activation="relu") for n in sizes[1:]]
    return keras.Sequential(layers)


formula_counts = {}
keras_counts = {}
for name, sizes in architectures.items():
    formula_counts[name] = count_by_formula(sizes)
    keras_counts[name] = build(sizes).count_params()
    print(
        f"{name:<26} formula {formula_counts[name]:>6}   Keras {keras_counts[name]:>6}"
    )

lecture_mlp_parameters = formula_counts["lecture's MLP 784-32-10"]
