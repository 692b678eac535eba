"""What a Dropout layer does in training and at inference.

A `keras.layers.Dropout(0.5)` layer is applied to a batch of ones. In training it sets
about half of the values to zero and multiplies the rest by 1 / (1 - 0.5) = 2, so the
expected value of each output is unchanged; at inference it passes its input through.

Figure: Output of a Dropout layer with rate 0.5 applied to an 8 by 16 array of ones.
Left, in training: about half the entries are 0 and the rest are 2. Right, at
inference: every entry is 1.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(0)
# --8<-- [start:dropout]
layer = keras.layers.Dropout(rate=0.5)
ones = np.ones((8, 16), dtype="float32")
in_training = keras.ops.convert_to_numpy(layer(ones, training=True))
at_inference = keras.ops.convert_to_numpy(layer(ones, training=False))
# --8<-- [end:dropout]

zeroed_fraction = float(np.mean(in_training == 0))
kept_values = np.unique(in_training[in_training != 0]).tolist()
training_mean = float(in_training.mean())
inference_is_identity = bool(np.array_equal(at_inference, ones))
print(f"in training: {zeroed_fraction:.0%} zeroed, the rest equal {kept_values}")
print(f"mean output in training {training_mean:.3f} (input mean 1.000)")
print(f"at inference the output equals the input: {inference_is_identity}")

# A large sample: the zeroed fraction approaches the rate, the mean stays 1
large = keras.ops.convert_to_numpy(layer(np.ones(100_000), training=True))
large_zeroed_fraction = float(np.mean(large == 0))
large_mean = float(large.mean())
print(f"on 100000 ones: {large_zeroed_fraction:.3f} zeroed, mean {large_mean:.3f}")

figure, axes = plt.subplots(1, 2, figsize=(9, 2.8))
for axis, values, title in zip(
    axes, [in_training, at_inference], ["training=True", "training=False"], strict=True
):
    image = axis.imshow(values, cmap="viridis", vmin=0, vmax=2)
    axis.set_title(f"Dropout(0.5) on ones, {title}")
    axis.set_xlabel("unit")
    axis.set_ylabel("example in batch")
figure.colorbar(image, ax=axes, label="output value")
plt.show()
