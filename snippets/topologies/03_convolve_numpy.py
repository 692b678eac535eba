"""A 2-D convolution and a max pooling in NumPy, checked against Keras.

Two 3x3 edge kernels slide over a handwritten digit; the same kernels loaded into a
`Conv2D` layer give the same feature maps, and 2x2 max pooling matches `MaxPooling2D`.

Figure: A digit (left), its feature maps for a vertical-edge and a horizontal-edge
kernel (middle), and the vertical-edge map after 2x2 max pooling (right).
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

image = load_digits().images[0].astype("float32") / 16.0  # 8x8, a zero


# --8<-- [start:numpy]
def convolve2d(image, kernel):  # "valid" padding, stride 1, no kernel flip
    k = kernel.shape[0]
    rows, cols = image.shape[0] - k + 1, image.shape[1] - k + 1
    out = np.zeros((rows, cols), dtype=image.dtype)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = np.sum(image[i : i + k, j : j + k] * kernel)
    return out


def max_pool(feature_map, size=2):
    rows, cols = feature_map.shape[0] // size, feature_map.shape[1] // size
    blocks = feature_map[: rows * size, : cols * size].reshape(rows, size, cols, size)
    return blocks.max(axis=(1, 3))


# --8<-- [end:numpy]

vertical = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]], dtype="float32")  # Sobel
kernels = np.stack([vertical, vertical.T], axis=-1)[:, :, None, :]  # (3, 3, 1, 2)

# --8<-- [start:keras]
conv = keras.layers.Conv2D(2, (3, 3), padding="valid", use_bias=False)
conv.build((None, 8, 8, 1))
conv.set_weights([kernels])
keras_maps = keras.ops.convert_to_numpy(conv(image[None, :, :, None]))[0]
keras_pooled = keras.ops.convert_to_numpy(
    keras.layers.MaxPooling2D(2)(keras_maps[None])
)
# --8<-- [end:keras]

numpy_maps = np.stack([convolve2d(image, kernels[:, :, 0, c]) for c in range(2)], -1)
conv_max_difference = float(np.max(np.abs(numpy_maps - keras_maps)))
pool_max_difference = float(
    np.max(np.abs(max_pool(numpy_maps[:, :, 0]) - keras_pooled[0, :, :, 0]))
)
map_shape, pooled_shape = list(keras_maps.shape), list(keras_pooled.shape[1:])
print(
    f"input {image.shape} -> feature maps {tuple(map_shape)} -> pooled {tuple(pooled_shape)}"
)
print(f"largest |NumPy - Conv2D|       = {conv_max_difference:.1e}")
print(f"largest |NumPy - MaxPooling2D| = {pool_max_difference:.1e}")

figure, axes = plt.subplots(1, 4, figsize=(10, 2.9))
panels = [
    image,
    numpy_maps[:, :, 0],
    numpy_maps[:, :, 1],
    max_pool(numpy_maps[:, :, 0]),
]
titles = ["input 8x8", "vertical edges 6x6", "horizontal edges 6x6", "max pooled 3x3"]
colours = ["gray_r", "RdBu_r", "RdBu_r", "RdBu_r"]  # red positive, blue negative
for axis, panel, title, cmap in zip(axes, panels, titles, colours, strict=True):
    limit = np.abs(panel).max()  # a symmetric scale: white is zero
    shown = axis.imshow(
        panel, cmap=cmap, vmin=-limit if cmap == "RdBu_r" else 0, vmax=limit
    )
    axis.set_title(title)
    axis.set_xticks([])
    axis.set_yticks([])
    figure.colorbar(shown, ax=axis, shrink=0.8)
plt.show()
