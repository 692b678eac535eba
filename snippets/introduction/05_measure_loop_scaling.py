"""Exercise solution: how the cost of the Python loop grows with the matrix size.

A product of two n x n matrices takes n³ multiply-adds. Timing the loop for a few sizes
and fitting a straight line to log(time) against log(n) gives the exponent.

Figure: Time of the Python-loop product and of NumPy's against the matrix size n, on
logarithmic axes, with the fitted power law of the loop as a dashed line.

Varies: loop_seconds, numpy_seconds, loop_exponent, intercept, loop, fast, fit
"""

import time
import timeit
from functools import partial

import matplotlib.pyplot as plt
import numpy as np


def matmul_loop(a, b):  # the triple loop of the chapter's listing, unchanged
    rows, inner, columns = len(a), len(b), len(b[0])
    c = [[0.0] * columns for _ in range(rows)]
    for i in range(rows):
        for j in range(columns):
            total = 0.0
            for k in range(inner):
                total += a[i][k] * b[k][j]
            c[i][j] = total
    return c


rng = np.random.default_rng(0)
sizes = [20, 40, 60, 80, 100]
loop_seconds, numpy_seconds = [], []
for n in sizes:
    a, b = rng.normal(size=(n, n)), rng.normal(size=(n, n))
    loop = partial(matmul_loop, a.tolist(), b.tolist())
    # CPU time of this process: other programs running beside it do not count
    loop_seconds.append(
        min(timeit.repeat(loop, number=1, repeat=7, timer=time.process_time))
    )
    numpy_product = partial(np.matmul, a, b)
    numpy_seconds.append(
        min(timeit.repeat(numpy_product, number=20, timer=time.process_time)) / 20
    )

loop_exponent, intercept = np.polyfit(np.log(sizes), np.log(loop_seconds), 1)
print(f"loop time grows like n^{loop_exponent:.2f}")
for n, loop, fast in zip(sizes, loop_seconds, numpy_seconds, strict=True):
    print(f"n = {n:3d}: loop {loop * 1e3:8.2f} ms, NumPy {fast * 1e3:6.3f} ms")

figure, axis = plt.subplots(figsize=(6, 4))
axis.loglog(sizes, loop_seconds, "o", label="Python loop")
axis.loglog(sizes, numpy_seconds, "s", label="NumPy")
fit = np.exp(intercept) * np.array(sizes, dtype=float) ** loop_exponent
axis.loglog(sizes, fit, "--", label=f"fit: time ∝ n^{loop_exponent:.2f}")
axis.set_xticks(sizes, [str(n) for n in sizes])
axis.minorticks_off()
axis.set_xlabel("matrix size n")
axis.set_ylabel("time for one product (s)")
axis.legend()
plt.show()
