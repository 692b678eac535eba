"""The lecture's image data: MNIST digits from keras.datasets.

Downloads the file once into ~/.keras/datasets and prints the arrays' shapes.
Network: downloads MNIST (11 MB) with keras.datasets.mnist
"""

import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
train_shape, test_shape = list(x_train.shape), list(x_test.shape)
print("train:", x_train.shape, y_train.shape, " test:", x_test.shape, y_test.shape)
print("pixel values from", x_train.min(), "to", x_train.max(), "; classes", set(y_test))
