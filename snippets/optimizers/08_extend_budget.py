"""Exercise 4 solution: the two tuned leaders of the sweep, trained four times longer.

Adam at 0.03 and SGD with momentum 0.9 at 0.3, the rates the sweep chose, train the
NumPy digits network for 40 epochs instead of 10, over five seeds, on the sweep's
splits; logistic regression on the same training part is the baseline.
"""

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def momentum(g, s, lr, beta=0.9):
    s["v"] = beta * s.get("v", 0.0) - lr * g
    return s["v"]


def adam(g, s, lr, beta_1=0.9, beta_2=0.999, eps=1e-7):
    t = s["t"] = s.get("t", 0) + 1
    s["m"] = beta_1 * s.get("m", 0.0) + (1 - beta_1) * g
    s["v"] = beta_2 * s.get("v", 0.0) + (1 - beta_2) * g**2
    step_size = lr * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
    return -step_size * s["m"] / (np.sqrt(s["v"]) + eps)


def train(rule, learning_rate, seed, x, y, epochs):
    rng = np.random.default_rng(seed)
    a, b = np.sqrt(6 / (64 + 32)), np.sqrt(6 / (32 + 10))
    weights = [rng.uniform(-a, a, (64, 32)), np.zeros(32), rng.uniform(-b, b, (32, 10)),
               np.zeros(10)]  # fmt: skip
    states = [{} for _ in weights]
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
arms = {"Adam": (adam, 0.03), "momentum": (momentum, 0.3)}
seeds = [0, 1, 2, 3, 4]
accuracy = {name: {10: [], 40: []} for name in arms}
baseline = []
for seed in seeds:
    x_rest, x_test, y_rest, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.3, random_state=seed
    )
    x_train, _, y_train, _ = train_test_split(
        x_rest, y_rest, test_size=0.25, random_state=seed
    )
    for name, (rule, rate) in arms.items():
        for epochs in (10, 40):
            predict = train(rule, rate, seed, x_train, y_train, epochs)
            accuracy[name][epochs].append(float(np.mean(predict(x_test) == y_test)))
    model = LogisticRegression(max_iter=2000).fit(x_train, y_train)
    baseline.append(float(model.score(x_test, y_test)))
print(
    "              10 epochs        40 epochs   (test accuracy, mean ± sd over 5 seeds)"
)
for name, results in {**accuracy, "logistic": {40: baseline}}.items():
    cells = [f"{np.mean(a):.3f} ± {np.std(a, ddof=1):.3f}" for a in results.values()]
    print(f"{name:<9} " + "    ".join(cells).rjust(32))
adam_ahead_at_40 = int(
    np.sum(np.array(accuracy["Adam"][40]) > accuracy["momentum"][40])
)
momentum_ahead_at_40 = int(
    np.sum(np.array(accuracy["momentum"][40]) > accuracy["Adam"][40])
)
print(f"at 40 epochs Adam ahead in {adam_ahead_at_40} seeds, momentum in "
      f"{momentum_ahead_at_40}")  # fmt: skip
mean_accuracy = {name: float(np.mean(runs[40])) for name, runs in accuracy.items()}
sd_accuracy = {name: float(np.std(runs[40], ddof=1)) for name, runs in accuracy.items()}
mean_baseline, sd_baseline = float(np.mean(baseline)), float(np.std(baseline, ddof=1))
