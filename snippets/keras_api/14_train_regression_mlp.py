"""MLP for regression: disease progression in the diabetes data.

The cheat sheet's network: Dense 64 with ReLU and one linear output, mean squared
error as loss and mean absolute error as metric, on standardised inputs.
"""

import keras
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

keras.utils.set_random_seed(14)
x, y = load_diabetes(return_X_y=True)
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.33, random_state=42
)
scaler = StandardScaler().fit(x_train)
x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

# --8<-- [start:model]
model = keras.Sequential(
    [
        keras.Input(shape=(x_train.shape[1],)),
        keras.layers.Dense(64, activation="relu"),
        keras.layers.Dense(1),
    ]
)
model.compile(
    optimizer=keras.optimizers.RMSprop(learning_rate=0.01), loss="mse", metrics=["mae"]
)
model.fit(x_train, y_train, batch_size=32, epochs=40, verbose=0)
# --8<-- [end:model]

test_mse, test_mae = model.evaluate(x_test, y_test, verbose=0)
baseline_mae = float(np.mean(np.abs(y_test - y_train.mean())))  # always guess the mean
print(f"test MSE {test_mse:.0f}, test MAE {test_mae:.1f}")
print(f"MAE when always predicting the training mean: {baseline_mae:.1f}")
