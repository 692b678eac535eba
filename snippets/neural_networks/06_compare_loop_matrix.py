"""Exercise 3 solution: the lecture's index formula against the matrix form.

z_i = w_0i + sum_j x_j w_ji, written as two loops over units and inputs, gives the same
numbers as one matrix product x @ W + w_0 for a whole batch at once.
"""

import numpy as np

rng = np.random.default_rng(5)
m, d1, batch = 5, 3, 4  # inputs, units, examples
w = rng.normal(size=(m, d1))  # w[j, i]: from input j to unit i
w0 = rng.normal(size=d1)  # one bias per unit
x = rng.normal(size=(batch, m))

z_loops = np.zeros((batch, d1))
for n in range(batch):
    for i in range(d1):
        z_loops[n, i] = w0[i] + sum(x[n, j] * w[j, i] for j in range(m))

z_matrix = x @ w + w0
loop_matrix_difference = float(np.max(np.abs(z_loops - z_matrix)))
print("z from loops:\n", z_loops.round(4))
print(f"largest |loops - matrix| = {loop_matrix_difference:.1e}")
