"""The same training in Keras: `model.fit` with the SGD optimizer.

The NumPy loop and Keras start from the same weights and see the batches in the same
order (no shuffling), with the layers in float64. After 20 epochs with batch sizes 200
and 20 they end with the same weights, to the precision of the float32 that Keras keeps
for its optimizer (the default float type, `keras.config.floatx()`).
"""

import keras
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))
weights_rng = np.random.default_rng(1)
initial = {
    "W1": weights_rng.normal(0.0, 1.0, size=(1, 16)),
    "b1": np.zeros(16),
    "W2": weights_rng.normal(0.0, 0.25, size=(16, 1)),
    "b2": np.zeros(1),
}


def train_numpy(batch_size, learning_rate=0.03, epochs=20):
    p = {name: value.copy() for name, value in initial.items()}
    for _epoch in range(epochs):
        for start in range(0, len(x), batch_size):  # batches in order, no shuffling
            xb, yb = x[start : start + batch_size], y[start : start + batch_size]
            h = np.tanh(xb @ p["W1"] + p["b1"])
            delta2 = 2.0 * (h @ p["W2"] + p["b2"] - yb) / len(xb)
            delta1 = (delta2 @ p["W2"].T) * (1.0 - h**2)
            gradients = [xb.T @ delta1, delta1.sum(0), h.T @ delta2, delta2.sum(0)]
            for name, gradient in zip(p, gradients, strict=True):
                p[name] -= learning_rate * gradient
    return p


# --8<-- [start:keras]
def train_keras(batch_size, learning_rate=0.03, epochs=20):
    model = keras.Sequential(
        [
            keras.Input(shape=(1,), dtype="float64"),
            keras.layers.Dense(16, activation="tanh", dtype="float64"),
            keras.layers.Dense(1, dtype="float64"),
        ]
    )
    model.set_weights(list(initial.values()))
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=learning_rate),
        loss=keras.losses.MeanSquaredError(dtype="float64"),
    )
    history = model.fit(
        x, y, batch_size=batch_size, epochs=epochs, shuffle=False, verbose=0
    )
    return model, history.history["loss"]


# --8<-- [end:keras]


weight_difference = {}
final_loss = {}
for batch_size in [200, 20]:
    model, losses = train_keras(batch_size)
    numpy_weights = train_numpy(batch_size)
    weight_difference[batch_size] = max(
        float(np.max(np.abs(keras_value - numpy_value)))
        for keras_value, numpy_value in zip(
            model.get_weights(), numpy_weights.values(), strict=True
        )
    )
    final_loss[batch_size] = losses[-1]
    print(
        f"batch size {batch_size:>3}: last epoch's loss {losses[-1]:.4f},"
        f" largest weight difference {weight_difference[batch_size]:.1e}"
    )
max_weight_difference = max(weight_difference.values())
