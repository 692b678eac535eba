"""Exercise 2 solution: the largest stable learning rate for plain gradient descent.

Near a minimum a function is close to a quadratic with Hessian H. Gradient descent on
it is stable only if the learning rate is below 2 / lambda_max, the largest
eigenvalue of H. Here H is the Rosenbrock Hessian at (1, 1); SGD starts a step away
from the minimum with a rate 5 % below and 5 % above that limit.
"""

import numpy as np


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


hessian = np.array([[802.0, -400.0], [-400.0, 200.0]])  # second derivatives at (1, 1)
eigenvalues, eigenvectors = np.linalg.eigh(hessian)
lambda_max = float(eigenvalues[-1])
critical_learning_rate = 2 / lambda_max

final_distance = {}
for factor in [0.95, 1.05]:
    p = 1 + 0.01 * eigenvectors[:, -1]  # next to the minimum, along the steepest axis
    for _ in range(300):
        p = p - factor * critical_learning_rate * gradient(p)
    final_distance[factor] = float(np.hypot(*(p - 1)))
    print(
        f"learning rate {factor:.2f} x 2/lambda_max: distance {final_distance[factor]:.2e}"
    )
print(f"lambda_max = {lambda_max:.1f}, 2 / lambda_max = {critical_learning_rate:.5f}")
below_distance, above_distance = final_distance[0.95], final_distance[1.05]
