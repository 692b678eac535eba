"""Under-fitting, a good fit and over-fitting on the same noisy data.

Twenty evenly spaced noisy samples of a sine wave are fitted with polynomials of degree 1, 4 and 15
by least squares. The error on 200 fresh samples from the same source tells the
three apart; the error on the training points does not.

Figure: Three polynomial fits to the same twenty noisy points of a sine wave. Degree
1 is a straight line that misses the wave (under-fitting), degree 4 follows it (a good
fit), degree 15 passes close to every point and swings wildly between them
(over-fitting).
"""

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(1)


def noisy_sine(x):
    return np.sin(2 * np.pi * x) + rng.normal(0, 0.25, len(x))


x_train = np.linspace(0, 1, 20)
y_train = noisy_sine(x_train)
x_test = rng.uniform(0, 1, 200)  # fresh points from the same source
y_test = noisy_sine(x_test)
x_plot = np.linspace(0, 1, 400)

train_mse, test_mse = {}, {}
figure, axes = plt.subplots(1, 3, figsize=(10, 3.6), sharey=True)
for axis, degree in zip(axes, [1, 4, 15], strict=True):
    fit = np.polynomial.Polynomial.fit(x_train, y_train, degree)
    train_mse[degree] = float(np.mean((fit(x_train) - y_train) ** 2))
    test_mse[degree] = float(np.mean((fit(x_test) - y_test) ** 2))
    axis.plot(x_plot, np.sin(2 * np.pi * x_plot), "--", label="true function")
    axis.plot(x_plot, fit(x_plot), label=f"degree {degree} fit")
    axis.plot(x_train, y_train, "o", label="training points")
    axis.set_ylim(-2, 2)
    axis.set_xlabel("$x$")
    axis.set_title(f"degree {degree}: train {train_mse[degree]:.3f}, "
                   f"test {test_mse[degree]:.3f}")  # fmt: skip
axes[0].set_ylabel("$y$")
axes[0].legend(loc="lower left")
figure.tight_layout()
plt.show()

for degree in train_mse:
    print(f"degree {degree:>2}: training MSE {train_mse[degree]:.3f}, "
          f"test MSE {test_mse[degree]:.3f}")  # fmt: skip
