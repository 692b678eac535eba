"""Exercise: the lecture's first Sequential example, converted to Keras 3.

The Keras 2 version gave the input size to the first Dense layer and added
activations as separate layers; both Keras 3 forms below build the same network.
"""

import keras

# Activations as separate layers, as in the lecture
with_activation_layers = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(32),
        keras.layers.Activation("relu"),
        keras.layers.Dense(10),
        keras.layers.Activation("softmax"),
    ]
)

# Activations as arguments: shorter, the same parameters
with_activation_arguments = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)

parameter_counts = [
    with_activation_layers.count_params(),
    with_activation_arguments.count_params(),
]
expected = (784 * 32 + 32) + (32 * 10 + 10)  # weights plus biases of each Dense layer
print("parameters:", parameter_counts, "expected:", expected)
print(
    "output shapes:",
    with_activation_layers.output_shape,
    with_activation_arguments.output_shape,
)
