"""Three ways to build the same model.

One network (4 inputs, 16 ReLU units, 3 softmax outputs) built as a Sequential list,
with `.add()`, with the functional API and by subclassing `keras.Model`. All four get
the first one's weights and must then give the same predictions.
"""

import keras
import numpy as np

keras.utils.set_random_seed(2)

# --8<-- [start:build]
# 1. Sequential, from a list of layers
from_list = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ]
)

# 2. Sequential, one layer at a time
with_add = keras.Sequential()
with_add.add(keras.Input(shape=(4,)))
with_add.add(keras.layers.Dense(16, activation="relu"))
with_add.add(keras.layers.Dense(3, activation="softmax"))

# 3. Functional API: a graph from inputs to outputs
inputs = keras.Input(shape=(4,))
hidden = keras.layers.Dense(16, activation="relu")(inputs)
outputs = keras.layers.Dense(3, activation="softmax")(hidden)
functional = keras.Model(inputs=inputs, outputs=outputs)


# 4. Subclassing: layers in __init__, the forward pass in call()
class TwoLayerNet(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(16, activation="relu")
        self.out = keras.layers.Dense(3, activation="softmax")

    def call(self, x):
        return self.out(self.hidden(x))


subclassed = TwoLayerNet()
subclassed(keras.ops.zeros((1, 4)))  # a first call creates its weights
# --8<-- [end:build]

models = {
    "sequential_list": from_list,
    "sequential_add": with_add,
    "functional": functional,
    "subclassed": subclassed,
}
x = np.random.default_rng(2).normal(size=(5, 4)).astype("float32")
reference = from_list.predict(x, verbose=0)
parameter_counts, max_prediction_difference = {}, {}
for name, model in models.items():
    model.set_weights(from_list.get_weights())
    parameter_counts[name] = model.count_params()
    difference = np.abs(model.predict(x, verbose=0) - reference).max()
    max_prediction_difference[name] = float(difference)
    print(
        f"{name:<16} {parameter_counts[name]} parameters, "
        f"largest prediction difference {difference:.1e}"
    )
