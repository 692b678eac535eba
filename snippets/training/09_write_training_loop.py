"""The bridge between the NumPy loop and `fit`: a training loop with `tf.GradientTape`.

The loop does by hand what `model.fit` does: for each batch, a forward pass recorded on a
tape, the gradient, and `optimizer.apply`. From the same initial weights and batches, it
ends where `fit` ends. Backend: tensorflow
"""

import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))
weights_rng = np.random.default_rng(1)
initial = [
    weights_rng.normal(0.0, 1.0, size=(1, 16)),
    np.zeros(16),
    weights_rng.normal(0.0, 0.25, size=(16, 1)),
    np.zeros(1),
]


def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(1,), dtype="float64"),
            keras.layers.Dense(16, activation="tanh", dtype="float64"),
            keras.layers.Dense(1, dtype="float64"),
        ]
    )
    model.set_weights(initial)
    return model


loss_function = keras.losses.MeanSquaredError(dtype="float64")


# --8<-- [start:loop]
def train_with_tape(x, y, epochs=10, batch_size=40, learning_rate=0.03):
    model = build_model()
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    batches = tf.data.Dataset.from_tensor_slices((x, y)).batch(batch_size)  # in order
    history = []
    for _epoch in range(epochs):
        batch_losses = []
        for x_batch, y_batch in batches:
            with tf.GradientTape() as tape:  # 1. forward pass, recorded
                loss = loss_function(y_batch, model(x_batch, training=True))
            gradients = tape.gradient(loss, model.trainable_variables)  # 2. backward
            optimizer.apply(gradients, model.trainable_variables)  # 3. W <- W - η ∂J/∂W
            batch_losses.append(float(loss))
        history.append(float(np.mean(batch_losses)))  # what fit reports per epoch
    return model, history


# --8<-- [end:loop]

model, loop_history = train_with_tape(x, y)
fitted = build_model()  # a fresh model and a fresh optimizer for fit
fitted.compile(optimizer=keras.optimizers.SGD(learning_rate=0.03), loss=loss_function)
fit_history = fitted.fit(x, y, batch_size=40, epochs=10, shuffle=False, verbose=0)
fit_history = fit_history.history["loss"]


def largest_difference(model):
    pairs = zip(model.get_weights(), fitted.get_weights(), strict=True)
    return max(float(np.max(np.abs(a - b))) for a, b in pairs)


loop_loss = float(loss_function(y, model(x)))  # on all the data, after training
fit_loss = float(loss_function(y, fitted(x)))
history_difference = float(np.max(np.abs(np.subtract(loop_history, fit_history))))
weight_difference = largest_difference(model)
# fit converts NumPy arrays to keras.config.floatx(), float32: do the same in the loop
x32, y32 = (array.astype("float32").astype("float64") for array in (x, y))
rounded_weight_difference = largest_difference(train_with_tape(x32, y32)[0])
print(f"loss after 10 epochs: loop {loop_loss:.6f}, fit {fit_loss:.6f}")
print(f"per-epoch losses differ by at most {history_difference:.1e}")
print(f"largest weight difference {weight_difference:.1e}; with the loop's data "
      f"rounded to float32 as fit rounds it: {rounded_weight_difference:.1e}")  # fmt: skip
