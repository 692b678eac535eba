"""Exercise 2 solution: move a trained model between environments as a .keras file.

A network trained in one place (Colab, a GPU machine) is saved to one .keras
file, loaded again as if on another machine, and gives the same predictions.

Varies: folder
"""

import tempfile
from pathlib import Path

import keras
import numpy as np
from sklearn.datasets import load_wine
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(5)
features, labels = load_wine(return_X_y=True)
features = StandardScaler().fit_transform(features).astype("float32")
model = keras.Sequential(
    [
        keras.Input(shape=(13,)),
        keras.layers.Dense(8, activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ]
)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(features, labels, epochs=20, batch_size=32, verbose=0)

# --8<-- [start:save]
with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "wine.keras"
    model.save(path)  # architecture, weights and optimizer state in one zip file
    file_kilobytes = path.stat().st_size / 1024
    reloaded = keras.models.load_model(path)
# --8<-- [end:save]

original = model.predict(features, verbose=0)
restored = reloaded.predict(features, verbose=0)
reload_difference = float(np.max(np.abs(original - restored)))
same_classes = bool(np.all(original.argmax(axis=-1) == restored.argmax(axis=-1)))
print(f"saved {file_kilobytes:.0f} kB; largest difference {reload_difference:.1e}")
print(f"same predicted classes for all {len(labels)} wines: {same_classes}")
