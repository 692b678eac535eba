"""Exercise 1 solution: one matrix product on the CPU and on the default device.

TensorFlow puts an operation on a GPU when it sees one and on the CPU otherwise;
tf.device pins it. On a CPU-only machine both products are the same computation.
"""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
a = tf.constant(rng.normal(size=(512, 512)), dtype=tf.float32)
b = tf.constant(rng.normal(size=(512, 512)), dtype=tf.float32)

# --8<-- [start:place]
default_product = tf.matmul(a, b)  # wherever TensorFlow chooses
with tf.device("/CPU:0"):
    cpu_product = tf.matmul(a, b)  # pinned to the CPU
# --8<-- [end:place]

# The device that ran the product, e.g. "CPU:0" or "GPU:0"
default_device = default_product.device.split("device:")[-1]
exact = a.numpy().astype("float64") @ b.numpy().astype("float64")
scale = np.max(np.abs(exact))
relative_error = {
    "default": float(np.max(np.abs(default_product.numpy() - exact)) / scale),
    "cpu": float(np.max(np.abs(cpu_product.numpy() - exact)) / scale),
}
device_difference = float(tf.reduce_max(tf.abs(default_product - cpu_product)))
print(f"default device: {default_device}, pinned device: CPU:0")
print(f"largest difference between the two products: {device_difference:.1e}")
for where, error in relative_error.items():
    print(f"relative error against float64, {where:>7}: {error:.1e}")
