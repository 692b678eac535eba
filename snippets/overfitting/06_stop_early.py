"""Early stopping: watch the validation loss and stop when it stops improving.

The over-fitting example again (same data, five seeds) with `EarlyStopping`. One Keras
epoch is 15 full-batch steps; training stops once the validation loss has not improved
for 3 epochs, and the weights of the best epoch are put back.

Figure: Validation loss per epoch (15 full-batch steps each) with early stopping
(patience 3), one line per seed. Each line ends 3 epochs after its lowest point,
marked with a dot; the model keeps the weights of that epoch.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons


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


# --8<-- [start:callback]
def train_with_early_stopping(train, val):
    model = build_model()
    stop = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=3, restore_best_weights=True
    )
    fitted = dict(validation_data=val, epochs=10, callbacks=[stop], shuffle=False)
    history = model.fit(train, verbose=0, **fitted)
    return model, history.history["val_loss"]


# --8<-- [end:callback]
def measure(model, x, y):  # cross-entropy alone, and accuracy
    p = model(x)
    loss = keras.ops.mean(keras.losses.binary_crossentropy(y[:, None], p))
    return float(loss), float(np.mean((np.asarray(p)[:, 0] > 0.5) == y))


seeds = [0, 1, 2, 3, 4]
runs = []
for seed in seeds:
    keras.utils.set_random_seed(seed)  # the initial weights
    x, y = make_moons(n_samples=1500, noise=0.3, random_state=seed)  # the data
    x_train, y_train = x[:100], y[:100]  # 100 of the 1000 points of "more data"
    x_val, y_val = x[1000:], y[1000:]  # the same 500 validation points everywhere
    train = tf.data.Dataset.from_tensors((x_train, y_train)).repeat(15)  # one epoch
    val = tf.data.Dataset.from_tensors((x_val, y_val))
    model, val_curve = train_with_early_stopping(train, val)
    best = int(np.argmin(val_curve))
    plt.plot(np.arange(1, len(val_curve) + 1), val_curve, lw=1, label=f"seed {seed}")
    plt.plot(best + 1, val_curve[best], "o", color="0.3")
    runs.append(
        [len(val_curve), best + 1, val_curve[best]]
        + list(measure(model, x_train, y_train) + measure(model, x_val, y_val))
    )
plt.xlabel("epoch (15 full-batch steps)")
plt.ylabel("validation loss")
plt.legend()
plt.show()

columns = zip(*runs, strict=True)
names = ["epochs_run", "best_epoch", "best_val_loss", "train_loss", "train_accuracy"]
final = dict(zip(names + ["val_loss", "val_accuracy"], map(list, columns), strict=True))
epochs_run, best_epoch = final.pop("epochs_run"), final.pop("best_epoch")
final["gap"] = np.subtract(final["val_loss"], final["train_loss"]).tolist()
mean = {name: float(np.mean(v)) for name, v in final.items()}
sd = {name: float(np.std(v, ddof=1)) for name, v in final.items()}
print("seed  epochs run  best epoch  best val loss  restored model: val loss  val acc")
for s, seed in enumerate(seeds):
    print(f"{seed:>4}  {epochs_run[s]:>10}  {best_epoch[s]:>10}  "
          f"{final['best_val_loss'][s]:>13.4f}  {final['val_loss'][s]:>24.4f}  "
          f"{final['val_accuracy'][s]:>7.3f}")  # fmt: skip
for name in final:
    print(f"restored model, {name:<14} {mean[name]:.3f} ± {sd[name]:.3f}")
