"""XOR: impossible without a hidden layer, solved with one.

The four XOR points are fitted twice: by a single sigmoid unit (no hidden layer, a
straight-line boundary) and by a network with one hidden layer of four tanh units.

Figure: Decision regions around the unit square. Left, no hidden layer: one straight
boundary, so at least one of the four points is misclassified. Right, one hidden layer
of four tanh units: two boundaries set the two classes apart and all four points are
right.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(1)
x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([0, 1, 1, 0], dtype="float32")
x_train, y_train = (
    np.tile(x, (50, 1)),
    np.tile(y, 50),
)  # 50 copies: fewer, fuller epochs


# --8<-- [start:model]
def build(hidden_units):
    layers = [keras.Input(shape=(2,))]
    if hidden_units:
        layers.append(keras.layers.Dense(hidden_units, activation="tanh"))
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.05),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    return model


# --8<-- [end:model]

grid_x, grid_y = np.meshgrid(np.linspace(-0.5, 1.5, 150), np.linspace(-0.5, 1.5, 150))
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])
accuracies, probabilities = {}, {}
figure, axes = plt.subplots(1, 2, figsize=(9, 4.2), sharey=True)
for axis, hidden_units in zip(axes, [0, 4], strict=True):
    model = build(hidden_units)
    model.fit(x_train, y_train, epochs=10, batch_size=8, verbose=0)
    name = "one hidden layer" if hidden_units else "no hidden layer"
    probability = model.predict(x, verbose=0)[:, 0].astype(float)
    probabilities[name] = probability.round(3).tolist()
    accuracies[name] = float(np.mean((probability > 0.5) == y))
    region = model.predict(grid, verbose=0).reshape(grid_x.shape)
    axis.contourf(
        grid_x,
        grid_y,
        region,
        levels=[0, 0.5, 1],
        alpha=0.35,
        colors=["#56B4E9", "#E69F00"],
    )
    for label, marker, colour in [(0, "o", "#0072B2"), (1, "s", "#D55E00")]:
        axis.scatter(
            *x[y == label].T, marker=marker, s=120, c=colour, label=f"XOR = {label}"
        )
    axis.set_title(f"{name}: accuracy {accuracies[name]:.2f}")
    axis.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="center")
figure.tight_layout()
plt.show()

linear_accuracy = accuracies["no hidden layer"]
hidden_accuracy = accuracies["one hidden layer"]
for name, values in probabilities.items():
    print(f"{name:<17} P(XOR = 1) for (0,0) (0,1) (1,0) (1,1): {values}")
