"""A convolutional network on 8x8 digit images.

The cheat sheet's CNN: two blocks of Conv2D 3x3 (32, then 64 filters) with ReLU,
MaxPooling2D and Dropout 0.25, then Flatten, Dense 512, Dropout 0.5 and softmax.
"""

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(15)
digits = load_digits()
x = digits.images[..., np.newaxis] / 16.0  # (1797, 8, 8, 1): height, width, channel
x_train, x_test, y_train, y_test = train_test_split(
    x, digits.target, test_size=0.33, random_state=42
)
num_classes = 10

# --8<-- [start:model]
model = keras.Sequential([keras.Input(shape=x_train.shape[1:])])
for filters in (32, 64):
    model.add(keras.layers.Conv2D(filters, (3, 3), padding="same", activation="relu"))
    model.add(keras.layers.Conv2D(filters, (3, 3), padding="same", activation="relu"))
    model.add(keras.layers.MaxPooling2D(pool_size=(2, 2)))
    model.add(keras.layers.Dropout(0.25))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(512, activation="relu"))
model.add(keras.layers.Dropout(0.5))
model.add(keras.layers.Dense(num_classes, activation="softmax"))
# --8<-- [end:model]
model.compile(
    optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"]
)
model.fit(x_train, y_train, batch_size=32, epochs=8, verbose=0)

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
flatten_size = int(model.layers[-4].output.shape[-1])
parameter_count = model.count_params()
print(f"{parameter_count} parameters; Flatten passes {flatten_size} numbers on")
print(f"test accuracy {test_accuracy:.3f}")
