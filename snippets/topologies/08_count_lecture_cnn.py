"""Exercise: the parameters of the lecture's CNN, by formula and by Keras.

The lecture's convolutional model, written for Keras 3, for 32x32 colour images and ten
classes. A Conv2D layer has (k * k * c_in + 1) * c_out parameters, a Dense layer
(n_in + 1) * n_out; pooling, dropout, flattening and activations have none.
"""

import keras

L = keras.layers
model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        L.Conv2D(32, (3, 3), padding="same", activation="relu"),
        L.Conv2D(32, (3, 3), activation="relu"),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Dropout(0.25),
        L.Conv2D(64, (3, 3), padding="same", activation="relu"),
        L.Conv2D(64, (3, 3), activation="relu"),
        L.MaxPooling2D(pool_size=(2, 2)),
        L.Dropout(0.25),
        L.Flatten(),
        L.Dense(512, activation="relu"),
        L.Dropout(0.5),
        L.Dense(10, activation="softmax"),
    ]
)

# 32x32 -> 'same' 32x32 -> 'valid' 30x30 -> pool 15x15 -> 15x15 -> 13x13 -> pool 6x6
by_formula = {
    "conv 1": (3 * 3 * 3 + 1) * 32,
    "conv 2": (3 * 3 * 32 + 1) * 32,
    "conv 3": (3 * 3 * 32 + 1) * 64,
    "conv 4": (3 * 3 * 64 + 1) * 64,
    "dense 1": (6 * 6 * 64 + 1) * 512,
    "dense 2": (512 + 1) * 10,
}
formula_total = sum(by_formula.values())
keras_total = model.count_params()
for name, count in by_formula.items():
    print(f"{name:<8} {count:>9,}")
print(f"formula total {formula_total:,}; Keras's count_params() {keras_total:,}")
dense_share = by_formula["dense 1"] / keras_total
print(f"share of the first Dense layer: {dense_share:.1%}")
