"""Exercise solution: the learning rate does not matter when the weights start at zero.

Every update adds a multiple of the learning rate to the weights. Starting from zero,
the weights are then always the learning rate times the same vector, and the sign of
z = w0 + x1 w1 + x2 w2, which is all the step function looks at, does not change.
"""

import numpy as np
from sklearn.datasets import load_iris

iris = load_iris()
keep = iris.target < 2
x, y = iris.data[keep][:, [0, 3]], iris.target[keep]


def train_from_zero(learning_rate, epochs=10):
    rng = np.random.default_rng(0)  # the same order of examples for every rate
    weights = np.zeros(3)
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(x)):
            update = learning_rate * (y[i] - int(weights[0] + x[i] @ weights[1:] >= 0))
            weights[0] += update
            weights[1:] += update * x[i]
            mistakes += int(update != 0)
        errors.append(mistakes)
    return weights, errors


rates = [0.001, 0.1, 10.0]
runs = {rate: train_from_zero(rate) for rate in rates}
errors_by_rate = {str(rate): errors for rate, (_, errors) in runs.items()}
for rate, (weights, errors) in runs.items():
    print(f"rate {rate:>6}: mistakes {errors}, weights / rate {weights / rate}")
same_errors = all(errors == errors_by_rate["0.1"] for errors in errors_by_rate.values())
scaled_weights_difference = float(
    max(np.max(np.abs(w / rate - runs[0.1][0] / 0.1)) for rate, (w, _) in runs.items())
)
print(f"same mistakes for every rate: {same_errors}")
