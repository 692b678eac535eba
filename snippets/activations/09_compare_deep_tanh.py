"""Tanh in depth: Glorot, He and N(0, 1) initialisation over 100 layers.

The measurement of the previous listing, for tanh only and 100 layers of 128 units deep,
with the factor n Var(w) E[g'(z)^2] by which each layer multiplies the gradient's mean
square. Five seeds for each initialiser.

Figure: Scale (root mean square) of the activations (left) and of the backpropagated
gradient (right) at each of 100 tanh layers, on a log scale; one thin line per seed and
one colour per initialiser.
"""

import matplotlib.pyplot as plt
import numpy as np

depth, width, batch = 100, 128, 32
seeds = [0, 1, 2, 3, 4]
initialisers = {
    "unit_normal": lambda rng, n, m: rng.normal(0.0, 1.0, (n, m)),
    "glorot": lambda rng, n, m: rng.uniform(-1, 1, (n, m)) * np.sqrt(6 / (n + m)),
    "he": lambda rng, n, m: rng.normal(0.0, np.sqrt(2 / n), (n, m)),
}


def rms(values):
    return float(np.sqrt(np.mean(values**2)))


def measure(initialiser, seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(batch, width))
    layers, activation_scale = [], [rms(a)]
    for _ in range(depth):
        w = initialiser(rng, width, width)
        a = np.tanh(a @ w)
        layers.append((w, 1.0 - a**2))  # tanh'(z) = 1 - tanh(z)^2
        activation_scale.append(rms(a))
    delta = rng.normal(size=(batch, width))
    gradient_scale = [rms(delta)]
    for w, slope in reversed(layers):
        delta = (delta * slope) @ w.T
        gradient_scale.append(rms(delta))
    # per layer: n Var(w) E[g'(z)^2], the expected factor on the gradient's mean square
    factor = [width * np.var(w) * np.mean(slope**2) for w, slope in layers]
    return activation_scale, gradient_scale[::-1], factor


scale = {}  # initialiser: per seed, [activation scales, gradient scales, factors]
figure, axes = plt.subplots(1, 2, figsize=(10, 4), sharex=True, layout="constrained")
for colour, (name, initialiser) in enumerate(initialisers.items()):
    scale[name] = [measure(initialiser, seed) for seed in seeds]
    for index, (forward, backward, _) in enumerate(scale[name]):
        axes[0].semilogy(forward, f"C{colour}", lw=0.8, label=None if index else name)
        axes[1].semilogy(backward, f"C{colour}", lw=0.8)
for axis, what in zip(axes, ["activations", "gradient"], strict=True):
    axis.set(title=f"tanh: {what}", xlabel="layer", ylabel=f"{what} (RMS)")
axes[0].legend()
plt.show()


def round_out(values):  # [min, max] to two significant digits, rounded outwards
    low, high = min(values), max(values)
    a, b = (10.0 ** (np.floor(np.log10(v)) - 1) for v in (low, high))  # 2nd digit
    return [float(np.floor(low / a) * a), float(np.ceil(high / b) * b)]


# Change over the 100 layers (the gradient: at the input / at the last layer)
activation_range = {
    k: round_out([f[depth] / f[0] for f, _, _ in v]) for k, v in scale.items()
}
gradient_range = {
    k: round_out([b[0] / b[depth] for _, b, _ in v]) for k, v in scale.items()
}
first_factor = {k: float(np.mean([c[:10] for *_, c in v])) for k, v in scale.items()}
last_factor = {k: float(np.mean([c[-10:] for *_, c in v])) for k, v in scale.items()}
unit_normal_slope_square = first_factor["unit_normal"] / width  # E[g'(z)^2], Var(w) = 1
print(f"after {depth} layers (range over seeds), and n Var(w) E[g'(z)^2] per layer")
print(
    f"{'initialiser':<12} {'activations':>15} {'gradient':>19} {'first 10':>9} {'last 10':>8}"
)
for k in scale:
    forward = "{:.2g} to {:.2g}".format(*activation_range[k])
    backward = "{:.2g} to {:.2g}".format(*gradient_range[k])
    print(
        f"{k:<12} {forward:>15} {backward:>19} {first_factor[k]:9.2f} {last_factor[k]:8.2f}"
    )
