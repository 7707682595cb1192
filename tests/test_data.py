"""Offline data sets: shapes, layouts and determinism."""
import numpy as np

from course import data


def test_digits_binary_layout_and_determinism():
    tr_x, tr_y, te_x, te_y, classes = data.load_digits_binary()
    assert tr_x.ndim == 3 and tr_x.shape[1:] == (8, 8)
    assert tr_y.shape == (1, tr_x.shape[0]) and te_y.shape == (1, te_x.shape[0])
    assert set(np.unique(tr_y)) == {0, 1} and list(classes) == ["8", "3"]
    assert 0 <= tr_x.min() and tr_x.max() <= 16
    again = data.load_digits_binary()
    assert np.array_equal(again[0], tr_x)


def test_digits_split_options():
    (x, t), (xt, tt) = data.load_digits_split()
    assert x.shape[1] == 64 and x.max() <= 1.0 and t.ndim == 1
    assert len(x) + len(xt) == 1797
    (x, t), _ = data.load_digits_split(flatten=False, one_hot_label=True)
    assert x.shape[1:] == (1, 8, 8) and t.shape[1] == 10 and np.allclose(t.sum(axis=1), 1)


def test_two_d_sets():
    X, Y = data.load_planar_dataset()
    assert X.shape == (2, 400) and Y.shape == (1, 400)
    X, Y, Xt, Yt = data.load_moons(200, test_m=50)
    assert X.shape == (2, 200) and Xt.shape == (2, 50)
    extra = data.load_extra_datasets()
    assert set(extra) == {"noisy_circles", "noisy_moons", "blobs", "gaussian_quantiles"}
    assert data.one_hot(np.array([2, 0]), 3).tolist() == [[0, 0, 1], [1, 0, 0]]
