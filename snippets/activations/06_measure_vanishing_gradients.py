"""Exercise 3 solution: how much of a gradient ten logistic or tanh layers let through.

Backpropagation multiplies, per layer, by the activation's derivative and by the
weights. The logistic function's derivative is at most 0.25, tanh's at most 1: that
bounds the activation factors alone. A chain of logistic units with weight 4 and bias
-2 shows that the weights can make up the loss: its factor per layer is exactly 1.
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
print(f"{layers} logistic derivatives multiply to at most {logistic_bound:.2e}")
print(f"{layers} tanh derivatives multiply to at most     {tanh_bound:.2e}")

# One unit per layer, a_k = logistic(w a_{k-1} + b): the chain rule multiplies
# w * logistic'(z) per layer. With w = 4, b = -2 and a_0 = 0.5, z stays at 0.
w, b, a = 4.0, -2.0, 0.5
chain_factor = 1.0
for _ in range(layers):
    a = 1.0 / (1.0 + np.exp(-(w * a + b)))
    chain_factor *= w * a * (1.0 - a)
print(
    f"{layers} logistic units with w = {w:.0f}, b = {b:.0f}: factor {chain_factor:.2f}"
)
