"""Exercise 1 solution: Nesterov momentum in NumPy, checked against Keras.

Nesterov's variant evaluates the momentum step one step ahead. Keras writes it as
v <- beta v - lr g, then w <- w + beta v - lr g, with the gradient taken at the
current weights. Both versions take 50 steps on the Rosenbrock function, from five
random starting points around (-1.2, 1).
"""

import keras
import numpy as np


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def nesterov(g, s, lr, beta=0.9):
    s["v"] = beta * s.get("v", 0.0) - lr * g
    return beta * s["v"] - lr * g


learning_rate = 1e-3
seeds = [0, 1, 2, 3, 4]  # one random start per seed
relative_differences = []
for seed in seeds:
    start = np.array([-1.2, 1.0]) + np.random.default_rng(seed).normal(0, 0.1, size=2)
    p, state = start, {}
    variable = keras.Variable(p, dtype="float64")
    optimizer = keras.optimizers.SGD(learning_rate, momentum=0.9, nesterov=True)
    for _ in range(50):
        p = p + nesterov(gradient(p), state, lr=learning_rate)
        g = gradient(keras.ops.convert_to_numpy(variable))
        optimizer.apply([keras.ops.convert_to_tensor(g)], [variable])
    keras_p = keras.ops.convert_to_numpy(variable)
    relative_differences.append(float(np.max(np.abs(keras_p - p) / np.abs(p))))
    print(f"seed {seed}: NumPy {p.round(6)}  Keras {keras_p.round(6)}")
nesterov_relative_difference = max(relative_differences)
print(
    f"largest relative difference over five starts {nesterov_relative_difference:.1e}"
)
