"""A convolutional network on scikit-learn's handwritten digits.

Two convolution + pooling stages and a small dense head classify the 8x8 digits; the
first layer's filters before and after training, and the feature maps of one digit.

Figure: The 32 3x3 filters of the first convolutional layer at initialisation (left) and
after training (right), red positive and blue negative weights: training has changed
them little, most trained filters still look like their random starting values.
Figure: One test digit, the 32 feature maps of the first convolutional layer (8x8) and
the 64 of the second (4x4, after pooling): the first follow strokes and edges of the
digit, the second respond to coarser combinations of them.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(1)
digits = load_digits()
images = (digits.images / 16.0).astype("float32")[..., None]  # (1797, 8, 8, 1)
x_train, x_test, y_train, y_test = train_test_split(
    images, digits.target, test_size=0.25, stratify=digits.target, random_state=1
)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(8, 8, 1)),
        keras.layers.Conv2D(32, (3, 3), padding="same", activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Conv2D(64, (3, 3), padding="same", activation="relu"),
        keras.layers.MaxPooling2D((2, 2)),
        keras.layers.Flatten(),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
initial_filters = model.layers[0].get_weights()[0][:, :, 0, :]  # (3, 3, 32), random
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.003),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(x_train, y_train, epochs=40, batch_size=64, verbose=0)
# --8<-- [end:model]

predicted = np.argmax(model.predict(x_test, verbose=0), axis=-1)
test_accuracy = float(np.mean(predicted == y_test))
parameter_count = model.count_params()
filters = model.layers[0].get_weights()[0][:, :, 0, :]  # (3, 3, 32), trained
correlations = [  # one per filter: its 9 trained weights against its 9 initial ones
    float(np.corrcoef(initial_filters[..., k].ravel(), filters[..., k].ravel())[0, 1])
    for k in range(32)
]
median_filter_correlation = float(np.median(correlations))
print(f"{parameter_count} parameters, test accuracy {test_accuracy:.4f}")
print(f"trained vs initial filters: median correlation {median_filter_correlation:.2f}")


def mosaic(maps, columns):  # (height, width, n) -> one image of n tiles
    maps = np.moveaxis(maps, -1, 0)
    maps = maps / (np.abs(maps).max(axis=(1, 2), keepdims=True) + 1e-9)
    maps = np.pad(maps, ((0, 0), (0, 1), (0, 1)), constant_values=np.nan)
    n, h, w = maps.shape
    tiles = maps.reshape(n // columns, columns, h, w).swapaxes(1, 2)
    return tiles.reshape(n // columns * h, columns * w)


figure, axes = plt.subplots(1, 2, figsize=(10, 3))
panels = {"at initialisation": initial_filters, "after training": filters}
for axis, (title, weights) in zip(axes, panels.items(), strict=True):
    image = axis.imshow(mosaic(weights, 8), cmap="RdBu_r", vmin=-1, vmax=1)
    axis.set_title(title)
    axis.axis("off")
figure.colorbar(image, ax=axes, label="weight / largest |weight| of the filter")
plt.show()

probe = keras.Model(model.inputs, [model.layers[0].output, model.layers[2].output])
first_maps, second_maps = (m[0] for m in probe.predict(x_test[:1], verbose=0))
figure, axes = plt.subplots(1, 3, figsize=(10, 3.4), width_ratios=[1, 2.2, 2.2])
panels = [x_test[0, :, :, 0], mosaic(first_maps, 8), mosaic(second_maps, 8)]
titles = [f"input (a {y_test[0]})", "layer 1: 32 maps 8x8", "layer 2: 64 maps 4x4"]
for axis, panel, title in zip(axes, panels, titles, strict=True):
    axis.imshow(panel, cmap="gray_r")
    axis.set_title(title)
    axis.axis("off")
plt.show()
