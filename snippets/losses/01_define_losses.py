"""The twelve classification losses of Janocha and Czarnecki (2017) in NumPy.

Each loss takes a one-hot target y and the network's raw outputs o (logits); sigma is
the softmax. Two classes with logits (z/2, -z/2) give the true class probability p.

Figure: One panel per loss: its value for one example with two classes, against the
probability p that the softmax gives to the true class, for p from 0.01 to 0.99.
"""

import matplotlib.pyplot as plt
import numpy as np


def softmax(o):
    e = np.exp(o - o.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def hinge_power(power, margin=0.5):
    # y_hat = 2y - 1 is the target written as -1 and +1
    return lambda y, o: np.sum(np.maximum(0.0, margin - (2 * y - 1) * o) ** power, -1)


def tanimoto(y, o):
    s, overlap = softmax(o), np.sum(softmax(o) * y, axis=-1)
    return -overlap / (np.sum(s**2, -1) + np.sum(y**2, -1) - overlap)


def cauchy_schwarz(y, o):
    s = softmax(o)
    norms = np.linalg.norm(s, axis=-1) * np.linalg.norm(y, axis=-1)
    return -np.log(np.sum(s * y, axis=-1) / norms)


# name: loss(y, o) for a batch of one-hot targets y and logits o, as in the table
losses = {
    "L1": lambda y, o: np.sum(np.abs(y - o), -1),
    "L2": lambda y, o: np.sum((y - o) ** 2, -1),
    "expectation": lambda y, o: np.sum(np.abs(y - softmax(o)), -1),
    "regularised expectation": lambda y, o: np.sum((y - softmax(o)) ** 2, -1),
    "Chebyshev": lambda y, o: np.max(np.abs(softmax(o) - y), -1),
    "hinge": hinge_power(1),
    "squared hinge": hinge_power(2),
    "cubed hinge": hinge_power(3),
    "log": lambda y, o: -np.sum(y * np.log(softmax(o)), -1),
    "squared log": lambda y, o: np.sum((y * np.log(softmax(o))) ** 2, -1),
    "Tanimoto": tanimoto,
    "Cauchy-Schwarz": cauchy_schwarz,
}

p = np.linspace(0.01, 0.99, 197)
z = np.log(p / (1 - p))
logits = np.column_stack([z / 2, -z / 2])  # softmax(logits)[:, 0] == p
target = np.tile([1.0, 0.0], (len(p), 1))  # the true class is the first one
figure, axes = plt.subplots(3, 4, figsize=(10, 7), sharex=True)
for axis, (name, loss) in zip(axes.flat, losses.items(), strict=True):
    axis.plot(p, loss(target, logits))
    axis.set_title(name)
for axis in axes[-1]:
    axis.set_xlabel("p (true class)")
for axis in axes[:, 0]:
    axis.set_ylabel("loss")
figure.tight_layout()
plt.show()

sample_p = [0.1, 0.5, 0.9]
sample_losses = {}
for name, loss in losses.items():
    z_sample = np.log(np.array(sample_p) / (1 - np.array(sample_p)))
    o = np.column_stack([z_sample / 2, -z_sample / 2])
    sample_losses[name] = loss(np.tile([1.0, 0.0], (3, 1)), o).round(4).tolist()
# The table's hinge is 0 once z / 2 >= 1 / 2, that is from p = sigma(1) on
hinge_zero_p = float(1 / (1 + np.exp(-1.0)))
print(f"{'loss':<24}" + "".join(f"p = {q:<6}" for q in sample_p))
for name, row in sample_losses.items():
    print(f"{name:<24}" + "".join(f"{value:<10.4f}" for value in row))
