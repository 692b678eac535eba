"""Bidirectional layers and masking: padding that does not change the output.

Three sentences of word indices, of lengths 4, 6 and 3, are padded with zeros into one
batch. With mask_zero=True the Embedding marks the padding and a Bidirectional LSTM skips
it in both directions; the same layers without the mask read the zeros as words.
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
sentences = [[5, 12, 7, 3], [9, 2, 14, 4, 11, 6], [8, 1, 13]]  # 0 is kept for padding


def bidirectional_model(mask_zero):
    return keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int32"),
            keras.layers.Embedding(input_dim=16, output_dim=8, mask_zero=mask_zero),
            keras.layers.Bidirectional(keras.layers.LSTM(6)),  # forward + backward
        ]
    )


masked, unmasked = bidirectional_model(True), bidirectional_model(False)
unmasked.set_weights(masked.get_weights())  # the same weights, only the mask differs
alone = [masked.predict_on_batch(np.array([s])) for s in sentences]  # no padding at all
differences = {}
for padding in ["post", "pre"]:
    batch = keras.utils.pad_sequences(sentences, maxlen=8, padding=padding)
    for name, model in [("masked", masked), ("unmasked", unmasked)]:
        out = model.predict_on_batch(batch)
        gap = max(np.abs(out[i] - alone[i][0]).max() for i in range(len(sentences)))
        differences[f"{name}, {padding}-padded"] = float(gap)

print("padded batch (the default, padding='pre'):")
print(keras.utils.pad_sequences(sentences, maxlen=8))
print("output shape:", masked.output_shape, "(6 forward + 6 backward units)")
for case, gap in differences.items():
    print(f"{case:<22} largest change from padding: {gap:.1e}")
masked_difference = max(v for k, v in differences.items() if k.startswith("masked"))
unmasked_difference = min(v for k, v in differences.items() if k.startswith("unmasked"))
lstm_parameters = 4 * 6 * (8 + 6 + 1)  # one direction: 4n(m + n + 1)
bidirectional_parameters = masked.layers[-1].count_params()
print(f"Bidirectional(LSTM(6)) on 8 features: {bidirectional_parameters} parameters,")
print(f"twice the {lstm_parameters} of one LSTM(6)")
