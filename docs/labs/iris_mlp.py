# ---
# jupyter:
#   jupytext:
#     formats: py:percent,ipynb
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lab: network size on the Iris data
#
# How wide and how deep should a network be? This lab trains several multilayer perceptrons
# (MLPs) of different widths and depths on Fisher's Iris flowers, compares them on a
# validation set, picks one, and only then measures it on the test set.
#
# **Learning goals**
#
# - Prepare a small tabular data set: a stratified train/validation/test split, and
#   standardisation fitted on the training part only.
# - Build MLPs of several widths (units per hidden layer) and depths (number of hidden
#   layers) from one function, and count their parameters.
# - Read validation curves (validation loss and accuracy over epochs) to compare them.
# - Choose a model with the validation set and touch the test set once, for that model only.
#
# The cells run top to bottom in a fresh Python; this page shows the outputs of the run made
# when the site was built.

# %% [markdown]
# ## The data
#
# The Iris data set (Fisher, 1936) ships with scikit-learn: 150 flowers, four measurements
# each (sepal and petal length and width, in cm) and three species, 50 flowers of each. We
# split it three ways, as in the lecture:
#
# - a **training set** to fit the weights,
# - a **validation set** to compare architectures and choose one,
# - a **test set** to estimate, once and at the end, how well the chosen model does.
#
# `stratify=` keeps the three species in the same proportions in every part. The test set is
# cut off first and never changes. With so few flowers, one draw of the validation set (and
# one draw of initial weights) can flatter or punish a network by luck, so every comparison
# below is repeated for five seeds: seed `s` draws its own training/validation split of the
# remaining flowers and its own initial weights. The scaler learns each feature's mean and
# standard deviation from that seed's training set only; the other flowers are transformed
# with those same numbers, so nothing about them leaks into training.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

iris = load_iris()
x_rest, x_test_raw, y_rest, y_test = train_test_split(
    iris.data, iris.target, test_size=0.2, stratify=iris.target, random_state=0
)


def split(seed):
    """Training and validation sets for one seed, and the test set, all scaled."""
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=seed
    )
    scaler = StandardScaler().fit(x_train)
    x_train, x_val, x_test = (
        scaler.transform(part).astype("float32")
        for part in (x_train, x_val, x_test_raw)
    )
    return x_train, y_train, x_val, y_val, x_test


seeds = [0, 1, 2, 3, 4]
splits = {seed: split(seed) for seed in seeds}
x_train, y_train, x_val, y_val, x_test = splits[seeds[0]]
print("features:", iris.feature_names)
print("classes: ", iris.target_names.tolist())
for name, labels in [
    ("train", y_train),
    ("validation", y_val),
    ("test", y_test),
]:
    print(
        f"{name:>10}: {len(labels):3d} flowers, per class {np.bincount(labels)}"
    )

# %% [markdown]
# ## Many architectures from one function
#
# `build_mlp(hidden)` takes a list of hidden-layer widths: `[]` is no hidden layer at all (a
# softmax regression, a linear classifier), `[8]` one hidden layer of 8 ReLU units, `[8, 8]`
# two of them. The output layer always has three softmax units, one per species, and the
# labels are integers 0, 1, 2, hence `sparse_categorical_crossentropy`.
#
# A dense layer from $n_\text{in}$ inputs to $n_\text{out}$ units has
# $(n_\text{in} + 1)\, n_\text{out}$ parameters: one weight per input and one bias per unit.


# %%
def build_mlp(hidden, seed=0):
    keras.utils.set_random_seed(
        seed
    )  # initial weights and batch order from the seed
    model = keras.Sequential([keras.Input(shape=(4,))])
    for units in hidden:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(3, activation="softmax"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.03),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


build_mlp([8, 8]).summary()

