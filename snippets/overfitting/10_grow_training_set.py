"""A learning curve: validation loss against the number of training points.

The over-fitting network is trained for the same 150 full-batch steps on the first 30,
100, 300 and 1000 points of each seed's data and measured on the same 500 validation
points; a logistic regression (a straight boundary) is fitted beside it as a baseline.

Timeout: 240

Figure: Cross-entropy on the training points and on the 500 validation points against
the number of training points (logarithmic axis), one thin line per seed, with the
logistic regression's validation loss dashed. The network's gap closes as the data
grows; the straight line is worse than the network only once there is enough data.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss


def train_network(x, y):  # the over-fitting network, fresh model and optimizer per run
    model = keras.Sequential([keras.Input(shape=(2,))] + [
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    steps = tf.data.Dataset.from_tensors((x, y)).repeat(150)  # 150 full-batch steps
    model.fit(steps, shuffle=False, verbose=0)
    return lambda x: np.asarray(model(x))[:, 0]  # the probability of class 1


seeds = [0, 1, 2, 3, 4]
sizes = [30, 100, 300, 1000]
curves = {"train": [], "val": [], "logistic": []}  # one row per seed, a column per size
for seed in seeds:
    x, y = make_moons(n_samples=1500, noise=0.3, random_state=seed)
    x_val, y_val = x[1000:], y[1000:]  # the same 500 validation points for every size
    rows = []
    for n in sizes:  # the first n points: each training set contains the smaller ones
        keras.utils.set_random_seed(seed)
        network = train_network(x[:n], y[:n])
        linear = LogisticRegression().fit(x[:n], y[:n]).predict_proba
        rows.append([log_loss(y[:n], network(x[:n]), labels=[0, 1]),
                     log_loss(y_val, network(x_val)),
                     log_loss(y_val, linear(x_val)[:, 1])])  # fmt: skip
    for name, column in zip(curves, np.array(rows).T, strict=True):
        curves[name].append(column.tolist())

gap = np.subtract(curves["val"], curves["train"]).tolist()
mean = {name: np.mean(c, axis=0).tolist() for name, c in curves.items()}
mean["gap"] = np.mean(gap, axis=0).tolist()
for name, style in [("train", "C0o-"), ("val", "C1s-"), ("logistic", "C2--")]:
    for i, curve in enumerate(curves[name]):
        label = {"train": "network, training", "val": "network, validation",
                 "logistic": "logistic regression, validation"}[name]  # fmt: skip
        plt.semilogx(sizes, curve, style, lw=1, label=label if i == 0 else None)
plt.xlabel("training points")
plt.ylabel("cross-entropy")
plt.legend()
plt.show()
print("training points       " + "".join(f"{n:>8}" for n in sizes))
for name in ["val", "gap", "logistic"]:
    print(f"mean {name:<17}" + "".join(f"{v:>8.3f}" for v in mean[name]))
for seed, row in zip(seeds, curves["val"], strict=True):
    print(f"seed {seed:<4} network, val" + "".join(f"{v:>8.3f}" for v in row))
