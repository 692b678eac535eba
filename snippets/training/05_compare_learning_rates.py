"""The learning rate: too small, about right, too large.

Full-batch gradient descent on the two-layer network of this chapter, from the same
initial weights, with three learning rates. Training stops once the loss passes 1000.

Figure: Training loss (mean squared error) against the number of gradient descent
steps, both on log scales, for three learning rates. The smallest creeps down, the
middle one falls fast and levels off, the largest overshoots and the loss grows without
bound.
"""

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def backpropagate(p, x, y):
    h = np.tanh(x @ p["W1"] + p["b1"])
    delta2 = 2.0 * (h @ p["W2"] + p["b2"] - y) / len(x)
    delta1 = (delta2 @ p["W2"].T) * (1.0 - h**2)
    return {
        "W1": x.T @ delta1,
        "b1": delta1.sum(0),
        "W2": h.T @ delta2,
        "b2": delta2.sum(0),
    }


def loss(p, x, y):
    return float(np.mean((np.tanh(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"] - y) ** 2))


# --8<-- [start:descend]
def gradient_descent(learning_rate, steps=300):
    weights_rng = np.random.default_rng(1)
    p = {
        "W1": weights_rng.normal(0.0, 1.0, size=(1, 16)),
        "b1": np.zeros(16),
        "W2": weights_rng.normal(0.0, 0.25, size=(16, 1)),
        "b2": np.zeros(1),
    }
    losses = [loss(p, x, y)]
    while len(losses) <= steps and losses[-1] < 1000:
        gradients = backpropagate(p, x, y)
        for name in p:
            p[name] -= learning_rate * gradients[name]  # W <- W - eta dJ/dW
        losses.append(loss(p, x, y))
    return losses


# --8<-- [end:descend]


learning_rates = {"small": 0.002, "good": 0.1, "large": 0.25}
final_loss = {}
steps_taken = {}
for name, learning_rate in learning_rates.items():
    losses = gradient_descent(learning_rate)
    final_loss[name] = losses[-1]
    steps_taken[name] = len(losses) - 1
    marker = "o" if name == "large" else None
    steps = np.arange(1, len(losses))
    plt.plot(steps, losses[1:], marker=marker, label=f"{learning_rate} ({name})")
    print(
        f"learning rate {learning_rate}: {len(losses) - 1} steps, loss {losses[-1]:.3g}"
    )
plt.xscale("log")
plt.yscale("log")
plt.xlabel("gradient descent steps")
plt.ylabel("training loss (MSE)")
plt.legend(title="learning rate")
plt.show()
