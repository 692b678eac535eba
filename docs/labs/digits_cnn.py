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
# # Lab: a CNN on handwritten digits
#
# A convolutional neural network (CNN) learns small filters that slide over an image, and
# pooling layers that shrink what the filters found, "progressive levels of abstraction" in
# the lecture's words. This lab trains a small CNN on scikit-learn's handwritten digits,
# which ship with the library, so everything runs offline in a few seconds. An optional cell
# before the exercises runs the same network on the full MNIST set, which must be downloaded.
#
# **Learning goals**
#
# - Shape image data for Keras: `(samples, height, width, channels)`, scaled to $[0, 1]$.
# - Build a CNN from `Conv2D` (with `padding="same"`), `MaxPooling2D`, `Flatten` and a
#   softmax `Dense` layer, and follow the shape of the data through it.
# - Read learning curves, a confusion matrix and the misclassified images to see what the
#   network gets wrong.
#
# The cells run top to bottom in a fresh Python; this page shows the outputs of the run made
# when the site was built.

# %% [markdown]
# ## The data
#
# `load_digits` holds 1797 images of handwritten digits, 8 by 8 pixels, each pixel a grey
# level from 0 to 16 (a downsampled cousin of MNIST's 28 by 28 images). Keras's `Conv2D`
# expects a channel axis at the end, so the images become an array of shape
# `(1797, 8, 8, 1)`, divided by 16 to lie in $[0, 1]$. As in the Iris lab, a stratified split
# keeps a validation set for watching training and a test set for the final score.

# %%
import keras
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats
from sklearn.datasets import load_digits
from sklearn.metrics import confusion_matrix
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(0)

digits = load_digits()
images = (digits.images / 16.0).astype("float32")[..., np.newaxis]
labels = digits.target
x_rest, x_test, y_rest, y_test = train_test_split(
    images, labels, test_size=0.2, stratify=labels, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.2, stratify=y_rest, random_state=0
)
print("images:", images.shape, "pixel range:", images.min(), "to", images.max())
print("train", x_train.shape, "validation", x_val.shape, "test", x_test.shape)

# %%
figure, axes = plt.subplots(2, 8, figsize=(10, 3.6))
for axis, image, label in zip(axes.ravel(), x_train, y_train, strict=False):
    axis.imshow(image[:, :, 0], cmap="gray_r", vmin=0, vmax=1)
    axis.set_title(f"label {label}", fontsize=10)
    axis.axis("off")
figure.suptitle("Sixteen training images (8 x 8 pixels, darker = more ink)")
figure.tight_layout()
plt.show()

# %% [markdown]
# ## The network
#
# Two convolution blocks, then a classifier:
#
# - `Conv2D(16, 3, padding="same")` slides 16 filters of $3 \times 3$ pixels over the image.
#   `padding="same"` adds a border of zeros so that the output keeps the input's height and
#   width (8 by 8); without it each convolution would shave a pixel off every side, which
#   hurts on images this small.
# - `MaxPooling2D(2)` keeps the largest value of each $2 \times 2$ block, halving the height
#   and width: the network keeps *whether* a feature is present nearby and forgets its exact
#   pixel, which makes it less sensitive to small shifts.
# - The second block has 32 filters, each looking at all 16 maps of the first block.
# - `Flatten` turns the final $2 \times 2 \times 32$ maps into a vector of 128 numbers, and a
#   `Dense` layer with ten softmax units gives one probability per digit.
#
# The lecture's listing built this layer by layer with `model.add`, `input_shape=` on the
# first layer and separate `Activation` layers; in Keras 3 the input is a `keras.Input` and
# the activation an argument of the layer.


# %%
def build_cnn(input_shape):
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.003),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


cnn = build_cnn((8, 8, 1))
cnn.summary()

# %% [markdown]
# ## Training
#
# Labels are integers 0 to 9, hence `sparse_categorical_crossentropy`. The validation set
# is evaluated after every epoch, which gives the learning curves below.

# %%
epochs = 15
history = cnn.fit(
    x_train,
    y_train,
    epochs=epochs,
    batch_size=32,
    validation_data=(x_val, y_val),
    verbose=0,
).history
print(f"after {epochs} epochs:")
print(f"  training accuracy   {history['accuracy'][-1]:.3f}")
print(f"  validation accuracy {history['val_accuracy'][-1]:.3f}")

# %%
epoch_numbers = np.arange(1, epochs + 1)
figure, (loss_axis, accuracy_axis) = plt.subplots(1, 2, figsize=(11, 3.8))
loss_axis.plot(epoch_numbers, history["loss"], label="training")
loss_axis.plot(epoch_numbers, history["val_loss"], label="validation")
loss_axis.set_ylabel("loss (cross-entropy)")
loss_axis.set_title("Loss")
accuracy_axis.plot(epoch_numbers, history["accuracy"], label="training")
accuracy_axis.plot(epoch_numbers, history["val_accuracy"], label="validation")
accuracy_axis.set_ylabel("accuracy")
accuracy_axis.set_title("Accuracy")
for axis in (loss_axis, accuracy_axis):
    axis.set_xlabel("epoch")
    axis.legend()
