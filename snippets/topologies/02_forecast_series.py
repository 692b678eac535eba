"""Forecasting a noisy periodic series: SimpleRNN, LSTM and GRU against a linear AR(10) fit.

Each network (one recurrent layer of 16 units, a linear output) reads windows of 10 past
values and predicts the next; the baseline is the least-squares autoregression on the same
windows. Every (network, seed) run starts from a fresh model and optimizer.

Figure: Left, one-step-ahead forecasts (first seed) on the last 100 test steps (dots). Right,
the test mean squared error of each model in each seed (one line per seed), with the noise
floor (dashed).

Timeout: 240
"""

import keras
import matplotlib.pyplot as plt
import numpy as np
from scipy import stats

t = np.arange(1000)
clean = np.sin(2 * np.pi * t / 25) + 0.5 * np.sin(2 * np.pi * t / 70)
window, split, epochs, noise_mse = 10, 660, 20, 0.1**2
seeds = [0, 1, 2, 3, 4]


def windows(seed):  # the series with the seed's noise, cut into (window, next value)
    noisy = clean + 0.1 * np.random.default_rng(seed).normal(size=t.size)
    x = np.stack([noisy[i : i + window] for i in range(t.size - window)])[..., None]
    return x.astype("float32"), noisy[window:].astype("float32")


# --8<-- [start:model]
def forecast(name, seed, x, y):  # a fresh model and optimizer for every run
    keras.utils.set_random_seed(seed)  # initial weights and batch order
    model = keras.Sequential(
        [
            keras.Input(shape=(window, 1)),
            getattr(keras.layers, name)(16),
            keras.layers.Dense(1),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.02), loss="mse")
    model.fit(x[:split], y[:split], epochs=epochs, batch_size=64, verbose=0)
    return model.predict_on_batch(x[split:])[:, 0]


def autoregression(x, y):  # least squares on the same 10 values and a constant
    design = np.c_[x[..., 0], np.ones(len(x))]
    coefficients = np.linalg.lstsq(design[:split], y[:split], rcond=None)[0]
    return design[split:] @ coefficients


test_mse = {"SimpleRNN": [], "LSTM": [], "GRU": [], "AR10": []}
naive_mse, forecasts = [], {}
for seed in seeds:
    x, y = windows(seed)  # every model sees the same series, split and test points
    for name, errors in test_mse.items():
        f = autoregression(x, y) if name == "AR10" else forecast(name, seed, x, y)
        errors.append(float(np.mean((f - y[split:]) ** 2)))
        forecasts.setdefault(name, f)  # keep the first seed's for the figure
    naive_mse.append(float(np.mean((x[split:, -1, 0] - y[split:]) ** 2)))
# --8<-- [end:model]

networks = ["SimpleRNN", "LSTM", "GRU"]
mse = {name: np.array(errors) for name, errors in test_mse.items()}
mean_mse = {name: float(e.mean()) for name, e in mse.items()}
sd_mse = {name: float(e.std(ddof=1)) for name, e in mse.items()}
naive_mean = float(np.mean(naive_mse))
ratio_to_ar = {n: (mse[n] / mse["AR10"]).round(4).tolist() for n in networks}
p_vs_ar = {n: float(stats.ttest_rel(mse[n], mse["AR10"]).pvalue) for n in networks}
worst_vs_naive = float(max(max(mse[n] / naive_mse) for n in networks))
floor_ratio = [float(min(mse[n].min() for n in mse) / noise_mse)]
floor_ratio.append(float(max(mse[n].max() for n in mse) / noise_mse))
print(f"test MSE after {epochs} epochs" + "".join(f"  seed {s}" for s in seeds))
for name, errors in test_mse.items():
    row = "".join(f"{e:8.4f}" for e in errors)
    print(f"{name:<24}{row}   {mean_mse[name]:.4f} +- {sd_mse[name]:.4f} (sd)")
print(f"{'repeat last value':<24}" + "".join(f"{e:8.4f}" for e in naive_mse))
print("paired t-test against AR(10), p:", {n: round(p, 2) for n, p in p_vs_ar.items()})

figure, (left, right) = plt.subplots(1, 2, figsize=(11, 3.8), width_ratios=[2, 1])
x, y = windows(seeds[0])
steps = t[window + split :][-100:]
left.plot(steps, y[split:][-100:], ".", color="0.5", label=f"series (seed {seeds[0]})")
for name, f in forecasts.items():
    left.plot(steps, f[-100:], label=name)
left.set(xlabel="time step $t$", ylabel="$x_t$")
left.legend(loc="upper right", ncols=2)
labels = [n.replace("AR10", "AR(10)") for n in mse]
right.plot(labels, np.array(list(mse.values())), "o-", linewidth=0.8)
right.axhline(noise_mse, linestyle="--", color="0.5", label="noise floor")
right.set_ylim(0, None)
right.set(xlabel="model", ylabel="test MSE (one line per seed)")
right.legend()
plt.show()
