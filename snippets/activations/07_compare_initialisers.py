"""Weight initialisation: how the signal's scale changes through 15 dense layers.

Inputs pass through 15 dense layers of 128 units (biases zero, as at initialisation)
whose weights come from four initialisers: N(0, 1), the lecture's 'uniform' (Keras's
U(-0.05, 0.05)), Glorot uniform and He normal, with tanh and with ReLU. A random signal
is then sent back, multiplied at each layer by diag(g'(z)) and W transposed, as in
backpropagation. Five seeds for each case.

Figure: Scale (root mean square) of the activations (top) and of the backpropagated
gradient (bottom) at each layer, on a log scale; tanh left, ReLU right; one thin line per
seed and one colour per initialiser.
"""

import matplotlib.pyplot as plt
import numpy as np

depth, width, batch = 15, 128, 128
seeds = [0, 1, 2, 3, 4]
# --8<-- [start:initialisers]
# Weights for a layer with n inputs and m units, as Keras draws them for
# RandomNormal(stddev=1), "uniform" (±0.05), "glorot_uniform" (the default), "he_normal".
initialisers = {
    "normal": lambda rng, n, m: rng.normal(0.0, 1.0, (n, m)),
    "uniform": lambda rng, n, m: rng.uniform(-0.05, 0.05, (n, m)),
    "glorot": lambda rng, n, m: rng.uniform(-1, 1, (n, m)) * np.sqrt(6 / (n + m)),
    "he": lambda rng, n, m: rng.normal(0.0, np.sqrt(2 / n), (n, m)),
}
# --8<-- [end:initialisers]
activations = {
    "tanh": (np.tanh, lambda z: 1.0 - np.tanh(z) ** 2),
    "relu": (lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float)),
}


def rms(values):
    return float(np.sqrt(np.mean(values**2)))


# --8<-- [start:measure]
def measure(initialiser, g, g_prime, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(batch, width))
    layers, activation_scale = [], [rms(a)]
    for _ in range(depth):
        w = initialiser(rng, width, width)
        z = a @ w
        a = g(z)
        layers.append((w, g_prime(z)))
        activation_scale.append(rms(a))
    delta = rng.normal(size=(batch, width))  # the gradient arriving at the last layer
    gradient_scale = [rms(delta)]
    for w, slope in reversed(layers):
        delta = (delta * slope) @ w.T  # one layer back: diag(g'(z)), then W^T
        gradient_scale.append(rms(delta))
    return activation_scale, gradient_scale[::-1]  # both indexed by layer 0..depth


# --8<-- [end:measure]

activation_change, gradient_change = {}, {}  # last layer / input, and input / last
figure, axes = plt.subplots(
    2, 2, figsize=(10, 7), sharex=True, subplot_kw={"yscale": "log"}
)
for column, (activation, (g, g_prime)) in enumerate(activations.items()):
    for colour, (name, initialiser) in enumerate(initialisers.items()):
        case = f"{name}_{activation}"
        activation_change[case], gradient_change[case] = [], []
        for seed in seeds:
            forward, backward = measure(initialiser, g, g_prime, seed)
            activation_change[case].append(forward[-1] / forward[0])
            gradient_change[case].append(backward[0] / backward[-1])
            for row, scale in enumerate([forward, backward]):
                label = name if seed == seeds[0] else None
                axes[row, column].plot(scale, color=f"C{colour}", lw=0.8, label=label)
    axes[0, column].set_title(f"{activation}: activations")
    axes[1, column].set_title(f"{activation}: gradients")
    axes[1, column].set_xlabel("layer")
axes[0, 0].set_ylabel("scale of the activations (RMS)")
axes[1, 0].set_ylabel("scale of the gradient (RMS)")
axes[0, 1].legend()
figure.tight_layout()
plt.show()

# Smallest and largest change over the seeds, for each initialiser and activation
activation_range = {case: [min(v), max(v)] for case, v in activation_change.items()}
gradient_range = {case: [min(v), max(v)] for case, v in gradient_change.items()}
print(f"after {depth} layers: scale at the end / at the start (min to max over seeds)")
print(f"{'case':<15} {'activations':>21} {'gradients':>21}")
for case in activation_change:
    forward = "{:.1e} to {:.1e}".format(*activation_range[case])
    backward = "{:.1e} to {:.1e}".format(*gradient_range[case])
    print(f"{case:<15} {forward:>21} {backward:>21}")
