"""Exercise 3 solution: is one split enough to rank two models?

Five-fold cross-validation of the logistic regression and the MLPClassifier on the
breast-cancer data, repeated for five seeds (the shuffle of the folds and the MLP's
initial weights), and the Nadeau-Bengio corrected t-test on the 25 paired fold scores.
"""

import numpy as np
from scipy import stats
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
n_folds = 5
seeds = [0, 1, 2, 3, 4]
scores = {"logistic_regression": [], "mlp_classifier": []}
for seed in seeds:
    # --8<-- [start:cross_validate]
    folds = StratifiedKFold(n_splits=n_folds, shuffle=True, random_state=seed)
    models = {
        "logistic_regression": LogisticRegression(max_iter=1000),
        "mlp_classifier": MLPClassifier(
            hidden_layer_sizes=(16,), solver="lbfgs", random_state=seed
        ),
    }
    for name, model in models.items():  # both models see the same folds
        pipeline = make_pipeline(StandardScaler(), model)
        scores[name].append(cross_val_score(pipeline, features, labels, cv=folds))
    # --8<-- [end:cross_validate]

scores = {name: np.array(s) for name, s in scores.items()}  # (seed, fold)
mean_accuracy = {name: float(s.mean()) for name, s in scores.items()}
spread = {name: float(s.std(axis=1, ddof=1).mean()) for name, s in scores.items()}
lead = scores["logistic_regression"].mean(1) - scores["mlp_classifier"].mean(1)
gap = float(lead.mean())

# --8<-- [start:test]
# The 25 paired differences overlap (each tumour trains four of a seed's five models
# and every seed reuses the same tumours), so the variance of their mean is corrected by
# the test-to-training size ratio, 1 / (n_folds - 1) (Nadeau and Bengio 2003).
differences = (scores["logistic_regression"] - scores["mlp_classifier"]).ravel()
n = len(differences)
variance = differences.var(ddof=1)
t_corrected = differences.mean() / np.sqrt((1 / n + 1 / (n_folds - 1)) * variance)
p_corrected = float(2 * stats.t.sf(abs(t_corrected), df=n - 1))
p_naive = float(2 * stats.t.sf(abs(differences.mean() / np.sqrt(variance / n)), n - 1))
# --8<-- [end:test]

print("seed  logistic  mlp    lead")
for seed, row_lr, row_mlp, g in zip(seeds, *scores.values(), lead, strict=True):
    print(f"{seed:4d}  {row_lr.mean():.3f}     {row_mlp.mean():.3f}  {g:+.3f}")
for name in scores:
    print(f"{name:<20} mean {mean_accuracy[name]:.3f}, fold sd {spread[name]:.3f}")
print(f"mean lead of the logistic regression: {gap:+.4f}")
print(f"corrected t = {t_corrected:.2f}, p = {p_corrected:.2f}")
print(f"(a plain t-test on the 25 folds as if independent: p = {p_naive:.4f})")
t_corrected = float(t_corrected)
lead, differences = lead.tolist(), differences.tolist()
scores = {name: s.tolist() for name, s in scores.items()}
