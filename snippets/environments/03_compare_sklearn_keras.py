"""Where scikit-learn fits: two baselines and a small Keras network, over five splits.

The breast-cancer data set, split and standardised as in the lecture's cheat sheet
(train_test_split with test_size=0.33, StandardScaler), is classified by a logistic
regression, by scikit-learn's MLPClassifier and by a Keras network of the same size.
Each seed draws another split and other initial weights; the table gives mean ± sd.
"""

import keras
import numpy as np
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

features, labels = load_breast_cancer(return_X_y=True)
n_samples, n_features = features.shape
seeds = [0, 1, 2, 3, 4]
per_seed = {"logistic_regression": [], "mlp_classifier": [], "keras": []}
for seed in seeds:
    keras.utils.set_random_seed(seed)
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.33, stratify=labels, random_state=seed
    )
    scaler = StandardScaler().fit(x_train)  # fitted on the training part only
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

    # --8<-- [start:models]
    logistic = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    mlp = MLPClassifier(hidden_layer_sizes=(16,), solver="lbfgs", random_state=seed)
    mlp.fit(x_train, y_train)

    network = keras.Sequential(
        [
            keras.Input(shape=(x_train.shape[1],)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    network.compile(optimizer=keras.optimizers.Adam(0.02), loss="binary_crossentropy")
    network.fit(x_train, y_train, epochs=8, batch_size=128, verbose=0)
    # --8<-- [end:models]

    per_seed["logistic_regression"].append(logistic.score(x_test, y_test))
    per_seed["mlp_classifier"].append(mlp.score(x_test, y_test))
    probabilities = keras.ops.convert_to_numpy(network(x_test))[:, 0]
    per_seed["keras"].append(np.mean((probabilities > 0.5) == y_test))

accuracies = {name: float(np.mean(a)) for name, a in per_seed.items()}
spread = {name: float(np.std(a, ddof=1)) for name, a in per_seed.items()}
parameters = {
    "logistic_regression": logistic.coef_.size + logistic.intercept_.size,
    "mlp_classifier": sum(w.size for w in mlp.coefs_ + mlp.intercepts_),
    "keras": network.count_params(),
}
test_size = len(y_test)
accuracy_range = max(accuracies.values()) - min(accuracies.values())
samples_apart = round(accuracy_range * test_size)  # the same range in test samples
# Each network minus the logistic regression, seed by seed
linear = np.array(per_seed["logistic_regression"])
gain = {
    name: float(np.mean(np.array(per_seed[name]) - linear))
    for name in ["mlp_classifier", "keras"]
}
pooled_sd = float(np.sqrt(np.mean(list(np.square(list(spread.values()))))))
print(f"{'model':<22}{'parameters':>11}   test accuracy over {len(seeds)} seeds")
for name, accuracy in accuracies.items():
    runs = " ".join(f"{a:.3f}" for a in per_seed[name])
    print(
        f"{name:<22}{parameters[name]:>11}   {accuracy:.3f} ± {spread[name]:.3f}  ({runs})"
    )
print(f"({test_size} test samples per split; pooled sd {pooled_sd:.3f})")
for name, value in gain.items():
    print(f"{name} minus logistic regression, mean over seeds: {value:+.3f}")
