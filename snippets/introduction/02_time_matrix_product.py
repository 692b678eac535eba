"""One matrix product three ways: a Python loop, NumPy and TensorFlow.

The same 100 x 100 product, timed as a triple loop in pure Python, as NumPy's `@`
(compiled, vectorised code) and as TensorFlow's `tf.linalg.matmul` (on a GPU if there is
one). The three results agree; only the time differs.

Figure: Time for one 100 x 100 matrix product on a logarithmic axis, one bar each for
the Python loop, NumPy and TensorFlow.

Varies: seconds, loop_milliseconds, numpy_milliseconds, tensorflow_milliseconds, numpy_speedup, tensorflow_speedup
"""

import timeit

import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

size = 100
rng = np.random.default_rng(0)
a = rng.normal(size=(size, size))
b = rng.normal(size=(size, size))


# --8<-- [start:loop]
def matmul_loop(a, b):
    rows, inner, columns = len(a), len(b), len(b[0])
    c = [[0.0] * columns for _ in range(rows)]
    for i in range(rows):
        for j in range(columns):
            total = 0.0
            for k in range(inner):
                total += a[i][k] * b[k][j]
            c[i][j] = total
    return c


# --8<-- [end:loop]

a_list, b_list = a.tolist(), b.tolist()
a_tf, b_tf = tf.constant(a), tf.constant(b)
products = {
    "Python loop": lambda: matmul_loop(a_list, b_list),
    "NumPy": lambda: a @ b,
    "TensorFlow": lambda: tf.linalg.matmul(a_tf, b_tf).numpy(),
}
products["TensorFlow"]()  # the first call sets TensorFlow up; do not time it

seconds = {}
for name, product in products.items():
    repeats = 3 if name == "Python loop" else 200
    seconds[name] = min(timeit.repeat(product, number=1, repeat=repeats))
    print(f"{name:<12} {seconds[name] * 1e3:10.3f} ms")

loop_milliseconds = seconds["Python loop"] * 1e3
numpy_milliseconds = seconds["NumPy"] * 1e3
tensorflow_milliseconds = seconds["TensorFlow"] * 1e3
numpy_speedup = seconds["Python loop"] / seconds["NumPy"]
tensorflow_speedup = seconds["Python loop"] / seconds["TensorFlow"]
reference = np.array(matmul_loop(a_list, b_list))
max_difference = max(
    float(np.max(np.abs(products[name]() - reference)))
    for name in ["NumPy", "TensorFlow"]
)
print(f"NumPy is {numpy_speedup:.0f}x, TensorFlow {tensorflow_speedup:.0f}x faster")
print(f"Largest difference from the loop's result: {max_difference:.1e}")

figure, axis = plt.subplots(figsize=(6, 3))
axis.barh(list(seconds), [s * 1e3 for s in seconds.values()], color="#0072B2")
axis.set_xscale("log")
axis.set_xlabel("time for one product (ms, log scale)")
axis.invert_yaxis()
plt.show()
