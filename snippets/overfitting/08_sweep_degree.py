"""Exercise 1 solution: training and test error against polynomial degree.

The twenty noisy points of the first example are fitted with every degree from 0 to
15. The training error can only fall as the degree grows; the test error falls, then
rises again once the polynomial starts fitting the noise.

Figure: Training and test mean squared error of polynomial fits against the degree,
on a logarithmic axis: the training error falls steadily, the test error has a
minimum at a middle degree and rises steeply beyond it.
"""

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(1)


def noisy_sine(x):
    return np.sin(2 * np.pi * x) + rng.normal(0, 0.25, len(x))


x_train = np.linspace(0, 1, 20)
y_train = noisy_sine(x_train)
x_test = rng.uniform(0, 1, 200)
y_test = noisy_sine(x_test)

degrees = list(range(16))
train_errors, test_errors = [], []
for degree in degrees:
    fit = np.polynomial.Polynomial.fit(x_train, y_train, degree)
    train_errors.append(float(np.mean((fit(x_train) - y_train) ** 2)))
    test_errors.append(float(np.mean((fit(x_test) - y_test) ** 2)))

best_degree = int(np.argmin(test_errors))
best_test_error = test_errors[best_degree]
plt.semilogy(degrees, train_errors, "o-", label="training error")
plt.semilogy(degrees, test_errors, "s-", label="test error")
plt.axvline(
    best_degree, linestyle=":", color="0.5", label=f"best degree ({best_degree})"
)
plt.xlabel("polynomial degree")
plt.ylabel("mean squared error")
plt.legend()
plt.show()
print(f"lowest test error {best_test_error:.3f} at degree {best_degree}")
