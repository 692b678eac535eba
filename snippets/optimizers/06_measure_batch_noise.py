"""Exercise 3 solution: how the noise of a mini-batch gradient shrinks with its size.

For a linear model on the diabetes data, the gradient of the mean squared error is
computed on the whole training set and on 400 random mini-batches of each size, for
five seeds. The mean squared distance between the two falls roughly as 1 / batch size.

Figure: Mean squared deviation of mini-batch gradients from the full-batch gradient
against batch size, on logarithmic axes, one thin line per seed, next to a line
proportional to one over the batch size.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes

x, y = load_diabetes(return_X_y=True)
x, y = (x - x.mean(0)) / x.std(0), (y - y.mean()) / y.std()
w = np.zeros(x.shape[1])  # the weights at which the gradients are compared


def mse_gradient(rows):
    return 2 * x[rows].T @ (x[rows] @ w - y[rows]) / len(rows)


full_gradient = mse_gradient(np.arange(len(y)))
batch_sizes = [1, 4, 16, 64, 256]
seeds = [0, 1, 2, 3, 4]
gradient_noise = []  # one row per seed, one column per batch size
for seed in seeds:
    rng = np.random.default_rng(seed)
    noise = []
    for size in batch_sizes:
        draws = [
            mse_gradient(rng.choice(len(y), size, replace=False)) for _ in range(400)
        ]
        noise.append(float(np.mean(np.sum((draws - full_gradient) ** 2, axis=1))))
    gradient_noise.append(noise)
    plt.loglog(batch_sizes, noise, "o-", color="C0", linewidth=0.8,
               label="measured, one line per seed" if seed == 0 else None)  # fmt: skip
mean_noise = np.mean(gradient_noise, axis=0)
for size, value in zip(batch_sizes, mean_noise, strict=True):
    print(f"batch size {size:>3}: mean squared deviation {value:.4f} (mean of 5 seeds)")

plt.loglog(batch_sizes, mean_noise[0] / np.array(batch_sizes), "--", label="∝ 1/B")
plt.xlabel("batch size B")
plt.ylabel("mean squared deviation from full gradient")
plt.legend()
plt.show()
noise_ratios_1_to_64 = [row[0] / row[3] for row in gradient_noise]  # one per seed
noise_ratio_1_to_64 = float(np.mean(noise_ratios_1_to_64))
noise_ratio_sd = float(np.std(noise_ratios_1_to_64, ddof=1))
print(
    f"noise at B = 1 / noise at B = 64: {noise_ratio_1_to_64:.0f} ± {noise_ratio_sd:.0f}"
)
