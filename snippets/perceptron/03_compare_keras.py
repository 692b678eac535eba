"""The same neuron in NumPy and as a Keras Dense layer.

A perceptron is trained on the two iris species as before. Its weights are copied into
`keras.layers.Dense(1, activation="sigmoid")`: the layer computes g(w0 + x1 w1 + x2 w2)
with the logistic g, and gives the same numbers as NumPy.
"""

import keras
import numpy as np
from sklearn.datasets import load_iris

iris = load_iris()
keep = iris.target < 2  # 0: setosa, 1: versicolor
x = iris.data[keep][:, [0, 3]]  # sepal length and petal width in cm
y = iris.target[keep]

rng = np.random.default_rng(3)  # the perceptron learning rule, as in the first listing
weights = rng.normal(scale=0.01, size=3)  # w0 (bias), w1, w2
for _ in range(10):
    for i in rng.permutation(len(x)):
        step = 1 if weights[0] + x[i] @ weights[1:] >= 0 else 0
        weights[0] += 0.1 * (y[i] - step)
        weights[1:] += 0.1 * (y[i] - step) * x[i]

# --8<-- [start:neuron]
numpy_output = 1.0 / (1.0 + np.exp(-(weights[0] + x @ weights[1:])))  # g(z)

neuron = keras.Sequential(
    [keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")]
)
kernel = weights[1:].reshape(2, 1)  # shape (inputs, units)
bias = weights[:1]  # shape (units,)
neuron.layers[0].set_weights([kernel, bias])
keras_output = neuron.predict(x, verbose=0)[:, 0]
# --8<-- [end:neuron]

max_output_difference = float(np.max(np.abs(keras_output - numpy_output)))
keras_decisions = (keras_output >= 0.5).astype(int)  # sigmoid >= 0.5 where z >= 0
perceptron_decisions = (weights[0] + x @ weights[1:] >= 0).astype(int)
same_decisions = bool(np.array_equal(keras_decisions, perceptron_decisions))
keras_accuracy = float(np.mean(keras_decisions == y))
print(f"w0, w1, w2 = {np.round(weights, 3).tolist()}")
print(f"first three outputs, NumPy: {numpy_output[:3].round(6)}")
print(f"first three outputs, Keras: {keras_output[:3].round(6)}")
print(f"largest |Keras - NumPy| over the 100 flowers: {max_output_difference:.1e}")
print(f"same decisions as the step perceptron: {same_decisions}")
print(f"accuracy of the Keras neuron: {keras_accuracy:.2f}")
