# σ'(x) = e^(−|x|) / (1 + e^(−|x|))²: the same value, written with exponentials (symmetric in x).
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2
