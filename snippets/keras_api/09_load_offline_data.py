"""Offline stand-ins for the lecture's data sets.

Bundled scikit-learn sets replace the downloads: diabetes for Boston housing, digits
for MNIST and CIFAR-10, breast cancer for the Pima diabetes file; a generated task of
integer sequences replaces IMDB.
"""

import numpy as np
from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits

x_regression, y_regression = load_diabetes(return_X_y=True)  # 10 features -> a number
digits = load_digits()  # 8x8 grey images, 10 classes
x_binary, y_binary = load_breast_cancer(return_X_y=True)  # 30 features -> 0 or 1


# --8<-- [start:sequences]
def make_sequences(count, num_words=1000, seed=0):
    """Reviews as word indices: a label-1 'review' holds a few words from 10-19, a
    label-0 one a few from 20-29; every other word is noise from 30 up."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=count)
    sequences = []
    for label in labels:
        words = rng.integers(30, num_words, size=rng.integers(20, 120)).tolist()
        for _ in range(3):
            words.insert(
                rng.integers(len(words)), int(rng.integers(10, 20) + 10 * (1 - label))
            )
        sequences.append(words)
    return sequences, labels


sequences, y_sequences = make_sequences(2000)
# --8<-- [end:sequences]

shapes = {
    "diabetes": list(x_regression.shape),
    "digits": list(digits.images.shape),
    "breast_cancer": list(x_binary.shape),
    "sequences": [len(sequences)],
}
for name, shape in shapes.items():
    print(f"{name:<14} {shape}")
lengths = [len(s) for s in sequences]
print(
    f"sequence lengths from {min(lengths)} to {max(lengths)}; first: {sequences[0][:8]}"
)
