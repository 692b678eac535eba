"""Exercise 1 solution: the gradient of softmax cross-entropy is sigma(o) - y.

The log loss of the table, -sum_j y_j log sigma(o)_j, is differentiated with respect to
the logits o by TensorFlow's automatic differentiation and compared with the formula.
"""

import numpy as np
import tensorflow as tf

rng = np.random.default_rng(6)
y = np.eye(5)[rng.integers(0, 5, size=32)]  # one-hot targets, 5 classes
o = tf.Variable(rng.normal(size=(32, 5)))  # logits

with tf.GradientTape() as tape:
    log_loss = -tf.reduce_sum(y * tf.nn.log_softmax(o), axis=-1)
tape_gradient = tape.gradient(log_loss, o).numpy()  # one example's loss per row

formula_gradient = tf.nn.softmax(o).numpy() - y
gradient_error = float(np.max(np.abs(tape_gradient - formula_gradient)))
print("first example, tape:   ", tape_gradient[0].round(4))
print("first example, formula:", formula_gradient[0].round(4))
print(f"largest difference over 32 examples: {gradient_error:.1e}")
