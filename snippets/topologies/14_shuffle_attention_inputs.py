"""Exercise: does self-attention know the order of its inputs?

Shuffle the time steps of a sequence and compare the outputs of a MultiHeadAttention
layer, first on the vectors alone, then with a position vector added to each step.
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
attention = keras.layers.MultiHeadAttention(num_heads=2, key_dim=4)
positions = keras.layers.Embedding(6, 8)(np.arange(6))[None]  # one vector per position
x = rng.normal(size=(1, 6, 8)).astype("float32")  # a sequence of 6 steps of 8 features
order = rng.permutation(6)


def self_attend(sequence):
    return keras.ops.convert_to_numpy(attention(sequence, sequence))


# without positions: the outputs of the shuffled sequence are the shuffled outputs
equivariance_error = float(
    np.abs(self_attend(x)[:, order] - self_attend(x[:, order])).max()
)
# with a position vector added after shuffling, the order changes the outputs
with_positions = self_attend(x + positions)[:, order]
shuffled = self_attend(x[:, order] + positions)
positional_difference = float(np.abs(with_positions - shuffled).max())
print("shuffled order:", order)
print(f"without positions, largest difference: {equivariance_error:.1e}")
print(f"with positions,    largest difference: {positional_difference:.2f}")
