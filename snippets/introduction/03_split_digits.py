"""Training, validation and test sets from the digits data, stratified by class.

Two calls of `train_test_split` give 60 % training, 20 % validation and 20 % test data.
With `stratify=` each set keeps the class balance of the whole data set.

Figure: Left, the number of images in the training, validation and test sets. Right,
the fraction of each digit class (0 to 9) in each set, with the whole data set's
fractions as a dashed line: the three sets follow it closely.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

images, labels = load_digits(return_X_y=True)
n_images, n_pixels = images.shape  # each row is an 8 x 8 image, flattened

# --8<-- [start:split]
x_rest, x_test, y_rest, y_test = train_test_split(
    images, labels, test_size=0.2, stratify=labels, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
)  # 0.25 of the remaining 80 % is 20 % of the whole
# --8<-- [end:split]

splits = {"training": y_train, "validation": y_val, "test": y_test}
split_sizes = {name: len(y) for name, y in splits.items()}
overall = np.bincount(labels) / len(labels)
class_fractions = {
    name: np.bincount(y, minlength=10) / len(y) for name, y in splits.items()
}
max_fraction_deviation = max(
    float(np.max(np.abs(fractions - overall))) for fractions in class_fractions.values()
)
# The same 20 % test set drawn without stratify=, for comparison
_, _, _, y_test_unstratified = train_test_split(
    images, labels, test_size=0.2, random_state=0
)
unstratified_deviation = float(
    np.max(
        np.abs(np.bincount(y_test_unstratified) / len(y_test_unstratified) - overall)
    )
)

for name, size in split_sizes.items():
    print(f"{name:<10} {size:5d} images ({size / len(labels):.0%})")
print(f"largest class-fraction difference, stratified:   {max_fraction_deviation:.4f}")
print(f"largest class-fraction difference, unstratified: {unstratified_deviation:.4f}")

figure, (left, right) = plt.subplots(
    1, 2, figsize=(9, 3.5), gridspec_kw={"width_ratios": [1, 2.2]}
)
left.bar(list(split_sizes), list(split_sizes.values()), color="#0072B2")
left.set_ylabel("number of images")
digits = np.arange(10)
for marker, (name, fractions) in zip("os^", class_fractions.items(), strict=True):
    right.plot(digits, fractions, marker=marker, label=name)
right.plot(digits, overall, linestyle="--", color="0.5", label="whole data set")
right.set_xticks(digits)
right.set_ylim(0.08, 0.115)
right.set_xlabel("digit class")
right.set_ylabel("fraction of the set")
right.legend(ncols=2, loc="upper center")
figure.tight_layout()
plt.show()
