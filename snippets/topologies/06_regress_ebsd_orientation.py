"""Reading a crystal's orientation from synthetic EBSD patterns with a CNN.

The pattern generator of the previous listing makes 2500 patterns for random angles phi;
a small CNN learns to regress (cos phi, sin phi) from 2000 of them.

Figure: Left, predicted against true rotation angle for the 500 test patterns. Right,
histogram of the absolute angular errors in degrees.
"""

import itertools

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(6)
rng = np.random.default_rng(6)

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


def ebsd_pattern(phi, noise=0.15):
    rotated = normals @ (rotation(sample_normal, phi) @ start).T  # in the screen frame
    cosines = rays @ rotated.T  # zero on the trace of each plane (a great circle)
    bands = np.sum(brightness * np.exp(-0.5 * (cosines / width) ** 2), axis=-1)
    pattern = bands + noise * rng.normal(size=bands.shape)
    return ((pattern - pattern.mean()) / pattern.std()).astype("float32")


angles = rng.uniform(0, 2 * np.pi, 2500)
patterns = np.stack([ebsd_pattern(phi) for phi in angles])[..., None]
targets = np.column_stack([np.cos(angles), np.sin(angles)])
n_train = 2000

# --8<-- [start:model]
model = keras.Sequential([keras.Input(shape=(size, size, 1))])
for filters in [8, 16, 32]:
    model.add(keras.layers.Conv2D(filters, (3, 3), padding="same", activation="relu"))
    model.add(keras.layers.MaxPooling2D((2, 2)))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(32, activation="relu"))
model.add(keras.layers.Dense(2))  # (cos phi, sin phi): no jump where 360 becomes 0
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.002), loss="mse")
model.fit(patterns[:n_train], targets[:n_train], epochs=15, batch_size=64, verbose=0)
# --8<-- [end:model]

cos_sin = model.predict(patterns[n_train:], verbose=0)
predicted = np.degrees(np.arctan2(cos_sin[:, 1], cos_sin[:, 0])) % 360
true = np.degrees(angles[n_train:])
errors = np.abs((predicted - true + 180) % 360 - 180)  # the shorter way round
median_error_deg = float(np.median(errors))
fraction_within_5deg = float(np.mean(errors < 5))
print(
    f"{errors.size} test patterns: median error {median_error_deg:.2f} degrees, "
    f"largest {errors.max():.1f}, within 5 degrees: {fraction_within_5deg:.3f}"
)

figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
left.plot(true, predicted, ".", markersize=4, label="test pattern")
left.plot([0, 360], [0, 360], "--", color="0.5", label="prediction = truth")
left.set_xlabel("true phi (degrees)")
left.set_ylabel("predicted phi (degrees)")
left.legend()
right.hist(errors, bins=np.arange(0, errors.max() + 0.5, 0.5))
right.set_xlabel("absolute error (degrees)")
right.set_ylabel("test patterns")
plt.show()
