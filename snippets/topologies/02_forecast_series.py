"""Forecasting a noisy periodic series with SimpleRNN, LSTM and GRU, over five seeds.

The same small network, one recurrent layer of 16 units and a linear output, reads
windows of 10 past values and predicts the next one; only the recurrent layer differs.
Each seed draws new noise, new initial weights and a new order of the training batches.

Figure: Left, one-step-ahead forecasts of the three networks (seed 0) on the last 100
steps of the test series (dots). Right, the test mean squared error of each network in
each of the five seeds (one line per seed), with the noise floor (dashed).
"""

import keras
import matplotlib.pyplot as plt
import numpy as np

t = np.arange(1000)
clean = np.sin(2 * np.pi * t / 25) + 0.5 * np.sin(2 * np.pi * t / 70)
window, split, seeds = 10, 660, range(5)
noise_mse = 0.1**2


def windows(seed):  # the series with the seed's noise, cut into (window, next value)
    noisy = clean + 0.1 * np.random.default_rng(seed).normal(size=t.size)
    x = np.stack([noisy[i : i + window] for i in range(t.size - window)])[..., None]
    return x.astype("float32"), noisy[window:].astype("float32")


def recurrent_model(name):
    layer = getattr(keras.layers, name)(16)
    return keras.Sequential(
        [keras.Input(shape=(window, 1)), layer, keras.layers.Dense(1)]
    )


# --8<-- [start:model]
test_mse, forecasts = {"SimpleRNN": [], "LSTM": [], "GRU": []}, {}
for name, errors in test_mse.items():
    model = recurrent_model(name)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.02), loss="mse")
    model.optimizer.build(model.trainable_variables)
    fresh_adam = [v.numpy() for v in model.optimizer.variables]
    # Compiled once per cell (tracing the training step takes longer than training it
    # here); each seed then restarts it from new weights and a fresh optimizer.
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        model.set_weights(recurrent_model(name).get_weights())  # new random weights
        model.optimizer.set_weights(fresh_adam)  # step 0, no momentum
        x, y = windows(seed)
        model.fit(x[:split], y[:split], epochs=3, batch_size=64, verbose=0)
        forecast = model.predict_on_batch(x[split:])[:, 0]
        errors.append(float(np.mean((forecast - y[split:]) ** 2)))
        forecasts.setdefault(name, forecast)  # keep seed 0's for the figure
# --8<-- [end:model]

naive_mse = [
    float(np.mean((x[split:, -1, 0] - y[split:]) ** 2)) for x, y in map(windows, seeds)
]
naive_mean = float(np.mean(naive_mse))
all_runs = np.concatenate(list(test_mse.values()))
floor_ratio = [float(all_runs.min() / noise_mse), float(all_runs.max() / noise_mse)]
worst_vs_naive = float(max(max(np.divide(e, naive_mse)) for e in test_mse.values()))
mean_mse = {name: float(np.mean(errors)) for name, errors in test_mse.items()}
sd_mse = {name: float(np.std(errors, ddof=1)) for name, errors in test_mse.items()}
print(f"{'test MSE':<18}" + "".join(f"  seed {s}" for s in seeds) + "   mean +- sd")
for name, errors in test_mse.items():
    row = "".join(f"{e:8.4f}" for e in errors)
    print(f"{name:<18}{row}   {mean_mse[name]:.4f} +- {sd_mse[name]:.4f}")
print(f"{'repeat last value':<18}" + "".join(f"{e:8.4f}" for e in naive_mse))

figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8), width_ratios=[2, 1])
x, y = windows(0)
steps = t[window + split :][-100:]
left.plot(steps, y[split:][-100:], ".", color="0.5", label="series (test, seed 0)")
for name, forecast in forecasts.items():
    left.plot(steps, forecast[-100:], label=name)
left.set_xlabel("time step $t$")
left.set_ylabel("$x_t$")
left.legend(loc="upper right", ncols=2)
right.plot(list(test_mse), np.array(list(test_mse.values())), "o-", linewidth=0.8)
right.axhline(noise_mse, linestyle="--", color="0.5", label="noise floor")
right.set_ylim(0, None)
right.set_xlabel("recurrent layer")
right.set_ylabel("test MSE (one line per seed)")
right.legend()
plt.show()
