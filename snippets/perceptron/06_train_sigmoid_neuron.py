"""A sigmoid neuron trained by gradient descent (logistic regression) against the rule.

Versicolor and virginica overlap: no straight line separates them. The perceptron rule
never settles there, and where it stops depends on the seed. Gradient descent on the
cross-entropy takes the same neuron, with a logistic output, to one minimum from any start.
"""

import numpy as np
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression

iris = load_iris()
keep = iris.target > 0  # 1: versicolor, 2: virginica
x = iris.data[keep][:, 2:]  # petal length and petal width (cm)
x = (x - x.mean(axis=0)) / x.std(axis=0)  # standardised: gradient descent is faster
y = iris.target[keep] - 1


# --8<-- [start:gradient]
def train_sigmoid_neuron(x, y, seed, learning_rate=1.0, steps=3000):
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=x.shape[1] + 1)  # w0 (bias), w1, w2
    losses = []
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(weights[0] + x @ weights[1:])))  # output between 0 and 1
        losses.append(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        error = p - y  # every flower counts, by how far its output is from its label
        weights[0] -= learning_rate * error.mean()  # the gradient of the mean
        weights[1:] -= learning_rate * x.T @ error / len(y)  # cross-entropy
    return weights, losses


# --8<-- [end:gradient]
def train_perceptron(x, y, seed, learning_rate=0.1, epochs=50):
    rng = np.random.default_rng(seed)
    weights, mistakes = rng.normal(size=x.shape[1] + 1), 0
    for _ in range(epochs):
        mistakes = 0  # in the last epoch
        for i in rng.permutation(len(y)):
            update = learning_rate * (y[i] - int(weights[0] + x[i] @ weights[1:] >= 0))
            weights[0] += update
            weights[1:] += update * x[i]
            mistakes += int(update != 0)
    return weights, mistakes


def accuracy(weights):
    return float(np.mean((weights[0] + x @ weights[1:] >= 0) == y))


seeds = [0, 1, 2, 3, 4]
neuron = [train_sigmoid_neuron(x, y, s) for s in seeds]
rule = [train_perceptron(x, y, s) for s in seeds]
neuron_weights = np.array([w for w, _ in neuron])
weight_spread = float(np.max(np.ptp(neuron_weights, axis=0)))
reference = LogisticRegression(C=np.inf, tol=1e-10).fit(x, y)  # no penalty
sklearn_weights = np.concatenate([reference.intercept_, reference.coef_[0]])
sklearn_difference = float(np.max(np.abs(neuron_weights - sklearn_weights)))
always_decreasing = all(bool(np.all(np.diff(losses) < 0)) for _, losses in neuron)
neuron_accuracy = [accuracy(w) for w in neuron_weights]
rule_accuracy = [accuracy(w) for w, _ in rule]
last_epoch_mistakes = [m for _, m in rule]
fewest_last_mistakes = min(last_epoch_mistakes)
most_last_mistakes = max(last_epoch_mistakes)
lowest_rule_accuracy, highest_rule_accuracy = min(rule_accuracy), max(rule_accuracy)
print(f"sigmoid neuron: w = {np.round(neuron_weights[0], 4)} from every seed")
print(
    f"  spread over seeds {weight_spread:.1e}, from scikit-learn {sklearn_difference:.1e}"
)
print(f"  loss falls at every step in every seed: {always_decreasing}")
print(f"  training accuracy per seed: {neuron_accuracy}")
print(f"perceptron rule: training accuracy per seed: {rule_accuracy}")
print(f"  mistakes in its 50th epoch, per seed: {last_epoch_mistakes}")
