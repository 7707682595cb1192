# Computes s but returns it instead of the derivative.
# expect: σ(x) itself
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s * (1 - s)
    return s
