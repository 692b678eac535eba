"""Attention: one step from any input to the output, measured against a simple cell.

For new (untrained) layers, tf.GradientTape gives the gradient of a loss on the last
step's output with respect to the input k steps earlier, as in the listing on vanishing
gradients: a self-attention layer (MultiHeadAttention) against a SimpleRNN, five seeds.

Figure: Gradient norm with respect to the input k steps before the end, relative to the
last step, on a log scale; one thin line per seed. The simple cell's falls by orders of
magnitude; the attention layer's does not fall with the distance beyond the last step.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

steps, units, distance = 60, 16, 50
seeds = [0, 1, 2, 3, 4]


def gradient_by_distance(model, x):
    """Norm of d(loss)/d(x_t) for t = T-1, T-2, ..., relative to the last step."""
    x = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_mean(model(x) ** 2)  # the last step's output only
    grad = tape.gradient(loss, x).numpy()[:, ::-1, 0]  # (batch, distance k)
    norm = np.sqrt(np.mean(grad**2, axis=0))
    return norm / norm[0]


# --8<-- [start:model]
def self_attention():  # every step attends to every step; the last step's output
    inputs = keras.Input(shape=(steps, 1))
    h = keras.layers.Dense(units)(inputs)  # each step's value as a vector of 16
    attended = keras.layers.MultiHeadAttention(num_heads=2, key_dim=8)(h, h)
    return keras.Model(inputs, attended[:, -1])


# --8<-- [end:model]


curves = {"attention": [], "SimpleRNN": []}
for seed in seeds:
    keras.utils.set_random_seed(seed)
    x = np.random.default_rng(seed).normal(size=(32, steps, 1)).astype("float32")
    rnn = keras.Sequential(
        [keras.Input(shape=(steps, 1)), keras.layers.SimpleRNN(units)]
    )
    for name, model in [("attention", self_attention()), ("SimpleRNN", rnn)]:
        curves[name].append(gradient_by_distance(model, x))

gradient_at_50 = {n: [float(c[distance]) for c in runs] for n, runs in curves.items()}
# beyond the last step: the mean over the 20 farthest inputs over the 20 nearest
far_over_near = {
    n: [float(c[40:].mean() / c[1:21].mean()) for c in runs]
    for n, runs in curves.items()
}
gradient_range = {n: [min(r), max(r)] for n, r in gradient_at_50.items()}
far_range = {n: [min(r), max(r)] for n, r in far_over_near.items()}
print(f"gradient {distance} steps back / at the last step, five seeds")
for name, ratios in gradient_at_50.items():
    print(f"{name:<10}" + " ".join(f"{r:9.1e}" for r in ratios))
print("mean over k = 40..59 / mean over k = 1..20:")
for name, ratios in far_over_near.items():
    print(f"{name:<10}" + " ".join(f"{r:9.1e}" for r in ratios))

plt.figure(figsize=(8, 4))
for color, (name, runs) in zip(["C2", "C0"], curves.items(), strict=True):
    for i, curve in enumerate(runs):
        plt.plot(curve, color=color, linewidth=0.8, label=name if i == 0 else None)
plt.yscale("log")
plt.xlabel("distance k in time steps (input at step T - k)")
plt.ylabel("gradient norm / norm at k = 0")
plt.legend()
plt.show()
