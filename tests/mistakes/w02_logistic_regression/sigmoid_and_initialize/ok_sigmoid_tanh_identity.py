# σ(z) = (1 + tanh(z/2)) / 2: a different, equally correct formula.
def sigmoid(z):
    s = 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))
    return s


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
