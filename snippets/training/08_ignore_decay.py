"""Keras 3 ignores `decay=`: a trap when porting Keras 2 code.

Keras 2's `SGD(learning_rate=0.1, decay=0.5)` divided the learning rate by 1 + 0.5 t
after t steps. Keras 3 accepts the argument with only a warning and ignores it. Ten
steps with a gradient of 1 show the step sizes; a schedule restores the old behaviour.
"""

import warnings

import keras
import numpy as np


def step_sizes(optimizer, steps=10):
    """How far a weight moves at each step when its gradient is always 1."""
    weight = keras.Variable(0.0)
    sizes = []
    for _ in range(steps):
        before = float(weight.numpy())
        optimizer.apply([keras.ops.ones(())], [weight])
        sizes.append(before - float(weight.numpy()))  # the learning rate used
    return sizes


# --8<-- [start:trap]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    ported = keras.optimizers.SGD(learning_rate=0.1, decay=0.5)  # Keras 2 code
warning_message = str(caught[0].message)
print(f"Keras 3 warns: {warning_message}")

schedule = keras.optimizers.schedules.InverseTimeDecay(
    initial_learning_rate=0.1, decay_steps=1, decay_rate=0.5
)
scheduled = keras.optimizers.SGD(learning_rate=schedule)  # the Keras 3 way
# --8<-- [end:trap]

ignored_sizes = step_sizes(ported)
scheduled_sizes = step_sizes(scheduled)
keras2_sizes = [0.1 / (1 + 0.5 * t) for t in range(10)]  # what Keras 2 did
print("step  decay=0.5 in Keras 3  InverseTimeDecay  Keras 2's decay")
for t in range(10):
    print(f"{t + 1:>4}  {ignored_sizes[t]:>20.4f}  {scheduled_sizes[t]:>16.4f}"
          f"  {keras2_sizes[t]:>15.4f}")  # fmt: skip
decay_ignored = bool(np.allclose(ignored_sizes, 0.1, atol=1e-6))
schedule_matches_keras2 = bool(np.allclose(scheduled_sizes, keras2_sizes, atol=1e-6))
print(f"decay= ignored: {decay_ignored}; the schedule matches Keras 2: "
      f"{schedule_matches_keras2}")  # fmt: skip
