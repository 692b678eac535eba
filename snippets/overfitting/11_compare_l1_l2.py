"""L1 against L2: the same penalty strength, counted in weights near zero.

The over-fitting network is trained with `keras.regularizers.L1(0.001)` and with
`L2(0.001)` on both hidden layers (same data, same initial weights, 150 full-batch
steps). The listing counts the hidden weights within 0.01 of zero, Adam's step size.

Figure: Histograms of the sizes of the hidden weights after training with an L1 and
with an L2 penalty of 0.001 (first seed; logarithmic size axis). L1 piles almost all
weights up below 0.01; L2 leaves a broad spread of sizes.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons
from sklearn.metrics import log_loss


# --8<-- [start:model]
def train(penalty, x, y):  # a fresh model and optimizer per (penalty, seed)
    model = keras.Sequential([keras.Input(shape=(2,))] + [
        keras.layers.Dense(128, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(1, activation="sigmoid"),
    ])  # fmt: skip
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
    steps = tf.data.Dataset.from_tensors((x, y)).repeat(150)  # 150 full-batch steps
    model.fit(steps, shuffle=False, verbose=0)
    return model


penalties = {"L1": keras.regularizers.L1(0.001), "L2": keras.regularizers.L2(0.001)}
# --8<-- [end:model]
seeds = [0, 1, 2, 3, 4]
near_zero = {name: [] for name in penalties}  # fraction of hidden weights below 0.01
units_off = {name: [] for name in penalties}  # hidden units with every input below 0.01
val_loss = {name: [] for name in penalties}
sizes = {}  # the first seed's hidden weights, for the figure
for seed in seeds:
    x, y = make_moons(n_samples=1500, noise=0.3, random_state=seed)
    for name, penalty in penalties.items():
        keras.utils.set_random_seed(seed)  # the same initial weights for both penalties
        model = train(penalty, x[:100], y[:100])
        kernels = [np.abs(np.asarray(layer.kernel)) for layer in model.layers[:2]]
        weights = np.concatenate([k.ravel() for k in kernels])
        near_zero[name].append(float(np.mean(weights < 0.01)))
        units_off[name].append(
            int(sum(np.all(k < 0.01, axis=0).sum() for k in kernels))
        )
        val_loss[name].append(log_loss(y[1000:], np.asarray(model(x[1000:]))[:, 0]))
        sizes.setdefault(name, weights)

initial = np.abs(keras.initializers.GlorotUniform(seed=0)((128, 128)))  # untrained
initial_near_zero = float(np.mean(np.asarray(initial) < 0.01))
mean_near_zero = {name: float(np.mean(v)) for name, v in near_zero.items()}
sd_near_zero = {name: float(np.std(v, ddof=1)) for name, v in near_zero.items()}
mean_val_loss = {name: float(np.mean(v)) for name, v in val_loss.items()}
bins = np.logspace(-6, 0.5, 40)
for name, weights in sizes.items():
    plt.hist(np.maximum(weights, 1e-6), bins=bins, histtype="step", label=name)
plt.xscale("log")
plt.axvline(0.01, color="0.5", ls=":", label="0.01")
plt.xlabel("size of a hidden weight |w|")
plt.ylabel("number of weights")
plt.legend()
plt.show()
print(f"untrained (Glorot uniform): {initial_near_zero:.1%} of weights below 0.01")
print("penalty  below 0.01 (mean ± sd)  units cut off  val loss  per seed below 0.01")
for name in penalties:
    per_seed = " ".join(f"{v:.2f}" for v in near_zero[name])
    print(f"{name:<7}  {mean_near_zero[name]:>11.1%} ± {sd_near_zero[name]:.1%}"
          f"  {np.mean(units_off[name]):>13.0f}  {mean_val_loss[name]:>8.3f}"
          f"  {per_seed}")  # fmt: skip
