"""A recurrent network on integer sequences: Embedding, LSTM, sigmoid.

The cheat sheet's RNN (Embedding, LSTM 128 with dropout 0.2 on inputs and on the
recurrent state, one sigmoid output) on generated 'reviews' padded to 80 words, and what
that truncation costs.
"""

import keras
import numpy as np

keras.utils.set_random_seed(16)
num_words, maxlen = 1000, 80


def make_sequences(count, seed):
    """Label 1: three words from 10-19 hidden among noise words; label 0: from 20-29."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 2, size=count)
    sequences = []
    for label in labels:
        words = rng.integers(30, num_words, size=rng.integers(20, 120)).tolist()
        for _ in range(3):
            signal = int(rng.integers(10, 20) + 10 * (1 - label))
            words.insert(rng.integers(len(words)), signal)
        sequences.append(words)
    return sequences, labels


x_train, y_train = make_sequences(1000, seed=0)
x_test, y_test = make_sequences(400, seed=1)
truncated = sum(len(words) > maxlen for words in x_test)
longest = max(len(words) for words in x_train + x_test)
# pad_sequences pads AND truncates at the front by default: a longer sequence keeps its
# last 80 words, and may lose signal words on the way
x_train = keras.utils.pad_sequences(x_train, maxlen=maxlen)
x_test = keras.utils.pad_sequences(x_test, maxlen=maxlen)
signals_kept = ((x_test >= 10) & (x_test < 30)).sum(axis=1)
fewer_than_three = int((signals_kept < 3).sum())
print(f"{truncated} of {len(x_test)} test sequences are longer than {maxlen} words;")
print(f"after truncation, {fewer_than_three} keep fewer than three signal words")

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(maxlen,)),
        keras.layers.Embedding(num_words, 32),
        keras.layers.LSTM(128, dropout=0.2, recurrent_dropout=0.2),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, batch_size=50, epochs=3, verbose=0)
# --8<-- [end:model]

test_loss, test_accuracy = model.evaluate(x_test, y_test, batch_size=100, verbose=0)
print(f"test loss {test_loss:.3f}, test accuracy {test_accuracy:.3f}")
