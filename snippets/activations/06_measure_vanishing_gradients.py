"""Exercise 3 solution: how much of a gradient survives ten logistic or tanh layers.

Backpropagation multiplies one derivative per layer. The logistic function's derivative
is at most 0.25, so ten layers scale a gradient by at most 0.25 to the tenth power;
tanh's is at most 1.
"""

import numpy as np

x = np.linspace(-6, 6, 12001)
logistic = 1.0 / (1.0 + np.exp(-x))
logistic_derivative_max = float(np.max(logistic * (1.0 - logistic)))
tanh_derivative_max = float(np.max(1.0 - np.tanh(x) ** 2))

layers = 10
logistic_bound = logistic_derivative_max**layers
tanh_bound = tanh_derivative_max**layers
print(f"max of the logistic derivative: {logistic_derivative_max:.4f}")
print(f"max of the tanh derivative:     {tanh_derivative_max:.4f}")
print(f"{layers} logistic layers scale a gradient by at most {logistic_bound:.2e}")
print(f"{layers} tanh layers scale a gradient by at most {tanh_bound:.2e}")
