"""The same small network trained on the digits with each Keras optimizer, five seeds.

A network with one hidden layer of 32 ReLU units learns to read 8x8 handwritten digits.
Only the optimizer changes, each with Keras's default settings; every seed draws its own
split, initial weights (the same for every optimizer) and order of mini-batches.

Figure: Training loss per epoch of the same network on the digits for six optimizers
with Keras's default settings, one thin line per seed: SGD with momentum, RMSprop and
Adam fall fastest in every seed, plain SGD and Adagrad slowly, and Adadelta barely moves.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


def classifier():  # 64 inputs, 32 ReLU units, 10 softmax outputs
    layers = [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
    return keras.Sequential([keras.Input(shape=(64,)), *layers])


# --8<-- [start:compare]
optimizers = {
    "SGD": keras.optimizers.SGD(),
    "momentum": keras.optimizers.SGD(momentum=0.9),
    "Adagrad": keras.optimizers.Adagrad(),
    "Adadelta": keras.optimizers.Adadelta(),
    "RMSprop": keras.optimizers.RMSprop(),
    "Adam": keras.optimizers.Adam(),
}
models, fresh_state = {}, {}
for name, optimizer in optimizers.items():  # compiled once, reused for every seed
    models[name] = classifier()
    models[name].compile(optimizer, loss="sparse_categorical_crossentropy")
    optimizer.build(models[name].trainable_variables)
    fresh_state[name] = [variable.numpy() for variable in optimizer.variables]

digits = load_digits()
seeds = [0, 1, 2, 3, 4]
losses = {name: [] for name in optimizers}  # per optimizer, one loss curve per seed
test_accuracy = {name: [] for name in optimizers}
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.3, random_state=seed
    )
    keras.utils.set_random_seed(seed)
    start = classifier().get_weights()  # this seed's initial weights
    batches = tf.data.Dataset.from_tensor_slices((x_train, y_train))
    batches = batches.shuffle(len(x_train), seed=seed).batch(128)
    for name, model in models.items():
        model.set_weights(start)
        state = zip(model.optimizer.variables, fresh_state[name], strict=True)
        for variable, value in state:
            variable.assign(value)  # the optimizer back to step 0
        history = model.fit(batches, epochs=10, verbose=0)
        losses[name].append(history.history["loss"])
        predicted = np.argmax(model(x_test), axis=-1)
        test_accuracy[name].append(float(np.mean(predicted == y_test)))
# --8<-- [end:compare]

epochs = np.arange(1, len(losses["Adam"][0]) + 1)
for i, (name, curves) in enumerate(losses.items()):
    lines = plt.plot(epochs, np.transpose(curves), color=f"C{i}", linewidth=0.8)
    lines[0].set_label(name)  # one thin line per seed, one legend entry
plt.xlabel("epoch")
plt.ylabel("training loss (cross-entropy)")
plt.yscale("log")
plt.legend()
plt.show()

mean_accuracy = {name: float(np.mean(a)) for name, a in test_accuracy.items()}
sd_accuracy = {name: float(np.std(a, ddof=1)) for name, a in test_accuracy.items()}
print(f"{'optimizer':<9} {'learning rate':>13}   mean ± sd      test accuracy per seed")
for name, optimizer in optimizers.items():
    per_seed = " ".join(f"{a:.3f}" for a in test_accuracy[name])
    print(f"{name:<9} {float(optimizer.learning_rate):13g}   "
          f"{mean_accuracy[name]:.3f} ± {sd_accuracy[name]:.3f}  {per_seed}")  # fmt: skip
