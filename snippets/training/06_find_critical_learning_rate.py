"""Exercise 1 solution: the largest learning rate that gradient descent survives.

For linear regression with the mean squared error, J(w) = |Xw - y|² / n is a quadratic
with Hessian H = 2 XᵀX / n. Gradient descent converges when the learning rate is below
2 / λ_max, the largest eigenvalue of H, and diverges above it.
"""

import numpy as np
from sklearn.datasets import load_diabetes

features, target = load_diabetes(return_X_y=True)
X = (features - features.mean(0)) / features.std(0)  # standardised features
X = np.column_stack([np.ones(len(X)), X])  # a column of ones for the bias
y = (target - target.mean()) / target.std()

hessian = 2.0 * X.T @ X / len(X)
critical_learning_rate = float(2.0 / np.linalg.eigvalsh(hessian).max())


def gradient_descent(learning_rate, steps=200):
    w = np.zeros(X.shape[1])
    for _ in range(steps):
        w -= learning_rate * 2.0 * X.T @ (X @ w - y) / len(X)
    return float(np.mean((X @ w - y) ** 2))


initial_loss = float(np.mean(y**2))  # the loss at w = 0
loss_below = gradient_descent(0.95 * critical_learning_rate)
loss_above = gradient_descent(1.05 * critical_learning_rate)
print(f"critical learning rate 2 / λ_max = {critical_learning_rate:.4f}")
print(f"loss at the start:                {initial_loss:.3f}")
print(f"after 200 steps at 0.95 × critical: {loss_below:.3f}")
print(f"after 200 steps at 1.05 × critical: {loss_above:.3g}")
