"""Easy extensibility: a new activation and a new layer in a few lines.

A plain function works as an activation; a subclass of `keras.layers.Layer` with
`build` and `call` is a new layer that trains like the built-in ones.
"""

import keras
import numpy as np

keras.utils.set_random_seed(1)


# --8<-- [start:extend]
def bent_identity(x):
    """An activation Keras does not have: x + (sqrt(x^2 + 1) - 1) / 2."""
    return x + (keras.ops.sqrt(x * x + 1.0) - 1.0) / 2.0


class Scale(keras.layers.Layer):
    """Multiplies each feature by its own trainable factor."""

    def build(self, input_shape):
        self.factor = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, inputs):
        return inputs * self.factor


model = keras.Sequential(
    [
        keras.Input(shape=(3,)),
        Scale(),
        keras.layers.Dense(4, activation=bent_identity),
        keras.layers.Dense(1),
    ]
)
# --8<-- [end:extend]
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="mse")
x = np.random.default_rng(1).normal(size=(256, 3))
y = x @ np.array([1.0, -2.0, 0.5])
history = model.fit(x, y, epochs=30, batch_size=32, verbose=0)
bent_identity_at_zero = float(bent_identity(0.0))
in_keras = hasattr(keras.activations, "bent_identity")
factors = keras.ops.convert_to_numpy(model.layers[0].factor)
scale_factors = [round(float(f), 3) for f in factors]
loss_first, loss_last = history.history["loss"][0], history.history["loss"][-1]
print(f"bent_identity(0) = {bent_identity_at_zero}; built into Keras: {in_keras}")
print(f"Loss went from {loss_first:.3f} to {loss_last:.3f}")
print("Trained Scale factors:", scale_factors)
