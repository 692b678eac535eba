"""Exercise solution: a leak through the labels, feature selection before the split.

The labels are coin flips and the 2000 features pure noise, so no model can beat 50 %
on new data. Choosing the 20 features most correlated with the labels on all the data,
then cross-validating, reports far better; choosing them inside each fold does not.
"""

import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline

n_samples, n_features, n_kept = 100, 2000, 20
seeds = [0, 1, 2, 3, 4]
accuracy = {"selected on all data": [], "selected inside each fold": []}
for seed in seeds:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n_samples, n_features))
    y = rng.integers(0, 2, size=n_samples)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    # --8<-- [start:leak]
    # Wrong: the selection has seen the labels of every fold's test samples
    kept = SelectKBest(f_classif, k=n_kept).fit(x, y).get_support()
    leaky = cross_val_score(LogisticRegression(), x[:, kept], y, cv=folds)
    # Right: the selection is part of the model, refitted on each training part
    model = make_pipeline(SelectKBest(f_classif, k=n_kept), LogisticRegression())
    honest = cross_val_score(model, x, y, cv=folds)
    # --8<-- [end:leak]
    accuracy["selected on all data"].append(float(leaky.mean()))
    accuracy["selected inside each fold"].append(float(honest.mean()))

for name, scores in accuracy.items():
    runs = " ".join(f"{s:.2f}" for s in scores)
    print(f"{name:<26} {np.mean(scores):.3f} ± {np.std(scores, ddof=1):.3f}   ({runs})")
leaky_accuracy = float(np.mean(accuracy["selected on all data"]))
honest_accuracy = float(np.mean(accuracy["selected inside each fold"]))
smallest_gap = float(
    np.min(
        np.subtract(
            accuracy["selected on all data"], accuracy["selected inside each fold"]
        )
    )
)
print(f"the leak adds at least {smallest_gap:.2f} in every seed")
