"""Exercise 5 solution: the best straight line on the circles, and the cross-entropy's.

For the circles of the linear-against-ReLU comparison (same seeds, same splits), a brute
force search over directions and thresholds finds the straight line with the highest
training accuracy. Logistic regression, which minimises the cross-entropy as the linear
network does, is fitted beside it.
"""

import numpy as np
from sklearn.datasets import make_circles
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split


def best_line_accuracy(points, labels):
    best = 0.0
    for angle in np.linspace(0.0, np.pi, 360, endpoint=False):
        order = np.argsort(points @ [np.cos(angle), np.sin(angle)])
        ones_below = np.concatenate([[0], np.cumsum(labels[order])])
        zeros_below = np.arange(len(labels) + 1) - ones_below
        right = zeros_below + (ones_below[-1] - ones_below)  # 0 below the cut, 1 above
        best = max(best, right.max(), len(labels) - right.min())  # or the other way
    return best / len(labels)


seeds = [0, 1, 2, 3, 4]
best_line, logistic_accuracy, logistic_distance = [], [], []
for seed in seeds:
    features, labels = make_circles(
        n_samples=400, noise=0.08, factor=0.5, random_state=seed
    )
    x_train, _, y_train, _ = train_test_split(
        features, labels, test_size=0.3, stratify=labels, random_state=seed
    )
    best_line.append(best_line_accuracy(x_train, y_train))
    logistic = LogisticRegression(C=1e6).fit(x_train, y_train)  # no penalty to speak of
    logistic_accuracy.append(logistic.score(x_train, y_train))
    probability = logistic.predict_proba(x_train)[:, 1]
    logistic_distance.append(float(np.max(np.abs(probability - 0.5))))

print("training accuracy    " + " ".join(f"seed {seed}" for seed in seeds))
print("best straight line  " + " ".join(f"{a:6.3f}" for a in best_line))
print("logistic regression " + " ".join(f"{a:6.3f}" for a in logistic_accuracy))
print("its largest |P - 1/2| " + " ".join(f"{d:.3f}" for d in logistic_distance))

best_line_range = [min(best_line), max(best_line)]
logistic_accuracy_range = [min(logistic_accuracy), max(logistic_accuracy)]
logistic_largest_distance = max(logistic_distance)
