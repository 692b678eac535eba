"""Exercise 1 solution: the parameters of the lecture's multi-class MLP.

The lecture's classifier for 28 x 28 images has two hidden layers of 512 units, dropout
after each, and 10 softmax outputs. Dropout has no parameters; each Dense layer has
(n_in + 1) * n_out.
"""

import keras

sizes = [784, 512, 512, 10]
per_layer = [
    (n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False)
]
by_hand = sum(per_layer)

model = keras.Sequential(
    [
        keras.Input(shape=(784,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
keras_count = model.count_params()
print("per Dense layer:", per_layer)
print(f"by hand: {by_hand}, Keras: {keras_count}")
