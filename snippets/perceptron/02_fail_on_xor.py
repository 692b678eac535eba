"""The same perceptron on the logic gates AND, OR and XOR.

AND and OR are linearly separable: the perceptron learning rule finds a line in a few
epochs. XOR is not: no line puts (0, 1) and (1, 0) on one side and (0, 0) and (1, 1) on
the other, so the rule never stops correcting itself.

Figure: Top, the four inputs of each gate (filled where the output is 1) and, shaded,
where the perceptron outputs 1 after 30 epochs; for XOR, points are on the wrong side.
Bottom, the mistakes per epoch: zero after a few epochs for AND and OR, never for XOR.
"""

import matplotlib.pyplot as plt
import numpy as np


def predict(weights, x):
    return np.where(weights[0] + x @ weights[1:] >= 0, 1, 0)


def train_perceptron(x, y, learning_rate=0.1, epochs=30, seed=0):
    rng = np.random.default_rng(seed)
    weights = rng.normal(scale=0.01, size=x.shape[1] + 1)
    errors = []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(x)):
            update = learning_rate * (y[i] - predict(weights, x[i]))
            weights[0] += update
            weights[1:] += update * x[i]
            mistakes += int(update != 0)
        errors.append(mistakes)
    return weights, errors


inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
gates = {"AND": np.array([0, 0, 0, 1]), "OR": np.array([0, 1, 1, 1])}
gates["XOR"] = np.array([0, 1, 1, 0])

errors_per_epoch, final_errors = {}, {}
figure, axes = plt.subplots(2, 3, figsize=(9, 5.5), height_ratios=[1.3, 1])
for column, (gate, targets) in enumerate(gates.items()):
    weights, errors_per_epoch[gate] = train_perceptron(inputs, targets)
    final_errors[gate] = int(np.sum(predict(weights, inputs) != targets))
    top, bottom = axes[0, column], axes[1, column]
    top.scatter(
        *inputs.T,
        s=90,
        c=np.where(targets == 1, "#D55E00", "none"),
        edgecolors="#D55E00",
    )
    grid = np.stack(
        np.meshgrid(np.linspace(-0.5, 1.5, 201), np.linspace(-0.5, 1.5, 201))
    )
    region = predict(weights, grid.reshape(2, -1).T).reshape(grid.shape[1:])
    top.contourf(*grid, region, levels=[0.5, 1.5], colors=["#56B4E9"], alpha=0.4)
    top.set(xlim=(-0.5, 1.5), ylim=(-0.5, 1.5), xlabel="$x_1$", ylabel="$x_2$")
    top.set_title(f"{gate}: {final_errors[gate]} misclassified")
    bottom.plot(range(1, 31), errors_per_epoch[gate], marker="o", markersize=3)
    bottom.set(ylim=(-0.2, 4.2), xlabel="epoch", ylabel="mistakes in the epoch")
figure.tight_layout()
plt.show()

xor_min_errors = min(errors_per_epoch["XOR"])
for gate, errors in errors_per_epoch.items():
    print(f"{gate:<3} mistakes in the last 5 epochs: {errors[-5:]}")
print(f"XOR: fewest mistakes in any epoch = {xor_min_errors}")
