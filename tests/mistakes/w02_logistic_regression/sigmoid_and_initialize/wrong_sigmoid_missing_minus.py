# The minus sign in the exponent forgotten: computes σ(−z).
def sigmoid(z):
    s = 1 / (1 + np.exp(z))
    return s


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
