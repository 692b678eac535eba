"""The lecture's regression data: Boston housing from keras.datasets.

Downloads the file once into ~/.keras/datasets and prints the arrays' shapes.
Network: downloads Boston housing (57 kB) with keras.datasets.boston_housing
"""

import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.boston_housing.load_data()
train_shape, test_shape = list(x_train.shape), list(x_test.shape)
print("train:", x_train.shape, y_train.shape, " test:", x_test.shape, y_test.shape)
print(f"Prices (k$) from {y_train.min():.1f} to {y_train.max():.1f}")
