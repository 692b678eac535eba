"""Forecasting a noisy periodic series with SimpleRNN, LSTM and GRU.

The same small network, one recurrent layer of 16 units and a linear output, reads
windows of 20 past values and predicts the next one; only the recurrent layer differs.

Figure: One-step-ahead forecasts on the last 100 steps of the test series. The three
recurrent networks follow the noisy series (dots) closely and almost coincide.
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

keras.utils.set_random_seed(3)
rng = np.random.default_rng(3)
t = np.arange(1600)
series = np.sin(2 * np.pi * t / 25) + 0.5 * np.sin(2 * np.pi * t / 70)
series = (series + 0.1 * rng.normal(size=t.size)).astype("float32")
window = 20
x = np.stack([series[i : i + window] for i in range(t.size - window)])[..., None]
y = series[window:]
split = 1100
x_train, y_train, x_test, y_test = x[:split], y[:split], x[split:], y[split:]

# --8<-- [start:model]
test_mse, predictions = {}, {}
for name in ["SimpleRNN", "LSTM", "GRU"]:
    model = keras.Sequential(
        [
            keras.Input(shape=(window, 1)),
            getattr(keras.layers, name)(16),
            keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    model.fit(x_train, y_train, epochs=15, batch_size=128, verbose=0)
    predictions[name] = model.predict(x_test, verbose=0)[:, 0]
    test_mse[name] = float(np.mean((predictions[name] - y_test) ** 2))
# --8<-- [end:model]

naive_mse = float(np.mean((x_test[:, -1, 0] - y_test) ** 2))  # "tomorrow = today"
noise_mse = 0.1**2
print(f"{'layer':<18} test MSE")
for name, mse in test_mse.items():
    print(f"{name:<18} {mse:.4f}")
print(f"{'repeat last value':<18} {naive_mse:.4f}")

steps = t[window + split :][-100:]
plt.figure(figsize=(9, 3.6))
plt.plot(steps, y_test[-100:], ".", color="0.5", label="series (test)")
for name, forecast in predictions.items():
    plt.plot(steps, forecast[-100:], label=f"{name}, MSE {test_mse[name]:.4f}")
plt.xlabel("time step $t$")
plt.ylabel("$x_t$")
plt.legend(loc="upper right", ncols=2)
plt.show()
