"""MLP for binary classification: breast cancer, malignant or benign.

The cheat sheet's network: Dense 12 and Dense 8 with ReLU and uniform initial weights,
one sigmoid output; binary cross-entropy, a 0.5 threshold turns probabilities into labels.
"""

import keras
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(12)
x, y = load_breast_cancer(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.33, random_state=42
)
scaler = StandardScaler().fit(x_train)
x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(x_train.shape[1],)),
        keras.layers.Dense(12, kernel_initializer="uniform", activation="relu"),
        keras.layers.Dense(8, kernel_initializer="uniform", activation="relu"),
        keras.layers.Dense(1, kernel_initializer="uniform", activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=32, epochs=30, verbose=0)
# --8<-- [end:model]

test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
probabilities = model.predict(x_test, verbose=0)[:, 0]
predicted = (probabilities > 0.5).astype(int)  # a threshold gives the labels
threshold_accuracy = float(np.mean(predicted == y_test))
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f}")
print("first probabilities:", probabilities[:5].round(3), "labels:", predicted[:5])
