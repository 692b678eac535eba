"""A learning-rate sweep per optimizer: each one compared at its best rate.

The digits network of the previous listing, written in NumPy and trained with the
update rules of the first listing (which match `keras.optimizers` step for step), for
10 epochs in batches of 128 at seven learning rates per optimizer, over five seeds.
Each optimizer's rate is chosen on a validation part; a test part scores the choice.

Figure: Validation accuracy after 10 epochs against the learning rate for six
optimizers, mean over five seeds, with each optimizer's chosen rate circled.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def sgd(g, s, lr):
    return -lr * g


def momentum(g, s, lr, beta=0.9):
    s["v"] = beta * s.get("v", 0.0) - lr * g
    return s["v"]


def adagrad(g, s, lr, eps=1e-7):
    s["G"] = s.get("G", 0.1) + g**2
    return -lr * g / np.sqrt(s["G"] + eps)


def adadelta(g, s, lr, rho=0.95, eps=1e-7):
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


# --8<-- [start:sweep]
def train(rule, learning_rate, seed, x, y, epochs=10):
    """64 inputs, 32 ReLU units, 10 softmax outputs, Glorot-uniform weights as in Keras."""
    rng = np.random.default_rng(seed)
    a, b = np.sqrt(6 / (64 + 32)), np.sqrt(6 / (32 + 10))
    weights = [rng.uniform(-a, a, (64, 32)), np.zeros(32), rng.uniform(-b, b, (32, 10)),
               np.zeros(10)]  # fmt: skip
    states = [{} for _ in weights]  # a fresh optimizer state for every run
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for rows in np.split(order, range(128, len(x), 128)):
            w1, b1, w2, b2 = weights
            h = np.maximum(0, x[rows] @ w1 + b1)
            z = h @ w2 + b2
            p = np.exp(z - z.max(1, keepdims=True))
            d2 = (p / p.sum(1, keepdims=True) - np.eye(10)[y[rows]]) / len(rows)
            d1 = (d2 @ w2.T) * (h > 0)
            gradients = [x[rows].T @ d1, d1.sum(0), h.T @ d2, d2.sum(0)]
            for w, g, s in zip(weights, gradients, states, strict=True):
                w += rule(g, s, lr=learning_rate)
    return lambda x: np.argmax(
        np.maximum(0, x @ weights[0] + weights[1]) @ weights[2], 1
    )


digits = load_digits()
rules = {"SGD": sgd, "momentum": momentum, "Adagrad": adagrad, "Adadelta": adadelta,
         "RMSprop": rmsprop, "Adam": adam}  # fmt: skip
rates = [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0]
seeds = [0, 1, 2, 3, 4]
validation = {name: np.zeros((len(seeds), len(rates))) for name in rules}
test = {name: np.zeros((len(seeds), len(rates))) for name in rules}
for i, seed in enumerate(seeds):
    x_rest, x_test, y_rest, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.3, random_state=seed
    )
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest, y_rest, test_size=0.25, random_state=seed
    )
    for name, rule in rules.items():
        for j, rate in enumerate(rates):
            predict = train(rule, rate, seed, x_train, y_train)
            validation[name][i, j] = np.mean(predict(x_val) == y_val)
            test[name][i, j] = np.mean(predict(x_test) == y_test)
# --8<-- [end:sweep]

best_rate, chosen_test = (
    {},
    {},
)  # per optimizer: the rate chosen on validation, its test
for i, (name, accuracy) in enumerate(validation.items()):
    j = int(np.argmax(accuracy.mean(axis=0)))  # the best mean validation accuracy
    best_rate[name] = rates[j]
    chosen_test[name] = test[name][:, j].tolist()  # one test accuracy per seed
    plt.semilogx(rates, accuracy.mean(axis=0), "o-", color=f"C{i}", label=name)
    plt.semilogx(rates[j], accuracy.mean(axis=0)[j], "o", color=f"C{i}", markersize=14,
                 markerfacecolor="none")  # fmt: skip
plt.xlabel("learning rate")
plt.ylabel("validation accuracy after 10 epochs")
plt.legend()
plt.show()

mean_test = {name: float(np.mean(a)) for name, a in chosen_test.items()}
sd_test = {name: float(np.std(a, ddof=1)) for name, a in chosen_test.items()}
print("optimizer  best rate   test accuracy, mean ± sd   per seed")
for name in rules:
    per_seed = " ".join(f"{a:.3f}" for a in chosen_test[name])
    print(f"{name:<9} {best_rate[name]:9g}   {mean_test[name]:.3f} ± {sd_test[name]:.3f}"
          f"              {per_seed}")  # fmt: skip