# %% [markdown]
# ## Training and validation curves, five seeds each
#
# Two families of networks: **wider** (one hidden layer of 2, 8 or 64 units, plus the network
# with no hidden layer as a baseline) and **deeper** (one, two or three hidden layers of 8
# units). Each is trained for the same number of epochs, once per seed; `validation_data=`
# makes Keras evaluate the validation set after every epoch and record it in
# `history.history`.
#
# Every run, one per architecture and seed, builds a fresh model with a fresh optimizer. That
# costs time (the first `fit` of a new model traces its training step into a graph), but it is
# the one way to be sure nothing carries over from the previous seed: no weights, no Adam
# averages, and no step count, which Adam's bias correction reads.

# %%
architectures = {
    "no hidden layer": [],
    "1 x 2": [2],
    "1 x 8": [8],
    "1 x 64": [64],
    "2 x 8": [8, 8],
    "3 x 8": [8, 8, 8],
}
epochs = 10
histories = {
    name: {} for name in architectures
}  # architecture -> seed -> history
parameters, weights = {}, {name: {} for name in architectures}
for name, hidden in architectures.items():
    for seed in seeds:
        x_train, y_train, x_val, y_val, _ = splits[seed]
        model = build_mlp(hidden, seed)
        parameters[name] = model.count_params()
        history = model.fit(
            x_train,
            y_train,
            epochs=epochs,
            batch_size=16,
            validation_data=(x_val, y_val),
            verbose=0,
        )
        histories[name][seed] = {
            k: np.array(v) for k, v in history.history.items()
        }
        weights[name][seed] = model.get_weights()
x_train, y_train, x_val, y_val, x_test = splits[
    seeds[0]
]  # the first seed's sets from here on
print(
    f"trained {len(architectures)} networks x {len(seeds)} seeds, {epochs} epochs each"
)


def across_seeds(name, key):
    """One row per seed, one column per epoch."""
    return np.stack([histories[name][seed][key] for seed in seeds])


# %%
families = {
    "width (one hidden layer)": ["no hidden layer", "1 x 2", "1 x 8", "1 x 64"],
    "depth (layers of 8 units)": ["1 x 8", "2 x 8", "3 x 8"],
}
# one colour per architecture, the same in every panel
palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
colours = dict(zip(architectures, palette, strict=False))
figure, axes = plt.subplots(2, 2, figsize=(11, 7), sharex=True)
epoch_numbers = np.arange(1, epochs + 1)
for row, (family, names) in enumerate(families.items()):
    for name in names:
        for column, key in enumerate(["val_loss", "val_accuracy"]):
            runs = across_seeds(name, key)
            axis = axes[row, column]
            axis.plot(
                epoch_numbers, runs.mean(0), label=name, color=colours[name]
            )
            axis.fill_between(
                epoch_numbers,
                runs.min(0),
                runs.max(0),
                color=colours[name],
                alpha=0.15,
            )
    axes[row, 0].set_ylabel("validation loss")
    axes[row, 1].set_ylabel("validation accuracy")
    axes[row, 0].set_title(f"Validation loss: {family}")
    axes[row, 1].set_title(f"Validation accuracy: {family}")
    axes[row, 0].legend()
    axes[row, 1].legend(loc="lower right")
for axis in axes[1]:
    axis.set_xlabel("epoch")
figure.suptitle("Mean over five seeds (line) and the range of the seeds (band)")
figure.tight_layout()
plt.show()

# %% [markdown]
# How to read the curves:
#
# - **Loss is smoother than accuracy.** With 30 validation flowers, accuracy moves in steps
#   of one flower (about 3.3 percentage points); the loss also sees *how confident* each
#   prediction is, so it shows progress that accuracy hides.
# - **Capacity speeds up fitting.** The wide `1 x 64` network brings the validation loss down
#   in fewer epochs than the narrow ones; the check below counts in how many seeds. The
#   two-unit layer is a bottleneck: everything the output layer sees must pass through two
#   numbers.
# - **The linear baseline is already good.** One species (setosa) is linearly separable from
#   the other two, and the other two nearly so: Iris needs little capacity.
# - **Equal epochs are not quite a fair race.** A small network whose validation loss is
#   still falling at the last epoch has not finished learning; with more epochs it might
#   catch up. Bigger networks often win early, not necessarily at the end.
# - **The bands are wide.** Two seeds of the same network can differ by several flowers:
#   that is why each network is run five times before anything is compared.
#
# ## A table, and a choice
#
# The table puts each network's parameter count beside its final training and validation
# scores, as mean ± standard deviation over the five seeds. A difference of one validation
# flower is within the noise of so small a set, so we use a simple, common rule: among the
# networks whose mean validation accuracy is within one flower of the best, take the
# **smallest** (fewest parameters).

