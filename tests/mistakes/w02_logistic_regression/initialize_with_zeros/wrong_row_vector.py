# Shape (1, dim): a row, so w.T @ X no longer works.
def initialize_with_zeros(dim):
    w = np.zeros((1, dim))
    b = 0.0
    return w, b
