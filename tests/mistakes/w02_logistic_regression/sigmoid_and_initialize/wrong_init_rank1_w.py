# np.zeros(dim) makes a rank-1 array of shape (dim,), not a column (dim, 1).
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros(dim)
    b = 0.0
    return w, b
