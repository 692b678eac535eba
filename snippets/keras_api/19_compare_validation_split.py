"""What `validation_split` does, and when it misleads, over five seeds.

`fit(validation_split=0.2)` holds back the LAST 20 % of the arrays, before any
shuffling. On data sorted by class, those rows are classes the model never trains on.
Each seed gives other initial weights and another order of the training batches.
"""

import keras
import numpy as np
from sklearn.datasets import load_digits

x, y = load_digits(return_X_y=True)
x = x / 16.0
order = np.argsort(y, kind="stable")  # the same data, sorted by digit
x_sorted, y_sorted = x[order], y[order]
held_out_classes = sorted(set(y_sorted[-int(0.2 * len(y)) :].tolist()))


def validation_accuracy(x, y, seed):
    keras.utils.set_random_seed(seed)  # a fresh model and optimizer for every run
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        keras.optimizers.SGD(learning_rate=0.5),
        "sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    # --8<-- [start:split]
    history = model.fit(x, y, validation_split=0.2, epochs=4, batch_size=128, verbose=0)
    # --8<-- [end:split]
    return history.history["val_accuracy"][-1]


seeds = [0, 1, 2, 3, 4]
original_order = [validation_accuracy(x, y, seed) for seed in seeds]
sorted_order = [validation_accuracy(x_sorted, y_sorted, seed) for seed in seeds]
shuffled_val_accuracy = float(np.mean(original_order))
sorted_val_accuracy = float(np.mean(sorted_order))
shuffled_sd = float(np.std(original_order, ddof=1))  # sd over the seeds
sorted_sd = float(np.std(sorted_order, ddof=1))
print("digits in the last 20 % of the sorted data:", held_out_classes)
print("validation accuracy, mean ± sd over seeds", seeds)
print(f"  data in its original order: {shuffled_val_accuracy:.3f} ± {shuffled_sd:.3f}")
print(f"  data sorted by digit:       {sorted_val_accuracy:.3f} ± {sorted_sd:.3f}")
print("per seed, original:", " ".join(f"{a:.3f}" for a in original_order))
print("per seed, sorted:  ", " ".join(f"{a:.3f}" for a in sorted_order))
