"""Reading a crystal's orientation from synthetic EBSD patterns with a CNN.

The pattern generator of the previous listing makes 1100 patterns per seed, for random
angles phi; a small CNN learns to regress (cos phi, sin phi) from 800 of them. Each of
the five seeds draws new patterns, noise, initial weights and batch order, and trains a
fresh model with a fresh optimizer.

Timeout: 240

Figure: Left, predicted against true rotation angle for the 300 test patterns of the
last seed. Right, histograms of the absolute angular errors in degrees, one line (one
colour) per seed.
"""

import itertools

import keras
import matplotlib.pyplot as plt
import numpy as np

size = 32  # detector pixels; the flat screen spans +-45 degrees around its centre
u, v = np.meshgrid(np.linspace(-1, 1, size), np.linspace(1, -1, size))
rays = np.stack([u, v, np.ones_like(u)], axis=-1)
rays /= np.linalg.norm(rays, axis=-1, keepdims=True)  # from the sample to each pixel
hkl = np.array(list(itertools.product(range(-2, 3), repeat=3)))
squares = np.sum(hkl**2, axis=1)
keep = np.isin(squares, [3, 4, 8]) & (hkl @ [9, 3, 1] > 0)  # one of each pair +-n
hkl, squares = hkl[keep], squares[keep]  # the {111}, {200} and {220} planes of fcc
normals = hkl / np.sqrt(squares)[:, None]
width = 0.025 * np.sqrt(squares)  # band half-width: the Bragg angle grows with |hkl|
brightness = np.where(squares == 3, 1.0, 0.7)
sample_normal = np.array([0.0, np.sin(np.radians(20)), np.cos(np.radians(20))])


def rotation(axis, angle):  # Rodrigues' formula: rotation by angle about a unit axis
    k = np.cross(np.eye(3), axis)
    return np.eye(3) + np.sin(angle) * k + (1 - np.cos(angle)) * k @ k


generic_axis = np.array([2.0, 0.6, 1.0])  # no symmetry axis of the cube
start = rotation(generic_axis / np.linalg.norm(generic_axis), 0.6)
seeds = [0, 1, 2, 3, 4]


def ebsd_pattern(phi, rng, noise=0.15):  # noise drawn from the seed's generator
    rotated = normals @ (rotation(sample_normal, phi) @ start).T  # in the screen frame
    cosines = rays @ rotated.T  # zero on the trace of each plane (a great circle)
    bands = np.sum(brightness * np.exp(-0.5 * (cosines / width) ** 2), axis=-1)
    pattern = bands + noise * rng.normal(size=bands.shape)
    return ((pattern - pattern.mean()) / pattern.std()).astype("float32")


# --8<-- [start:model]
def make_model():  # a fresh model and a fresh optimizer for every seed
    model = keras.Sequential([keras.Input(shape=(size, size, 1))])
    for filters in [8, 16, 32]:
        model.add(
            keras.layers.Conv2D(filters, (3, 3), padding="same", activation="relu")
        )
        model.add(keras.layers.MaxPooling2D((2, 2)))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(32, activation="relu"))
    model.add(keras.layers.Dense(2))  # (cos phi, sin phi): no jump where 360 becomes 0
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="mse")
    return model


n_train, errors_by_seed = 800, []
for seed in seeds:
    keras.utils.set_random_seed(seed)  # initial weights and batch order
    rng = np.random.default_rng(seed)  # angles and noise
    angles = rng.uniform(0, 2 * np.pi, n_train + 300)
    patterns = np.stack([ebsd_pattern(phi, rng) for phi in angles])[..., None]
    targets = np.column_stack([np.cos(angles), np.sin(angles)])[:n_train]
    model = make_model()
    model.fit(patterns[:n_train], targets, epochs=8, batch_size=64, verbose=0)
    cos_sin = model.predict_on_batch(patterns[n_train:])
    predicted = np.degrees(np.arctan2(cos_sin[:, 1], cos_sin[:, 0])) % 360
    true = np.degrees(angles[n_train:])
    errors_by_seed.append(np.abs((predicted - true + 180) % 360 - 180))  # shorter way
# --8<-- [end:model]

median_error_deg = [float(np.median(e)) for e in errors_by_seed]
fraction_within_5deg = [float(np.mean(e < 5)) for e in errors_by_seed]
median_error_mean = float(np.mean(median_error_deg))
median_error_sd = float(np.std(median_error_deg, ddof=1))
within_5deg_mean = float(np.mean(fraction_within_5deg))
within_5deg_sd = float(np.std(fraction_within_5deg, ddof=1))
print("median error (degrees) by seed:", np.round(median_error_deg, 2))
print(f"mean +- sd: {median_error_mean:.2f} +- {median_error_sd:.2f} degrees", end=", ")
print(f"{within_5deg_mean:.3f} +- {within_5deg_sd:.3f} within 5 degrees")

figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.plot(true, predicted, ".", markersize=4)  # the last seed's test patterns
left.set(xlabel="true phi (degrees)", ylabel="predicted phi (degrees)")
right.hist(errors_by_seed, bins=np.arange(0, 20.5, 1), histtype="step")
right.set(xlabel="absolute error (degrees; above 20 not shown)", ylabel="test patterns")
plt.show()
