"""Sequence padding and one-hot encoding.

`keras.utils.pad_sequences` turns lists of different lengths into one array;
`keras.utils.to_categorical` turns class numbers into one-hot rows.
"""

import keras
import numpy as np

# --8<-- [start:pad]
reviews = [[5, 12, 7], [3, 9, 4, 8, 2, 6], list(range(1, 101))]
padded = keras.utils.pad_sequences(reviews, maxlen=80)
print(padded.shape)
print(padded[0, -5:], padded[1, -7:])  # zeros are added in front ("pre")
print(padded[2, :3], padded[2, -3:])  # a longer one loses its start
# --8<-- [end:pad]
padded_shape = list(padded.shape)
kept_first = int(padded[2, 0])

# --8<-- [start:onehot]
num_classes = 10
labels = np.array([0, 3, 9, 3])
one_hot = keras.utils.to_categorical(labels, num_classes)
print(one_hot)
print("back to labels:", np.argmax(one_hot, axis=-1))
# --8<-- [end:onehot]
one_hot_shape = list(one_hot.shape)
