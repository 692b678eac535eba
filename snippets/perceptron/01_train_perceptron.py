"""A perceptron trained with the perceptron learning rule on two iris species.

Setosa and versicolor flowers, described by sepal length and petal width, can be told
apart by a straight line. The perceptron learning rule finds one: it corrects the
weights after every misclassified flower until an epoch passes with no mistake.

Figure: Left, the 100 flowers (sepal length against petal width) with the decision
boundary at the end of each epoch, dotted to solid; the last one separates the species.
Right, the number of misclassified flowers in each epoch, falling to zero.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_iris
from sklearn.svm import SVC

iris = load_iris()
keep = iris.target < 2  # 0: setosa, 1: versicolor
x = iris.data[keep][:, [0, 3]]  # sepal length and petal width in cm
y = iris.target[keep]
flowers_per_species = np.bincount(y).tolist()


# --8<-- [start:perceptron]
def predict(weights, x):
    """Step activation of z = w0 + x1 w1 + x2 w2: 1 where z >= 0, else 0."""
    z = weights[0] + x @ weights[1:]
    return np.where(z >= 0, 1, 0)


def train_perceptron(x, y, learning_rate=0.1, epochs=10, seed=3):
    rng = np.random.default_rng(seed)
    weights = rng.normal(scale=0.01, size=x.shape[1] + 1)  # w0 (bias), w1, w2
    history, errors = [], []
    for _ in range(epochs):
        mistakes = 0
        for i in rng.permutation(len(x)):
            update = learning_rate * (y[i] - predict(weights, x[i]))  # 0 if right
            weights[0] += update
            weights[1:] += update * x[i]
            mistakes += int(update != 0)
        history.append(weights.copy())
        errors.append(mistakes)
    return weights, history, errors


# --8<-- [end:perceptron]

weights, history, errors_per_epoch = train_perceptron(x, y)
training_errors = int(np.sum(predict(weights, x) != y))
epochs_to_converge = errors_per_epoch.index(
    0
)  # epochs with mistakes before a clean one
print("mistakes per epoch:", errors_per_epoch)
print(f"weights w0, w1, w2 = {np.round(weights, 3).tolist()}")
print(f"misclassified training flowers after training: {training_errors}")
# Distance of each flower from the line z = 0, and the widest margin any line can have
distances = np.abs(weights[0] + x @ weights[1:]) / np.linalg.norm(weights[1:])
margin = float(distances.min())
widest = SVC(kernel="linear", C=1e6).fit(x, y)  # a hard-margin support vector machine
widest_margin = float(1 / np.linalg.norm(widest.coef_))
print(
    f"closest flower to the line: {margin:.3f} cm; widest margin: {widest_margin:.3f} cm"
)

figure, (left, right) = plt.subplots(1, 2, figsize=(9.5, 4))
for label, name, marker in [(0, "setosa", "o"), (1, "versicolor", "^")]:
    left.scatter(*x[y == label].T, marker=marker, label=name, zorder=3)
sepal = np.array([4.0, 7.2])
line_styles = [":", "-.", "--", "-"]
line_colours = ["#56B4E9", "#CC79A7", "#009E73", "#D55E00"]
for epoch, w in enumerate(history[:epochs_to_converge], start=1):
    petal = -(w[0] + w[1] * sepal) / w[2]  # the line where z = 0
    k = max(0, len(line_styles) - 1 - epochs_to_converge + epoch)  # the last is solid
    left.plot(
        sepal, petal, line_styles[k], color=line_colours[k], label=f"epoch {epoch}"
    )
left.set_ylim(-0.3, 2.3)
left.set_xlabel("sepal length (cm)")
left.set_ylabel("petal width (cm)")
left.legend(fontsize=8, loc="upper left")
right.bar(np.arange(1, len(errors_per_epoch) + 1), errors_per_epoch, color="#0072B2")
right.set_xlabel("epoch")
right.set_ylabel("misclassified flowers")
figure.tight_layout()
plt.show()
