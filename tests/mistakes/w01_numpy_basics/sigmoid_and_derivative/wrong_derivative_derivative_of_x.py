# Applies the derivative formula to x instead of σ(x): x(1 − x).
# expect: applied to x itself
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    ds = x * (1 - x)
    return ds
