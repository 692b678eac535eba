"""Exercise 3 solution: how the noise of a mini-batch gradient shrinks with its size.

For a linear model on the diabetes data, the gradient of the mean squared error is
computed on the whole training set and on 2000 random mini-batches of each size. The
mean squared distance between the two falls roughly as 1 / batch size.

Figure: Mean squared deviation of mini-batch gradients from the full-batch gradient
against batch size, on logarithmic axes, next to a line proportional to one over the
batch size.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

rng = np.random.default_rng(0)
x, y = load_diabetes(return_X_y=True)
x, y = (x - x.mean(0)) / x.std(0), (y - y.mean()) / y.std()
w = np.zeros(x.shape[1])  # the weights at which the gradients are compared


def mse_gradient(rows):
    return 2 * x[rows].T @ (x[rows] @ w - y[rows]) / len(rows)


full_gradient = mse_gradient(np.arange(len(y)))
batch_sizes = [1, 4, 16, 64, 256]
gradient_noise = []
for size in batch_sizes:
    draws = [mse_gradient(rng.choice(len(y), size, replace=False)) for _ in range(2000)]
    gradient_noise.append(float(np.mean(np.sum((draws - full_gradient) ** 2, axis=1))))
    print(f"batch size {size:>3}: mean squared deviation {gradient_noise[-1]:.4f}")

plt.loglog(batch_sizes, gradient_noise, "o-", label="measured")
plt.loglog(batch_sizes, gradient_noise[0] / np.array(batch_sizes), "--", label="∝ 1/B")
plt.xlabel("batch size B")
plt.ylabel("mean squared deviation from full gradient")
plt.legend()
plt.show()
noise_ratio_1_to_64 = gradient_noise[0] / gradient_noise[3]
