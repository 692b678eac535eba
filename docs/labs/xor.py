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
# # Lab: the XOR problem
#
# XOR, "exclusive or", is 1 when exactly one of its two inputs is 1. It is the smallest
# problem that a single neuron cannot solve, and the classic argument for hidden layers.
#
# **Learning goals**
#
# - See that no straight line separates XOR's two classes, so one neuron fails.
# - Solve it with one small hidden layer, and look at the regions the network draws.
# - Understand why holding out a validation set (`validation_split`) is a mistake when the
#   whole data set is four points.
#
# The cells run top to bottom in a fresh Python; this page shows the outputs of the run made
# when the site was built.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(0)

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
y = np.array([0, 1, 1, 0], dtype="float32")
for point, label in zip(x, y, strict=True):
    print(point.astype(int), "->", int(label))

# %% [markdown]
# ## One neuron is not enough
#
# A single `Dense(1, activation="sigmoid")` layer computes $\sigma(w_0 + w_1 x_1 + w_2 x_2)$.
# Its decision boundary $w_0 + w_1 x_1 + w_2 x_2 = 0$ is a straight line, and no line puts
# $(0, 1)$ and $(1, 0)$ on one side and $(0, 0)$ and $(1, 1)$ on the other.


# %%
def train(model, epochs=150):
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.1),
        loss="binary_crossentropy",
    )
    history = model.fit(x, y, epochs=epochs, batch_size=4, verbose=0)
    predictions = model.predict(x, verbose=0).ravel()
    accuracy = float(np.mean((predictions > 0.5) == y))
    return history, predictions, accuracy


single_neuron = keras.Sequential(
    [keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")]
)
single_history, single_predictions, single_accuracy = train(single_neuron)
print("outputs of one neuron:", single_predictions.round(2))
print("accuracy:", single_accuracy)

# %% [markdown]
# The best a straight line can do is three points out of four; gradient descent often does
# worse and settles on an output near 0.5 for every point, the loss of guessing.
#
# ## A hidden layer solves it
#
# Four hidden units with tanh are more than enough. The hidden layer maps the four points to a
# new space where a straight line does separate them.

# %%
hidden_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(4, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
hidden_history, hidden_predictions, hidden_accuracy = train(hidden_model)
print("outputs with a hidden layer:", hidden_predictions.round(2))
print("accuracy:", hidden_accuracy)

# %%
grid_x, grid_y = np.meshgrid(
    np.linspace(-0.5, 1.5, 150), np.linspace(-0.5, 1.5, 150)
)
grid = np.column_stack([grid_x.ravel(), grid_y.ravel()]).astype("float32")
figure, axes = plt.subplots(1, 3, figsize=(12, 3.6))
for axis, model, title in [
    (axes[0], single_neuron, "one neuron"),
    (axes[1], hidden_model, "one hidden layer of 4 units"),
]:
    probability = model.predict(grid, verbose=0).reshape(grid_x.shape)
    axis.contourf(
        grid_x, grid_y, probability, levels=20, cmap="coolwarm", alpha=0.6
    )
    axis.scatter(
        x[:, 0], x[:, 1], c=y, cmap="coolwarm", edgecolors="black", s=120
    )
    axis.set_title(title)
    axis.set_xlabel("$x_1$")
    axis.set_ylabel("$x_2$")
axes[2].plot(single_history.history["loss"], label="one neuron")
axes[2].plot(hidden_history.history["loss"], label="hidden layer")
axes[2].set_xlabel("epoch")
axes[2].set_ylabel("training loss")
axes[2].legend()
figure.tight_layout()
plt.show()

# %% [markdown]
# ## Why not `validation_split` here?
#
# `model.fit(..., validation_split=0.25)` holds out the **last** 25 % of the training data
# (it does not shuffle before splitting). With four points that is the single point
# $(1, 1)$: the network then trains on three points, never sees the fourth, and has no reason
# to get it right. The "validation" score is one point, so it can only be 0 or 1.

# %%
keras.utils.set_random_seed(0)
split_model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(4, activation="tanh"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
split_model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.1),
    loss="binary_crossentropy",
)
split_history = split_model.fit(
    x, y, epochs=150, batch_size=4, validation_split=0.25, verbose=0
)
held_out_prediction = float(split_model.predict(x[3:], verbose=0)[0, 0])
print("trained on:", x[:3].astype(int).tolist())
print(
    f"prediction for the held-out point (1, 1), whose label is 0: {held_out_prediction:.2f}"
)

# %% [markdown]
# Three points that are all compatible with "OR" leave the network free to answer 1 for
# $(1, 1)$: nothing in its training data says otherwise. With a data set this small every
# point is needed for training; a validation set makes sense only when there is data to spare.
#
# ## Exercises
#
# 1. The hidden layer maps the four points to four new points in $\mathbb{R}^4$. Check
#    that a *linear* classifier (scikit-learn's `LogisticRegression`) separates them there.
# 2. Four points cannot measure generalisation. Make an honest test set: 400 noisy copies of
#    the four points (Gaussian noise, standard deviation 0.1, labels unchanged) and measure the
#    trained hidden-layer network's accuracy on them.
#
# The solutions follow, folded.

# %% tags=["solution"]
# Solution 1: in the hidden layer's space, XOR is linearly separable
from sklearn.linear_model import LogisticRegression

hidden_layer = keras.Model(hidden_model.inputs, hidden_model.layers[0].output)
hidden_points = hidden_layer.predict(x, verbose=0)
print("hidden representation of the four points:")
print(hidden_points.round(2))
linear_accuracy = (
    LogisticRegression(C=100.0).fit(hidden_points, y).score(hidden_points, y)
)
print(
    "linear classifier on the hidden representation, accuracy:", linear_accuracy
)
assert linear_accuracy == 1.0

# %% tags=["solution"]
# Solution 2: an honest test set of noisy copies
rng = np.random.default_rng(1)
copies = rng.integers(0, 4, size=400)
x_test = x[copies] + rng.normal(0.0, 0.1, size=(400, 2)).astype("float32")
y_test = y[copies]
test_accuracy = float(
    np.mean((hidden_model.predict(x_test, verbose=0).ravel() > 0.5) == y_test)
)
print(f"accuracy on 400 noisy copies: {test_accuracy:.3f}")
assert test_accuracy > 0.9
