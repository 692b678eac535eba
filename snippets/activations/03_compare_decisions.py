"""Linear against non-linear activations on data that no straight line separates.

The same small network (two hidden layers of 16 units) is trained on two concentric
circles with the identity as hidden activation and with ReLU, for five seeds: each seed
draws its own data, train/test split and initial weights.

Figure: Decision boundaries (where the predicted probability is 0.5) of the five
seeds' networks, one thin line each, over the last seed's test points. Left, identity
activations: every boundary is a straight line. Right, ReLU: every boundary closes
around the inner circle.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_circles
from sklearn.model_selection import train_test_split


# --8<-- [start:model]
def build_network(hidden_activation):
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(16, activation=hidden_activation),
            keras.layers.Dense(16, activation=hidden_activation),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.02),
        loss="binary_crossentropy",
    )
    return model


# --8<-- [end:model]

seeds = [0, 1, 2, 3, 4]
accuracies = {"linear": [], "relu": []}
grid_x, grid_y = np.meshgrid(np.linspace(-1.5, 1.5, 120), np.linspace(-1.5, 1.5, 120))
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()]).astype("float32")
figure, axes = plt.subplots(1, 2, figsize=(9, 4.2), sharey=True)
for seed in seeds:
    features, labels = make_circles(
        n_samples=400, noise=0.08, factor=0.5, random_state=seed
    )
    x_train, x_test, y_train, y_test = train_test_split(
        features.astype("float32"),
        labels,
        test_size=0.3,
        stratify=labels,
        random_state=seed,
    )
    for axis, activation in zip(axes, accuracies, strict=True):
        keras.utils.set_random_seed(seed)
        model = build_network(activation)
        model.fit(x_train, y_train, epochs=4, batch_size=10, verbose=0)
        predicted = keras.ops.convert_to_numpy(model(x_test))[:, 0] > 0.5
        accuracies[activation].append(float(np.mean(predicted == y_test)))
        probability = keras.ops.convert_to_numpy(model(grid)).reshape(grid_x.shape)
        axis.contour(grid_x, grid_y, probability, levels=[0.5], linewidths=1)

for axis, activation in zip(axes, accuracies, strict=True):
    for label, marker in [(0, "o"), (1, "s")]:
        points = x_test[y_test == label]
        axis.scatter(*points.T, marker=marker, s=10, label=f"class {label}")
    mean, sd = np.mean(accuracies[activation]), np.std(accuracies[activation], ddof=1)
    axis.set_title(f"hidden activation {activation}\naccuracy {mean:.3f} ± {sd:.3f}")
    axis.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="upper right")
figure.tight_layout()
plt.show()

linear_accuracy = float(np.mean(accuracies["linear"]))
nonlinear_accuracy = float(np.mean(accuracies["relu"]))
linear_accuracy_sd = float(np.std(accuracies["linear"], ddof=1))  # sd over the seeds
nonlinear_accuracy_sd = float(np.std(accuracies["relu"], ddof=1))
linear_best = max(accuracies["linear"])
nonlinear_worst = min(accuracies["relu"])
print("test accuracy " + " ".join(f"seed {seed}" for seed in seeds) + "   mean ± sd")
for activation, values in accuracies.items():
    row = " ".join(f"{value:6.3f}" for value in values)
    spread = f"{np.mean(values):.3f} ± {np.std(values, ddof=1):.3f}"
    print(f"{activation:<13} {row}   {spread}")
