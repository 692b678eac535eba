"""Save a model and reload it: the whole model as `.keras`, or only its weights.

Files go to a temporary directory that is removed at the end; predictions after
reloading are compared with those before.

Varies: folder
"""

import os
import tempfile

import keras
import numpy as np

keras.utils.set_random_seed(20)
x = np.random.default_rng(20).normal(size=(200, 5))
y = (x.sum(axis=1) > 0).astype(int)
model = keras.Sequential(
    [
        keras.Input(shape=(5,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=5, verbose=0)
before = model.predict(x, verbose=0)

with tempfile.TemporaryDirectory() as folder:
    # --8<-- [start:save]
    model.save(os.path.join(folder, "model.keras"))  # architecture, weights, optimizer
    reloaded = keras.models.load_model(os.path.join(folder, "model.keras"))

    model.save_weights(os.path.join(folder, "model.weights.h5"))
    twin = keras.models.clone_model(model)  # same architecture, new weights
    twin.load_weights(os.path.join(folder, "model.weights.h5"))
    # --8<-- [end:save]
    saved_files = sorted(os.listdir(folder))

reload_difference = float(np.abs(reloaded.predict(x, verbose=0) - before).max())
weights_difference = float(np.abs(twin.predict(x, verbose=0) - before).max())
print("files written:", saved_files)
print("reloaded model:", reloaded.name, "optimizer", reloaded.optimizer.name)
print(f"largest prediction change after load_model:   {reload_difference}")
print(f"largest prediction change after load_weights: {weights_difference}")
