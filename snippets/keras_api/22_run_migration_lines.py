"""The migration table's Keras 3 column, run line by line.

Each new line of the table runs, in the table's order, in one namespace that holds a
small model and data, inside a temporary directory that is deleted afterwards.

Varies: folder, here
"""

import os
import tempfile
import warnings

import keras
import numpy as np
import tensorflow as tf

# --8<-- [start:lines]
new_lines = {
    "gpu_memory": "for gpu in tf.config.list_physical_devices('GPU'): "
    "tf.config.experimental.set_memory_growth(gpu, True)",
    "sklearn_split": "from sklearn.model_selection import train_test_split",
    "layer_imports": "from keras.layers import Dense, Dropout, Activation",
    "pad_sequences": "x_padded = keras.utils.pad_sequences(x, maxlen=80)",
    "input_size": "mlp = keras.Sequential([keras.Input(shape=(8,)), "
    "keras.layers.Dense(12, activation='relu')])",
    "input_image": "cnn = keras.Sequential([keras.Input(shape=(8, 8, 1)), "
    "keras.layers.Conv2D(32, (3, 3))])",
    "uniform": "layer = keras.layers.Dense(12, "
    "kernel_initializer=keras.initializers.RandomUniform(-0.05, 0.05))",
    "learning_rate": "optimizer = keras.optimizers.RMSprop(learning_rate=0.001)",
    "class_labels": "labels = np.argmax(model.predict(x_test, verbose=0), axis=-1)",
    "save_model": "model.save('model_file.keras'); "
    "model = keras.models.load_model('model_file.keras')",
    "save_weights": "model.save_weights('model.weights.h5')",
    "tokenizer": "vectorizer = keras.layers.TextVectorization(max_tokens=1000); "
    "vectorizer.adapt(['the cat sat', 'the dog ran'])",
    "export": "model.export('saved_model_dir', verbose=False)",
}
# --8<-- [end:lines]


def prepare():
    """What the lines expect to find: sequences, test inputs and a small model."""
    model = keras.Sequential(
        [keras.Input(shape=(8,)), keras.layers.Dense(3, "softmax")]
    )
    x_test = np.random.default_rng(22).normal(size=(4, 8))
    return {"x": [[5, 12, 7], list(range(1, 101))], "x_test": x_test, "model": model}


new_outcome = {}
here = os.getcwd()
with tempfile.TemporaryDirectory() as folder:
    os.chdir(folder)  # the files the lines save land here
    namespace = {"np": np, "keras": keras, "tf": tf}
    for name, code in new_lines.items():
        if name == "sklearn_split":  # after the GPU line: no tensor exists before it
            namespace.update(prepare())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                exec(code, namespace)
                new_outcome[name] = "runs"
            except Exception as error:
                new_outcome[name] = f"fails: {type(error).__name__}: {error}"
        caught = [w for w in caught if not issubclass(w.category, DeprecationWarning)]
        if caught and new_outcome[name] == "runs":
            new_outcome[name] = f"runs, warns: {caught[0].message}"
        print(f"{name:<16} {new_outcome[name]}")
    saved_files = sorted(os.listdir(folder))
    os.chdir(here)

failed_new_lines = [name for name, status in new_outcome.items() if status != "runs"]
print("files written:", saved_files)
print("new lines that failed or warned:", failed_new_lines)
