# math.exp instead of np.exp: works on one number, fails on an array.
# expect: np.exp
import math


def sigmoid(z):
    s = 1 / (1 + math.exp(-z))
    return s
