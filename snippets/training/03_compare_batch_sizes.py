"""Full-batch, mini-batch and stochastic gradient descent on the same network.

The two-layer network of the previous listings is trained in NumPy for 100 epochs with
the same learning rate and three batch sizes: all 200 points, 20 points, one point.

Figure: Training loss (mean squared error, log scale) of the three variants. Left,
against epochs (passes over the data): smaller batches get further in each epoch.
Right, against weight updates: the full batch makes the most progress per update.
"""

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def init_parameters(rng, hidden=16):
    return {
        "W1": rng.normal(0.0, 1.0, size=(1, hidden)),
        "b1": np.zeros(hidden),
        "W2": rng.normal(0.0, 0.25, size=(hidden, 1)),
        "b2": np.zeros(1),
    }


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


# --8<-- [start:train]
def train(batch_size, learning_rate=0.03, epochs=100):
    p = init_parameters(np.random.default_rng(1))  # the same start for every run
    shuffle_rng = np.random.default_rng(2)
    losses = [loss(p, x, y)]  # loss on all the data, after each epoch
    for _epoch in range(epochs):
        order = shuffle_rng.permutation(len(x))  # a new order in every epoch
        for start in range(0, len(x), batch_size):
            batch = order[start : start + batch_size]
            gradients = backpropagate(p, x[batch], y[batch])
            for name in p:
                p[name] -= learning_rate * gradients[name]
        losses.append(loss(p, x, y))
    return losses


# --8<-- [end:train]


batch_sizes = {"full_batch": 200, "mini_batch": 20, "stochastic": 1}
final_loss = {}
figure, (by_epoch, by_update) = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
for name, batch_size in batch_sizes.items():
    losses = train(batch_size)
    final_loss[name] = losses[-1]
    updates = np.arange(len(losses)) * (len(x) // batch_size)
    label = f"{name.replace('_', ' ')} (batch size {batch_size})"
    by_epoch.plot(losses, label=label)
    by_update.plot(updates[1:], losses[1:], label=label)
    print(f"{label:<30} loss after 100 epochs: {final_loss[name]:.4f}")
by_epoch.set(xlabel="epoch", ylabel="training loss (MSE)", yscale="log")
by_update.set(xlabel="weight updates", xscale="log")
by_epoch.legend()
figure.tight_layout()
plt.show()
