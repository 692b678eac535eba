"""Fine-tuning: an optimizer's parameters and callbacks in one run.

RMSprop with a chosen learning rate; ReduceLROnPlateau halves it when the validation
loss stalls, ModelCheckpoint keeps the best model on disk, and EarlyStopping ends the
run after 2 epochs without improvement and restores the best weights.

Figure: Left, training and validation loss (mean squared error) per epoch of the
diabetes regression, with the best epoch marked. Right, the learning rate per epoch,
halved by ReduceLROnPlateau.

Varies: best_path
"""

import os
import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(21)
x, y = load_diabetes(return_X_y=True)
x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.33, random_state=42)
scaler = StandardScaler().fit(x_train)
x_train, x_val = scaler.transform(x_train), scaler.transform(x_val)
model = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ]
)
folder = tempfile.TemporaryDirectory()  # removed at the end
best_path = os.path.join(folder.name, "best.keras")
# --8<-- [start:callbacks]
model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss="mse")
callbacks = [
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=1),
    keras.callbacks.ModelCheckpoint(best_path, save_best_only=True),
    keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=2, restore_best_weights=True
    ),
]
history = model.fit(
    x_train,
    y_train,
    batch_size=32,
    epochs=200,
    verbose=0,
    validation_data=(x_val, y_val),
    callbacks=callbacks,
)
# --8<-- [end:callbacks]
val_loss = history.history["val_loss"]
epochs_run = len(val_loss)
best_epoch = int(np.argmin(val_loss)) + 1
best_val_loss = float(min(val_loss))
restored_val_loss = float(model.evaluate(x_val, y_val, verbose=0))
best_model = keras.models.load_model(best_path)
checkpoint_val_loss = float(best_model.evaluate(x_val, y_val, verbose=0))
folder.cleanup()
learning_rates = [round(float(rate), 6) for rate in history.history["learning_rate"]]
print(f"stopped after {epochs_run} epochs; best epoch {best_epoch}")
print(
    f"best val MSE {best_val_loss:.0f}, restored model {restored_val_loss:.0f}, "
    f"checkpoint {checkpoint_val_loss:.0f}"
)
print("learning rates:", sorted(set(learning_rates), reverse=True))

figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.5))
epochs = np.arange(1, epochs_run + 1)
left.plot(epochs, history.history["loss"], label="training")
left.plot(epochs, val_loss, "--", label="validation")
left.axvline(best_epoch, color="0.5", linewidth=0.8, label="best epoch")
left.set(xlabel="epoch", ylabel="loss (MSE)", yscale="log")
left.legend()
right.step(epochs, learning_rates, where="mid")
right.set(xlabel="epoch", ylabel="learning rate")
figure.tight_layout()
plt.show()
