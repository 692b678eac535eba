"""Under-fitting, a good fit and over-fitting on the same noisy data.

Twenty evenly spaced noisy samples of a sine wave are fitted with polynomials of degree
1, 4 and 15 by least squares, and scored on 200 fresh samples from the same source.
Five seeds draw five different noisy data sets; the figure shows the first.

Figure: Three polynomial fits to the same twenty noisy points of a sine wave (the
first seed). Degree 1 is a straight line that misses the wave (under-fitting), degree
4 follows it (a good fit), degree 15 passes close to every point and swings between
them (over-fitting).
"""

import matplotlib.pyplot as plt
import numpy as np

seeds = [0, 1, 2, 3, 4]
degrees = [1, 4, 15]
train_mse = {degree: [] for degree in degrees}  # one value per seed
test_mse = {degree: [] for degree in degrees}
figure, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharey=True)
for seed in seeds:
    rng = np.random.default_rng(seed)
    x_train = np.linspace(0, 1, 20)
    y_train = np.sin(2 * np.pi * x_train) + rng.normal(0, 0.25, 20)
    x_test = rng.uniform(0, 1, 200)  # fresh points from the same source
    y_test = np.sin(2 * np.pi * x_test) + rng.normal(0, 0.25, 200)
    for axis, degree in zip(axes, degrees, strict=True):
        fit = np.polynomial.Polynomial.fit(x_train, y_train, degree)
        train_mse[degree].append(float(np.mean((fit(x_train) - y_train) ** 2)))
        test_mse[degree].append(float(np.mean((fit(x_test) - y_test) ** 2)))
        if seed == seeds[0]:
            x_plot = np.linspace(0, 1, 400)
            axis.plot(x_plot, np.sin(2 * np.pi * x_plot), "--", label="true function")
            axis.plot(x_plot, fit(x_plot), label=f"degree {degree} fit")
            axis.plot(x_train, y_train, "o", label="training points")
            axis.set(ylim=(-2, 2), xlabel="$x$", title=f"degree {degree}")
axes[0].set_ylabel("$y$")
axes[0].legend(loc="lower left")
figure.tight_layout()
plt.show()

mean_train_mse = {d: float(np.mean(v)) for d, v in train_mse.items()}
mean_test_mse = {d: float(np.mean(v)) for d, v in test_mse.items()}
sd_train_mse = {d: float(np.std(v, ddof=1)) for d, v in train_mse.items()}
sd_test_mse = {d: float(np.std(v, ddof=1)) for d, v in test_mse.items()}
ratio_15_to_4 = np.divide(test_mse[15], test_mse[4]).tolist()  # per seed
min_ratio, max_ratio = min(ratio_15_to_4), max(ratio_15_to_4)
print("degree  training MSE (5 seeds)  test MSE (5 seeds)  per seed test MSE")
for d in degrees:
    per_seed = " ".join(f"{v:.3f}" for v in test_mse[d])
    print(f"{d:>6}  {mean_train_mse[d]:>8.3f} ± {sd_train_mse[d]:.3f}"
          f"  {mean_test_mse[d]:>11.3f} ± {sd_test_mse[d]:.3f}  {per_seed}")  # fmt: skip
print(f"test MSE of degree 15 / degree 4, per seed: {min_ratio:.1f} to {max_ratio:.1f}")
