"""What `validation_split` does, and when it misleads.

`fit(validation_split=0.2)` holds back the LAST 20 % of the arrays, before any
shuffling. On data sorted by class, those rows are classes the model never trains on.
"""

import keras
import numpy as np
from sklearn.datasets import load_digits

keras.utils.set_random_seed(19)
x, y = load_digits(return_X_y=True)
x = x / 16.0


def validation_accuracy(x, y):
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    # --8<-- [start:split]
    history = model.fit(x, y, validation_split=0.2, epochs=10, batch_size=32, verbose=0)
    # --8<-- [end:split]
    return history.history["val_accuracy"][-1]


order = np.argsort(y, kind="stable")  # the same data, sorted by digit
x_sorted, y_sorted = x[order], y[order]
held_out_classes = sorted(set(y_sorted[-int(0.2 * len(y)) :].tolist()))
shuffled_val_accuracy = validation_accuracy(x, y)
sorted_val_accuracy = validation_accuracy(x_sorted, y_sorted)
print("digits in the last 20 % of the sorted data:", held_out_classes)
print(f"validation accuracy, data in its original order: {shuffled_val_accuracy:.3f}")
print(f"validation accuracy, data sorted by digit:       {sorted_val_accuracy:.3f}")
