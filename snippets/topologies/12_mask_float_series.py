"""Exercise: masking a padded series of numbers, and the trap of a real zero.

keras.layers.Masking(mask_value=0.0) marks every time step whose features all equal 0.0.
A series padded with zeros gives the same output as the series alone; a real 0.0 inside
the series is skipped too, exactly as if that step had been removed.
"""

import keras
import numpy as np

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(None, 1)),
        keras.layers.Masking(mask_value=0.0),
        keras.layers.Bidirectional(keras.layers.GRU(4)),
    ]
)


def output(values):  # one series of numbers, shape (1, steps, 1)
    return model.predict_on_batch(np.array(values, "float32")[None, :, None])[0]


series = [0.3, -1.2, 0.8, 1.5]
padding_difference = float(np.abs(output(series + [0.0] * 4) - output(series)).max())
with_zero = [0.3, 0.0, -1.2, 0.8]  # a real measurement of 0.0 at the second step
zero_removed = [0.3, -1.2, 0.8]
real_zero_difference = float(np.abs(output(with_zero) - output(zero_removed)).max())
shifted_difference = float(
    np.abs(output([0.3, 1e-3, -1.2, 0.8]) - output(with_zero)).max()
)
print(f"padded with four zeros vs alone:        {padding_difference:.1e}")
print(f"series with a real 0.0 vs 0.0 removed:  {real_zero_difference:.1e}")
print(f"0.0 replaced by 0.001 vs the real 0.0:  {shifted_difference:.1e}")
