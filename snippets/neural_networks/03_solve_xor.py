"""XOR: impossible without a hidden layer, solved with one, over five seeds.

The four XOR points are fitted by a single sigmoid unit (no hidden layer, a
straight-line boundary) and by a network with one hidden layer of four tanh units,
each from five random initialisations.

Figure: Decision boundaries (predicted probability 0.5) of the five seeds' networks
around the unit square, one thin line each. Left, no hidden layer: the output is close
to 0.5 everywhere, and each seed's straight line crosses the square somewhere else, or
not at all. Right, one hidden layer of four tanh units: every seed draws two curves
that set the two classes apart.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([0, 1, 1, 0], dtype="float32")
x_train, y_train = np.tile(x, (50, 1)), np.tile(y, 50)  # 50 copies: fewer epochs


# --8<-- [start:model]
def build(hidden_units):
    layers = [keras.Input(shape=(2,))]
    if hidden_units:
        layers.append(keras.layers.Dense(hidden_units, activation="tanh"))
    layers.append(keras.layers.Dense(1, activation="sigmoid"))
    model = keras.Sequential(layers)
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.1),
        loss="binary_crossentropy",
    )
    return model


# --8<-- [end:model]

seeds = [0, 1, 2, 3, 4]
names = {0: "no hidden layer", 4: "one hidden layer"}
accuracies = {name: [] for name in names.values()}
probabilities = {name: [] for name in names.values()}
grid_x, grid_y = np.meshgrid(np.linspace(-0.5, 1.5, 100), np.linspace(-0.5, 1.5, 100))
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()]).astype("float32")
figure, axes = plt.subplots(1, 2, figsize=(9, 4.2), sharey=True)
for seed in seeds:
    for axis, (hidden_units, name) in zip(axes, names.items(), strict=True):
        keras.utils.set_random_seed(seed)
        model = build(hidden_units)
        model.fit(x_train, y_train, epochs=5, batch_size=8, verbose=0)
        probability = keras.ops.convert_to_numpy(model(x))[:, 0].astype(float)
        probabilities[name].append(probability.round(3).tolist())
        accuracies[name].append(float(np.mean((probability > 0.5) == y)))
        region = keras.ops.convert_to_numpy(model(grid)).reshape(grid_x.shape)
        if region.min() < 0.5 < region.max():
            axis.contour(grid_x, grid_y, region, levels=[0.5], linewidths=1)

for axis, name in zip(axes, names.values(), strict=True):
    for label, marker in [(0, "o"), (1, "s")]:
        axis.scatter(*x[y == label].T, marker=marker, s=120, label=f"XOR = {label}")
    listed = ", ".join(f"{a:.2f}" for a in sorted(accuracies[name]))
    axis.set_title(f"{name}\naccuracies {listed}")  # two lines: the titles do not meet
    axis.set_xlabel("$x_1$")
axes[0].set_ylabel("$x_2$")
axes[0].legend(loc="center")
figure.tight_layout()
plt.show()

linear_accuracies = accuracies["no hidden layer"]
hidden_accuracies = accuracies["one hidden layer"]
hidden_solved = sum(accuracy == 1.0 for accuracy in hidden_accuracies)
linear_accuracy_list = ", ".join(f"{accuracy:.2f}" for accuracy in linear_accuracies)
largest_distance_from_half = float(
    np.max(np.abs(np.array(probabilities["no hidden layer"]) - 0.5))
)
print("P(XOR = 1) for (0,0) (0,1) (1,0) (1,1), and accuracy")
for name in names.values():
    for seed, values, accuracy in zip(
        seeds, probabilities[name], accuracies[name], strict=True
    ):
        print(f"{name:<17} seed {seed}: {values}  accuracy {accuracy:.2f}")
print(f"no hidden layer: largest |P - 0.5| = {largest_distance_from_half:.3f}")
