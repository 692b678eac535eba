"""MLP for multi-class classification: handwritten digits.

The cheat sheet's network: Dense 512 with ReLU, Dropout 0.2, ten softmax outputs,
trained with RMSprop on one-hot labels and categorical cross-entropy.
"""

import keras
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(13)
x, y = load_digits(return_X_y=True)
x = x / 16.0  # pixel values 0..16 -> 0..1
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.33, random_state=42
)
num_classes = 10
y_train_one_hot = keras.utils.to_categorical(y_train, num_classes)
y_test_one_hot = keras.utils.to_categorical(y_test, num_classes)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(512, activation="relu"),
        keras.layers.Dropout(0.2),
        keras.layers.Dense(num_classes, activation="softmax"),
    ]
)
model.compile(
    optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"]
)
model.fit(x_train, y_train_one_hot, batch_size=32, epochs=10, verbose=0)
# --8<-- [end:model]

test_loss, test_accuracy = model.evaluate(x_test, y_test_one_hot, verbose=0)
predicted = np.argmax(model.predict(x_test, verbose=0), axis=-1)
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f}")
print("predicted:", predicted[:12])
print("true:     ", y_test[:12])
