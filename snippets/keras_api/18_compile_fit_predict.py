"""Compile, fit with validation data, evaluate and predict.

The digits MLP is compiled with an optimizer object, trained with `validation_data` (a part
of the training data), evaluated once on the test set, and its History drawn; class labels come from the arg-max of the predicted probabilities.

Figure: Training and validation loss (left) and accuracy (right) of the digits MLP over
15 epochs; both losses fall and both accuracies rise above 0.9.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(18)
x, y = load_digits(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(
    x / 16.0, y, test_size=0.33, random_state=42
)
# The test set is kept for the end: validation data for watching training comes from the
# training part, so the final evaluation is on data that guided no decision.
x_fit, x_val, y_fit, y_val = train_test_split(
    x_train, y_train, test_size=0.2, random_state=42
)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ]
)
# --8<-- [start:train]
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),  # or "sgd"
    loss="sparse_categorical_crossentropy",  # integer labels, no one-hot needed
    metrics=["accuracy"],
)
history = model.fit(
    x_fit,
    y_fit,
    batch_size=32,
    epochs=15,
    verbose=0,
    validation_data=(x_val, y_val),
)
test_loss, test_accuracy = model.evaluate(x_test, y_test, batch_size=32, verbose=0)
probabilities = model.predict(x_test, batch_size=32, verbose=0)  # shape (n, 10)
predicted = np.argmax(probabilities, axis=-1)  # the most probable class
# --8<-- [end:train]
final_val_accuracy = history.history["val_accuracy"][-1]
print("History keys:", list(history.history))
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f}")
print("probabilities of the first test image:", probabilities[0].round(2))
print("predicted", predicted[:10], "true", y_test[:10])

figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
for metric, axis in (("loss", left), ("accuracy", right)):
    epochs = np.arange(1, len(history.history[metric]) + 1)
    axis.plot(epochs, history.history[metric], label="training")
    axis.plot(epochs, history.history["val_" + metric], "--", label="validation")
    axis.set_xlabel("epoch")
    axis.set_ylabel(metric)
    axis.legend()
figure.tight_layout()
plt.show()
