"""k-fold cross-validation against a single held-out split.

One 80/20 split scores a model on one draw of test samples. Five-fold cross-validation
tests every sample once, on a model that did not train on it, and averages. Over five
seeds (shuffles), the five-fold mean moves much less than the single folds' scores.

Figure: For each seed, the five fold accuracies (dots), their mean (a bar) and the
accuracy on one 80/20 split (a cross), for a logistic regression on the breast-cancer
data.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
seeds = [0, 1, 2, 3, 4]
fold_scores, single_split = [], []
for seed in seeds:
    # --8<-- [start:folds]
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    scores = cross_val_score(model, features, labels, cv=folds)  # five fits
    # --8<-- [end:folds]
    fold_scores.append(scores.tolist())
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.2, stratify=labels, random_state=seed
    )
    single_split.append(model.fit(x_train, y_train).score(x_test, y_test))

cross_validated = np.mean(fold_scores, axis=1)
sd_single = float(np.std(single_split, ddof=1))
sd_cross_validated = float(np.std(cross_validated, ddof=1))
mean_fold_sd = float(np.mean(np.std(fold_scores, axis=1, ddof=1)))
print("seed  five folds                      mean    one split")
for seed, scores, mean, one in zip(
    seeds, fold_scores, cross_validated, single_split, strict=True
):
    print(f"{seed:4d}  {' '.join(f'{s:.3f}' for s in scores)}  {mean:.3f}   {one:.3f}")
print(
    f"sd over 5 seeds: one split {sd_single:.4f}, five-fold mean {sd_cross_validated:.4f}"
)
print(f"sd between the folds of one seed, averaged: {mean_fold_sd:.4f}")
cross_validated = cross_validated.tolist()

figure, axis = plt.subplots(figsize=(6.5, 3.5))
for k, (scores, mean, one) in enumerate(
    zip(fold_scores, cross_validated, single_split, strict=True)
):
    axis.plot([k] * 5, scores, "o", color="#0072B2", alpha=0.6, label="one fold")
    axis.plot(
        [k - 0.25, k + 0.25], [mean, mean], color="#0072B2", label="five-fold mean"
    )
    axis.plot(k + 0.3, one, "x", color="#D55E00", markersize=9, label="one 80/20 split")
handles, names = axis.get_legend_handles_labels()
axis.legend(handles[:3], names[:3], loc="lower right")
axis.set_xticks(range(len(seeds)), [f"seed {s}" for s in seeds])
axis.set_ylabel("test accuracy")
plt.show()
