"""One small classifier, trained with different losses from the table.

The same network (64 inputs, 32 ReLU units, 10 raw outputs) starts from the same
weights and is trained on scikit-learn's digits with each loss; the test accuracies are
collected in a table.
"""

import keras
import numpy as np
from keras import ops
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(4)
digits = load_digits()
x_train, x_test, y_train, y_test = train_test_split(
    digits.data / 16.0,
    digits.target,
    test_size=0.3,
    stratify=digits.target,
    random_state=4,
)
y_train = keras.utils.to_categorical(y_train, 10)


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

model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10),
    ]
)
initial_weights = model.get_weights()
test_accuracies = {}
for name, loss in losses.items():
    model.set_weights(initial_weights)  # the same start for every loss
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss=loss)
    model.fit(x_train, y_train, epochs=15, batch_size=64, verbose=0)
    predicted = np.argmax(model.predict(x_test, verbose=0), axis=-1)
    test_accuracies[name] = float(np.mean(predicted == y_test))

print(f"{'loss':<16}test accuracy")
for name, accuracy in sorted(test_accuracies.items(), key=lambda item: -item[1]):
    print(f"{name:<16}{accuracy:.3f}")
