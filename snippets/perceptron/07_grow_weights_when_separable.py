"""Exercise solution: gradient descent on data that a line separates.

On setosa against versicolor, every flower can be put on its side of a line. The
cross-entropy then has no minimum: it keeps falling as the weights grow, and gradient
descent makes the outputs ever more certain without changing a decision.
"""

import numpy as np
from sklearn.datasets import load_iris

iris = load_iris()
keep = iris.target < 2  # 0: setosa, 1: versicolor
x = iris.data[keep][:, [0, 3]]  # sepal length and petal width, as in the first listing
x = (x - x.mean(axis=0)) / x.std(axis=0)
y = iris.target[keep]

weights = np.zeros(3)  # w0, w1, w2
checkpoints = [10, 100, 1000, 10000]
norms, losses, accuracies = [], [], []
for step in range(1, checkpoints[-1] + 1):
    p = 1 / (1 + np.exp(-(weights[0] + x @ weights[1:])))
    error = p - y
    weights[0] -= 1.0 * error.mean()
    weights[1:] -= 1.0 * x.T @ error / len(y)
    if step in checkpoints:
        z = weights[0] + x @ weights[1:]
        losses.append(
            float(np.mean(np.logaddexp(0, -z) * y + np.logaddexp(0, z) * (1 - y)))
        )
        norms.append(float(np.linalg.norm(weights)))
        accuracies.append(float(np.mean((z >= 0) == y)))
        print(
            f"step {step:>5}: |w| = {norms[-1]:6.2f}, cross-entropy {losses[-1]:.1e}, "
            f"training accuracy {accuracies[-1]:.2f}"
        )
final_accuracy, final_norm = accuracies[-1], norms[-1]
direction = weights / np.linalg.norm(weights)
print(f"direction of w after the last step: {np.round(direction, 3)}")
