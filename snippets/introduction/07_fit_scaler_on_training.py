"""Preprocessing without leakage: fit the scaler on the training part only.

A StandardScaler fitted on all the data has seen the test set: its means and standard
deviations carry information about the test tumours into training. A logistic regression
on the breast-cancer data is trained and tested both ways, over five seeds (splits).
"""

import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
seeds = [0, 1, 2, 3, 4]
accuracy = {"honest": [], "leaky": []}
largest_shift = []
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.33, stratify=labels, random_state=seed
    )
    # --8<-- [start:scale]
    honest = StandardScaler().fit(x_train)  # statistics of the training part only
    leaky = StandardScaler().fit(features)  # wrong: it has seen the test tumours
    for name, scaler in {"honest": honest, "leaky": leaky}.items():
        model = LogisticRegression(max_iter=1000)
        model.fit(scaler.transform(x_train), y_train)
        accuracy[name].append(model.score(scaler.transform(x_test), y_test))
    # --8<-- [end:scale]
    # How far the leaky means are from the honest ones, in training standard deviations
    largest_shift.append(
        float(np.max(np.abs(leaky.mean_ - honest.mean_) / honest.scale_))
    )

test_size = len(y_test)
difference = np.subtract(accuracy["leaky"], accuracy["honest"])
samples_changed = np.rint(difference * test_size).astype(int).tolist()
mean_difference = float(difference.mean())
most_samples_changed = int(np.max(np.abs(samples_changed)))
mean_accuracy = {name: float(np.mean(a)) for name, a in accuracy.items()}
sd_accuracy = {name: float(np.std(a, ddof=1)) for name, a in accuracy.items()}
print(f"seed  honest  leaky   leaky - honest ({test_size} test tumours)")
for seed, h, k, n in zip(seeds, *accuracy.values(), samples_changed, strict=True):
    print(f"{seed:4d}  {h:.3f}   {k:.3f}   {n:+d} tumours")
for name in accuracy:
    print(
        f"{name:<6} {mean_accuracy[name]:.3f} ± {sd_accuracy[name]:.3f} (sd over 5 seeds)"
    )
print(f"leaky minus honest, mean over seeds: {mean_difference:+.4f}")
max_shift = max(largest_shift)
print(f"largest shift of a feature's mean: {max_shift:.3f} training sd")
