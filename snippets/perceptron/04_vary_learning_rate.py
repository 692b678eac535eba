"""Exercise solution: the learning rate does not matter when the weights start at zero.

Every update adds a multiple of the learning rate to the weights. Starting from zero,
the weights are then always the learning rate times the same vector, and the sign of
z = w0 + x1 w1 + x2 w2, which is all the step function looks at, does not change.
Five seeds give five orders in which the examples are visited. The rates are powers of
two, so that multiplying by them is exact in floating point.
"""

import numpy as np
from sklearn.datasets import load_iris

iris = load_iris()
keep = iris.target < 2
x, y = iris.data[keep][:, [0, 3]], iris.target[keep]


def train_from_zero(learning_rate, seed, epochs=10):
    rng = np.random.default_rng(seed)  # the same order of examples for every rate
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


rates = [2.0**-10, 2.0**-3, 2.0**3]  # about 0.001, 0.1 and 10; powers of two
seeds = [0, 1, 2, 3, 4]
same_errors_by_seed, scaled_differences = [], []
for seed in seeds:
    runs = {rate: train_from_zero(rate, seed) for rate in rates}
    errors_by_rate = {str(rate): errors for rate, (_, errors) in runs.items()}
    same_errors_by_seed.append(
        all(
            errors == errors_by_rate[str(rates[1])]
            for errors in errors_by_rate.values()
        )
    )
    scaled_differences.append(
        max(
            np.max(np.abs(w / rate - runs[rates[1]][0] / rates[1]))
            for rate, (w, _) in runs.items()
        )
    )
    print(f"seed {seed}: mistakes per epoch {errors_by_rate[str(rates[1])]}")
    for rate, (weights, _) in runs.items():
        print(f"  rate {rate:>6}: weights / rate {np.round(weights / rate, 6)}")

same_errors = all(same_errors_by_seed)
scaled_weights_difference = float(max(scaled_differences))
print(
    f"same mistakes for every rate, in {sum(same_errors_by_seed)} of {len(seeds)} seeds"
)
print(f"largest difference of weights / rate: {scaled_weights_difference:.1e}")
