"""The same small network trained on the digits with each Keras optimizer.

A network with one hidden layer of 32 ReLU units learns to read 8x8 handwritten digits.
Only the optimizer changes between runs, each with Keras's default settings; the
weights start from the same seed.

Figure: Training loss per epoch of the same network on the digits for six optimizers
with Keras's default settings: SGD with momentum, RMSprop and Adam fall fastest,
plain SGD and Adagrad slowly, and Adadelta barely moves.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    digits.data / 16.0, digits.target, test_size=0.3, random_state=0
)
# mini-batches of 128 examples, reshuffled every epoch
batches = tf.data.Dataset.from_tensor_slices((x_train, y_train))
batches = batches.shuffle(len(x_train), seed=0).batch(128)

# --8<-- [start:compare]
optimizers = {
    "SGD": keras.optimizers.SGD(),
    "momentum": keras.optimizers.SGD(momentum=0.9),
    "Adagrad": keras.optimizers.Adagrad(),
    "Adadelta": keras.optimizers.Adadelta(),
    "RMSprop": keras.optimizers.RMSprop(),
    "Adam": keras.optimizers.Adam(),
}
losses, test_accuracy = {}, {}
for name, optimizer in optimizers.items():
    keras.utils.set_random_seed(0)  # the same initial weights for every optimizer
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer, loss="sparse_categorical_crossentropy")
    history = model.fit(batches, epochs=20, verbose=0)
    losses[name] = history.history["loss"]
    predicted = np.argmax(model.predict(x_test, verbose=0), axis=-1)
    test_accuracy[name] = float(np.mean(predicted == y_test))
# --8<-- [end:compare]

for name, loss in losses.items():
    plt.plot(range(1, len(loss) + 1), loss, label=name)
plt.xlabel("epoch")
plt.ylabel("training loss (cross-entropy)")
plt.yscale("log")
plt.legend()
plt.show()

print(
    f"{'optimizer':<9} {'learning rate':>13} {'final loss':>10} {'test accuracy':>13}"
)
for name, optimizer in optimizers.items():
    learning_rate = float(optimizer.learning_rate)
    print(f"{name:<9} {learning_rate:13g} {losses[name][-1]:10.3f} "
          f"{test_accuracy[name]:13.3f}")  # fmt: skip
