"""How far back does the gradient reach? SimpleRNN against LSTM, measured.

For new (untrained) layers, tf.GradientTape gives the gradient of a loss on the last
output with respect to the input k steps earlier, over five seeds.

Figure: Gradient norm with respect to the input k steps before the end, relative to the
last step, on a log scale; one thin line per seed. The simple cell's and the default
LSTM's fall by orders of magnitude; with its forget gates open the LSTM's does not.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

steps, units, distance = 60, 16, 50


def gradient_by_distance(layer, x):
    """Norm of d(loss)/d(x_t) for t = T-1, T-2, ..., relative to the last step."""
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_mean(layer(x) ** 2)  # depends on the last hidden state only
    grad = tape.gradient(loss, x).numpy()[:, ::-1, 0]  # (batch, distance k)
    norm = np.sqrt(np.mean(grad**2, axis=0))
    return norm / norm[0]


forget_bias = {"SimpleRNN": None, "LSTM": 1.0, "LSTM_open": 4.0}  # 1 is Keras's default
curves = {name: [] for name in forget_bias}
for seed in range(5):
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
print(f"gradient {distance} steps back / gradient at the last step, five seeds")
for name, ratios in gradient_at_50.items():
    print(f"{name:<10}" + " ".join(f"{r:9.1e}" for r in ratios))

plt.figure(figsize=(8, 4))
for color, (name, runs) in zip(["C0", "C1", "C2"], curves.items(), strict=True):
    label = (
        name
        if forget_bias[name] is None
        else f"LSTM, forget bias {forget_bias[name]:g}"
    )
    for seed, curve in enumerate(runs):
        plt.plot(curve, color=color, linewidth=0.8, label=label if seed == 0 else None)
plt.yscale("log")
plt.xlabel("distance k in time steps (input at step T - k)")
plt.ylabel("gradient norm / norm at k = 0")
plt.legend()
plt.show()
