"""What did this build run on?

Prints the facts the site records under every listing (Python, TensorFlow, Keras
and NumPy versions, the Keras backend, the devices TensorFlow sees) from inside a
script, so that it is true on any machine: a laptop, Colab, a CPU or GPU runner.
"""

import platform

import keras
import numpy as np
import tensorflow as tf

python_version = platform.python_version()
tensorflow_version = tf.__version__
keras_version = keras.__version__
numpy_version = np.__version__
backend = keras.backend.backend()  # "tensorflow" unless KERAS_BACKEND says so
built_with_cuda = tf.test.is_built_with_cuda()

# --8<-- [start:devices]
devices = [device.name for device in tf.config.list_physical_devices()]
gpus = tf.config.list_physical_devices("GPU")
gpu_count = len(gpus)
device = "GPU" if gpus else "CPU"
# --8<-- [end:devices]

print(f"Python       {python_version} ({platform.system()} {platform.machine()})")
print(f"TensorFlow   {tensorflow_version} (built with CUDA: {built_with_cuda})")
print(f"Keras        {keras_version} (backend: {backend})")
print(f"NumPy        {numpy_version}")
print(f"Devices      {', '.join(devices)}")
for gpu in gpus:
    details = tf.config.experimental.get_device_details(gpu)
    print(f"  {gpu.name}: {details.get('device_name', 'unknown model')}")
print(f"Training runs on the {device}.")
