"""Exercise 2 solution: the largest stable learning rate for plain gradient descent.

Near a minimum a function is close to a quadratic with Hessian H. Gradient descent on
it is stable only if the learning rate is below 2 / lambda_max, the largest
eigenvalue of H. Here H is the Rosenbrock Hessian at (1, 1); SGD starts 0.01 from the
minimum, in five random directions, with a rate 5 % below and 5 % above that limit.
"""

import numpy as np


def gradient(p):
    x, y = p
    return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


hessian = np.array([[802.0, -400.0], [-400.0, 200.0]])  # second derivatives at (1, 1)
eigenvalues, eigenvectors = np.linalg.eigh(hessian)
lambda_max = float(eigenvalues[-1])
critical_learning_rate = 2 / lambda_max

seeds = [0, 1, 2, 3, 4]
final_distance = {0.95: [], 1.05: []}  # per factor, one final distance per start
steep_part = {0.95: [], 1.05: []}  # what is left along the steepest eigenvector
for seed in seeds:
    angle = np.random.default_rng(seed).uniform(0, 2 * np.pi)
    for factor in final_distance:
        p = 1 + 0.01 * np.array([np.cos(angle), np.sin(angle)])  # 0.01 from (1, 1)
        for _ in range(300):
            p = p - factor * critical_learning_rate * gradient(p)
        final_distance[factor].append(float(np.hypot(*(p - 1))))
        steep_part[factor].append(float(abs((p - 1) @ eigenvectors[:, -1])))
for factor, distances in final_distance.items():
    print(f"learning rate {factor:.2f} x 2/lambda_max, distance after 300 steps: "
          + " ".join(f"{d:.1e}" for d in distances))  # fmt: skip
print(f"lambda_max = {lambda_max:.1f}, 2 / lambda_max = {critical_learning_rate:.5f}")
below_distance = max(final_distance[0.95])  # the farthest of the five starts
below_steep_part = max(steep_part[0.95])
flat_factor = float(1 - 0.95 * critical_learning_rate * eigenvalues[0])  # flat axis
above_distance = min(final_distance[1.05])  # the closest of the five starts
