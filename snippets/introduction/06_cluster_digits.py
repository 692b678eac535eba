"""The same digits as a supervised and as an unsupervised learning problem.

Supervised: a logistic regression learns from labelled training images. Unsupervised:
k-means groups the same training images into ten clusters without seeing a label. Both
are scored on the test images, over five seeds (split and k-means start).

Figure: The ten k-means cluster centres of the first seed, each shown as an 8 x 8 image and
titled with the digit most of its training images show.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import train_test_split

images, labels = load_digits(return_X_y=True)
images = images / 16.0  # grey levels 0..16 to 0..1
seeds = [0, 1, 2, 3, 4]
supervised_accuracy, cluster_accuracy, cluster_agreement = [], [], []
digits_without_cluster = []
for seed in seeds:
    x_train, x_test, y_train, y_test = train_test_split(
        images, labels, test_size=0.25, stratify=labels, random_state=seed
    )
    # --8<-- [start:learn]
    # Supervised: images and their labels
    classifier = LogisticRegression(max_iter=1000).fit(x_train, y_train)
    supervised_accuracy.append(classifier.score(x_test, y_test))

    # Unsupervised: images only; k-means finds ten groups of similar images
    kmeans = KMeans(n_clusters=10, n_init=1, random_state=seed).fit(x_train)
    test_clusters = kmeans.predict(x_test)
    cluster_agreement.append(adjusted_rand_score(y_test, test_clusters))
    # --8<-- [end:learn]

    # Only now look at labels: name each cluster after its most common training digit
    names = np.array(
        [
            np.bincount(y_train[kmeans.labels_ == c], minlength=10).argmax()
            for c in range(10)
        ]
    )
    cluster_accuracy.append(float(np.mean(names[test_clusters] == y_test)))
    digits_without_cluster.append(sorted(set(range(10)) - set(names.tolist())))
    if seed == seeds[0]:
        centres, centre_names = kmeans.cluster_centers_, names

summary = {
    "supervised": supervised_accuracy,
    "k-means, clusters named": cluster_accuracy,
    "k-means, adjusted Rand": cluster_agreement,
}
print(f"{'':<24}{'mean':>6}{'sd':>7}   per seed")
for name, scores in summary.items():
    runs = " ".join(f"{s:.3f}" for s in scores)
    print(f"{name:<24}{np.mean(scores):6.3f}{np.std(scores):7.3f}   {runs}")
print("digits that name no cluster, per seed:", digits_without_cluster)
mean_supervised = float(np.mean(supervised_accuracy))
mean_cluster_accuracy = float(np.mean(cluster_accuracy))
mean_agreement = float(np.mean(cluster_agreement))
smallest_lead = float(np.min(np.subtract(supervised_accuracy, cluster_accuracy)))

figure, axes = plt.subplots(1, 10, figsize=(10, 1.8))
for axis, centre, name in zip(axes, centres, centre_names, strict=True):
    axis.imshow(centre.reshape(8, 8), cmap="gray_r")
    axis.set_title(f"mostly {name}", fontsize=9)
    axis.axis("off")
plt.show()