# %%
print(
    f"{'architecture':>15} {'params':>6} {'train acc':>9} {'val acc':>13} {'val loss':>13}"
)
final = {}
for name in architectures:
    train = across_seeds(name, "accuracy")[:, -1]
    accuracy = across_seeds(name, "val_accuracy")[:, -1]
    loss = across_seeds(name, "val_loss")[:, -1]
    final[name] = accuracy
    print(
        f"{name:>15} {parameters[name]:6d} {train.mean():9.3f} "
        f"{accuracy.mean():7.3f} ± {accuracy.std(ddof=1):.3f} "
        f"{loss.mean():7.3f} ± {loss.std(ddof=1):.3f}"
    )

one_flower = 1 / len(y_val)
best_val_accuracy = max(accuracy.mean() for accuracy in final.values())
candidates = [
    name
    for name, accuracy in final.items()
    if accuracy.mean() >= best_val_accuracy - one_flower - 1e-6
]
chosen = min(candidates, key=lambda name: parameters[name])
print("\ncandidates within one flower of the best mean:", candidates)
print("chosen (fewest parameters):", chosen)

# %% [markdown]
# The claims above, checked on these runs: the linear baseline is good in every seed, the
# wide network is ahead of the two-unit one after five epochs in most seeds, and the small
# `1 x 8` network ends within one flower of the wide one on average.

# %%
early = {
    name: across_seeds(name, "val_loss")[:, 4] for name in ["1 x 2", "1 x 64"]
}
seeds_wide_ahead = int(np.sum(early["1 x 64"] < early["1 x 2"]))
small_vs_wide = final["1 x 8"].mean() - final["1 x 64"].mean()
print(f"linear baseline, worst seed: {final['no hidden layer'].min():.3f}")
print(
    f"1 x 64 below 1 x 2 in validation loss at epoch 5: {seeds_wide_ahead} of 5 seeds"
)
print(f"1 x 8 minus 1 x 64, mean validation accuracy: {small_vs_wide:+.3f}")
assert final["no hidden layer"].min() >= 0.8
assert seeds_wide_ahead >= 4
assert abs(small_vs_wide) <= one_flower + 1e-6

# %% [markdown]
# ## The test set, once
#
# Only now, with the architecture fixed, do we look at the test set, and only for the chosen
# architecture: its five networks, one per seed, each with its own seed's scaling. If we
# compared all six architectures on the test set and reported the best, the test score would
# be one more selection step, and an optimistic estimate. One network's score would be an
# anecdote: with 30 test flowers, one flower is 0.033, and the seeds differ by several.

# %%
test_accuracies = []
for seed in seeds:
    chosen_model = build_mlp(architectures[chosen], seed)
    chosen_model.set_weights(weights[chosen][seed])
    seed_test = splits[seed][
        4
    ]  # the same flowers, scaled by this seed's scaler
    predictions = np.argmax(chosen_model.predict(seed_test, verbose=0), axis=-1)
    test_accuracies.append(float(np.mean(predictions == y_test)))
test_accuracy = float(np.mean(test_accuracies))
test_accuracy_sd = float(np.std(test_accuracies, ddof=1))
print(
    f"chosen network: {chosen}, one per seed, on the {len(y_test)} test flowers"
)
print("test accuracy per seed:", " ".join(f"{a:.3f}" for a in test_accuracies))
print(
    f"test accuracy: {test_accuracy:.3f} ± {test_accuracy_sd:.3f} (mean ± sd over seeds)"
)
# far above chance (one in three) in every seed
assert min(test_accuracies) > 0.7

