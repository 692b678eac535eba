"""Synthetic electron backscatter diffraction (EBSD) patterns.

Each lattice plane of a cubic (fcc) crystal diffracts electrons into a bright band along
the plane's trace on a flat screen; rotating the crystal by phi moves every band.

Figure: Four synthetic EBSD patterns (32x32 pixels) of the same crystal rotated by 0,
30, 60 and 90 degrees about the sample normal: bright Kikuchi-like bands cross at zone
axes, and the whole network of bands moves with the rotation.
"""

import itertools

import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(5)

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


n_bands = len(hkl)
figure, axes = plt.subplots(1, 4, figsize=(10, 2.9))
for axis, phi in zip(axes, [0, 30, 60, 90], strict=True):
    axis.imshow(ebsd_pattern(np.radians(phi)), cmap="gray")
    axis.set_title(f"phi = {phi} degrees")
    axis.axis("off")
plt.show()

first = ebsd_pattern(0.0, noise=0)
distances = [
    np.sqrt(np.mean((first - ebsd_pattern(np.radians(phi), noise=0)) ** 2))
    for phi in range(1, 360)
]
smallest_distance = float(min(distances[29:-29]))  # from 30 to 330 degrees away
print(f"{n_bands} bands: {[tuple(int(i) for i in p) for p in hkl]}")
print(f"pattern {first.shape}, mean {first.mean():.2f}, std {first.std():.2f}")
print(
    f"closest other pattern (rms difference, 30-330 degrees away): {smallest_distance:.2f}"
)
