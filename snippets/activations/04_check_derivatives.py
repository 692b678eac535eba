"""Exercise 1 solution: check hand-written derivatives with finite differences.

The central difference (f(x + h) - f(x - h)) / 2h approximates f'(x) with an error of
order h². Where it agrees with the formula from the table to many digits, the formula is
right.
"""

import numpy as np


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


pairs = {
    "logistic": (sigmoid, lambda x: sigmoid(x) * (1.0 - sigmoid(x))),
    "tanh": (np.tanh, lambda x: 1.0 - np.tanh(x) ** 2),
    "arctan": (np.arctan, lambda x: 1.0 / (x**2 + 1.0)),
    "SoftPlus": (lambda x: np.logaddexp(0.0, x), sigmoid),
}

x = np.linspace(-4, 4, 81)
step = 1e-5
finite_difference_error = {}
for name, (f, f_prime) in pairs.items():
    estimate = (f(x + step) - f(x - step)) / (2 * step)
    error = float(np.max(np.abs(estimate - f_prime(x))))
    finite_difference_error[name] = error
    print(f"{name:<9} largest |finite difference - formula| = {error:.1e}")

max_finite_difference_error = max(finite_difference_error.values())