figure.tight_layout()
plt.show()

# %% [markdown]
# While the validation loss keeps falling with the training loss, the network is still
# learning something that generalises; when the training loss goes on falling and the
# validation loss turns up, it has started to overfit (see the chapter on overfitting).
#
# ## The test set: accuracy and confusion matrix
#
# The model is fixed, so we score it once on the test set. Predictions are the most probable
# class: `np.argmax(model.predict(x), axis=-1)` (Keras 3 has no `predict_classes`). The
# confusion matrix counts, for each true digit (row), how often each digit was predicted
# (column): a perfect classifier has numbers only on the diagonal.

# %%
test_predictions = np.argmax(cnn.predict(x_test, verbose=0), axis=-1)
test_accuracy = float(np.mean(test_predictions == y_test))
print(f"test accuracy: {test_accuracy:.3f} on {len(y_test)} images")
print(f"misclassified: {int(np.sum(test_predictions != y_test))}")

matrix = confusion_matrix(y_test, test_predictions)
figure, axis = plt.subplots(figsize=(5.5, 5))
shown = axis.imshow(matrix, cmap="Blues")
for true_digit in range(10):
    for predicted_digit in range(10):
        count = matrix[true_digit, predicted_digit]
        if count:
            axis.text(
                predicted_digit,
                true_digit,
                count,
                ha="center",
                va="center",
                color="white" if count > matrix.max() / 2 else "black",
            )
axis.set_xticks(range(10))
axis.set_yticks(range(10))
axis.set_xlabel("predicted digit")
axis.set_ylabel("true digit")
axis.set_title("Confusion matrix on the test set")
figure.colorbar(shown, ax=axis, label="number of images")
figure.tight_layout()
plt.show()

# %% [markdown]
# ## What does it get wrong?
#
# The misclassified test images, with the true label and the network's answer. At 8 by 8
# pixels some of them are hard to read for a person too.

# %%
wrong = np.flatnonzero(test_predictions != y_test)[:8]
if len(wrong):
    figure, axes = plt.subplots(
        1, len(wrong), figsize=(1.4 * len(wrong), 2), squeeze=False
    )
    for axis, index in zip(axes[0], wrong, strict=True):
        axis.imshow(x_test[index, :, :, 0], cmap="gray_r", vmin=0, vmax=1)
        axis.set_title(
            f"true {y_test[index]}\npredicted {test_predictions[index]}",
            fontsize=9,
        )
        axis.axis("off")
    figure.suptitle("Misclassified test images (at most eight)")
    figure.tight_layout()
    plt.show()
else:
    print("No test image is misclassified.")

# %% [markdown]
# ## Optional: the full MNIST set (needs the network)
#
# MNIST has 60 000 training and 10 000 test images of 28 by 28 pixels. `keras.datasets.mnist`
# **downloads** it (about 11 MB) the first time, so this cell is skipped offline and when the
# site is built without network. To run it, in Colab for example, set `run_full_mnist` to
# `True`. The same `build_cnn` function gives a network for 28 by 28 inputs. One epoch is
# enough for a first result; on a CPU it takes from a few seconds to a minute or so.

# %%
import os

# Set to True in Colab to download MNIST (11 MB) and train on it.
run_full_mnist = os.environ.get("COURSERUN_NETWORK") == "1"
if run_full_mnist:
    (mnist_x_train, mnist_y_train), (mnist_x_test, mnist_y_test) = (
        keras.datasets.mnist.load_data()
    )
    mnist_x_train = (mnist_x_train / 255.0).astype("float32")[..., np.newaxis]
    mnist_x_test = (mnist_x_test / 255.0).astype("float32")[..., np.newaxis]
    mnist_cnn = build_cnn((28, 28, 1))
    mnist_cnn.fit(
        mnist_x_train, mnist_y_train, epochs=1, batch_size=128, verbose=0
    )
    mnist_predictions = np.argmax(
        mnist_cnn.predict(mnist_x_test, verbose=0), axis=-1
    )
    mnist_accuracy = float(np.mean(mnist_predictions == mnist_y_test))
    print(f"MNIST test accuracy after one epoch: {mnist_accuracy:.3f}")
else:
    print(
        "Skipped: full MNIST needs the network to download it. "
        "Set run_full_mnist = True to run this cell."
    )

# %% [markdown]
# ## Exercises
#
# 1. Follow the shapes. Compute by hand the number of parameters of each `Conv2D` layer (a
#    layer of $k$ filters of $3 \times 3$ over $c$ input channels has $(3 \cdot 3 \cdot c + 1)
#    \, k$) and check it against Keras. Then build the first layer with `padding="valid"` and
#    check the shape of its output on one image.
# 2. Is the convolution worth it? Train a plain MLP on the flattened pixels
#    (`Flatten`, `Dense(64, activation="relu")`, `Dense(10, activation="softmax")`) and
#    compare its parameter count and validation accuracy with the CNN's, both trained for the
#    same number of epochs (five are enough). Is one run of each enough to say which is
#    better? Repeat for five seeds.
# 3. Look inside. Make a model that outputs the first convolution layer's 16 feature maps
#    (`keras.Model(cnn.inputs, cnn.layers[0].output)`) and plot them for one test image.
#
# The solutions follow, folded.

