"""The lecture's sequences: IMDB reviews from keras.datasets.

Each review is a list of word indices; `num_words` keeps only the most frequent words.
Network: downloads IMDB (17 MB) with keras.datasets.imdb
"""

import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.imdb.load_data(num_words=20000)
train_count, test_count = len(x_train), len(x_test)
largest_index = max(max(review) for review in x_train)
print(f"{train_count} training and {test_count} test reviews")
print("first review starts with", x_train[0][:8], "label", y_train[0])
print("largest word index:", largest_index)
