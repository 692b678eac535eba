"""Exercise 1 solution: training and test error against polynomial degree.

The twenty noisy points of the first example are fitted with every degree from 0 to
15, for the same five seeds. The training error can only fall as the degree grows;
the test error falls, stays nearly flat over a wide range, and jumps at the end, where
the fits swing in the two gaps at the ends of the interval (Runge's phenomenon).

Figure: Training and test mean squared error of polynomial fits against the degree,
on a logarithmic axis, one thin line per seed: the training error falls steadily; the
test error drops until degree 3, stays within a small factor of its minimum up to
degree 11, and only jumps at degrees 13 to 15, by how much depends on the seed.
"""

import matplotlib.pyplot as plt
import numpy as np

seeds = [0, 1, 2, 3, 4]
degrees = list(range(16))
train_errors, test_errors = [], []  # one row per seed
end_gap_points, end_gap_share = [], []  # the test points beyond the second outermost
for seed in seeds:
    rng = np.random.default_rng(seed)
    x_train = np.linspace(0, 1, 20)
    y_train = np.sin(2 * np.pi * x_train) + rng.normal(0, 0.25, 20)
    x_test = rng.uniform(0, 1, 200)
    y_test = np.sin(2 * np.pi * x_test) + rng.normal(0, 0.25, 200)
    fits = [np.polynomial.Polynomial.fit(x_train, y_train, d) for d in degrees]
    train_errors.append([float(np.mean((f(x_train) - y_train) ** 2)) for f in fits])
    test_errors.append([float(np.mean((f(x_test) - y_test) ** 2)) for f in fits])
    in_end_gap = (x_test < x_train[1]) | (x_test > x_train[-2])
    excess = (fits[15](x_test) - y_test) ** 2 - (fits[4](x_test) - y_test) ** 2
    end_gap_points.append(float(np.mean(in_end_gap)))
    end_gap_share.append(float(excess[in_end_gap].sum() / excess.sum()))
    plt.semilogy(degrees, train_errors[-1], "C0o-", lw=1, ms=3)
    plt.semilogy(degrees, test_errors[-1], "C1s-", lw=1, ms=3)

best_degree = [int(np.argmin(errors)) for errors in test_errors]
best_test_error = [min(errors) for errors in test_errors]
# the plateau: the worst test error from degree 3 to 11, relative to the best one
plateau_ratio = [max(e[3:12]) / min(e) for e in test_errors]
end_ratio = [max(e[13:]) / min(e) for e in test_errors]  # degrees 13 to 15
max_plateau_ratio = max(plateau_ratio)
min_end_ratio, max_end_ratio = min(end_ratio), max(end_ratio)
end_gap_fraction = float(np.mean(end_gap_points))  # about 2 gaps of 19
mostly_end_gap = sum(share > 0.5 for share in end_gap_share)  # seeds, of five
plt.plot([], [], "C0o-", label="training error")
plt.plot([], [], "C1s-", label="test error")
plt.xlabel("polynomial degree")
plt.ylabel("mean squared error")
plt.legend()
plt.show()
print("seed  best degree  lowest test error  worst of 3-11  worst of 13-15  end gaps")
for s, seed in enumerate(seeds):
    print(f"{seed:>4}  {best_degree[s]:>11}  {best_test_error[s]:>17.3f}"
          f"  {plateau_ratio[s]:>6.2f} × best  {end_ratio[s]:>7.1f} × best"
          f"  {end_gap_share[s]:>8.0%}")  # fmt: skip
print("end gaps: share of degree 15's excess test error over degree 4 that comes from")
print(f"the test points in the two end gaps ({end_gap_fraction:.0%} of them)")
