"""Exercise 3 solution: centring and scaling, one at a time.

The regression of the previous listing with its features only centred (mean 0) or only
scaled (standard deviation 1): each fixes one cause of the bad conditioning.
"""

import numpy as np

seeds = [0, 1, 2, 3, 4]


def make_data(seed, n=200):
    rng = np.random.default_rng(seed)
    features = rng.normal([5.0, -20.0, 50.0], [1.0, 5.0, 20.0], size=(n, 3))
    y = features @ np.array([1.0, -0.2, 0.05]) + rng.normal(0.0, 0.5, size=n)
    return features, y


def steps_to_converge(features, y, tolerance=1e-3, max_steps=100_000):
    X = np.column_stack([np.ones(len(features)), features])  # a column for the bias
    eigenvalues = np.linalg.eigvalsh(2.0 * X.T @ X / len(X))  # the Hessian's
    learning_rate = 1.0 / eigenvalues.max()  # half the critical 2 / λ_max
    best = np.mean((X @ np.linalg.lstsq(X, y)[0] - y) ** 2)  # the least-squares loss
    w = np.zeros(X.shape[1])
    start = np.mean(y**2) - best
    for step in range(1, max_steps + 1):
        w -= learning_rate * 2.0 * X.T @ (X @ w - y) / len(X)
        if np.mean((X @ w - y) ** 2) - best < tolerance * start:  # 99.9 % of the way
            return step, float(eigenvalues.max() / eigenvalues.min())
    return max_steps, float(eigenvalues.max() / eigenvalues.min())


transforms = {
    "raw": lambda f: f,
    "centred": lambda f: f - f.mean(0),
    "scaled": lambda f: f / f.std(0),
    "standardised": lambda f: (f - f.mean(0)) / f.std(0),
}
steps = {name: [] for name in transforms}
condition = {name: [] for name in transforms}
for seed in seeds:
    features, y = make_data(seed)
    for name, transform in transforms.items():
        n_steps, kappa = steps_to_converge(transform(features), y)
        steps[name].append(n_steps)
        condition[name].append(kappa)
median_steps = {name: float(np.median(v)) for name, v in steps.items()}
median_condition = {name: float(np.median(v)) for name, v in condition.items()}
print("median over the seeds: condition number of the Hessian, steps to converge")
for name in transforms:
    print(f"{name:>12}: {median_condition[name]:9.3g} {median_steps[name]:8.0f}")
