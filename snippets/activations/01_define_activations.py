"""Activation functions and their derivatives in NumPy.

The nine activations of the lecture's table, each with its derivative written by hand,
evaluated on a grid and drawn side by side.

Figure: One panel per activation, for x from -4 to 4: the function f(x) as a solid line
and its derivative f'(x) as a dashed line. PReLU uses a slope of 0.25 for negative
inputs and ELU uses alpha = 1.
"""

import matplotlib.pyplot as plt
import numpy as np

prelu_alpha = 0.25  # PReLU learns this slope; here it is fixed to draw the curve
elu_alpha = 1.0


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


# name: (f, f'), following the table on the page
activations = {
    "identity": (lambda x: x, lambda x: np.ones_like(x)),
    "binary step": (lambda x: np.where(x >= 0, 1.0, 0.0), lambda x: np.zeros_like(x)),
    "logistic": (sigmoid, lambda x: sigmoid(x) * (1.0 - sigmoid(x))),
    "tanh": (np.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
    "arctan": (np.arctan, lambda x: 1.0 / (x**2 + 1.0)),
    "ReLU": (lambda x: np.where(x >= 0, x, 0.0), lambda x: np.where(x >= 0, 1.0, 0.0)),
    "PReLU": (
        lambda x: np.where(x >= 0, x, prelu_alpha * x),
        lambda x: np.where(x >= 0, 1.0, prelu_alpha),
    ),
    "ELU": (
        lambda x: np.where(x >= 0, x, elu_alpha * (np.exp(x) - 1.0)),
        lambda x: np.where(x >= 0, 1.0, elu_alpha * np.exp(x)),
    ),
    "SoftPlus": (lambda x: np.logaddexp(0.0, x), sigmoid),
}

x = np.linspace(-4, 4, 401)
figure, axes = plt.subplots(3, 3, figsize=(9, 7.5), sharex=True)
for axis, (name, (f, f_prime)) in zip(axes.flat, activations.items(), strict=True):
    axis.plot(x, f(x), label="f(x)")
    axis.plot(x, f_prime(x), linestyle="--", label="f'(x)")
    axis.set_title(name)
    axis.axhline(0, linewidth=0.5, color="0.6")
for axis in axes[-1]:
    axis.set_xlabel("x")
axes[0, 0].legend(loc="upper left")
figure.tight_layout()
plt.show()

# A few values to read off the table: f at x = -2, 0 and 2
sample_points = [-2.0, 0.0, 2.0]
sample_values = {
    name: f(np.array(sample_points)).round(4).tolist()
    for name, (f, _) in activations.items()
}
print(f"{'activation':<12} " + " ".join(f"f({p:+.0f})".rjust(9) for p in sample_points))
for name, row in sample_values.items():
    print(f"{name:<12} " + " ".join(f"{value:9.4f}" for value in row))
