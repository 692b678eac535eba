"""Training against validation loss and accuracy: the gap opens, seed after seed.

A network with two hidden layers of 128 ReLU units learns two noisy half-moons from
100 points and is measured on 500 others every 15 full-batch steps. Five seeds change
the data, the split and the initial weights; the table gives each seed and mean ± sd.

Figure: Cross-entropy (left) and accuracy (right) on the 100 training points and on
the 500 validation points against the number of full-batch steps, one thin line per
seed. The training loss keeps falling; the validation loss reaches its lowest point
early and then climbs steeply, while the validation accuracy hardly moves.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons


# --8<-- [start:model]
def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(2,)),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    return model


# --8<-- [end:model]
def measure(model, x, y):  # cross-entropy alone (no penalty, no dropout), accuracy
    p = model(x)
    loss = keras.ops.mean(keras.losses.binary_crossentropy(y[:, None], p))
    return float(loss), float(np.mean((np.asarray(p)[:, 0] > 0.5) == y))


seeds = [0, 1, 2, 3, 4]
steps = np.arange(15, 151, 15)
names = ["train_loss", "train_accuracy", "val_loss", "val_accuracy"]
curves = {name: [] for name in names}  # one row per seed, one column per 15 steps
for seed in seeds:
    keras.utils.set_random_seed(seed)  # the initial weights
    x, y = make_moons(n_samples=1500, noise=0.3, random_state=seed)  # the data
    x_train, y_train = x[:100], y[:100]  # 100 of the 1000 points of "more data"
    x_val, y_val = x[1000:], y[1000:]  # the same 500 validation points everywhere
    train = tf.data.Dataset.from_tensors((x_train, y_train)).repeat(15)
    model = build_model()
    rows = []
    for _ in steps:
        model.fit(train, shuffle=False, verbose=0)  # 15 more full-batch steps
        rows.append(measure(model, x_train, y_train) + measure(model, x_val, y_val))
    for name, column in zip(names, np.array(rows).T, strict=True):
        curves[name].append(column.tolist())

final = {name: [c[-1] for c in curves[name]] for name in names}
final["gap"] = np.subtract(final["val_loss"], final["train_loss"]).tolist()
best = [int(np.argmin(c)) for c in curves["val_loss"]]
best_step = [int(steps[i]) for i in best]
min_val_loss = [c[i] for c, i in zip(curves["val_loss"], best, strict=True)]
val_accuracy_at_best = [c[i] for c, i in zip(curves["val_accuracy"], best, strict=True)]
mean = {name: float(np.mean(v)) for name, v in final.items()}
at_best = {"val_loss": float(np.mean(min_val_loss))}
at_best["val_accuracy"] = float(np.mean(val_accuracy_at_best))
sd = {name: float(np.std(v, ddof=1)) for name, v in final.items()}
figure, axes = plt.subplots(1, 2, figsize=(10, 3.8))
for axis, metric in zip(axes, ["loss", "accuracy"], strict=True):
    for part, label, colour in [
        ("train", "training", "C0"),
        ("val", "validation", "C1"),
    ]:
        for i, curve in enumerate(curves[f"{part}_{metric}"]):
            first = f"{label} {metric}" if i == 0 else None  # one legend entry
            axis.plot(steps, curve, colour, lw=1, label=first)
    axis.set(xlabel="full-batch steps", ylabel=metric)
    axis.legend()
plt.show()
print("seed  lowest val loss (step)  val accuracy there  final val loss  val accuracy")
for s, seed in enumerate(seeds):
    print(f"{seed:>4}  {min_val_loss[s]:>15.3f} ({best_step[s]:>3})  "
          f"{val_accuracy_at_best[s]:>18.3f}  {final['val_loss'][s]:>14.3f}  "
          f"{final['val_accuracy'][s]:>12.3f}")  # fmt: skip
print(f"at the lowest validation loss, mean: loss {at_best['val_loss']:.3f}, "
      f"accuracy {at_best['val_accuracy']:.3f}")  # fmt: skip
for name in final:
    print(f"after 150 steps, {name:<14} {mean[name]:.3f} ± {sd[name]:.3f}")
