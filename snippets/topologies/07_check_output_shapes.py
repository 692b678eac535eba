"""Exercise: the output size of a convolution, by formula and by Keras.

For an input of n pixels, a kernel of k pixels, stride s and padding p on each side,
a convolution gives floor((n + 2p - k) / s) + 1 outputs along each axis.
"""

import keras

cases = []
for n in [8, 28, 32]:
    for k in [3, 5]:
        for stride in [1, 2]:
            for padding in ["valid", "same"]:
                if padding == "valid":
                    formula = (n - k) // stride + 1  # p = 0
                else:  # "same" pads so that the output has ceil(n / s) pixels
                    formula = -(-n // stride)
                layer = keras.layers.Conv2D(1, (k, k), strides=stride, padding=padding)
                keras_size = layer.compute_output_shape((None, n, n, 1))[1]
                cases.append([n, k, stride, padding, formula, keras_size])

n_cases = len(cases)
mismatches = sum(formula != keras_size for *_, formula, keras_size in cases)
print(" n  k  s  padding  formula  Keras")
for n, k, stride, padding, formula, keras_size in cases:
    print(f"{n:2} {k:2} {stride:2}  {padding:<7}  {formula:7}  {keras_size:5}")
print(f"{n_cases} cases, {mismatches} mismatches")
