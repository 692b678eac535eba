"""MLP for regression: disease progression in the diabetes data, over five seeds.

The cheat sheet's network: Dense 64 with ReLU and one linear output, mean squared
error as loss and mean absolute error as metric, on standardised inputs. Each seed
draws another split and other initial weights; the baseline always guesses the mean.
"""

import keras
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

x, y = load_diabetes(return_X_y=True)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(x.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ]
)
model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=0.05), loss="mse", metrics=["mae"]
)
# --8<-- [end:model]

seeds = [0, 1, 2, 3, 4]
network_mae, baseline_maes = [], []
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        x, y, test_size=0.33, random_state=seed
    )
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
    # A fresh start for this seed: new initial weights (a clone draws its own) and an
    # empty RMSprop state, without compiling (and tracing the training step) again
    keras.utils.set_random_seed(seed)
    model.set_weights(keras.models.clone_model(model).get_weights())
    for variable in model.optimizer.variables:
        if len(variable.shape) > 0:  # the running averages; the scalars: step, rate
            variable.assign(keras.ops.zeros(variable.shape))
    model.fit(x_train, y_train, batch_size=64, epochs=10, verbose=0)
    predictions = keras.ops.convert_to_numpy(model(x_test))[:, 0]
    network_mae.append(float(np.mean(np.abs(y_test - predictions))))
    baseline_maes.append(float(np.mean(np.abs(y_test - y_train.mean()))))
    print(
        f"seed {seed}: network MAE {network_mae[-1]:5.1f}, mean guess {baseline_maes[-1]:5.1f}"
    )

test_mae, test_mae_sd = float(np.mean(network_mae)), float(np.std(network_mae))
baseline_mae, baseline_sd = float(np.mean(baseline_maes)), float(np.std(baseline_maes))
ratios = np.divide(network_mae, baseline_maes)
largest_ratio = float(ratios.max())
print(
    f"test MAE {test_mae:.1f} ± {test_mae_sd:.1f} (mean ± sd over {len(seeds)} seeds)"
)
print(
    f"MAE when always predicting the training mean: {baseline_mae:.1f} ± {baseline_sd:.1f}"
)
print(f"network / baseline, worst seed: {largest_ratio:.2f}")
