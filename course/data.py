"""Offline data sets for the course.

Two layouts are used, as in the two curricula the course follows:

* **columns** (Coursera, w01–w04, w06, w07): ``X.shape == (n_x, m)``, ``Y.shape == (1, m)``;
* **rows** (the book, w05, w08, w09): ``x.shape == (N, D)``, ``t.shape == (N,)`` or ``(N, 10)``.

Everything here works without a network: the digits ship with scikit-learn (1797 images of
8×8 pixels, values 0–16) and the 2-D sets are generated in code from a seed.
"""
from __future__ import annotations

import numpy as np

__all__ = [
    "load_digits_binary", "load_digits_split", "one_hot", "load_planar_dataset",
    "load_extra_datasets", "load_moons", "load_blobs_2d",
]


def _digits():
    from sklearn.datasets import load_digits  # bundled with scikit-learn: no download
    d = load_digits()
    return d.images.astype(np.float64), d.target.astype(np.int64)


def _split_indices(labels: np.ndarray, test_size: float, seed: int):
    """A stratified train/test split of example indices (every class in both parts)."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for c in np.unique(labels):
        idx = rng.permutation(np.flatnonzero(labels == c))
        n_test = int(round(test_size * len(idx)))
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def load_digits_binary(positive: int = 3, negative: int = 8, test_size: float = 0.25, seed: int = 0):
    """A binary image task in the shape of Coursera's cat / non-cat data: "is this a 3 (not an 8)?".

    Returns ``(train_x_orig, train_y, test_x_orig, test_y, classes)``:
    images of shape ``(m, 8, 8)`` with pixel values 0–16, labels of shape ``(1, m)``
    (1 = ``positive``), and ``classes[label]`` the name of a label.
    Flatten with ``x.reshape(x.shape[0], -1).T`` and scale with ``/ 16.`` (the maximum pixel).
    """
    images, target = _digits()
    keep = (target == positive) | (target == negative)
    images, y = images[keep], (target[keep] == positive).astype(np.int64)
    tr, te = _split_indices(y, test_size, seed)
    classes = np.array([f"{negative}", f"{positive}"])
    return images[tr], y[tr].reshape(1, -1), images[te], y[te].reshape(1, -1), classes


def one_hot(labels: np.ndarray, n_classes: int = 10) -> np.ndarray:
    """Labels of shape (N,) → one-hot rows of shape (N, n_classes)."""
    labels = np.asarray(labels, dtype=np.int64).reshape(-1)
    out = np.zeros((labels.size, n_classes))
    out[np.arange(labels.size), labels] = 1.0
    return out


def load_digits_split(normalize: bool = True, flatten: bool = True, one_hot_label: bool = False,
                      test_size: float = 0.2, seed: int = 0):
    """All ten digits, book style (rows): ``(x_train, t_train), (x_test, t_test)``.

    Mirrors the book's ``load_mnist(normalize, flatten, one_hot_label)``: ``x`` is
    ``(N, 64)`` when flattened, else ``(N, 1, 8, 8)`` (NCHW); pixel values are scaled to
    [0, 1] when ``normalize``; ``t`` is ``(N,)`` labels or ``(N, 10)`` one-hot.
    """
    images, target = _digits()
    x = images / 16.0 if normalize else images
    x = x.reshape(len(x), -1) if flatten else x.reshape(len(x), 1, 8, 8)
    t = one_hot(target) if one_hot_label else target
    tr, te = _split_indices(target, test_size, seed)
    return (x[tr], t[tr]), (x[te], t[te])


def load_planar_dataset(m: int = 400, seed: int = 1):
    """Coursera's "flower": two classes of points in petals. ``X (2, m)``, ``Y (1, m)``."""
    rng = np.random.RandomState(seed)
    n = m // 2  # points per class
    d = 2
    X = np.zeros((m, d))
    Y = np.zeros((m, 1), dtype="uint8")
    a = 4  # maximum ray of the flower
    for j in range(2):
        ix = range(n * j, n * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.randn(n) * 0.2  # theta
        r = a * np.sin(4 * t) + rng.randn(n) * 0.2  # radius
        X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[ix] = j
    return X.T, Y.T


def load_extra_datasets(n: int = 200, seed: int = 0):
    """The four extra 2-D sets of Coursera C1W3, each ``(X (m, 2), y (m,))`` in rows.

    Returns a dict with keys ``noisy_circles``, ``noisy_moons``, ``blobs``,
    ``gaussian_quantiles``; transpose to columns with ``X.T``, ``y.reshape(1, -1)``.
    """
    from sklearn import datasets
    blobs = datasets.make_blobs(n_samples=n, random_state=5 + seed, n_features=2, centers=6)
    return {
        "noisy_circles": datasets.make_circles(n_samples=n, factor=0.5, noise=0.3, random_state=seed),
        "noisy_moons": datasets.make_moons(n_samples=n, noise=0.2, random_state=seed),
        "blobs": (blobs[0], blobs[1] % 2),
        "gaussian_quantiles": datasets.make_gaussian_quantiles(
            mean=None, cov=0.5, n_samples=n, n_features=2, n_classes=2, shuffle=True,
            random_state=seed),
    }


def load_moons(m: int = 300, noise: float = 0.2, seed: int = 3, test_m: int = 0):
    """Two interleaving half-moons in columns: ``X (2, m)``, ``Y (1, m)``.

    With ``test_m > 0`` also returns a test set drawn from the same distribution:
    ``X_train, Y_train, X_test, Y_test``.
    """
    from sklearn.datasets import make_moons
    X, y = make_moons(n_samples=m + test_m, noise=noise, random_state=seed)
    X, Y = X.T, y.reshape(1, -1).astype(np.int64)
    if not test_m:
        return X, Y
    return X[:, :m], Y[:, :m], X[:, m:], Y[:, m:]


def load_blobs_2d(m: int = 300, seed: int = 2, test_m: int = 0):
    """Two overlapping Gaussian blobs in columns (a nearly linear task): ``X (2, m)``, ``Y (1, m)``."""
    rng = np.random.default_rng(seed)
    n = m + test_m
    y = rng.integers(0, 2, n)
    X = rng.normal(size=(n, 2)) + np.where(y[:, None] == 1, 1.2, -1.2)
    X, Y = X.T, y.reshape(1, -1)
    if not test_m:
        return X, Y
    return X[:, :m], Y[:, :m], X[:, m:], Y[:, m:]
