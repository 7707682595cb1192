# Forgets the (1 − σ) factor: returns σ(x)·σ(x).
# expect: σ(x)·σ(x)
def sigmoid(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_derivative(x):
    s = sigmoid(x)
    ds = s * s
    return ds
