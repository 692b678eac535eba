"""The NumPy update rules against `keras.optimizers`, step for step.

The six rules of the previous listing and the matching Keras optimizers, with the same
learning rates, take 50 steps each on the Rosenbrock function from (-1.2, 1). Keras
updates a `keras.Variable` in float64; the two paths must end at the same point.
"""

import keras
import numpy as np


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def sgd(g, s, lr):
    return -lr * g


def momentum(g, s, lr, beta=0.9):
    s["v"] = beta * s.get("v", 0.0) - lr * g
    return s["v"]


def adagrad(g, s, lr, eps=1e-7):
    s["G"] = s.get("G", 0.1) + g**2  # Keras starts the sum at 0.1
    return -lr * g / np.sqrt(s["G"] + eps)


def adadelta(g, s, lr=1.0, rho=0.95, eps=1e-7):
    s["Eg2"] = rho * s.get("Eg2", 0.0) + (1 - rho) * g**2
    dx = -np.sqrt(s.get("Edx2", 0.0) + eps) / np.sqrt(s["Eg2"] + eps) * g
    s["Edx2"] = rho * s.get("Edx2", 0.0) + (1 - rho) * dx**2
    return lr * dx


def rmsprop(g, s, lr, rho=0.9, eps=1e-7):
    s["Eg2"] = rho * s.get("Eg2", 0.0) + (1 - rho) * g**2
    return -lr * g / np.sqrt(s["Eg2"] + eps)


def adam(g, s, lr, beta_1=0.9, beta_2=0.999, eps=1e-7):
    t = s["t"] = s.get("t", 0) + 1
    s["m"] = beta_1 * s.get("m", 0.0) + (1 - beta_1) * g
    s["v"] = beta_2 * s.get("v", 0.0) + (1 - beta_2) * g**2
    step_size = lr * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
    return -step_size * s["m"] / (np.sqrt(s["v"]) + eps)


# --8<-- [start:keras]
optimizers = {  # name: (NumPy rule, Keras optimizer, learning rate)
    "SGD": (sgd, keras.optimizers.SGD, 1e-3),
    "momentum": (momentum, lambda lr: keras.optimizers.SGD(lr, momentum=0.9), 1e-3),
    "Adagrad": (adagrad, keras.optimizers.Adagrad, 0.5),
    "Adadelta": (adadelta, keras.optimizers.Adadelta, 1.0),
    "RMSprop": (rmsprop, keras.optimizers.RMSprop, 3e-3),
    "Adam": (adam, keras.optimizers.Adam, 0.03),
}
relative_difference = {}
for name, (rule, keras_optimizer, learning_rate) in optimizers.items():
    p, state = np.array([-1.2, 1.0]), {}
    variable = keras.Variable(p, dtype="float64")
    optimizer = keras_optimizer(learning_rate)
    for _ in range(50):
        p = p + rule(gradient(p), state, lr=learning_rate)
        g = gradient(keras.ops.convert_to_numpy(variable))
        optimizer.apply([keras.ops.convert_to_tensor(g)], [variable])
    keras_p = keras.ops.convert_to_numpy(variable)
    relative_difference[name] = float(np.max(np.abs(keras_p - p) / np.abs(p)))
    print(f"{name:<9} NumPy {p.round(6)}  Keras {keras_p.round(6)}  "
          f"relative difference {relative_difference[name]:.1e}")  # fmt: skip
# --8<-- [end:keras]
largest_relative_difference = max(relative_difference.values())
print(f"Largest relative difference: {largest_relative_difference:.1e}")
