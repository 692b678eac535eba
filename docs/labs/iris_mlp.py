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
# `stratify=` keeps the three species in the same proportions in every part. The scaler
# learns each feature's mean and standard deviation from the training set only; the
# validation and test flowers are transformed with those same numbers, so nothing about them
# leaks into training.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

iris = load_iris()
x_rest, x_test, y_rest, y_test = train_test_split(
    iris.data, iris.target, test_size=0.2, stratify=iris.target, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
)
scaler = StandardScaler().fit(x_train)
x_train, x_val, x_test = (
    scaler.transform(part).astype("float32")
    for part in (x_train, x_val, x_test)
)
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
    keras.utils.set_random_seed(seed)  # the same initial weights on every run
    model = keras.Sequential([keras.Input(shape=(4,))])
    for units in hidden:
        model.add(keras.layers.Dense(units, activation="relu"))
    model.add(keras.layers.Dense(3, activation="softmax"))
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


build_mlp([8, 8]).summary()

# %% [markdown]
# ## Training and validation curves
#
# Two families of networks: **wider** (one hidden layer of 2, 8 or 64 units, plus the network
# with no hidden layer as a baseline) and **deeper** (one, two or three hidden layers of 8
# units). Each is trained for the same number of epochs; `validation_data=` makes Keras
# evaluate the validation set after every epoch and record it in `history.history`.

# %%
architectures = {
    "no hidden layer": [],
    "1 x 2": [2],
    "1 x 8": [8],
    "1 x 64": [64],
    "2 x 8": [8, 8],
    "3 x 8": [8, 8, 8],
}
epochs = 20
models, histories = {}, {}
for name, hidden in architectures.items():
    model = build_mlp(hidden)
    history = model.fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=8,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    models[name], histories[name] = model, history.history
print(f"trained {len(models)} networks for {epochs} epochs each")

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
            axes[row, column].plot(
                epoch_numbers,
                histories[name][key],
                label=name,
                color=colours[name],
            )
    axes[row, 0].set_ylabel("validation loss")
    axes[row, 1].set_ylabel("validation accuracy")
    axes[row, 0].set_title(f"Validation loss: {family}")
    axes[row, 1].set_title(f"Validation accuracy: {family}")
    axes[row, 0].legend()
    axes[row, 1].legend(loc="lower right")
for axis in axes[1]:
    axis.set_xlabel("epoch")
figure.tight_layout()
plt.show()

# %% [markdown]
# How to read the curves:
#
# - **Loss is smoother than accuracy.** With 30 validation flowers, accuracy moves in steps
#   of one flower (about 3.3 percentage points); the loss also sees *how confident* each
#   prediction is, so it shows progress that accuracy hides.
# - **Capacity speeds up fitting.** Wider and deeper networks usually bring the loss down in
#   fewer epochs. The two-unit layer is a bottleneck: everything the output layer sees must
#   pass through two numbers.
# - **The linear baseline is already good.** One species (setosa) is linearly separable from
#   the other two, and the other two nearly so: Iris needs little capacity.
# - **Equal epochs are not quite a fair race.** A small network whose validation loss is
#   still falling at the last epoch has not finished learning; with more epochs it might
#   catch up. Bigger networks often win early, not necessarily at the end.
#
# ## A table, and a choice
#
# The table puts each network's parameter count beside its final training and validation
# scores. A difference of one validation flower is within the noise of so small a set, so we
# use a simple, common rule: among the networks whose validation accuracy is within one
# flower of the best, take the **smallest** (fewest parameters).

# %%
print(
    f"{'architecture':>15} {'params':>6} {'train acc':>9} {'val acc':>7} "
    f"{'val loss':>8}"
)
for name, model in models.items():
    history = histories[name]
    print(
        f"{name:>15} {model.count_params():6d} {history['accuracy'][-1]:9.3f} "
        f"{history['val_accuracy'][-1]:7.3f} {history['val_loss'][-1]:8.3f}"
    )

one_flower = 1 / len(y_val)
best_val_accuracy = max(h["val_accuracy"][-1] for h in histories.values())
candidates = [
    name
    for name, history in histories.items()
    if history["val_accuracy"][-1] >= best_val_accuracy - one_flower - 1e-6
]
chosen = min(candidates, key=lambda name: models[name].count_params())
print("\ncandidates within one flower of the best:", candidates)
print("chosen (fewest parameters):", chosen)

# %% [markdown]
# ## The test set, once
#
# Only now, with the architecture fixed, do we look at the test set, and only for the chosen
# model. If we compared all six networks on the test set and reported the best, the test
# score would be one more selection step, and an optimistic estimate.

# %%
test_predictions = np.argmax(models[chosen].predict(x_test, verbose=0), axis=-1)
test_accuracy = float(np.mean(test_predictions == y_test))
print(f"chosen network: {chosen}")
print(f"test accuracy: {test_accuracy:.3f} ({len(y_test)} flowers)")
for index in np.flatnonzero(test_predictions != y_test):
    print(
        f"  misclassified: a {iris.target_names[y_test[index]]} "
        f"predicted as {iris.target_names[test_predictions[index]]}"
    )

# %% [markdown]
# On Iris, a small network typically does about as well as the largest ones here. Extra
# width and depth pay off when the data are larger and the function to learn is harder, as in
# the digits lab; on a small data set they mainly add parameters that the validation set
# cannot justify.
#
# ## Exercises
#
# 1. Write `count_parameters(hidden)` from the formula $(n_\text{in} + 1)\, n_\text{out}$ per
#    layer, for 4 inputs and 3 outputs, and check it against Keras's `count_params()` for
#    every architecture above.
# 2. How much does a result depend on the random initial weights? Train the `1 x 2` network
#    again with two other seeds (`build_mlp([2], seed=...)`) and print the spread of its
#    final validation accuracy, in flowers. Is the gap between `1 x 2` and `1 x 8` in the
#    table larger than that spread?
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
    print(
        f"{name:>15}: {by_hand:5d} by hand, "
        f"{models[name].count_params():5d} by Keras"
    )
    assert by_hand == models[name].count_params()

# %% tags=["solution"]
# Solution 2: the same architecture, other initial weights
seed_accuracies = [histories["1 x 2"]["val_accuracy"][-1]]  # seed 0, above
for seed in [1, 2]:
    history = build_mlp([2], seed=seed).fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=8,
        validation_data=(x_val, y_val),
        verbose=0,
    )
    seed_accuracies.append(history.history["val_accuracy"][-1])
    print(f"seed {seed}: validation accuracy {seed_accuracies[-1]:.3f}")
spread = round((max(seed_accuracies) - min(seed_accuracies)) * len(y_val))
gap = round(
    (histories["1 x 8"]["val_accuracy"][-1] - seed_accuracies[0]) * len(y_val)
)
print(f"seed-to-seed spread of 1 x 2: {spread} flower(s) out of {len(y_val)}")
print(f"gap between 1 x 8 and 1 x 2 (seed 0): {gap} flower(s)")
assert len(seed_accuracies) == 3
assert max(seed_accuracies) > 0.6  # well above chance (one in three)
# A gap no larger than the seed-to-seed spread says little about the architectures:
# to compare them properly, average several seeds (or several splits) per network.

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
