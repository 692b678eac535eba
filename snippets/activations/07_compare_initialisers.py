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
# n inputs, m units, as Keras draws RandomNormal(stddev=1.0), "uniform" (±0.05) and
# "glorot_uniform". Keras's "he_normal" is a normal cut off at 2 sigma, with sigma =
# sqrt(2 / n) / 0.8796 so that its variance is 2 / n: a normal of variance 2 / n here.
initialisers = {
    "unit_normal": lambda rng, n, m: rng.normal(0.0, 1.0, (n, m)),
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
figure, axes = plt.subplots(2, 2, figsize=(10, 7), sharex=True, layout="constrained")
for column, (activation, (g, g_prime)) in enumerate(activations.items()):
    for colour, (name, initialiser) in enumerate(initialisers.items()):
        case = f"{name}_{activation}"
        runs = [measure(initialiser, g, g_prime, seed) for seed in seeds]
        activation_change[case] = [forward[-1] / forward[0] for forward, _ in runs]
        gradient_change[case] = [backward[0] / backward[-1] for _, backward in runs]
        for index, run in enumerate(runs):
            for row, scale in enumerate(run):  # activations, then gradients
                label = None if index else name
                axes[row, column].semilogy(scale, f"C{colour}", lw=0.8, label=label)
    for row, what in enumerate(["activations", "gradient"]):
        axes[row, column].set(title=f"{activation}: {what}", ylabel=f"{what} (RMS)")
    axes[1, column].set_xlabel("layer")
axes[0, 1].legend()
plt.show()


def round_out(values):  # [min, max] to two significant digits, rounded outwards
    low, high = min(values), max(values)
    a, b = (10.0 ** (np.floor(np.log10(v)) - 1) for v in (low, high))  # 2nd digit
    return [float(np.floor(low / a) * a), float(np.ceil(high / b) * b)]


activation_range = {case: round_out(v) for case, v in activation_change.items()}
gradient_range = {case: round_out(v) for case, v in gradient_change.items()}
print(f"after {depth} layers: scale at the end / at the start (range over seeds)")
print(f"{'case':<17} {'activations':>19} {'gradients':>19}")
for case in activation_change:
    forward = "{:.2g} to {:.2g}".format(*activation_range[case])
    backward = "{:.2g} to {:.2g}".format(*gradient_range[case])
    print(f"{case:<17} {forward:>19} {backward:>19}")
