"""Early stopping: watch the validation loss and stop when it stops improving.

The network of the over-fitting example is trained again on the same 100 points, with
`keras.callbacks.EarlyStopping`. Training stops once the validation loss has not
improved for 20 epochs, and the weights of the best epoch are put back.

Figure: Training and validation loss per epoch with early stopping (patience 20).
Training ends 20 epochs after the lowest validation loss, marked by a dotted line;
the model keeps the weights of that epoch.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

keras.utils.set_random_seed(0)
x, y = make_moons(n_samples=1500, noise=0.3, random_state=0)
x_train, y_train = x[:100], y[:100]
x_val, y_val = x[1000:], y[1000:]
train = tf.data.Dataset.from_tensors((x_train, y_train))
val = tf.data.Dataset.from_tensors((x_val, y_val))

model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
# --8<-- [start:callback]
stop = keras.callbacks.EarlyStopping(
    monitor="val_loss", patience=20, restore_best_weights=True
)
history = model.fit(
    train, validation_data=val, epochs=150, callbacks=[stop], shuffle=False, verbose=0
)
# --8<-- [end:callback]

val_curve = history.history["val_loss"]
epochs_run = len(val_curve)
best_epoch = int(np.argmin(val_curve)) + 1
best_val_loss = float(min(val_curve))
restored_val_loss = float(
    keras.ops.mean(keras.losses.binary_crossentropy(y_val[:, None], model(x_val)))
)
epochs = np.arange(1, epochs_run + 1)
plt.plot(epochs, history.history["loss"], label="training loss")
plt.plot(epochs, val_curve, label="validation loss")
plt.axvline(best_epoch, linestyle=":", color="0.5", label=f"best epoch ({best_epoch})")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.legend()
plt.show()
print(f"stopped after {epochs_run} of 150 epochs; best epoch {best_epoch}")
print(
    f"best validation loss {best_val_loss:.4f}, restored model {restored_val_loss:.4f}"
)
