"""Exercise 3 solution: is one split enough to rank two models?

Five-fold cross-validation of the logistic regression and the MLPClassifier on the
breast-cancer data: the spread between folds against the gap between the models.
"""

from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=42)

# --8<-- [start:cross_validate]
models = {
    "logistic_regression": LogisticRegression(max_iter=1000),
    "mlp_classifier": MLPClassifier(
        hidden_layer_sizes=(16,), max_iter=1000, random_state=42
    ),
}
scores = {
    name: cross_val_score(
        make_pipeline(StandardScaler(), model), features, labels, cv=folds
    )
    for name, model in models.items()
}
# --8<-- [end:cross_validate]

mean_accuracy = {name: float(s.mean()) for name, s in scores.items()}
spread = {name: float(s.std()) for name, s in scores.items()}
gap = abs(mean_accuracy["logistic_regression"] - mean_accuracy["mlp_classifier"])
for name in models:
    folds_text = " ".join(f"{score:.3f}" for score in scores[name])
    summary = f"mean {mean_accuracy[name]:.3f} ± {spread[name]:.3f}"
    print(f"{name:<20} folds {folds_text}  {summary}")
print(f"gap between the means: {gap:.3f}")
