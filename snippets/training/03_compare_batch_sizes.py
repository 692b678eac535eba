"""Full-batch, mini-batch and stochastic gradient descent on the same network.

The two-layer network of the previous listings is trained in NumPy for 100 epochs with
the same learning rate and three batch sizes: all 200 points, 20 points, one point.
Five seeds (initial weights and shuffling) are trained at once, stacked on a first axis.

Figure: Training loss (mean squared error, log scale) of the three variants, one thin
line per seed. Left, against epochs (passes over the data): smaller batches get further
in each epoch. Right, against weight updates: the full batch and the mini-batches follow
the same curve; single examples reach a similar loss with far more, noisier updates.
"""

import matplotlib.pyplot as plt
import numpy as np

seeds = [0, 1, 2, 3, 4]
rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def init_parameters(rng, hidden=16):
    return {
        "W1": rng.normal(0.0, 1.0, size=(1, hidden)),
        "b1": np.zeros((1, hidden)),
        "W2": rng.normal(0.0, 0.25, size=(hidden, 1)),
        "b2": np.zeros((1, 1)),
    }


def backpropagate(p, x, y):  # every array may have a leading axis of seeds
    h = np.tanh(x @ p["W1"] + p["b1"])
    delta2 = 2.0 * (h @ p["W2"] + p["b2"] - y) / x.shape[-2]
    delta1 = (delta2 @ p["W2"].swapaxes(-1, -2)) * (1.0 - h**2)
    return {
        "W1": x.swapaxes(-1, -2) @ delta1,
        "b1": delta1.sum(-2, keepdims=True),
        "W2": h.swapaxes(-1, -2) @ delta2,
        "b2": delta2.sum(-2, keepdims=True),
    }


def loss(p, x, y):  # one value per seed
    y_hat = np.tanh(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]
    return np.mean((y_hat - y) ** 2, axis=(-2, -1))


# --8<-- [start:train]
def train(batch_size, seeds, learning_rate=0.03, epochs=100):
    starts = [init_parameters(np.random.default_rng(seed)) for seed in seeds]
    p = {name: np.stack([s[name] for s in starts]) for name in starts[0]}
    shuffle_rngs = [np.random.default_rng(1000 + seed) for seed in seeds]
    losses = [loss(p, x, y)]  # loss on all the data, after each epoch
    for _epoch in range(epochs):
        orders = np.stack([r.permutation(len(x)) for r in shuffle_rngs])  # new orders
        for start in range(0, len(x), batch_size):
            batch = orders[:, start : start + batch_size]  # one batch per seed
            gradients = backpropagate(p, x[batch], y[batch])
            for name in p:
                p[name] -= learning_rate * gradients[name]
        losses.append(loss(p, x, y))
    return np.array(losses).T  # one row per seed, one column per epoch


# --8<-- [end:train]


batch_sizes = {"full_batch": 200, "mini_batch": 20, "stochastic": 1}
curves, final_loss, rises = {}, {}, {}
figure, (by_epoch, by_update) = plt.subplots(1, 2, figsize=(9, 3.8), sharey=True)
for colour, (name, batch_size) in zip("012", batch_sizes.items(), strict=True):
    curves[name] = train(batch_size, seeds)
    final_loss[name] = curves[name][:, -1].tolist()  # per seed
    rises[name] = np.mean(np.diff(curves[name]) > 0, axis=1).tolist()  # epochs up
    label = f"{name.replace('_', ' ')} (batch size {batch_size})"
    for i, curve in enumerate(curves[name]):  # one line per seed, one legend entry
        by_epoch.plot(curve, f"C{colour}", lw=1, label=None if i else label)
        updates = np.arange(1, 101) * (len(x) // batch_size)
        by_update.plot(updates, curve[1:], f"C{colour}", lw=1)
gap = np.abs(curves["mini_batch"][:, 1:11] / curves["full_batch"][:, 10::10] - 1)
same_curve_gap, same_curve_worst = gap.mean(1).tolist(), gap.max(1).tolist()  # per seed
mean_same_curve_gap = float(np.mean(same_curve_gap))
mean_final_loss = {name: float(np.mean(v)) for name, v in final_loss.items()}
sd_final_loss = {name: float(np.std(v, ddof=1)) for name, v in final_loss.items()}
mean_rises = {name: float(np.mean(v)) for name, v in rises.items()}
by_epoch.set(xlabel="epoch", ylabel="training loss (MSE)", yscale="log")
by_update.set(xlabel="weight updates", xscale="log")
by_epoch.legend()
plt.show()
print(f"loss after 100 epochs, mean ± sd over {len(seeds)} seeds (share of epochs up):")
for name in batch_sizes:
    print(f"{name:>11}: {mean_final_loss[name]:.4f} ± {sd_final_loss[name]:.4f}"
          f"  ({mean_rises[name]:.0%} up)")  # fmt: skip
print(f"mini-batch against full batch, same number of updates: losses apart by "
      f"{mean_same_curve_gap:.1%} on average, {max(same_curve_worst):.1%} at most")  # fmt: skip
