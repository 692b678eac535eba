"""The learning rate: too small, about right, too large.

Full-batch gradient descent on the two-layer network of this chapter with three
learning rates, each from the same five sets of initial weights (seeds). Training stops
once the loss passes 1000. The Hessian's largest eigenvalue gives the limit 2 / λ_max.

Figure: Training loss (mean squared error) against the number of gradient descent
steps, both on log scales, for three learning rates, one thin line per seed. The
smallest creeps down, the middle one falls fast and levels off, the largest overshoots
and the loss grows without bound.
"""

import matplotlib.pyplot as plt
import numpy as np

seeds = [0, 1, 2, 3, 4]
rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def backpropagate(p, x, y):
    h = np.tanh(x @ p["W1"] + p["b1"])
    delta2 = 2.0 * (h @ p["W2"] + p["b2"] - y) / len(x)
    delta1 = (delta2 @ p["W2"].T) * (1.0 - h**2)
    gradients = [x.T @ delta1, delta1.sum(0), h.T @ delta2, delta2.sum(0)]
    return dict(zip(["W1", "b1", "W2", "b2"], gradients, strict=True))


def loss(p, x, y):
    return float(np.mean((np.tanh(x @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"] - y) ** 2))


def largest_curvature(p, step=1e-5):  # λ_max of the Hessian, one column per weight
    columns = []
    for name in p:
        for index in np.ndindex(p[name].shape):
            p[name][index] += step
            plus = backpropagate(p, x, y)
            p[name][index] -= 2 * step
            minus = backpropagate(p, x, y)
            p[name][index] += step
            columns.append(np.concatenate([(plus[k] - minus[k]).ravel() for k in p]))
    hessian = np.array(columns) / (2 * step)
    return float(np.linalg.eigvalsh((hessian + hessian.T) / 2).max())


def initial_weights(seed):
    draw = np.random.default_rng(seed).normal
    w1, w2 = draw(0.0, 1.0, size=(1, 16)), draw(0.0, 0.25, size=(16, 1))
    return {"W1": w1, "b1": np.zeros(16), "W2": w2, "b2": np.zeros(1)}


# --8<-- [start:descend]
def gradient_descent(learning_rate, seed, steps=300):
    p = initial_weights(seed)
    losses = [loss(p, x, y)]
    while len(losses) <= steps and losses[-1] < 1000:
        gradients = backpropagate(p, x, y)
        for name in p:
            p[name] -= learning_rate * gradients[name]  # W <- W - eta dJ/dW
        losses.append(loss(p, x, y))
    return losses, p


# --8<-- [end:descend]


learning_rates = {"small": 0.002, "good": 0.06, "large": 0.25}
final_loss, steps_taken, descends, curvatures = {}, {}, {}, []  # one per seed
for colour, (name, learning_rate) in enumerate(learning_rates.items()):
    final_loss[name], steps_taken[name], descends[name] = [], [], []
    for seed in seeds:
        losses, p = gradient_descent(learning_rate, seed)
        final_loss[name].append(losses[-1])
        steps_taken[name].append(len(losses) - 1)
        descends[name].append(bool(np.all(np.diff(losses) < 0)))  # at every step
        label = f"{learning_rate} ({name})" if seed == seeds[0] else None
        marker = "o" if name == "large" else None
        plt.plot(range(1, len(losses)), losses[1:], f"C{colour}", lw=1, marker=marker,
                 label=label)  # fmt: skip
        if name == "good":  # the curvature where this run started and where it ended
            start = initial_weights(seed)
            curvatures.append([largest_curvature(start), largest_curvature(p)])
    print(f"learning rate {learning_rate}: steps taken {steps_taken[name]}, final loss "
          + " ".join(f"{value:.3g}" for value in final_loss[name]))  # fmt: skip
critical_learning_rate = (2 / np.array(curvatures)).tolist()  # per seed: start, end
min_critical = float(np.min(critical_learning_rate))
max_critical = float(np.max(critical_learning_rate))
print(f"2 / λ_max, start and end of the η = {learning_rates['good']} runs: "
      + ", ".join(f"{a:.3f} → {b:.3f}" for a, b in critical_learning_rate))  # fmt: skip
mean_final_loss = {name: float(np.mean(v)) for name, v in final_loss.items()}
max_steps_large = max(steps_taken["large"])
plt.gca().set(xscale="log", yscale="log", xlabel="gradient descent steps",
              ylabel="training loss (MSE)")  # fmt: skip
plt.legend(title="learning rate")
plt.show()
