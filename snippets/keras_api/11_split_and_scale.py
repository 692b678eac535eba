"""Train/test split and standardisation, fitted on the training data only.

`train_test_split` holds a third of the diabetes data back; `StandardScaler` learns
each feature's mean and standard deviation from the training part and applies them
to both parts.
"""

from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

x, y = load_diabetes(return_X_y=True, scaled=False)  # raw units: age in years, ...

# --8<-- [start:split]
x_train, x_test, y_train, y_test = train_test_split(
    x, y, test_size=0.33, random_state=42
)
scaler = StandardScaler().fit(x_train)  # learns the means and deviations of x_train
x_train_scaled = scaler.transform(x_train)
x_test_scaled = scaler.transform(x_test)  # the same numbers, not refitted
# --8<-- [end:split]

train_size, test_size = len(x_train), len(x_test)
train_mean = float(abs(x_train_scaled.mean(axis=0)).max())
test_mean = float(abs(x_test_scaled.mean(axis=0)).max())
train_std = float(x_train_scaled.std(axis=0).mean())
print(f"{train_size} training rows, {test_size} test rows")
print(f"age: mean {scaler.mean_[0]:.1f} years, std {scaler.scale_[0]:.1f} years")
print(
    f"largest |mean| of a scaled feature: train {train_mean:.1e}, test {test_mean:.3f}"
)
print(f"average std of the scaled training features: {train_std:.3f}")