# %% [markdown]
# On Iris, a small network does about as well as the largest ones here. Extra width and depth
# pay off when the data are larger and the function to learn is harder, as in the digits lab;
# on a small data set they mainly add parameters that the validation set cannot justify.
#
# ## Exercises
#
# 1. Write `count_parameters(hidden)` from the formula $(n_\text{in} + 1)\, n_\text{out}$ per
#    layer, for 4 inputs and 3 outputs, and check it against Keras's `count_params()` for
#    every architecture above.
# 2. How much does a result depend on the seed? For the first seed alone, rank the six networks by
#    final validation accuracy, as a single run would. Then compare the gap between `1 x 2`
#    and `1 x 8` with their seed-to-seed standard deviations: is it larger than twice the
#    pooled standard deviation?
# 3. Instead of fixing the number of epochs, let the validation set decide (early stopping,
#    as in the lecture's chapter on overfitting). Train `build_mlp([64])` for up to 50
#    epochs with `keras.callbacks.EarlyStopping(monitor="val_loss", min_delta=0.005,
#    patience=3, restore_best_weights=True)`: training stops once the validation loss has
#    not improved by at least `min_delta` for 3 epochs. Report how many epochs it ran and
#    its validation accuracy with the restored weights.
#
# The solutions follow, folded.


# %% tags=["solution"]
# Solution 1: parameters by hand
from itertools import pairwise


def count_parameters(hidden, n_inputs=4, n_outputs=3):
    sizes = [n_inputs, *hidden, n_outputs]
    return sum((n_in + 1) * n_out for n_in, n_out in pairwise(sizes))


for name, hidden in architectures.items():
    by_hand = count_parameters(hidden)
    print(f"{name:>15}: {by_hand:5d} by hand, {parameters[name]:5d} by Keras")
    assert by_hand == parameters[name]

# %% tags=["solution"]
# Solution 2: one seed's ranking against the spread over five seeds
first_seed = {
    name: histories[name][seeds[0]]["val_accuracy"][-1]
    for name in architectures
}
print(
    "the first seed alone:",
    ", ".join(
        f"{n} {a:.3f}"
        for n, a in sorted(first_seed.items(), key=lambda t: -t[1])
    ),
)
narrow, wide = final["1 x 2"], final["1 x 8"]
gap = wide.mean() - narrow.mean()
pooled_sd = np.sqrt((narrow.var(ddof=1) + wide.var(ddof=1)) / 2)
print(f"1 x 8 minus 1 x 2: {gap:+.3f} ({gap * len(y_val):+.1f} flowers)")
print(
    f"pooled seed-to-seed sd: {pooled_sd:.3f} ({pooled_sd * len(y_val):.1f} flowers)"
)
print("gap larger than twice the pooled sd:", bool(abs(gap) > 2 * pooled_sd))
assert len(narrow) == len(wide) == 5
assert narrow.min() > 0.4  # well above chance (one in three) in every seed
# No: the 1 x 2 network is behind on average, but by less than twice the spread
# between seeds, and one seed's ranking differs from the mean's. One run ranks luck.
assert abs(gap) < 2 * pooled_sd

# %% tags=["solution"]
# Solution 3: early stopping on the validation loss
early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss", min_delta=0.005, patience=3, restore_best_weights=True
)
wide_model = build_mlp([64])
wide_history = wide_model.fit(
    x_train,
    y_train,
    epochs=50,
    batch_size=8,
    validation_data=(x_val, y_val),
    callbacks=[early_stopping],
    verbose=0,
)
epochs_run = len(wide_history.history["loss"])
restored_epoch = early_stopping.best_epoch + 1  # Keras counts epochs from 0
_, wide_val_accuracy = wide_model.evaluate(x_val, y_val, verbose=0)
print(f"ran {epochs_run} of 50 epochs; weights from epoch {restored_epoch}")
print(f"validation accuracy with the restored weights: {wide_val_accuracy:.3f}")
assert epochs_run <= 50
assert wide_val_accuracy > 0.85
