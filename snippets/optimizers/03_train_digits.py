"""The same small network trained on the digits with each Keras optimizer, five seeds.

A network with one hidden layer of 32 ReLU units reads 8x8 handwritten digits for 10
epochs in batches of 128. Each optimizer runs at Keras's default learning rate; every
(optimizer, seed) run builds a fresh model and a fresh optimizer.
Timeout: 600

Figure: Training loss per epoch of the same network on the digits for six optimizers
at Keras's default learning rates, one thin line per seed: SGD with momentum 0.9
falls fastest, then RMSprop and Adam; plain SGD and Adagrad slowly; Adadelta barely.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def classifier():  # 64 inputs, 32 ReLU units, 10 softmax outputs
    layers = [
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
    return keras.Sequential([keras.Input(shape=(64,)), *layers])


# --8<-- [start:compare]
optimizers = {  # name: makes a fresh optimizer at Keras's default learning rate
    "SGD": lambda: keras.optimizers.SGD(),
    "momentum": lambda: keras.optimizers.SGD(momentum=0.9),  # SGD's default is 0.0
    "Adagrad": lambda: keras.optimizers.Adagrad(),
    "Adadelta": lambda: keras.optimizers.Adadelta(),
    "RMSprop": lambda: keras.optimizers.RMSprop(),
    "Adam": lambda: keras.optimizers.Adam(),
}


def train(make_optimizer, seed, x_train, y_train, x_test, y_test):
    keras.utils.set_random_seed(seed)  # same initial weights and batches for every arm
    model = classifier()  # a fresh model and a fresh optimizer for every run
    model.compile(make_optimizer(), loss="sparse_categorical_crossentropy")
    history = model.fit(x_train, y_train, batch_size=128, epochs=10, verbose=0)
    predicted = np.argmax(model.predict(x_test, verbose=0), axis=-1)
    return history.history["loss"], float(np.mean(predicted == y_test))


digits = load_digits()
seeds = [0, 1, 2, 3, 4]
losses = {name: [] for name in optimizers}  # per optimizer, one loss curve per seed
test_accuracy = {name: [] for name in optimizers}
baseline_accuracy = []  # logistic regression on the same splits
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        digits.data / 16.0, digits.target, test_size=0.3, random_state=seed
    )
    data = x_train, y_train, x_test, y_test  # the same split for every arm
    for name, make_optimizer in optimizers.items():
        curve, accuracy = train(make_optimizer, seed, *data)
        losses[name].append(curve)
        test_accuracy[name].append(accuracy)
    baseline = LogisticRegression(max_iter=2000).fit(x_train, y_train)
    baseline_accuracy.append(float(baseline.score(x_test, y_test)))
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
mean_baseline = float(np.mean(baseline_accuracy))
sd_baseline = float(np.std(baseline_accuracy, ddof=1))
print(f"{'':<19} {'learning rate':>13}   mean ± sd      test accuracy per seed")
for name, accuracy in {
    **test_accuracy,
    "logistic regression": baseline_accuracy,
}.items():
    rate = float(optimizers[name]().learning_rate) if name in optimizers else np.nan
    per_seed = " ".join(f"{a:.3f}" for a in accuracy)
    print(f"{name:<19} {rate:13g}   "
          f"{np.mean(accuracy):.3f} ± {np.std(accuracy, ddof=1):.3f}  {per_seed}")  # fmt: skip
