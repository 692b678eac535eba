"""Exercise 2 solution: the empirical risk J(W) by hand and from `model.evaluate`.

J(W) is the mean of the per-example losses over a data set. For a small, briefly
trained classifier on the iris data, the NumPy mean of the categorical cross-entropy
equals the loss that Keras reports.
"""

import keras
import numpy as np
from sklearn.datasets import load_iris

keras.utils.set_random_seed(8)
x, labels = load_iris(return_X_y=True)
x = (x - x.mean(axis=0)) / x.std(axis=0)
y = keras.utils.to_categorical(labels, 3)

model = keras.Sequential(
    [
        keras.Input(shape=(4,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=5, batch_size=32, verbose=0)

probabilities = model.predict(x, verbose=0)
per_example = -np.sum(y * np.log(probabilities), axis=-1)  # L(f(x_i; W), y_i)
risk_numpy = float(np.mean(per_example))  # (1/n) sum_i L
risk_keras = float(model.evaluate(x, y, verbose=0))
risk_difference = abs(risk_numpy - risk_keras)
print(f"empirical risk, NumPy:          {risk_numpy:.5f}")
print(f"empirical risk, model.evaluate: {risk_keras:.5f}")
