"""Inspect a model: output shape, summary, configuration and weights.

A model is rebuilt from its configuration (same architecture, new random weights) and
then given the original's weights with `set_weights`, after which both predict alike.
"""

import keras
import numpy as np

keras.utils.set_random_seed(17)
model = keras.Sequential(
    [
        keras.Input(shape=(8,)),
        keras.layers.Dense(12, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ],
    name="small_mlp",
)

# --8<-- [start:inspect]
print(model.output_shape)
model.summary()
config = model.get_config()
print([layer["class_name"] for layer in config["layers"]])
weights = model.get_weights()
print([w.shape for w in weights])
# --8<-- [end:inspect]

# --8<-- [start:rebuild]
clone = keras.Sequential.from_config(config)  # same layers, fresh random weights
x = np.random.default_rng(17).normal(size=(4, 8))
difference_before = float(
    np.abs(clone.predict(x, verbose=0) - model.predict(x, verbose=0)).max()
)
clone.set_weights(weights)
difference_after = float(
    np.abs(clone.predict(x, verbose=0) - model.predict(x, verbose=0)).max()
)
print(
    f"largest difference: {difference_before:.3f} before set_weights, {difference_after} after"
)
# --8<-- [end:rebuild]
output_shape = list(model.output_shape)
parameter_count = model.count_params()
