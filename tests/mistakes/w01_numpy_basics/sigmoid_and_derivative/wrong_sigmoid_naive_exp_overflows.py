# The textbook formula as written: correct for small x, but np.exp(-x) overflows for x = -1000.
def sigmoid(x):
    s = 1 / (1 + np.exp(-x))
    return s


def sigmoid_derivative(x):
    s = sigmoid(x)
    return s * (1 - s)
