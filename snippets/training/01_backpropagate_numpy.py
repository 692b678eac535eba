"""Backpropagation by hand in NumPy, checked with finite differences.

A two-layer network (one input, 16 tanh units, one linear output) fits y = sin(x) with
the mean squared error. Its gradient, written out with the chain rule, is compared with
central finite differences of the loss for every weight.
"""

import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def init_parameters(rng, hidden=16):
    """Weights drawn from normal distributions, biases zero."""
    return {
        "W1": rng.normal(0.0, 1.0, size=(1, hidden)),
        "b1": np.zeros(hidden),
        "W2": rng.normal(0.0, 0.25, size=(hidden, 1)),
        "b2": np.zeros(1),
    }


# --8<-- [start:backprop]
def forward(p, x):
    h = np.tanh(x @ p["W1"] + p["b1"])  # hidden layer, z1 = x W1 + b1
    return h, h @ p["W2"] + p["b2"]  # linear output, y_hat = h W2 + b2


def loss(p, x, y):
    return float(np.mean((forward(p, x)[1] - y) ** 2))


def backpropagate(p, x, y):
    h, y_hat = forward(p, x)
    delta2 = 2.0 * (y_hat - y) / len(x)  # dJ/dy_hat
    delta1 = (delta2 @ p["W2"].T) * (1.0 - h**2)  # dJ/dz1, tanh' = 1 - tanh²
    return {
        "W1": x.T @ delta1,
        "b1": delta1.sum(0),
        "W2": h.T @ delta2,
        "b2": delta2.sum(0),
    }


# --8<-- [end:backprop]


parameters = init_parameters(np.random.default_rng(1))
gradients = backpropagate(parameters, x, y)

# --8<-- [start:check]
step = 1e-6
relative_errors = {}
for name, weights in parameters.items():
    estimate = np.zeros_like(weights)
    for index in np.ndindex(weights.shape):
        original = weights[index]
        weights[index] = original + step
        loss_plus = loss(parameters, x, y)
        weights[index] = original - step
        loss_minus = loss(parameters, x, y)
        weights[index] = original
        estimate[index] = (loss_plus - loss_minus) / (2 * step)
    difference = np.linalg.norm(gradients[name] - estimate)
    relative_errors[name] = float(difference / np.linalg.norm(estimate))
    print(f"{name}: relative error {relative_errors[name]:.1e}")
# --8<-- [end:check]

finite_difference_error = max(relative_errors.values())
initial_loss = loss(parameters, x, y)
print(f"Loss at the initial weights: {initial_loss:.3f}")
