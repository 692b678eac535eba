"""Exercise 2 solution: XOR with two ReLU units and weights chosen by hand.

h1 = relu(x1 + x2) counts the ones, h2 = relu(x1 + x2 - 1) fires only for (1, 1), and
y = h1 - 2 h2 is 0, 1, 1, 0. The weights go into a Keras model with `set_weights`.
"""

import keras
import numpy as np

x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
xor = np.array([0, 1, 1, 0], dtype="float32")

model = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(2, activation="relu"),
        keras.layers.Dense(1, activation="linear"),
    ]
)
hidden_kernel = np.array([[1.0, 1.0], [1.0, 1.0]])  # column j holds unit j's weights
hidden_bias = np.array([0.0, -1.0])
output_kernel = np.array([[1.0], [-2.0]])
output_bias = np.array([0.0])
model.layers[0].set_weights([hidden_kernel, hidden_bias])
model.layers[1].set_weights([output_kernel, output_bias])

hand_output = model.predict(x, verbose=0)[:, 0]
hand_error = float(np.max(np.abs(hand_output - xor)))
for point, value in zip(x, hand_output, strict=True):
    print(f"x = {point.astype(int).tolist()}  ->  network output {value:.1f}")
