"""Where scikit-learn fits: two baselines and a small Keras network on one split.

The breast-cancer data set, split and standardised as in the lecture's cheat sheet
(train_test_split with test_size=0.33, StandardScaler), is classified by a logistic
regression, by scikit-learn's MLPClassifier and by a Keras network of the same size.
"""

import keras
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(42)
features, labels = load_breast_cancer(return_X_y=True)
n_samples, n_features = features.shape
x_train, x_test, y_train, y_test = train_test_split(
    features, labels, test_size=0.33, stratify=labels, random_state=42
)
scaler = StandardScaler().fit(x_train)  # fitted on the training part only
x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

# --8<-- [start:models]
logistic = LogisticRegression(max_iter=1000).fit(x_train, y_train)
mlp = MLPClassifier(hidden_layer_sizes=(16,), max_iter=1000, random_state=42)
mlp.fit(x_train, y_train)

network = keras.Sequential(
    [
        keras.Input(shape=(x_train.shape[1],)),
        keras.layers.Dense(16, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
network.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
network.fit(x_train, y_train, epochs=50, batch_size=32, verbose=0)
# --8<-- [end:models]

accuracies = {
    "logistic_regression": logistic.score(x_test, y_test),
    "mlp_classifier": mlp.score(x_test, y_test),
    "keras": network.evaluate(x_test, y_test, verbose=0)[1],
}
parameters = {
    "logistic_regression": logistic.coef_.size + logistic.intercept_.size,
    "mlp_classifier": sum(w.size for w in mlp.coefs_ + mlp.intercepts_),
    "keras": network.count_params(),
}
test_size = len(y_test)
accuracy_range = max(accuracies.values()) - min(accuracies.values())
# the same range counted in test samples
samples_apart = round(accuracy_range * test_size)
print(f"{'model':<22}{'parameters':>11}{'test accuracy':>15}")
for name, accuracy in accuracies.items():
    print(f"{name:<22}{parameters[name]:>11}{accuracy:>15.3f}")
print(f"({test_size} test samples)")
