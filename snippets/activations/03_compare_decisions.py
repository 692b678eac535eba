"""Linear against non-linear activations on data that no straight line separates.

The same small network (two hidden layers of 16 units) is trained twice on two
concentric circles: once with the identity as hidden activation, once with ReLU.

Figure: Decision regions on the test set. Left, identity activations: the boundary is a
straight line and about half the points fall on the wrong side. Right, ReLU: the
boundary closes around the inner circle.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_circles
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(7)
features, labels = make_circles(n_samples=600, noise=0.08, factor=0.5, random_state=7)
x_train, x_test, y_train, y_test = train_test_split(
    features, labels, test_size=0.3, stratify=labels, random_state=7
)


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
        metrics=["accuracy"],
    )
    return model


# --8<-- [end:model]


accuracies = {}
grid_x, grid_y = np.meshgrid(np.linspace(-1.5, 1.5, 200), np.linspace(-1.5, 1.5, 200))
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
figure, axes = plt.subplots(1, 2, figsize=(9, 4.2), sharey=True)
for axis, activation in zip(axes, ["linear", "relu"], strict=True):
    model = build_network(activation)
    model.fit(x_train, y_train, epochs=30, batch_size=32, verbose=0)
    accuracies[activation] = model.evaluate(x_test, y_test, verbose=0)[1]
    probability = model.predict(grid, verbose=0).reshape(grid_x.shape)
    axis.contourf(
        grid_x,
        grid_y,
        probability,
        levels=[0, 0.5, 1],
        colors=["#56B4E9", "#E69F00"],
        alpha=0.35,
    )
    axis.scatter(*x_test.T, c=np.where(y_test == 1, "#D55E00", "#0072B2"), s=12)
    axis.set_title(
        f"hidden activation: {activation}, test accuracy {accuracies[activation]:.2f}"
    )
    axis.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
figure.tight_layout()
plt.show()

linear_accuracy = accuracies["linear"]
nonlinear_accuracy = accuracies["relu"]
print(f"Test accuracy with identity activations: {linear_accuracy:.3f}")
print(f"Test accuracy with ReLU activations:     {nonlinear_accuracy:.3f}")
