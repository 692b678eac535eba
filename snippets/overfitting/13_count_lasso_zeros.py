"""Exercise 4 solution: an L1 penalty with a solver that reaches exact zeros.

A linear model of scikit-learn's diabetes data (ten standardised inputs) is fitted with
an L1 penalty (`Lasso`, solved by coordinate descent, which sets a coefficient to zero
exactly) and with an L2 penalty (`Ridge`), over a range of penalty strengths.

Figure: Number of the ten coefficients that are exactly zero against the penalty
strength (logarithmic axis), for the L1 and the L2 penalty. L1 switches inputs off one
after another as the penalty grows; L2 shrinks them all but never to exactly zero.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, Ridge
from sklearn.preprocessing import StandardScaler

x, y = load_diabetes(return_X_y=True)
x = StandardScaler().fit_transform(x)
strengths = np.logspace(-2, 2, 9)  # the penalty's weight (alpha in scikit-learn)
zeros = {"L1 (Lasso)": [], "L2 (Ridge)": []}
for alpha in strengths:
    lasso = Lasso(alpha=alpha, random_state=0).fit(
        x, y
    )  # deterministic: cyclic updates
    ridge = Ridge(alpha=2 * len(y) * alpha).fit(x, y)  # Lasso divides its loss by 2n
    zeros["L1 (Lasso)"].append(int(np.sum(lasso.coef_ == 0)))
    zeros["L2 (Ridge)"].append(int(np.sum(ridge.coef_ == 0)))

lasso_zeros, ridge_zeros = zeros["L1 (Lasso)"], zeros["L2 (Ridge)"]
for name, counts in zeros.items():
    plt.semilogx(strengths, counts, "o-", label=name)
plt.xlabel("penalty strength")
plt.ylabel("coefficients exactly zero (of 10)")
plt.legend()
plt.show()
print("strength  " + "".join(f"{a:>7.2g}" for a in strengths))
for name, counts in zeros.items():
    print(f"{name:<10}" + "".join(f"{c:>7}" for c in counts))
