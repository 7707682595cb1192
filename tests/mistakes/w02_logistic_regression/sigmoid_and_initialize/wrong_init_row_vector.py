# Shape (1, dim): a row, so w.T @ X no longer works.
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros((1, dim))
    b = 0.0
    return w, b
