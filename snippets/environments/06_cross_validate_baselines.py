"""Exercise 3 solution: is one split enough to rank two models?

Five-fold cross-validation of the logistic regression and the MLPClassifier on the
breast-cancer data, repeated for five seeds (the shuffle of the folds and the MLP's
initial weights): the lead of one model over the other against the spread between folds.
"""

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
seeds = [0, 1, 2, 3, 4]
scores = {"logistic_regression": [], "mlp_classifier": []}
for seed in seeds:
    # --8<-- [start:cross_validate]
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    models = {
        "logistic_regression": LogisticRegression(max_iter=1000),
        "mlp_classifier": MLPClassifier(
            hidden_layer_sizes=(16,), solver="lbfgs", random_state=seed
        ),
    }
    for name, model in models.items():
        pipeline = make_pipeline(StandardScaler(), model)
        scores[name].append(cross_val_score(pipeline, features, labels, cv=folds))
    # --8<-- [end:cross_validate]

scores = {name: np.array(s) for name, s in scores.items()}  # (seed, fold)
mean_accuracy = {name: float(s.mean()) for name, s in scores.items()}
spread = {name: float(s.std(axis=1).mean()) for name, s in scores.items()}
# Per seed: the logistic regression's lead over the MLP, and the larger fold-to-fold sd
lead = scores["logistic_regression"].mean(1) - scores["mlp_classifier"].mean(1)
fold_sd = np.maximum(
    scores["logistic_regression"].std(1), scores["mlp_classifier"].std(1)
)
seeds_logistic_ahead = int(np.sum(lead > 0))
seeds_lead_above_spread = int(np.sum(lead > fold_sd))
gap = float(lead.mean())
print("seed  logistic  mlp    lead    fold sd (larger)")
for seed, g, sd in zip(seeds, lead, fold_sd, strict=True):
    means = [scores[name][seed].mean() for name in scores]
    print(f"{seed:4d}  {means[0]:.3f}     {means[1]:.3f}  {g:+.3f}  {sd:.3f}")
for name in scores:
    print(f"{name:<20} mean {mean_accuracy[name]:.3f}, fold sd {spread[name]:.3f}")
print(f"logistic regression ahead in {seeds_logistic_ahead} of {len(seeds)} seeds,")
print(f"by more than the fold sd in {seeds_lead_above_spread} of {len(seeds)}")
lead, fold_sd = lead.tolist(), fold_sd.tolist()
scores = {name: s.tolist() for name, s in scores.items()}
