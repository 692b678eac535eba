"""More data: the same network, trained on 1000 points instead of 100.

Nothing in the model changes. With ten times as many noisy points, the network can no
longer memorise each one and has to follow the shape they share.

Figure: Training and validation loss per epoch of the same large network trained on
1000 noisy points. The two curves stay close together for all 150 epochs.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_moons

keras.utils.set_random_seed(0)
x, y = make_moons(n_samples=1500, noise=0.3, random_state=0)
x_train, y_train = x[:1000], y[:1000]
x_val, y_val = x[1000:], y[1000:]  # 500 points never used for training
train = tf.data.Dataset.from_tensors((x_train, y_train))  # one full batch per epoch
val = tf.data.Dataset.from_tensors((x_val, y_val))

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer=keras.optimizers.Adam(0.01), loss="binary_crossentropy")
# --8<-- [end:model]
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
