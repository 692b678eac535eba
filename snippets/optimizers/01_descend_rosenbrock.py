"""Six gradient-descent update rules in NumPy, racing down the Rosenbrock valley.

Each rule turns a gradient into a step and keeps what it needs between steps in a
small dictionary. All six start at (-1.2, 1) and take 2000 steps towards the minimum
at (1, 1); the race is then rerun from five random starts around (-1.2, 1).

Figure: Contour lines of the Rosenbrock function with the paths of six optimizers
from (-1.2, 1), each path's end marked with its own symbol. Momentum and Adam reach
the minimum at (1, 1) within 2000 steps; plain SGD, Adagrad and Adadelta stop short.
"""

import matplotlib.pyplot as plt
import numpy as np


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


# --8<-- [start:rules]
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


# --8<-- [end:rules]

# --8<-- [start:race]
optimizers = {"SGD": (sgd, 1e-3), "momentum": (momentum, 1e-3), "Adagrad": (adagrad, 0.5),
              "Adadelta": (adadelta, 1.0), "RMSprop": (rmsprop, 3e-3),
              "Adam": (adam, 0.03)}  # name: (update rule, learning rate)  # fmt: skip
seeds = [0, 1, 2, 3, 4]
around = [np.random.default_rng(s).normal(0, 0.2, 2) for s in seeds]  # one start each
starts = np.transpose([[-1.2, 1.0], *([-1.2, 1.0] + np.array(around))])
paths = {}
for name, (rule, learning_rate) in optimizers.items():
    p, state, path = starts, {}, [starts]
    for _ in range(2000):
        p = p + rule(gradient(p), state, lr=learning_rate)
        path.append(p)
    paths[name] = np.array(path)  # step, coordinate, start
# --8<-- [end:race]

x, y = np.meshgrid(np.linspace(-2, 2, 300), np.linspace(-1, 3, 300))
plt.contour(x, y, rosenbrock((x, y)), levels=np.logspace(-1, 3.5, 12), colors="0.6")
for (name, path), marker in zip(paths.items(), "os^vDX", strict=True):  # end of path
    plt.plot(path[:, 0, 0], path[:, 1, 0], marker=marker, markevery=[-1], markersize=9,
             markerfacecolor="none", linewidth=1.2, label=name)  # fmt: skip
plt.plot(1, 1, "k*", markersize=12, label="minimum (1, 1)")
plt.gca().set(xlabel="$x$", ylabel="$y$")
plt.legend(loc="upper right")
plt.show()

final_loss = {name: float(rosenbrock(path[-1, :, 0])) for name, path in paths.items()}
distance = {name: np.hypot(*(path[-1] - 1)) for name, path in paths.items()}
distance_to_minimum = {name: float(d[0]) for name, d in distance.items()}
others = {name: [float(min(d[1:])), float(max(d[1:]))] for name, d in distance.items()}
print("optimizer   rate   f(x, y)  distance   from five other starts")
for name, (_, learning_rate) in optimizers.items():
    d = " ".join(f"{value:.4f}" for value in distance[name][1:])
    print(f"{name:<9} {learning_rate:6g} {final_loss[name]:9.2e} "
          f"{distance_to_minimum[name]:9.4f}   {d}")  # fmt: skip

hessian = np.array([[802.0, -400.0], [-400.0, 200.0]])  # second derivatives at (1, 1)
floor = np.linalg.eigh(hessian)[1][
    :, 0
]  # least curvature, at this angle to the y axis:
valley_angle = float(np.degrees(np.arccos(abs(floor[1]))))
print(f"At (1, 1) the valley floor runs at {valley_angle:.1f} degrees to the y axis.")
