"""Exercise solution: two layers of perceptrons compute XOR.

XOR(x1, x2) = AND(OR(x1, x2), NAND(x1, x2)). Two hidden neurons compute OR and NAND,
each a line; an output neuron takes their AND. The weights are set by hand, first with
step activations in NumPy, then in Keras, where logistic activations with weights ten
times larger come close to steps.
"""

import keras
import numpy as np

inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype="float32")
hidden_kernel = np.array([[1.0, -1.0], [1.0, -1.0]])  # columns: OR, NAND
hidden_bias = np.array([-0.5, 1.5])
output_kernel = np.array([[1.0], [1.0]])  # AND of the two hidden outputs
output_bias = np.array([-1.5])


def step(z):
    return np.where(z >= 0, 1, 0)


hidden = step(inputs @ hidden_kernel + hidden_bias)
numpy_outputs = step(hidden @ output_kernel + output_bias)[:, 0].tolist()

scale = 10.0
network = keras.Sequential(
    [
        keras.Input(shape=(2,)),
        keras.layers.Dense(2, activation="sigmoid"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
network.layers[0].set_weights([scale * hidden_kernel, scale * hidden_bias])
network.layers[1].set_weights([scale * output_kernel, scale * output_bias])
keras_outputs = network.predict(inputs, verbose=0)[:, 0]
max_keras_error = float(np.max(np.abs(keras_outputs - np.array([0, 1, 1, 0]))))

for point, a, b in zip(
    inputs.astype(int).tolist(), numpy_outputs, keras_outputs, strict=True
):
    print(f"x = {point}: NumPy steps {a}, Keras sigmoids {b:.4f}")
print(f"largest distance of a Keras output from XOR: {max_keras_error:.3f}")
