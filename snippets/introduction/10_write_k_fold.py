"""Exercise solution: five-fold cross-validation written out by hand.

StratifiedKFold only hands out indices; the loop fits a fresh model on four folds and
scores it on the fifth. The scores are those of cross_val_score, and every sample is
tested exactly once.
"""

import numpy as np
from sklearn.base import clone
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)

# --8<-- [start:loop]
by_hand, times_tested = [], np.zeros(len(labels), dtype=int)
for train_index, test_index in folds.split(features, labels):
    fitted = clone(model).fit(
        features[train_index], labels[train_index]
    )  # a fresh model
    by_hand.append(fitted.score(features[test_index], labels[test_index]))
    times_tested[test_index] += 1
# --8<-- [end:loop]

library = cross_val_score(model, features, labels, cv=folds)
largest_difference = float(np.max(np.abs(np.array(by_hand) - library)))
tested_once = bool(np.all(times_tested == 1))
print("by hand:         ", np.round(by_hand, 4))
print("cross_val_score: ", np.round(library, 4))
print(
    f"largest difference: {largest_difference}; every sample tested once: {tested_once}"
)
by_hand = [float(s) for s in by_hand]
