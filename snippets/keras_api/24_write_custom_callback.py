"""Exercise: a callback of your own that stops at a target accuracy.

A subclass of `keras.callbacks.Callback` reads the epoch's logs and sets
`model.stop_training` once the validation accuracy reaches 0.95.
"""

import keras
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(24)
x, y = load_digits(return_X_y=True)
x_train, x_val, y_train, y_val = train_test_split(
    x / 16.0, y, test_size=0.33, random_state=42
)


class StopAtAccuracy(keras.callbacks.Callback):
    def __init__(self, target):
        super().__init__()
        self.target = target
        self.stopped_at = None

    def on_epoch_end(self, epoch, logs=None):
        if logs["val_accuracy"] >= self.target:
            self.stopped_at = epoch + 1  # Keras counts epochs from 0
            self.model.stop_training = True


model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
stopper = StopAtAccuracy(target=0.95)
history = model.fit(
    x_train,
    y_train,
    epochs=100,
    batch_size=32,
    verbose=0,
    validation_data=(x_val, y_val),
    callbacks=[stopper],
)
stopped_at = stopper.stopped_at
final_val_accuracy = history.history["val_accuracy"][-1]
print(
    f"stopped after epoch {stopped_at} of 100, validation accuracy {final_val_accuracy:.3f}"
)
