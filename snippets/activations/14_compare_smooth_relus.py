"""GELU and SiLU beside ReLU, in NumPy and in Keras.

GELU(x) = x Phi(x), with Phi the standard normal distribution function, and SiLU(x) =
x sigma(x) (also called swish) multiply the input by a smooth gate between 0 and 1
instead of ReLU's hard switch. Each NumPy formula is checked against Keras.

Figure: ReLU, GELU and SiLU for x from -4 to 4; both smooth functions dip below zero
for negative x and approach ReLU for large |x|.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import erf


# --8<-- [start:formulas]
def gelu(x):
    return x * 0.5 * (1.0 + erf(x / np.sqrt(2.0)))  # x times the normal CDF


def silu(x):
    return x / (1.0 + np.exp(-x))  # x times the logistic function


# --8<-- [end:formulas]

x = np.linspace(-4, 4, 8001)
keras_gelu = keras.ops.convert_to_numpy(keras.activations.gelu(x, approximate=False))
keras_silu = keras.ops.convert_to_numpy(keras.activations.silu(x))
gelu_difference = float(np.max(np.abs(gelu(x) - keras_gelu)))
silu_difference = float(np.max(np.abs(silu(x) - keras_silu)))
gelu_minimum = [float(x[np.argmin(gelu(x))]), float(np.min(gelu(x)))]  # where, value
silu_minimum = [float(x[np.argmin(silu(x))]), float(np.min(silu(x)))]
distance_from_relu_at_4 = float(max(4 - gelu(4.0), 4 - silu(4.0)))

plt.plot(x, np.maximum(x, 0.0), label="ReLU")
plt.plot(x, gelu(x), label="GELU: x Φ(x)")
plt.plot(x, silu(x), linestyle="--", label="SiLU: x σ(x)")
plt.axhline(0, linewidth=0.5, color="0.6")
plt.xlabel("x")
plt.ylabel("f(x)")
plt.legend()
plt.show()

print(
    f"largest |NumPy - Keras|: GELU {gelu_difference:.1e}, SiLU {silu_difference:.1e}"
)
print("minimum of GELU: {1:.4f} at x = {0:.3f}".format(*gelu_minimum))
print("minimum of SiLU: {1:.4f} at x = {0:.3f}".format(*silu_minimum))
print(f"at x = 4 both are within {distance_from_relu_at_4:.3f} of ReLU")
