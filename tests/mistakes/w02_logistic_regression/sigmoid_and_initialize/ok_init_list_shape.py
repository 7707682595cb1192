# A list for the shape and 0. for b: the same result.
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros([dim, 1])
    b = 0.
    return w, b
