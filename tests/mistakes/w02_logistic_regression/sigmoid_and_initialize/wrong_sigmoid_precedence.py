# Missing parentheses: 1 / 1 + e^(−z) is 1 + e^(−z), not 1 / (1 + e^(−z)).
def sigmoid(z):
    s = 1 / 1 + np.exp(-z)
    return s


def initialize_with_zeros(dim):
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b
