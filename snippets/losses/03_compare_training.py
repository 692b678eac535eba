"""One small classifier, trained with six losses of the table, over five seeds.

For each seed (data split, initial weights, shuffling) six copies of the same network
(64 inputs, 32 ReLU units, 10 raw outputs) start from the same weights and learn
scikit-learn's digits side by side, one loss each. The test accuracies are collected in
a mean ± sd table, with every seed's value.
"""

import keras
import numpy as np
import tensorflow as tf
from keras import ops
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split


# --8<-- [start:losses]
def hinge(y, o):  # the table's hinge: margin 1/2, targets as -1 and +1
    return ops.sum(ops.relu(0.5 - (2 * y - 1) * o), axis=-1)


def tanimoto(y, o):
    s = ops.softmax(o)
    overlap = ops.sum(s * y, axis=-1)
    return -overlap / (ops.sum(s**2, -1) + ops.sum(y**2, -1) - overlap)


losses = {
    "L1": lambda y, o: ops.sum(ops.abs(y - o), axis=-1),
    "L2": lambda y, o: ops.sum((y - o) ** 2, axis=-1),
    "expectation": lambda y, o: ops.sum(ops.abs(y - ops.softmax(o)), axis=-1),
    "hinge": hinge,
    "log": keras.losses.CategoricalCrossentropy(from_logits=True),
    "Tanimoto": tanimoto,
}
# --8<-- [end:losses]


def classifier(name=None):  # 64 inputs, 32 ReLU units, 10 raw outputs (logits)
    layers = [keras.layers.Dense(32, activation="relu"), keras.layers.Dense(10)]
    return keras.Sequential([keras.Input(shape=(64,)), *layers], name=name)


# --8<-- [start:seeds]
# One copy of the network per loss, side by side in one model: no shared weight, and Adam
# scales each weight on its own, so these are six separate trainings, compiled once.
networks = [classifier(name) for name in losses]
inputs = keras.Input(shape=(64,))
model = keras.Model(inputs, [network(inputs) for network in networks])
model.compile(keras.optimizers.Adam(learning_rate=0.01), loss=list(losses.values()))
model.optimizer.build(model.trainable_variables)
fresh_adam = [variable.numpy() for variable in model.optimizer.variables]

x, y = load_digits(return_X_y=True)
seeds = [0, 1, 2, 3, 4]
test_accuracies = {name: [] for name in losses}
missed_digits = {name: [] for name in losses}  # digits with a test recall below 50 %
for seed in seeds:
    split = train_test_split(x / 16, y, test_size=0.3, stratify=y, random_state=seed)
    x_train, x_test, y_train, y_test = split
    keras.utils.set_random_seed(seed)
    start = classifier().get_weights()  # this seed's initial weights, for every loss
    for network in networks:
        network.set_weights(start)
    for variable, value in zip(model.optimizer.variables, fresh_adam, strict=True):
        variable.assign(value)  # Adam back to step 0
    targets = (keras.utils.to_categorical(y_train, 10),) * len(losses)
    batches = tf.data.Dataset.from_tensor_slices((x_train, targets))
    model.fit(batches.shuffle(len(x_train), seed=seed).batch(64), epochs=15, verbose=0)
    for name, logits in zip(losses, model(x_test), strict=True):
        predicted = np.argmax(logits, axis=-1)
        test_accuracies[name].append(float(np.mean(predicted == y_test)))
        recall = [np.mean(predicted[y_test == digit] == digit) for digit in range(10)]
        missed_digits[name].append(int(np.sum(np.array(recall) < 0.5)))
# --8<-- [end:seeds]
# The L1 network after the last seed: dead hidden ReLUs (0 for every test digit)
l1_dead_units = int(np.sum(np.all(networks[0].layers[0](x_test) == 0, axis=0)))
l1_largest_output = float(np.max(np.abs(networks[0](x_test))))

mean_accuracy = {name: float(np.mean(a)) for name, a in test_accuracies.items()}
sd_accuracy = {name: float(np.std(a, ddof=1)) for name, a in test_accuracies.items()}
log = np.array(test_accuracies["log"])  # seeds more than 5 points below the log loss:
seeds_behind_log = {n: int(np.sum(a < log - 0.05)) for n, a in test_accuracies.items()}
print(f"{'loss':<12}{'mean ± sd':<16}{'test accuracy, seeds 0 to 4':<32}digits missed")
for name in sorted(losses, key=lambda name: -mean_accuracy[name]):
    per_seed = " ".join(f"{a:.3f}" for a in test_accuracies[name])
    print(f"{name:<12}{mean_accuracy[name]:.3f} ± {sd_accuracy[name]:.3f}   {per_seed}   "
          f"{missed_digits[name]}")  # fmt: skip
print(f"L1, seed 4: {l1_dead_units} of 32 hidden units dead, largest output "
      f"{l1_largest_output:.3f}")  # fmt: skip
