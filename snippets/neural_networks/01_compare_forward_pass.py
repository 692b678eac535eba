"""A deep network's forward pass in NumPy, checked against Keras.

Two hidden layers, written as the lecture's equations in matrix form: z = a W + b, then
a = g(z). The same weights are copied into a Keras `Sequential` model, whose `predict`
gives the same outputs.
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
sizes = [4, 8, 6, 3]  # inputs, two hidden layers, outputs


# --8<-- [start:numpy]
def relu(z):
    return np.maximum(z, 0.0)


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# One (w, b) per layer: w has n_{k-1} rows and n_k columns, b has n_k entries.
weights = [
    (rng.normal(0, 0.5, size=(n_in, n_out)), rng.normal(0, 0.1, size=n_out))
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False)
]


def forward(x):
    a = x
    for k, (w, b) in enumerate(weights):
        z = a @ w + b  # every unit of layer k sees every output of layer k - 1
        a = softmax(z) if k == len(weights) - 1 else relu(z)
    return a


# --8<-- [end:numpy]

# --8<-- [start:keras]
model = keras.Sequential(
    [
        keras.Input(shape=(sizes[0],)),
        keras.layers.Dense(sizes[1], activation="relu"),
        keras.layers.Dense(sizes[2], activation="relu"),
        keras.layers.Dense(sizes[3], activation="softmax"),
    ]
)
for layer, (w, b) in zip(model.layers, weights, strict=True):
    layer.set_weights([w, b])  # Keras stores the kernel as (inputs, units), like w
# --8<-- [end:keras]

x = rng.normal(size=(100, sizes[0]))
numpy_output = forward(x)
keras_output = model.predict(x, verbose=0)
max_abs_difference = float(np.max(np.abs(numpy_output - keras_output)))
print("First three rows, NumPy:\n", numpy_output[:3].round(4))
print("First three rows, Keras:\n", keras_output[:3].round(4))
print(f"Largest |NumPy - Keras| over 100 inputs: {max_abs_difference:.1e}")
