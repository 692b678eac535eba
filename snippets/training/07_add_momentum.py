"""Exercise 2 solution: gradient descent with momentum, in NumPy and in Keras.

A velocity accumulates past gradients, v <- μ v - η ∇J, and the weights move by it,
W <- W + v. Plain descent and momentum (μ = 0.9) start from the same five initial weights
(seeds); for the first, `keras.optimizers.SGD(momentum=0.9)` checks the NumPy loop, in
float64 throughout. Backend: tensorflow
"""

import keras
import numpy as np

seeds = [0, 1, 2, 3, 4]
rng = np.random.default_rng(0)
x = rng.uniform(-3, 3, size=(200, 1))
y = np.sin(x) + 0.1 * rng.normal(size=(200, 1))


def initial_weights(seed):
    weights_rng = np.random.default_rng(seed)
    w1 = weights_rng.normal(0.0, 1.0, size=(1, 16))
    return [w1, np.zeros(16), weights_rng.normal(0.0, 0.25, size=(16, 1)), np.zeros(1)]


def gradient_descent(initial, momentum, learning_rate=0.03, steps=100):
    w1, b1, w2, b2 = (value.copy() for value in initial)
    velocity = [np.zeros_like(value) for value in initial]
    for _ in range(steps):
        h = np.tanh(x @ w1 + b1)
        delta2 = 2.0 * (h @ w2 + b2 - y) / len(x)
        delta1 = (delta2 @ w2.T) * (1.0 - h**2)
        gradients = [x.T @ delta1, delta1.sum(0), h.T @ delta2, delta2.sum(0)]
        for weights, v, gradient in zip(
            [w1, b1, w2, b2], velocity, gradients, strict=True
        ):
            v *= momentum
            v -= learning_rate * gradient
            weights += v
    loss = float(np.mean((np.tanh(x @ w1 + b1) @ w2 + b2 - y) ** 2))
    return [w1, b1, w2, b2], loss


final_loss = {"plain": [], "momentum": []}  # one value per seed
for seed in seeds:
    final_loss["plain"].append(gradient_descent(initial_weights(seed), 0.0)[1])
    final_loss["momentum"].append(gradient_descent(initial_weights(seed), 0.9)[1])
    print(f"seed {seed}: loss after 100 steps without momentum "
          f"{final_loss['plain'][-1]:.4f}, with momentum "
          f"{final_loss['momentum'][-1]:.4f}")  # fmt: skip

mean_final_loss = {name: float(np.mean(v)) for name, v in final_loss.items()}
print(f"mean over {len(seeds)} seeds: {mean_final_loss['plain']:.4f} without momentum, "
      f"{mean_final_loss['momentum']:.4f} with")  # fmt: skip

keras.config.set_floatx("float64")  # Keras's own arithmetic (the learning rate) too
model = keras.Sequential(
    [
        keras.Input(shape=(1,)),
        keras.layers.Dense(16, activation="tanh"),
        keras.layers.Dense(1),
    ]
)
model.set_weights(initial_weights(seeds[0]))
model.compile(
    optimizer=keras.optimizers.SGD(learning_rate=0.03, momentum=0.9),
    loss="mean_squared_error",
)
# 100 full-batch steps: 100 epochs of one batch each, in order
model.fit(x, y, batch_size=len(x), epochs=100, shuffle=False, verbose=0)
keras_weights = model.get_weights()
keras.config.set_floatx("float32")  # back to the default


def largest_difference(momentum):
    numpy_weights = gradient_descent(initial_weights(seeds[0]), momentum)[0]
    pairs = zip(keras_weights, numpy_weights, strict=True)
    return max(float(np.max(np.abs(a - b))) for a, b in pairs)


momentum_weight_difference = largest_difference(0.9)
# SGD casts its momentum with ops.cast(0.9, "float64"); TensorFlow makes a float32
# tensor of the Python float first, so Keras multiplies by float32's nearest 0.9.
keras_momentum = float(np.float32(0.9))  # 0.8999999761581421
rounded_weight_difference = largest_difference(keras_momentum)
print(f"seed {seeds[0]}, largest |Keras - NumPy| weight difference: "
      f"{momentum_weight_difference:.1e} with μ = 0.9, "
      f"{rounded_weight_difference:.1e} with μ = {keras_momentum!r}")  # fmt: skip
