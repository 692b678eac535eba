"""Exercise: can scaling its recurrent matrix make a simple cell remember?

The recurrent matrix U of a new SimpleRNN is multiplied by a factor; tf.GradientTape
measures the gradient 50 steps back, relative to the last step, over five seeds.
"""

import keras
import numpy as np
import tensorflow as tf

steps, units, distance = 60, 16, 50
scales = [0.5, 1.0, 1.5, 2.0]
seeds = [0, 1, 2, 3, 4]
gradient_at_50 = [[] for scale in scales]  # one list of five seeds per scale
for seed in seeds:
    keras.utils.set_random_seed(seed)
    x = tf.constant(np.random.default_rng(seed).normal(size=(32, steps, 1)), "float32")
    for ratios, scale in zip(gradient_at_50, scales, strict=True):
        layer = keras.layers.SimpleRNN(units)
        layer.build((None, steps, 1))
        kernel, recurrent, bias = layer.get_weights()
        layer.set_weights([kernel, scale * recurrent, bias])
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_mean(layer(x) ** 2)
        grad = tape.gradient(loss, x).numpy()[:, ::-1, 0]  # (batch, distance k)
        norm = np.sqrt(np.mean(grad**2, axis=0))
        ratios.append(float(norm[distance] / norm[0]))

# the factor by which the gradient changes per step, geometric mean over the seeds
per_step_factor = [float(np.exp(np.mean(np.log(r)) / distance)) for r in gradient_at_50]
print(f"U scaled by   gradient {distance} steps back / at the last step (five seeds)")
for scale, ratios, factor in zip(scales, gradient_at_50, per_step_factor, strict=True):
    print(f"{scale:>11}   " + " ".join(f"{r:8.1e}" for r in ratios), end="")
    print(f"   x{factor:.2f} per step")
