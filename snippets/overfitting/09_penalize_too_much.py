"""Exercise 2 solution: an L2 penalty that is too strong under-fits.

The network of the weight-penalty example, with the penalty raised from 0.001 to 1.
The weights are pushed so hard towards zero that the network can no longer follow the
data: training and validation loss are both high, and close together.

Figure: Training and validation loss per epoch with an L2 penalty of 1: both
curves flatten early at a high value, the sign of under-fitting.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

keras.utils.set_random_seed(0)
x, y = make_moons(n_samples=1500, noise=0.3, random_state=0)
x_train, y_train = x[:100], y[:100]
x_val, y_val = x[1000:], y[1000:]  # 500 points never used for training
train = tf.data.Dataset.from_tensors((x_train, y_train))  # one full batch per epoch
val = tf.data.Dataset.from_tensors((x_val, y_val))

penalty = keras.regularizers.L2(1.0)
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(128, activation="relu", kernel_regularizer=penalty),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
history = model.fit(train, validation_data=val, epochs=150, shuffle=False, verbose=0)


def cross_entropy(x, y):  # the data term alone, without penalty or dropout
    return float(keras.ops.mean(keras.losses.binary_crossentropy(y[:, None], model(x))))


train_loss, val_loss = cross_entropy(x_train, y_train), cross_entropy(x_val, y_val)
gap = val_loss - train_loss
epochs = np.arange(1, 151)
plt.plot(epochs, history.history["loss"], label="training loss")
plt.plot(epochs, history.history["val_loss"], label="validation loss")
plt.xlabel("epoch")
plt.ylabel("loss")
plt.ylim(0, 1.5)
plt.legend()
plt.show()
print(f"after 150 epochs: training {train_loss:.3f}, validation {val_loss:.3f}, "
      f"gap {gap:.3f}")  # fmt: skip
train_accuracy = float(np.mean((model(x_train)[:, 0] > 0.5) == y_train))
val_accuracy = float(np.mean((model(x_val)[:, 0] > 0.5) == y_val))
print(f"accuracy: training {train_accuracy:.3f}, validation {val_accuracy:.3f}")
