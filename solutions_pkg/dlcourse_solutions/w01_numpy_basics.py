"""Reference solutions, week 1: Python and NumPy basics (Coursera C1W2 "Python Basics with
numpy"; book ch.1)."""
import numpy as np


def sigmoid(x):
    """σ(x) = 1 / (1 + e^(−x)), elementwise, any shape, no overflow for large |x|."""
    x = np.asarray(x, dtype=float)
    # e^(−|x|) never overflows; the two branches are the same function rearranged.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_derivative(x):
    """σ'(x) = σ(x)(1 − σ(x)), elementwise."""
    s = sigmoid(x)
    return s * (1 - s)


def image2vector(image):
    """(length, height, depth) → (length·height·depth, 1)."""
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    """Each row of a (n, d) matrix divided by its L2 norm."""
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def softmax(x):
    """Row-wise softmax of a (n, d) matrix, or softmax of a 1-D vector; stable."""
    x = np.asarray(x, dtype=float)
    shifted = x - np.max(x, axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=-1, keepdims=True)


def L1(yhat, y):
    """Σ|y − ŷ| as a Python float."""
    return float(np.sum(np.abs(y - yhat)))


def L2(yhat, y):
    """Σ(y − ŷ)² as a Python float: the dot product of the flattened difference with itself."""
    diff = np.ravel(y - yhat)
    return float(np.dot(diff, diff))


class RunningMean:
    """The mean of the numbers seen so far, updated one number at a time (count: how many)."""

    def __init__(self):
        self.count = 0
        self.total = 0.0

    def update(self, x):
        self.count += 1
        self.total += x

    def mean(self):
        if self.count == 0:
            return 0.0
        return self.total / self.count


# Concept questions: the notebook asks for these exact answers.
answer_broadcast_shape = (4, 3, 5)
answer_rank1_choices = {1, 3}
answer_axis_sum = (3, 1)
