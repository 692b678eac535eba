"""Exercise 4 solution: the sigma of N(0, sigma^2) that keeps a deep ReLU network's scale.

For each sigma on a grid, 15 ReLU layers of 128 units with weights from N(0, sigma^2)
scale their input by some factor; the sigma whose factor is closest to 1 is compared with
He's sqrt(2 / fan_in).

Figure: Scale after 15 ReLU layers divided by the input's, against sigma (both axes
logarithmic), with He's value marked.
"""

import matplotlib.pyplot as plt
import numpy as np

depth, width, batch = 15, 128, 128
rng = np.random.default_rng(0)
inputs = rng.normal(size=(batch, width))
sigmas = np.geomspace(0.05, 0.3, 41)

scale_change = []
for sigma in sigmas:
    a = inputs
    for _ in range(depth):
        a = np.maximum(a @ rng.normal(0.0, sigma, size=(width, width)), 0.0)
    scale_change.append(float(np.sqrt(np.mean(a**2) / np.mean(inputs**2))))

best_sigma = float(sigmas[np.argmin(np.abs(np.log(scale_change)))])
he_sigma = float(np.sqrt(2 / width))
print(f"sigma that keeps the scale after {depth} layers: {best_sigma:.4f}")
print(f"He's sqrt(2 / {width}):                      {he_sigma:.4f}")

plt.loglog(sigmas, scale_change, marker=".", label="measured")
plt.axvline(he_sigma, linestyle="--", color="0.5", label="He: sqrt(2 / fan_in)")
plt.axhline(1.0, linewidth=0.5, color="0.6")
plt.xlabel("sigma of the weights")
plt.ylabel(f"scale after {depth} layers / input scale")
plt.legend()
plt.show()