# %% tags=["solution"]
# Solution 1: parameters and shapes
conv_layers = [
    layer for layer in cnn.layers if isinstance(layer, keras.layers.Conv2D)
]
channels_in = 1
for layer in conv_layers:
    by_hand = (3 * 3 * channels_in + 1) * layer.filters
    print(
        f"{layer.name}: {by_hand} by hand, {layer.count_params()} by Keras, "
        f"output shape {layer.output.shape}"
    )
    assert by_hand == layer.count_params()
    channels_in = layer.filters

valid_layer = keras.layers.Conv2D(16, 3, padding="valid")
valid_shape = tuple(valid_layer(x_test[:1]).shape)
same_shape = tuple(conv_layers[0](x_test[:1]).shape)
print("padding='same': ", same_shape)
print("padding='valid':", valid_shape)
assert same_shape == (1, 8, 8, 16)
assert valid_shape == (1, 6, 6, 16)


# %% tags=["solution"]
# Solution 2: a plain MLP on the same pixels, against the CNN, over five seeds.
# One run of each would compare two draws of luck, so each seed draws its own
# training/validation split (the test set stays aside), initial weights and batch
# order, and every (model, seed) run builds a fresh model with a fresh optimizer.
def build_mlp():
    model = keras.Sequential(
        [
            keras.Input(shape=(8, 8, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.003),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


seeds = [0, 1, 2, 3, 4]
contenders = {"CNN": lambda: build_cnn((8, 8, 1)), "MLP": build_mlp}
val_accuracy = {name: [] for name in contenders}
parameters = {}
for seed in seeds:
    x_fit, x_check, y_fit, y_check = train_test_split(
        x_rest, y_rest, test_size=0.2, stratify=y_rest, random_state=seed
    )
    for name, build in contenders.items():
        keras.utils.set_random_seed(seed)
        model = build()
        parameters[name] = model.count_params()
        model.fit(x_fit, y_fit, epochs=5, batch_size=32, verbose=0)
        guesses = np.argmax(model.predict(x_check, verbose=0), axis=-1)
        val_accuracy[name].append(float(np.mean(guesses == y_check)))
cnn_scores, mlp_scores = (np.array(val_accuracy[n]) for n in ["CNN", "MLP"])
print(f"{'model':>5} {'params':>6} {'val acc, 5 seeds':>17}   per seed")
for name in contenders:
    scores = np.array(val_accuracy[name])
    print(
        f"{name:>5} {parameters[name]:6d} {scores.mean():9.3f} ± "
        f"{scores.std(ddof=1):.3f}   {np.round(scores, 3)}"
    )
differences = cnn_scores - mlp_scores  # paired: same split and seed for both
p_value = float(stats.ttest_rel(cnn_scores, mlp_scores).pvalue)
seeds_cnn_ahead = int(np.sum(differences > 0))
print(f"CNN ahead in {seeds_cnn_ahead} of {len(seeds)} seeds")
print(
    f"CNN minus MLP: {differences.mean():+.3f}, paired t-test p = {p_value:.2f}"
)
assert (
    min(cnn_scores.min(), mlp_scores.min()) > 0.9
)  # both do well, in every seed
assert abs(differences.mean()) < 0.03  # and within three points of each other
# After 5 epochs on 8 x 8 digits, both do well, with a similar number of parameters, and
# the mean difference is about a point: less than five seeds can resolve (see the p-value),
# so call it a tie here; resolving an edge that small takes many more seeds. The CNN's
# advantage grows with the image size (MNIST, photographs), where a dense layer on every
# pixel gets very large.

# %% tags=["solution"]
# Solution 3: the first layer's feature maps for one test image
first_layer = keras.Model(cnn.inputs, cnn.layers[0].output)
feature_maps = first_layer.predict(x_test[:1], verbose=0)[0]
print("feature maps:", feature_maps.shape)
figure, axes = plt.subplots(2, 9, figsize=(11, 3.4))
axes[0, 0].imshow(x_test[0, :, :, 0], cmap="gray_r")
axes[0, 0].set_title(f"input: a {y_test[0]}", fontsize=9)
for index, axis in enumerate(axes.ravel()[1:17]):
    axis.imshow(feature_maps[:, :, index], cmap="viridis")
    axis.set_title(f"filter {index}", fontsize=9)
for axis in axes.ravel():
    axis.axis("off")
figure.suptitle(
    "The first convolution layer's 16 feature maps "
    "(ReLU outputs, each on its own colour scale: yellow = strongest)"
)
figure.tight_layout()
plt.show()
assert feature_maps.shape == (8, 8, 16)
assert feature_maps.min() >= 0.0  # ReLU outputs are never negative
