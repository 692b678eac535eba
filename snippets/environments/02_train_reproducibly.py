"""Two training runs that give identical weights.

One seed for Python, NumPy and TensorFlow (keras.utils.set_random_seed) and
deterministic kernels (enable_op_determinism) make training repeatable: the same
tiny network is trained twice from one seed, then once more without a reset.

Figure: Training loss per epoch for three runs of the same network on the Iris data.
The two runs started from seed 42 draw one curve (the dashed line lies on the solid
one); the run that continues the random sequence without a reset follows another.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_iris
from sklearn.preprocessing import StandardScaler

# --8<-- [start:determinism]
tf.config.experimental.enable_op_determinism()  # same kernels, same order, every run
# --8<-- [end:determinism]
features, labels = load_iris(return_X_y=True)
features = StandardScaler().fit_transform(features).astype("float32")


# --8<-- [start:train]
def train_once(seed=None):
    """Build and train a small network; reseed first unless seed is None."""
    if seed is not None:
        # One call seeds Python's random, NumPy and TensorFlow
        keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
    )
    history = model.fit(features, labels, epochs=20, batch_size=30, verbose=0)
    return model.get_weights(), history.history["loss"]


first_weights, first_loss = train_once(seed=42)
second_weights, second_loss = train_once(seed=42)
third_weights, third_loss = train_once()  # the random sequence simply continues
# --8<-- [end:train]


def largest_difference(weights_a, weights_b):
    pairs = zip(weights_a, weights_b, strict=True)
    return max(float(np.max(np.abs(a - b))) for a, b in pairs)


max_weight_difference = largest_difference(first_weights, second_weights)
unseeded_weight_difference = largest_difference(first_weights, third_weights)
print(f"Seeded runs 1 and 2, largest difference: {max_weight_difference:.1e}")
print(f"Run 3 (no reset) against run 1:          {unseeded_weight_difference:.2f}")

epochs = np.arange(1, len(first_loss) + 1)
plt.plot(epochs, first_loss, label="run 1, seed 42")
plt.plot(epochs, second_loss, linestyle="--", label="run 2, seed 42")
plt.plot(epochs, third_loss, linestyle=":", label="run 3, seed not reset")
plt.xlabel("epoch")
plt.ylabel("training loss (cross-entropy)")
plt.legend()
plt.show()
