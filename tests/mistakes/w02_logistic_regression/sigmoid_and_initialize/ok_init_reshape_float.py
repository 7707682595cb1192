# A rank-1 array reshaped into a column, and float(0).
def sigmoid(z):
    s = 1 / (1 + np.exp(-z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros(dim, dtype=np.float64).reshape(-1, 1)
    b = float(0)
    return w, b
