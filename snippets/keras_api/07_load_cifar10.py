"""The lecture's colour images: CIFAR-10 from keras.datasets.

Downloads the file once into ~/.keras/datasets and prints the arrays' shapes.
Network: downloads CIFAR-10 (170 MB) with keras.datasets.cifar10
"""

import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
train_shape, test_shape = list(x_train.shape), list(x_test.shape)
print("train:", x_train.shape, y_train.shape, " test:", x_test.shape, y_test.shape)
