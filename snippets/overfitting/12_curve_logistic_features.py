"""Exercise 3 solution: learning curves of two logistic regressions.

A straight boundary (logistic regression on x1, x2) against a cubic one (logistic
regression on all products of x1, x2 up to degree 3), trained on the first 30, 100, 300
and 1000 points of each seed's moons and scored on the same 500 validation points.

Figure: Validation cross-entropy of the linear and the cubic logistic regression
against the number of training points (logarithmic axis), one thin line per seed. The
straight line levels off early at a high loss; the cubic one keeps improving.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_moons
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

models = {
    "linear": lambda: LogisticRegression(),
    "cubic": lambda: make_pipeline(
        PolynomialFeatures(3), StandardScaler(), LogisticRegression(max_iter=1000)
    ),
}
seeds = [0, 1, 2, 3, 4]
sizes = [30, 100, 300, 1000]
val_loss = {name: [] for name in models}  # one row per seed, one column per size
for seed in seeds:
    x, y = make_moons(n_samples=1500, noise=0.3, random_state=seed)
    x_val, y_val = x[1000:], y[1000:]  # the validation points of the whole chapter
    for name, make in models.items():
        fits = [make().fit(x[:n], y[:n]) for n in sizes]
        val_loss[name].append([log_loss(y_val, f.predict_proba(x_val)) for f in fits])

mean_val_loss = {name: np.mean(v, axis=0).tolist() for name, v in val_loss.items()}
for name, style in [("linear", "C2--"), ("cubic", "C4o-")]:
    for i, curve in enumerate(val_loss[name]):
        plt.semilogx(sizes, curve, style, lw=1, label=f"{name}" if i == 0 else None)
plt.xlabel("training points")
plt.ylabel("validation cross-entropy")
plt.legend()
plt.show()
print("training points " + "".join(f"{n:>8}" for n in sizes))
for name, values in mean_val_loss.items():
    print(
        f"{name:<15} " + "".join(f"{v:>8.3f}" for v in values) + "  (mean of 5 seeds)"
    )
