"""Keras 3 inside TensorFlow.

Keras is imported on its own and runs on a backend, here TensorFlow; `tf.keras` is the
same Keras seen from TensorFlow. A layer works on NumPy arrays directly.
"""

import keras
import numpy as np
import tensorflow as tf

keras_version = keras.__version__
tensorflow_version = tf.__version__
backend = keras.backend.backend()
print(
    f"Keras {keras_version} on the {backend} backend (TensorFlow {tensorflow_version})"
)
print("tf.keras is Keras", tf.keras.__version__)

layer = keras.layers.Dense(3, activation="relu")
output = layer(np.ones((2, 4), dtype="float32"))  # the first call creates the weights
print("A Dense layer's output is a", type(output).__name__, "of shape", output.shape)
print("Its weights:", [tuple(w.shape) for w in layer.weights])
