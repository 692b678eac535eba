"""How far back does the gradient reach? SimpleRNN against LSTM, measured.

For new (untrained) layers, tf.GradientTape gives the gradient of a loss on the last
output with respect to the input k steps earlier, over five seeds; the LSTM with
forget-gate biases of 0, 1 (Keras's default) and 4.

Figure: Gradient norm with respect to the input k steps before the end, relative to the
last step, on a log scale; one thin line per seed. The simple cell's and the LSTM's
with forget bias 0 or 1 fall by orders of magnitude; with bias 4 the LSTM's does not.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

steps, units, distance = 60, 16, 50
seeds = [0, 1, 2, 3, 4]


def gradient_by_distance(layer, x):
    """Norm of d(loss)/d(x_t) for t = T-1, T-2, ..., relative to the last step."""
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_mean(layer(x) ** 2)  # depends on the last hidden state only
    grad = tape.gradient(loss, x).numpy()[:, ::-1, 0]  # (batch, distance k)
    norm = np.sqrt(np.mean(grad**2, axis=0))
    return norm / norm[0]


# the LSTM's forget-gate bias: 1 is Keras's default (unit_forget_bias=True)
forget_bias = {"SimpleRNN": None, "LSTM_zero": 0.0, "LSTM": 1.0, "LSTM_open": 4.0}
curves = {name: [] for name in forget_bias}
for seed in seeds:
    keras.utils.set_random_seed(seed)
    x = np.random.default_rng(seed).normal(size=(32, steps, 1)).astype("float32")
    for name, bias_f in forget_bias.items():
        layer = (
            keras.layers.SimpleRNN(units)
            if bias_f is None
            else keras.layers.LSTM(units)
        )
        layer.build((None, steps, 1))
        if bias_f is not None:  # the bias is stored as [input, forget, cell, output]
            kernel, recurrent, bias = layer.get_weights()
            bias[units : 2 * units] = bias_f
            layer.set_weights([kernel, recurrent, bias])
        curves[name].append(gradient_by_distance(layer, x))

gradient_at_50 = {
    name: [float(c[distance]) for c in runs] for name, runs in curves.items()
}
gradient_range = {name: [min(r), max(r)] for name, r in gradient_at_50.items()}
# how many steps back the gradient stays above a tenth of the last step's
reach = {
    name: [int(np.argmax(c < 0.1)) if c.min() < 0.1 else steps for c in runs]
    for name, runs in curves.items()
}
reach_range = {name: [min(k), max(k)] for name, k in reach.items()}
print(f"gradient {distance} steps back / gradient at the last step, five seeds")
for name, ratios in gradient_at_50.items():
    print(f"{name:<10}" + " ".join(f"{r:9.1e}" for r in ratios))
print("steps back until the gradient falls below 0.1 of the last step's")
for name, steps_back in reach.items():
    print(f"{name:<10}" + " ".join(f"{k:9d}" for k in steps_back))

plt.figure(figsize=(8, 4))
for color, (name, runs) in zip(["C0", "C3", "C1", "C2"], curves.items(), strict=True):
    label = (
        name
        if forget_bias[name] is None
        else f"LSTM, forget bias {forget_bias[name]:g}"
    )
    for i, curve in enumerate(runs):
        plt.plot(curve, color=color, linewidth=0.8, label=label if i == 0 else None)
plt.yscale("log")
plt.xlabel("distance k in time steps (input at step T - k)")
plt.ylabel("gradient norm / norm at k = 0")
plt.legend()
plt.show()
