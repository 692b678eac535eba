"""MLP for regression: disease progression in the diabetes data, over five seeds.

The cheat sheet's network: Dense 64 with ReLU and one linear output, mean squared
error as loss and mean absolute error as metric, on standardised inputs. Each seed
draws another split and other initial weights; two baselines share each split: always
guessing the mean, and a least-squares linear fit.
"""

import keras
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

x, y = load_diabetes(return_X_y=True)


# --8<-- [start:model]
def build_model():
    model = keras.Sequential(
        [
            keras.Input(shape=(x.shape[1],)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.RMSprop(learning_rate=0.05),
        loss="mse",
        metrics=["mae"],
    )
    return model


# --8<-- [end:model]

seeds = [0, 1, 2, 3, 4]
network_mae, baseline_maes, linear_maes = [], [], []
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.33, random_state=seed
    )
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
    keras.utils.set_random_seed(seed)
    model = build_model()  # a fresh model and optimizer for every seed
    model.fit(x_train, y_train, batch_size=64, epochs=10, verbose=0)
    predictions = keras.ops.convert_to_numpy(model(x_test))[:, 0]
    network_mae.append(float(np.mean(np.abs(y_test - predictions))))
    baseline_maes.append(float(np.mean(np.abs(y_test - y_train.mean()))))
    linear = LinearRegression().fit(
        x_train, y_train
    )  # the simplest model worth beating
    linear_maes.append(float(np.mean(np.abs(y_test - linear.predict(x_test)))))
    print(
        f"seed {seed}: network MAE {network_mae[-1]:5.1f}, linear fit {linear_maes[-1]:5.1f}, "
        f"mean guess {baseline_maes[-1]:5.1f}"
    )

test_mae, test_mae_sd = float(np.mean(network_mae)), float(np.std(network_mae, ddof=1))
baseline_mae, baseline_sd = (
    float(np.mean(baseline_maes)),
    float(np.std(baseline_maes, ddof=1)),
)
linear_mae, linear_sd = float(np.mean(linear_maes)), float(np.std(linear_maes, ddof=1))
network_minus_linear = np.subtract(
    network_mae, linear_maes
)  # paired: same split, per seed
ratios = np.divide(network_mae, baseline_maes)
largest_ratio = float(ratios.max())
print(
    f"test MAE {test_mae:.1f} ± {test_mae_sd:.1f} (mean ± sd over {len(seeds)} seeds)"
)
print(
    f"MAE when always predicting the training mean: {baseline_mae:.1f} ± {baseline_sd:.1f}"
)
print(f"MAE of a least-squares linear fit: {linear_mae:.1f} ± {linear_sd:.1f}")
print(f"network / baseline, worst seed: {largest_ratio:.2f}")
print("network minus linear, per seed:", network_minus_linear.round(1))
