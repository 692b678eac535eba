"""The learning rate: too small, about right, too large.

Full-batch gradient descent on the two-layer network of this chapter with three
learning rates, each from the same five sets of initial weights (seeds). Training stops
once the loss passes 1000.

Figure: Training loss (mean squared error) against the number of gradient descent
steps, both on log scales, for three learning rates, one thin line per seed. The
smallest creeps down, the middle one falls fast and levels off, the largest overshoots
and the loss grows without bound.
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
def gradient_descent(learning_rate, seed, steps=300):
    weights_rng = np.random.default_rng(seed)
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
final_loss, steps_taken = {}, {}  # one value per seed
for colour, (name, learning_rate) in enumerate(learning_rates.items()):
    final_loss[name], steps_taken[name] = [], []
    for seed in range(5):
        losses = gradient_descent(learning_rate, seed)
        final_loss[name].append(losses[-1])
        steps_taken[name].append(len(losses) - 1)
        label = f"{learning_rate} ({name})" if seed == 0 else None
        steps = np.arange(1, len(losses))
        marker = "o" if name == "large" else None
        plt.plot(steps, losses[1:], f"C{colour}", lw=1, marker=marker, label=label)
    print(
        f"learning rate {learning_rate}: steps taken {steps_taken[name]}, final loss "
        + " ".join(f"{value:.3g}" for value in final_loss[name])
    )
mean_final_loss = {name: float(np.mean(v)) for name, v in final_loss.items()}
max_steps_large = max(steps_taken["large"])
plt.xscale("log")
plt.yscale("log")
plt.xlabel("gradient descent steps")
plt.ylabel("training loss (MSE)")
plt.legend(title="learning rate")
plt.show()
