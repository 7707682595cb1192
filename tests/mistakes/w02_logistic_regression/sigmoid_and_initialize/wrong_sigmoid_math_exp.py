# math.exp instead of np.exp: works on one number, fails on an array.
# expect: np.exp
import math


def sigmoid(z):
    s = 1 / (1 + math.exp(-z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
