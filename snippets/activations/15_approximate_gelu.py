"""Exercise 7 solution: two cheaper formulas for GELU, measured against the exact one.

Keras's gelu(x, approximate=True) uses 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))),
the approximation of the GELU paper; the paper also gives x sigma(1.702 x), a SiLU with
a steeper gate.
"""

import keras
import numpy as np
from scipy.special import erf

x = np.linspace(-6, 6, 12001)
exact = x * 0.5 * (1.0 + erf(x / np.sqrt(2.0)))
tanh_form = 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))
sigmoid_form = x / (1.0 + np.exp(-1.702 * x))
keras_approximate = keras.ops.convert_to_numpy(
    keras.activations.gelu(x, approximate=True)
)

tanh_error = float(np.max(np.abs(tanh_form - exact)))
sigmoid_error = float(np.max(np.abs(sigmoid_form - exact)))
keras_tanh_difference = float(np.max(np.abs(keras_approximate - tanh_form)))
print(f"largest error of the tanh form:    {tanh_error:.1e}")
print(f"largest error of x sigma(1.702 x): {sigmoid_error:.1e}")
print(f"Keras's approximate=True against the tanh form: {keras_tanh_difference:.1e}")
