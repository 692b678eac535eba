"""Dying ReLU: units that output 0 for every input, against Leaky ReLU.

The same network (64 inputs, 64 hidden units, 10 outputs) learns scikit-learn's digits
with a large learning rate, once with ReLU and once with Leaky ReLU (slope 0.1 below 0),
for five seeds. A hidden unit is dead when its weighted sum is negative for every
training image: ReLU then outputs 0 and passes no gradient back, for good.

Figure: Number of dead hidden units (of 64) after training, per seed, for ReLU and Leaky
ReLU; one line joins each seed's two networks.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

x, y = load_digits(return_X_y=True)
units = 64


# --8<-- [start:train]
def train(activation, seed):
    x_train, x_test, y_train, y_test = train_test_split(
        x / 16, y, test_size=0.3, stratify=y, random_state=seed
    )
    keras.utils.set_random_seed(seed)
    hidden = keras.layers.Dense(units)  # weighted sums; the activation comes next
    model = keras.Sequential(
        [keras.Input(shape=(64,)), hidden, activation, keras.layers.Dense(10)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.05),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    model.fit(x_train, y_train, epochs=10, batch_size=64, verbose=0)
    z = keras.ops.convert_to_numpy(hidden(x_train))
    dead = int(np.sum(np.all(z < 0, axis=0)))  # negative for every training image
    return dead, model.evaluate(x_test, y_test, verbose=0)[1]


# --8<-- [end:train]

seeds = [0, 1, 2, 3, 4]
dead_units, test_accuracy = (
    {"ReLU": [], "Leaky ReLU": []},
    {"ReLU": [], "Leaky ReLU": []},
)
for seed in seeds:
    for name in dead_units:
        layer = keras.layers.ReLU() if name == "ReLU" else keras.layers.LeakyReLU(0.1)
        dead, accuracy = train(layer, seed)
        dead_units[name].append(dead)
        test_accuracy[name].append(float(accuracy))

print(f"{'':<11} " + " ".join(f"seed {s:>4}" for s in seeds) + "   mean ± sd")
for what, table in [("dead units", dead_units), ("accuracy", test_accuracy)]:
    for name, row in table.items():
        cells = " ".join(f"{v:9.3g}" for v in row)
        print(
            f"{name:<11} {cells}   {np.mean(row):.3g} ± {np.std(row, ddof=1):.2g}  {what}"
        )
fewer_dead = sum(r > k for r, k in zip(*dead_units.values(), strict=True))

plt.plot(["ReLU", "Leaky ReLU"], np.array(list(dead_units.values())), "o-", lw=0.8)
plt.ylabel(f"dead hidden units (of {units})")
plt.show()
